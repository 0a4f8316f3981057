// Due moments and statuses of dossiers in batches (da06/dossier.hpp): a working-day index of the
// calendar and an "office clock" that turns working hours into moments.
#include "da06/dossier.hpp"

#include "da06/error.hpp"
#include "engine_tables.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <string>

namespace da06 {
inline namespace v1 {

namespace bg = boost::gregorian;

namespace {
const bg::date kEpoch(1970, 1, 1);
}

LocalSeconds local_seconds(bg::date day, std::int64_t seconds_of_day) {
  if (day.is_special()) throw InvalidArgument("local_seconds: not a date");
  return static_cast<std::int64_t>((day - kEpoch).days()) * kSecondsPerDay + seconds_of_day;
}

bg::date local_date(LocalSeconds t) {
  if (t == kNoTime) throw InvalidArgument("local_date: the time is missing (NaT)");
  return kEpoch + bg::days(local_day(t));
}

void OfficeHours::validate() const {
  if (intervals.empty()) throw InvalidArgument("office hours: at least one interval is needed");
  std::int32_t last = -1;
  for (const Interval& iv : intervals) {
    if (iv.open < 0 || iv.close > kSecondsPerDay || iv.open >= iv.close || iv.open < last)
      throw InvalidArgument("office hours: intervals must be sorted, disjoint, non-empty and within one day (" +
                            std::to_string(iv.open) + ".." + std::to_string(iv.close) + " s)");
    last = iv.close;
  }
}

std::int64_t OfficeHours::seconds_per_day() const noexcept {
  std::int64_t s = 0;
  for (const Interval& iv : intervals) s += iv.close - iv.open;
  return s;
}

std::string_view to_string(DossierState s) noexcept {
  switch (s) {
    case DossierState::early: return "early";
    case DossierState::on_time: return "on_time";
    case DossierState::late: return "late";
    case DossierState::open: return "open";
    case DossierState::open_late: return "open_late";
    case DossierState::invalid: return "invalid";
  }
  return "invalid";
}

std::string_view to_vietnamese(DossierState s) noexcept {
  switch (s) {
    case DossierState::early: return "trước hạn";
    case DossierState::on_time: return "đúng hạn";
    case DossierState::late: return "quá hạn";
    case DossierState::open: return "đang xử lý";
    case DossierState::open_late: return "đang xử lý, quá hạn";
    case DossierState::invalid: return "không hợp lệ";
  }
  return "không hợp lệ";
}

void RowErrors::add(std::int64_t row, std::string_view field, std::string message) {
  ++count;
  if (first.size() < limit) first.push_back(RowError{row, std::string(field), std::move(message)});
}

// --- the working-day index ------------------------------------------------------------------------

struct DossierEngine::Impl {
  Calendar cal;
  DossierRules rules;
  std::int64_t first_day = 0;           // day number of 1900-01-01
  std::int64_t days = 0;                // 1900-01-01 .. 2199-12-31
  std::vector<std::uint8_t> work;       // days
  std::vector<std::int32_t> prefix;     // days + 1: working days with index < i
  std::vector<std::int32_t> workdays;   // day numbers of the working days, ascending
  std::vector<std::int32_t> start2;     // days: prefix[i] * 2 + work[i] (the fast path's one load)
  std::int64_t office_per_day = 0;

  Impl(Calendar c, DossierRules r) : cal(std::move(c)), rules(std::move(r)) {
    rules.office_hours.validate();
    if (rules.cutoff_seconds < 0 || rules.cutoff_seconds > kSecondsPerDay)
      throw InvalidArgument("dossier rules: the cut-off must be a time of day (0..86400 s)");
    office_per_day = rules.office_hours.seconds_per_day();
    first_day = (Calendar::min_date() - kEpoch).days();
    days = (Calendar::max_date() - Calendar::min_date()).days() + 1;
    std::vector<std::int32_t> all(static_cast<std::size_t>(days));
    for (std::int64_t i = 0; i < days; ++i) all[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(first_day + i);
    work.resize(all.size());
    cal.is_workday(all.data(), all.size(), work.data());
    prefix.assign(all.size() + 1, 0);
    for (std::size_t i = 0; i < all.size(); ++i) {
      prefix[i + 1] = prefix[i] + work[i];
      if (work[i]) workdays.push_back(all[i]);
    }
    start2.resize(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) start2[i] = prefix[i] * 2 + work[i];
  }

  // Index of a day, or -1 outside the calendar.
  std::int64_t index(std::int64_t day) const noexcept {
    const std::int64_t i = day - first_day;
    return (i < 0 || i >= days) ? -1 : i;
  }
  // The k-th working day (0-based), or INT64_MIN past the end.
  std::int64_t workday_at(std::int64_t k) const noexcept {
    return (k < 0 || k >= static_cast<std::int64_t>(workdays.size())) ? kNoTime : workdays[static_cast<std::size_t>(k)];
  }
  // Office seconds of a day before `tod`.
  std::int64_t elapsed(std::int64_t tod) const noexcept {
    std::int64_t e = 0;
    for (const auto& iv : rules.office_hours.intervals) {
      if (tod <= iv.open) break;
      e += std::min<std::int64_t>(tod, iv.close) - iv.open;
    }
    return e;
  }
  // The earliest time of day by which x (0 < x <= office_per_day) office seconds have elapsed.
  std::int64_t moment_of(std::int64_t x) const noexcept {
    for (const auto& iv : rules.office_hours.intervals) {
      const std::int64_t len = iv.close - iv.open;
      if (x <= len) return iv.open + x;
      x -= len;
    }
    return rules.office_hours.intervals.back().close;
  }
  // The office clock: office seconds from 1900-01-01 to t (t's day inside the calendar).
  std::int64_t clock(std::int64_t day_index, std::int64_t tod) const noexcept {
    const auto i = static_cast<std::size_t>(day_index);
    return static_cast<std::int64_t>(prefix[i]) * office_per_day + (work[i] ? elapsed(tod) : 0);
  }
};

DossierEngine::DossierEngine(Calendar calendar, DossierRules rules)
    : impl_(std::make_shared<const Impl>(std::move(calendar), std::move(rules))) {}

const Calendar& DossierEngine::calendar() const noexcept { return impl_->cal; }
const DossierRules& DossierEngine::rules() const noexcept { return impl_->rules; }

namespace {

// What went wrong with a row, or nullptr.
struct RowResult {
  LocalSeconds due_at = kNoTime;
  std::int64_t due_day = 0;
  std::int64_t received_day = 0;
  const char* field = nullptr;
  std::string message;
};

RowResult fail(const char* field, std::string message) {
  RowResult r;
  r.field = field;
  r.message = std::move(message);
  return r;
}

std::string day_text(std::int64_t day) { return bg::to_iso_extended_string(kEpoch + bg::days(day)); }

// One row. `recorded` is a recorded promised moment (or kNoTime); `ps`/`pe` the pause (pe = kNoTime while
// paused, closed at `close_at`).
RowResult compute(const DossierEngine::Impl& m, LocalSeconds received, std::int64_t limit, std::uint8_t unit,
                  LocalSeconds recorded, LocalSeconds ps, LocalSeconds pe, LocalSeconds close_at) {
  if (received == kNoTime) return fail("received_at", "the time of receipt is missing");
  if (limit < 0) return fail("time_limit", "the processing time " + std::to_string(limit) + " is negative");
  if (unit > 1) return fail("limit_unit", "unit " + std::to_string(unit) + " is not 0 (working days) or 1 (working hours)");
  const std::int64_t day = local_day(received), tod = received - day * kSecondsPerDay;
  const std::int64_t i = m.index(day);
  if (i < 0) return fail("received_at", "day " + day_text(day) + " is outside the calendar (1900..2199)");
  const bool working_days = unit == 0;
  const bool cut = m.rules.apply_cutoff && (working_days || m.rules.cutoff_in_working_hours) && tod > m.rules.cutoff_seconds;
  const bool starts_today = m.work[static_cast<std::size_t>(i)] && !cut;
  // position of the effective receipt day among the working days
  const std::int64_t pos = starts_today ? m.prefix[static_cast<std::size_t>(i)] : m.prefix[static_cast<std::size_t>(i) + 1];
  RowResult r;
  r.received_day = m.workday_at(pos);
  if (r.received_day == kNoTime) return fail("received_at", "the receipt falls past the calendar's end");

  // the pause, clipped to start no earlier than the receipt
  const bool paused = m.rules.deduct_pauses && ps != kNoTime;
  LocalSeconds pause_from = ps, pause_to = pe == kNoTime ? close_at : pe;
  if (paused && pause_to != kNoTime && pause_to < pause_from)
    return fail("supplement_completed_at", "the supplementation ends before it was requested");
  if (paused) pause_from = std::max(pause_from, received);
  // A pause that ended before the receipt counts nothing (it once shortened a limit in working hours).
  const bool has_pause = paused && pause_to != kNoTime && pause_to > pause_from;

  if (working_days) {
    std::int64_t ext = 0;
    if (has_pause) {
      const std::int64_t a = m.index(local_day(pause_from)), b = m.index(local_day(pause_to));
      if (a < 0 || b < 0) return fail("supplement_requested_at", "the supplementation is outside the calendar");
      if (b > a) ext = m.prefix[static_cast<std::size_t>(b) + 1] - m.prefix[static_cast<std::size_t>(a) + 1];
    }
    std::int64_t due_day;
    if (recorded != kNoTime) {
      const std::int64_t rd = local_day(recorded), ri = m.index(rd);
      if (ri < 0) return fail("due_at", "day " + day_text(rd) + " is outside the calendar (1900..2199)");
      due_day = ext == 0 ? rd : m.workday_at(m.prefix[static_cast<std::size_t>(ri) + 1] + ext - 1);
    } else {
      due_day = m.workday_at(pos + limit + ext);
    }
    if (due_day == kNoTime) return fail("time_limit", "the due day falls past the calendar's end (2199-12-31)");
    r.due_day = due_day;
    r.due_at = due_day * kSecondsPerDay + (kSecondsPerDay - 1);
    return r;
  }

  // working hours: the office clock
  const std::int64_t W = m.office_per_day;
  std::int64_t start = starts_today ? m.clock(i, tod) : static_cast<std::int64_t>(pos) * W;
  std::int64_t ext = 0;
  if (has_pause) {
    const std::int64_t a = m.index(local_day(pause_from)), b = m.index(local_day(pause_to));
    if (a < 0 || b < 0) return fail("supplement_requested_at", "the supplementation is outside the calendar");
    ext = m.clock(b, pause_to - local_day(pause_to) * kSecondsPerDay) -
          m.clock(a, pause_from - local_day(pause_from) * kSecondsPerDay);
  }
  std::int64_t target;
  if (recorded != kNoTime) {
    const std::int64_t rd = local_day(recorded), ri = m.index(rd);
    if (ri < 0) return fail("due_at", "day " + day_text(rd) + " is outside the calendar (1900..2199)");
    target = static_cast<std::int64_t>(m.prefix[static_cast<std::size_t>(ri) + 1]) * W + ext;
    if (ext == 0) {
      r.due_day = rd;
      r.due_at = rd * kSecondsPerDay + (kSecondsPerDay - 1);
      return r;
    }
  } else {
    target = start + limit * 3600 + ext;
    if (limit == 0 && ext == 0) {
      // no time at all: due when counting starts (the receipt inside office hours, or the next opening)
      r.due_at = kNoTime;
      if (starts_today)
        for (const auto& iv : m.rules.office_hours.intervals) {
          if (tod < iv.open) {
            r.due_at = day * kSecondsPerDay + iv.open;
            break;
          }
          if (tod < iv.close) {
            r.due_at = received;
            break;
          }
        }
      if (r.due_at == kNoTime) {
        const std::int64_t next = starts_today ? m.workday_at(pos + 1) : r.received_day;
        if (next == kNoTime) return fail("received_at", "the receipt falls past the calendar's end");
        r.due_at = next * kSecondsPerDay + m.rules.office_hours.intervals.front().open;
      }
      r.due_day = local_day(r.due_at);
      return r;
    }
  }
  const std::int64_t k = (target - 1) / W;
  const std::int64_t d = m.workday_at(k);
  if (d == kNoTime) return fail("time_limit", "the due moment falls past the calendar's end (2199-12-31)");
  r.due_at = d * kSecondsPerDay + m.moment_of(target - k * W);
  r.due_day = d;
  return r;
}

std::uint8_t unit_of(const DossierColumns& c, std::size_t k) {
  return c.limit_unit ? c.limit_unit[k] : static_cast<std::uint8_t>(c.default_unit);
}

void require_columns(const DossierColumns& c, const char* what) {
  if (c.n && (!c.received_at || !c.time_limit))
    throw InvalidArgument(std::string(what) + ": the received_at and time_limit columns are required");
}

}  // namespace

DueMoment DossierEngine::due(LocalSeconds received_at, std::int32_t time_limit, LimitUnit unit) const {
  RowResult r = compute(*impl_, received_at, time_limit, static_cast<std::uint8_t>(unit), kNoTime, kNoTime, kNoTime, kNoTime);
  if (r.field) {
    Location where;
    where.field = r.field;
    if (std::string_view(r.message).find("outside") != std::string_view::npos ||
        std::string_view(r.message).find("past the") != std::string_view::npos)
      throw RangeError("dossier due: " + r.message, where);
    throw InvalidArgument("dossier due: " + r.message, where);
  }
  DueMoment d;
  d.received = kEpoch + bg::days(r.received_day);
  d.due_day = kEpoch + bg::days(r.due_day);
  d.due_at = r.due_at;
  return d;
}

void DossierEngine::due(const DossierColumns& c, LocalSeconds as_of, LocalSeconds* out_due_at, std::int32_t* out_due_day,
                        std::int32_t* out_received_day, RowErrors& errors) const {
  require_columns(c, "dossier due");
  if (c.n && !out_due_at) throw InvalidArgument("dossier due: out_due_at is required");
  const Impl& m = *impl_;
  for (std::size_t k = 0; k < c.n; ++k) {
    const LocalSeconds fin = c.finished_at ? c.finished_at[k] : kNoTime;
    const LocalSeconds close_at = (fin != kNoTime && (as_of == kNoTime || fin <= as_of)) ? fin : as_of;
    RowResult r = compute(m, c.received_at[k], c.time_limit[k], unit_of(c, k), c.due_at ? c.due_at[k] : kNoTime,
                          c.pause_start ? c.pause_start[k] : kNoTime, c.pause_end ? c.pause_end[k] : kNoTime, close_at);
    if (r.field) {
      errors.add(static_cast<std::int64_t>(k), r.field, std::move(r.message));
      out_due_at[k] = kNoTime;
      if (out_due_day) out_due_day[k] = std::numeric_limits<std::int32_t>::min();
      if (out_received_day) out_received_day[k] = std::numeric_limits<std::int32_t>::min();
      continue;
    }
    out_due_at[k] = r.due_at;
    if (out_due_day) out_due_day[k] = static_cast<std::int32_t>(r.due_day);
    if (out_received_day) out_received_day[k] = static_cast<std::int32_t>(r.received_day);
  }
}

namespace {

template <class AsOf>
void status_rows(const DossierEngine::Impl& m, const DossierColumns& c, AsOf as_of_at, std::uint8_t* out_state,
                 LocalSeconds* out_due_at, RowErrors& errors) {
  require_columns(c, "dossier status");
  if (c.n && !out_state) throw InvalidArgument("dossier status: out_state is required");
  // The fast path: a limit in working days, no recorded due day, no pause, a day inside the calendar. One
  // load gives the position of the effective receipt day among the working days, one more the due day.
  // Any other row (and any bad row, to report it) takes the general path below.
  const std::int64_t nwork = static_cast<std::int64_t>(m.workdays.size());
  const std::int32_t* start2 = m.start2.data();
  const std::int32_t* workdays = m.workdays.data();
  const std::int64_t cutoff = m.rules.apply_cutoff ? m.rules.cutoff_seconds : kSecondsPerDay;
  const bool days_only = c.limit_unit ? false : c.default_unit == LimitUnit::working_days;
  for (std::size_t k = 0; k < c.n; ++k) {
    const LocalSeconds as_of = as_of_at(k);
    const LocalSeconds received = c.received_at[k];
    LocalSeconds fin = c.finished_at ? c.finished_at[k] : kNoTime;
    const bool simple = (days_only || (c.limit_unit && c.limit_unit[k] == 0)) && (!c.due_at || c.due_at[k] == kNoTime) &&
                        (!c.pause_start || c.pause_start[k] == kNoTime) &&
                        (!m.rules.repeated_supplementation_is_late || !c.supplement_requests ||
                         c.supplement_requests[k] <= 1) &&
                        received >= 0 && (as_of == kNoTime || received <= as_of) && (fin == kNoTime || fin >= received);
    if (simple) {
      const std::int64_t day = received / kSecondsPerDay;
      const std::int64_t i = day - m.first_day;
      const std::int64_t lim = c.time_limit[k];
      if (i < m.days && lim >= 0) {
        const std::int32_t t = start2[i];
        const std::int64_t pos = (t >> 1) + ((t & 1) & static_cast<std::int32_t>(received - day * kSecondsPerDay > cutoff));
        if (pos + lim < nwork) {
          const std::int64_t due_day = workdays[pos + lim];
          const LocalSeconds due_at = due_day * kSecondsPerDay + (kSecondsPerDay - 1);
          if (fin != kNoTime && as_of != kNoTime && fin > as_of) fin = kNoTime;
          DossierState s;
          if (fin != kNoTime)
            s = fin > due_at ? DossierState::late : fin / kSecondsPerDay < due_day ? DossierState::early : DossierState::on_time;
          else
            s = (as_of != kNoTime && as_of > due_at) ? DossierState::open_late : DossierState::open;
          out_state[k] = static_cast<std::uint8_t>(s);
          if (out_due_at) out_due_at[k] = due_at;
          continue;
        }
      }
    }
    out_state[k] = static_cast<std::uint8_t>(DossierState::invalid);
    if (out_due_at) out_due_at[k] = kNoTime;
    if (received != kNoTime && as_of != kNoTime && received > as_of) continue;  // not yet received then
    if (fin != kNoTime && received != kNoTime && fin < received) {
      errors.add(static_cast<std::int64_t>(k), "finished_at", "the dossier is finished before it was received");
      continue;
    }
    if (fin != kNoTime && as_of != kNoTime && fin > as_of) fin = kNoTime;  // still open at as_of
    RowResult r = compute(m, received, c.time_limit[k], unit_of(c, k), c.due_at ? c.due_at[k] : kNoTime,
                          c.pause_start ? c.pause_start[k] : kNoTime, c.pause_end ? c.pause_end[k] : kNoTime,
                          fin != kNoTime ? fin : as_of);
    if (r.field) {
      errors.add(static_cast<std::int64_t>(k), r.field, std::move(r.message));
      continue;
    }
    if (out_due_at) out_due_at[k] = r.due_at;
    const bool repeated = m.rules.repeated_supplementation_is_late && c.supplement_requests && c.supplement_requests[k] > 1;
    DossierState s;
    if (fin != kNoTime)
      s = (repeated || fin > r.due_at) ? DossierState::late
          : local_day(fin) < r.due_day ? DossierState::early
                                       : DossierState::on_time;
    else
      s = (repeated || (as_of != kNoTime && as_of > r.due_at)) ? DossierState::open_late : DossierState::open;
    out_state[k] = static_cast<std::uint8_t>(s);
  }
}

}  // namespace

void DossierEngine::status(const DossierColumns& c, LocalSeconds as_of, std::uint8_t* out_state, LocalSeconds* out_due_at,
                           RowErrors& errors) const {
  status_rows(*impl_, c, [as_of](std::size_t) { return as_of; }, out_state, out_due_at, errors);
}

void DossierEngine::status(const DossierColumns& c, const LocalSeconds* as_of_each, std::uint8_t* out_state,
                           LocalSeconds* out_due_at, RowErrors& errors) const {
  if (c.n && !as_of_each) throw InvalidArgument("dossier status: as_of_each is required");
  status_rows(*impl_, c, [as_of_each](std::size_t k) { return as_of_each[k]; }, out_state, out_due_at, errors);
}

}  // namespace v1

detail::WorkdayTables detail::workday_tables(const DossierEngine& engine) {
  const DossierEngine::Impl& m = *engine.impl_;
  WorkdayTables w;
  w.start2 = m.start2.data();
  w.workdays = m.workdays.data();
  w.first_day = m.first_day;
  w.days = m.days;
  w.nwork = static_cast<std::int64_t>(m.workdays.size());
  w.cutoff = m.rules.apply_cutoff ? m.rules.cutoff_seconds : kSecondsPerDay;
  w.repeated_supplementation_is_late = m.rules.repeated_supplementation_is_late;
  return w;
}

}  // namespace da06
