// da06/series.hpp — a series of reports, report over report: aligned tasks, indicators and units, what changed, and pace.
//
// A working group reports every half-year; each report is a framework of its own. A `Series` keeps the
// reports in date order and aligns them: indicators by id; units by id, followed through the dated
// hierarchy and, where units merged (the 2025 reform), through a `UnitMapping`; tasks by number within a
// group when the group's list is unchanged, otherwise by the text of title and lead, with a confidence
// and a threshold below which nothing is matched. Observations printed in several reports are one
// observation; the same indicator, unit and period printed with another value is a revision, reported.
//
//   da06::Series s({da06::default_framework(), da06::read_framework_file("bc_2024h2.json")});
//   da06::SeriesDiff d = s.diff(0, 1);          // as of the newer report's date
//   for (const da06::TaskChange& c : d.newly_done) std::cout << c.new_task << " done\n";
//   std::cout << da06::to_json(d) << '\n';      // == da06 diff OLD.json NEW.json --json
//
// Task statuses, targets and pace are the existing engines' (status.hpp, analysis.hpp) run on each
// report, or on the series' merged observations; nothing here re-implements them. docs/series.md.
#ifndef DA06_SERIES_HPP
#define DA06_SERIES_HPP

#include "aggregate.hpp"
#include "analysis.hpp"
#include "calendar.hpp"
#include "model.hpp"
#include "numbers.hpp"
#include "status.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace da06 {
inline namespace v1 {

/// A user's decision that task `old_task` (of the earlier report) is task `new_task` (of the later one).
struct TaskPin {
  std::string old_task, new_task;
};

struct SeriesOptions {
  /// Text matching: the Dice coefficient of the word-pair sets of title and lead. Pairs below it are
  /// never matched (they are listed as unmatched, with their best candidate and its score).
  double match_threshold = 0.7;
  /// A new task left unmatched whose word pairs lie at least this much inside an old task's is a part
  /// of that task (a split); an old task left unmatched lying this much inside a new one was merged.
  double part_threshold = 0.8;
  /// Applied first, whatever the texts say (a pin naming a task a report lacks is ignored).
  std::vector<TaskPin> pins;
  /// Old unit → new units (the 2025 reform). A unit of the earlier report that is gone later is followed
  /// into its mapped units: its figures are compared with theirs, and it leaves with its successors named.
  UnitMapping mapping;
  StatusOptions status{};
  AnalysisOptions analysis{};
};

// ---------------------------------------------------------------------------
// Tasks across two reports

enum class MatchMethod { number, text, pinned, split, merged };
std::string_view to_string(MatchMethod);  ///< "number", "text", "pinned", "split", "merged"

/// One old task and one new task that are the same work.
struct TaskMatch {
  std::string old_task, new_task;
  int old_number = 0, new_number = 0;
  std::string old_group, new_group;
  MatchMethod method = MatchMethod::number;
  /// Dice of the word pairs (number, text, pinned); for a part of a split or merge, the share of the
  /// part's word pairs found in the whole.
  double confidence = 1;
};

/// A task left without a match, and the best candidate it had (below the threshold).
struct UnmatchedTask {
  std::string task;
  int number = 0;
  std::string title;
  std::string best_candidate;  ///< empty when the other report has no task at all
  double best_score = 0;
};

struct TaskMatching {
  std::vector<TaskMatch> matches;        ///< in the new report's task order
  std::vector<UnmatchedTask> dropped;    ///< old tasks without a match, in old order
  std::vector<UnmatchedTask> added;      ///< new tasks without a match, in new order
};

/// Matches the tasks of two reports (the procedure is described in docs/series.md).
TaskMatching match_tasks(const Framework& earlier, const Framework& later, const SeriesOptions& options = {});

/// Word-pair Dice similarity of two tasks' title and lead, in [0, 1] (exposed for tests and tools).
double task_similarity(const Task& a, const Task& b);

// ---------------------------------------------------------------------------
// Observations across reports

/// What identifies an observation across reports: the same indicator, unit, service and period (the
/// period code, or the ISO date of a stock).
struct ObservationKey {
  std::string indicator, unit, service, when;
  auto operator<=>(const ObservationKey&) const = default;
};
ObservationKey key_of(const Observation& o);

/// One observation of the series, printed in one or more reports with the same value.
struct SeriesObservation {
  Observation observation;  ///< as the first report printed it
  ObservationKey key;
  std::optional<Date> reference_date;  ///< in the report that printed it first
  std::vector<std::pair<std::size_t, std::string>> printed_in;  ///< (report index, observation id), oldest first
  bool superseded = false;  ///< a later report printed another value for the key (a revision)
};

/// The same key printed with two different values. `same_report` when one report prints both (an
/// inconsistency of that report, also found by the audit), else a revision by the later report.
struct Revision {
  ObservationKey key;
  std::size_t old_report = 0, new_report = 0;
  std::string old_observation, new_observation;
  std::string old_value, new_value;  ///< exact: "20651/20723" for a ratio, the value otherwise
  bool same_report = false;
};

// ---------------------------------------------------------------------------
// What changed between two reports

struct TaskChange {
  std::string old_task, new_task, title;
  Status old_status = Status::unknown, new_status = Status::unknown;
  std::optional<Date> old_due, new_due;
};

enum class Movement { up, down, same };
std::string_view to_string(Movement);  ///< "up", "down", "same"

/// An indicator's latest figure in each report, when the later one is newer and differs.
struct IndicatorMove {
  std::string indicator, unit, service;
  std::vector<std::string> followed_from;  ///< the earlier report's units followed into `unit` (a merge)
  std::vector<std::string> old_observations;
  std::string new_observation;
  std::optional<Date> old_date, new_date;
  Ratio old_value, new_value;   ///< display units
  Ratio change;                 ///< new − old, display units (percentage points for a percentage)
  bool percentage_points = false;
  std::optional<BigInt> numerator_change, denominator_change;  ///< when both figures are ratios
  std::string old_display, new_display;
  Movement movement = Movement::same;
};

enum class TargetShift { newly_met, no_longer_met, deadline_passed };
std::string_view to_string(TargetShift);  ///< "newly_met", "no_longer_met", "deadline_passed"

struct TargetChange {
  std::string target, indicator;
  TargetShift shift = TargetShift::newly_met;
  TargetStatus old_status = TargetStatus::no_data, new_status = TargetStatus::no_data;
  std::string old_value, new_value;  ///< as displayed, empty without data
  std::optional<Date> deadline;
};

struct UnitChange {
  std::string unit, name;
  Level level = Level::commune;
  std::string reason;                   ///< "ended 2025-06-30", "absent from the later report", …
  std::vector<std::string> successors;  ///< a unit that left: the mapped units it went into
};

/// A printed change of the later report ("Tăng 5.149 hồ sơ so với 6 tháng đầu năm 2024") checked against
/// the earlier report's figure for the period it names: current − delta must equal it.
struct ChangeCheck {
  std::string observation;  ///< the later report's observation that prints the change
  std::string published;    ///< the change as printed
  std::string against;      ///< the period it names
  std::string of;           ///< "numerator", "denominator" or "value"
  std::int64_t delta = 0;
  std::string implied;      ///< current − delta, exact
  std::string earlier_observation, earlier_value;  ///< the earlier report's figure, exact
  bool agrees = false;
  std::string revised_to;   ///< when the later report itself prints another figure for that period
};

/// Every printed change of `later` whose period has a figure in `earlier`, checked. Changes whose
/// period the earlier report does not print are not checked (nothing to compare with).
std::vector<ChangeCheck> check_changes(const Framework& earlier, const Framework& later);

/// Everything `da06 diff` reports. Each list is in a stable order (the reports' order of records).
struct SeriesDiff {
  std::string old_report, new_report;  ///< framework ids
  Date old_as_of, new_as_of;
  TaskMatching tasks;
  std::vector<TaskMatch> renumbered;  ///< one-to-one matches whose number changed
  std::vector<TaskChange> newly_done, newly_overdue, newly_waiting, deadline_moved;
  std::vector<IndicatorMove> indicators;
  std::vector<Revision> revisions;
  std::size_t duplicates = 0;  ///< observations of the later report that repeat one of the earlier with its value
  std::vector<TargetChange> targets_newly_met, targets_newly_missed;
  std::vector<UnitChange> units_entered, units_left;
  std::vector<ChangeCheck> change_checks;  ///< the later report's printed changes against the earlier figures
};

// ---------------------------------------------------------------------------
// Pace over the series

/// Where a pace point came from.
struct PacePointSource {
  std::string report, observation;  ///< framework id and the observation's id in it
  Date date;
};

struct SeriesTargetPace {
  TargetEvaluation evaluation;          ///< on the series' observations; `evaluation.pace.points` oldest first
  std::vector<PacePointSource> sources; ///< one per pace point, same order
  /// (threshold at the deadline − latest value) ÷ months from the as-of date to the deadline, in display
  /// units per month (a month = 365.25 ÷ 12 days); empty when achieved, without a value or deadline, or
  /// when the deadline is not after the as-of date.
  std::optional<double> needed_per_month;
};

// ---------------------------------------------------------------------------

/// Reports in date order, aligned. Immutable and cheap to copy.
class Series {
 public:
  /// `reports` oldest first; each needs a report date, and the dates must increase (InvalidArgument
  /// naming the report otherwise).
  explicit Series(std::vector<Framework> reports, SeriesOptions options = {},
                  Calendar calendar = Calendar::vietnam_public());

  std::size_t size() const noexcept;
  const Framework& report(std::size_t i) const;  ///< InvalidArgument when out of range
  Date date(std::size_t i) const;                ///< the report's date
  const SeriesOptions& options() const noexcept;

  /// Every observation once: identical printings merged, revisions kept as separate entries (the
  /// superseded one flagged), in report order.
  const std::vector<SeriesObservation>& observations() const noexcept;
  /// Every revision of the series (between reports and inside one).
  const std::vector<Revision>& revisions() const noexcept;

  /// The framework of report `i` with the observations of reports 0..i (merged, the latest revision
  /// winning); each observation dated as its own report dates it.
  Framework merged(std::size_t i) const;

  /// What changed from report `a` to report `b` (a < b), as of `as_of` (default: b's date).
  SeriesDiff diff(std::size_t a, std::size_t b, std::optional<Date> as_of = std::nullopt) const;

  /// Every target of the latest report evaluated on the whole series as of `as_of` (default: its date).
  std::vector<SeriesTargetPace> pace(std::optional<Date> as_of = std::nullopt) const;

  struct Impl;  ///< opaque (src/series/); public only so that the implementation's helpers can name it

 private:
  std::shared_ptr<const Impl> p_;
};

/// `Series({earlier, later}, options).diff(0, 1, as_of)`.
SeriesDiff diff_reports(const Framework& earlier, const Framework& later, std::optional<Date> as_of = std::nullopt,
                        const SeriesOptions& options = {});

/// `da06 diff --json`: {old_report, new_report, old_as_of, new_as_of, tasks: {matches, dropped, added},
/// renumbered, newly_done, newly_overdue, newly_waiting, deadline_moved, indicators, revisions, duplicates,
/// targets_newly_met, targets_newly_missed, units_entered, units_left, change_checks} (docs/series.md).
std::string to_json(const SeriesDiff& diff, int indent = 2);
/// `series.pace` as JSON: [{target, indicator, status, value, threshold_at_deadline, deadline,
/// needed_per_month, pace: {…as da06 indicators…}, sources: [{report, observation, date}]}].
std::string to_json(const std::vector<SeriesTargetPace>& pace, int indent = 2);

}  // namespace v1
}  // namespace da06

#endif  // DA06_SERIES_HPP
