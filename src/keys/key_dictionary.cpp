// String keys to dense codes (da06/string_keys.hpp): an open-addressing table over 64-bit hashes, fed
// straight from Arrow buffers. Keys are short (unit ids, indicator codes), so the hash reads 8 bytes at a
// time and mixes with two multiplications; the table holds code + 1 per slot and stays at most half full.
#include "da06/string_keys.hpp"

#include "da06/error.hpp"

#include <bit>
#include <cstring>

namespace da06 {
inline namespace v1 {

namespace {

inline std::uint64_t load8(const unsigned char* p, std::size_t n) {  // n ≤ 8 bytes, zero-padded
  std::uint64_t v = 0;
  std::memcpy(&v, p, n);
  return v;
}

// The first len (≤ 8) bytes at p as a zero-padded word: one unaligned load and a mask when 8 bytes are
// readable before `end` (a variable-length memcpy would be a library call per key).
inline std::uint64_t word_at(const unsigned char* p, std::size_t len, const unsigned char* end) {
  if (std::endian::native == std::endian::little && p + 8 <= end) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return len == 8 ? v : v & ((std::uint64_t{1} << (8 * len)) - 1);  // little-endian: the low bytes
  }
  return load8(p, len);
}

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  __extension__ typedef unsigned __int128 U;
  const U r = static_cast<U>(a ^ 0x9E3779B97F4A7C15ULL) * static_cast<U>(b ^ 0xD6E8FEB86659FD93ULL);
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

// Keys of ≤ 8 bytes: the word and the length, one multiplication (Fibonacci hashing, high bits used).
inline std::uint64_t short_hash(std::uint64_t w, std::int32_t len) {
  return (w ^ (static_cast<std::uint64_t>(len) << 59) ^ (w >> 29)) * 0x9E3779B97F4A7C15ULL;
}

inline bool valid_at(const std::uint8_t* validity, std::int64_t i) {
  return !validity || ((validity[i >> 3] >> (i & 7)) & 1);
}

}  // namespace

std::uint64_t KeyDictionary::hash(std::string_view key) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(key.data());
  std::size_t n = key.size();
  std::uint64_t h = 0x243F6A8885A308D3ULL ^ n;
  while (n > 8) {
    h = mix(h, load8(p, 8));
    p += 8;
    n -= 8;
  }
  return mix(h, load8(p, n));
}

KeyDictionary::KeyDictionary() : short_(64), short_mask_(63), slots_(64, 0), mask_(63) {}

void KeyDictionary::grow_short() {
  std::vector<ShortSlot> t(short_.size() * 2);
  const std::uint64_t m = t.size() - 1;
  for (const ShortSlot& e : short_) {
    if (e.len < 0) continue;
    std::uint64_t i = (short_hash(e.word, e.len) >> 32) & m;
    while (t[i].len >= 0) i = (i + 1) & m;
    t[i] = e;
  }
  short_.swap(t);
  short_mask_ = m;
}

std::int32_t KeyDictionary::insert_short(std::string_view key) {
  const std::uint64_t w = load8(reinterpret_cast<const unsigned char*>(key.data()), key.size());
  const auto len = static_cast<std::int32_t>(key.size());
  std::uint64_t i = (short_hash(w, len) >> 32) & short_mask_;
  for (;;) {
    const ShortSlot& e = short_[i];
    if (e.len < 0) break;
    if (e.word == w && e.len == len) return e.code;
    i = (i + 1) & short_mask_;
  }
  if (keys_.size() >= 0x7FFFFFFE) throw RangeError("KeyDictionary: more than 2^31 − 2 distinct keys");
  const auto code = static_cast<std::int32_t>(keys_.size());
  keys_.emplace_back(key);
  hashes_.push_back(0);  // short keys live in short_, not in slots_
  short_[i] = ShortSlot{w, len, code};
  if (++short_used_ * 2 > short_.size()) grow_short();
  return code;
}

void KeyDictionary::grow() {
  std::vector<std::int32_t> s(slots_.size() * 2, 0);
  const std::uint64_t m = s.size() - 1;
  for (std::size_t c = 0; c < keys_.size(); ++c) {
    if (keys_[c].size() <= 8) continue;  // in short_
    std::uint64_t i = hashes_[c] & m;
    while (s[i]) i = (i + 1) & m;
    s[i] = static_cast<std::int32_t>(c + 1);
  }
  slots_.swap(s);
  mask_ = m;
}

std::int32_t KeyDictionary::insert_hashed(std::string_view key, std::uint64_t h) {
  std::uint64_t i = h & mask_;
  for (;;) {
    const std::int32_t s = slots_[i];
    if (!s) break;
    const auto c = static_cast<std::size_t>(s - 1);
    if (hashes_[c] == h && keys_[c] == key) return static_cast<std::int32_t>(c);
    i = (i + 1) & mask_;
  }
  if (keys_.size() >= 0x7FFFFFFE) throw RangeError("KeyDictionary: more than 2^31 − 2 distinct keys");
  const auto code = static_cast<std::int32_t>(keys_.size());
  keys_.emplace_back(key);
  hashes_.push_back(h);
  slots_[i] = code + 1;
  if (++long_used_ * 2 > slots_.size()) grow();
  return code;
}

