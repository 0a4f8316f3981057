// src/c/framework.cpp — C ABI: frameworks and their accessors, the report and audit JSON, units, aggregation.
#include "capi.hpp"

#include "da06/aggregate.hpp"
#include "da06/audit.hpp"
#include "da06/hierarchy.hpp"
#include "da06/io.hpp"
#include "da06/json.hpp"
#include "da06/report.hpp"
#include "da06/report_charts.hpp"
#include "da06/series.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>

struct da06_units {
  da06::Hierarchy h;
};

// The framework owns its units handle, built on first use (std::call_once: concurrent first calls
// from several threads build it once, and every reader then sees the finished value).
struct da06_framework {
  da06::Framework fw;
  mutable std::once_flag units_once;
  mutable std::unique_ptr<da06_units> units;
};

struct da06_aggregate_result {
  da06::AggregateResult r;
};

using namespace da06::capi;

namespace {

const da06::Framework& fw_of(const da06_framework* f) {
  require(f, "fw");
  return f->fw;
}

const da06::Hierarchy& units_of(const da06_units* u) {
  require(u, "units");
  return u->h;
}

template <class T>
const T& element(const std::vector<T>& v, std::size_t i, const char* what) {
  if (i >= v.size())
    fail(DA06_ENOTFOUND, std::string(what) + " index " + std::to_string(i) + " is out of range (there are " +
                             std::to_string(v.size()) + ")");
  return v[i];
}

void check_readable(const char* path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) fail(DA06_EIO, std::string("cannot open \"") + path + "\": " + std::strerror(errno));
}

// Enumeration names live in static storage (string_view over literals), so lending them is safe.
void lend_view(std::string_view s, const char** out, std::size_t* out_len) {
  *out = s.data();
  if (out_len) *out_len = s.size();
}

template <class Seq, class Pred>
void find_index(const Seq& seq, std::string_view id, const char* what, Pred&& id_of, std::size_t* out) {
  for (std::size_t i = 0; i < seq.size(); ++i) {
    if (id_of(seq[i]) == id) {
      *out = i;
      return;
    }
  }
  fail(DA06_ENOTFOUND, std::string("no ") + what + " has the id \"" + std::string(id.substr(0, 200)) + "\"");
}

}  // namespace

extern "C" {

// --- framework ---------------------------------------------------------------------------------

int da06_framework_default(da06_framework** out) {
  if (out) *out = nullptr;
  return guard("da06_framework_default", [&] {
    require(out, "out");
    *out = new da06_framework{da06::default_framework(), {}, {}};
    return DA06_OK;
  });
}

int da06_framework_load_file(da06_framework** out, const char* path) {
  if (out) *out = nullptr;
  return guard("da06_framework_load_file", [&] {
    require(out, "out");
    require(path, "path");
    check_readable(path);
    da06::Framework fw = da06::read_framework_file(path);
    *out = new da06_framework{std::move(fw), {}, {}};
    return DA06_OK;
  });
}

int da06_framework_load_json(da06_framework** out, const char* json, size_t len, const char* name) {
  if (out) *out = nullptr;
  return guard("da06_framework_load_json", [&] {
    require(out, "out");
    std::string_view text = document_arg(json, len, "json");
    da06::LoadResult r = da06::load_framework_json(text, name ? name : "<string>");
    if (!r.ok()) throw da06::LoadError(std::move(r.diagnostics));
    *out = new da06_framework{std::move(r.framework), {}, {}};
    return DA06_OK;
  });
}

void da06_framework_free(da06_framework* fw) {
  guard_void([&] { delete fw; });
}

int da06_framework_text(const da06_framework* fw, int field, const char** out, size_t* out_len) {
  return guard("da06_framework_text", [&] {
    const da06::FrameworkData& d = fw_of(fw).data();
    require(out, "out");
    const std::string* s = nullptr;
    switch (field) {
      case DA06_FW_ID: s = &d.id; break;
      case DA06_FW_TITLE: s = &d.title; break;
      case DA06_FW_PROVINCE: s = &d.province; break;
      case DA06_FW_PERIOD_CODE: s = &d.period.code; break;
      case DA06_FW_PERIOD_TEXT: s = &d.period.text; break;
      case DA06_FW_REPORT_NUMBER: s = &d.report.number; break;
      case DA06_FW_REPORT_TITLE: s = &d.report.title; break;
      case DA06_FW_PLAN_NUMBER: s = &d.plan.number; break;
      case DA06_FW_PLAN_TITLE: s = &d.plan.title; break;
      default: fail(DA06_EINVAL, "field " + std::to_string(field) + " is not a da06_framework_field");
    }
    lend_string(*s, out, out_len);
    return DA06_OK;
  });
}

int da06_framework_report_date(const da06_framework* fw, int32_t* out_days) {
  return guard("da06_framework_report_date", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out_days, "out_days");
    *out_days = to_days_or_none(f.data().report.date);
    return DA06_OK;
  });
}

