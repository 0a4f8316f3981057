// Tests of da06/calendar.hpp: published schedules, numpy.busday_count, and brute-force oracles.
#include <doctest/doctest.h>

#include "da06/calendar.hpp"
#include "da06/error.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef DA06_SOURCE_DIR
#define DA06_SOURCE_DIR "."
#endif

using boost::gregorian::date;
using boost::gregorian::days;
using da06::Calendar;
using da06::HolidayKind;

namespace {

bool weekend(date d) { return d.day_of_week() == 0 || d.day_of_week() == 6; }

// Naive oracle: one day at a time over is_workday.
int naive_closed(const Calendar& c, date a, date b) {
  if (a > b) return -naive_closed(c, b, a);
  int n = 0;
  for (date d = a; d <= b; d += days(1)) n += c.is_workday(d) ? 1 : 0;
  return n;
}

std::vector<da06::Holiday> of_kind(const std::vector<da06::Holiday>& hs, HolidayKind k) {
  std::vector<da06::Holiday> out;
  std::copy_if(hs.begin(), hs.end(), std::back_inserter(out), [&](const auto& h) { return h.kind == k; });
  return out;
}

date iso(const std::string& s) { return boost::gregorian::from_simple_string(s); }

// DOMAIN.md §3, table "Known public-sector schedules", written out as the weekdays (Mon–Fri)
// given off and the weekend days worked. Independent of data/holidays/vn_public_schedules.json.
struct Official {
  int year;
  std::vector<date> weekdays_off;
  std::vector<date> weekend_worked;
};
const std::vector<Official>& official() {
  static const std::vector<Official> t = {
      {2023,
       {date(2023, 1, 2), date(2023, 1, 20), date(2023, 1, 23), date(2023, 1, 24), date(2023, 1, 25), date(2023, 1, 26),
        date(2023, 5, 1), date(2023, 5, 2), date(2023, 5, 3), date(2023, 9, 1), date(2023, 9, 4)},
       {}},
      {2024,
       {date(2024, 1, 1), date(2024, 2, 8), date(2024, 2, 9), date(2024, 2, 12), date(2024, 2, 13), date(2024, 2, 14),
        date(2024, 4, 18), date(2024, 4, 29), date(2024, 4, 30), date(2024, 5, 1), date(2024, 9, 2), date(2024, 9, 3)},
       {date(2024, 5, 4)}},
      {2025,
       {date(2025, 1, 1), date(2025, 1, 27), date(2025, 1, 28), date(2025, 1, 29), date(2025, 1, 30), date(2025, 1, 31),
        date(2025, 4, 7), date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2), date(2025, 9, 1), date(2025, 9, 2)},
       {date(2025, 4, 26)}},
      {2026,
       {date(2026, 1, 1), date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 18), date(2026, 2, 19), date(2026, 2, 20),
        date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1), date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)},
       {date(2026, 8, 22)}},
  };
  return t;
}

}  // namespace

TEST_CASE("calendar: public-sector working days per year — 2024 has 251, 2025 has 250") {
  const Calendar cal = Calendar::vietnam_public();
  CHECK(cal.count_workdays_closed(date(2024, 1, 1), date(2024, 12, 31)) == 251);
  CHECK(cal.count_workdays_closed(date(2025, 1, 1), date(2025, 12, 31)) == 250);
  CHECK(cal.count_workdays_half_open(date(2024, 1, 1), date(2025, 1, 1)) == 251);
  CHECK(cal.count_workdays_half_open(date(2025, 1, 1), date(2026, 1, 1)) == 250);
}

TEST_CASE("calendar: every official 2023–2026 day off and make-up day (DOMAIN.md §3)") {
  const Calendar cal = Calendar::vietnam_public();
  for (const Official& o : official()) {
    CAPTURE(o.year);
    const std::set<date> off(o.weekdays_off.begin(), o.weekdays_off.end());
    const std::set<date> worked(o.weekend_worked.begin(), o.weekend_worked.end());
    for (date d(o.year, 1, 1); d <= date(o.year, 12, 31); d += days(1)) {
      CAPTURE(d);
      const bool expected = weekend(d) ? worked.count(d) == 1 : off.count(d) == 0;
      CHECK(cal.is_workday(d) == expected);
    }
    // The same facts from the other side: the year total.
    int weekdays = 0;
    for (date d(o.year, 1, 1); d <= date(o.year, 12, 31); d += days(1)) weekdays += weekend(d) ? 0 : 1;
    CHECK(cal.count_workdays_closed(date(o.year, 1, 1), date(o.year, 12, 31)) ==
          weekdays - static_cast<int>(off.size()) + static_cast<int>(worked.size()));
  }
}

