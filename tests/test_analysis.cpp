// Tests for da06/analysis.hpp: needed counts against brute force, milestones, exact boundaries,
// the WLS projection against a closed-form weighted regression, pace bands, and every seed target.
#include <doctest/doctest.h>

#include "da06/analysis.hpp"
#include "da06/io.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

#include "da06/json.hpp"

#include <cmath>
#include <random>
#include <map>
#include <set>

using boost::gregorian::date;
using namespace da06;

namespace {

/// Smallest x found by incrementing, or -1 if none up to `limit`. Predicates use int64 cross-multiplication.
long long brute(long long n, long long d, Comparator c, long long a, long long b, DenominatorBehaviour beh,
                long long limit) {
  for (long long x = 0; x <= limit; ++x) {
    bool ok = false;
    bool grows = beh == DenominatorBehaviour::grows;
    switch (c) {
      case Comparator::ge: ok = grows ? (n + x) * b >= a * (d + x) : (x <= d - n && (n + x) * b >= a * d); break;
      case Comparator::gt: ok = grows ? (n + x) * b > a * (d + x) : (x <= d - n && (n + x) * b > a * d); break;
      case Comparator::le: ok = grows ? n * b <= a * (d + x) : (x <= n && (n - x) * b <= a * d); break;
      case Comparator::lt: ok = grows ? n * b < a * (d + x) : (x <= n && (n - x) * b < a * d); break;
      default: break;
    }
    if (ok) return x;
  }
  return -1;
}

Framework synthetic(std::vector<Observation> obs, std::vector<Target> targets, Indicator ind) {
  FrameworkData d;
  d.id = "synthetic";
  d.report.date = date(2024, 6, 28);
  OrgUnit p;
  p.id = "P";
  p.name = "Province";
  p.level = Level::province;
  d.units = {p};
  d.indicators = {std::move(ind)};
  d.observations = std::move(obs);
  d.targets = std::move(targets);
  return Framework(std::move(d));
}

Indicator pct(DenominatorBehaviour beh = DenominatorBehaviour::grows) {
  Indicator i;
  i.id = "r";
  i.name = "rate";
  i.kind = IndicatorKind::ratio;
  i.factor = 100;
  i.decimals = 2;
  i.denominator = beh;
  return i;
}

Observation ratio_obs(std::string id, date at, std::int64_t n, std::int64_t d) {
  Observation o;
  o.id = std::move(id);
  o.indicator = "r";
  o.unit = "P";
  o.as_of = at;
  o.numerator = n;
  o.denominator = d;
  return o;
}

Target ge_target(std::string threshold, std::optional<date> deadline = date(2024, 12, 31)) {
  Target t;
  t.id = "T";
  t.indicator = "r";
  t.comparator = Comparator::ge;
  t.threshold = std::move(threshold);
  t.scope.unit = "P";
  t.deadline = deadline;
  return t;
}

}  // namespace

TEST_CASE("needed_for_ratio equals the smallest x found by incrementing (random n, d, t; grows and fixed)") {
  std::mt19937_64 rng(20240628);
  int checked = 0, unreachable = 0, positive = 0;
  for (int i = 0; i < 3000; ++i) {
    long long d = std::uniform_int_distribution<long long>(1, 400)(rng);
    long long n = std::uniform_int_distribution<long long>(0, d)(rng);
    long long b = std::uniform_int_distribution<long long>(1, 40)(rng);
    long long a = std::uniform_int_distribution<long long>(0, b + 2)(rng);  // t from 0 to a little above 1
    for (Comparator c : {Comparator::ge, Comparator::gt, Comparator::le, Comparator::lt}) {
      for (auto beh : {DenominatorBehaviour::grows, DenominatorBehaviour::fixed}) {
        // Bounds: any reachable grows answer is ≤ a·d or ≤ n·b + 1 (≤ 16 800 here); fixed ones ≤ d.
        long long expect = brute(n, d, c, a, b, beh, 20000);
        Needed got = needed_for_ratio(n, d, c, Ratio(a, b), beh);
        CAPTURE(n);
        CAPTURE(d);
        CAPTURE(a);
        CAPTURE(b);
        CAPTURE(static_cast<int>(c));
        CAPTURE(static_cast<int>(beh));
        REQUIRE(got.computable);
        if (expect < 0) {
          CHECK_FALSE(got.reachable);
          CHECK_FALSE(got.count.has_value());
          ++unreachable;
        } else {
          REQUIRE(got.count.has_value());
          CHECK(*got.count == expect);
          positive += expect > 0;
        }
        ++checked;
      }
    }
  }
  CHECK(checked == 24000);
  CHECK(unreachable > 100);  // the unreachable branches were exercised
  CHECK(positive > 1000);    // and so were non-trivial answers
}

