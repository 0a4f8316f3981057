// da06/json.hpp — the JSON form of da06's results, as the CLI's --json, the C ABI and Python give them.
//
// One `to_json` per result type, each the same document every face prints. The engines return
// typed structs; only these functions (implemented in src/json/, with nlohmann/json kept out of
// every public header) turn them into JSON. `indent` is that of nlohmann's dump: 2 for the CLI's
// pretty form, -1 for one line (the C ABI's form). Field references: docs/cli.md.
//
//   std::cout << da06::to_json(da06::task_status_report(fw, as_of, cal)) << '\n';   // == da06 tasks --json
#pragma once

#include <string>

namespace da06 {
inline namespace v1 {

struct StatusReport;
struct Deadline;
struct IndicatorsReport;
struct Pace;
struct Report;
struct ReportSummary;

/// `da06 tasks --json`:
///   {"as_of", "due_soon_workdays", "tasks": [{task, number, group, status, due, effective_due, start,
///    recurrence, workdays_left, past_due, past_due_not_done, deciding_phrases: [{text, field, role,
///    begin, end}], reason}], "summary": {total, by_status, by_group, claims, past_due_not_done, overdue}}
/// Dates are ISO strings; absent values are null.
std::string to_json(const StatusReport& report, int indent = 2);

/// `da06 deadline parse --json` (fields: text, kind, due, start, period, strictly_before, recurrence,
/// recurring_day, condition, authority, reference, tentative, aspirational, thresholds[], phases[], notes,
/// matched[], diagnostics, description).
std::string to_json(const Deadline& deadline, int indent = 2);

/// `da06 indicators --json`: {framework, as_of, calendar, options, summary, problems, observations[],
/// targets[]} (docs/analysis.md lists every field).
std::string to_json(const IndicatorsReport& report, int indent = 2);
/// One pace assessment: {class, reason, method, bands, inputs, observed_rate_per_year, …, projection}.
std::string to_json(const Pace& pace, int indent = 2);

/// `da06 report --json`: {framework, plan, report, period, as_of, counts, task_groups, claims, gaps,
/// task_status?, indicators?, audit} (docs/cli.md).
std::string to_json(const Report& report, int indent = 2);
/// The report's summary, the "summary" member of `da06 report --json`: {as_of, tasks: {total, by_status,
/// claims, overdue, due_soon, past_due_open, by_group} | null, targets: {met, not_met, no_data, list} | null,
/// audit: {findings, counts}, index | null} (docs/reports.md).
std::string to_json(const ReportSummary& summary, int indent = 2);

// --- the audit (da06/audit.hpp) ------------------------------------------------------------------
class Framework;
struct AuditReport;
/// `da06 audit --json`: {framework, counts: {error, warning, info}, findings: [{id, check, severity,
/// message, published, values: {name: exact text}, records, source, related}]} (docs/audit.md).
///   da06::to_json(da06::audit_report(fw))   // == `da06 audit --json` == da06_audit_json
std::string to_json(const AuditReport& report, int indent = 2);
/// `to_json(audit_report(fw))`: byte-identical to `da06 audit --json` and to the C ABI's da06_audit_json.
std::string audit_json(const Framework& fw);

// --- aggregation (aggregate.hpp) ---------------------------------------------------------------

struct NamedAggregate;

/// `da06 aggregate --json`: {level, as_of, groups: [{unit, indicator, period, numerator, denominator,
/// rows, ratio, ratio_percent}], dropped_units: [{unit, reason, rows, numerator, denominator}],
/// rows_used, rows_dropped, errors}. Sums are JSON integers when they fit in int64, decimal strings
/// otherwise; `ratio` is the exact "Σnum/Σden" (null when Σden is 0); `errors` counts the error
/// diagnostics of `a.diagnostics`.
std::string to_json(const NamedAggregate& a, int indent = 2);

}  // namespace v1
}  // namespace da06
