// da06/audit.hpp — the audit: a framework's published figures checked against each other, exactly.
//
// The report is checked against itself: every printed percentage against its own numerator and
// denominator at the printed precision, parts against declared totals, group headers against rows,
// change lines against the values they relate, the report's claims against its data, the DHIS2-style
// validation rules of the framework, and a few cross-checks between records. Every finding carries
// both values (exact), the records and the source line and quote. Formulas: docs/audit.md.
//
//   da06::AuditReport r = da06::audit_report(da06::default_framework());
//   r.counts.error;                                              // 11
//   for (const da06::Finding& f : r.findings)
//     std::cout << f.source.line << ' ' << f.message << '\n';   // 176 printed 98,74% but 3.183.845/3.224.669 = 98,734…% → 98,73%
//   std::string j = da06::to_json(r);                            // da06/json.hpp: == `da06 audit --json` == da06_audit_json
#pragma once

#include "calendar.hpp"
#include "model.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

/// The checks of the audit (names as in the JSON and docs/audit.md).
enum class AuditCheck {
  printed_percentage,     ///< a printed % against numerator/denominator (or denominator_ref), at the printed precision
  numerator_exceeds_denominator,  ///< a part larger than its whole (numerator > denominator, value > denominator_ref)
  percentage_over_100,    ///< a printed percentage above 100 %
  total,                  ///< parts against a declared total (money converted exactly between tỷ/triệu/đồng)
  group_count,            ///< a group header's declared count against its rows
  change,                 ///< a printed change against the values it relates (earlier = current − delta)
  claim,                  ///< a count the report claims about itself against the data
  claim_status,           ///< a claimed number of tasks in a state against the task-status engine's states
  conflicting_figures,    ///< one indicator, unit, service and period (or date) printed with different values
  remainder,              ///< a percentage and the count "còn N" left out of it, against one common total
  plan_reference,         ///< the plan's number cited with another date than the plan's
  validation_rule,        ///< a DHIS2-style validation rule violated
};
std::string_view to_string(AuditCheck);

/// How bad a finding is. Errors are inconsistencies; warnings are differences with a benign
/// explanation (a rounding mode other than the declared one, a cited date); info is context.
enum class AuditSeverity { error, warning, info };
std::string_view to_string(AuditSeverity);

/// One named value a finding compares, exactly: a plain decimal ("98.74"), an integer, or a
/// fraction "n/d" (reduced) when the value has no finite decimal expansion.
struct AuditValue {
  std::string name;   ///< e.g. "numerator", "printed", "computed", "exact"
  std::string value;  ///< exact text
  bool operator==(const AuditValue&) const = default;
};

/// One inconsistency.
///   f.id == "printed_percentage/N-bhxh-data", f.severity == AuditSeverity::error, f.source.line == 176
struct Finding {
  std::string id;          ///< stable and unique within one audit: "<check>/<record id>[/<detail>]"
  AuditCheck check = AuditCheck::printed_percentage;
  AuditSeverity severity = AuditSeverity::error;
  std::string message;     ///< English, with the numbers as printed
  std::string published;   ///< the Vietnamese text as printed (the primary record's `published`, or its quote)
  std::vector<AuditValue> values;       ///< what was compared, exactly
  std::vector<std::string> records;     ///< ids of the records involved (observations, totals, claims, groups, rules)
  SourceRef source;                     ///< where: the primary record's line and quote
  std::vector<SourceRef> related;       ///< the other records' locations
  bool operator==(const Finding&) const = default;

  /// The value named `name`, or nullptr.
  const AuditValue* value(std::string_view name) const;
};

/// Counts of tasks per claimed status ("done_and_maintained" → 54), as a task-status classifier sees them.
using TaskStatusCounts = std::map<std::string, std::int64_t>;

struct AuditOptions {
  /// Validation rules to check in addition to the framework's own `validation_rules`.
  std::vector<ValidationRule> extra_rules;
  /// Keep findings of severity info (default true).
  bool include_info = true;
  /// The date the task states are evaluated at (claims of completion); default: the report's date.
  std::optional<Date> as_of;
  /// The calendar the task states are classified with (working days, due dates rolled to a working day).
  Calendar calendar = Calendar::vietnam_public();
  /// Claims of completion (AuditCheck::claim_status): counts the tasks in each claimed status
  /// ("done_and_maintained" → n). When empty, the task-status engine is used (status.hpp:
  /// task_status_report with `calendar`, and its summary's mapping of claimed statuses to ours).
  std::function<TaskStatusCounts(const Framework&, Date as_of)> task_status_counts;
};

/// The number of findings of each severity.
struct AuditCounts {
  std::size_t error = 0, warning = 0, info = 0;
  std::size_t of(AuditSeverity s) const noexcept;
  bool operator==(const AuditCounts&) const = default;
};

/// The audit of one framework: what `da06 audit --json` prints (`to_json`, da06/json.hpp).
///   r.framework == "thanhhoa-2024h1", r.counts.error == 11, r.findings[0].id == "plan_reference/plan/17"
struct AuditReport {
  std::string framework;          ///< the framework's id
  AuditCounts counts;             ///< of `findings`
  std::vector<Finding> findings;  ///< in a stable order: by source line (unknown last), then check, then id
  bool operator==(const AuditReport&) const = default;
};

/// Every finding with its counts. Throws DataError for a framework built in code with a value the
/// loader refuses (a decimal or a rule constant that does not parse, an unknown rounding mode).
AuditReport audit_report(const Framework& fw, const AuditOptions& options = {});

/// `audit_report(fw, options).findings`.
std::vector<Finding> audit(const Framework& fw, const AuditOptions& options = {});

}  // namespace v1
}  // namespace da06