int da06_framework_task_count(const da06_framework* fw, size_t* out) {
  return guard("da06_framework_task_count", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out, "out");
    *out = f.tasks().size();
    return DA06_OK;
  });
}

int da06_framework_task_text(const da06_framework* fw, size_t i, int field, const char** out, size_t* out_len) {
  return guard("da06_framework_task_text", [&] {
    const da06::Task& t = element(fw_of(fw).tasks(), i, "task");
    require(out, "out");
    const std::string* s = nullptr;
    switch (field) {
      case DA06_TASK_ID: s = &t.id; break;
      case DA06_TASK_GROUP: s = &t.group; break;
      case DA06_TASK_TITLE: s = &t.title; break;
      case DA06_TASK_LEAD: s = &t.lead; break;
      case DA06_TASK_COORDINATING: s = &t.coordinating; break;
      case DA06_TASK_DEADLINE_TEXT: s = &t.deadline_text; break;
      case DA06_TASK_PROGRESS_TEXT: s = &t.progress_text; break;
      case DA06_TASK_UTILITY_GROUP: s = &t.utility_group; break;
      default: fail(DA06_EINVAL, "field " + std::to_string(field) + " is not a da06_task_field");
    }
    lend_string(*s, out, out_len);
    return DA06_OK;
  });
}

int da06_framework_task_number(const da06_framework* fw, size_t i, int32_t* out) {
  return guard("da06_framework_task_number", [&] {
    const da06::Task& t = element(fw_of(fw).tasks(), i, "task");
    require(out, "out");
    *out = t.number;
    return DA06_OK;
  });
}

int da06_framework_task_find(const da06_framework* fw, const char* id, size_t len, size_t* out_index) {
  return guard("da06_framework_task_find", [&] {
    const da06::Framework& f = fw_of(fw);
    std::string_view key = text_arg(id, len, "id");
    require(out_index, "out_index");
    find_index(f.tasks(), key, "task", [](const da06::Task& t) -> const std::string& { return t.id; }, out_index);
    return DA06_OK;
  });
}

int da06_framework_indicator_count(const da06_framework* fw, size_t* out) {
  return guard("da06_framework_indicator_count", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out, "out");
    *out = f.indicators().size();
    return DA06_OK;
  });
}

int da06_framework_indicator_text(const da06_framework* fw, size_t i, int field, const char** out,
                                  size_t* out_len) {
  return guard("da06_framework_indicator_text", [&] {
    const da06::Indicator& x = element(fw_of(fw).indicators(), i, "indicator");
    require(out, "out");
    switch (field) {
      case DA06_IND_ID: lend_string(x.id, out, out_len); break;
      case DA06_IND_NAME: lend_string(x.name, out, out_len); break;
      case DA06_IND_UNIT: lend_string(x.unit, out, out_len); break;
      case DA06_IND_KIND: lend_view(da06::to_string(x.kind), out, out_len); break;
      case DA06_IND_DIRECTION: lend_view(da06::to_string(x.direction), out, out_len); break;
      case DA06_IND_AGGREGATION: lend_view(da06::to_string(x.aggregation), out, out_len); break;
      case DA06_IND_ROUNDING: lend_string(x.rounding, out, out_len); break;
      case DA06_IND_UTILITY_GROUP: lend_string(x.utility_group, out, out_len); break;
      default: fail(DA06_EINVAL, "field " + std::to_string(field) + " is not a da06_indicator_field");
    }
    return DA06_OK;
  });
}