TEST_CASE("needed: 100% with a growing denominator is unreachable unless n = d") {
  Needed g = needed_for_ratio(4504, 5530, Comparator::ge, Ratio(1), DenominatorBehaviour::grows);
  CHECK(g.computable);
  CHECK_FALSE(g.reachable);
  CHECK(g.explanation.rfind("unreachable by adding", 0) == 0);
  CHECK(*needed_for_ratio(3277, 3277, Comparator::ge, Ratio(1), DenominatorBehaviour::grows).count == 0);
  // With a fixed denominator 100 % needs exactly d − n more.
  CHECK(*needed_for_ratio(4504, 5530, Comparator::ge, Ratio(1), DenominatorBehaviour::fixed).count == 1026);
  // The header's example: 4.504/5.530 to 90 %: grows (4504+x)/(5530+x) ≥ 0,9 → x ≥ 4730; fixed → 473.
  CHECK(*needed_for_ratio(4504, 5530, Comparator::ge, Ratio(9, 10), DenominatorBehaviour::grows).count == 4730);
  CHECK(*needed_for_ratio(4504, 5530, Comparator::ge, Ratio(9, 10), DenominatorBehaviour::fixed).count == 473);
  CHECK((Ratio(4504 + 4730, 5530 + 4730) >= Ratio(9, 10)));
  CHECK((Ratio(4504 + 4729, 5530 + 4729) < Ratio(9, 10)));
  // '=' and top are not computed.
  CHECK_FALSE(needed_for_ratio(1, 2, Comparator::eq, Ratio(1, 2), DenominatorBehaviour::grows).computable);
}

TEST_CASE("needed_for_value: counts, ranks and the floor at zero") {
  CHECK(*needed_for_value(Ratio(2), Comparator::le, Ratio(0), IndicatorKind::count).count == 2);
  CHECK(needed_for_value(Ratio(2), Comparator::le, Ratio(0), IndicatorKind::count).action == NeededAction::remove_value);
  CHECK(*needed_for_value(Ratio(50), Comparator::ge, Ratio(53), IndicatorKind::count).count == 3);
  CHECK(*needed_for_value(Ratio(53), Comparator::gt, Ratio(53), IndicatorKind::count).count == 1);
  CHECK(*needed_for_value(Ratio(20), Comparator::top, Ratio(15), IndicatorKind::rank).count == 5);
  CHECK(*needed_for_value(Ratio(15), Comparator::top, Ratio(15), IndicatorKind::rank).count == 0);
  CHECK_FALSE(needed_for_value(Ratio(0), Comparator::lt, Ratio(0), IndicatorKind::count).reachable);
}

