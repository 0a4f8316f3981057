// JSON of aggregations (aggregate.hpp): the document of `da06 aggregate --json`.
#include "writer.hpp"

#include "da06/aggregate.hpp"
#include "da06/json.hpp"

#include <algorithm>

namespace da06::inline v1::detail::json {

ojson value(const NamedAggregate& a) {
  const AggregateResult& r = a.result;
  const Hierarchy& h = a.hierarchy;
  ojson j;
  j["level"] = std::string(to_string(r.level()));
  j["as_of"] = date(r.as_of());
  j["groups"] = ojson::array();
  for (std::size_t g = 0; g < r.size(); ++g) {
    ojson x;
    x["unit"] = h.id(r.unit(g));
    x["indicator"] = a.indicators[static_cast<std::size_t>(r.indicator(g))];
    x["period"] = a.periods[static_cast<std::size_t>(r.period(g))];
    // Σ as JSON numbers when they fit in int64, as decimal strings otherwise (never rounded).
    if (r.fits_int64(g)) {
      x["numerator"] = r.numerator(g);
      x["denominator"] = r.denominator(g);
    } else {
      x["numerator"] = r.numerator_big(g).str();
      x["denominator"] = r.denominator_big(g).str();
    }
    x["rows"] = r.rows(g);
    x["ratio"] = r.has_ratio(g) ? ojson(r.ratio(g).to_string()) : ojson(nullptr);
    x["ratio_percent"] = r.has_ratio(g) ? ojson(format_percent(r.ratio(g), 2)) : ojson(nullptr);
    j["groups"].push_back(std::move(x));
  }
  j["dropped_units"] = ojson::array();
  for (const auto& d : r.dropped_units())
    j["dropped_units"].push_back({{"unit", h.id(d.unit)},
                                  {"reason", std::string(to_string(d.reason))},
                                  {"rows", d.rows},
                                  {"numerator", d.numerator.str()},
                                  {"denominator", d.denominator.str()}});
  j["rows_used"] = r.rows_used();
  j["rows_dropped"] = r.rows_dropped();
  j["errors"] = static_cast<std::size_t>(std::count_if(a.diagnostics.begin(), a.diagnostics.end(),
                                                       [](const Diagnostic& d) { return d.severity == Severity::error; }));
  return j;
}

}  // namespace da06::inline v1::detail::json

namespace da06::inline v1 {
std::string to_json(const NamedAggregate& a, int indent) { return detail::json::value(a).dump(indent); }
}  // namespace da06::inline v1
