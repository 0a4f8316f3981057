// The aggregation kernel (src/aggregate/kernel.cpp): its run path for sorted exports against a naive
// reference written here, code columns of every width and with maps, and threads. ctest also runs the
// "kernel" cases with DA06_KERNEL=generic, so the portable and the AVX2 build are both checked.
#include <da06/aggregate.hpp>

#include "../src/aggregate/kernel.hpp"

#include <doctest/doctest.h>

#include "aggregate_units.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using da06::Date;
using da06::Level;

namespace {

struct Collect final : da06::detail::RareRows {
  std::vector<std::size_t> got;
  void rows(const std::size_t* index, std::size_t count) override { got.insert(got.end(), index, index + count); }
};

/// A sorted export (unit, indicator, period) of U units × I × P cells, with holes, repeats and anomalies.
struct Export {
  std::vector<std::int32_t> unit, ind, per;
  std::vector<std::int64_t> num, den;
};

Export sorted_export(std::mt19937_64& rng, std::int32_t U, std::int32_t I, std::int32_t P, int anomaly_per_mille) {
  Export e;
  for (std::int32_t u = 0; u < U; ++u)
    for (std::int32_t k = 0; k < I; ++k)
      for (std::int32_t p = 0; p < P; ++p) {
        int copies = rng() % 1000 < 1 ? 0 : (rng() % 1000 < 1 ? 2 : 1);  // holes and repeats break runs
        for (int c = 0; c < copies; ++c) {
          std::int32_t uu = u, kk = k, pp = p;
          std::int64_t d = static_cast<std::int64_t>(rng() % 1000000), n = d ? static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(d)) : 0;
          if (static_cast<int>(rng() % 1000) < anomaly_per_mille) {
            switch (rng() % 5) {
              case 0: n = -1; break;                   // negative count
              case 1: kk = I + static_cast<std::int32_t>(rng() % 3); break;  // indicator out of range
              case 2: pp = -1; break;                  // period out of range
              case 3: uu = U + 5; break;               // unit out of range
              default: d = -7; break;
            }
          }
          e.unit.push_back(uu);
          e.ind.push_back(kk);
          e.per.push_back(pp);
          e.num.push_back(n);
          e.den.push_back(d);
        }
      }
  return e;
}

/// The kernel's sums of an export into `cells` target cells (the trash slab after them cut off: its sums
/// are garbage by design), with the rows it passed to the rare sink.
struct Scattered {
  std::vector<std::int64_t> num, den, rows;
  std::vector<std::size_t> rare;
  da06::detail::ScatterStats stats;
};

Scattered scatter_export(const Export& e, const std::vector<std::uint32_t>& base, std::int32_t U, std::int32_t I,
                         std::int32_t P, std::size_t cells) {
  Scattered s;
  s.num.assign(cells + static_cast<std::size_t>(I) * P, 0);
  s.den = s.num;
  s.rows = s.num;
  Collect rare;
  da06::ObservationView o(e.unit.data(), e.ind.data(), e.per.data(), e.num.data(), e.den.data(), e.unit.size());
  s.stats = da06::detail::scatter_add(
      o, {base.data(), static_cast<std::uint32_t>(U), static_cast<std::uint32_t>(I), static_cast<std::uint32_t>(P),
          static_cast<std::uint32_t>(cells)},
      da06::detail::Accumulators<std::int64_t>{s.num.data(), s.den.data(), s.rows.data()}, rare);
  s.num.resize(cells);
  s.den.resize(cells);
  s.rows.resize(cells);
  s.rare = std::move(rare.got);
  return s;
}

}  // namespace

