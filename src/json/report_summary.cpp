// JSON of the report's summary (report_summary.hpp): the "summary" member of `da06 report --json` and
// of the C ABI's da06_report_json (fields in docs/reports.md). Exact numbers are strings ("p/q").
#include "audit.hpp"
#include "writer.hpp"

#include "da06/json.hpp"
#include "da06/report_summary.hpp"

namespace da06::inline v1::detail::json {

namespace {

ojson status_counts(const std::array<int, status_count>& a) {
  ojson j = ojson::object();
  for (Status st : status_display_order) j[std::string(to_string(st))] = a[static_cast<std::size_t>(st)];
  return j;
}

ojson task(const SummaryTask& t) {
  return {{"task", t.task},
          {"number", t.number},
          {"group", t.group},
          {"group_number", t.group_number},
          {"title", t.title},
          {"lead", t.lead},
          {"deadline_text", t.deadline_text},
          {"status", std::string(to_string(t.status))},
          {"due", date(t.due)},
          {"effective_due", date(t.effective_due)},
          {"workdays_late", t.workdays_late},
          {"workdays_left", t.workdays_left ? ojson(*t.workdays_left) : ojson(nullptr)}};
}

ojson tasks(const std::vector<SummaryTask>& v) {
  ojson a = ojson::array();
  for (const SummaryTask& t : v) a.push_back(task(t));
  return a;
}

ojson target(const SummaryTarget& t) {
  return {{"target", t.target},
          {"indicator", t.indicator},
          {"indicator_name", t.indicator_name},
          {"task", text_or_null(t.task)},
          {"unit", t.unit},
          {"percent", t.percent},
          {"status", std::string(to_string(t.status))},
          {"comparator", std::string(to_string(t.comparator))},
          {"threshold", t.threshold.to_string()},
          {"threshold_display", t.threshold_display},
          {"value", t.value ? ojson{{"exact", exact_string(*t.value)}, {"display", t.value_display}} : ojson(nullptr)},
          {"gap", t.gap ? ojson{{"exact", exact_string(*t.gap)}, {"display", t.gap_display}, {"unit", t.gap_unit}}
                        : ojson(nullptr)},
          {"needed", t.needed ? ojson(t.needed->str()) : ojson(nullptr)},
          {"needed_action", std::string(to_string(t.needed_action))},
          {"needed_display", t.needed_display},
          {"deadline", date(t.deadline)},
          {"workdays_left", t.workdays_left ? ojson(*t.workdays_left) : ojson(nullptr)},
          {"pace", std::string(to_string(t.pace))}};
}

}  // namespace

ojson value(const ReportSummary& s) {
  ojson j;
  j["as_of"] = date(s.as_of);
  if (s.has_status) {
    ojson claims = ojson::array();
    for (const ClaimComparison& c : s.claims)
      claims.push_back({{"claim", c.claim},
                        {"published", c.published},
                        {"claimed", c.claimed},
                        {"ours", c.ours ? ojson(*c.ours) : ojson(nullptr)},
                        {"difference", c.difference ? ojson(*c.difference) : ojson(nullptr)}});
    ojson groups = ojson::array();
    for (const GroupStatusCounts& g : s.by_group)
      groups.push_back({{"group", g.group}, {"number", g.number}, {"title", g.title}, {"total", g.total},
                        {"by_status", status_counts(g.by_status)}});
    j["tasks"] = {{"total", s.total_tasks},
                  {"by_status", status_counts(s.by_status)},
                  {"claims", std::move(claims)},
                  {"overdue", tasks(s.overdue)},
                  {"due_soon", tasks(s.due_soon)},
                  {"past_due_open", tasks(s.past_due_open)},
                  {"by_group", std::move(groups)}};
  } else {
    j["tasks"] = nullptr;
  }
  if (s.has_targets) {
    ojson list = ojson::array();
    for (const SummaryTarget& t : s.targets) list.push_back(target(t));
    j["targets"] = {{"met", s.targets_met},
                    {"not_met", s.targets_not_met},
                    {"no_data", s.targets_no_data},
                    {"list", std::move(list)}};
  } else {
    j["targets"] = nullptr;
  }
  j["audit"] = {{"findings", s.audit_findings}, {"counts", value(s.audit)}};
  if (s.index) {
    const SummaryIndex& ix = *s.index;
    ojson groups = ojson::array();
    for (const SummaryIndexGroup& g : ix.groups)
      groups.push_back({{"code", g.code}, {"name_vi", g.name_vi}, {"points", g.points}, {"max_points", g.max_points}});
    j["index"] = {{"unit", ix.unit},           {"period", ix.period}, {"rules_version", ix.rules_version},
                  {"decimals", ix.decimals},   {"total", ix.total},   {"max_total", ix.max_total},
                  {"rank", ix.rank == 0 ? ojson(nullptr) : ojson(ix.rank)}, {"groups", std::move(groups)}};
  } else {
    j["index"] = nullptr;
  }
  return j;
}

}  // namespace da06::inline v1::detail::json

namespace da06::inline v1 {
std::string to_json(const ReportSummary& s, int indent) { return detail::json::value(s).dump(indent); }
}  // namespace da06::inline v1
