// Aggregation: Σnum/Σden by dated ancestor, overflow, reporting of dropped units, CSV errors,
// restating across the reform (shares), and comparisons across units.
#include <da06/aggregate.hpp>

#include <doctest/doctest.h>

#include "aggregate_units.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <tuple>

using da06::Date;
using da06::Level;
using da06::Ratio;

namespace {

using da06_test::kUnits;
using da06_test::units;

const Date d2024(2024, 12, 31), d2026(2026, 1, 1);

}  // namespace

TEST_CASE("aggregate: a district valid until 2025-06-30 aggregates in 2024, not in 2026") {
  auto h = units();
  std::vector<da06::CountRow> rows = {
      {"D1", "x", "2024", 30, 40, {}},  // district-level observation
      {"C1", "x", "2024", 1, 2, {}},    {"C2", "x", "2024", 3, 4, {}},
      {"N1", "x", "2024", 5, 10, {}},   // N1 did not exist in 2024
      {"N2", "x", "2024", 7, 7, {}},
  };
  SUBCASE("to district in 2024: C1 + C2 + D1 itself") {
    auto a = da06::aggregate_rows(h, rows, Level::district, d2024);
    REQUIRE(a.result.size() == 1);
    CHECK(h.id(a.result.unit(0)) == "D1");
    CHECK(a.result.numerator(0) == 34);
    CHECK(a.result.denominator(0) == 46);
    CHECK(a.result.ratio(0).identical(Ratio(34, 46)));  // as summed, not reduced
    CHECK(a.result.rows(0) == 3);
  }
  SUBCASE("to province in 2024: ratio of sums, not the mean of ratios") {
    auto a = da06::aggregate_rows(h, rows, Level::province, d2024);
    REQUIRE(a.result.size() == 1);  // only P: N1, N2 are not valid in 2024
    CHECK(h.id(a.result.unit(0)) == "P");
    CHECK(a.result.ratio(0) == Ratio(34, 46));
    CHECK(a.result.ratio(0) != (Ratio(30, 40) + Ratio(1, 2) + Ratio(3, 4)) * Ratio(1, 3));
    // N1 and N2 are reported, with their sums.
    const auto& dr = a.result.dropped_units();
    REQUIRE(dr.size() == 2);
    CHECK(h.id(dr[0].unit) == "N1");
    CHECK(dr[0].reason == da06::AncestorStatus::unit_not_valid);
    CHECK(dr[0].rows == 1);
    CHECK(dr[0].numerator == 5);
    CHECK(dr[0].denominator == 10);
    CHECK(a.result.rows_used() == 3);
    CHECK(a.result.rows_dropped() == 2);
    int warnings = 0;
    for (const auto& d : a.diagnostics) warnings += d.severity == da06::Severity::warning;
    CHECK(warnings == 2);
  }
  SUBCASE("to province in 2026: the district and its communes are dropped and reported") {
    auto a = da06::aggregate_rows(h, rows, Level::province, d2026);
    REQUIRE(a.result.size() == 2);
    CHECK(h.id(a.result.unit(0)) == "P");
    CHECK(a.result.ratio(0).identical(Ratio(5, 10)));
    CHECK(h.id(a.result.unit(1)) == "Q");
    CHECK(a.result.ratio(1).identical(Ratio(7, 7)));
    CHECK(a.result.dropped_units().size() == 3);  // D1, C1, C2
    CHECK(a.result.rows_dropped() == 3);
    for (const auto& d : a.result.dropped_units()) CHECK(d.reason == da06::AncestorStatus::unit_not_valid);
  }
  SUBCASE("a unit not in the hierarchy is an error, located") {
    std::vector<da06::CountRow> more = rows;
    more.push_back({"GHOST", "x", "2024", 1, 1, da06::Location{"obs.csv", 9, 1, "unit", "unit"}});
    auto a = da06::aggregate_rows(h, more, Level::province, d2026);
    bool found = false;
    for (const auto& d : a.diagnostics)
      found |= d.to_string() == "obs.csv:9:1: unit: unit \"GHOST\" is not in the hierarchy (row not aggregated)";
    CHECK(found);
  }
}

