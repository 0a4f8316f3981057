// calendar_example — working days, a run-time schedule and Civil Code time limits with da06.
//
// Build (inside the da06 build tree the target links da06::da06):
//   g++ -std=c++20 calendar_example.cpp -lda06pp
#include "da06/calendar.hpp"
#include "da06/time_limits.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <iostream>

int main() {
  using boost::gregorian::date;
  const da06::Calendar cal = da06::Calendar::vietnam_public();

  // 1. Working days in a year ([a, b], both ends counted).
  std::cout << "2024: " << cal.count_workdays_closed(date(2024, 1, 1), date(2024, 12, 31)) << " working days\n";
  std::cout << "2025: " << cal.count_workdays_closed(date(2025, 1, 1), date(2025, 12, 31)) << " working days\n";

  // 2. The days off of a year, with Vietnamese names.
  for (const da06::Holiday& h : cal.holidays(2024))
    std::cout << "  " << boost::gregorian::to_iso_extended_string(h.date) << "  " << h.name << " ("
              << da06::to_string(h.kind) << ")\n";

  // 3. A year's schedule added at run time: a new calendar; `cal` is unchanged.
  const da06::Calendar cal2027 = cal.with_schedule(R"({
    "year": 2027,
    "tet": {"from": "2027-02-04", "to": "2027-02-12"},
    "national_day_adjacent": "2027-09-03",
    "swaps": [{"day_off": "2027-04-29", "workday": "2027-04-24", "source": "example only"}]
  })");
  std::cout << "29/4/2027 working? default " << cal.is_workday(date(2027, 4, 29)) << ", with schedule "
            << cal2027.is_workday(date(2027, 4, 29)) << "\n";

  // 4. Working-day arithmetic: the 3rd working day after Fri 26/4/2024 is the make-up Saturday.
  std::cout << "26/4/2024 + 3 working days = " << cal.add_workdays(date(2024, 4, 26), 3) << "\n";

  // 5. Civil Code time limits: 30/4 + 1 month = 30/5 (clamped, never snapped to 31/5).
  std::cout << "30/4/2024 + 1 month = " << da06::add_months(date(2024, 4, 30), 1) << "\n";
  const auto t = da06::time_limit(date(2024, 4, 27), {3, da06::TimeUnit::day}, cal);
  std::cout << "3 days from 27/4/2024: nominal " << t.nominal_end << ", ends " << t.end << "\n";

  // 6. A dossier received Fri 26/4/2024 at 16:00 (after the 15:00 cut-off), 3 working days.
  const auto due = da06::dossier_due(boost::posix_time::ptime(date(2024, 4, 26), boost::posix_time::hours(16)), 3, cal);
  std::cout << "dossier: counts as received " << due.received << ", due " << due.due << "\n";
  const auto st = da06::dossier_status(due.due, date(2024, 5, 8), cal);
  std::cout << "returned 8/5: " << da06::to_vietnamese(st.status) << " by " << st.working_days << " working day(s)\n";
  return 0;
}