TEST_CASE("met and not met at exact boundaries") {
  CHECK(satisfies(Ratio(900, 1000).scaled(100), Comparator::ge, Ratio(90)));
  CHECK_FALSE(satisfies(Ratio(8999, 10000).scaled(100), Comparator::ge, Ratio(90)));
  CHECK_FALSE(satisfies(Ratio(900, 1000).scaled(100), Comparator::gt, Ratio(90)));
  CHECK(satisfies(Ratio(9001, 10000).scaled(100), Comparator::gt, Ratio(90)));
  CHECK(satisfies(Ratio(30), Comparator::le, Decimal::parse("30.00").to_ratio()));
  CHECK_FALSE(satisfies(Ratio(30), Comparator::lt, Ratio(30)));
  CHECK(satisfies(Ratio(15), Comparator::top, Ratio(15)));
  CHECK_FALSE(satisfies(Ratio(16), Comparator::top, Ratio(15)));
  // 2/3 against 66.67 %: the exact value 66.666…% is below, though it prints "66,67%".
  CHECK_FALSE(satisfies(Ratio(2, 3).scaled(100), Comparator::ge, Decimal::parse("66.67").to_ratio()));

  // End to end: 900/1000 ≥ 90 → met, gap 0, attainment 1, needed 0.
  Framework fw = synthetic({ratio_obs("O", date(2024, 6, 1), 900, 1000)}, {ge_target("90")}, pct());
  auto cal = Calendar::vietnam_public();
  TargetEvaluation e = evaluate_target(fw, fw.targets()[0], date(2024, 6, 28), cal);
  CHECK(e.status == TargetStatus::met);
  CHECK(*e.gap == Ratio(0));
  CHECK(*e.attainment == Ratio(1));
  CHECK(*e.needed.count == 0);
  // One fewer online dossier: 899/1000, not met, gap −0,1 pp, needed 10 with grows, 1 with fixed.
  Framework fw2 = synthetic({ratio_obs("O", date(2024, 6, 1), 899, 1000)}, {ge_target("90")}, pct());
  TargetEvaluation e2 = evaluate_target(fw2, fw2.targets()[0], date(2024, 6, 28), cal);
  CHECK(e2.status == TargetStatus::not_met);
  CHECK(*e2.gap == Ratio(-1, 10));
  CHECK(*e2.attainment == Ratio(899, 900));
  CHECK(*e2.needed.count == 10);
  Framework fw3 = synthetic({ratio_obs("O", date(2024, 6, 1), 899, 1000)}, {ge_target("90")},
                            pct(DenominatorBehaviour::fixed));
  CHECK(*evaluate_target(fw3, fw3.targets()[0], date(2024, 6, 28), cal).needed.count == 1);
  // An observation dated after as_of is not known yet: no data.
  CHECK(evaluate_target(fw2, fw2.targets()[0], date(2024, 5, 31), cal).status == TargetStatus::no_data);
}

TEST_CASE("current value: latest by date, then a ratio beats a printed value") {
  Observation v;
  v.id = "V";
  v.indicator = "r";
  v.unit = "P";
  v.as_of = date(2024, 6, 1);
  v.value = DecimalText{"95"};
  Framework fw = synthetic({v, ratio_obs("R", date(2024, 6, 1), 880, 1000), ratio_obs("OLD", date(2024, 1, 1), 1, 2)},
                           {ge_target("90")}, pct());
  TargetEvaluation e = evaluate_target(fw, fw.targets()[0], date(2024, 6, 28), Calendar::vietnam_public());
  REQUIRE(e.current);
  CHECK(e.current->id == "R");
  CHECK(*e.value == Ratio(88));
  CHECK(e.pace.points.size() == 2);  // one point per date: OLD and R
}

TEST_CASE("milestones: the last one whose from ≤ date, else the base threshold") {
  Framework fw = default_framework();
  const Target* t32 = nullptr;
  for (const Target& t : fw.targets())
    if (t.id == "TG-T32") t32 = &t;
  REQUIRE(t32);
  CHECK(threshold_on(*t32, date(2024, 3, 31)).milestone == -1);
  CHECK(threshold_on(*t32, date(2024, 3, 31)).threshold == Decimal(90));
  CHECK(threshold_on(*t32, date(2024, 4, 1)).milestone == 0);
  CHECK(threshold_on(*t32, date(2024, 4, 1)).threshold == Decimal(70));
  CHECK(threshold_on(*t32, date(2024, 6, 30)).threshold == Decimal(70));
  CHECK(threshold_on(*t32, date(2024, 7, 1)).milestone == 1);
  CHECK(threshold_on(*t32, date(2024, 7, 1)).threshold == Decimal(90));
  // Listed out of order, the latest `from` still wins.
  Target t;
  t.threshold = "1";
  t.milestones = {{date(2024, 7, 1), "3"}, {date(2024, 1, 1), "2"}};
  CHECK(threshold_on(t, date(2024, 8, 1)).threshold == Decimal(3));
  CHECK(threshold_on(t, date(2024, 2, 1)).threshold == Decimal(2));
}

