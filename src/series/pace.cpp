// Pace over the series: every target of the latest report evaluated by the analysis engine on the
// observations of every report (one point per date), each point traced to its report, and the monthly
// rate still needed, from the as-of date, to reach the target on its deadline.
#include "series_internal.hpp"

#include <map>

namespace da06::inline v1 {

std::vector<SeriesTargetPace> Series::pace(std::optional<Date> as_of) const {
  const Impl& s = *p_;
  const std::size_t last = s.reports.size() - 1;
  const Date when = as_of ? *as_of : s.dates[last];
  Framework fw = merged(last);
  // merged() names another report's observation "<framework id>:<observation id>".
  std::map<std::string, PacePointSource> origin;
  for (const SeriesObservation& so : s.observations) {
    std::size_t r = so.printed_in.front().first;
    if (r > last) continue;
    const std::string& fid = s.reports[r].id();
    std::string id = r == last ? so.observation.id : fid + ":" + so.observation.id;
    origin[id] = PacePointSource{fid, so.observation.id, so.reference_date.value_or(s.dates[r])};
  }
  std::vector<SeriesTargetPace> out;
  for (TargetEvaluation& e : evaluate_targets(fw, when, s.calendar, s.options.analysis)) {
    SeriesTargetPace p;
    for (const PacePoint& pt : e.pace.points) {
      auto it = origin.find(pt.observation);
      if (it != origin.end()) p.sources.push_back(PacePointSource{it->second.report, it->second.observation, pt.date});
      else p.sources.push_back(PacePointSource{fw.id(), pt.observation, pt.date});  // a derived earlier figure
    }
    const Pace& pc = e.pace;
    if (pc.cls != PaceClass::achieved && pc.current_value && pc.target_value && e.deadline && *e.deadline > when) {
      const double month = pc.days_per_year / 12.0;
      const double months = static_cast<double>((*e.deadline - when).days()) / month;
      p.needed_per_month = (*pc.target_value - *pc.current_value) / months;
    }
    p.evaluation = std::move(e);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace da06::inline v1