TEST_CASE("aggregate kernel: the run path on sorted exports equals a naive reference, anomalies included") {
  if (const char* env = std::getenv("DA06_KERNEL")) CHECK(da06::aggregation_kernel() == std::string(env));
  std::mt19937_64 rng(606);
  const std::int32_t U = 40, I = 10, P = 24, A = 4;  // 240 cells per unit: runs of 64 fit, and straddle units
  for (int anomalies : {0, 1, 20}) {
    Export e = sorted_export(rng, U, I, P, anomalies);
    // Units → targets: some units have none (a unit without an ancestor on the date).
    const std::size_t cells = static_cast<std::size_t>(A) * I * P, n = e.unit.size();
    const auto trash = static_cast<std::uint32_t>(cells);
    std::vector<std::uint32_t> base(U + 1, trash);
    std::vector<std::int32_t> target(U);
    for (std::int32_t u = 0; u < U; ++u) {
      target[u] = rng() % 7 == 0 ? -1 : static_cast<std::int32_t>(rng() % A);
      if (target[u] >= 0) base[u] = static_cast<std::uint32_t>(target[u] * I * P);
    }
    const Scattered got = scatter_export(e, base, U, I, P, cells);
    // The naive reference.
    std::vector<std::int64_t> wn(cells), wd(cells), wr(cells);
    std::vector<std::size_t> want_rare;
    std::uint64_t want_or = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const bool ok = e.unit[i] >= 0 && e.unit[i] < U && e.ind[i] >= 0 && e.ind[i] < I && e.per[i] >= 0 && e.per[i] < P &&
                      e.num[i] >= 0 && e.den[i] >= 0 && target[e.unit[i]] >= 0;
      if (!ok) {
        want_rare.push_back(i);
        continue;
      }
      const std::size_t c = (static_cast<std::size_t>(target[e.unit[i]]) * I + e.ind[i]) * P + e.per[i];
      wn[c] += e.num[i];
      wd[c] += e.den[i];
      wr[c] += 1;
      want_or |= static_cast<std::uint64_t>(e.num[i] | e.den[i]);
    }
    CAPTURE(anomalies);
    CHECK(got.num == wn);
    CHECK(got.den == wd);
    CHECK(got.rows == wr);
    CHECK(got.rare == want_rare);
    CHECK(got.stats.count_or == want_or);
    // The run path did most of the work (some of it, at 2 % anomalous rows), and the row path the rest.
    CHECK(got.stats.run_rows > (anomalies <= 1 ? n / 2 : 0));
    CHECK(got.stats.run_rows < n);
  }
}

TEST_CASE("aggregate kernel: a unit's last rows and a block's last rows take the run path too") {
  // 100 rows per unit: one chunk of 64 and a tail of 36, and units straddle the 2048-row blocks. Only a
  // stretch of fewer than 8 rows (at a block's start or end) may go to the row path.
  const std::int32_t U = 60, I = 10, P = 10, A = 3;
  std::mt19937_64 rng(7);
  Export e;
  for (std::int32_t u = 0; u < U; ++u)
    for (std::int32_t k = 0; k < I; ++k)
      for (std::int32_t p = 0; p < P; ++p) {
        e.unit.push_back(u);
        e.ind.push_back(k);
        e.per.push_back(p);
        e.den.push_back(static_cast<std::int64_t>(rng() % 1000));
        e.num.push_back(static_cast<std::int64_t>(rng() % 1000));
      }
  const std::size_t n = e.unit.size(), cells = static_cast<std::size_t>(A) * I * P;
  const auto trash = static_cast<std::uint32_t>(cells);
  std::vector<std::uint32_t> base(U + 1, trash);
  for (std::int32_t u = 0; u < U; ++u) base[u] = static_cast<std::uint32_t>((u % A) * I * P);
  const Scattered got = scatter_export(e, base, U, I, P, cells);
  std::vector<std::int64_t> wn(cells), wd(cells), wr(cells);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = (static_cast<std::size_t>(e.unit[i] % A) * I + e.ind[i]) * P + e.per[i];
    wn[c] += e.num[i];
    wd[c] += e.den[i];
    wr[c] += 1;
  }
  CHECK(got.num == wn);
  CHECK(got.den == wd);
  CHECK(got.rows == wr);
  CHECK(got.rare.empty());
  const std::size_t blocks = (n + 2047) / 2048;
  CHECK(got.stats.run_rows + 2 * 7 * blocks >= n);  // whole chunks alone would be 64 % of the rows
}

