// What changed between two reports of a series: tasks (through the task matching and the status
// engine), indicators (latest figure of each report, units followed through merges), revisions and
// repeated figures, targets (the analysis engine on the series up to each report), and units.
#include "series_internal.hpp"

#include "da06/error.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace da06::inline v1 {

std::string_view to_string(Movement m) {
  switch (m) {
    case Movement::up: return "up";
    case Movement::down: return "down";
    case Movement::same: return "same";
  }
  return "?";
}

std::string_view to_string(TargetShift s) {
  switch (s) {
    case TargetShift::newly_met: return "newly_met";
    case TargetShift::no_longer_met: return "no_longer_met";
    case TargetShift::deadline_passed: return "deadline_passed";
  }
  return "?";
}

namespace {

using detail::series::exact_figure;
using detail::series::is_done;
using detail::series::same_figure;

// --- 1. tasks ------------------------------------------------------------------------------------

void task_changes(SeriesDiff& d, const Framework& A, const Framework& B, Date a_date, Date b_date,
                  const Calendar& cal, const SeriesOptions& opt) {
  d.tasks = match_tasks(A, B, opt);
  std::map<std::string, TaskStatus> sa, sb;
  for (TaskStatus& s : classify_tasks(A, a_date, cal, opt.status)) sa.emplace(s.task, std::move(s));
  for (TaskStatus& s : classify_tasks(B, b_date, cal, opt.status)) sb.emplace(s.task, std::move(s));
  for (const TaskMatch& m : d.tasks.matches) {
    bool one_to_one = m.method == MatchMethod::number || m.method == MatchMethod::text || m.method == MatchMethod::pinned;
    if (one_to_one && m.old_number != m.new_number) d.renumbered.push_back(m);
    const TaskStatus& o = sa.at(m.old_task);
    const TaskStatus& n = sb.at(m.new_task);
    const Task* nt = B.find_task(m.new_task);
    TaskChange c{m.old_task, m.new_task, nt ? nt->title : std::string(), o.status, n.status, o.due, n.due};
    if (is_done(n.status) && !is_done(o.status)) d.newly_done.push_back(c);
    if (n.status == Status::overdue && o.status != Status::overdue) d.newly_overdue.push_back(c);
    if (n.status == Status::waiting && o.status != Status::waiting) d.newly_waiting.push_back(c);
    if (o.due != n.due) d.deadline_moved.push_back(c);
  }
}

// --- 2. indicators -------------------------------------------------------------------------------

struct Pick {
  const Observation* obs = nullptr;
  Date date;
  std::size_t order = 0;
};
/// At equal dates: a ratio beats a printed value, an unqualified figure a qualified one, then file order.
bool better(const Observation& x, std::size_t xo, const Observation& y, std::size_t yo) {
  if (x.is_ratio() != y.is_ratio()) return x.is_ratio();
  if (x.qualifier.empty() != y.qualifier.empty()) return x.qualifier.empty();
  return xo < yo;
}

using SeriesKey = std::tuple<std::string, std::string, std::string>;  // indicator, unit, service

/// The latest figure of each (indicator, unit, service) of a report, with a numeric value.
std::map<SeriesKey, Pick> latest(const Framework& fw) {
  std::map<SeriesKey, Pick> out;
  const auto& obs = fw.observations();
  for (std::size_t k = 0; k < obs.size(); ++k) {
    const Observation& o = obs[k];
    const Indicator* ind = fw.find_indicator(o.indicator);
    if (!ind || !observation_value(o, *ind)) continue;
    auto d = reference_date(o, fw);
    if (!d) continue;
    SeriesKey key{o.indicator, o.unit, o.service};
    auto it = out.find(key);
    if (it == out.end()) out.emplace(key, Pick{&o, *d, k});
    else if (*d > it->second.date || (*d == it->second.date && better(o, k, *it->second.obs, it->second.order)))
      it->second = Pick{&o, *d, k};
  }
  return out;
}

/// The unit of the earlier report that `u` is compared as: itself while the later report knows it on
/// the date; else the single unit the mapping merged it into (a split is not followed: nothing).
std::optional<std::string> followed(const std::string& u, const Framework& B, Date b_date, const UnitMapping& m) {
  const OrgUnit* nu = B.find_unit(u);
  if (nu && nu->valid_on(b_date)) return u;
  if (const auto* t = m.targets(u); t && t->size() == 1) return t->front().new_id;
  if (!nu) return u;  // a unit the later report does not list: compared by id, as printed
  return std::nullopt;
}

void indicator_moves(SeriesDiff& d, const Framework& A, const Framework& B, Date b_date, const UnitMapping& m) {
  auto la = latest(A), lb = latest(B);
  // The earlier figures grouped under the unit they are followed into.
  std::map<SeriesKey, std::vector<Pick>> groups;
  for (const auto& [k, p] : la) {
    auto u = followed(std::get<1>(k), B, b_date, m);
    if (!u) continue;
    groups[SeriesKey{std::get<0>(k), *u, std::get<2>(k)}].push_back(p);
  }
  std::vector<std::pair<std::size_t, IndicatorMove>> moves;
  for (const auto& [k, pn] : lb) {
    auto g = groups.find(k);
    if (g == groups.end()) continue;
    const Indicator* ind = B.find_indicator(std::get<0>(k));
    if (!ind) continue;
    IndicatorMove mv;
    mv.indicator = std::get<0>(k);
    mv.unit = std::get<1>(k);
    mv.service = std::get<2>(k);
    Observation old;
    Date old_date = g->second.front().date;
    if (g->second.size() == 1) {
      old = *g->second.front().obs;
      if (old.unit != mv.unit) mv.followed_from.push_back(old.unit);
    } else {
      // Merged units: Σ numerator / Σ denominator of their latest figures (both needed).
      std::int64_t num = 0, den = 0;
      bool ok = true;
      for (const Pick& p : g->second) {
        if (!p.obs->is_ratio()) ok = false;
        else num += *p.obs->numerator, den += *p.obs->denominator;
        old_date = std::max(old_date, p.date);
        mv.followed_from.push_back(p.obs->unit);
      }
      if (!ok || den == 0) continue;  // printed percentages of several units cannot be summed
      old = *g->second.front().obs;
      old.unit = mv.unit;
      old.numerator = num;
      old.denominator = den;
      old.value = std::monostate{};
    }
    if (!(pn.date > old_date)) continue;  // the later report has no newer figure
    for (const Pick& p : g->second) mv.old_observations.push_back(p.obs->id);
    const Observation& nw = *pn.obs;
    auto ov = observation_value(old, *ind);
    auto nv = observation_value(nw, *ind);
    if (!ov || !nv) continue;
    ValueChange vc = change_between(old, nw, *ind);
    mv.new_observation = nw.id;
    mv.old_date = old_date;
    mv.new_date = pn.date;
    mv.old_value = *ov;
    mv.new_value = *nv;
    mv.change = *nv - *ov;
    mv.percentage_points = is_percentage(*ind);
    mv.numerator_change = vc.numerator;
    mv.denominator_change = vc.denominator;
    mv.old_display = format_value(*ov, *ind);
    mv.new_display = format_value(*nv, *ind);
    int s = mv.change.sign();
    mv.movement = s > 0 ? Movement::up : s < 0 ? Movement::down : Movement::same;
    bool counts_moved = (vc.numerator && !vc.numerator->is_zero()) || (vc.denominator && !vc.denominator->is_zero());
    if (s == 0 && !counts_moved) continue;
    moves.emplace_back(pn.order, std::move(mv));
  }
  std::stable_sort(moves.begin(), moves.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (auto& [o, mv] : moves) d.indicators.push_back(std::move(mv));
}

// --- 3. revisions and repeated figures -----------------------------------------------------------

void pair_revisions(SeriesDiff& d, const Framework& A, const Framework& B, std::size_t ia, std::size_t ib) {
  std::map<ObservationKey, std::vector<const Observation*>> ka;
  for (const Observation& o : A.observations()) ka[key_of(o)].push_back(&o);
  for (const Observation& o : B.observations()) {
    auto it = ka.find(key_of(o));
    if (it == ka.end()) continue;
    bool same = std::any_of(it->second.begin(), it->second.end(), [&](const Observation* p) { return same_figure(*p, o); });
    if (same) {
      ++d.duplicates;
      continue;
    }
    const Observation& old = *it->second.front();
    d.revisions.push_back(Revision{it->first, ia, ib, old.id, o.id, exact_figure(old), exact_figure(o), false});
  }
}

// --- 4. targets ----------------------------------------------------------------------------------

void target_changes(SeriesDiff& d, const std::vector<TargetEvaluation>& ea, const std::vector<TargetEvaluation>& eb,
                    Date a_date, Date b_date) {
  std::map<std::string, const TargetEvaluation*> old;
  for (const auto& e : ea) old.emplace(e.target, &e);
  for (const auto& n : eb) {
    auto it = old.find(n.target);
    if (it == old.end()) continue;
    const TargetEvaluation& o = *it->second;
    TargetChange c{n.target, n.indicator, TargetShift::newly_met, o.status, n.status, o.value_display, n.value_display,
                   n.deadline};
    if (n.status == TargetStatus::met && o.status != TargetStatus::met) {
      d.targets_newly_met.push_back(c);
    } else if (n.status == TargetStatus::not_met) {
      if (o.status == TargetStatus::met) {
        c.shift = TargetShift::no_longer_met;
        d.targets_newly_missed.push_back(c);
      } else if (n.deadline && a_date < *n.deadline && *n.deadline <= b_date) {
        c.shift = TargetShift::deadline_passed;
        d.targets_newly_missed.push_back(c);
      }
    }
  }
}

// --- 5. units ------------------------------------------------------------------------------------

void unit_changes(SeriesDiff& d, const Framework& A, const Framework& B, Date a_date, Date b_date, const UnitMapping& m) {
  for (const OrgUnit& u : A.units()) {
    if (!u.valid_on(a_date)) continue;
    const OrgUnit* v = B.find_unit(u.id);
    if (v && v->valid_on(b_date)) continue;
    UnitChange c{u.id, u.name, u.level, {}, {}};
    if (!v) c.reason = "absent from the later report's units";
    else if (v->valid_to && *v->valid_to < b_date) c.reason = "ended " + format_iso_date(*v->valid_to);
    else c.reason = "not valid on " + format_iso_date(b_date);
    if (const auto* t = m.targets(u.id))
      for (const auto& x : *t) c.successors.push_back(x.new_id);
    d.units_left.push_back(std::move(c));
  }
  for (const OrgUnit& v : B.units()) {
    if (!v.valid_on(b_date)) continue;
    const OrgUnit* u = A.find_unit(v.id);
    if (u && u->valid_on(a_date)) continue;
    UnitChange c{v.id, v.name, v.level, {}, {}};
    if (!u) c.reason = "absent from the earlier report's units";
    else if (v.valid_from && a_date < *v.valid_from) c.reason = "valid from " + format_iso_date(*v.valid_from);
    else c.reason = "not valid on " + format_iso_date(a_date);
    d.units_entered.push_back(std::move(c));
  }
}

}  // namespace

SeriesDiff Series::diff(std::size_t a, std::size_t b, std::optional<Date> as_of) const {
  if (!(a < b)) throw InvalidArgument("series diff: the earlier report's index (" + std::to_string(a) +
                                      ") must be below the later one's (" + std::to_string(b) + ")");
  const Framework& A = report(a);
  const Framework& B = report(b);
  const Impl& s = *p_;
  SeriesDiff d;
  d.old_report = A.id();
  d.new_report = B.id();
  d.old_as_of = s.dates[a];
  d.new_as_of = as_of ? *as_of : s.dates[b];
  if (d.new_as_of < d.old_as_of)
    throw InvalidArgument("series diff: as-of " + format_iso_date(d.new_as_of) + " is before the earlier report's date " +
                          format_iso_date(d.old_as_of));
  task_changes(d, A, B, d.old_as_of, d.new_as_of, s.calendar, s.options);
  indicator_moves(d, A, B, d.new_as_of, s.options.mapping);
  pair_revisions(d, A, B, a, b);
  target_changes(d, evaluate_targets(merged(a), d.old_as_of, s.calendar, s.options.analysis),
                 evaluate_targets(merged(b), d.new_as_of, s.calendar, s.options.analysis), d.old_as_of, d.new_as_of);
  unit_changes(d, A, B, d.old_as_of, d.new_as_of, s.options.mapping);
  d.change_checks = check_changes(A, B);
  return d;
}

}  // namespace da06::inline v1
