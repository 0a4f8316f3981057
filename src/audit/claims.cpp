// The audit's claims and task counts: group headers against their rows, the report's counts about
// itself against the data, and its claimed numbers of tasks per status against the task-status
// engine's classification (status.hpp; docs/audit.md).
#include "audit_internal.hpp"

#include "da06/status.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <map>

namespace da06::inline v1::detail::audit {

void check_group_counts(Auditor& a) {
  for (const auto& g : a.d.task_groups) {
    if (g.declared_count == 0 && g.published.empty()) continue;  // nothing declared
    int actual = a.fw.task_count_in_group(g.id);
    if (actual == g.declared_count) continue;
    Finding f;
    f.id = "group_count/" + g.id;
    f.check = AuditCheck::group_count;
    f.severity = AuditSeverity::error;
    f.message = "group " + g.number + " declares " + std::to_string(g.declared_count) + " tasks but has " +
                std::to_string(actual) + " rows";
    f.published = g.published;
    f.values = {{"declared", std::to_string(g.declared_count)}, {"rows", std::to_string(actual)}};
    f.records = {g.id};
    f.source = g.source;
    a.add(std::move(f));
  }
}

namespace {

/// A claimed number of tasks in a state ("54 nhiệm vụ đã hoàn thành …"), as opposed to the planned total.
bool is_status_claim(const Claim& c) { return c.subject == "tasks" && !c.status.empty() && c.status != "planned"; }

}  // namespace

void check_claims(Auditor& a) {
  std::int64_t planned = -1;
  std::int64_t status_sum = 0;
  std::vector<const Claim*> status_claims;
  for (const auto& c : a.d.claims) {
    std::int64_t actual = 0;
    std::string what;
    if (is_status_claim(c)) {
      status_claims.push_back(&c);
      status_sum += c.count;
      continue;
    } else if (c.subject == "tasks") {
      actual = static_cast<std::int64_t>(a.d.tasks.size());
      what = "tasks";
      planned = c.count;
    } else if (c.subject == "task_groups") {
      actual = static_cast<std::int64_t>(a.d.task_groups.size());
      what = "task groups";
    } else if (c.subject == "resolution_tasks" && (c.status.empty() || c.status == "planned")) {
      actual = static_cast<std::int64_t>(a.d.resolution_tasks.size());
      what = "resolution tasks";
    } else {
      continue;
    }
    if (actual == c.count) continue;
    Finding f;
    f.id = "claim/" + c.id;
    f.check = AuditCheck::claim;
    f.severity = AuditSeverity::error;
    f.message = "the report claims " + std::to_string(c.count) + " " + what + " but the data has " + std::to_string(actual);
    f.published = c.published;
    f.values = {{"claimed", std::to_string(c.count)}, {"actual", std::to_string(actual)}};
    f.records = {c.id};
    f.source = c.source;
    a.add(std::move(f));
  }
  if (status_claims.empty() || planned < 0 || status_sum <= planned) return;
  Finding f;
  f.id = "claim/" + status_claims.front()->id + "+sum";
  f.check = AuditCheck::claim;
  f.severity = AuditSeverity::error;
  f.message = "the tasks claimed per status add up to " + std::to_string(status_sum) + ", more than the " +
              std::to_string(planned) + " tasks planned";
  f.published = status_claims.front()->published;
  f.values = {{"claimed_sum", std::to_string(status_sum)}, {"planned", std::to_string(planned)}};
  for (const auto* c : status_claims) f.records.push_back(c->id);
  f.source = status_claims.front()->source;
  for (std::size_t i = 1; i < status_claims.size(); ++i) f.related.push_back(status_claims[i]->source);
  a.add(std::move(f));
}

namespace {

/// The tasks per claimed status, as the task-status engine classifies them.
struct ClassifiedClaims {
  TaskStatusCounts counts;                  ///< claimed status → tasks in the statuses it maps to
  std::map<std::string, std::string> tasks;  ///< claimed status → those tasks' ids, comma-separated
};

/// The task-status engine's reading (task_status_report with the options' calendar): for each claim
/// of the framework that maps to our statuses, how many tasks are in them, and which.
ClassifiedClaims classify_claims(const Framework& fw, Date as_of, const Calendar& calendar) {
  StatusReport st = task_status_report(fw, as_of, calendar);
  ClassifiedClaims out;
  for (const ClaimComparison& c : st.summary.claims) {
    if (!c.ours) continue;
    out.counts[c.status] = *c.ours;
    std::string ids;
    for (const TaskStatus& t : st.tasks)
      if (std::find(c.statuses.begin(), c.statuses.end(), t.status) != c.statuses.end())
        ids += (ids.empty() ? "" : ",") + t.task;
    out.tasks[c.status] = ids;
  }
  return out;
}

/// The date the task states are read at: the options', else the report's, else today.
Date status_date(const Auditor& a) {
  if (a.opt.as_of) return *a.opt.as_of;
  if (a.d.report.date) return *a.d.report.date;
  return boost::gregorian::day_clock::local_day();
}

}  // namespace

void check_claim_status(Auditor& a) {
  std::vector<const Claim*> status_claims;
  for (const auto& c : a.d.claims)
    if (is_status_claim(c)) status_claims.push_back(&c);
  if (status_claims.empty()) return;
  ClassifiedClaims classified;
  if (a.opt.task_status_counts)
    classified.counts = a.opt.task_status_counts(a.fw, status_date(a));
  else
    classified = classify_claims(a.fw, status_date(a), a.opt.calendar);
  for (const auto* c : status_claims) {
    auto it = classified.counts.find(c->status);
    if (it == classified.counts.end()) continue;  // a status the classifier does not know: nothing to compare
    if (it->second == c->count) continue;
    Finding f;
    f.id = "claim_status/" + c->id;
    f.check = AuditCheck::claim_status;
    // A warning: the states are read from free-text progress columns (docs/task-status.md).
    f.severity = AuditSeverity::warning;
    f.message = "the report claims " + std::to_string(c->count) + " tasks " + c->status +
                " but the tasks' progress texts and deadlines give " + std::to_string(it->second);
    f.published = c->published;
    f.values = {{"claimed", std::to_string(c->count)}, {"classified", std::to_string(it->second)}};
    if (auto ids = classified.tasks.find(c->status); ids != classified.tasks.end()) f.values.push_back({"tasks", ids->second});
    f.records = {c->id};
    f.source = c->source;
    a.add(std::move(f));
  }
}

}  // namespace da06::inline v1::detail::audit