int da06_framework_indicator_format(const da06_framework* fw, size_t i, int64_t* factor, int* decimals) {
  return guard("da06_framework_indicator_format", [&] {
    const da06::Indicator& x = element(fw_of(fw).indicators(), i, "indicator");
    if (factor) *factor = x.factor;
    if (decimals) *decimals = x.decimals;
    return DA06_OK;
  });
}

int da06_framework_indicator_find(const da06_framework* fw, const char* id, size_t len, size_t* out_index) {
  return guard("da06_framework_indicator_find", [&] {
    const da06::Framework& f = fw_of(fw);
    std::string_view key = text_arg(id, len, "id");
    require(out_index, "out_index");
    find_index(f.indicators(), key, "indicator",
               [](const da06::Indicator& t) -> const std::string& { return t.id; }, out_index);
    return DA06_OK;
  });
}

int da06_framework_target_count(const da06_framework* fw, size_t* out) {
  return guard("da06_framework_target_count", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out, "out");
    *out = f.targets().size();
    return DA06_OK;
  });
}

int da06_framework_target_text(const da06_framework* fw, size_t i, int field, const char** out, size_t* out_len) {
  return guard("da06_framework_target_text", [&] {
    const da06::Target& t = element(fw_of(fw).targets(), i, "target");
    require(out, "out");
    switch (field) {
      case DA06_TARGET_ID: lend_string(t.id, out, out_len); break;
      case DA06_TARGET_INDICATOR: lend_string(t.indicator, out, out_len); break;
      case DA06_TARGET_TASK: lend_string(t.task, out, out_len); break;
      case DA06_TARGET_COMPARATOR: lend_view(da06::to_string(t.comparator), out, out_len); break;
      case DA06_TARGET_THRESHOLD: lend_string(t.threshold, out, out_len); break;
      case DA06_TARGET_SCOPE_UNIT: lend_string(t.scope.unit, out, out_len); break;
      case DA06_TARGET_PUBLISHED: lend_string(t.published, out, out_len); break;
      case DA06_TARGET_NOTE: lend_string(t.note, out, out_len); break;
      default: fail(DA06_EINVAL, "field " + std::to_string(field) + " is not a da06_target_field");
    }
    return DA06_OK;
  });
}

int da06_framework_target_dates(const da06_framework* fw, size_t i, int32_t* effective, int32_t* deadline) {
  return guard("da06_framework_target_dates", [&] {
    const da06::Target& t = element(fw_of(fw).targets(), i, "target");
    const std::int32_t e = to_days_or_none(t.effective), d = to_days_or_none(t.deadline);
    if (effective) *effective = e;
    if (deadline) *deadline = d;
    return DA06_OK;
  });
}

int da06_report_json(const da06_framework* fw, int32_t as_of, char** out, size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_report_json", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out, "out");
    std::optional<da06::Date> when;
    if (as_of != DA06_NO_DATE) when = to_date(as_of, "as_of");
    give_string(da06::report_json(f, when), out, out_len);
    return DA06_OK;
  });
}

int da06_report_chart_svg(char** out, size_t* out_len, const da06_framework* fw, int32_t as_of, const char* chart) {
  if (out) *out = nullptr;
  return guard("da06_report_chart_svg", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out, "out");
    require(chart, "chart");
    const auto c = da06::parse_summary_chart(chart);
    if (!c) fail(DA06_EINVAL, std::string("chart: unknown chart \"") + chart +
                                  "\" (headline, status_by_group, target_gaps, index)");
    std::optional<da06::Date> when;
    if (as_of != DA06_NO_DATE) when = to_date(as_of, "as_of");
    const da06::Report r = da06::build_report(f, when, da06::Calendar::vietnam_public());
    give_string(da06::summary_chart_svg(r.summary, *c), out, out_len);
    return DA06_OK;
  });
}

