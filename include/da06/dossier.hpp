// da06/dossier.hpp — administrative dossiers (hồ sơ TTHC) in batches: due moments and statuses.
//
// Times are `LocalSeconds`: seconds since 1970-01-01 00:00 in Vietnam's civil time (Asia/Ho_Chi_Minh,
// UTC+07:00 without daylight saving since 13/6/1975). That is the memory of a naive numpy
// `datetime64[s]` holding local times; a UTC instant u is the local time u + 25200
// (`from_utc_seconds`). `kNoTime` (INT64_MIN, numpy's NaT) marks a missing time.
//
// A processing time is working days or working hours (`LimitUnit`):
//   * working days (Nghị định 61/2018 Điều 18, 107/2021): counting starts the working day after
//     the (effective) receipt day; a dossier received on a day off or strictly after the intake
//     cut-off (default 15:00:00) counts as received the next working day. The limit ends at the
//     end of its last day, so `due_at` is that day's 23:59:59 and `due_day` the day;
//   * working hours: office hours are data (`OfficeHours`, default 07:30–11:30 and 13:00–17:00 on
//     every working day of the calendar); the hours run from receipt (or the next opening) and
//     `due_at` is the exact moment the last one ends. The cut-off does not apply unless asked.
// A supplementation pause (chờ bổ sung, from the request to the citizen's completion) does not count:
// working days d with request day < d ≤ completion day, or the office time inside the pause, are
// added to the limit. A pause still open counts up to the moment of evaluation.
//
// Status as of a moment (`DossierState`): early / on_time / late for a finished dossier (finished
// day before / on the due day and not after `due_at`; after `due_at`), open / open_late for one
// not finished by then (as of ≤ due_at, or past it). A dossier finished after `as_of` is open at `as_of`.
//
// Batches take caller-owned arrays and write caller-allocated outputs; a bad row (missing receipt,
// negative limit, a date outside the calendar) is reported with its index and field, its outputs are
// `kNoTime` / `DossierState::invalid`, and every other row is computed.
//
//   da06::DossierEngine eng(da06::Calendar::vietnam_public());
//   std::int64_t at = da06::local_seconds({2024, 4, 26}, 16 * 3600 + 30 * 60);   // 26/4/2024 16:30
//   eng.due(at, 5, da06::LimitUnit::working_days).due_day;                      // 2024-05-08
#pragma once