TEST_CASE("calendar: the swaps and the 2026 nghỉ bù are listed with their kinds and names") {
  const Calendar cal = Calendar::vietnam_public();
  struct Case { int year; date off; date worked; };
  for (const Case& c : {Case{2024, date(2024, 4, 29), date(2024, 5, 4)}, Case{2025, date(2025, 5, 2), date(2025, 4, 26)},
                        Case{2026, date(2026, 8, 31), date(2026, 8, 22)}}) {
    CAPTURE(c.year);
    const auto hs = cal.holidays(c.year);
    const auto swaps = of_kind(hs, HolidayKind::swap_day_off);
    const auto makeups = of_kind(hs, HolidayKind::makeup_workday);
    REQUIRE(swaps.size() == 1);
    REQUIRE(makeups.size() == 1);
    CHECK(swaps[0].date == c.off);
    CHECK(swaps[0].name == "Hoán đổi ngày làm việc");
    CHECK(makeups[0].date == c.worked);
    CHECK(makeups[0].name == "Làm bù");
    CHECK_FALSE(makeups[0].is_day_off());
    CHECK_FALSE(cal.is_workday(c.off));
    CHECK(cal.is_workday(c.worked));
    CHECK(weekend(c.worked));
    CHECK_FALSE(weekend(c.off));
  }
  // 2026: Giỗ Tổ on Sunday 26/4 → Monday 27/4 nghỉ bù.
  const auto on26 = cal.holidays_on(date(2026, 4, 26));
  REQUIRE(on26.size() == 1);
  CHECK(on26[0].name == "Giỗ Tổ Hùng Vương");
  CHECK(on26[0].kind == HolidayKind::statutory);
  const auto on27 = cal.holidays_on(date(2026, 4, 27));
  REQUIRE(on27.size() == 1);
  CHECK(on27[0].name == "Nghỉ bù");
  CHECK(on27[0].kind == HolidayKind::compensatory);
  CHECK_FALSE(cal.is_workday(date(2026, 4, 27)));
  // The statutory-only profile derives the same day from Art. 111(3).
  CHECK_FALSE(Calendar::vietnam_statutory().is_workday(date(2026, 4, 27)));
  // Make-up Saturdays exist only in the public profile.
  CHECK_FALSE(Calendar::vietnam_statutory().is_workday(date(2024, 5, 4)));
  CHECK(Calendar::vietnam_statutory().is_workday(date(2024, 4, 29)));
}

TEST_CASE("calendar: holiday names in Vietnamese") {
  const Calendar cal = Calendar::vietnam_public();
  auto name_on = [&](date d) {
    const auto hs = cal.holidays_on(d);
    REQUIRE(hs.size() == 1);
    return hs[0].name;
  };
  CHECK(name_on(date(2024, 1, 1)) == "Tết Dương lịch");
  CHECK(name_on(date(2024, 2, 10)) == "Tết Nguyên đán");
  CHECK(name_on(date(2024, 4, 18)) == "Giỗ Tổ Hùng Vương");
  CHECK(name_on(date(2024, 4, 30)) == "Ngày Chiến thắng");
  CHECK(name_on(date(2024, 5, 1)) == "Ngày Quốc tế Lao động");
  CHECK(name_on(date(2024, 9, 2)) == "Quốc khánh");
  CHECK(name_on(date(2024, 9, 3)) == "Quốc khánh");
  CHECK(name_on(date(2023, 1, 2)) == "Nghỉ bù");
  CHECK(cal.holidays_on(date(2024, 3, 5)).empty());
  CHECK(da06::to_string(HolidayKind::schedule_extra) == "schedule_extra");
  const auto y = cal.holidays(2024);
  CHECK(std::is_sorted(y.begin(), y.end(), [](const auto& a, const auto& b) { return a.date < b.date; }));
  for (const auto& h : y) CHECK(h.date.year() == 2024);
}