int da06_audit_json(const da06_framework* fw, char** out, size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_audit_json", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out, "out");
    give_string(da06::audit_json(f), out, out_len);
    return DA06_OK;
  });
}

int da06_series_diff_json(char** out, size_t* out_len, const da06_framework* earlier, const da06_framework* later,
                          int32_t as_of, const char* mapping_csv) {
  if (out) *out = nullptr;
  return guard("da06_series_diff_json", [&] {
    require(out, "out");
    require(earlier, "earlier");
    require(later, "later");
    const da06::Framework& a = fw_of(earlier);
    const da06::Framework& b = fw_of(later);
    da06::SeriesOptions opt;
    if (mapping_csv) {
      da06::MappingLoad m = da06::load_mapping_csv(mapping_csv, "<mapping>");
      if (!m.ok()) throw da06::LoadError(std::move(m.diagnostics));
      opt.mapping = m.mapping;
    }
    std::optional<da06::Date> when;
    if (as_of != DA06_NO_DATE) when = to_date(as_of, "as_of");
    give_string(da06::to_json(da06::diff_reports(a, b, when, opt)), out, out_len);
    return DA06_OK;
  });
}

// --- units -------------------------------------------------------------------------------------

int da06_units_load_file(da06_units** out, const char* path) {
  if (out) *out = nullptr;
  return guard("da06_units_load_file", [&] {
    require(out, "out");
    require(path, "path");
    check_readable(path);
    da06::HierarchyLoad r = da06::load_hierarchy_file(path);
    if (!r.ok()) throw da06::LoadError(std::move(r.diagnostics));
    *out = new da06_units{std::move(r.hierarchy)};
    return DA06_OK;
  });
}

int da06_framework_units(const da06_framework* fw, const da06_units** out) {
  if (out) *out = nullptr;
  return guard("da06_framework_units", [&] {
    const da06::Framework& f = fw_of(fw);
    require(out, "out");
    // The loader has already checked the framework's units; build leniently so a framework that
    // loaded always has a hierarchy (the strict constructor would reject the same units again).
    std::call_once(fw->units_once, [&] {
      fw->units = std::make_unique<da06_units>(da06_units{da06::build_hierarchy(f.units(), f.id()).hierarchy});
    });
    *out = fw->units.get();
    return DA06_OK;
  });
}

void da06_units_free(da06_units* units) {
  guard_void([&] { delete units; });
}

int da06_units_count(const da06_units* units, size_t* out) {
  return guard("da06_units_count", [&] {
    const da06::Hierarchy& h = units_of(units);
    require(out, "out");
    *out = h.size();
    return DA06_OK;
  });
}

int da06_units_text(const da06_units* units, size_t i, int field, const char** out, size_t* out_len) {
  return guard("da06_units_text", [&] {
    const da06::OrgUnit& u = element(units_of(units).units(), i, "unit");
    require(out, "out");
    switch (field) {
      case DA06_UNIT_ID: lend_string(u.id, out, out_len); break;
      case DA06_UNIT_NAME: lend_string(u.name, out, out_len); break;
      case DA06_UNIT_LEVEL: lend_view(da06::to_string(u.level), out, out_len); break;
      case DA06_UNIT_KIND: lend_string(u.kind, out, out_len); break;
      default: fail(DA06_EINVAL, "field " + std::to_string(field) + " is not a da06_unit_field");
    }
    return DA06_OK;
  });
}

int da06_units_find(const da06_units* units, const char* id, size_t len, int32_t* out_index) {
  return guard("da06_units_find", [&] {
    const da06::Hierarchy& h = units_of(units);
    std::string_view key = text_arg(id, len, "id");
    require(out_index, "out_index");
    const auto i = h.find(key);
    if (!i) fail(DA06_ENOTFOUND, "no unit has the id \"" + std::string(key.substr(0, 200)) + "\"");
    *out_index = *i;
    return DA06_OK;
  });
}

