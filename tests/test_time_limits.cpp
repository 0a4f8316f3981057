// Tests of da06/time_limits.hpp: Civil Code 2015 Art. 144–148 and Nghị định 61/2018 dossiers.
#include <doctest/doctest.h>

#include "da06/calendar.hpp"
#include "da06/error.hpp"
#include "da06/time_limits.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <algorithm>
#include <random>

using boost::gregorian::date;
using boost::gregorian::days;
using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::posix_time::ptime;
using da06::Calendar;

namespace {
// Oracle for month arithmetic: walk month by month, then clamp (a different algorithm from the
// library's single division).
date walk_months(date d, int n) {
  int y = d.year(), m = d.month();
  for (int k = 0; k < (n < 0 ? -n : n); ++k) {
    m += n < 0 ? -1 : 1;
    if (m == 13) { m = 1; ++y; }
    if (m == 0) { m = 12; --y; }
  }
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(std::min<int>(d.day(), last)));
}
}  // namespace

TEST_CASE("time limits: month limits clamp, they never snap to the month end") {
  // boost::gregorian::months snaps: a month-end start stays at month end. Art. 148 does not.
  CHECK(date(2024, 4, 30) + boost::gregorian::months(1) == date(2024, 5, 31));
  CHECK(da06::add_months(date(2024, 4, 30), 1) == date(2024, 5, 30));
  CHECK(da06::add_months(date(2024, 1, 31), 1) == date(2024, 2, 29));
  CHECK(da06::add_months(date(2023, 1, 31), 1) == date(2023, 2, 28));
  CHECK(da06::add_months(date(2024, 2, 29), 1) == date(2024, 3, 29));
  CHECK(da06::add_months(date(2024, 3, 31), -1) == date(2024, 2, 29));
  CHECK(da06::add_months(date(2024, 12, 31), 2) == date(2025, 2, 28));
  CHECK(da06::add_months(date(2024, 1, 15), -13) == date(2022, 12, 15));
  CHECK(da06::add_months(date(2024, 8, 31), 6) == date(2025, 2, 28));  // half a year (Art. 146(2))
  CHECK(da06::add_years(date(2024, 2, 29), 1) == date(2025, 2, 28));
  CHECK(da06::add_years(date(2024, 2, 29), 4) == date(2028, 2, 29));
  CHECK(da06::add_days(date(2024, 3, 1), 3) == date(2024, 3, 4));  // first day not counted: 2, 3, 4
  CHECK(da06::add_weeks(date(2024, 12, 30), 1) == date(2025, 1, 6));
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> day(0, 40000), n(-40, 40);
  for (int k = 0; k < 5000; ++k) {
    const date d = date(1950, 1, 1) + days(day(rng));
    const int m = n(rng);
    CAPTURE(d);
    CAPTURE(m);
    REQUIRE(da06::add_months(d, m) == walk_months(d, m));
    REQUIRE(da06::add_years(d, m) == walk_months(d, 12 * m));
  }
  CHECK_THROWS_AS((void)da06::add_months(date(9999, 12, 1), 1), da06::RangeError);
  CHECK_THROWS_AS((void)da06::add_days(date(boost::gregorian::not_a_date_time), 1), da06::InvalidArgument);
}