TEST_CASE("aggregate kernel: shuffled rows take the row path and give the same sums") {
  std::mt19937_64 rng(7);
  Export e = sorted_export(rng, 12, 8, 10, 5);
  auto run = [&](const Export& x) {
    const std::int32_t U = 12, I = 8, P = 10;
    const std::size_t cells = static_cast<std::size_t>(3) * I * P;
    std::vector<std::uint32_t> base(U + 1, static_cast<std::uint32_t>(cells));
    for (std::int32_t u = 0; u < U; ++u) base[u] = static_cast<std::uint32_t>((u % 3) * I * P);
    const Scattered got = scatter_export(x, base, U, I, P, cells);
    return std::make_tuple(got.num, got.den, got.rows, got.rare.size(), got.stats.run_rows);
  };
  Export s = e;
  std::vector<std::size_t> perm(e.unit.size());
  for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
  std::shuffle(perm.begin(), perm.end(), rng);
  for (std::size_t i = 0; i < perm.size(); ++i) {
    s.unit[i] = e.unit[perm[i]];
    s.ind[i] = e.ind[perm[i]];
    s.per[i] = e.per[perm[i]];
    s.num[i] = e.num[perm[i]];
    s.den[i] = e.den[perm[i]];
  }
  auto a = run(e), b = run(s);
  CHECK(std::get<0>(a) == std::get<0>(b));
  CHECK(std::get<1>(a) == std::get<1>(b));
  CHECK(std::get<2>(a) == std::get<2>(b));
  CHECK(std::get<3>(a) == std::get<3>(b));
  CHECK(std::get<4>(a) > 0);
  CHECK(std::get<4>(b) == 0);
}

namespace {

using da06_test::units;

void check_same(const da06::AggregateResult& a, const da06::AggregateResult& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t g = 0; g < a.size(); ++g) {
    CHECK(a.unit(g) == b.unit(g));
    CHECK(a.indicator(g) == b.indicator(g));
    CHECK(a.period(g) == b.period(g));
    CHECK(a.rows(g) == b.rows(g));
    CHECK(a.numerator_big(g) == b.numerator_big(g));
    CHECK(a.denominator_big(g) == b.denominator_big(g));
    CHECK(a.status(g) == b.status(g));
  }
  CHECK(a.rows_used() == b.rows_used());
  CHECK(a.rows_dropped() == b.rows_dropped());
  REQUIRE(a.bad_row_count() == b.bad_row_count());
  REQUIRE(a.bad_rows().size() == b.bad_rows().size());
  for (std::size_t i = 0; i < a.bad_rows().size(); ++i) {
    CHECK(a.bad_rows()[i].row == b.bad_rows()[i].row);
    CHECK(a.bad_rows()[i].message == b.bad_rows()[i].message);
  }
  REQUIRE(a.dropped_units().size() == b.dropped_units().size());
  for (std::size_t i = 0; i < a.dropped_units().size(); ++i) {
    CHECK(a.dropped_units()[i].unit == b.dropped_units()[i].unit);
    CHECK(a.dropped_units()[i].rows == b.dropped_units()[i].rows);
    CHECK(a.dropped_units()[i].numerator == b.dropped_units()[i].numerator);
  }
}

/// n random rows over units 0..U−1, indicators 0..I−1, periods 0..P−1; numerator = denominator / 3.
Export random_rows(std::mt19937_64& rng, std::size_t n, std::size_t U, std::int32_t I, std::int32_t P, std::uint64_t den_max) {
  Export e;
  for (std::size_t i = 0; i < n; ++i) {
    e.unit.push_back(static_cast<std::int32_t>(rng() % U));
    e.ind.push_back(static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(I)));
    e.per.push_back(static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(P)));
    e.den.push_back(static_cast<std::int64_t>(rng() % den_max));
    e.num.push_back(e.den.back() / 3);
  }
  return e;
}

}  // namespace

