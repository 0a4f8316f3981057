// src/c/calendar.cpp — C ABI: working-day calendar, lunar dates, time limits, dossiers, periods.
#include "capi.hpp"

#include "da06/calendar.hpp"
#include "da06/lunar.hpp"
#include "da06/period.hpp"
#include "da06/time_limits.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <nlohmann/json.hpp>

#include <exception>

namespace bg = boost::gregorian;
using namespace da06::capi;

namespace {

const da06::Calendar& cal_of(const da06_calendar* c) {
  require(c, "cal");
  return c->cal;
}

da06_calendar* new_calendar(da06::Calendar cal) { return new da06_calendar{std::move(cal)}; }

// The C++ batch loops name the failing element in their message only. On that (rare) path the index
// is found by replaying the batch one element at a time (same semantics), so the error record can carry
// it as a number; the original exception, whose message names the element, is the one rethrown.
template <class Batch, class One>
void run_batch(std::size_t n, Batch&& batch, One&& one) {
  try {
    batch();
  } catch (const da06::RangeError&) {
    const std::exception_ptr original = std::current_exception();
    for (std::size_t k = 0; k < n; ++k) {
      try {
        one(k);
      } catch (...) {
        set_pending_index(static_cast<std::int64_t>(k));
        break;
      }
    }
    std::rethrow_exception(original);
  }
}

da06::Period to_period(const da06_period* p) {
  require(p, "period");
  if (p->kind < DA06_PERIOD_YEAR || p->kind > DA06_PERIOD_MONTH)
    fail(DA06_EINVAL, "period kind " + std::to_string(p->kind) + " is not a da06_period_kind");
  return da06::Period(static_cast<da06::PeriodKind>(p->kind), p->year, p->index);
}

}  // namespace

namespace da06::capi {
da06_period from_period(const da06::Period& p) {
  return da06_period{static_cast<int>(p.kind()), p.year(), p.index()};
}
}  // namespace da06::capi

extern "C" {

// --- calendar -----------------------------------------------------------------------------------

}  // extern "C"

namespace {
// One body per function; the deprecated names (docs/api-stability.md) call it under their own name,
// so an error names the function the caller called.
int make_calendar(const char* fn, da06_calendar** out, da06::Calendar (*make)()) {
  if (out) *out = nullptr;
  return guard(fn, [&] {
    require(out, "out");
    *out = new_calendar(make());
    return DA06_OK;
  });
}
int count_closed(const char* fn, const da06_calendar* cal, const int32_t* from, const int32_t* to, size_t n,
                 int32_t* out) {
  return guard(fn, [&] {
    const da06::Calendar& c = cal_of(cal);
    require_array(from, n, "from");
    require_array(to, n, "to");
    require_array(out, n, "out");
    if (n == 0) return DA06_OK;
    run_batch(
        n, [&] { c.count_workdays_closed(from, to, n, out); },
        [&](std::size_t k) { c.count_workdays_closed(from + k, to + k, 1, out + k); });
    return DA06_OK;
  });
}
int count_half_open(const char* fn, const da06_calendar* cal, const int32_t* begin, const int32_t* end, size_t n,
                    int32_t* out) {
  return guard(fn, [&] {
    const da06::Calendar& c = cal_of(cal);
    require_array(begin, n, "begin");
    require_array(end, n, "end");
    require_array(out, n, "out");
    if (n == 0) return DA06_OK;
    run_batch(
        n, [&] { c.count_workdays_half_open(begin, end, n, out); },
        [&](std::size_t k) { c.count_workdays_half_open(begin + k, end + k, 1, out + k); });
    return DA06_OK;
  });
}
}  // namespace

