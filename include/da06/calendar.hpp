// da06/calendar.hpp — Vietnamese public holidays, working days and O(1) working-day arithmetic.
//
// A `Calendar` is an immutable value (a `shared_ptr<const Impl>`): copying it is cheap, reads are
// thread-safe without locks, and every "change" (`with_schedule`, `with_rule`) returns a new
// calendar and leaves the old one untouched. There is no process-wide state.
//
// Two profiles:
//   * `Calendar::vietnam_public()`    — the statutory rules plus the official yearly schedules
//                                       (Tết days, 2/9 adjacent day, swaps, make-up Saturdays);
//   * `Calendar::vietnam_statutory()` — the statutory rules only (Labour Code, Art. 111–112).
// Both read `data/holidays/vn_public_schedules.json`, which is compiled into the library.
//
// Interval conventions — every interval function says which ends it includes:
//   * `count_workdays_closed(a, b)`    counts a ≤ d ≤ b   (like python-holidays' [start, end]);
//   * `count_workdays_half_open(a, b)` counts a ≤ d < b   (like numpy.busday_count and QuantLib's
//                                       default businessDaysBetween, [begin, end)); for a > b it
//                                       is −|{d : b < d ≤ a}|, numpy's sign convention.
//
// Speed: the calendar precomputes, over 1900-01-01..2199-12-31, a prefix count of working days
// and the list of working days, so counts are two array reads and `add_workdays` is one index.
// Dates outside that range raise `da06::RangeError`.
//
//   auto cal = da06::Calendar::vietnam_public();
//   cal.count_workdays_closed({2024, 1, 1}, {2024, 12, 31});      // 251
//   cal.add_workdays({2024, 4, 26}, 3);                            // 2024-05-04 (make-up Saturday)
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "dates.hpp"
#include "input.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

/// What a calendar entry is.
enum class HolidayKind : std::uint8_t {
  statutory,       ///< a Labour Code holiday ("Tết Dương lịch", "Tết Nguyên đán", ...)
  compensatory,    ///< "Nghỉ bù": the next working day after a holiday on a weekend (Art. 111(3))
  swap_day_off,    ///< "Hoán đổi ngày làm việc": a weekday given off by a swap
  makeup_workday,  ///< "Làm bù": a Saturday (or Sunday) worked to make up for a swap
  schedule_extra,  ///< any other day off that a yearly schedule lists
};

/// "statutory", "compensatory", "swap_day_off", "makeup_workday", "schedule_extra".
std::string_view to_string(HolidayKind kind) noexcept;