#include "da06/calendar.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {
class DossierEngine;
}
namespace detail {
struct WorkdayTables;
WorkdayTables workday_tables(const v1::DossierEngine&);
}  // namespace detail
inline namespace v1 {

/// Seconds since 1970-01-01 00:00 Vietnam civil time (a naive datetime64[s]).
using LocalSeconds = std::int64_t;
/// A missing time (numpy's NaT).
inline constexpr LocalSeconds kNoTime = std::numeric_limits<std::int64_t>::min();
/// Asia/Ho_Chi_Minh is UTC+07:00 (no daylight saving since 13/6/1975).
inline constexpr std::int64_t kVietnamUtcOffsetSeconds = 7 * 3600;
inline constexpr std::int64_t kSecondsPerDay = 86400;

/// The local time of a UTC instant (seconds since the Unix epoch); kNoTime stays kNoTime.
constexpr LocalSeconds from_utc_seconds(std::int64_t utc) noexcept {
  return utc == kNoTime ? kNoTime : utc + kVietnamUtcOffsetSeconds;
}
/// Day number (days since 1970-01-01) of a local time, flooring for times before 1970.
constexpr std::int64_t local_day(LocalSeconds t) noexcept {
  return t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
}
/// A local time from a date and seconds after midnight.
LocalSeconds local_seconds(boost::gregorian::date day, std::int64_t seconds_of_day = 0);
/// The date of a local time.
boost::gregorian::date local_date(LocalSeconds t);

/// What a processing time counts.
enum class LimitUnit : std::uint8_t { working_days = 0, working_hours = 1 };

/// Public-sector office hours of a working day: sorted, disjoint [open, close) intervals in seconds
/// after midnight. The default (07:30–11:30, 13:00–17:00, 8 hours) is the common schedule of
/// provincial one-stop offices; a province that keeps other hours passes its own.
struct OfficeHours {
  struct Interval {
    std::int32_t open = 0;   ///< seconds after midnight, inclusive
    std::int32_t close = 0;  ///< seconds after midnight, exclusive
  };
  std::vector<Interval> intervals{{7 * 3600 + 30 * 60, 11 * 3600 + 30 * 60}, {13 * 3600, 17 * 3600}};
  /// Throws InvalidArgument unless the intervals are non-empty, sorted, disjoint and within a day.
  void validate() const;
  std::int64_t seconds_per_day() const noexcept;
};

struct DossierRules {
  /// A dossier received strictly after this many seconds after midnight counts as received the next
  /// working day (default 15:00:00, the one-stop offices' intake rule; `apply_cutoff = false` drops it).
  std::int32_t cutoff_seconds = 15 * 3600;
  bool apply_cutoff = true;
  bool cutoff_in_working_hours = false;  ///< apply the cut-off to limits in working hours too
  OfficeHours office_hours;
  /// Add supplementation pauses to the limit (Nghị định 61/2018 Điều 18: the citizen's time does not count).
  bool deduct_pauses = true;
  /// More than one supplementation request makes the dossier late (the national portal's rule).
  bool repeated_supplementation_is_late = false;
};

/// The end of one dossier's processing time.
struct DueMoment {
  boost::gregorian::date received;  ///< the working day the dossier counts as received on
  boost::gregorian::date due_day;   ///< the day the limit ends (ngày hẹn trả)
  LocalSeconds due_at = kNoTime;    ///< the moment it ends (23:59:59 of due_day for working days)
};

/// Status of a dossier as of a moment. `invalid`: a bad row, or received after the moment.
enum class DossierState : std::uint8_t { early = 0, on_time = 1, late = 2, open = 3, open_late = 4, invalid = 255 };
/// "early", "on_time", "late", "open", "open_late", "invalid".
std::string_view to_string(DossierState s) noexcept;
/// "trước hạn", "đúng hạn", "quá hạn", "đang xử lý", "đang xử lý, quá hạn", "không hợp lệ".
std::string_view to_vietnamese(DossierState s) noexcept;
/// Counted on time by the national portal's progress indicator: finished by the due moment, or open
/// and not yet past it (early, on_time, open).
constexpr bool counts_on_time(DossierState s) noexcept {
  return s == DossierState::early || s == DossierState::on_time || s == DossierState::open;
}

/// One bad row of a batch: its index, the field, and what is wrong.
struct RowError {
  std::int64_t row = 0;
  std::string field;
  std::string message;
};
/// The bad rows of a batch. Only the first `limit` are kept with their text; `count` counts all.
struct RowErrors {
  std::vector<RowError> first;
  std::int64_t count = 0;
  std::size_t limit = 1000;
  void add(std::int64_t row, std::string_view field, std::string message);
};

/// Columns of a batch of dossiers. Every pointer is to n elements; optional columns may be null.
struct DossierColumns {
  std::size_t n = 0;
  const LocalSeconds* received_at = nullptr;  ///< required (ngày tiếp nhận)
  const std::int32_t* time_limit = nullptr;   ///< required: the processing time (thời hạn giải quyết)
  const std::uint8_t* limit_unit = nullptr;   ///< LimitUnit per row; null: every row `default_unit`
  LimitUnit default_unit = LimitUnit::working_days;
  const LocalSeconds* due_at = nullptr;       ///< recorded promised day (ngày hẹn trả), used when present
  const LocalSeconds* finished_at = nullptr;  ///< end of processing; kNoTime while open
  const LocalSeconds* pause_start = nullptr;  ///< supplementation requested (yêu cầu bổ sung)
  const LocalSeconds* pause_end = nullptr;    ///< supplementation completed; kNoTime while still paused
  const std::int32_t* supplement_requests = nullptr;  ///< number of supplementation requests
};

/// Due dates and statuses over a calendar. Building one indexes the calendar's 1900–2199 working days
/// once (about a millisecond); afterwards every row is O(1). Immutable and thread-safe.
class DossierEngine {
 public:
  explicit DossierEngine(Calendar calendar, DossierRules rules = {});
  const Calendar& calendar() const noexcept;
  const DossierRules& rules() const noexcept;

  /// One dossier without pauses. Throws InvalidArgument / RangeError.
  DueMoment due(LocalSeconds received_at, std::int32_t time_limit, LimitUnit unit) const;

  /// Due moments of every row (caller-allocated outputs of cols.n; `out_due_day` (days since
  /// 1970-01-01) and `out_received_day` may be null). A recorded `due_at` is taken as the promised
  /// day, pauses added. `as_of` closes a pause that is still open (kNoTime: the pause is ignored).
  void due(const DossierColumns& cols, LocalSeconds as_of, LocalSeconds* out_due_at, std::int32_t* out_due_day,
           std::int32_t* out_received_day, RowErrors& errors) const;

  /// Status of every row as of `as_of` (`out_due_at` may be null).
  void status(const DossierColumns& cols, LocalSeconds as_of, std::uint8_t* out_state, LocalSeconds* out_due_at,
              RowErrors& errors) const;
  /// The same with one moment per row (`as_of_each[k]`, e.g. the end of each row's reporting period).
  void status(const DossierColumns& cols, const LocalSeconds* as_of_each, std::uint8_t* out_state,
              LocalSeconds* out_due_at, RowErrors& errors) const;

  struct Impl;

 private:
  friend detail::WorkdayTables detail::workday_tables(const DossierEngine&);  // da06's fused kernels
  std::shared_ptr<const Impl> impl_;
};

}  // namespace v1
}  // namespace da06
