// libFuzzer target: the holiday schedule JSON reader (`Calendar::with_schedule`, the CLI's `--schedule`,
// `da06_calendar_add_schedule_json`, `Calendar.with_schedule` in Python).
//
// Properties, whatever the bytes:
//   * it returns a calendar or throws a da06::Error (any other exception aborts the run); the error
//     names the input ("<string>") and is located: a JSON path from "$", and when it has a line and
//     column, they are inside the input;
//   * a calendar it returns answers for every year it has a schedule for: holidays(y) is sorted, within
//     1900..2199, and agrees with is_workday; the year's working-day count agrees with is_workday;
//   * round trip through the value form: adding a year's schedule back as a YearSchedule value is
//     accepted and changes none of that year's days.
#include <da06/calendar.hpp>
#include <da06/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace bg = boost::gregorian;

namespace {

void check_year(const da06::Calendar& cal, int y) {
  const std::vector<da06::Holiday> hs = cal.holidays(y);
  for (std::size_t i = 0; i < hs.size(); ++i) {
    FUZZ_CHECK(hs[i].date >= da06::Calendar::min_date() && hs[i].date <= da06::Calendar::max_date(),
               "a holiday outside the calendar's range");
    FUZZ_CHECK(i == 0 || !(hs[i].date < hs[i - 1].date), "holidays(" + std::to_string(y) + ") is not sorted");
    if (hs[i].kind == da06::HolidayKind::makeup_workday)
      FUZZ_CHECK(cal.is_workday(hs[i].date), "a make-up workday is not a working day: " + bg::to_iso_extended_string(hs[i].date));
  }
  const bg::date first(static_cast<unsigned short>(y), 1, 1), last(static_cast<unsigned short>(y), 12, 31);
  int workdays = 0;
  for (bg::day_iterator d(first); *d <= last; ++d) workdays += cal.is_workday(*d);
  FUZZ_CHECK(cal.count_workdays_closed(first, last) == workdays, "count_workdays_closed disagrees with is_workday");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const da06::Calendar base = da06::Calendar::vietnam_statutory();
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf);
  da06::Calendar cal = base;
  try {
    cal = base.with_schedule(text);
  } catch (const da06::Error& e) {
    const da06::Location& w = e.where();
    FUZZ_CHECK(w.file == "<string>", "the error does not name the input: " + da06_fuzz::describe(w, e.message()));
    FUZZ_CHECK(w.path.rfind('$', 0) == 0, "the error has no JSON path: " + da06_fuzz::describe(w, e.message()));
    if (w.line > 0 || w.column > 0)
      FUZZ_CHECK(da06_fuzz::inside(w.line, w.column, lines), "position outside the input: " + da06_fuzz::describe(w, e.message()));
    da06_fuzz::check_message(w, e.message());
    return 0;
  }
  for (int y : cal.schedule_years()) {
    check_year(cal, y);
    const std::optional<da06::YearSchedule> s = cal.schedule(y);
    FUZZ_CHECK(s && s->year == y, "schedule(y) is not the year's schedule");
    da06::Calendar again = cal;
    try {
      again = cal.with_schedule(*s);
    } catch (const da06::Error& e) {
      FUZZ_CHECK(false, "the value form refuses what the JSON form accepted: " + std::string(e.what()));
    }
    FUZZ_CHECK(again.holidays(y) == cal.holidays(y), "re-adding the schedule as a value changed " + std::to_string(y));
  }
  return 0;
}