int da06_units_ancestor(const da06_units* units, const int32_t* unit, size_t n, const char* level, int32_t as_of,
                        int32_t* out) {
  return guard("da06_units_ancestor", [&] {
    const da06::Hierarchy& h = units_of(units);
    require_array(unit, n, "unit");
    require_array(out, n, "out");
    require(level, "level");
    const auto lv = da06::parse_level(level);
    if (!lv) fail(DA06_EINVAL, std::string("level \"") + level + "\" is not nation, province, district, commune or village");
    const da06::Date d = to_date(as_of, "as_of");
    const auto size = static_cast<std::int64_t>(h.size());
    for_each_index(n, [&](std::size_t k) {
      if (unit[k] < 0 || unit[k] >= size)
        fail(DA06_ENOTFOUND, "unit index " + std::to_string(unit[k]) + " is out of range (there are " +
                                 std::to_string(size) + " units)");
      out[k] = h.ancestor_at_level(unit[k], *lv, d);
    });
    return DA06_OK;
  });
}

// --- aggregation -------------------------------------------------------------------------------

}  // extern "C"

static_assert(DA06_LEVEL_NATION == static_cast<int>(da06::Level::nation) &&
                  DA06_LEVEL_PROVINCE == static_cast<int>(da06::Level::province) &&
                  DA06_LEVEL_DISTRICT == static_cast<int>(da06::Level::district) &&
                  DA06_LEVEL_COMMUNE == static_cast<int>(da06::Level::commune) &&
                  DA06_LEVEL_VILLAGE == static_cast<int>(da06::Level::village),
              "da06_level and da06::Level disagree");

namespace {
// The level comes as text (da06_aggregate: "province") or as a da06_level (da06_units_aggregate: by_name false).
int aggregate_into(const char* fn, da06_aggregate_result** out, const da06_units* units, const int32_t* unit,
                   const int32_t* indicator, const int32_t* period, const int64_t* numerator,
                   const int64_t* denominator, size_t n, bool by_name, const char* level_name, int level_code,
                   int32_t as_of) {
  if (out) *out = nullptr;
  return guard(fn, [&] {
    const da06::Hierarchy& h = units_of(units);
    require_array(unit, n, "unit");
    require_array(indicator, n, "indicator");
    require_array(period, n, "period");
    require_array(numerator, n, "numerator");
    require_array(denominator, n, "denominator");
    if (by_name) require(level_name, "to_level");
    require(out, "out");
    da06::Level level = da06::Level::province;
    if (by_name) {
      const auto lv = da06::parse_level(level_name);
      if (!lv)
        fail(DA06_EINVAL, std::string("to_level \"") + level_name + "\" is not nation, province, district, commune or village");
      level = *lv;
    } else {
      if (level_code < DA06_LEVEL_NATION || level_code > DA06_LEVEL_VILLAGE)
        fail(DA06_EINVAL, "to_level " + std::to_string(level_code) + " is not a da06_level (DA06_LEVEL_NATION..DA06_LEVEL_VILLAGE)");
      level = static_cast<da06::Level>(level_code);
    }
    const da06::Date d = to_date(as_of, "as_of");
    const da06::ObservationColumns cols{unit, indicator, period, numerator, denominator, n};
    da06::AggregateResult r = da06::AggregationPlan(h, level, d).run(cols);
    if (r.bad_row_count() > 0) {
      const da06::BadRow& b = r.bad_rows().front();
      set_pending_index(static_cast<std::int64_t>(b.row));
      fail(DA06_EINVAL, "row " + std::to_string(b.row) + ": " + b.message +
                            (r.bad_row_count() > 1
                                 ? " (and " + std::to_string(r.bad_row_count() - 1) + " more bad rows)"
                                 : std::string()));
    }
    *out = new da06_aggregate_result{std::move(r)};
    return DA06_OK;
  });
}
}  // namespace

