// Aggregating rows with names (a counts CSV, a framework's observations): names encoded as codes, the
// engine run, and every problem turned into a located diagnostic.
#include "aggregate_internal.hpp"

#include "../format/text.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace da06::inline v1 {

bool CountTable::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::vector<CountRow> count_rows(const Framework& fw) {
  std::vector<CountRow> out;
  for (const auto& o : fw.observations())
    if (o.is_ratio() && !o.period.empty())
      out.push_back({o.unit, o.indicator, o.period, *o.numerator, *o.denominator, Location{"", 0, 0, "$.observations[id=" + o.id + "]", ""}});
  return out;
}

NamedAggregate aggregate_rows(const Hierarchy& h, const std::vector<CountRow>& rows, Level level, Date as_of,
                              const std::vector<std::pair<std::string, IndicatorThreshold>>& thresholds) {
  NamedAggregate out;
  out.hierarchy = h;
  for (const auto& r : rows) {
    out.indicators.push_back(r.indicator);
    out.periods.push_back(r.period);
  }
  for (auto* v : {&out.indicators, &out.periods}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  auto code = [](const std::vector<std::string>& v, const std::string& s) {
    return static_cast<std::int32_t>(std::lower_bound(v.begin(), v.end(), s) - v.begin());
  };
  std::vector<std::int32_t> un, in, pe;
  std::vector<std::int64_t> nu, de;
  std::vector<std::size_t> source;  // encoded row -> input row
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    auto u = h.find(r.unit);
    if (!u) {
      Location l = r.where;
      if (l.field.empty()) l.field = "unit";
      out.diagnostics.push_back({Severity::error, l, "unit " + detail::quoted_excerpt(r.unit) + " is not in the hierarchy (row not aggregated)"});
      continue;
    }
    un.push_back(*u);
    in.push_back(code(out.indicators, r.indicator));
    pe.push_back(code(out.periods, r.period));
    nu.push_back(r.numerator);
    de.push_back(r.denominator);
    source.push_back(i);
  }
  AggregateOptions opt;
  opt.indicator_count = static_cast<std::int32_t>(out.indicators.size());
  opt.period_count = static_cast<std::int32_t>(out.periods.size());
  opt.thresholds.resize(out.indicators.size());
  for (const auto& [name, t] : thresholds) {
    auto it = std::lower_bound(out.indicators.begin(), out.indicators.end(), name);
    if (it != out.indicators.end() && *it == name) opt.thresholds[static_cast<std::size_t>(it - out.indicators.begin())] = t;
  }
  out.result = AggregationPlan(h, level, as_of).run(ObservationColumns{un.data(), in.data(), pe.data(), nu.data(), de.data(), un.size()}, opt);
  for (const auto& b : out.result.bad_rows()) {
    Location l = rows[source[b.row]].where;
    out.diagnostics.push_back({Severity::error, l, b.message + " (row not aggregated)"});
  }
  const std::string date = boost::gregorian::to_iso_extended_string(as_of);
  for (const auto& d : out.result.dropped_units()) {
    Location l;
    l.path = "unit '" + detail::excerpt(h.id(d.unit)) + "'";
    l.field = "unit";
    out.diagnostics.push_back({Severity::warning, l,
                               std::to_string(d.rows) + " row(s) not aggregated to " + std::string(to_string(level)) +
                                   " on " + date + ": " + std::string(to_string(d.reason)) + " (Σnumerator " +
                                   d.numerator.str() + ", Σdenominator " + d.denominator.str() + ")"});
  }
  return out;
}

}  // namespace da06::inline v1