TEST_CASE("time limits: a last day off rolls to the end of the next working day") {
  const Calendar cal = Calendar::vietnam_public();
  // 3 days from Sat 27/4/2024: nominal 30/4 (holiday), 1/5 holiday → Thu 2/5.
  auto t = da06::time_limit(date(2024, 4, 27), {3, da06::TimeUnit::day}, cal);
  CHECK(t.nominal_end == date(2024, 4, 30));
  CHECK(t.end == date(2024, 5, 2));
  CHECK(t.rolled());
  // 1 month from 31/3/2024 → 30/4 → 2/5.
  t = da06::time_limit(date(2024, 3, 31), {1, da06::TimeUnit::month}, cal);
  CHECK(t.nominal_end == date(2024, 4, 30));
  CHECK(t.end == date(2024, 5, 2));
  // Ending on the make-up Saturday 4/5/2024: a working day for public bodies, so no roll.
  t = da06::time_limit(date(2024, 4, 4), {1, da06::TimeUnit::month}, cal);
  CHECK(t.end == date(2024, 5, 4));
  CHECK_FALSE(t.rolled());
  // …but the statutory-only calendar rolls it to Monday 6/5.
  CHECK(da06::time_limit(date(2024, 4, 4), {1, da06::TimeUnit::month}, Calendar::vietnam_statutory()).end == date(2024, 5, 6));
  // 15 days into Tết 2025: 14/1 + 15 = 29/1 (mùng 1) → Mon 3/2/2025.
  CHECK(da06::time_limit(date(2025, 1, 14), da06::named_length(da06::NamedLength::half_month), cal).end == date(2025, 2, 3));
  // A year limit (30/6/2025 Mon) needs no roll.
  CHECK(da06::time_limit(date(2024, 6, 30), {1, da06::TimeUnit::year}, cal).end == date(2025, 6, 30));
  // Random: the end is a working day, ≥ the nominal end, and no working day lies between them.
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> day(0, 3650), len(0, 90);
  for (int k = 0; k < 2000; ++k) {
    const date ev = date(2020, 1, 1) + days(day(rng));
    const auto r = da06::time_limit(ev, {len(rng), da06::TimeUnit::day}, cal);
    REQUIRE(cal.is_workday(r.end));
    REQUIRE(r.end >= r.nominal_end);
    REQUIRE(cal.count_workdays_closed(r.nominal_end, r.end) == 1);
  }
}

TEST_CASE("time limits: named points and named lengths (Art. 146)") {
  using da06::NamedPoint;
  CHECK(da06::named_point(NamedPoint::start_of_month, 2024, 2) == date(2024, 2, 1));
  CHECK(da06::named_point(NamedPoint::mid_month, 2024, 2) == date(2024, 2, 15));
  CHECK(da06::named_point(NamedPoint::end_of_month, 2024, 2) == date(2024, 2, 29));
  CHECK(da06::named_point(NamedPoint::end_of_month, 2023, 2) == date(2023, 2, 28));
  CHECK(da06::named_point(NamedPoint::end_of_month, 2024, 4) == date(2024, 4, 30));
  CHECK(da06::named_point(NamedPoint::start_of_year, 2024) == date(2024, 1, 1));
  CHECK(da06::named_point(NamedPoint::mid_year, 2024) == date(2024, 6, 30));
  CHECK(da06::named_point(NamedPoint::end_of_year, 2024) == date(2024, 12, 31));
  CHECK_THROWS_AS((void)da06::named_point(NamedPoint::mid_month, 2024, 13), da06::InvalidArgument);
  CHECK(da06::parse_named_point("đầu tháng") == NamedPoint::start_of_month);
  CHECK(da06::parse_named_point("Đầu năm") == NamedPoint::start_of_year);
  CHECK(da06::parse_named_point("  giữa   năm ") == NamedPoint::mid_year);
  CHECK(da06::parse_named_point("Cuối tháng") == NamedPoint::end_of_month);
  CHECK(da06::parse_named_point("cuối năm") == NamedPoint::end_of_year);
  CHECK(da06::parse_named_point("giữa tháng") == NamedPoint::mid_month);
  CHECK_FALSE(da06::parse_named_point("cuối tuần").has_value());
  CHECK_FALSE(da06::parse_named_point("").has_value());
  CHECK(da06::named_length(da06::NamedLength::year) == da06::Duration{365, da06::TimeUnit::day});
  CHECK(da06::named_length(da06::NamedLength::half_year) == da06::Duration{6, da06::TimeUnit::month});
  CHECK(da06::named_length(da06::NamedLength::month) == da06::Duration{30, da06::TimeUnit::day});
  CHECK(da06::named_length(da06::NamedLength::half_month) == da06::Duration{15, da06::TimeUnit::day});
}