std::int32_t KeyDictionary::insert(std::string_view key) {
  return key.size() <= 8 ? insert_short(key) : insert_hashed(key, hash(key));
}

std::int32_t KeyDictionary::find(std::string_view key) const noexcept {
  if (key.size() <= 8) {
    const std::uint64_t w = load8(reinterpret_cast<const unsigned char*>(key.data()), key.size());
    const auto len = static_cast<std::int32_t>(key.size());
    std::uint64_t i = (short_hash(w, len) >> 32) & short_mask_;
    for (;;) {
      const ShortSlot& e = short_[i];
      if (e.len < 0) return -1;
      if (e.word == w && e.len == len) return e.code;
      i = (i + 1) & short_mask_;
    }
  }
  const std::uint64_t h = hash(key);
  std::uint64_t i = h & mask_;
  for (;;) {
    const std::int32_t s = slots_[i];
    if (!s) return -1;
    const auto c = static_cast<std::size_t>(s - 1);
    if (hashes_[c] == h && keys_[c] == key) return static_cast<std::int32_t>(c);
    i = (i + 1) & mask_;
  }
}

template <class Offset>
inline void KeyDictionary::encode_offsets(const Offset* offsets, const std::uint8_t* data, const std::uint8_t* validity,
                                          std::int64_t offset, std::size_t n, std::int32_t* out) {
  // the previous short key: exports sorted by unit repeat it row after row (two integer compares)
  std::uint64_t prev_w = 0;
  std::size_t prev_len = 9;
  std::int32_t prev_code = -1;
  const unsigned char* end = data + offsets[offset + static_cast<std::int64_t>(n)];  // the last byte read, + 1
  for (std::size_t k = 0; k < n; ++k) {
    const std::int64_t i = offset + static_cast<std::int64_t>(k);
    if (!valid_at(validity, i)) {
      out[k] = -1;
      continue;
    }
    const auto len = static_cast<std::size_t>(offsets[i + 1] - offsets[i]);
    const auto* p = data + offsets[i];
    if (len <= 8) {  // the common case, inline: one word, one probe
      const std::uint64_t w = word_at(p, len, end);
      if (w == prev_w && len == prev_len) {
        out[k] = prev_code;
        continue;
      }
      prev_w = w;
      prev_len = len;
      std::uint64_t j = (short_hash(w, static_cast<std::int32_t>(len)) >> 32) & short_mask_;
      for (;;) {
        const ShortSlot& e = short_[j];
        if (e.word == w && e.len == static_cast<std::int32_t>(len)) {
          out[k] = prev_code = e.code;
          break;
        }
        if (e.len < 0) {
          out[k] = prev_code = insert_short(std::string_view(reinterpret_cast<const char*>(p), len));
          break;
        }
        j = (j + 1) & short_mask_;
      }
      continue;
    }
    const std::string_view key(reinterpret_cast<const char*>(p), len);
    out[k] = insert_hashed(key, hash(key));
  }
}

void KeyDictionary::encode_utf8(const std::int32_t* offsets, const std::uint8_t* data, const std::uint8_t* validity,
                                std::int64_t offset, std::size_t n, std::int32_t* out) {
  encode_offsets(offsets, data, validity, offset, n, out);
}

void KeyDictionary::encode_large_utf8(const std::int64_t* offsets, const std::uint8_t* data, const std::uint8_t* validity,
                                      std::int64_t offset, std::size_t n, std::int32_t* out) {
  encode_offsets(offsets, data, validity, offset, n, out);
}

void KeyDictionary::encode_views(const std::uint8_t* views, const std::uint8_t* const* buffers, std::size_t n_buffers,
                                 const std::uint8_t* validity, std::int64_t offset, std::size_t n, std::int32_t* out) {
  std::uint64_t prev_w = 0;
  std::size_t prev_len = 9;
  std::int32_t prev_code = -1;
  for (std::size_t k = 0; k < n; ++k) {
    const std::int64_t i = offset + static_cast<std::int64_t>(k);
    if (!valid_at(validity, i)) {
      out[k] = -1;
      continue;
    }
    const std::uint8_t* v = views + 16 * i;
    std::int32_t len;
    std::memcpy(&len, v, 4);
    std::string_view key;
    if (len <= 12) {
      key = std::string_view(reinterpret_cast<const char*>(v + 4), static_cast<std::size_t>(len));
    } else {
      std::int32_t buf, off;
      std::memcpy(&buf, v + 8, 4);
      std::memcpy(&off, v + 12, 4);
      if (buf < 0 || static_cast<std::size_t>(buf) >= n_buffers)
        throw DataError("utf8_view: element " + std::to_string(i) + " names data buffer " + std::to_string(buf));
      key = std::string_view(reinterpret_cast<const char*>(buffers[buf]) + off, static_cast<std::size_t>(len));
    }
    if (key.size() <= 8) {
      const std::uint64_t w = load8(reinterpret_cast<const unsigned char*>(key.data()), key.size());
      if (w == prev_w && key.size() == prev_len) {
        out[k] = prev_code;
        continue;
      }
      prev_w = w;
      prev_len = key.size();
    } else {
      prev_len = 9;
    }
    out[k] = prev_code = insert(key);
  }
}

}  // namespace v1
}  // namespace da06