TEST_CASE("calendar: statutory profile computes the 2023 nghỉ bù days the official schedule lists") {
  // The public data lists 2023's compensatory days explicitly; the statutory profile computes
  // them from Art. 111(3). They must agree (1/1 Sun; 29/4 Sat, 30/4 Sun; 2/9 Sat).
  const auto comp = of_kind(Calendar::vietnam_statutory().holidays(2023), HolidayKind::compensatory);
  std::vector<date> got;
  for (const auto& h : comp) got.push_back(h.date);
  // Statutory Tết 2023 is the eve Sat 21/1 .. mùng 4 Wed 25/1, so its two weekend days give
  // Thu 26/1 and Fri 27/1 (the official break, 20/1–26/1, is data and is not derived).
  CHECK(got == std::vector<date>{date(2023, 1, 2), date(2023, 1, 26), date(2023, 1, 27), date(2023, 5, 2), date(2023, 5, 3),
                                 date(2023, 9, 4)});
  std::vector<date> outside_tet;
  std::copy_if(got.begin(), got.end(), std::back_inserter(outside_tet), [](date d) { return d.month() != 1 || d.day() < 20; });
  const auto listed = Calendar::vietnam_public().schedule(2023);
  REQUIRE(listed.has_value());
  REQUIRE(listed->compensatory.has_value());
  CHECK(*listed->compensatory == outside_tet);
  CHECK(listed->check == std::vector<std::string>{"swaps"});
}

TEST_CASE("calendar: statutory rules are versioned by effective date") {
  const Calendar st = Calendar::vietnam_statutory();
  auto count_named = [&](int year, const std::string& name) {
    int n = 0;
    for (const auto& h : st.holidays(year)) n += (h.kind == HolidayKind::statutory && h.name == name) ? 1 : 0;
    return n;
  };
  CHECK(count_named(2012, "Tết Nguyên đán") == 4);
  CHECK(count_named(2013, "Tết Nguyên đán") == 5);
  CHECK(count_named(2006, "Giỗ Tổ Hùng Vương") == 0);
  CHECK(count_named(2007, "Giỗ Tổ Hùng Vương") == 1);
  CHECK(st.holidays_on(date(2007, 4, 26)).at(0).name == "Giỗ Tổ Hùng Vương");
  CHECK(count_named(2020, "Quốc khánh") == 1);
  CHECK(count_named(2021, "Quốc khánh") == 2);
  CHECK_FALSE(st.is_workday(date(2021, 9, 3)));  // Thu 2/9/2021 → Fri 3/9, as officially given
  CHECK(st.is_workday(date(2020, 9, 3)));
  // Tết 2013 statutory (default) days: the eve 9/2 (Sat) .. mùng 4 13/2.
  CHECK(st.holidays_on(date(2013, 2, 9)).at(0).name == "Tết Nguyên đán");
  CHECK(st.holidays_on(date(2013, 2, 13)).at(0).name == "Tết Nguyên đán");
}

TEST_CASE("calendar: a 12th holiday (24/11, Ngày Văn hóa Việt Nam) added as data with an effective date") {
  const Calendar base = Calendar::vietnam_public();
  da06::HolidayRule r;
  r.id = "culture_day";
  r.name = "Ngày Văn hóa Việt Nam";
  r.month = 11;
  r.day = 24;
  r.effective_from = date(2027, 1, 1);  // hypothetical: the amendment was still a draft
  r.source = "Nghị quyết 80-NQ/TW (pending Labour Code amendment)";
  const Calendar cal = base.with_rule(r);

  CHECK(cal.is_workday(date(2026, 11, 24)));      // before the effective date: a Tuesday at work
  CHECK_FALSE(cal.is_workday(date(2027, 11, 24)));  // Wednesday off
  CHECK(cal.count_workdays_closed(date(2027, 1, 1), date(2027, 12, 31)) ==
        base.count_workdays_closed(date(2027, 1, 1), date(2027, 12, 31)) - 1);
  // 24/11/2029 is a Saturday → Monday 26/11/2029 is nghỉ bù.
  REQUIRE(date(2029, 11, 24).day_of_week() == 6);
  CHECK_FALSE(cal.is_workday(date(2029, 11, 26)));
  CHECK(cal.holidays_on(date(2029, 11, 26)).at(0).kind == HolidayKind::compensatory);
  CHECK(base.is_workday(date(2029, 11, 26)));
  CHECK(base.is_workday(date(2027, 11, 24)));  // the old value is unchanged
  CHECK(base.rules().size() + 1 == cal.rules().size());

  // The same rule as JSON data.
  const Calendar cal2 = base.with_schedule(R"({"rules": [{"id": "culture_day", "name": "Ngày Văn hóa Việt Nam",
      "basis": "solar", "month": 11, "day": 24, "effective_from": "2027-01-01"}]})");
  for (int y = 2026; y <= 2032; ++y)
    CHECK(cal2.count_workdays_closed(date(y, 1, 1), date(y, 12, 31)) == cal.count_workdays_closed(date(y, 1, 1), date(y, 12, 31)));
  CHECK(cal2.holidays_on(date(2027, 11, 24)).at(0).name == "Ngày Văn hóa Việt Nam");
}

