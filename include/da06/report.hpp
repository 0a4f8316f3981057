// da06/report.hpp — the main job: a framework's report as of a date, composed of the engines' typed
// results, rendered as readable text (here) or as JSON (da06/json.hpp).
//
//   da06::Report r = da06::build_report(da06::default_framework(), std::nullopt, da06::Calendar::vietnam_public());
//   std::cout << da06::report_text(r);                 // == `da06 report`
//   std::string j = da06::to_json(r);                  // == `da06 report --json`
#pragma once

#include "analysis.hpp"
#include "audit.hpp"
#include "calendar.hpp"
#include "model.hpp"
#include "report_summary.hpp"
#include "status.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace da06 {
inline namespace v1 {

/// The date a report is evaluated at when none is given: the report's date, else the last day of
/// its period, else none (then the report has no task status and no indicator sections).
std::optional<Date> default_as_of(const Framework& fw);

/// A task group with the number of tasks its header declares beside the number the framework holds.
struct TaskGroupCount {
  std::string id, number, title;
  int declared_count = 0;
  int actual_count = 0;
  bool matches() const { return declared_count == actual_count; }
};

/// How many records of each kind the framework holds.
struct RecordCounts {
  std::size_t tasks = 0, task_groups = 0, resolution_tasks = 0, services = 0, indicators = 0, observations = 0,
              ratio_observations = 0, totals = 0, targets = 0, units = 0;
};

/// What a report needs besides the framework and the date.
struct ReportOptions {
  StatusOptions status{};
  AnalysisOptions analysis{};
  AuditOptions audit{};  ///< its as_of is the report's
};

/// A report as of a date: every section is an engine's typed result.
struct Report {
  Framework framework;
  std::optional<Date> as_of;
  RecordCounts counts;
  std::vector<TaskGroupCount> task_groups;
  /// Task statuses, when there is a date and there are tasks.
  std::optional<StatusReport> task_status;
  /// The tasks that need attention: overdue, due soon, or past their deadline while not done.
  std::vector<TaskStatus> attention;
  /// Every target evaluated, when there is a date.
  std::optional<IndicatorsReport> indicators;
  /// The audit of the published figures.
  AuditReport audit;
  /// The one-screen summary every format opens with (report_summary.hpp), from the sections above.
  ReportSummary summary;
};

/// Composes the report. `as_of` defaults to `default_as_of(fw)`; `calendar` is used for task
/// statuses, working days and pace.
Report build_report(const Framework& fw, std::optional<Date> as_of, const Calendar& calendar,
                    const ReportOptions& options = {});

/// The readable report printed by `da06 report`.
std::string report_text(const Report& report);

/// `to_json(build_report(fw, as_of, Calendar::vietnam_public()))`: byte-identical to `da06 report
/// --json` and to the C ABI's da06_report_json.
std::string report_json(const Framework& fw, std::optional<Date> as_of);
/// `report_text(build_report(fw, as_of, Calendar::vietnam_public()))`.
std::string report_text(const Framework& fw, std::optional<Date> as_of);

}  // namespace v1
}  // namespace da06
