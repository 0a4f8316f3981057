// da06/report_summary.hpp — the one-screen summary a report opens with: task counts beside the
// report's own claims, the late and due-soon tasks, the targets, status by group, the audit count, and
// (when dossier data is given) the QĐ 766 index score. Computed once from a Report's typed results;
// every format (text, JSON, Markdown, HTML, DOCX, XLSX) and every chart only places these values.
//
//   da06::Report r = da06::build_report(da06::default_framework(), std::nullopt, da06::Calendar::vietnam_public());
//   const da06::ReportSummary& s = r.summary;          // filled by build_report
//   s.total_tasks;                                     // 72
//   s.overdue.front().task;                            // "T02"
//   s.overdue.front().workdays_late;                   // working days past its effective due date
#pragma once

#include "analysis.hpp"
#include "audit.hpp"
#include "dossier_index.hpp"
#include "model.hpp"
#include "status.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace da06 {
inline namespace v1 {

struct Report;

/// A task that is late or due soon, as a leader reads it: who leads it, the deadline as printed, the
/// due date the engine reads from it, and the working days lost or left.
struct SummaryTask {
  std::string task;           ///< Task id
  int number = 0;             ///< the row number as printed
  std::string group;          ///< TaskGroup id
  std::string group_number;   ///< its Roman numeral as printed
  std::string title, lead, deadline_text;  ///< verbatim
  Status status = Status::unknown;
  std::optional<Date> due, effective_due;
  /// Working days after the effective due date up to the as-of date (> 0 for a late task, else 0).
  int workdays_late = 0;
  /// Working days left up to the effective due date (≥ 0); empty for a late task.
  std::optional<int> workdays_left;
};

/// One target: the value, the threshold, the gap, met or missed, the smallest count still needed,
/// and the pace class. Numbers are in the indicator's display units (percentage points for rates).
struct SummaryTarget {
  std::string target, indicator, indicator_name, task;
  std::string unit;     ///< the indicator's unit ("%" for a percentage)
  bool percent = false; ///< a ratio shown ×100
  TargetStatus status = TargetStatus::no_data;
  Comparator comparator = Comparator::ge;
  Decimal threshold;            ///< in force on the as-of date
  std::string threshold_display;  ///< "≥ 90%", "top 15/63", "≤ 30 phút"
  std::optional<Ratio> value, gap;
  std::string value_display, gap_display;  ///< the engine's rounded, signed display strings
  std::string gap_unit;         ///< "pp", "places" or the indicator's unit
  std::optional<BigInt> needed;  ///< the smallest count that meets the target, when computable
  NeededAction needed_action = NeededAction::none;  ///< whether `needed` is added, removed or places climbed
  std::string needed_display;   ///< "cần thêm 473", "cần giảm 2", "cần tăng 3 bậc"; "" without a count
  std::optional<Date> deadline;
  std::optional<int> workdays_left;
  PaceClass pace = PaceClass::insufficient_data;
};

/// One group of the QĐ 766 index for the summary: points and maximum in units of 10^-decimals.
struct SummaryIndexGroup {
  std::string code, name_vi;
  std::int64_t points = 0, max_points = 0;
};

/// The QĐ 766 index score of one unit, when dossier data is present.
struct SummaryIndex {
  std::string unit, period, rules_version;
  int decimals = 2;
  std::vector<SummaryIndexGroup> groups;  ///< in the rule set's group order
  std::int64_t total = 0, max_total = 0;
  int rank = 0;  ///< 0 when not ranked
};

/// The summary of a report (see the file comment). Every list is in source order.
struct ReportSummary {
  std::optional<Date> as_of;
  bool has_status = false;   ///< false without a date or without tasks: the counts below are empty
  int total_tasks = 0;
  std::array<int, status_count> by_status{};  ///< indexed by Status
  std::vector<ClaimComparison> claims;        ///< the report's own task counts beside ours
  std::vector<SummaryTask> overdue;           ///< status overdue
  std::vector<SummaryTask> due_soon;          ///< status due_soon
  /// Past their deadline and not done, but not overdue (waiting on ministries, not started, unknown).
  std::vector<SummaryTask> past_due_open;
  std::vector<GroupStatusCounts> by_group;    ///< in the framework's group order
  bool has_targets = false;                   ///< false without a date
  std::vector<SummaryTarget> targets;         ///< every target, in framework order
  int targets_met = 0, targets_not_met = 0, targets_no_data = 0;
  AuditCounts audit;                          ///< of the report's audit findings
  std::size_t audit_findings = 0;
  std::optional<SummaryIndex> index;          ///< the QĐ 766 score, with dossier data (with_index)
};

/// The summary of a composed report (build_report calls it; call it again after changing a Report).
ReportSummary summarize_report(const Report& report);

/// `summary` with the QĐ 766 index score of `score` (a unit scored under `rules`).
ReportSummary with_index(ReportSummary summary, const IndexRules& rules, const UnitScore& score);

/// Status counts in the summary's display order (status_display_order), keeping only non-zero ones,
/// except that done, in_progress, due_soon, overdue and waiting are always listed.
std::vector<std::pair<Status, int>> headline_counts(const ReportSummary& summary);

/// The Vietnamese label of a status ("Đã hoàn thành", "Quá hạn", …), as the report formats print it.
std::string_view status_label_vi(Status s) noexcept;
/// The Vietnamese label of a pace class ("Đúng tiến độ", "Cần đẩy nhanh", …).
std::string_view pace_label_vi(PaceClass c) noexcept;
/// The Vietnamese label of a target status ("Đạt", "Chưa đạt", "Chưa có số liệu").
std::string_view target_status_label_vi(TargetStatus s) noexcept;

}  // namespace v1
}  // namespace da06