TEST_CASE("aggregate: columnar engine equals a naive map-based oracle on random data") {
  // A random two-level hierarchy with random end dates; the oracle walks parents with OrgUnit::parent_on.
  std::mt19937_64 rng(2025);
  auto name = [](char prefix, auto n) {  // appended, not "P" + …: GCC 12 warns falsely (-Wrestrict) on that
    std::string s(1, prefix);
    s += std::to_string(n);
    return s;
  };
  std::vector<da06::OrgUnit> us;
  us.push_back({"R", "R", Level::nation, "", {}, {}, {}});
  for (int p = 0; p < 5; ++p) us.push_back({name('P', p), "", Level::province, "", {}, {}, {{"R", {}, {}}}});
  for (int c = 0; c < 60; ++c) {
    da06::OrgUnit u{name('C', c), "", Level::commune, "", {}, {}, {{name('P', rng() % 5), {}, {}}}};
    if (rng() % 3 == 0) u.valid_to = Date(2025, 6, 30);
    if (rng() % 4 == 0) u.valid_from = Date(2025, 7, 1);
    if (u.valid_from && u.valid_to) u.valid_to.reset();
    us.push_back(u);
  }
  da06::Hierarchy h(us);
  const std::size_t n = 20000;
  std::vector<int32_t> unit(n), ind(n), per(n);
  std::vector<int64_t> num(n), den(n);
  for (std::size_t i = 0; i < n; ++i) {
    unit[i] = static_cast<int32_t>(rng() % h.size());
    ind[i] = static_cast<int32_t>(rng() % 7);
    per[i] = static_cast<int32_t>(rng() % 5);
    den[i] = static_cast<int64_t>(rng() % 1000);
    num[i] = den[i] ? static_cast<int64_t>(rng() % static_cast<uint64_t>(den[i] + 1)) : 0;
  }
  for (Date d : {d2024, d2026}) {
    std::map<std::tuple<int32_t, int32_t, int32_t>, std::pair<int64_t, int64_t>> oracle;
    std::size_t dropped = 0;
    for (std::size_t i = 0; i < n; ++i) {
      // Naive: walk up by ids, checking validity on the date.
      const da06::OrgUnit* u = &h.unit(unit[i]);
      int32_t anc = -1;
      if (u->valid_on(d)) {
        if (u->level == Level::province) anc = unit[i];
        else if (u->level == Level::commune) {
          const std::string* p = u->parent_on(d);
          if (p && h.unit(*h.find(*p)).valid_on(d)) anc = *h.find(*p);
        }
      }
      if (anc < 0) {
        ++dropped;
        continue;
      }
      auto& cell = oracle[{anc, ind[i], per[i]}];
      cell.first += num[i];
      cell.second += den[i];
    }
    da06::AggregationPlan plan(h, Level::province, d);
    auto r = plan.run(da06::ObservationColumns{unit.data(), ind.data(), per.data(), num.data(), den.data(), n});
    REQUIRE(r.size() == oracle.size());
    std::size_t g = 0;
    for (const auto& [k, v] : oracle) {  // std::map order = (unit, indicator, period) = the result's order
      CHECK(r.unit(g) == std::get<0>(k));
      CHECK(r.indicator(g) == std::get<1>(k));
      CHECK(r.period(g) == std::get<2>(k));
      CHECK(r.numerator(g) == v.first);
      CHECK(r.denominator(g) == v.second);
      ++g;
    }
    CHECK(r.rows_dropped() == dropped);
    CHECK(r.rows_used() + r.rows_dropped() == n);
    CHECK(r.bad_row_count() == 0);

    // The dense cube gives the same groups when every cell is present... built from the same rows.
    // (Here: a cube with one observation per (unit, indicator, period), compared with the columnar run.)
    const int32_t U = static_cast<int32_t>(h.size()), I = 7, P = 5;
    std::vector<int64_t> cn(static_cast<std::size_t>(U * I * P)), cd(cn.size());
    std::vector<uint8_t> present(cn.size());
    std::vector<int32_t> cu, ci, cp;
    std::vector<int64_t> vn, vd;
    for (int32_t u = 0; u < U; ++u)
      for (int32_t k = 0; k < I; ++k)
        for (int32_t p = 0; p < P; ++p) {
          std::size_t c = (static_cast<std::size_t>(u) * I + k) * P + p;
          cd[c] = static_cast<int64_t>(rng() % 100);
          cn[c] = cd[c] / 2;
          present[c] = rng() % 4 != 0;
          if (present[c]) cu.push_back(u), ci.push_back(k), cp.push_back(p), vn.push_back(cn[c]), vd.push_back(cd[c]);
        }
    auto rc = plan.run(da06::ObservationCube{cn.data(), cd.data(), present.data(), U, I, P});
    auto rl = plan.run(da06::ObservationColumns{cu.data(), ci.data(), cp.data(), vn.data(), vd.data(), cu.size()},
                       da06::AggregateOptions{I, P, {}});
    REQUIRE(rc.size() == rl.size());
    for (std::size_t j = 0; j < rc.size(); ++j) {
      CHECK(rc.unit(j) == rl.unit(j));
      CHECK(rc.numerator(j) == rl.numerator(j));
      CHECK(rc.denominator(j) == rl.denominator(j));
    }
  }
}

