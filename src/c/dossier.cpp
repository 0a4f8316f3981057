// The C ABI of dossiers in batches (da06/dossier.hpp): an engine handle and two batch functions over
// int64 epoch-second arrays.
#include "capi.hpp"

#include "da06/dossier.hpp"

#include <vector>

struct da06_dossier_engine {
  da06::DossierEngine engine;
  bool utc = false;
};

using namespace da06::capi;

namespace {

const da06_dossier_engine& engine_of(const da06_dossier_engine* e) {
  require(e, "engine");
  return *e;
}

// Local copies of the time columns when the caller gives UTC seconds (the engine reads local ones).
struct Times {
  std::vector<std::vector<std::int64_t>> store;
  const std::int64_t* take(const std::int64_t* p, std::size_t n, bool utc) {
    if (!p || !utc) return p;
    std::vector<std::int64_t> v(p, p + n);
    for (auto& t : v) t = da06::from_utc_seconds(t);
    store.push_back(std::move(v));
    return store.back().data();
  }
};

int finish_batch(const da06::RowErrors& errors, std::int64_t* out_bad_rows) {
  if (out_bad_rows) *out_bad_rows = errors.count;
  if (errors.count == 0) return DA06_OK;
  const da06::RowError& e = errors.first.front();
  da06::Location where;
  where.field = e.field;
  return set_error(DA06_EDATA,
                   std::to_string(errors.count) + " bad row(s); the first is row " + std::to_string(e.row) + ", field " +
                       e.field + ": " + e.message,
                   &where, e.row);
}

da06::DossierColumns columns(const std::int64_t* received_at, const std::int32_t* time_limit, const std::uint8_t* limit_unit,
                             int default_unit, std::size_t n) {
  require_array(received_at, n, "received_at");
  require_array(time_limit, n, "time_limit");
  if (default_unit != DA06_WORKING_DAYS && default_unit != DA06_WORKING_HOURS)
    fail(DA06_EINVAL, "default_unit " + std::to_string(default_unit) + " is not a da06_limit_unit");
  da06::DossierColumns c;
  c.n = n;
  c.received_at = received_at;
  c.time_limit = time_limit;
  c.limit_unit = limit_unit;
  c.default_unit = static_cast<da06::LimitUnit>(default_unit);
  return c;
}

}  // namespace

extern "C" {

int da06_dossier_engine_options_init(da06_dossier_engine_options* opts, unsigned version) {
  static const da06_dossier_engine_options defaults = DA06_DOSSIER_ENGINE_OPTIONS_INIT;
  return options_init("da06_dossier_engine_options_init", opts, version, DA06_DOSSIER_ENGINE_OPTIONS_VERSION,
                      "da06_dossier_engine_options", defaults);
}

int da06_dossier_engine_new(da06_dossier_engine** out, const da06_calendar* cal, const da06_dossier_engine_options* opts) {
  if (out) *out = nullptr;
  return guard("da06_dossier_engine_new", [&] {
    require(out, "out");
    require(cal, "cal");
    da06::DossierRules r;
    bool utc = false;
    if (opts) {
      check_version(opts->version, DA06_DOSSIER_ENGINE_OPTIONS_VERSION, "da06_dossier_engine_options");
      r.cutoff_seconds = opts->cutoff_seconds;
      r.apply_cutoff = opts->apply_cutoff != 0;
      r.cutoff_in_working_hours = opts->cutoff_in_working_hours != 0;
      r.deduct_pauses = opts->deduct_pauses != 0;
      r.repeated_supplementation_is_late = opts->repeated_supplementation_is_late != 0;
      utc = opts->utc_input != 0;
      if (opts->office_hours_count) {
        require(opts->office_hours, "opts->office_hours");
        r.office_hours.intervals.clear();
        for (std::size_t k = 0; k < opts->office_hours_count; ++k)
          r.office_hours.intervals.push_back({opts->office_hours[2 * k], opts->office_hours[2 * k + 1]});
      }
    }
    *out = new da06_dossier_engine{da06::DossierEngine(cal->cal, r), utc};
    return DA06_OK;
  });
}

void da06_dossier_engine_free(da06_dossier_engine* engine) {
  guard_void([&] { delete engine; });
}

int da06_dossier_due_batch(int64_t* out_due_at, int32_t* out_due_day, int64_t* out_bad_rows, const da06_dossier_engine* engine,
                           const int64_t* received_at, const int32_t* time_limit, const uint8_t* limit_unit,
                           int default_unit, const int64_t* pause_start, const int64_t* pause_end, size_t n,
                           int64_t as_of) {
  return guard("da06_dossier_due_batch", [&] {
    const da06_dossier_engine& e = engine_of(engine);
    require_array(out_due_at, n, "out_due_at");
    Times t;
    da06::DossierColumns c = columns(t.take(received_at, n, e.utc), time_limit, limit_unit, default_unit, n);
    c.pause_start = t.take(pause_start, n, e.utc);
    c.pause_end = t.take(pause_end, n, e.utc);
    da06::RowErrors errors;
    e.engine.due(c, e.utc ? da06::from_utc_seconds(as_of) : as_of, out_due_at, out_due_day, nullptr, errors);
    if (e.utc)
      for (std::size_t k = 0; k < n; ++k)
        if (out_due_at[k] != DA06_NO_TIME) out_due_at[k] -= da06::kVietnamUtcOffsetSeconds;
    return finish_batch(errors, out_bad_rows);
  });
}

int da06_dossier_status_batch(uint8_t* out_state, int64_t* out_bad_rows, const da06_dossier_engine* engine,
                              const int64_t* received_at, const int32_t* time_limit, const uint8_t* limit_unit,
                              int default_unit, const int64_t* due_at, const int64_t* finished_at,
                              const int64_t* pause_start, const int64_t* pause_end, const int32_t* supplement_requests,
                              size_t n, int64_t as_of) {
  return guard("da06_dossier_status_batch", [&] {
    const da06_dossier_engine& e = engine_of(engine);
    require_array(out_state, n, "out_state");
    Times t;
    da06::DossierColumns c = columns(t.take(received_at, n, e.utc), time_limit, limit_unit, default_unit, n);
    c.due_at = t.take(due_at, n, e.utc);
    c.finished_at = t.take(finished_at, n, e.utc);
    c.pause_start = t.take(pause_start, n, e.utc);
    c.pause_end = t.take(pause_end, n, e.utc);
    c.supplement_requests = supplement_requests;
    da06::RowErrors errors;
    e.engine.status(c, e.utc ? da06::from_utc_seconds(as_of) : as_of, out_state, nullptr, errors);
    return finish_batch(errors, out_bad_rows);
  });
}

}  // extern "C"
