// The report: the engines' typed results composed into one value (build_report), and its text.
// Its JSON is in src/json/report.cpp.
#include "da06/report.hpp"

#include "da06/json.hpp"
#include "da06/period.hpp"

#include <sstream>

namespace da06 {
inline namespace v1 {

namespace {

/// Clip to `n` code points (UTF-8 aware), adding "…".
std::string clip(const std::string& s, std::size_t n) {
  std::size_t cps = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == n) return s.substr(0, i) + "…";
      ++cps;
    }
  return s;
}

/// The summary block the text report opens with (the values of r.summary, one line each).
void summary_text(std::ostringstream& out, const ReportSummary& s) {
  out << "Tóm tắt:\n";
  if (s.has_status) {
    out << "  " << s.total_tasks << " nhiệm vụ:";
    const char* sep = " ";
    for (const auto& [st, n] : headline_counts(s)) {
      out << sep << status_label_vi(st) << " " << n;
      sep = "; ";
    }
    out << "\n";
    auto late = [&](const char* label, const std::vector<SummaryTask>& ts) {
      for (const SummaryTask& t : ts) {
        out << "  " << label << ": " << t.task << " (STT " << t.number << ") " << t.lead << " — \"" << clip(t.deadline_text, 40)
            << "\", hạn " << format_iso_date(t.effective_due) << ", ";
        if (t.workdays_left)
          out << "còn " << *t.workdays_left << " ngày làm việc\n";
        else
          out << "quá " << t.workdays_late << " ngày làm việc\n";
      }
    };
    late("Quá hạn", s.overdue);
    late("Sắp đến hạn", s.due_soon);
    late("Quá hạn, chưa xong", s.past_due_open);
  }
  if (s.has_targets)
    out << "  Chỉ tiêu: " << s.targets_met << " đạt, " << s.targets_not_met << " chưa đạt, " << s.targets_no_data
        << " chưa có số liệu\n";
  out << "  Kiểm tra số liệu: " << s.audit_findings << " phát hiện\n\n";
}

}  // namespace

std::optional<Date> default_as_of(const Framework& fw) {
  const FrameworkData& d = fw.data();
  if (d.report.date) return d.report.date;
  if (!d.period.code.empty()) {
    try {
      return Period::parse_code(d.period.code).calendar_window().last;
    } catch (const Error&) {
    }
  }
  return std::nullopt;
}

Report build_report(const Framework& fw, std::optional<Date> as_of, const Calendar& cal, const ReportOptions& options) {
  const FrameworkData& d = fw.data();
  Report r;
  r.framework = fw;
  r.as_of = as_of ? as_of : default_as_of(fw);
  RecordCounts& c = r.counts;
  c.tasks = d.tasks.size();
  c.task_groups = d.task_groups.size();
  c.resolution_tasks = d.resolution_tasks.size();
  c.services = d.services.size();
  c.indicators = d.indicators.size();
  c.observations = d.observations.size();
  for (const auto& o : d.observations) c.ratio_observations += o.is_ratio();
  c.totals = d.totals.size();
  c.targets = d.targets.size();
  c.units = d.units.size();
  for (const auto& g : d.task_groups)
    r.task_groups.push_back({g.id, g.number, g.title, g.declared_count, fw.task_count_in_group(g.id)});

  if (r.as_of && !d.tasks.empty()) {
    r.task_status = task_status_report(fw, *r.as_of, cal, options.status);
    for (const TaskStatus& t : r.task_status->tasks)
      if (t.status == Status::overdue || t.status == Status::due_soon || t.past_due_not_done) r.attention.push_back(t);
  }
  if (r.as_of) r.indicators = indicators_report(fw, *r.as_of, cal, options.analysis);

  AuditOptions ao = options.audit;
  ao.as_of = r.as_of;
  ao.calendar = cal;
  r.audit = audit_report(fw, ao);
  r.summary = summarize_report(r);
  return r;
}

namespace {
/// One line when working days were counted in years without an official schedule.
void provisional_note(std::ostream& out, const std::vector<int>& years) {
  if (years.empty()) return;
  out << "  provisional: working days in";
  for (int y : years) out << " " << y;
  out << " follow the statutory rules only (no official schedule yet); a published schedule may change them\n";
}
}  // namespace