/// One entry of `Calendar::holidays(year)`. Every kind is a day off except `makeup_workday`.
struct Holiday {
  boost::gregorian::date date;
  std::string name;  ///< Vietnamese, e.g. "Giỗ Tổ Hùng Vương", "Nghỉ bù", "Làm bù"
  HolidayKind kind = HolidayKind::statutory;
  bool is_day_off() const noexcept { return kind != HolidayKind::makeup_workday; }
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

/// How `Calendar::roll` moves a non-working day.
enum class RollConvention : std::uint8_t {
  following,           ///< the first working day ≥ d
  preceding,           ///< the last working day ≤ d
  modified_following,  ///< following, unless that leaves d's month; then preceding
};

/// How a statutory rule finds its anchor date in a solar year Y.
enum class RuleBasis : std::uint8_t {
  solar,              ///< day/month of year Y
  lunar,              ///< day/month of lunar year Y (UTC+7), e.g. 10/3 for Giỗ Tổ
  adjacent_to_solar,  ///< the day before or after day/month of year Y (the second National Day)
};

/// A statutory holiday rule, valid for anchor dates in [effective_from, effective_to].
/// Rules are data: a new law is a new rule with an effective date, not a code branch.
///
///   // Ngày Văn hóa Việt Nam (24/11), should it take effect on 2027-01-01:
///   da06::HolidayRule r;
///   r.id = "culture_day"; r.name = "Ngày Văn hóa Việt Nam";
///   r.month = 11; r.day = 24; r.effective_from = boost::gregorian::date(2027, 1, 1);
///   auto cal2 = cal.with_rule(r);
struct HolidayRule {
  std::string id;    ///< stable identifier; several versions of one holiday share it ("tet")
  std::string name;  ///< Vietnamese display name
  RuleBasis basis = RuleBasis::solar;
  int month = 1;
  int day = 1;
  int first_offset = 0;  ///< first day off relative to the anchor (Tết: -1, the eve)
  int days = 1;          ///< number of consecutive days off (ignored for adjacent_to_solar)
  /// For adjacent_to_solar: bit w (0 = Sunday … 6 = Saturday) set means that when the anchor
  /// falls on weekday w the adjacent day is the day before; otherwise it is the day after.
  std::uint8_t before_on_weekdays = 0;
  std::optional<boost::gregorian::date> effective_from;  ///< inclusive; empty = always
  std::optional<boost::gregorian::date> effective_to;    ///< inclusive; empty = open-ended
  bool compensate = true;    ///< a day of it on Saturday/Sunday gives a "Nghỉ bù" day
  std::string schedule_key;  ///< "", "tet" or "national_day_adjacent": a yearly schedule's
                             ///< field of that name replaces this rule in that year
  std::string source;        ///< legal source
};

/// A weekday given off in exchange for a weekend day worked.
struct Swap {
  boost::gregorian::date day_off;  ///< a Monday–Friday, kind swap_day_off
  boost::gregorian::date workday;  ///< a Saturday/Sunday, kind makeup_workday
  std::string source;              ///< e.g. "Công văn 2450/VPCP-KGVX"
};

/// A day off that a schedule lists outside the statutory rules.
struct ExtraDayOff {
  boost::gregorian::date date;
  std::string name;
  std::string source;
};

/// The official public-sector schedule of one year (see docs/calendar.md for the JSON form).
struct YearSchedule {
  int year = 0;
  /// The whole Tết break, closed [first, last], weekends included. Replaces the "tet" rule;
  /// no compensatory day is computed for it (the official break already contains them).
  std::optional<std::pair<boost::gregorian::date, boost::gregorian::date>> tet;
  std::optional<boost::gregorian::date> national_day_adjacent;  ///< replaces the default pick
  /// When present, exactly these compensatory days for the year (instead of computing them).
  std::optional<std::vector<boost::gregorian::date>> compensatory;
  std::vector<Swap> swaps;
  std::vector<ExtraDayOff> extra_days_off;
  std::string source;
  std::string note;
  std::vector<std::string> check;  ///< fields taken from a secondary source ("swaps")
};

/// Days since 1970-01-01 (numpy `datetime64[D]`) ↔ dates.
std::int32_t to_epoch_days(boost::gregorian::date d);
boost::gregorian::date from_epoch_days(std::int32_t days);

/// An immutable working-day calendar. See the file comment for conventions.
class Calendar {
 public:
  static constexpr int first_year = 1900;  ///< supported range: 1900-01-01 ..
  static constexpr int last_year = 2199;   ///< .. 2199-12-31

  /// Statutory rules + the official schedules (2023–2026 built in). Cheap: a shared value.
  static Calendar vietnam_public();
  /// Statutory rules only, no yearly schedules.
  static Calendar vietnam_statutory();