TEST_CASE("workdays_left: closed [as_of + 1, deadline]; 0 on the deadline; negative after") {
  auto cal = Calendar::vietnam_public();
  // 1/7–31/12/2024 has 132 weekdays (23+22+21+23+21+22); the 2/9 holiday adds Mon 2/9 and Tue 3/9 off: 130.
  CHECK(workdays_left(date(2024, 6, 28), date(2024, 12, 31), cal) == 130);
  CHECK(workdays_left(date(2024, 6, 28), date(2024, 6, 28), cal) == 0);
  CHECK(workdays_left(date(2024, 6, 28), date(2024, 7, 1), cal) == 1);  // Sat 29, Sun 30, Mon 1/7
  CHECK(workdays_left(date(2024, 6, 28), date(2024, 5, 31), cal) == -20);  // Mon 3/6 .. Fri 28/6: 4 weeks
}

TEST_CASE("WLS projection equals the closed-form weighted regression") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> U(0, 1);
  for (int k = 0; k < 200; ++k) {
    int n = 2 + static_cast<int>(U(rng) * 8);
    std::vector<double> t, y, w;
    for (int i = 0; i < n; ++i) {
      t.push_back(i + U(rng) * 0.9);
      y.push_back(40 + 30 * U(rng));
      w.push_back(0.05 + U(rng));
    }
    // Closed form: b = Σw(t−t̄)(y−ȳ) / Σw(t−t̄)², a = ȳ − b t̄, with weighted means.
    double sw = 0, st = 0, sy = 0;
    for (int i = 0; i < n; ++i) sw += w[i], st += w[i] * t[i], sy += w[i] * y[i];
    double tm = st / sw, ym = sy / sw, sxy = 0, sxx = 0;
    for (int i = 0; i < n; ++i) sxy += w[i] * (t[i] - tm) * (y[i] - ym), sxx += w[i] * (t[i] - tm) * (t[i] - tm);
    double b = sxy / sxx, a = ym - b * tm;
    LinearFit f = weighted_linear_fit(t, y, w);
    CHECK(f.slope == doctest::Approx(b).epsilon(1e-10));
    CHECK(f.intercept == doctest::Approx(a).epsilon(1e-10));
  }
  CHECK_THROWS_AS(weighted_linear_fit({1, 1}, {2, 3}, {1, 1}), InvalidArgument);
  CHECK_THROWS_AS(weighted_linear_fit({1, 2}, {2, 3}, {1, 0}), InvalidArgument);
}

TEST_CASE("classification bands (Open SDG defaults, configurable)") {
  PaceBands d;
  CHECK(classify(0.95, d) == PaceClass::on_track);
  CHECK(classify(0.9499999, d) == PaceClass::acceleration_needed);
  CHECK(classify(0.60, d) == PaceClass::acceleration_needed);
  CHECK(classify(0.5999999, d) == PaceClass::limited_progress);
  CHECK(classify(0.0, d) == PaceClass::limited_progress);
  CHECK(classify(-1e-9, d) == PaceClass::deterioration);
  PaceBands u = PaceOptions::unsd().bands;
  CHECK(classify(0.5, u) == PaceClass::acceleration_needed);
  CHECK(classify(0.09, u) == PaceClass::limited_progress);
  PaceBands custom{0.8, 0.5, -0.1};
  CHECK(classify(0.85, custom) == PaceClass::on_track);
  CHECK(classify(-0.05, custom) == PaceClass::limited_progress);
}

