// time_limits.cpp — Civil Code 2015 time limits and Nghị định 61/2018 dossier due dates.
#include "da06/time_limits.hpp"

#include "da06/error.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <cstdlib>
#include <string>

namespace da06 {
inline namespace v1 {

namespace bg = boost::gregorian;

namespace {

void require_valid(bg::date d, const char* fn) {
  if (d.is_special()) throw InvalidArgument(std::string(fn) + ": not a valid date");
}

bg::date make_date(long long y, int m, int d, const char* fn) {
  // boost::gregorian's range is 1400..9999.
  if (y < 1400 || y > 9999) throw RangeError(std::string(fn) + ": the result's year " + std::to_string(y) + " is outside 1400..9999");
  const auto uy = static_cast<unsigned short>(y);
  const auto um = static_cast<unsigned short>(m);
  const int last = bg::gregorian_calendar::end_of_month_day(uy, um);
  return bg::date(uy, um, static_cast<unsigned short>(d > last ? last : d));
}

bg::date plus_days(bg::date d, long long n, const char* fn) {
  const long long target = static_cast<long long>(d.day_number()) + n;
  const long long lo = bg::date(1400, 1, 1).day_number(), hi = bg::date(9999, 12, 31).day_number();
  if (target < lo || target > hi) throw RangeError(std::string(fn) + ": the result is outside 1400..9999");
  return d + bg::days(n);
}

}  // namespace

bg::date add_days(bg::date event_day, int n) {
  require_valid(event_day, "add_days");
  return plus_days(event_day, n, "add_days");
}

bg::date add_weeks(bg::date event_day, int n) {
  require_valid(event_day, "add_weeks");
  return plus_days(event_day, 7LL * n, "add_weeks");
}

bg::date add_months(bg::date event_day, int n) {
  require_valid(event_day, "add_months");
  // Clamp, never snap: do not use boost::gregorian::months, which maps a month-end start to the
  // target month's end (30/4 + 1 month = 31/5). Art. 148 wants the corresponding day (30/5).
  const long long total = static_cast<long long>(event_day.year()) * 12 + (event_day.month() - 1) + n;
  const long long y = total >= 0 ? total / 12 : -((-total + 11) / 12);
  const int m = static_cast<int>(total - y * 12) + 1;
  return make_date(y, m, event_day.day(), "add_months");
}

bg::date add_years(bg::date event_day, int n) {
  require_valid(event_day, "add_years");
  return make_date(static_cast<long long>(event_day.year()) + n, event_day.month(), event_day.day(), "add_years");
}

Duration named_length(NamedLength n) noexcept {
  switch (n) {
    case NamedLength::year: return {365, TimeUnit::day};
    case NamedLength::half_year: return {6, TimeUnit::month};
    case NamedLength::month: return {30, TimeUnit::day};
    case NamedLength::half_month: return {15, TimeUnit::day};
    case NamedLength::week: return {7, TimeUnit::day};
    case NamedLength::day: return {1, TimeUnit::day};
  }
  return {0, TimeUnit::day};
}

bg::date add(bg::date event_day, Duration length) {
  switch (length.unit) {
    case TimeUnit::day: return add_days(event_day, length.count);
    case TimeUnit::week: return add_weeks(event_day, length.count);
    case TimeUnit::month: return add_months(event_day, length.count);
    case TimeUnit::year: return add_years(event_day, length.count);
  }
  throw InvalidArgument("add: unknown time unit");
}

TimeLimit time_limit(bg::date event_day, Duration length, const Calendar& calendar) {
  TimeLimit t;
  t.event_day = event_day;
  t.nominal_end = add(event_day, length);
  // Art. 148: a last day that is a weekend day or a holiday moves to the next working day.
  t.end = calendar.roll(t.nominal_end, RollConvention::following);
  return t;
}

bg::date named_point(NamedPoint p, int year, int month) {
  if (year < 1400 || year > 9999) throw RangeError("named_point: year " + std::to_string(year) + " is outside 1400..9999");
  const bool month_point = p == NamedPoint::start_of_month || p == NamedPoint::mid_month || p == NamedPoint::end_of_month;
  if (month_point && (month < 1 || month > 12)) throw InvalidArgument("named_point: month must be 1..12");
  const auto y = static_cast<unsigned short>(year);
  switch (p) {
    case NamedPoint::start_of_month: return bg::date(y, static_cast<unsigned short>(month), 1);
    case NamedPoint::mid_month: return bg::date(y, static_cast<unsigned short>(month), 15);
    case NamedPoint::end_of_month: return make_date(year, month, 31, "named_point");
    case NamedPoint::start_of_year: return bg::date(y, 1, 1);
    case NamedPoint::mid_year: return bg::date(y, 6, 30);
    case NamedPoint::end_of_year: return bg::date(y, 12, 31);
  }
  throw InvalidArgument("named_point: unknown point");
}

std::optional<NamedPoint> parse_named_point(std::string_view text) noexcept {
  std::string s;
  s.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !s.empty();
      continue;
    }
    if (space) s += ' ';
    space = false;
    // "Đ" (U+0110, C4 90) → "đ" (U+0111, C4 91); ASCII letters to lower case.
    if (static_cast<unsigned char>(c) == 0xC4 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x90) {
      s += "\xC4\x91";
      ++i;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    s += c;
  }
  if (s == "đầu tháng") return NamedPoint::start_of_month;
  if (s == "giữa tháng") return NamedPoint::mid_month;
  if (s == "cuối tháng") return NamedPoint::end_of_month;
  if (s == "đầu năm") return NamedPoint::start_of_year;
  if (s == "giữa năm") return NamedPoint::mid_year;
  if (s == "cuối năm") return NamedPoint::end_of_year;
  return std::nullopt;
}

DossierDue dossier_due(boost::posix_time::ptime received_at, int working_days, const Calendar& calendar,
                       DossierOptions options) {
  if (received_at.is_special()) throw InvalidArgument("dossier_due: received_at is not a valid time");
  if (working_days < 0) throw InvalidArgument("dossier_due: working_days must be ≥ 0");
  if (options.cutoff_hour < 0 || options.cutoff_hour > 24 || options.cutoff_minute < 0 || options.cutoff_minute > 59)
    throw InvalidArgument("dossier_due: cut-off must be a time of day");
  const bg::date day = received_at.date();
  const auto tod = received_at.time_of_day();
  const auto cutoff = boost::posix_time::hours(options.cutoff_hour) + boost::posix_time::minutes(options.cutoff_minute);
  DossierDue r;
  const bool late_in_day = options.apply_cutoff && tod > cutoff;
  r.received = (calendar.is_workday(day) && !late_in_day) ? day : calendar.next_workday(day);
  r.due = calendar.add_workdays(r.received, working_days);  // n = 0: the receipt day itself
  return r;
}

std::string_view to_string(DossierStatus s) noexcept {
  switch (s) {
    case DossierStatus::early: return "early";
    case DossierStatus::on_time: return "on_time";
    case DossierStatus::late: return "late";
  }
  return "unknown";
}

std::string_view to_vietnamese(DossierStatus s) noexcept {
  switch (s) {
    case DossierStatus::early: return "trước hạn";
    case DossierStatus::on_time: return "đúng hạn";
    case DossierStatus::late: return "quá hạn";
  }
  return "?";
}

DossierOutcome dossier_status(bg::date promised, bg::date returned, const Calendar& calendar) {
  require_valid(promised, "dossier_status");
  require_valid(returned, "dossier_status");
  DossierOutcome o;
  o.calendar_days = static_cast<int>(std::llabs((returned - promised).days()));
  if (returned == promised) {
    // Still range-check the date against the calendar, as the other branches do.
    (void)calendar.is_workday(promised);
    return o;
  }
  const bool early = returned < promised;
  const bg::date lo = early ? returned : promised;
  const bg::date hi = early ? promised : returned;
  o.status = early ? DossierStatus::early : DossierStatus::late;
  // Working days in (lo, hi] = [lo, hi] minus lo itself.
  o.working_days = calendar.count_workdays_closed(lo, hi) - (calendar.is_workday(lo) ? 1 : 0);
  return o;
}

}  // namespace v1
}  // namespace da06
