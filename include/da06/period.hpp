// da06/period.hpp — reporting periods (year, half-year, 9 months, quarter, month): codes, windows, Vietnamese phrases.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "da06/calendar.hpp"
#include "da06/error.hpp"

namespace da06 {
inline namespace v1 {

/// A closed interval of days: both `first` and `last` belong to it.
///
///     ClosedDateRange r{date(2024, 4, 1), date(2024, 6, 30)};
///     r.contains(date(2024, 6, 30));  // true
///     r.days();                       // 91
struct ClosedDateRange {
  boost::gregorian::date first;  ///< first day, included
  boost::gregorian::date last;   ///< last day, included

  bool contains(boost::gregorian::date d) const { return first <= d && d <= last; }
  /// Number of days in [first, last] (last - first + 1).
  long days() const { return (last - first).days() + 1; }
  friend bool operator==(const ClosedDateRange&, const ClosedDateRange&) = default;
};

/// The kinds of reporting period, from longest to shortest.
enum class PeriodKind : std::uint8_t {
  year,         ///< code "2024"
  half_year,    ///< code "2024-S1" / "2024-S2"
  nine_months,  ///< code "2024-9M": the first 9 months (a provincial addition, not in Nghị định 09/2019)
  quarter,      ///< code "2024-Q1" … "2024-Q4"
  month,        ///< code "2024-M01" … "2024-M12"
};

/// "year", "half_year", "nine_months", "quarter", "month".
std::string_view to_string(PeriodKind k) noexcept;

/// A reporting period: kind, year and 1-based index within the year.
///
///     Period q2 = Period::parse_code("2024-Q2");
///     q2.calendar_window();  // [2024-04-01, 2024-06-30]
///     q2.cutoff_window();    // [2024-03-15, 2024-06-14] (Nghị định 09/2019, Điều 12)
///     q2.next().code();      // "2024-Q3"
///
/// Years are limited to [Period::min_year, Period::max_year] so that every window is a valid
/// `boost::gregorian::date`; the constructor throws `InvalidArgument` / `RangeError` otherwise.
class Period {
 public:
  static constexpr int min_year = 1401;  ///< Q1's cut-off window starts in the previous year (boost: ≥ 1400)
  static constexpr int max_year = 9999;  ///< boost::gregorian's last year

  /// `index` is 1 for year and nine_months, 1–2 for half_year, 1–4 for quarter, 1–12 for month.
  /// Throws `InvalidArgument` for a bad index, `RangeError` for a year outside [min_year, max_year].
  Period(PeriodKind kind, int year, int index = 1);

  static Period annual(int year) { return Period(PeriodKind::year, year, 1); }
  static Period half_year(int year, int half) { return Period(PeriodKind::half_year, year, half); }
  static Period nine_months(int year) { return Period(PeriodKind::nine_months, year, 1); }
  static Period quarterly(int year, int quarter) { return Period(PeriodKind::quarter, year, quarter); }
  static Period monthly(int year, int month) { return Period(PeriodKind::month, year, month); }

  PeriodKind kind() const noexcept { return kind_; }
  int year() const noexcept { return year_; }
  int index() const noexcept { return index_; }

  /// Parses an ISO/SDMX-style code: "2024", "2024-S1", "2024-9M", "2024-Q2", "2024-M06".
  /// Exact syntax (4-digit year, upper-case letter, 2-digit month); throws `ParseError`
  /// whose location column is the 1-based byte where the code went wrong.
  static Period parse_code(std::string_view code);
  /// The code `parse_code` accepts: `Period::parse_code(p.code()) == p` for every period.
  std::string code() const;

  /// The period of the same kind just before / after (2024-Q1 → 2023-Q4; 2024-9M → 2023-9M).
  /// Throws `RangeError` past min_year / max_year.
  Period previous() const;
  Period next() const;

  /// The calendar days of the period: 2024-Q2 → [2024-04-01, 2024-06-30]; 2024-9M → [2024-01-01, 2024-09-30].
  ClosedDateRange calendar_window() const;
  /// The data cut-off window of Nghị định 09/2019/NĐ-CP, Điều 12: from the 15th of the month before the
  /// period's first month to the 14th of its last month. Monthly 2024-M06 → [2024-05-15, 2024-06-14];
  /// Q1 → [15/12 of the previous year, 14/3]; year → [15/12 previous year, 14/12].
  ClosedDateRange cutoff_window() const;

  friend bool operator==(const Period&, const Period&) = default;
  /// Orders by year, then kind, then index (a total order, for use as a map key; not "contains").
  friend auto operator<=>(const Period& a, const Period& b) {
    if (auto c = a.year_ <=> b.year_; c != 0) return c;
    if (auto c = a.kind_ <=> b.kind_; c != 0) return c;
    return a.index_ <=> b.index_;
  }

 private:
  PeriodKind kind_;
  int year_;
  int index_;
};

/// Parses a Vietnamese period phrase, or a period code:
///
///     parse_period("6 tháng đầu năm 2024")  // 2024-S1   ("06 tháng …" too)
///     parse_period("6 tháng cuối năm 2024") // 2024-S2
///     parse_period("9 tháng đầu năm 2024")  // 2024-9M
///     parse_period("Quý II/2024")           // 2024-Q2   ("quý 2 năm 2024", "Quý I năm 2024")
///     parse_period("tháng 5/2024")          // 2024-M05  ("tháng 12 năm 2023")
///     parse_period("năm 2024")              // 2024
///     parse_period("9 tháng đầu năm", 2024) // 2024-9M   (the year comes from default_year)
///
/// Case-insensitive, tolerant of extra spaces, Roman or Arabic quarter numbers; diacritics are
/// compared loosely ("quy 2 nam 2024" is accepted). A phrase without a year uses `default_year`;
/// without one it fails. Throws `ParseError` naming the text and the 1-based byte column.
Period parse_period(std::string_view text, std::optional<int> default_year = std::nullopt);

/// The day a period's report is due: the cut-off window's last day plus `n_working_days`
/// working days of `calendar` (the last day itself not counted, Bộ luật Dân sự 2015 Điều 147),
/// so the result is always a working day. `n_working_days` must be ≥ 0; with 0 the cut-off's
/// last day is rolled forward to a working day if it is not one (Điều 148).
///
///     submission_deadline(Period::parse_code("2024-Q2"), 3, cal)  // cut-off 14/6/2024 (Fri) → Wed 19/6/2024
///
/// Inline so that period.cpp does not need the calendar's object code.
inline boost::gregorian::date submission_deadline(const Period& period, int n_working_days, const Calendar& calendar) {
  if (n_working_days < 0)
    throw InvalidArgument("submission_deadline: n_working_days must be >= 0, got " + std::to_string(n_working_days));
  // Calendar::add_workdays(from, n): n > 0 → the n-th working day after `from` (`from` not counted);
  // n = 0 → the first working day ≥ from, i.e. the Civil Code roll.
  return calendar.add_workdays(period.cutoff_window().last, n_working_days);
}


}  // namespace v1
}  // namespace da06