TEST_CASE("dossiers: due date counts working days from the day after receipt, with a 15:00 cut-off") {
  const Calendar cal = Calendar::vietnam_public();
  // Fri 26/4/2024 10:00, 3 working days: 2/5, 3/5, Sat 4/5 (make-up day).
  auto r = da06::dossier_due(ptime(date(2024, 4, 26), hours(10)), 3, cal);
  CHECK(r.received == date(2024, 4, 26));
  CHECK(r.due == date(2024, 5, 4));
  // Exactly 15:00 is not after the cut-off; 15:01 is.
  CHECK(da06::dossier_due(ptime(date(2024, 4, 26), hours(15)), 3, cal).received == date(2024, 4, 26));
  r = da06::dossier_due(ptime(date(2024, 4, 26), hours(15) + minutes(1)), 3, cal);
  CHECK(r.received == date(2024, 5, 2));
  CHECK(r.due == date(2024, 5, 6));  // 3/5, 4/5, 6/5
  // A configurable cut-off, or none.
  da06::DossierOptions late;
  late.cutoff_hour = 17;
  CHECK(da06::dossier_due(ptime(date(2024, 4, 26), hours(16)), 3, cal, late).due == date(2024, 5, 4));
  da06::DossierOptions none;
  none.apply_cutoff = false;
  CHECK(da06::dossier_due(ptime(date(2024, 4, 26), hours(23)), 3, cal, none).due == date(2024, 5, 4));
  // Received on Sunday → Monday counts as receipt; counting starts Tuesday.
  r = da06::dossier_due(ptime(date(2024, 3, 10), hours(9)), 1, cal);
  CHECK(r.received == date(2024, 3, 11));
  CHECK(r.due == date(2024, 3, 12));
  // 0 working days: the (effective) receipt day itself.
  CHECK(da06::dossier_due(ptime(date(2024, 3, 10), hours(9)), 0, cal).due == date(2024, 3, 11));
  // Across Tết 2025 (25/1–2/2 off): received Fri 24/1 09:00, 5 days → 3/2..7/2 → Fri 7/2.
  CHECK(da06::dossier_due(ptime(date(2025, 1, 24), hours(9)), 5, cal).due == date(2025, 2, 7));
  CHECK_THROWS_AS((void)da06::dossier_due(ptime(date(2024, 3, 11), hours(9)), -1, cal), da06::InvalidArgument);
  // Oracle: step one day at a time.
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> day(0, 1460), hr(0, 23), nd(0, 30);
  for (int k = 0; k < 2000; ++k) {
    const date d = date(2023, 1, 1) + days(day(rng));
    const int h = hr(rng), n = nd(rng);
    date rec = d;
    if (!cal.is_workday(rec) || h >= 16) do rec += days(1); while (!cal.is_workday(rec));
    date due = rec;
    for (int i = 0; i < n; ++i) do due += days(1); while (!cal.is_workday(due));
    const auto got = da06::dossier_due(ptime(d, hours(h)), n, cal);
    CAPTURE(d);
    CAPTURE(h);
    CAPTURE(n);
    REQUIRE(got.received == rec);
    REQUIRE(got.due == due);
  }
}

TEST_CASE("dossiers: early / on time / late in working days") {
  const Calendar cal = Calendar::vietnam_public();
  using da06::DossierStatus;
  auto s = da06::dossier_status(date(2024, 5, 2), date(2024, 4, 26), cal);  // promised Thu 2/5, returned Fri 26/4
  CHECK(s.status == DossierStatus::early);
  CHECK(s.working_days == 1);  // only 2/5 lies in (26/4, 2/5]
  CHECK(s.calendar_days == 6);
  s = da06::dossier_status(date(2024, 5, 2), date(2024, 5, 6), cal);
  CHECK(s.status == DossierStatus::late);
  CHECK(s.working_days == 3);  // 3/5, 4/5 (make-up Saturday), 6/5
  s = da06::dossier_status(date(2024, 5, 2), date(2024, 5, 2), cal);
  CHECK(s.status == DossierStatus::on_time);
  CHECK(s.working_days == 0);
  s = da06::dossier_status(date(2024, 5, 10), date(2024, 5, 11), cal);  // Fri → Sat: late, 0 working days
  CHECK(s.status == DossierStatus::late);
  CHECK(s.working_days == 0);
  CHECK(da06::to_string(DossierStatus::late) == "late");
  CHECK(da06::to_vietnamese(DossierStatus::early) == "trước hạn");
  CHECK(da06::to_vietnamese(DossierStatus::on_time) == "đúng hạn");
  CHECK(da06::to_vietnamese(DossierStatus::late) == "quá hạn");
  CHECK_THROWS_AS((void)da06::dossier_status(date(2300, 1, 1), date(2300, 1, 2), cal), da06::RangeError);
}