TEST_CASE("aggregate: int64 overflow is detected and summed exactly in 128 bits, never wrapped") {
  da06::Hierarchy h({{"P", "P", Level::province, "", {}, {}, {}},
                     {"A", "A", Level::commune, "", {}, {}, {{"P", {}, {}}}},
                     {"B", "B", Level::commune, "", {}, {}, {{"P", {}, {}}}}});
  const int64_t big = std::numeric_limits<int64_t>::max() - 5;
  std::vector<int32_t> unit = {1, 2, 1}, ind = {0, 0, 1}, per = {0, 0, 0};
  std::vector<int64_t> num = {big, big, 1}, den = {big, big, 2};
  auto r = da06::aggregate(h, {unit.data(), ind.data(), per.data(), num.data(), den.data(), 3}, Level::province, d2026);
  REQUIRE(r.size() == 2);
  CHECK(r.overflowed());
  CHECK_FALSE(r.fits_int64(0));
  CHECK(r.fits_int64(1));
  CHECK_THROWS_AS((void)r.numerator(0), da06::RangeError);
  CHECK(r.numerator_big(0) == da06::BigInt(big) * 2);
  CHECK(r.denominator_big(0) == da06::BigInt(big) * 2);
  CHECK(r.ratio(0) == Ratio(1));
  CHECK(r.ratio(0).is_big());
  CHECK(r.ratio_double(0) == 1.0);
  CHECK(r.numerator(1) == 1);
  CHECK(r.ratio(1).identical(Ratio(1, 2)));
}

TEST_CASE("aggregate: bad codes and negative counts are refused and named; zero denominators have no ratio") {
  da06::Hierarchy h({{"P", "P", Level::province, "", {}, {}, {}}, {"A", "A", Level::commune, "", {}, {}, {{"P", {}, {}}}}});
  std::vector<int32_t> unit = {1, 7, 1, 1, -1, 1}, ind = {0, 0, 5, 0, 0, 1}, per = {0, 0, 0, 0, 0, 0};
  std::vector<int64_t> num = {1, 1, 1, -3, 1, 0}, den = {2, 2, 2, 4, 2, 0};
  da06::AggregateOptions opt;
  opt.indicator_count = 2;
  opt.period_count = 1;
  opt.thresholds = {da06::IndicatorThreshold::percent("50"), da06::IndicatorThreshold::percent("90")};
  auto r = da06::aggregate(h, {unit.data(), ind.data(), per.data(), num.data(), den.data(), 6}, Level::province, d2026, opt);
  CHECK(r.bad_row_count() == 4);
  REQUIRE(r.bad_rows().size() == 4);
  CHECK(r.bad_rows()[0].row == 1);
  CHECK(r.bad_rows()[0].message == "unit index 7 out of range 0..2-1");
  CHECK(r.bad_rows()[1].message == "indicator code 5 out of range 0..2-1");
  CHECK(r.bad_rows()[2].message == "negative numerator -3");
  CHECK(r.bad_rows()[3].row == 4);
  REQUIRE(r.size() == 2);
  CHECK(r.ratio(0).identical(Ratio(1, 2)));
  CHECK(r.status(0) == da06::GroupStatus::met);  // 1/2 >= 50 %
  CHECK(*r.gap(0) == Ratio(0));
  CHECK(r.status(1) == da06::GroupStatus::no_denominator);
  CHECK_FALSE(r.has_ratio(1));
  CHECK_THROWS_AS((void)r.ratio(1), da06::DataError);
  CHECK(std::isnan(r.ratio_double(1)));
  CHECK_FALSE(r.gap(1));
}

