// Tests of da06/string_keys.hpp and da06/arrow.hpp: codes against a std::unordered_map oracle, over the
// Arrow layouts (utf8, large_utf8, utf8_view, dictionary) built by hand, with offsets and nulls.
#include <doctest/doctest.h>

#include "da06/arrow.hpp"
#include "da06/error.hpp"
#include "da06/string_keys.hpp"

#include <cstring>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace {
std::vector<std::string> random_keys(std::size_t n, std::size_t distinct, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> pool;
  std::uniform_int_distribution<int> len(0, 20), ch(0, 255);
  for (std::size_t i = 0; i < distinct; ++i) {
    std::string s(static_cast<std::size_t>(len(rng)), '\0');
    for (char& c : s) c = static_cast<char>(ch(rng));  // any bytes, zeros included
    pool.push_back(s + std::to_string(i));              // distinct
  }
  std::vector<std::string> out;
  std::uniform_int_distribution<std::size_t> pick(0, distinct - 1);
  for (std::size_t i = 0; i < n; ++i) out.push_back(pool[pick(rng)]);
  return out;
}
}  // namespace

TEST_CASE("string keys: codes in first-appearance order, equal to a hash-map oracle, over utf8 and large_utf8") {
  const auto keys = random_keys(50000, 3000, 1);
  std::vector<std::int32_t> off32{0};
  std::vector<std::int64_t> off64{0};
  std::string data;
  for (const auto& k : keys) {
    data += k;
    off32.push_back(static_cast<std::int32_t>(data.size()));
    off64.push_back(static_cast<std::int64_t>(data.size()));
  }
  // every 7th element null, and an offset of 3 into the arrays
  std::vector<std::uint8_t> validity((keys.size() + 7) / 8, 0);
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (i % 7) validity[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
  const std::size_t off = 3, n = keys.size() - off;
  std::unordered_map<std::string, std::int32_t> oracle;
  std::vector<std::int32_t> want(n);
  std::vector<std::string> order;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = off + k;
    if (i % 7 == 0) {
      want[k] = -1;
      continue;
    }
    auto [it, fresh] = oracle.try_emplace(keys[i], static_cast<std::int32_t>(oracle.size()));
    if (fresh) order.push_back(keys[i]);
    want[k] = it->second;
  }
  da06::KeyDictionary a, b;
  std::vector<std::int32_t> got(n);
  a.encode_utf8(off32.data(), reinterpret_cast<const std::uint8_t*>(data.data()), validity.data(), off, n, got.data());
  CHECK(got == want);
  CHECK(a.keys() == order);
  b.encode_large_utf8(off64.data(), reinterpret_cast<const std::uint8_t*>(data.data()), validity.data(), off, n, got.data());
  CHECK(got == want);
  for (std::size_t c = 0; c < order.size(); ++c) CHECK(a.find(order[c]) == static_cast<std::int32_t>(c));
  CHECK(a.find("not a key at all, long") == -1);
  CHECK(a.find("x") == -1);
}

TEST_CASE("string keys: utf8_view and dictionary arrays through the Arrow C structs") {
  // views: "short" inline, a 20-byte string in data buffer 0
  const std::string longs = "a string of 20 bytes";
  std::vector<std::uint8_t> views(16 * 3, 0);
  auto put_inline = [&](std::size_t i, const std::string& s) {
    const auto len = static_cast<std::int32_t>(s.size());
    std::memcpy(&views[16 * i], &len, 4);
    std::memcpy(&views[16 * i + 4], s.data(), s.size());
  };
  put_inline(0, "short");
  {
    const auto len = static_cast<std::int32_t>(longs.size());
    const std::int32_t buf = 0, at = 0;
    std::memcpy(&views[16], &len, 4);
    std::memcpy(&views[16 + 4], longs.data(), 4);
    std::memcpy(&views[16 + 8], &buf, 4);
    std::memcpy(&views[16 + 12], &at, 4);
  }
  put_inline(2, "short");
  const std::int64_t sizes[1] = {static_cast<std::int64_t>(longs.size())};
  const void* vbufs[4] = {nullptr, views.data(), longs.data(), sizes};
  ArrowArray va{3, 0, 0, 4, 0, vbufs, nullptr, nullptr, nullptr, nullptr};
  ArrowSchema vs{"vu", nullptr, nullptr, 0, 0, nullptr, nullptr, nullptr, nullptr};
  da06::KeyDictionary d;
  std::vector<std::int32_t> out(3);
  da06::encode_arrow_strings(vs, va, d, out.data());
  CHECK(out == std::vector<std::int32_t>{0, 1, 0});
  CHECK(d.keys() == std::vector<std::string>{"short", longs});
  // a dictionary of utf8 with int16 indices, sharing the same KeyDictionary
  const std::int32_t doff[3] = {0, 5, 8};
  const char* ddata = "shortxyz";
  const void* dbufs[3] = {nullptr, doff, ddata};
  ArrowArray dict_values{2, 0, 0, 3, 0, dbufs, nullptr, nullptr, nullptr, nullptr};
  ArrowSchema dict_schema{"u", nullptr, nullptr, 0, 0, nullptr, nullptr, nullptr, nullptr};
  const std::int16_t idx[4] = {1, 0, 1, 1};
  const std::uint8_t valid[1] = {0b1011};
  const void* ibufs[2] = {valid, idx};
  ArrowArray ia{4, 1, 0, 2, 0, ibufs, nullptr, &dict_values, nullptr, nullptr};
  ArrowSchema is{"s", nullptr, nullptr, 0, 0, nullptr, &dict_schema, nullptr, nullptr};
  CHECK(da06::is_arrow_string(is));
  std::vector<std::int32_t> o2(4);
  da06::encode_arrow_strings(is, ia, d, o2.data());
  CHECK(o2 == std::vector<std::int32_t>{2, 0, -1, 2});  // "xyz" is new: code 2
  const std::int16_t bad_idx[1] = {5};
  const void* bbufs[2] = {nullptr, bad_idx};
  ArrowArray bad{1, 0, 0, 2, 0, bbufs, nullptr, &dict_values, nullptr, nullptr};
  CHECK_THROWS_AS(da06::encode_arrow_strings(is, bad, d, o2.data()), da06::DataError);
  ArrowSchema ints{"l", nullptr, nullptr, 0, 0, nullptr, nullptr, nullptr, nullptr};
  CHECK_FALSE(da06::is_arrow_string(ints));
  CHECK_THROWS_AS(da06::encode_arrow_strings(ints, va, d, out.data()), da06::InvalidArgument);
}
