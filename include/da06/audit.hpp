// da06/audit.hpp — the audit: a framework's published figures checked against each other, exactly.
//
// The report is checked against itself: every printed percentage against its own numerator and
// denominator at the printed precision, parts against declared totals, group headers against rows,
// change lines against the values they relate, the report's claims against its data, the DHIS2-style
// validation rules of the framework, and a few cross-checks between records. Every finding carries
// both values (exact), the records and the source line and quote. Formulas: docs/audit.md.
//
//   for (const da06::Finding& f : da06::audit(da06::default_framework()))
//     std::cout << f.source.line << ' ' << f.message << '\n';   // 176 printed 98,74% but 3.183.845/3.224.669 = 98,734…% → 98,73%
//   std::string j = da06::audit_json(fw);                        // == `da06 audit --json` == da06_audit_json
#pragma once

#include "model.hpp"

#include <nlohmann/json.hpp>

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
  claim_status,           ///< a claimed number of tasks in a state against the task states (needs a status classifier)
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
  /// Claims of completion (AuditCheck::claim_status): counts the tasks in each claimed status
  /// ("done_and_maintained" → n). When empty, the library's classifier is used (status.hpp:
  /// classify_tasks with Calendar::vietnam_public(), and summarize_status's claim mapping).
  std::function<TaskStatusCounts(const Framework&, Date as_of)> task_status_counts;
};

/// Every finding, in a stable order: by source line, then check, then id.
std::vector<Finding> audit(const Framework& fw, const AuditOptions& options = {});

/// Does the audit have a built-in task-status classifier for AuditCheck::claim_status? (Now always true.)
bool audit_has_status_classifier() noexcept;

/// The audit as JSON: { framework, counts{error,warning,info}, findings[] } (docs/audit.md).
nlohmann::ordered_json audit_document(const Framework& fw, const AuditOptions& options = {});
/// `audit_document(fw).dump(2)`: byte-identical to `da06 audit --json` and to the C ABI's da06_audit_json.
std::string audit_json(const Framework& fw);
/// One finding as JSON (the elements of `findings[]`).
nlohmann::ordered_json to_json(const Finding& f);

}  // namespace v1
}  // namespace da06
