// The summary a report opens with (report_summary.hpp): read from the report's typed results, never
// recomputed by a format. Its JSON is in src/json/report_summary.cpp.
#include "da06/report_summary.hpp"

#include "da06/report.hpp"

namespace da06 {
inline namespace v1 {

namespace {

SummaryTask summary_task(const Framework& fw, const TaskStatus& s) {
  SummaryTask t;
  t.task = s.task;
  t.number = s.number;
  t.group = s.group;
  if (const TaskGroup* g = fw.find_task_group(s.group)) t.group_number = g->number;
  if (const Task* task = fw.find_task(s.task)) {
    t.title = task->title;
    t.lead = task->lead;
    t.deadline_text = task->deadline_text;
  }
  t.status = s.status;
  t.due = s.due;
  t.effective_due = s.effective_due;
  if (s.workdays_left) {
    if (*s.workdays_left < 0 || s.past_due)
      t.workdays_late = -std::min(*s.workdays_left, 0);
    else
      t.workdays_left = *s.workdays_left;
  }
  return t;
}

/// "≥ 90%", "≤ 30 phút", "top 15/63": the comparator as a sign, the threshold as Vietnamese number text.
std::string threshold_display(const TargetEvaluation& e, const Indicator* ind) {
  const std::string thr = format_vn_decimal(e.threshold.threshold);
  if (e.comparator == Comparator::top)
    return "top " + thr + (e.of ? "/" + format_vn_integer(*e.of) : std::string());
  std::string sign;
  switch (e.comparator) {
    case Comparator::ge: sign = "≥"; break;
    case Comparator::le: sign = "≤"; break;
    case Comparator::gt: sign = ">"; break;
    case Comparator::lt: sign = "<"; break;
    case Comparator::eq: sign = "="; break;
    case Comparator::top: break;
  }
  std::string unit;
  if (ind) {
    if (ind->kind == IndicatorKind::ratio && ind->factor == 100)
      unit = "%";
    else if (!ind->unit.empty())
      unit = " " + ind->unit;
  }
  return sign + " " + thr + unit;
}

/// The needed count in words: units are added, removed, or ranking places climbed.
std::string needed_display(NeededAction a, const BigInt& n) {
  const std::string k = format_vn_integer(n);
  switch (a) {
    case NeededAction::remove_numerator:
    case NeededAction::remove_value: return "cần giảm " + k;
    case NeededAction::gain_places: return "cần tăng " + k + " bậc";
    default: return "cần thêm " + k;
  }
}

SummaryTarget summary_target(const Framework& fw, const TargetEvaluation& e) {
  const Indicator* ind = fw.find_indicator(e.indicator);
  SummaryTarget t;
  t.target = e.target;
  t.indicator = e.indicator;
  t.indicator_name = ind ? ind->name : e.indicator;
  t.task = e.task;
  t.percent = ind && ind->kind == IndicatorKind::ratio && ind->factor == 100;
  t.unit = t.percent ? "%" : (ind ? ind->unit : std::string());
  t.status = e.status;
  t.comparator = e.comparator;
  t.threshold = e.threshold.threshold;
  t.threshold_display = threshold_display(e, ind);
  t.value = e.value;
  t.gap = e.gap;
  t.value_display = e.value_display;
  t.gap_display = e.gap_display;
  t.gap_unit = e.gap_unit;
  if (e.needed.computable && e.needed.reachable && e.needed.count) {
    t.needed = e.needed.count;
    t.needed_action = e.needed.action;
    if (*t.needed > 0) t.needed_display = needed_display(e.needed.action, *t.needed);
  }
  t.deadline = e.deadline;
  t.workdays_left = e.workdays_left;
  t.pace = e.pace.cls;
  return t;
}

}  // namespace

ReportSummary summarize_report(const Report& r) {
  const Framework& fw = r.framework;
  ReportSummary s;
  s.as_of = r.as_of;
  if (r.task_status) {
    const StatusSummary& sum = r.task_status->summary;
    s.has_status = true;
    s.total_tasks = sum.total;
    s.by_status = sum.by_status;
    s.claims = sum.claims;
    s.by_group = sum.by_group;
    for (const TaskStatus& t : r.task_status->tasks) {
      if (t.status == Status::overdue)
        s.overdue.push_back(summary_task(fw, t));
      else if (t.status == Status::due_soon)
        s.due_soon.push_back(summary_task(fw, t));
      else if (t.past_due_not_done)
        s.past_due_open.push_back(summary_task(fw, t));
    }
  }
  if (r.indicators) {
    s.has_targets = true;
    for (const TargetEvaluation& e : r.indicators->targets) s.targets.push_back(summary_target(fw, e));
    s.targets_met = r.indicators->summary.met;
    s.targets_not_met = r.indicators->summary.not_met;
    s.targets_no_data = r.indicators->summary.no_data;
  }
  s.audit = r.audit.counts;
  s.audit_findings = r.audit.findings.size();
  return s;
}

ReportSummary with_index(ReportSummary s, const IndexRules& rules, const UnitScore& score) {
  SummaryIndex ix;
  ix.unit = score.unit;
  ix.period = score.period;
  ix.rules_version = rules.version;
  ix.decimals = rules.decimals;
  ix.total = score.total;
  ix.rank = score.rank;
  for (const IndexGroup& g : rules.groups) {
    auto it = score.groups.find(g.code);
    ix.groups.push_back({g.code, g.name_vi, it == score.groups.end() ? 0 : it->second, g.max_points});
    ix.max_total += g.max_points;
  }
  s.index = std::move(ix);
  return s;
}

std::vector<std::pair<Status, int>> headline_counts(const ReportSummary& s) {
  std::vector<std::pair<Status, int>> out;
  for (Status st : status_display_order) {
    const int n = s.by_status[static_cast<std::size_t>(st)];
    const bool always = st == Status::done || st == Status::in_progress || st == Status::due_soon ||
                        st == Status::overdue || st == Status::waiting;
    if (n > 0 || always) out.emplace_back(st, n);
  }
  return out;
}

std::string_view status_label_vi(Status s) noexcept {
  switch (s) {
    case Status::done: return "Đã hoàn thành";
    case Status::done_maintained: return "Hoàn thành, duy trì thường xuyên";
    case Status::in_progress: return "Đang thực hiện";
    case Status::due_soon: return "Sắp đến hạn";
    case Status::overdue: return "Quá hạn";
    case Status::waiting: return "Chờ Bộ, ngành triển khai, hướng dẫn";
    case Status::not_started: return "Chưa thực hiện";
    case Status::unknown: return "Chưa xác định";
    case Status::done_late: return "Đã hoàn thành quá hạn";
    case Status::blank: return "Chưa báo cáo";
  }
  return "";
}

std::string_view pace_label_vi(PaceClass c) noexcept {
  switch (c) {
    case PaceClass::achieved: return "Đã đạt";
    case PaceClass::on_track: return "Đúng tiến độ";
    case PaceClass::acceleration_needed: return "Cần đẩy nhanh";
    case PaceClass::limited_progress: return "Tiến triển hạn chế";
    case PaceClass::deterioration: return "Đi xuống";
    case PaceClass::insufficient_data: return "Chưa đủ dữ liệu";
  }
  return "";
}

std::string_view target_status_label_vi(TargetStatus s) noexcept {
  switch (s) {
    case TargetStatus::met: return "Đạt";
    case TargetStatus::not_met: return "Chưa đạt";
    case TargetStatus::no_data: return "Chưa có số liệu";
  }
  return "";
}

}  // namespace v1
}  // namespace da06