std::string report_text(const Report& r) {
  const FrameworkData& d = r.framework.data();
  std::ostringstream out;
  out << "BÁO CÁO — " << d.title << "\n";
  if (!d.report.number.empty()) out << "Báo cáo số " << d.report.number << " ngày " << format_iso_date(d.report.date) << "\n";
  if (!d.plan.number.empty()) out << "Kế hoạch: " << d.plan.number << " ngày " << format_iso_date(d.plan.date) << "\n";
  out << "Kỳ báo cáo: " << d.period.text << " (" << d.period.code << "), as of "
      << (r.as_of ? format_iso_date(*r.as_of) : std::string("(no date: give --as-of)")) << "\n\n";
  summary_text(out, r.summary);
  out << "Nhiệm vụ: " << r.counts.tasks << " in " << r.counts.task_groups << " groups\n";
  for (const auto& g : r.task_groups)
    out << "  " << g.number << ". " << clip(g.title, 70) << ": " << g.actual_count << " (declared " << g.declared_count
        << (g.matches() ? ")" : ", DIFFERENT)") << "\n";
  if (!d.claims.empty()) {
    out << "\nThe report's own claims:\n";
    for (const auto& c : d.claims) out << "  " << c.published << "\n";
  }
  const RecordCounts& c = r.counts;
  out << "\nChỉ số: " << c.indicators << " indicators, " << c.observations << " observations (" << c.ratio_observations
      << " ratios), " << c.totals << " declared totals, " << c.targets << " targets\n";
  out << "Phụ lục II: " << c.resolution_tasks << " resolution tasks; Phụ lục III/IV: " << c.services << " services\n";
  out << "Đơn vị: " << c.units << " units\n";
  for (const auto& g : d.gaps) out << "Gap: Phụ lục " << g.appendix << " rows " << g.rows << " — " << g.note << "\n";

  if (r.task_status) {
    const StatusSummary& sum = r.task_status->summary;
    out << "\nTình trạng nhiệm vụ (as of " << format_iso_date(sum.as_of) << "):\n";
    for (std::size_t i = 0; i < status_count; ++i)
      if (sum.by_status[i] > 0) out << "  " << to_string(static_cast<Status>(i)) << ": " << sum.by_status[i] << "\n";
    for (const ClaimComparison& cl : sum.claims) {
      out << "  claimed \"" << clip(cl.published, 70) << "\": " << cl.claimed;
      if (cl.ours) out << " — ours " << *cl.ours << " (difference " << *cl.difference << ")";
      out << "\n";
    }
    provisional_note(out, r.task_status->provisional_years);
    if (!r.attention.empty()) {
      out << "\nQuá hạn / sắp đến hạn / đã quá thời hạn mà chưa xong:\n";
      for (const TaskStatus& t : r.attention) out << "  " << t.task << " [" << to_string(t.status) << "] " << t.reason << "\n";
    }
  }
  if (r.indicators) {
    const IndicatorsSummary& sum = r.indicators->summary;
    out << "\nChỉ tiêu (" << sum.targets << " targets): met " << sum.met << ", not met " << sum.not_met << ", no data "
        << sum.no_data << "\n";
    provisional_note(out, r.indicators->provisional_years);
    for (const TargetEvaluation& e : r.indicators->targets) {
      if (e.status == TargetStatus::no_data) continue;
      const Indicator* ind = r.framework.find_indicator(e.indicator);
      out << "  " << (e.status == TargetStatus::met ? "✓ " : "✗ ") << clip(ind ? ind->name : e.indicator, 60);
      if (e.value) out << ": " << e.value_display;
      out << " (target " << to_string(e.comparator) << " " << e.threshold.threshold.to_string() << ")";
      if (e.gap) out << ", gap " << e.gap_display;
      if (e.needed.count) out << ", needed " << e.needed.count->str();
      out << ", pace " << to_string(e.pace.cls);
      out << "\n";
    }
  }
  out << "\nKiểm tra số liệu (audit): " << r.audit.counts.error << " errors, " << r.audit.counts.warning << " warnings, "
      << r.audit.counts.info << " info\n";
  for (const Finding& f : r.audit.findings) {
    out << "  [" << to_string(f.severity) << "] ";
    if (f.source.line > 0) out << "line " << f.source.line << ": ";
    out << f.message << "\n";
  }
  return out.str();
}

std::string report_json(const Framework& fw, std::optional<Date> as_of) {
  return to_json(build_report(fw, as_of, Calendar::vietnam_public()));
}

std::string report_text(const Framework& fw, std::optional<Date> as_of) {
  return report_text(build_report(fw, as_of, Calendar::vietnam_public()));
}

}  // namespace v1
}  // namespace da06