TEST_CASE("calendar: a schedule added from JSON at run time changes only the new calendar") {
  const Calendar base = Calendar::vietnam_public();
  const int before = base.count_workdays_closed(date(2027, 1, 1), date(2027, 12, 31));
  const char* json = R"({
    "year": 2027,
    "tet": {"from": "2027-02-04", "to": "2027-02-12"},
    "swaps": [{"day_off": "2027-04-29", "workday": "2027-04-24", "source": "hypothetical"}],
    "extra_days_off": [{"date": "2027-12-31", "name": "Ngày nghỉ thêm"}]
  })";
  const Calendar cal = base.with_schedule(json);
  CHECK_FALSE(base.schedule(2027).has_value());
  REQUIRE(cal.schedule(2027).has_value());
  CHECK(cal.schedule_years() == std::vector<int>{2023, 2024, 2025, 2026, 2027});
  CHECK_FALSE(cal.is_workday(date(2027, 4, 29)));
  CHECK(cal.is_workday(date(2027, 4, 24)));
  CHECK_FALSE(cal.is_workday(date(2027, 12, 31)));
  CHECK(cal.holidays_on(date(2027, 12, 31)).at(0).kind == HolidayKind::schedule_extra);
  CHECK(base.is_workday(date(2027, 4, 29)));
  CHECK_FALSE(base.is_workday(date(2027, 4, 24)));
  CHECK(base.is_workday(date(2027, 12, 31)));
  CHECK(base.count_workdays_closed(date(2027, 1, 1), date(2027, 12, 31)) == before);
  // Tết 2027 is 6/2 (Sat); statutory default 5/2..9/2 + nghỉ bù 10/2, 11/2. The schedule's break is 4/2..12/2.
  CHECK(base.is_workday(date(2027, 2, 4)));
  CHECK_FALSE(cal.is_workday(date(2027, 2, 4)));
  CHECK_FALSE(cal.is_workday(date(2027, 2, 12)));
  CHECK(base.is_workday(date(2027, 2, 12)));
  // Outside 2027 nothing changed.
  for (int y = 1990; y <= 2040; ++y)
    if (y != 2027)
      CHECK(cal.count_workdays_closed(date(y, 1, 1), date(y, 12, 31)) == base.count_workdays_closed(date(y, 1, 1), date(y, 12, 31)));
  // A schedule replaces the earlier one for its year: 2024 without its swap.
  const Calendar no_swap = base.with_schedule(R"({"year": 2024, "tet": {"from": "2024-02-08", "to": "2024-02-14"},
      "national_day_adjacent": "2024-09-03"})");
  CHECK(no_swap.count_workdays_closed(date(2024, 1, 1), date(2024, 12, 31)) == 251 + 1 - 1);  // +29/4 worked, −4/5 not
  CHECK(no_swap.is_workday(date(2024, 4, 29)));
  CHECK_FALSE(no_swap.is_workday(date(2024, 5, 4)));
  // The same through the value API.
  da06::YearSchedule s;
  s.year = 2028;
  s.swaps.push_back({date(2028, 5, 2), date(2028, 5, 6), ""});
  const Calendar c3 = base.with_schedule(s);
  CHECK_FALSE(c3.is_workday(date(2028, 5, 2)));
  CHECK(c3.is_workday(date(2028, 5, 6)));
}

