// JSON of the report (report.hpp): the document of `da06 report --json` and of the C ABI's
// da06_report_json (fields in docs/cli.md). It composes the other writers.
#include "audit.hpp"
#include "writer.hpp"

#include "da06/json.hpp"
#include "da06/report.hpp"

namespace da06::inline v1::detail::json {

ojson value(const TaskStatus& s);
ojson value(const StatusSummary& s);
ojson value(const IndicatorsSummary& s);
ojson targets(const IndicatorsReport& r);
ojson value(const ReportSummary& s);

ojson value(const Report& r) {
  const FrameworkData& d = r.framework.data();
  const RecordCounts& c = r.counts;
  ojson j;
  j["summary"] = value(r.summary);
  j["framework"] = {{"id", d.id}, {"title", d.title}, {"province", d.province}};
  j["plan"] = {{"number", d.plan.number}, {"date", format_iso_date(d.plan.date)}, {"title", d.plan.title}};
  j["report"] = {{"number", d.report.number}, {"date", format_iso_date(d.report.date)}, {"issuer", d.report.issuer}};
  j["period"] = {{"code", d.period.code}, {"text", d.period.text}};
  j["as_of"] = date(r.as_of);
  j["counts"] = {{"tasks", c.tasks},           {"task_groups", c.task_groups},
                 {"resolution_tasks", c.resolution_tasks}, {"services", c.services},
                 {"indicators", c.indicators}, {"observations", c.observations},
                 {"ratio_observations", c.ratio_observations}, {"totals", c.totals},
                 {"targets", c.targets},       {"units", c.units}};
  ojson groups = ojson::array();
  for (const auto& g : r.task_groups)
    groups.push_back({{"id", g.id}, {"number", g.number}, {"title", g.title}, {"declared_count", g.declared_count},
                      {"actual_count", g.actual_count}, {"matches", g.matches()}});
  j["task_groups"] = std::move(groups);
  ojson claims = ojson::array();
  for (const auto& cl : d.claims)
    claims.push_back({{"id", cl.id}, {"subject", cl.subject}, {"status", cl.status}, {"count", cl.count},
                      {"published", cl.published}});
  j["claims"] = std::move(claims);
  ojson gaps = ojson::array();
  for (const auto& g : d.gaps) gaps.push_back({{"id", g.id}, {"appendix", g.appendix}, {"rows", g.rows}, {"note", g.note}});
  j["gaps"] = std::move(gaps);
  if (r.task_status) {
    ojson attention = ojson::array();
    for (const TaskStatus& t : r.attention) attention.push_back(value(t));
    j["task_status"] = {{"due_soon_workdays", r.task_status->summary.due_soon_workdays},
                        {"provisional_years", r.task_status->provisional_years},
                        {"summary", value(r.task_status->summary)},
                        {"attention", std::move(attention)}};
  }
  if (r.indicators)
    j["indicators"] = {{"provisional_years", r.indicators->provisional_years},
                       {"summary", value(r.indicators->summary)},
                       {"targets", targets(*r.indicators)}};
  ojson audit = value(r.audit);
  j["audit"] = {{"counts", std::move(audit["counts"])}, {"findings", std::move(audit["findings"])}};
  return j;
}

}  // namespace da06::inline v1::detail::json

namespace da06::inline v1 {
std::string to_json(const Report& r, int indent) { return detail::json::value(r).dump(indent); }
}  // namespace da06::inline v1