extern "C" {

int da06_calendar_vietnam_public(da06_calendar** out) {
  return make_calendar("da06_calendar_vietnam_public", out, da06::Calendar::vietnam_public);
}
int da06_calendar_vietnam_statutory(da06_calendar** out) {
  return make_calendar("da06_calendar_vietnam_statutory", out, da06::Calendar::vietnam_statutory);
}
int da06_calendar_vn_public(da06_calendar** out) {
  return make_calendar("da06_calendar_vn_public", out, da06::Calendar::vietnam_public);
}
int da06_calendar_vn_statutory(da06_calendar** out) {
  return make_calendar("da06_calendar_vn_statutory", out, da06::Calendar::vietnam_statutory);
}

int da06_calendar_add_schedule_json(da06_calendar** out, const da06_calendar* base, const char* json, size_t len) {
  if (out) *out = nullptr;
  return guard("da06_calendar_add_schedule_json", [&] {
    require(out, "out");
    const da06::Calendar& b = cal_of(base);
    std::string_view text = document_arg(json, len, "json");
    da06::Calendar c = b.with_schedule(text);
    *out = new_calendar(std::move(c));
    return DA06_OK;
  });
}

int da06_calendar_is_provisional(int* out, const da06_calendar* cal, int32_t year) {
  return guard("da06_calendar_is_provisional", [&] {
    require(out, "out");
    const da06::Calendar& c = cal_of(cal);
    if (year < da06::Calendar::first_year || year > da06::Calendar::last_year)
      fail(DA06_ERANGE, "year " + std::to_string(year) + " is outside 1900..2199");
    *out = c.is_provisional(year) ? 1 : 0;
    return DA06_OK;
  });
}

void da06_calendar_free(da06_calendar* cal) {
  guard_void([&] { delete cal; });
}

int da06_calendar_is_workday(const da06_calendar* cal, const int32_t* days, size_t n, uint8_t* out) {
  return guard("da06_calendar_is_workday", [&] {
    const da06::Calendar& c = cal_of(cal);
    require_array(days, n, "days");
    require_array(out, n, "out");
    if (n == 0) return DA06_OK;
    run_batch(
        n, [&] { c.is_workday(days, n, out); }, [&](std::size_t k) { c.is_workday(days + k, 1, out + k); });
    return DA06_OK;
  });
}

int da06_calendar_count_workdays_closed(const da06_calendar* cal, const int32_t* from, const int32_t* to, size_t n,
                                        int32_t* out) {
  return count_closed("da06_calendar_count_workdays_closed", cal, from, to, n, out);
}
int da06_calendar_workdays_between(const da06_calendar* cal, const int32_t* from, const int32_t* to, size_t n,
                                   int32_t* out) {
  return count_closed("da06_calendar_workdays_between", cal, from, to, n, out);
}
int da06_calendar_count_workdays_half_open(const da06_calendar* cal, const int32_t* begin, const int32_t* end,
                                           size_t n, int32_t* out) {
  return count_half_open("da06_calendar_count_workdays_half_open", cal, begin, end, n, out);
}
int da06_calendar_busday_count(const da06_calendar* cal, const int32_t* begin, const int32_t* end, size_t n,
                               int32_t* out) {
  return count_half_open("da06_calendar_busday_count", cal, begin, end, n, out);
}

int da06_calendar_add_workdays(const da06_calendar* cal, const int32_t* from, const int32_t* n_days, size_t n,
                               int32_t* out) {
  return guard("da06_calendar_add_workdays", [&] {
    const da06::Calendar& c = cal_of(cal);
    require_array(from, n, "from");
    require_array(n_days, n, "n_days");
    require_array(out, n, "out");
    if (n == 0) return DA06_OK;
    run_batch(
        n, [&] { c.add_workdays(from, n_days, n, out); },
        [&](std::size_t k) { c.add_workdays(from + k, n_days + k, 1, out + k); });
    return DA06_OK;
  });
}

int da06_calendar_roll(const da06_calendar* cal, const int32_t* days, size_t n, int convention, int32_t* out) {
  return guard("da06_calendar_roll", [&] {
    const da06::Calendar& c = cal_of(cal);
    require_array(days, n, "days");
    require_array(out, n, "out");
    if (convention < DA06_ROLL_FOLLOWING || convention > DA06_ROLL_MODIFIED_FOLLOWING)
      fail(DA06_EINVAL, "convention " + std::to_string(convention) + " is not a da06_roll");
    const auto conv = static_cast<da06::RollConvention>(convention);
    for_each_index(n, [&](std::size_t k) { out[k] = to_days(c.roll(to_date(days[k], "days[i]"), conv)); });
    return DA06_OK;
  });
}

int da06_calendar_holidays_json(const da06_calendar* cal, int32_t year, char** out, size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_calendar_holidays_json", [&] {
    const da06::Calendar& c = cal_of(cal);
    require(out, "out");
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const da06::Holiday& h : c.holidays(year)) {
      arr.push_back({{"date", bg::to_iso_extended_string(h.date)},
                     {"name", h.name},
                     {"kind", std::string(da06::to_string(h.kind))},
                     {"day_off", h.is_day_off()}});
    }
    give_string(arr.dump(), out, out_len);
    return DA06_OK;
  });
}

// --- lunar -------------------------------------------------------------------------------------

int da06_lunar_from_solar(int32_t days, int32_t* lunar_day, int32_t* lunar_month, int32_t* lunar_year, int* leap) {
  return guard("da06_lunar_from_solar", [&] {
    require(lunar_day, "lunar_day");
    require(lunar_month, "lunar_month");
    require(lunar_year, "lunar_year");
    require(leap, "leap");
    const da06::LunarDate l = da06::to_lunar(to_date(days, "days"));
    *lunar_day = l.day;
    *lunar_month = l.month;
    *lunar_year = l.year;
    *leap = l.leap ? 1 : 0;
    return DA06_OK;
  });
}

int da06_lunar_to_solar(int32_t lunar_day, int32_t lunar_month, int32_t lunar_year, int leap, int32_t* out_days) {
  return guard("da06_lunar_to_solar", [&] {
    require(out_days, "out_days");
    *out_days = to_days(da06::from_lunar(da06::LunarDate{lunar_day, lunar_month, lunar_year, leap != 0}));
    return DA06_OK;
  });
}

int da06_lunar_tet(int32_t year, int32_t* out_days) {
  return guard("da06_lunar_tet", [&] {
    require(out_days, "out_days");
    *out_days = to_days(da06::tet(year));
    return DA06_OK;
  });
}