TEST_CASE("calendar: bad schedule JSON names the path and the field") {
  const Calendar base = Calendar::vietnam_public();
  SUBCASE("syntax error → ParseError with line and column") {
    try {
      (void)base.with_schedule("{\n  \"year\": 2027,\n  \"swaps\": [ }");
      FAIL("no exception");
    } catch (const da06::ParseError& e) {
      CHECK(e.where().line == 3);
      CHECK(e.where().column > 1);
    }
  }
  SUBCASE("a wrong type → DataError at $.swaps[0].workday") {
    try {
      (void)base.with_schedule(R"({"year": 2027, "swaps": [{"day_off": "2027-04-29", "workday": 20270424}]})");
      FAIL("no exception");
    } catch (const da06::DataError& e) {
      CHECK(e.where().path == "$.swaps[0].workday");
      CHECK(e.where().field == "workday");
    }
  }
  SUBCASE("bad date text → DataError (LoadError) at the field") {
    try {
      (void)base.with_schedule(R"({"schedules": [{"year": 2027, "national_day_adjacent": "3/9/2027"}]})");
      FAIL("no exception");
    } catch (const da06::LoadError& e) {
      CHECK(e.where().path == "$.schedules[0].national_day_adjacent");
      CHECK(e.where().line == 1);
      CHECK(e.where().column == 56);
      CHECK(e.where().field == "national_day_adjacent");
    }
  }
  SUBCASE("content errors → DataError") {
    CHECK_THROWS_AS((void)base.with_schedule(R"({"year": 2027, "swap": []})"), da06::DataError);  // unknown field
    CHECK_THROWS_AS((void)base.with_schedule(R"({"year": 2027, "swaps": [{"day_off": "2027-04-24", "workday": "2027-04-29"}]})"),
                    da06::DataError);  // day off on Saturday, workday on Thursday
    CHECK_THROWS_AS((void)base.with_schedule(R"({"year": 2027, "national_day_adjacent": "2027-09-05"})"), da06::DataError);
    CHECK_THROWS_AS((void)base.with_schedule(R"({"year": 2027, "tet": {"from": "2027-02-30", "to": "2027-02-12"}})"), da06::DataError);
    CHECK_THROWS_AS((void)base.with_schedule(R"([{"year": 2027}, {"year": 2027}])"), da06::DataError);
    CHECK_THROWS_AS((void)base.with_schedule(R"({"rules": [{"id": "x", "name": "x", "basis": "lunar", "month": 3, "day": 30}]})"),
                    da06::DataError);
    CHECK_THROWS_AS((void)base.with_schedule(R"({"year": 2300})"), da06::DataError);
    // A make-up Saturday that is itself a holiday (30/4/2022 was a Saturday).
    CHECK_THROWS_AS((void)base.with_schedule(R"({"year": 2022, "swaps": [{"day_off": "2022-05-03", "workday": "2022-04-30"}]})"),
                    da06::DataError);
  }
  CHECK(base.schedule_years() == std::vector<int>{2023, 2024, 2025, 2026});
}

TEST_CASE("calendar: numpy.busday_count oracle (tests/data/busday_oracle.csv)") {
  std::ifstream in(DA06_SOURCE_DIR "/tests/data/busday_oracle.csv");
  REQUIRE(in.good());
  const Calendar pub = Calendar::vietnam_public();
  const Calendar st = Calendar::vietnam_statutory();
  std::string line;
  std::getline(in, line);
  CHECK(line == "profile,begin,end,half_open,closed");
  int rows = 0, mismatches = 0, negatives = 0;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string profile, b, e, ho, cl;
    std::getline(ss, profile, ',');
    std::getline(ss, b, ',');
    std::getline(ss, e, ',');
    std::getline(ss, ho, ',');
    std::getline(ss, cl, ',');
    const Calendar& cal = profile == "public" ? pub : st;
    const date db = iso(b), de = iso(e);
    const int h = cal.count_workdays_half_open(db, de), c = cal.count_workdays_closed(db, de);
    if (h != std::stoi(ho) || c != std::stoi(cl)) {
      ++mismatches;
      MESSAGE(line << " → da06 half_open " << h << ", closed " << c);
    }
    negatives += std::stoi(ho) < 0 ? 1 : 0;
    ++rows;
  }
  CHECK(rows == 2000);
  CHECK(negatives > 100);  // the sign convention is exercised
  CHECK(mismatches == 0);
}