TEST_CASE("aggregate: thresholds, gap and status are exact at the boundary") {
  da06::Hierarchy h({{"P", "P", Level::province, "", {}, {}, {}}});
  // 9/10 is exactly 90 %; 899999999999/1000000000000 is just below (a double cannot always tell).
  std::vector<int32_t> unit = {0, 0}, ind = {0, 1}, per = {0, 0};
  std::vector<int64_t> num = {9, 899999999999999999}, den = {10, 1000000000000000000};
  da06::AggregateOptions opt;
  opt.thresholds = {da06::IndicatorThreshold::percent("90"), da06::IndicatorThreshold::percent("90")};
  auto r = da06::aggregate(h, {unit.data(), ind.data(), per.data(), num.data(), den.data(), 2}, Level::province, d2026, opt);
  REQUIRE(r.size() == 2);
  CHECK(r.status(0) == da06::GroupStatus::met);
  CHECK(r.status(1) == da06::GroupStatus::not_met);
  CHECK(*r.gap(1) == Ratio(-1, 1000000000000000000));
  CHECK(da06::IndicatorThreshold::percent("99.5").value.identical(Ratio(199, 200)));
  CHECK_THROWS_AS(da06::aggregate(h, {unit.data(), ind.data(), per.data(), num.data(), den.data(), 2}, Level::province,
                                  d2026, da06::AggregateOptions{0, 0, {da06::IndicatorThreshold{da06::Comparator::top, Ratio(1)}}}),
                  da06::InvalidArgument);
}

TEST_CASE("counts and mapping CSV: a short row ending in a quoted line break is located where it ends (found by fuzz_counts_csv)") {
  auto t = da06::load_counts_csv("unit,indicator,period,numerator,denominator\nA,\"x\ny\"\n", "obs.csv");
  REQUIRE(t.diagnostics.size() == 1);
  CHECK(t.diagnostics[0].to_string() == "obs.csv:3:3: period: row has 2 fields, expected 5 (row skipped)");
  auto m = da06::load_mapping_csv("old_id,new_id,share\n\"a \"\"q\"\"\n\"\n", "map.csv");
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].to_string() == "map.csv:3:2: new_id: row has 1 fields, expected 3 (row skipped)");
  // A lone CR inside quotes is a line, as outside (editors show one); the text keeps it.
  auto cr = da06::load_counts_csv("unit,indicator,period,numerator,denominator\nA,\"x\ry\",2024,1\rB,\"x\ry\",2024,1,2\n", "cr.csv");
  REQUIRE(cr.diagnostics.size() == 1);
  CHECK(cr.diagnostics[0].to_string() == "cr.csv:3:10: denominator: row has 4 fields, expected 5 (row skipped)");
  REQUIRE(cr.rows.size() == 1);
  CHECK(cr.rows[0].indicator == "x\ry");
  CHECK(cr.rows[0].where.line == 4);
}

