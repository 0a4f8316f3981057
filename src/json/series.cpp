// JSON of a series (series.hpp): the document of `da06 diff --json` and the series' pace.
#include "writer.hpp"

#include "da06/analysis.hpp"
#include "da06/series.hpp"

#include <cmath>

namespace da06::inline v1::detail::json {

ojson value(const Pace& p);  // src/json/analysis.cpp

namespace {

ojson big(const std::optional<BigInt>& v) {
  if (!v) return nullptr;
  if (detail::fits_i64(*v)) return ojson(v->convert_to<std::int64_t>());
  return ojson(v->str());
}

ojson value(const TaskMatch& m) {
  return {{"old_task", m.old_task},       {"new_task", m.new_task},   {"old_number", m.old_number},
          {"new_number", m.new_number},   {"old_group", m.old_group}, {"new_group", m.new_group},
          {"method", to_string(m.method)}, {"confidence", m.confidence}};
}

ojson value(const UnmatchedTask& u) {
  return {{"task", u.task},
          {"number", u.number},
          {"title", u.title},
          {"best_candidate", text_or_null(u.best_candidate)},
          {"best_score", u.best_score}};
}

ojson value(const TaskChange& c) {
  return {{"old_task", c.old_task},
          {"new_task", c.new_task},
          {"title", c.title},
          {"old_status", to_string(c.old_status)},
          {"new_status", to_string(c.new_status)},
          {"old_due", date(c.old_due)},
          {"new_due", date(c.new_due)}};
}

ojson value(const IndicatorMove& m) {
  ojson j;
  j["indicator"] = m.indicator;
  j["unit"] = m.unit;
  j["service"] = text_or_null(m.service);
  j["followed_from"] = m.followed_from;
  j["movement"] = to_string(m.movement);
  j["old"] = {{"observations", m.old_observations},
              {"date", date(m.old_date)},
              {"value", exact_string(m.old_value)},
              {"display", m.old_display}};
  j["new"] = {{"observation", m.new_observation},
              {"date", date(m.new_date)},
              {"value", exact_string(m.new_value)},
              {"display", m.new_display}};
  j["change"] = exact_string(m.change);
  j["change_unit"] = m.percentage_points ? "pp" : "value";
  j["change_approx"] = m.change.to_double();
  j["numerator_change"] = big(m.numerator_change);
  j["denominator_change"] = big(m.denominator_change);
  return j;
}

ojson value(const ObservationKey& k) {
  return {{"indicator", k.indicator}, {"unit", k.unit}, {"service", text_or_null(k.service)}, {"when", k.when}};
}

ojson value(const Revision& r) {
  ojson j = value(r.key);
  j["old_observation"] = r.old_observation;
  j["new_observation"] = r.new_observation;
  j["old_value"] = r.old_value;
  j["new_value"] = r.new_value;
  j["same_report"] = r.same_report;
  return j;
}

ojson value(const TargetChange& c) {
  return {{"target", c.target},
          {"indicator", c.indicator},
          {"shift", to_string(c.shift)},
          {"old_status", to_string(c.old_status)},
          {"new_status", to_string(c.new_status)},
          {"old_value", text_or_null(c.old_value)},
          {"new_value", text_or_null(c.new_value)},
          {"deadline", date(c.deadline)}};
}

ojson value(const UnitChange& u) {
  return {{"unit", u.unit},
          {"name", u.name},
          {"level", to_string(u.level)},
          {"reason", u.reason},
          {"successors", u.successors}};
}

ojson value(const ChangeCheck& c) {
  return {{"observation", c.observation},
          {"published", c.published},
          {"against", c.against},
          {"of", c.of},
          {"delta", c.delta},
          {"implied", c.implied},
          {"earlier_observation", c.earlier_observation},
          {"earlier_value", c.earlier_value},
          {"agrees", c.agrees},
          {"revised_to", text_or_null(c.revised_to)}};
}

template <class T>
ojson array(const std::vector<T>& v) {
  ojson a = ojson::array();
  for (const T& x : v) a.push_back(value(x));
  return a;
}

}  // namespace

ojson value(const SeriesDiff& d) {
  ojson j;
  j["old_report"] = d.old_report;
  j["new_report"] = d.new_report;
  j["old_as_of"] = format_iso_date(d.old_as_of);
  j["new_as_of"] = format_iso_date(d.new_as_of);
  j["tasks"] = {{"matches", array(d.tasks.matches)}, {"dropped", array(d.tasks.dropped)}, {"added", array(d.tasks.added)}};
  j["renumbered"] = array(d.renumbered);
  j["newly_done"] = array(d.newly_done);
  j["newly_overdue"] = array(d.newly_overdue);
  j["newly_waiting"] = array(d.newly_waiting);
  j["deadline_moved"] = array(d.deadline_moved);
  j["indicators"] = array(d.indicators);
  j["revisions"] = array(d.revisions);
  j["duplicates"] = d.duplicates;
  j["targets_newly_met"] = array(d.targets_newly_met);
  j["targets_newly_missed"] = array(d.targets_newly_missed);
  j["units_entered"] = array(d.units_entered);
  j["units_left"] = array(d.units_left);
  j["change_checks"] = array(d.change_checks);
  return j;
}

ojson value(const std::vector<SeriesTargetPace>& v) {
  ojson a = ojson::array();
  for (const SeriesTargetPace& p : v) {
    const TargetEvaluation& e = p.evaluation;
    ojson j;
    j["target"] = e.target;
    j["indicator"] = e.indicator;
    j["status"] = to_string(e.status);
    j["value"] = text_or_null(e.value_display);
    j["threshold_at_deadline"] = e.threshold_at_deadline.to_string();
    j["deadline"] = date(e.deadline);
    j["needed_per_month"] = p.needed_per_month && std::isfinite(*p.needed_per_month) ? ojson(*p.needed_per_month)
                                                                                      : ojson(nullptr);
    j["pace"] = value(e.pace);
    ojson src = ojson::array();
    for (const PacePointSource& s : p.sources)
      src.push_back({{"report", s.report}, {"observation", s.observation}, {"date", format_iso_date(s.date)}});
    j["sources"] = std::move(src);
    a.push_back(std::move(j));
  }
  return a;
}

}  // namespace da06::inline v1::detail::json

namespace da06::inline v1 {
std::string to_json(const SeriesDiff& d, int indent) { return detail::json::value(d).dump(indent); }
std::string to_json(const std::vector<SeriesTargetPace>& p, int indent) { return detail::json::value(p).dump(indent); }
}  // namespace da06::inline v1
