// JSON of task statuses (status.hpp): the document of `da06 tasks --json`, the report's task
// section and the C ABI's status JSON.
#include "writer.hpp"

#include "da06/json.hpp"
#include "da06/status.hpp"

namespace da06::inline v1::detail::json {

namespace {
ojson counts(const std::array<int, status_count>& a) {
  ojson j = ojson::object();
  for (std::size_t i = 0; i < status_count; ++i) j[std::string(to_string(static_cast<Status>(i)))] = a[i];
  return j;
}
}  // namespace

ojson value(const TaskStatus& s) {
  ojson t;
  t["task"] = s.task;
  t["number"] = s.number;
  t["group"] = s.group;
  t["status"] = std::string(to_string(s.status));
  t["due"] = date(s.due);
  t["effective_due"] = date(s.effective_due);
  t["start"] = date(s.start);
  t["recurrence"] = std::string(to_string(s.recurrence));
  t["workdays_left"] = s.workdays_left ? ojson(*s.workdays_left) : ojson(nullptr);
  t["past_due"] = s.past_due;
  t["past_due_not_done"] = s.past_due_not_done;
  ojson ph = ojson::array();
  for (const DecidingPhrase& p : s.deciding_phrases)
    ph.push_back(ojson{{"text", p.text}, {"field", p.field}, {"role", p.role}, {"begin", p.begin}, {"end", p.end}});
  t["deciding_phrases"] = std::move(ph);
  t["reason"] = s.reason;
  return t;
}

ojson value(const StatusSummary& sum) {
  ojson js;
  js["total"] = sum.total;
  js["by_status"] = counts(sum.by_status);
  ojson groups = ojson::array();
  for (const GroupStatusCounts& g : sum.by_group)
    groups.push_back(ojson{{"group", g.group}, {"number", g.number}, {"title", g.title}, {"total", g.total},
                           {"by_status", counts(g.by_status)}});
  js["by_group"] = std::move(groups);
  ojson claims = ojson::array();
  for (const ClaimComparison& c : sum.claims) {
    ojson st = ojson::array();
    for (Status x : c.statuses) st.push_back(std::string(to_string(x)));
    claims.push_back(ojson{{"claim", c.claim},
                           {"status", c.status},
                           {"published", c.published},
                           {"claimed", c.claimed},
                           {"statuses", std::move(st)},
                           {"ours", c.ours ? ojson(*c.ours) : ojson(nullptr)},
                           {"difference", c.difference ? ojson(*c.difference) : ojson(nullptr)}});
  }
  js["claims"] = std::move(claims);
  js["past_due_not_done"] = sum.past_due_not_done;
  js["overdue"] = sum.overdue;
  return js;
}

ojson value(const StatusReport& r) {
  ojson doc;
  doc["as_of"] = format_iso_date(r.summary.as_of);
  doc["due_soon_workdays"] = r.summary.due_soon_workdays;
  doc["provisional_years"] = r.provisional_years;
  ojson tasks = ojson::array();
  for (const TaskStatus& s : r.tasks) tasks.push_back(value(s));
  doc["tasks"] = std::move(tasks);
  doc["summary"] = value(r.summary);
  return doc;
}

}  // namespace da06::inline v1::detail::json

namespace da06::inline v1 {
std::string to_json(const StatusReport& r, int indent) { return detail::json::value(r).dump(indent); }
}  // namespace da06::inline v1
