// JSON of the analysis (analysis.hpp): target evaluations, pace, and the document of
// `da06 indicators --json` (fields in docs/analysis.md).
#include "writer.hpp"

#include "da06/analysis.hpp"
#include "da06/json.hpp"

#include <cmath>

namespace da06::inline v1::detail::json {

namespace {

ojson opt_double(const std::optional<double>& v) { return v && std::isfinite(*v) ? ojson(*v) : ojson(nullptr); }

/// A BigInt as a JSON integer when it fits in int64, else as a decimal string.
ojson big(const BigInt& v) {
  if (detail::fits_i64(v)) return ojson(v.convert_to<std::int64_t>());
  return ojson(v.str());
}

ojson bands(const PaceBands& b) {
  return {{"on_track", b.on_track}, {"acceleration_needed", b.acceleration}, {"limited_progress", b.limited}};
}

}  // namespace

ojson value(const Pace& p) {
  ojson j;
  j["class"] = to_string(p.cls);
  j["reason"] = p.reason;
  j["method"] = to_string(p.method);
  j["bands"] = bands(p.bands);
  ojson in;
  in["base"] = p.base_date ? ojson{{"date", format_iso_date(*p.base_date)}, {"value", *p.base_value}} : ojson(nullptr);
  in["current"] =
      p.current_date ? ojson{{"date", format_iso_date(*p.current_date)}, {"value", *p.current_value}} : ojson(nullptr);
  in["target"] = {{"value", opt_double(p.target_value)}, {"date", date(p.target_date)}};
  in["direction"] = p.direction;
  in["days_per_year"] = p.days_per_year;
  in["half_life_years"] = p.half_life_years;
  ojson pts = ojson::array();
  for (const PacePoint& pt : p.points)
    pts.push_back({{"observation", pt.observation},
                   {"date", format_iso_date(pt.date)},
                   {"t", pt.t},
                   {"y", pt.y},
                   {"weight", pt.weight}});
  in["points"] = std::move(pts);
  j["inputs"] = std::move(in);
  j["observed_rate_per_year"] = opt_double(p.observed_rate_per_year);
  j["required_rate_per_year"] = opt_double(p.required_rate_per_year);
  j["cagr_observed"] = opt_double(p.cagr_observed);
  j["cagr_required"] = opt_double(p.cagr_required);
  j["ratio"] = opt_double(p.ratio);
  ojson pr;
  pr["origin"] = date(p.base_date);
  pr["intercept"] = p.fit ? ojson(p.fit->intercept) : ojson(nullptr);
  pr["slope_per_year"] = p.fit ? ojson(p.fit->slope) : ojson(nullptr);
  pr["value_at_deadline"] = opt_double(p.projected_at_deadline);
  pr["attainment_date"] = date(p.projected_attainment);
  pr["note"] = text_or_null(p.projection_note);
  j["projection"] = std::move(pr);
  return j;
}

/// The fields every observation shows (a target's current observation, or an observation of the document).
ojson observation_core(const Observation& o, const Indicator* ind, const std::optional<Date>& reference,
                       const std::optional<Ratio>& v) {
  ojson j;
  j["id"] = o.id;
  j["indicator"] = o.indicator;
  j["unit"] = o.unit;
  j["period"] = text_or_null(o.period);
  j["as_of"] = date(o.as_of);
  j["reference_date"] = date(reference);
  j["service"] = text_or_null(o.service);
  j["numerator"] = o.numerator ? ojson(*o.numerator) : ojson(nullptr);
  j["denominator"] = o.denominator ? ojson(*o.denominator) : ojson(nullptr);
  if (const auto* i = std::get_if<std::int64_t>(&o.value)) j["value_text"] = std::to_string(*i);
  else if (const auto* t = std::get_if<DecimalText>(&o.value)) j["value_text"] = t->text;
  else if (const auto* b = std::get_if<bool>(&o.value)) j["value_text"] = *b ? "true" : "false";
  else j["value_text"] = nullptr;
  j["factor"] = ind ? ojson(ind->factor) : ojson(nullptr);
  if (v && ind) {
    j["value"] = {{"exact", exact_string(*v)},
                  {"rounded", rounded_value(*v, *ind).to_string()},
                  {"display", format_value(*v, *ind)},
                  {"decimals", ind->decimals},
                  {"rounding", ind->rounding}};
  } else {
    j["value"] = nullptr;
  }
  j["published"] = text_or_null(o.published);
  j["published_value"] = text_or_null(o.published_value);
  j["qualifier"] = text_or_null(o.qualifier);
  auto df = derived_from(o);
  j["derived_from"] = df ? ojson(*df) : ojson(nullptr);
  j["source"] = {{"document", o.source.document}, {"line", o.source.line}};
  return j;
}

ojson value(const TargetEvaluation& e, const Framework& fw) {
  const Indicator* ind = fw.find_indicator(e.indicator);
  ojson j;
  j["id"] = e.target;
  j["indicator"] = e.indicator;
  j["indicator_name"] = ind ? ojson(ind->name) : ojson(nullptr);
  j["task"] = text_or_null(e.task);
  j["published"] = e.published;
  ojson levels = ojson::array();
  for (Level l : e.scope_levels) levels.push_back(std::string(to_string(l)));
  j["scope"] = {{"unit", text_or_null(e.scope_unit)}, {"levels", levels}, {"matched_unit", text_or_null(e.matched_unit)}};
  j["target"] = {{"comparator", std::string(to_string(e.comparator))},
                 {"threshold", e.threshold.threshold.to_string()},
                 {"milestone", e.threshold.milestone},
                 {"threshold_from", date(e.threshold.from)},
                 {"threshold_at_deadline", e.threshold_at_deadline.to_string()},
                 {"of", e.of ? ojson(*e.of) : ojson(nullptr)},
                 {"effective", date(e.effective)},
                 {"in_force", e.in_force},
                 {"deadline", date(e.deadline)}};
  j["status"] = to_string(e.status);
  j["met"] = e.status == TargetStatus::no_data ? ojson(nullptr) : ojson(e.status == TargetStatus::met);
  j["reason"] = text_or_null(e.reason);
  if (e.current) {
    auto v = ind ? observation_value(*e.current, *ind) : std::nullopt;
    j["observation"] = observation_core(*e.current, ind, reference_date(*e.current, fw), v);
  } else {
    j["observation"] = nullptr;
  }
  j["observation_date"] = date(e.current_date);
  j["value"] = e.value ? ojson{{"exact", exact_string(*e.value)}, {"display", e.value_display}} : ojson(nullptr);
  j["gap"] = e.gap ? ojson{{"exact", exact_string(*e.gap)}, {"display", e.gap_display}, {"unit", e.gap_unit}}
                   : ojson(nullptr);
  j["gap_pp"] = e.gap && e.gap_unit == "pp" ? ojson(exact_string(*e.gap)) : ojson(nullptr);
  j["attainment"] = e.attainment ? ojson{{"exact", exact_string(*e.attainment)},
                                         {"display", format_percent(*e.attainment, 2, Rounding::half_up)}}
                                 : ojson(nullptr);
  j["needed"] = e.needed.count ? big(*e.needed.count) : ojson(nullptr);
  j["needed_detail"] = {{"computable", e.needed.computable},
                        {"reachable", e.needed.reachable},
                        {"action", std::string(to_string(e.needed.action))},
                        {"explanation", text_or_null(e.needed.explanation)}};
  j["denominator"] = e.denominator ? ojson(std::string(to_string(*e.denominator))) : ojson(nullptr);
  j["workdays_left"] = e.workdays_left ? ojson(*e.workdays_left) : ojson(nullptr);
  j["pace"] = value(e.pace);
  j["notes"] = e.notes;
  return j;
}

ojson value(const IndicatorsSummary& s) {
  ojson pc = ojson::object();
  for (PaceClass c : {PaceClass::achieved, PaceClass::on_track, PaceClass::acceleration_needed, PaceClass::limited_progress,
                      PaceClass::deterioration, PaceClass::insufficient_data})
    pc[std::string(to_string(c))] = s.pace[static_cast<std::size_t>(c)];
  return {{"observations", s.observations},
          {"derived_observations", s.derived_observations},
          {"targets", s.targets},
          {"met", s.met},
          {"not_met", s.not_met},
          {"no_data", s.no_data},
          {"pace", std::move(pc)}};
}

ojson targets(const IndicatorsReport& r) {
  ojson ts = ojson::array();
  for (const auto& e : r.targets) ts.push_back(value(e, r.framework));
  return ts;
}

ojson value(const IndicatorsReport& r) {
  const AnalysisOptions& opt = r.options;
  ojson j;
  j["framework"] = r.framework.id();
  j["as_of"] = format_iso_date(r.as_of);
  j["calendar"] = r.calendar;
  j["provisional_years"] = r.provisional_years;
  j["options"] = {{"pace_method", std::string(to_string(opt.pace.method))},
                  {"bands", bands(opt.pace.bands)},
                  {"half_life_years", opt.pace.half_life_years},
                  {"days_per_year", opt.pace.days_per_year},
                  {"use_derived", opt.use_derived}};
  j["summary"] = value(r.summary);
  j["problems"] = r.problems;
  ojson arr = ojson::array();
  for (const ObservationAnalysis& a : r.observations) {
    const Observation& o = a.observation;
    const Indicator* ind = r.framework.find_indicator(o.indicator);
    ojson oj = observation_core(o, ind, a.reference_date, a.value);
    if (o.change) {
      ojson cj;
      cj["against"] = o.change->against;
      cj["delta"] = o.change->delta;
      cj["of"] = o.change->of;
      cj["published"] = o.change->published;
      cj["earlier_observation"] = a.earlier_observation ? ojson(*a.earlier_observation) : ojson(nullptr);
      cj["change_pp"] = a.change_pp ? ojson(exact_string(*a.change_pp)) : ojson(nullptr);
      cj["change_pp_reason"] = text_or_null(a.change_pp_reason);
      oj["change"] = std::move(cj);
    } else {
      oj["change"] = nullptr;
    }
    oj["current_for_targets"] = a.current_for_targets.empty() ? ojson::array() : ojson(a.current_for_targets);
    arr.push_back(std::move(oj));
  }
  j["observations"] = std::move(arr);
  j["targets"] = targets(r);
  return j;
}

}  // namespace da06::inline v1::detail::json

namespace da06::inline v1 {
std::string to_json(const IndicatorsReport& r, int indent) { return detail::json::value(r).dump(indent); }
std::string to_json(const Pace& p, int indent) { return detail::json::value(p).dump(indent); }
}  // namespace da06::inline v1