TEST_CASE("calendar: O(1) counts equal a naive day-by-day loop; add_workdays agrees with count") {
  const Calendar cal = Calendar::vietnam_public();
  std::mt19937 rng(12345);
  const int lo = da06::to_epoch_days(Calendar::min_date()), hi = da06::to_epoch_days(Calendar::max_date());
  std::uniform_int_distribution<int> any_day(lo, hi), span(-400, 400), near_now(da06::to_epoch_days(date(2022, 1, 1)),
                                                                              da06::to_epoch_days(date(2027, 12, 31)));
  auto clamp = [&](int x) { return std::clamp(x, lo, hi); };
  for (int k = 0; k < 3000; ++k) {
    const int a = (k % 2) ? any_day(rng) : near_now(rng);
    const int b = clamp(a + span(rng));
    const date da = da06::from_epoch_days(a), db = da06::from_epoch_days(b);
    CAPTURE(da);
    CAPTURE(db);
    const int naive = naive_closed(cal, da, db);
    REQUIRE(cal.count_workdays_closed(da, db) == naive);
    // [a, b) = [a, b] − b for a ≤ b; for a > b numpy counts −|(b, a]| = −([b, a] − b).
    const int ho = a <= b ? naive_closed(cal, da, db) - (cal.is_workday(db) ? 1 : 0)
                          : -(naive_closed(cal, db, da) - (cal.is_workday(db) ? 1 : 0));
    REQUIRE(cal.count_workdays_half_open(da, db) == ho);
  }
  // The ends of the supported range.
  CHECK(cal.count_workdays_closed(Calendar::min_date(), Calendar::min_date() + days(40)) ==
        naive_closed(cal, Calendar::min_date(), Calendar::min_date() + days(40)));
  CHECK(cal.count_workdays_closed(Calendar::max_date() - days(40), Calendar::max_date()) ==
        naive_closed(cal, Calendar::max_date() - days(40), Calendar::max_date()));

  std::uniform_int_distribution<int> steps(-300, 300);
  for (int k = 0; k < 3000; ++k) {
    const date from = da06::from_epoch_days(near_now(rng));
    const int n = steps(rng);
    CAPTURE(from);
    CAPTURE(n);
    const date r = cal.add_workdays(from, n);
    REQUIRE(cal.is_workday(r));
    if (n > 0) {
      REQUIRE(r > from);
      REQUIRE(naive_closed(cal, from + days(1), r) == n);
    } else if (n < 0) {
      REQUIRE(r < from);
      REQUIRE(naive_closed(cal, r, from - days(1)) == -n);
    } else {
      REQUIRE(r >= from);
      REQUIRE(naive_closed(cal, from, r) == 1);
    }
  }
}

TEST_CASE("calendar: next/previous working day and roll conventions") {
  const Calendar cal = Calendar::vietnam_public();
  CHECK(cal.next_workday(date(2024, 4, 26)) == date(2024, 5, 2));      // Fri → Thu after 29/4–1/5
  CHECK(cal.previous_workday(date(2024, 5, 2)) == date(2024, 4, 26));
  CHECK(cal.next_workday(date(2024, 5, 3)) == date(2024, 5, 4));       // make-up Saturday
  CHECK(cal.add_workdays(date(2024, 4, 26), 3) == date(2024, 5, 4));
  CHECK(cal.add_workdays(date(2024, 4, 27), 0) == date(2024, 5, 2));    // n = 0 rolls forward
  CHECK(cal.add_workdays(date(2024, 5, 2), 0) == date(2024, 5, 2));
  CHECK(cal.add_workdays(date(2024, 5, 2), -1) == date(2024, 4, 26));
  CHECK(cal.add_workdays(date(2024, 2, 7), 1) == date(2024, 2, 15));   // across Tết
  // 31/8/2024 Sat; 1/9 Sun; 2/9, 3/9 holidays → following leaves August.
  CHECK(cal.roll(date(2024, 8, 31), da06::RollConvention::following) == date(2024, 9, 4));
  CHECK(cal.roll(date(2024, 8, 31), da06::RollConvention::preceding) == date(2024, 8, 30));
  CHECK(cal.roll(date(2024, 8, 31), da06::RollConvention::modified_following) == date(2024, 8, 30));
  CHECK(cal.roll(date(2024, 9, 1), da06::RollConvention::modified_following) == date(2024, 9, 4));
  CHECK(cal.roll(date(2024, 9, 4), da06::RollConvention::preceding) == date(2024, 9, 4));
  // Closed interval with a > b is antisymmetric.
  CHECK(cal.count_workdays_closed(date(2024, 5, 10), date(2024, 5, 6)) == -5);
  CHECK(cal.count_workdays_closed(date(2024, 5, 6), date(2024, 5, 10)) == 5);
  CHECK(cal.count_workdays_half_open(date(2024, 5, 10), date(2024, 5, 6)) == -4);  // −|(6, 10]|
  // numpy counts the begin, not the end, in both directions: Sat 11/5 → Fri 10/5 is 0, not −1.
  CHECK(cal.count_workdays_half_open(date(2024, 5, 11), date(2024, 5, 10)) == 0);
  CHECK(cal.count_workdays_half_open(date(2024, 5, 10), date(2024, 5, 11)) == 1);
  CHECK(cal.count_workdays_half_open(date(2024, 5, 6), date(2024, 5, 6)) == 0);
}