  /// A new calendar with schedules and/or rules added from JSON. Accepts one schedule object
  /// (`{"year": 2027, ...}`), an array of them, or a document like vn_public_schedules.json
  /// (`{"rules": [...], "schedules": [...]}`). A schedule replaces any earlier one for its year;
  /// rules are appended. `*this` is unchanged. Throws ParseError (bad syntax, bad date text) or
  /// DataError (wrong content), both naming the JSON path and field.
  Calendar with_schedule(std::string_view json) const;
  /// Same; `file_name` locates the errors (FILE:LINE:COL: $.path: message), which come together in
  /// one LoadError. Input over `limits` is refused.
  Calendar with_schedule(std::string_view json, const std::string& file_name, const InputLimits& limits = {}) const;
  Calendar with_schedule(YearSchedule schedule) const;  ///< same, from a value
  Calendar with_rule(HolidayRule rule) const;           ///< a new calendar with one more rule

  const std::vector<HolidayRule>& rules() const noexcept;
  std::optional<YearSchedule> schedule(int year) const;  ///< empty when the year has none
  std::vector<int> schedule_years() const;
  /// "vietnam_public" or "vietnam_statutory": the calendar this one was built from (a calendar made
  /// with with_schedule or with_rule keeps its base's name).
  std::string_view name() const noexcept;
  /// Whether results in `year` are provisional: the calendar follows official yearly schedules (it
  /// has at least one) but has none for `year`, so that year's days off and swaps come from the
  /// statutory rules alone until the government publishes its schedule (2027 onward today).
  ///     Calendar::vietnam_public().is_provisional(2027)     // true
  ///     Calendar::vietnam_statutory().is_provisional(2027)  // false: it never uses schedules
  bool is_provisional(int year) const;
  /// The provisional years among those of [first, last] (both included), ascending.
  std::vector<int> provisional_years(Date first, Date last) const;

  static boost::gregorian::date min_date();  ///< 1900-01-01
  static boost::gregorian::date max_date();  ///< 2199-12-31

  // --- single-date queries (O(1)) -------------------------------------------------------------
  bool is_workday(boost::gregorian::date d) const;
  /// All entries of a year, sorted by date: days off of every kind and make-up workdays.
  std::vector<Holiday> holidays(int year) const;
  std::vector<Holiday> holidays_on(boost::gregorian::date d) const;
  /// The first working day strictly after / before d.
  boost::gregorian::date next_workday(boost::gregorian::date d) const;
  boost::gregorian::date previous_workday(boost::gregorian::date d) const;
  /// n > 0: the n-th working day after `from` (`from` not counted); n = 0: the first working
  /// day ≥ from; n < 0: the |n|-th working day before `from`.
  boost::gregorian::date add_workdays(boost::gregorian::date from, int n) const;
  /// Working days d with first ≤ d ≤ last. If first > last: −count_workdays_closed(last, first)
  /// (antisymmetric, so count(a, b) == −count(b, a) always).
  int count_workdays_closed(boost::gregorian::date first, boost::gregorian::date last) const;
  /// Working days d with begin ≤ d < end, as numpy.busday_count. If begin > end the result is
  /// negative and, like numpy, still counts the begin and not the end: −(working days d with
  /// end < d ≤ begin). So half_open(b, a) == −half_open(a, b) only when a and b are both
  /// working days or both not.
  int count_workdays_half_open(boost::gregorian::date begin, boost::gregorian::date end) const;
  boost::gregorian::date roll(boost::gregorian::date d, RollConvention c) const;

  // --- batch queries over days since 1970-01-01 (numpy datetime64[D] as int32) ----------------
  // Caller-allocated outputs of length n. An element out of range throws RangeError naming its
  // index; outputs before that index are already written.
  void is_workday(const std::int32_t* days, std::size_t n, std::uint8_t* out) const;
  void count_workdays_closed(const std::int32_t* first, const std::int32_t* last, std::size_t n,
                             std::int32_t* out) const;
  void count_workdays_half_open(const std::int32_t* begin, const std::int32_t* end, std::size_t n,
                                std::int32_t* out) const;
  void add_workdays(const std::int32_t* from, const std::int32_t* offsets, std::size_t n,
                    std::int32_t* out) const;

  struct Impl;

 private:
  explicit Calendar(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace v1
}  // namespace da06