// --- time limits and dossiers -------------------------------------------------------------------

int da06_time_limit(const da06_calendar* cal, int32_t event_day, int32_t count, int unit, int32_t* out_nominal_end,
                    int32_t* out_end) {
  return guard("da06_time_limit", [&] {
    const da06::Calendar& c = cal_of(cal);
    require(out_end, "out_end");
    if (unit < DA06_UNIT_DAY || unit > DA06_UNIT_YEAR)
      fail(DA06_EINVAL, "unit " + std::to_string(unit) + " is not a da06_time_unit");
    const da06::TimeLimit t = da06::time_limit(to_date(event_day, "event_day"),
                                               da06::Duration{count, static_cast<da06::TimeUnit>(unit)}, c);
    const std::int32_t end = to_days(t.end), nominal = to_days(t.nominal_end);
    *out_end = end;
    if (out_nominal_end) *out_nominal_end = nominal;
    return DA06_OK;
  });
}

int da06_dossier_options_init(da06_dossier_options* opts, unsigned version) {
  static const da06_dossier_options defaults = DA06_DOSSIER_OPTIONS_INIT;
  return options_init("da06_dossier_options_init", opts, version, DA06_DOSSIER_OPTIONS_VERSION, "da06_dossier_options", defaults);
}

int da06_dossier_due(const da06_calendar* cal, int32_t received_day, int32_t received_minute, int32_t working_days,
                     const da06_dossier_options* opts, int32_t* out_received, int32_t* out_due) {
  return guard("da06_dossier_due", [&] {
    const da06::Calendar& c = cal_of(cal);
    require(out_due, "out_due");
    da06::DossierOptions o;
    if (opts) {
      check_version(opts->version, DA06_DOSSIER_OPTIONS_VERSION, "da06_dossier_options");
      o.cutoff_hour = opts->cutoff_hour;
      o.cutoff_minute = opts->cutoff_minute;
      o.apply_cutoff = opts->apply_cutoff != 0;
    }
    if (received_minute < 0 || received_minute >= 24 * 60)
      fail(DA06_EINVAL, "received_minute " + std::to_string(received_minute) + " is not 0..1439");
    if (working_days < 0) fail(DA06_EINVAL, "working_days " + std::to_string(working_days) + " is negative");
    const boost::posix_time::ptime at(to_date(received_day, "received_day"),
                                      boost::posix_time::minutes(received_minute));
    const da06::DossierDue d = da06::dossier_due(at, working_days, c, o);
    const std::int32_t due = to_days(d.due), received = to_days(d.received);
    *out_due = due;
    if (out_received) *out_received = received;
    return DA06_OK;
  });
}

int da06_dossier_status_of(const da06_calendar* cal, int32_t promised, int32_t returned, int* out_status,
                           int32_t* out_working_days) {
  return guard("da06_dossier_status_of", [&] {
    const da06::Calendar& c = cal_of(cal);
    require(out_status, "out_status");
    const da06::DossierOutcome o =
        da06::dossier_status(to_date(promised, "promised"), to_date(returned, "returned"), c);
    *out_status = static_cast<int>(o.status);
    if (out_working_days) *out_working_days = o.working_days;
    return DA06_OK;
  });
}

// --- periods -----------------------------------------------------------------------------------

int da06_period_parse(const char* text, size_t len, int32_t default_year, da06_period* out) {
  return guard("da06_period_parse", [&] {
    std::string_view s = text_arg(text, len, "text");
    require(out, "out");
    std::optional<int> year;
    if (default_year != 0) year = default_year;
    *out = from_period(da06::parse_period(s, year));
    return DA06_OK;
  });
}

int da06_period_code(const da06_period* period, char** out, size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_period_code", [&] {
    require(out, "out");
    give_string(to_period(period).code(), out, out_len);
    return DA06_OK;
  });
}

int da06_period_window(const da06_period* period, int32_t* first, int32_t* last) {
  return guard("da06_period_window", [&] {
    require(first, "first");
    require(last, "last");
    const da06::ClosedDateRange r = to_period(period).calendar_window();
    const std::int32_t a = to_days(r.first), b = to_days(r.last);
    *first = a;
    *last = b;
    return DA06_OK;
  });
}

int da06_period_cutoff_window(const da06_period* period, int32_t* first, int32_t* last) {
  return guard("da06_period_cutoff_window", [&] {
    require(first, "first");
    require(last, "last");
    const da06::ClosedDateRange r = to_period(period).cutoff_window();
    const std::int32_t a = to_days(r.first), b = to_days(r.last);
    *first = a;
    *last = b;
    return DA06_OK;
  });
}

int da06_period_submission_deadline(const da06_calendar* cal, const da06_period* period, int32_t n_working_days,
                                    int32_t* out_days) {
  return guard("da06_period_submission_deadline", [&] {
    const da06::Calendar& c = cal_of(cal);
    require(out_days, "out_days");
    *out_days = to_days(da06::submission_deadline(to_period(period), n_working_days, c));
    return DA06_OK;
  });
}

}  // extern "C"