TEST_CASE("counts CSV: bad rows are located FILE:LINE:COL: column: message and skipped") {
  const char* csv =
      "unit,indicator,period,numerator,denominator\n"
      "A,x,2024-M01,1,2\n"
      "A,x,2024-M02,1.5,2\n"                      // line 3: col 14 numerator
      "A,x,2024-M03,1,99999999999999999999\n"     // line 4: col 16 denominator beyond int64
      "A,x,2024-M04,-1,2\n"                       // line 5: negative
      ",x,2024-M05,1,2\n"                         // line 6: empty unit
      "A,x,2024-M06,1\n"                          // line 7: 4 fields
      "A,x,2024-M07,,2\n";                        // line 8: empty numerator
  auto t = da06::load_counts_csv(csv, "obs.csv");
  std::string all;
  for (const auto& d : t.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  CHECK(t.rows.size() == 1);
  CHECK(t.diagnostics.size() == 6);
  CHECK(all.find("obs.csv:3:14: numerator: \"1.5\" is not an integer (unexpected '.')") != std::string::npos);
  CHECK(all.find("obs.csv:4:16: denominator: \"99999999999999999999\" does not fit in a signed 64-bit integer") != std::string::npos);
  CHECK(all.find("obs.csv:5:14: numerator: negative numerator -1") != std::string::npos);
  CHECK(all.find("obs.csv:6:1: unit: empty unit") != std::string::npos);
  CHECK(all.find("obs.csv:7:15: denominator: row has 4 fields, expected 5") != std::string::npos);
  CHECK(all.find("obs.csv:8:14: numerator: empty (expected an integer)") != std::string::npos);
  CHECK(t.rows[0].where.line == 2);
}

TEST_CASE("mapping: shares are exact, validated per old unit, and restate counts exactly") {
  const char* csv =
      "old_id,new_id,share\n"
      "X,N1,0.25\n"   // X split 1/4, 3/4
      "X,N2,0.75\n"
      "Y,N2,1\n"      // Y and Z merged into N2
      "Z,N2,1\n"
      "W,N1,0.3333\n"  // line 6: does not sum to 1
      "W,N2,0.6666\n"
      "V,N1,1.5\n"     // line 8: share > 1
      "U,N1,abc\n";    // line 9: not a decimal
  auto m = da06::load_mapping_csv(csv, "map.csv");
  std::string all;
  for (const auto& d : m.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  CHECK_FALSE(m.ok());
  CHECK(all.find("map.csv:6:6: share: the shares of \"W\" sum to 9999/10000") != std::string::npos);
  CHECK(all.find("map.csv:8:6: share: share 1.5 of \"V\" → \"N1\" is not in (0, 1]") != std::string::npos);
  CHECK(all.find("map.csv:9:6: share: \"abc\" is not a plain decimal") != std::string::npos);
  CHECK(m.mapping.old_count() == 3);
  REQUIRE(m.mapping.targets("X"));
  CHECK(m.mapping.targets("X")->at(0).share.identical(Ratio(1, 4)));
  CHECK_FALSE(m.mapping.targets("W"));

  std::vector<da06::CountRow> rows = {{"X", "i", "2024", 3, 10, {}},
                                      {"Y", "i", "2024", 5, 5, {}},
                                      {"Z", "i", "2024", 0, 1, {}},
                                      {"Q", "i", "2024", 1, 1, {}}};
  auto r = da06::restate(m.mapping, rows);
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].unit == "N1");
  CHECK(r.rows[0].numerator == Ratio(3, 4));   // 1/4 × 3
  CHECK(r.rows[0].denominator == Ratio(5, 2));  // 1/4 × 10
  CHECK(r.rows[0].ratio() == Ratio(3, 10));
  CHECK(r.rows[1].unit == "N2");
  CHECK(r.rows[1].numerator == Ratio(9, 4) + Ratio(5));  // 3/4 × 3 + 5 + 0
  CHECK(r.rows[1].denominator == Ratio(15, 2) + Ratio(6));
  // Totals are preserved exactly.
  CHECK(r.rows[0].numerator + r.rows[1].numerator == Ratio(3 + 5 + 0));
  CHECK(r.rows[0].denominator + r.rows[1].denominator == Ratio(10 + 5 + 1));
  CHECK(r.unmapped_units == std::vector<std::string>{"Q"});
  CHECK(r.unmapped_rows == 1);

  CHECK_THROWS_AS(da06::UnitMapping({{"A", "B", da06::Decimal::parse("0.5"), {}}}), da06::LoadError);
}

TEST_CASE("apportion: largest remainder keeps the total; ties go to the earlier share") {
  CHECK(da06::apportion(10, {Ratio(1, 3), Ratio(1, 3), Ratio(1, 3)}) == std::vector<int64_t>{4, 3, 3});
  CHECK(da06::apportion(7, {Ratio(1, 2), Ratio(1, 2)}) == std::vector<int64_t>{4, 3});
  CHECK(da06::apportion(100, {Ratio(1, 4), Ratio(3, 4)}) == std::vector<int64_t>{25, 75});
  CHECK(da06::apportion(5, {Ratio(1, 10), Ratio(3, 10), Ratio(6, 10)}) == std::vector<int64_t>{1, 1, 3});  // .5 1.5 3: the tie goes to the first
  std::mt19937_64 rng(7);
  for (int t = 0; t < 200; ++t) {
    int64_t a = static_cast<int64_t>(rng() % 1000) + 1, b = static_cast<int64_t>(rng() % 1000) + 1;
    int64_t total = static_cast<int64_t>(rng() % 100000);
    auto v = da06::apportion(total, {Ratio(a, a + b), Ratio(b, a + b)});
    CHECK(v[0] + v[1] == total);
    // Each part is within 1 of its exact share.
    CHECK(Ratio(v[0]) - Ratio(a * total, a + b) < Ratio(1));
    CHECK(Ratio(a * total, a + b) - Ratio(v[0]) < Ratio(1));
  }
  CHECK_THROWS_AS(da06::apportion(5, {Ratio(1, 2)}), da06::InvalidArgument);
}