TEST_CASE("calendar: out-of-range dates raise RangeError, never garbage") {
  const Calendar cal = Calendar::vietnam_public();
  CHECK_THROWS_AS((void)cal.is_workday(date(1899, 12, 31)), da06::RangeError);
  CHECK_THROWS_AS((void)cal.is_workday(date(2200, 1, 1)), da06::RangeError);
  CHECK_THROWS_AS((void)cal.count_workdays_closed(date(2024, 1, 1), date(2200, 1, 1)), da06::RangeError);
  CHECK_THROWS_AS((void)cal.add_workdays(date(2199, 12, 20), 100), da06::RangeError);
  CHECK_THROWS_AS((void)cal.add_workdays(date(1900, 1, 3), -100), da06::RangeError);
  CHECK_THROWS_AS((void)cal.holidays(1899), da06::RangeError);
  CHECK_THROWS_AS((void)cal.is_workday(date(boost::gregorian::not_a_date_time)), da06::InvalidArgument);
  const std::int32_t days_in[3] = {19724, 19723, INT32_MAX};  // 2024-01-02, 2024-01-01, far out
  std::uint8_t out[3] = {9, 9, 9};
  try {
    cal.is_workday(days_in, 3, out);
    FAIL("no exception");
  } catch (const da06::RangeError& e) {
    CHECK(std::string(e.what()).find("element 2") != std::string::npos);
  }
  CHECK(out[0] == 1);  // written before the bad element
  CHECK(out[1] == 0);  // Tết Dương lịch
}

TEST_CASE("calendar: batch functions equal the scalar ones") {
  const Calendar cal = Calendar::vietnam_public();
  CHECK(da06::to_epoch_days(date(1970, 1, 1)) == 0);
  CHECK(da06::to_epoch_days(date(2024, 1, 1)) == 19723);
  CHECK(da06::from_epoch_days(19723) == date(2024, 1, 1));
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> day(da06::to_epoch_days(date(2000, 1, 1)), da06::to_epoch_days(date(2050, 12, 31)));
  std::uniform_int_distribution<int> off(-500, 500);
  const std::size_t n = 5000;
  std::vector<std::int32_t> a(n), b(n), k(n), out(n);
  std::vector<std::uint8_t> w(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = day(rng);
    b[i] = day(rng);
    k[i] = off(rng);
  }
  cal.count_workdays_closed(a.data(), b.data(), n, out.data());
  for (std::size_t i = 0; i < n; ++i)
    REQUIRE(out[i] == cal.count_workdays_closed(da06::from_epoch_days(a[i]), da06::from_epoch_days(b[i])));
  cal.count_workdays_half_open(a.data(), b.data(), n, out.data());
  for (std::size_t i = 0; i < n; ++i)
    REQUIRE(out[i] == cal.count_workdays_half_open(da06::from_epoch_days(a[i]), da06::from_epoch_days(b[i])));
  cal.add_workdays(a.data(), k.data(), n, out.data());
  for (std::size_t i = 0; i < n; ++i) REQUIRE(da06::from_epoch_days(out[i]) == cal.add_workdays(da06::from_epoch_days(a[i]), k[i]));
  cal.is_workday(a.data(), n, w.data());
  for (std::size_t i = 0; i < n; ++i) REQUIRE((w[i] != 0) == cal.is_workday(da06::from_epoch_days(a[i])));
}

TEST_CASE("calendar: a shared value read from several threads") {
  const Calendar cal = Calendar::vietnam_public();
  std::vector<int> totals(4, 0);
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&, t] {
      const Calendar mine = cal;  // a cheap copy of the same immutable value
      for (int y = 2000; y <= 2030; ++y) totals[static_cast<std::size_t>(t)] += mine.count_workdays_closed(date(y, 1, 1), date(y, 12, 31));
    });
  for (auto& th : ts) th.join();
  CHECK(totals[0] > 0);
  CHECK(std::all_of(totals.begin(), totals.end(), [&](int x) { return x == totals[0]; }));
}