extern "C" {

int da06_units_aggregate(da06_aggregate_result** out, const da06_units* units, const int32_t* unit,
                         const int32_t* indicator, const int32_t* period, const int64_t* numerator,
                         const int64_t* denominator, size_t n, int to_level, int32_t as_of) {
  return aggregate_into("da06_units_aggregate", out, units, unit, indicator, period, numerator, denominator, n,
                        false, nullptr, to_level, as_of);
}

int da06_aggregate(const da06_units* units, const int32_t* unit, const int32_t* indicator, const int32_t* period,
                   const int64_t* numerator, const int64_t* denominator, size_t n, const char* to_level,
                   int32_t as_of, da06_aggregate_result** out) {
  return aggregate_into("da06_aggregate", out, units, unit, indicator, period, numerator, denominator, n, true,
                        to_level, 0, as_of);
}

int da06_aggregate_result_size(const da06_aggregate_result* res, size_t* out) {
  return guard("da06_aggregate_result_size", [&] {
    require(res, "res");
    require(out, "out");
    *out = res->r.size();
    return DA06_OK;
  });
}

int da06_aggregate_result_columns(const da06_aggregate_result* res, int32_t* unit, int32_t* indicator,
                                  int32_t* period, int64_t* numerator, int64_t* denominator, int64_t* rows,
                                  double* ratio) {
  return guard("da06_aggregate_result_columns", [&] {
    require(res, "res");
    const da06::AggregateResult& r = res->r;
    if ((numerator || denominator) && r.overflowed())
      fail(DA06_ERANGE, "a sum does not fit in int64; read the sums with da06_aggregate_result_sums_text");
    const std::size_t n = r.size();
    auto copy = [n](auto* dst, const auto* src) {
      if (dst && n) std::memcpy(dst, src, n * sizeof(*dst));
    };
    copy(unit, r.units());
    copy(indicator, r.indicators());
    copy(period, r.periods());
    copy(numerator, r.numerators());
    copy(denominator, r.denominators());
    copy(rows, r.row_counts());
    copy(ratio, r.ratios());
    return DA06_OK;
  });
}

int da06_aggregate_result_sums_text(const da06_aggregate_result* res, size_t g, char** numerator,
                                    size_t* numerator_len, char** denominator, size_t* denominator_len) {
  if (numerator) *numerator = nullptr;
  if (denominator) *denominator = nullptr;
  return guard("da06_aggregate_result_sums_text", [&] {
    require(res, "res");
    require(numerator, "numerator");
    require(denominator, "denominator");
    const da06::AggregateResult& r = res->r;
    if (g >= r.size())
      fail(DA06_ENOTFOUND, "group " + std::to_string(g) + " is out of range (there are " + std::to_string(r.size()) + ")");
    const std::string a = r.numerator_big(g).str(), b = r.denominator_big(g).str();
    char* pa = nullptr;
    give_string(a, &pa, numerator_len);
    try {
      give_string(b, denominator, denominator_len);
    } catch (...) {
      da06_string_free(pa);
      throw;
    }
    *numerator = pa;
    return DA06_OK;
  });
}

int da06_aggregate_result_dropped_count(const da06_aggregate_result* res, size_t* out) {
  return guard("da06_aggregate_result_dropped_count", [&] {
    require(res, "res");
    require(out, "out");
    *out = res->r.dropped_units().size();
    return DA06_OK;
  });
}

int da06_aggregate_result_dropped(const da06_aggregate_result* res, size_t i, int32_t* unit, int* reason,
                                  int64_t* rows) {
  return guard("da06_aggregate_result_dropped", [&] {
    require(res, "res");
    const da06::DroppedUnit& d = element(res->r.dropped_units(), i, "dropped unit");
    if (unit) *unit = d.unit;
    if (reason) *reason = static_cast<int>(d.reason);
    if (rows) *rows = d.rows;
    return DA06_OK;
  });
}

void da06_aggregate_result_free(da06_aggregate_result* res) {
  guard_void([&] { delete res; });
}

}  // extern "C"