TEST_CASE("across units: ranking with ties, distribution, count below, worst N") {
  using UV = da06::UnitValue;
  std::vector<UV> v = {{0, Ratio(9, 10)}, {1, Ratio(1, 2)}, {2, Ratio(18, 20)}, {3, Ratio(99, 100)}, {4, Ratio(1, 4)}};
  auto r = da06::rank(v, da06::Direction::higher);
  REQUIRE(r.size() == 5);
  CHECK(r[0].unit == 3);
  CHECK(r[0].rank == 1);
  CHECK(r[1].unit == 0);  // 9/10 and 18/20 tie: same rank, unit index order
  CHECK(r[1].rank == 2);
  CHECK(r[2].unit == 2);
  CHECK(r[2].rank == 2);
  CHECK(r[3].rank == 4);  // competition ranking skips 3
  CHECK(r[4].unit == 4);
  CHECK(r[4].rank == 5);
  auto low = da06::rank(v, da06::Direction::lower);
  CHECK(low[0].unit == 4);
  CHECK_THROWS_AS(da06::rank(v, da06::Direction::none), da06::InvalidArgument);

  auto d = da06::distribution(v);
  REQUIRE(d);
  CHECK(d->min == Ratio(1, 4));
  CHECK(d->median == Ratio(9, 10));
  CHECK(d->max == Ratio(99, 100));
  v.pop_back();  // even count: median is the mean of 1/2... sorted {1/2, 9/10, 9/10, 99/100} -> 9/10
  CHECK(da06::distribution(v)->median == Ratio(9, 10));
  CHECK(da06::distribution({{0, Ratio(1, 3)}, {1, Ratio(1, 2)}})->median == Ratio(5, 12));
  CHECK_FALSE(da06::distribution({}));
  CHECK(da06::count_below(v, Ratio(9, 10)) == 1);  // strictly below: 9/10 is not below 90 %

  auto w = da06::worst(v, 2, da06::Direction::higher);
  REQUIRE(w.size() == 2);
  CHECK(w[0].unit == 1);
  CHECK(w[0].rank == 4);
  CHECK(w[1].unit == 0);  // the tied pair at rank 2, first by unit index
  CHECK(w[1].rank == 2);

  // Siblings: two provinces' communes ranked within their own province.
  auto h = da06::load_hierarchy_csv(kUnits, "u.csv").hierarchy;
  int32_t n1 = *h.find("N1"), n2 = *h.find("N2");
  auto s = da06::rank_among_siblings(h, d2026, {{n1, Ratio(1, 2)}, {n2, Ratio(1, 3)}}, da06::Direction::higher);
  REQUIRE(s.size() == 2);
  CHECK(s[0].rank == 1);
  CHECK(s[1].rank == 1);
  CHECK(s[0].parent == *h.find("P"));
  CHECK(s[1].parent == *h.find("Q"));
}

TEST_CASE("aggregate: codes up to INT32_MAX count without overflow (counts taken from the codes)") {
  // da06_aggregate passes indicator_count = period_count = 0: the counts are max code + 1, which for a
  // code of INT32_MAX is 2^31 (an int overflow before); such key spaces take the hash-map pass.
  da06::Hierarchy h({{"P", "P", Level::province, "", {}, {}, {}}, {"A", "A", Level::commune, "", {}, {}, {{"P", {}, {}}}}});
  const int32_t big = std::numeric_limits<int32_t>::max();
  std::vector<int32_t> unit = {1, 1, 0}, ind = {0, big, big}, per = {big, 0, 0};
  std::vector<int64_t> num = {1, 2, 3}, den = {2, 4, 5};
  auto r = da06::aggregate(h, {unit.data(), ind.data(), per.data(), num.data(), den.data(), 3}, Level::province, d2026);
  CHECK(r.bad_row_count() == 0);
  REQUIRE(r.size() == 2);
  CHECK(r.indicator(0) == 0);
  CHECK(r.period(0) == big);
  CHECK(r.ratio(0).identical(Ratio(1, 2)));
  CHECK(r.indicator(1) == big);
  CHECK(r.period(1) == 0);
  CHECK(r.ratio(1).identical(Ratio(5, 9)));
  CHECK(r.rows(1) == 2);
}