TEST_CASE("pace: Open SDG ratio and UNSD r from hand-computed inputs") {
  // 50 % on 2023-12-31, 60 % on 2024-06-30, target ≥ 90 % by 2024-12-31.
  date d0(2023, 12, 31), d1(2024, 6, 30), dl(2024, 12, 31);
  std::vector<PacePoint> pts{{"a", d1, 0, 60, 1}, {"b", d0, 0, 50, 1}};  // unsorted on purpose
  Pace p = assess_pace(pts, Comparator::ge, 90, dl, false);
  double t1 = 182 / 365.25, t2 = 366 / 365.25;
  double co = std::pow(60.0 / 50.0, 1 / t1) - 1, cr = std::pow(90.0 / 50.0, 1 / t2) - 1;
  REQUIRE(p.ratio);
  CHECK(*p.cagr_observed == doctest::Approx(co).epsilon(1e-12));
  CHECK(*p.cagr_required == doctest::Approx(cr).epsilon(1e-12));
  CHECK(*p.ratio == doctest::Approx(co / std::abs(cr)).epsilon(1e-12));
  CHECK(p.cls == classify(co / std::abs(cr), PaceBands{}));
  CHECK(p.points.front().observation == "b");
  CHECK(p.points.front().weight == doctest::Approx(std::exp2(-t1)));
  CHECK(*p.observed_rate_per_year == doctest::Approx(10 / t1));
  CHECK(*p.required_rate_per_year == doctest::Approx(30 / (t2 - t1)));
  // Two points: the line passes through both; projection at the deadline and attainment date.
  double slope = 10 / t1;
  CHECK(*p.projected_at_deadline == doctest::Approx(50 + slope * t2));
  REQUIRE(p.projected_attainment);
  // 40 points at 10 per 182 days: exactly 728 days after the base (floating noise must not make it 729).
  CHECK(*p.projected_attainment == d0 + boost::gregorian::days(728));

  Pace u = assess_pace(pts, Comparator::ge, 90, dl, false, PaceOptions::unsd());
  CHECK(*u.ratio == doctest::Approx((50 + slope * t2 - 50) / 40));

  // Lower is better: 10 → 8 toward ≤ 5 is progress (positive R), 10 → 12 is deterioration.
  std::vector<PacePoint> down{{"a", d0, 0, 10, 1}, {"b", d1, 0, 8, 1}};
  CHECK(*assess_pace(down, Comparator::le, 5, dl, false).ratio > 0);
  std::vector<PacePoint> up{{"a", d0, 0, 10, 1}, {"b", d1, 0, 12, 1}};
  CHECK(assess_pace(up, Comparator::le, 5, dl, false).cls == PaceClass::deterioration);
  // One point: insufficient data; achieved wins whatever the points.
  CHECK(assess_pace({{"a", d0, 0, 10, 1}}, Comparator::ge, 50, dl, false).cls == PaceClass::insufficient_data);
  CHECK(assess_pace({{"a", d0, 0, 60, 1}}, Comparator::ge, 50, dl, true).cls == PaceClass::achieved);
}

TEST_CASE("seed: values, derived earlier observations, changes") {
  Framework fw = default_framework();
  const Observation* full = fw.find_observation("N-dvc-full");
  REQUIRE(full);
  const Indicator* ind = fw.find_indicator(full->indicator);
  auto v = observation_value(*full, *ind);
  REQUIRE(v);
  CHECK(*v == Ratio(99000, 1714));
  CHECK(format_value(*v, *ind) == full->published_value);  // "57,8%"
  // 3.183.845/3.224.669 is 98,734…%: the exact value rounds to 98,73 (the report printed 98,74).
  const Observation* bhxh = fw.find_observation("N-bhxh-data");
  CHECK(format_value(*observation_value(*bhxh, *fw.find_indicator(bhxh->indicator)), *fw.find_indicator(bhxh->indicator)) ==
        "98,73%");

  std::vector<std::string> problems;
  auto earlier = derive_earlier_observations(fw, &problems);
  std::size_t with_change = 0;
  for (const auto& o : fw.observations()) with_change += o.change.has_value();
  CHECK(earlier.size() + problems.size() == with_change);
  CHECK(problems.empty());
  const Observation* e02 = nullptr;
  const Observation* e01b = nullptr;
  for (const auto& o : earlier) {
    if (o.id == "O-S3-02-online@2023-M12") e02 = &o;
    if (o.id == "O-S4-01b-online@2023-M12") e01b = &o;
  }
  REQUIRE(e02);
  CHECK(*e02->numerator == 20651 - 17034);
  CHECK_FALSE(e02->denominator);
  CHECK(e02->period == "2023-M12");
  CHECK(e02->published == "Tăng 17.034 hồ sơ");
  CHECK(*derived_from(*e02) == "O-S3-02-online");
  CHECK(e02->source == fw.find_observation("O-S3-02-online")->source);
  CHECK(*reference_date(*e02, fw) == date(2023, 12, 31));
  REQUIRE(e01b);
  CHECK(*e01b->numerator == 12);  // "Giảm 3": 9 − (−3)
  ValueChange c = change_between(*e02, *fw.find_observation("O-S3-02-online"), *fw.find_indicator("dvc_service_online_rate"));
  CHECK(*c.numerator == 17034);
  CHECK_FALSE(c.percentage_points);  // the earlier denominator is unknown
  // Two full ratios give a change in percentage points.
  Indicator p = pct();
  ValueChange c2 = change_between(ratio_obs("a", date(2024, 1, 1), 1, 4), ratio_obs("b", date(2024, 6, 1), 1, 2), p);
  CHECK(*c2.percentage_points == Ratio(25));
  // An S1 observation in a report dated 28/06 counts up to 28/06.
  CHECK(*reference_date(*fw.find_observation("N-dossier-digitization"), fw) == date(2024, 6, 28));
}

