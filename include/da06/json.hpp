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

/// `da06 tasks --json`:
///   {"as_of", "due_soon_workdays", "tasks": [{task, number, group, status, due, effective_due, start,
///    recurrence, workdays_left, past_due, past_due_not_done, deciding_phrases: [{text, field, role,
///    begin, end}], reason}], "summary": {total, by_status, by_group, claims, past_due_not_done, overdue}}
/// Dates are ISO strings; absent values are null.
std::string to_json(const StatusReport& report, int indent = 2);

/// `da06 deadline parse --json` (fields: text, kind, due, start, period, strictly_before, recurrence,
/// condition, authority, reference, tentative, aspirational, thresholds[], notes, matched[],
/// diagnostics, description).
std::string to_json(const Deadline& deadline, int indent = 2);

/// `da06 indicators --json`: {framework, as_of, calendar, options, summary, problems, observations[],
/// targets[]} (docs/analysis.md lists every field).
std::string to_json(const IndicatorsReport& report, int indent = 2);
/// One pace assessment: {class, reason, method, bands, inputs, observed_rate_per_year, …, projection}.
std::string to_json(const Pace& pace, int indent = 2);

/// `da06 report --json`: {framework, plan, report, period, as_of, counts, task_groups, claims, gaps,
/// task_status?, indicators?, audit} (docs/cli.md).
std::string to_json(const Report& report, int indent = 2);

}  // namespace v1
}  // namespace da06
