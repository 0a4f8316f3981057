// da06/time_limits.hpp — time limits (thời hạn) of the Civil Code 2015 and dossier due dates.
//
// Bộ luật Dân sự 2015, Điều 144–148:
//   * a limit in days, weeks, months or years does not count its first day (the event day):
//     counting starts the next day, so "3 days from 1/3" ends at the end of 4/3;
//   * a month limit ends on the corresponding day of the last month, or on that month's last
//     day when it has no such day (31/1 + 1 month = 29/2/2024). Unlike boost::gregorian::months
//     it never "snaps" to the end of the month: 30/4 + 1 month = 30/5, not 31/5;
//   * a limit whose last day is a weekend day or a holiday ends at the end of the next working
//     day (`time_limit`, with a Calendar);
//   * named points (Điều 146): đầu/giữa/cuối tháng = 1/15/last day, đầu/giữa/cuối năm =
//     1/1, 30/6, 31/12.
// Nghị định 61/2018/NĐ-CP (amended by 107/2021/NĐ-CP): processing times are working days
// counted from the working day after a complete dossier is received (`dossier_due`), and the
// result is trước hạn / đúng hạn / quá hạn against the promised date (`dossier_status`).
//
//   auto cal = da06::Calendar::vietnam_public();
//   da06::add_months({2024, 1, 31}, 1);                                    // 2024-02-29
//   da06::time_limit({2024, 4, 27}, {3, da06::TimeUnit::day}, cal).end;    // 2024-05-02
#pragma once

#include "da06/calendar.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace da06 {
inline namespace v1 {

// --- Gregorian arithmetic (no calendar of working days) -------------------------------------

/// The last day of an n-day limit starting on `event_day` (not counted): event_day + n.
boost::gregorian::date add_days(boost::gregorian::date event_day, int n);
/// event_day + 7n.
boost::gregorian::date add_weeks(boost::gregorian::date event_day, int n);
/// The same day n months later, clamped to that month's last day (Art. 148(3)); n may be < 0.
///   add_months({2024, 4, 30}, 1) == 2024-05-30;  add_months({2024, 1, 31}, 1) == 2024-02-29
boost::gregorian::date add_months(boost::gregorian::date event_day, int n);
/// The same day n years later; 29/2 clamps to 28/2 in a common year.
boost::gregorian::date add_years(boost::gregorian::date event_day, int n);

enum class TimeUnit : std::uint8_t { day, week, month, year };

/// A length of time: `{3, TimeUnit::month}`.
struct Duration {
  int count = 0;
  TimeUnit unit = TimeUnit::day;
  friend bool operator==(const Duration&, const Duration&) = default;
};

/// Named lengths of Điều 146 khoản 2 (for periods that do not run continuously).
enum class NamedLength : std::uint8_t { year, half_year, month, half_month, week, day };
/// year = 365 days, half_year = 6 months, month = 30 days, half_month = 15 days, week = 7 days.
Duration named_length(NamedLength n) noexcept;

/// The end of a time limit.
struct TimeLimit {
  boost::gregorian::date event_day;    ///< the day of the event (not counted)
  boost::gregorian::date nominal_end;  ///< last day by Gregorian arithmetic alone
  boost::gregorian::date end;          ///< last day after rolling to a working day (limit ends at its end)
  bool rolled() const noexcept { return end != nominal_end; }
};

/// The limit of `length` starting after `event_day`; when the nominal last day is not a working
/// day of `calendar`, the limit ends at the end of the next working day (Art. 148).
///   time_limit({2024, 4, 27}, {3, TimeUnit::day}, vietnam_public()).end == 2024-05-02
///   (nominal 30/4 is a holiday; 1/5 too; Thu 2/5 is the next working day)
TimeLimit time_limit(boost::gregorian::date event_day, Duration length, const Calendar& calendar);

/// Gregorian end only: event_day + length, without rolling.
boost::gregorian::date add(boost::gregorian::date event_day, Duration length);

// --- named points (Điều 146) ------------------------------------------------------------------

enum class NamedPoint : std::uint8_t { start_of_month, mid_month, end_of_month, start_of_year, mid_year, end_of_year };

/// The date of a named point. `month` is used only by the month points (1..12).
///   named_point(NamedPoint::end_of_month, 2024, 2) == 2024-02-29
///   named_point(NamedPoint::mid_year, 2024)        == 2024-06-30
boost::gregorian::date named_point(NamedPoint p, int year, int month = 1);

/// "đầu tháng", "giữa tháng", "cuối tháng", "đầu năm", "giữa năm", "cuối năm" (NFC, any case of
/// the ASCII letters, surrounding spaces ignored); empty for anything else.
std::optional<NamedPoint> parse_named_point(std::string_view text) noexcept;

// --- administrative dossiers (Nghị định 61/2018, 107/2021) -------------------------------------

struct DossierOptions {
  /// A dossier received strictly after this local time (default 15:00, a sector rule marked
  /// "(check)" in DOMAIN.md) counts as received on the next working day.
  int cutoff_hour = 15;
  int cutoff_minute = 0;
  bool apply_cutoff = true;
};

struct DossierDue {
  boost::gregorian::date received;  ///< the working day the dossier counts as received on
  boost::gregorian::date due;       ///< the promised return date (ngày hẹn trả)
};

/// Due date of a dossier received at `received_at` (local time) with a processing time of
/// `working_days` (≥ 0) working days: counting starts the working day after the (effective)
/// receipt day. Received on a non-working day, or after the cut-off, → the next working day.
///   dossier_due(ptime(date(2024, 4, 26), hours(10)), 3, vietnam_public()).due == 2024-05-04
///   (29/4 swapped off, 30/4 and 1/5 holidays; 2/5, 3/5 and the make-up Saturday 4/5)
DossierDue dossier_due(boost::posix_time::ptime received_at, int working_days, const Calendar& calendar,
                       DossierOptions options = {});

enum class DossierStatus : std::uint8_t { early, on_time, late };

/// "early", "on_time", "late".
std::string_view to_string(DossierStatus s) noexcept;
/// "trước hạn", "đúng hạn", "quá hạn".
std::string_view to_vietnamese(DossierStatus s) noexcept;

struct DossierOutcome {
  DossierStatus status = DossierStatus::on_time;
  /// Working days d with earlier < d ≤ later (earlier/later of promised and returned): how many
  /// working days early or late. 0 when on time; can be 0 for an early/late return when every
  /// day in between is a day off (e.g. promised Fri, returned Sat).
  int working_days = 0;
  int calendar_days = 0;  ///< |returned − promised|
};

/// Compares the return date with the promised date: returned < promised → early,
/// equal → on_time, later → late.
DossierOutcome dossier_status(boost::gregorian::date promised, boost::gregorian::date returned,
                              const Calendar& calendar);

}  // namespace v1
}  // namespace da06