TEST_CASE("CSV readers: invalid UTF-8, NUL bytes and UTF-16 are one located error, before any field is read") {
  const std::string utf16("\xFF\xFEu\0n\0i\0t\0", 10);
  const std::string counts = "unit,indicator,period,numerator,denominator\nA,x\xC3(,2024,1,2\n";
  const std::string nul =
      std::string("unit,indicator,period,numerator,denominator\nA,x,2024,1,2\nB,y,20") + std::string(1, '\0') + "24,1,2\n";
  auto one = [](const std::vector<da06::Diagnostic>& d) {
    REQUIRE(d.size() == 1);
    return d[0].to_string();
  };
  CHECK(one(da06::load_counts_csv(counts, "c.csv").diagnostics) ==
        "c.csv:2:4: the input is not valid UTF-8 (byte 0xC3 at offset 47) (file not read)");
  CHECK(one(da06::load_counts_csv(nul, "n.csv").diagnostics).rfind("n.csv:3:7: a NUL byte at offset 63", 0) == 0);
  CHECK(one(da06::load_counts_csv(utf16, "w.csv").diagnostics).rfind("w.csv:1:1: the input is UTF-16", 0) == 0);
  CHECK(one(da06::load_mapping_csv("old_id,new_id,share\nX\xFF,N,1\n", "m.csv").diagnostics) ==
        "m.csv:2:2: the input is not valid UTF-8 (byte 0xFF at offset 21) (file not read)");
  CHECK(one(da06::load_mapping_csv(utf16, "m.csv").diagnostics).rfind("m.csv:1:1: the input is UTF-16", 0) == 0);
  CHECK(one(da06::load_hierarchy_csv("id,parent,level,valid_from,valid_to\nP\xE1\xBB,,province,,\n", "u.csv").diagnostics) ==
        "u.csv:2:2: the input is not valid UTF-8 (byte 0xE1 at offset 37) (file not read)");
  CHECK(one(da06::load_hierarchy_csv(utf16, "u.csv").diagnostics).rfind("u.csv:1:1: the input is UTF-16", 0) == 0);
}

TEST_CASE("CSV readers: a bad value is quoted as a bounded excerpt, whole characters only") {
  const std::string huge(100000, '7');
  auto t = da06::load_counts_csv("unit,indicator,period,numerator,denominator\nA,x,2024," + huge + "é,2\nA,x,2025,1ế,2\n",
                                 "c.csv");
  REQUIRE(t.diagnostics.size() == 2);
  const std::string m0 = t.diagnostics[0].to_string();
  CHECK(m0.size() < 200);
  CHECK(m0.find("… (100002 bytes)") != std::string::npos);
  // The unexpected character is shown whole (a cut UTF-8 sequence would be invalid text in JSON output).
  CHECK(t.diagnostics[1].to_string() == "c.csv:3:10: numerator: \"1ế\" is not an integer (unexpected 'ế') (row skipped)");
  auto m = da06::load_mapping_csv("old_id,new_id,share\nX,N," + huge + "x\n", "m.csv");
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].to_string().size() < 300);
  auto u = da06::load_hierarchy_csv("id,parent,level,valid_from,valid_to\nP,,province," + huge + ",\n", "u.csv");
  REQUIRE(u.diagnostics.size() == 1);
  CHECK(u.diagnostics[0].to_string().size() < 300);
}

TEST_CASE("aggregate: a result is a value (copies are independent; a moved-from result reads as empty)") {
  da06::Hierarchy h({{"P", "P", Level::province, "", {}, {}, {}}});
  std::vector<int32_t> unit = {0, 0}, ind = {0, 1}, per = {0, 0};
  std::vector<int64_t> num = {1, 3}, den = {2, 4};
  auto r = da06::aggregate(h, {unit.data(), ind.data(), per.data(), num.data(), den.data(), 2}, Level::province, d2026);
  da06::AggregateResult copy = r;
  REQUIRE(copy.size() == 2);
  CHECK(copy.numerators() != r.numerators());
  CHECK(copy.ratio(1).identical(Ratio(3, 4)));
  da06::AggregateResult moved = std::move(r);
  CHECK(moved.size() == 2);
  CHECK(r.size() == 0);  // NOLINT(bugprone-use-after-move): the documented moved-from state
  CHECK(r.units() == nullptr);
  CHECK_THROWS((void)r.unit(0));
  r = copy;
  CHECK(r.ratio(0).identical(Ratio(1, 2)));
  CHECK(da06::AggregateResult().size() == 0);
}