TEST_CASE("seed: every target evaluated as of 2024-06-28") {
  Framework fw = default_framework();
  auto cal = Calendar::vietnam_public();
  std::vector<TargetEvaluation> evs;
  REQUIRE_NOTHROW(evs = evaluate_targets(fw, date(2024, 6, 28), cal));
  REQUIRE(evs.size() == fw.targets().size());
  CHECK(evs.size() == 27);
  std::map<std::string, const TargetEvaluation*> by;
  int met = 0, not_met = 0, no_data = 0;
  for (const auto& e : evs) {
    by[e.target] = &e;
    CAPTURE(e.target);
    if (e.status == TargetStatus::no_data) {
      ++no_data;
      CHECK_FALSE(e.value);  // never a guessed number
      CHECK_FALSE(e.needed.count);
      CHECK_FALSE(e.reason.empty());
      CHECK(e.pace.cls == PaceClass::insufficient_data);
    } else {
      (e.status == TargetStatus::met ? met : not_met)++;
      CHECK(e.value);
      CHECK(e.gap);
    }
  }
  CHECK(met + not_met + no_data == 27);
  CHECK(met > 0);
  CHECK(not_met > 0);
  CHECK(no_data > 0);
  // "tối thiểu 90%" vs "trên 90%": 90 ≥ 90 → met, gap 0.
  CHECK(by["TG-T12-ontime"]->status == TargetStatus::met);
  CHECK(*by["TG-T12-ontime"]->gap == Ratio(0));
  CHECK(by["TG-T12-ontime"]->pace.cls == PaceClass::achieved);
  // 2 villages without mobile coverage against ≤ 0: not met, 2 to remove.
  const TargetEvaluation& dz = *by["TG-N-mobile-dead-zones"];
  CHECK(dz.status == TargetStatus::not_met);
  CHECK(*dz.gap == Ratio(2));
  CHECK(*dz.needed.count == 2);
  CHECK(dz.needed.action == NeededAction::remove_value);
  // 91,31 % digitised vs 100 %: −8,69 pp, attainment 0,9131; only a rate printed → no count.
  const TargetEvaluation& dg = *by["TG-T05-province-district"];
  CHECK(dg.status == TargetStatus::not_met);
  CHECK(*dg.gap == Ratio(-869, 100));
  CHECK(*dg.attainment == Ratio(9131, 10000));
  CHECK_FALSE(dg.needed.computable);
  CHECK(dg.matched_unit == "TH");
  // Commune-level scope: not aggregated, no data.
  CHECK(by["TG-T05-commune"]->status == TargetStatus::no_data);
  // Staged target: 70 in force on 28/06, 90 at the deadline.
  CHECK(by["TG-T32"]->threshold.threshold == Decimal(70));
  CHECK(by["TG-T32"]->threshold_at_deadline == Decimal(90));
  CHECK(by["TG-T32"]->status == TargetStatus::no_data);
  CHECK(*by["TG-T32"]->workdays_left == 130);
  // Task 6's deadline (31/05) has passed; task 38 has none.
  CHECK(*by["TG-T06"]->workdays_left == -20);
  CHECK_FALSE(by["TG-T38"]->workdays_left);

  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(da06::to_json(indicators_report(fw, date(2024, 6, 28), cal)));
  CHECK(j["targets"].size() == 27);
  CHECK(j["summary"]["met"].get<int>() == met);
  CHECK(j["summary"]["no_data"].get<int>() == no_data);
  CHECK(j["observations"].size() == fw.observations().size() + j["summary"]["derived_observations"].get<std::size_t>());
}