TEST_CASE("aggregate kernel: code columns of every width, with and without a map, equal the int32 run") {
  auto h = units();
  const Date d = Date(2026, 1, 1);
  da06::AggregationPlan plan(h, Level::province, d);
  std::mt19937_64 rng(3);
  const std::size_t n = 5000;
  // Unit indices 0..7 (D1, C1, C2 have no province in 2026: dropped), indicators 0..2, periods 0..3.
  Export e = random_rows(rng, n, h.size(), 3, 4, 100);
  std::vector<std::int32_t>&u32 = e.unit, &k32 = e.ind, &p32 = e.per;
  std::vector<std::int64_t>&num = e.num, &den = e.den;
  da06::AggregateOptions opt;
  opt.thresholds.assign(3, da06::IndicatorThreshold::percent("30"));
  const auto want = plan.run(da06::ObservationColumns{u32.data(), k32.data(), p32.data(), num.data(), den.data(), n}, opt);
  CHECK(want.rows_dropped() > 0);

  std::vector<std::int8_t> k8(k32.begin(), k32.end());
  std::vector<std::uint16_t> p16(p32.begin(), p32.end());
  std::vector<std::int64_t> u64(u32.begin(), u32.end());
  check_same(plan.run(da06::ObservationView({u64.data(), da06::CodeType::i64}, {k8.data(), da06::CodeType::i8},
                                            {p16.data(), da06::CodeType::u16}, num.data(), den.data(), n),
                      opt),
             want);

  // Category codes: unit code c stands for hierarchy index map[c] (reversed order here).
  std::vector<std::int32_t> map(h.size());
  for (std::size_t i = 0; i < map.size(); ++i) map[i] = static_cast<std::int32_t>(h.size() - 1 - i);
  std::vector<std::int16_t> ucode(n);
  for (std::size_t i = 0; i < n; ++i) ucode[i] = static_cast<std::int16_t>(h.size() - 1 - static_cast<std::size_t>(u32[i]));
  check_same(plan.run(da06::ObservationView({ucode.data(), da06::CodeType::i16, map.data(), map.size()}, k32.data(),
                                            p32.data(), num.data(), den.data(), n),
                      opt),
             want);

  // A code outside the map, and a 64-bit code beyond int32: bad rows, named with the code as written.
  ucode[10] = static_cast<std::int16_t>(map.size());
  ucode[11] = -1;
  u64[12] = std::int64_t{1} << 40;
  auto r1 = plan.run(da06::ObservationView({ucode.data(), da06::CodeType::i16, map.data(), map.size()}, k32.data(),
                                           p32.data(), num.data(), den.data(), n),
                     opt);
  REQUIRE(r1.bad_row_count() == 2);
  CHECK(r1.bad_rows()[0].row == 10);
  CHECK(r1.bad_rows()[0].message.find("unit code 8 is not in the code map (0..8-1)") != std::string::npos);
  CHECK(r1.bad_rows()[1].message.find("unit code -1 is not in the code map") != std::string::npos);
  auto r2 = plan.run(da06::ObservationView({u64.data(), da06::CodeType::i64}, k32.data(), p32.data(), num.data(), den.data(), n), opt);
  REQUIRE(r2.bad_row_count() == 1);
  CHECK(r2.bad_rows()[0].row == 12);
  CHECK(r2.bad_rows()[0].message.find("unit index 1099511627776 out of range") != std::string::npos);
}

TEST_CASE("aggregate kernel: any number of threads gives the same result, bad rows and drops included") {
  auto h = units();
  da06::AggregationPlan plan(h, Level::province, Date(2026, 1, 1));
  std::mt19937_64 rng(11);
  const std::size_t n = 30011;
  Export e = random_rows(rng, n, h.size(), 5, 6, 1000);
  std::vector<std::int32_t>&u = e.unit, &k = e.ind, &p = e.per;
  std::vector<std::int64_t>&num = e.num, &den = e.den;
  for (std::size_t i = 0; i < n; i += 500) num[i] = -3;  // some negative counts: bad rows in every slice
  k[7] = 99;
  k[n - 1] = -2;
  da06::ObservationColumns cols{u.data(), k.data(), p.data(), num.data(), den.data(), n};
  da06::AggregateOptions one;
  one.indicator_count = 5;
  one.period_count = 6;
  one.threads = 1;
  const auto want = plan.run(cols, one);
  CHECK(want.bad_row_count() > 10);
  for (unsigned t : {0u, 2u, 3u, 7u}) {
    auto opt = one;
    opt.threads = t;
    CAPTURE(t);
    check_same(plan.run(cols, opt), want);
  }
  // Sums that overflow int64 across threads: redone in 128 bits, exact.
  std::fill(num.begin(), num.end(), std::int64_t{1} << 61);
  std::fill(den.begin(), den.end(), std::int64_t{1} << 61);
  auto opt = one;
  opt.threads = 3;
  const auto big3 = plan.run(cols, opt), big1 = plan.run(cols, one);
  CHECK(big3.overflowed());
  check_same(big3, big1);
}
