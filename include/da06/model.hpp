// da06/model.hpp — the Đề án 06 framework model: tasks, indicators, observations, targets, units.
//
// Every type here is a plain value. A `Framework` holds its records behind a
// `std::shared_ptr<const ...>`: copying it is cheap, and it is never modified after
// loading, so any number of threads may read one framework without locks.
//
//   auto fw = da06::default_framework();            // the embedded Thanh Hóa H1/2024 report
//   for (const da06::Task& t : fw.tasks()) std::cout << t.number << ' ' << t.deadline_text << '\n';
#pragma once

#include "dates.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace da06 {
inline namespace v1 {

/// Where a record was printed in its source document (e.g. the seed report).
struct SourceRef {
  std::string document;  ///< id in Framework::sources(), e.g. "seed"
  std::string section;   ///< narrative section ("II.3.2") or appendix title
  std::string appendix;  ///< "I".."V" for appendix rows, empty otherwise
  std::string row;       ///< the row number as printed
  int line = 0;          ///< 1-based line in the document (a worksheet's row), 0 when unknown
  std::string quote;     ///< verbatim excerpt of that line
  std::string table;     ///< an imported table: its number in the document ("2") or its worksheet's name
  int paragraph = 0;     ///< 1-based paragraph of a Word document (when there are no lines), 0 when none
  bool operator==(const SourceRef&) const = default;
};

/// A source document (the report a dataset was digitized from).
struct SourceDocument {
  std::string id, title, file, sha256;
  int lines = 0;
  bool operator==(const SourceDocument&) const = default;
};

/// A plan, a report or a period as the framework file describes them.
struct DocumentRef {
  std::string id, number, title, issuer;
  std::optional<Date> date;
  std::string note;
  SourceRef source;
  bool operator==(const DocumentRef&) const = default;
};
struct PeriodRef {
  std::string code;  ///< ISO/SDMX code, e.g. "2024-S1"
  std::string text;  ///< as printed, e.g. "06 tháng đầu năm 2024"
  bool operator==(const PeriodRef&) const = default;
};

/// One of the five utility groups (5 nhóm tiện ích) of Đề án 06.
struct UtilityGroup {
  std::string id;
  int number = 0;
  std::string name;
  std::string note;
  SourceRef source;
  bool operator==(const UtilityGroup&) const = default;
};

/// A task group header of Appendix I, with the count its header declares ("(03 nhiệm vụ)").
struct TaskGroup {
  std::string id;
  std::string number;  ///< Roman numeral as printed
  std::string title;
  int declared_count = 0;
  std::string published;  ///< the whole header text
  SourceRef source;
  bool operator==(const TaskGroup&) const = default;
};

/// Split a verbatim unit list ("Sở A; Sở B") on ';' into trimmed, non-empty names.
std::vector<std::string> split_units(std::string_view text);

/// A task (nhiệm vụ) of the plan, every column kept verbatim.
struct Task {
  std::string id;
  int number = 0;
  std::string group;  ///< TaskGroup id
  std::string title, lead, coordinating, deadline_text, progress_text;
  std::vector<std::string> indicators;  ///< Indicator ids this task reports
  std::string utility_group;           ///< UtilityGroup id, may be empty
  /// The other columns of the task's table, verbatim, by their header text
  /// ("Người đứng đầu chịu trách nhiệm", "Văn bản giao nhiệm vụ", "Nguồn kinh phí", …).
  std::map<std::string, std::string> attributes;
  SourceRef source;

  std::vector<std::string> lead_units() const { return split_units(lead); }
  std::vector<std::string> coordinating_units() const { return split_units(coordinating); }
  bool operator==(const Task&) const = default;
};

/// A row of Appendix II (the tasks of Nghị quyết 175/NQ-CP).
struct ResolutionTask {
  std::string id, section, number, lead, title, coordinating, directive, deadline_text, done_text,
      not_done_text, reason;
  SourceRef source;
  bool operator==(const ResolutionTask&) const = default;
};

/// A public-service row of Appendix III or IV. Its numbers are observations.
struct Service {
  std::string id, appendix, number, name, department, parent, note;
  SourceRef source;
  bool operator==(const Service&) const = default;
};

/// Administrative levels, from the top.
enum class Level { nation, province, district, commune, village };
std::string_view to_string(Level);
std::optional<Level> parse_level(std::string_view);

/// A dated link to a parent unit; both ends are inclusive, empty means open.
struct ParentLink {
  std::string parent;
  std::optional<Date> from, to;
  bool covers(Date d) const { return (!from || *from <= d) && (!to || d <= *to); }
  bool operator==(const ParentLink&) const = default;
};

/// An organisational unit with effective dates. The 2025 reform ended every district on 2025-06-30.
struct OrgUnit {
  std::string id, name;
  Level level = Level::province;
  std::string kind;  ///< "tỉnh", "thành phố", "thị xã", "huyện", "xã", "phường", ...
  std::optional<Date> valid_from, valid_to;
  std::vector<ParentLink> parents;

  /// Does the unit exist on `d` (closed interval [valid_from, valid_to])?
  bool valid_on(Date d) const { return (!valid_from || *valid_from <= d) && (!valid_to || d <= *valid_to); }
  /// The parent id on `d`, or nullptr for a root or when no link covers `d`.
  const std::string* parent_on(Date d) const {
    for (const auto& p : parents)
      if (p.covers(d)) return &p.parent;
    return nullptr;
  }
  bool operator==(const OrgUnit&) const = default;
};

enum class IndicatorKind { ratio, count, money, rank, boolean, value };
enum class Direction { higher, lower, none };
enum class Aggregation { ratio_of_sums, sum, min, max, none };
enum class Temporal { stock, flow };
/// Whether one more unit of the numerator is also one more unit of the denominator
/// (a new online dossier is also a new dossier: `grows`) or not (people already counted: `fixed`).
enum class DenominatorBehaviour { grows, fixed };

std::string_view to_string(IndicatorKind);
std::string_view to_string(Direction);
std::string_view to_string(Aggregation);
std::string_view to_string(Temporal);
std::string_view to_string(DenominatorBehaviour);

/// An indicator definition (DHIS2-style: display = factor × numerator ÷ denominator).
struct Indicator {
  std::string id, name;
  IndicatorKind kind = IndicatorKind::ratio;
  std::string unit;
  Direction direction = Direction::higher;
  std::int64_t factor = 1;
  int decimals = 0;
  std::string rounding = "half_up";  ///< a da06::Rounding name (see numbers.hpp)
  Aggregation aggregation = Aggregation::ratio_of_sums;
  Temporal temporal = Temporal::stock;
  DenominatorBehaviour denominator = DenominatorBehaviour::grows;
  std::string utility_group;
  bool operator==(const Indicator&) const = default;
};

/// A printed change against an earlier period ("Tăng 17.034 hồ sơ" = current − earlier).
struct Change {
  std::string against;    ///< period code of the earlier value, e.g. "2023-M12"
  std::int64_t delta = 0;  ///< signed: "Giảm 3" is −3
  std::string of;         ///< "numerator", "denominator" or "value"
  std::string published;
  bool operator==(const Change&) const = default;
};

/// An observation's value when it is not a ratio: nothing, an integer, an exact decimal string, a yes/no.
struct DecimalText {
  std::string text;  ///< plain exact decimal, e.g. "99.95"
  bool operator==(const DecimalText&) const = default;
};
using ObservationValue = std::variant<std::monostate, std::int64_t, DecimalText, bool>;

/// One published figure, with its exact numbers, its printed text and where it was printed.
struct Observation {
  std::string id, indicator, unit;
  std::string period;         ///< period code, or empty when as_of is set
  std::optional<Date> as_of;  ///< for stocks at a date
  std::string service;        ///< Service id, may be empty
  std::optional<std::int64_t> numerator, denominator;
  ObservationValue value;
  std::optional<std::int64_t> of;  ///< ranks: out of how many
  std::string published, published_value, qualifier, note;
  /// An observation whose value is the implied denominator of `published_value`
  /// ("26.541 người (đạt 10,39%)" of the 255.441 beneficiaries printed elsewhere).
  std::string denominator_ref;
  std::optional<Change> change;
  SourceRef source;

  bool is_ratio() const { return numerator.has_value() && denominator.has_value(); }
  bool operator==(const Observation&) const = default;
};

/// A declared total and the observations that are its parts:
/// quantity(total) == Σ quantity(part), where each quantity is value, numerator or denominator.
struct Total {
  std::string id, total;
  std::vector<std::string> parts;
  std::string quantity = "value";               ///< default quantity of the total and of every part
  std::string total_quantity;                   ///< overrides `quantity` for the total, may be empty
  std::vector<std::string> part_quantities;     ///< overrides per part (same length as parts), may be empty
  std::string note;
  SourceRef source;

  const std::string& quantity_of_total() const { return total_quantity.empty() ? quantity : total_quantity; }
  const std::string& quantity_of_part(std::size_t i) const {
    return i < part_quantities.size() ? part_quantities[i] : quantity;
  }
  bool operator==(const Total&) const = default;
};

enum class Comparator { ge, le, eq, gt, lt, top };
std::string_view to_string(Comparator);          ///< ">=", "<=", "=", ">", "<", "top"
std::optional<Comparator> parse_comparator(std::string_view);

struct Milestone {
  std::optional<Date> from;
  std::string threshold;  ///< exact decimal, display units
  bool operator==(const Milestone&) const = default;
};
struct TargetScope {
  std::string unit;           ///< a unit id, or empty
  std::vector<Level> levels;  ///< or the levels it applies to
  bool operator==(const TargetScope&) const = default;
};

/// What kind of figure an importer found in a document's prose.
enum class CandidateKind { ratio, percent, count, change };
std::string_view to_string(CandidateKind);  ///< "ratio" ("990/1.714"), "percent" ("đạt 57,8%"), "count", "change"
std::optional<CandidateKind> parse_candidate_kind(std::string_view);

/// Where a candidate stands: waiting for a person, made into an observation, or set aside.
enum class Review { pending, accepted, rejected };
std::string_view to_string(Review);  ///< "pending", "accepted", "rejected"
std::optional<Review> parse_review(std::string_view);

/// A figure of a document's prose, found by an importer ("tăng 17.034 hồ sơ so với tháng 12/2023") and
/// kept for review with its sentence and line. It is never used as data: no analysis, audit or report
/// reads candidates; a person makes an observation of it (and may record it in `observation`).
struct ObservationCandidate {
  std::string id;
  CandidateKind kind = CandidateKind::ratio;
  std::optional<std::int64_t> numerator, denominator;  ///< a ratio "a/b"
  std::string value;      ///< exact decimal: a percentage in percent, a count, a signed change
  std::string unit;       ///< the word printed after the number ("hồ sơ", "%"), may be empty
  std::string against;    ///< a change: what it is compared with, as printed ("tháng 12/2023")
  std::string published;  ///< the figure as printed
  std::string sentence;   ///< its sentence, verbatim
  Review review = Review::pending;
  std::string observation;  ///< the Observation id a reviewer made of it, may be empty
  std::string note;
  SourceRef source;
  bool operator==(const ObservationCandidate&) const = default;
};

/// A target: comparator and threshold, scope, dates and staged milestones.
struct Target {
  std::string id, indicator, task;
  Comparator comparator = Comparator::ge;
  std::string threshold;  ///< exact decimal, display units ("90" for 90 %)
  std::optional<std::int64_t> of;
  TargetScope scope;
  std::optional<Date> effective, deadline;
  std::vector<Milestone> milestones;
  std::string published, note;
  SourceRef source;
  bool operator==(const Target&) const = default;
};

/// A count the report claims about itself ("54 nhiệm vụ đã hoàn thành").
struct Claim {
  std::string id, subject, status;
  std::int64_t count = 0;
  std::string published;
  SourceRef source;
  bool operator==(const Claim&) const = default;
};

/// A place where the source lost content (e.g. Appendix III rows 14–21).
struct Gap {
  std::string id, appendix, rows, note;
  SourceRef source;
  bool operator==(const Gap&) const = default;
};

/// One term of a validation-rule side: coefficient × quantity(indicator [, service]) for the unit and period.
struct RuleTerm {
  std::string indicator;
  std::string quantity = "value";  ///< value | numerator | denominator
  std::string service;             ///< optional Service id
  std::int64_t coefficient = 1;
  bool operator==(const RuleTerm&) const = default;
};
/// A side of a rule: Σ terms + constant (an exact decimal, may be empty = 0).
struct RuleSide {
  std::vector<RuleTerm> terms;
  std::string constant;
  bool operator==(const RuleSide&) const = default;
};
enum class Importance { high, medium, low };
std::string_view to_string(Importance);
/// DHIS2's missing-value strategies: when a side has no data, skip the rule or treat the data as 0.
enum class MissingValuePolicy { skip_if_any_missing, skip_if_all_missing, never_skip };
std::string_view to_string(MissingValuePolicy);

/// A DHIS2-style validation rule: left  operator  right, evaluated per unit and period by the audit.
///   e.g. "online dossiers ≤ all dossiers":  left = numerator(x), operator "<=", right = denominator(x)
struct ValidationRule {
  std::string id, name, description;
  RuleSide left;
  Comparator op = Comparator::le;  ///< >=, <=, =, >, < (not top)
  RuleSide right;
  Importance importance = Importance::medium;
  MissingValuePolicy missing_value = MissingValuePolicy::skip_if_any_missing;
  std::vector<Level> levels;  ///< empty: every level
  SourceRef source;
  bool operator==(const ValidationRule&) const = default;
};

/// Everything a framework file holds. Build one with the loader; read it through Framework.
struct FrameworkData {
  std::string id, title, province;
  DocumentRef plan, report;
  PeriodRef period;
  std::vector<SourceDocument> sources;
  std::vector<UtilityGroup> utility_groups;
  std::vector<TaskGroup> task_groups;
  std::vector<Task> tasks;
  std::vector<ResolutionTask> resolution_tasks;
  std::vector<Service> services;
  std::vector<OrgUnit> units;
  std::vector<Indicator> indicators;
  std::vector<Observation> observations;
  std::vector<Total> totals;
  std::vector<Target> targets;
  std::vector<Claim> claims;
  std::vector<Gap> gaps;
  std::vector<ValidationRule> validation_rules;
  std::vector<ObservationCandidate> observation_candidates;  ///< imported figures waiting for review
  bool operator==(const FrameworkData&) const = default;
};

/// An immutable, cheaply copyable framework. Lookups by id are O(1).
class Framework {
 public:
  Framework();  ///< an empty framework
  explicit Framework(FrameworkData data);

  const FrameworkData& data() const noexcept { return *data_; }
  const std::string& id() const noexcept { return data().id; }
  const std::string& title() const noexcept { return data().title; }
  const std::vector<Task>& tasks() const noexcept { return data().tasks; }
  const std::vector<TaskGroup>& task_groups() const noexcept { return data().task_groups; }
  const std::vector<Indicator>& indicators() const noexcept { return data().indicators; }
  const std::vector<Observation>& observations() const noexcept { return data().observations; }
  const std::vector<Target>& targets() const noexcept { return data().targets; }
  const std::vector<OrgUnit>& units() const noexcept { return data().units; }
  const std::vector<ObservationCandidate>& observation_candidates() const noexcept {
    return data().observation_candidates;
  }

  const Task* find_task(std::string_view id) const;
  const TaskGroup* find_task_group(std::string_view id) const;
  const Indicator* find_indicator(std::string_view id) const;
  const Observation* find_observation(std::string_view id) const;
  const OrgUnit* find_unit(std::string_view id) const;
  const Service* find_service(std::string_view id) const;

  /// Number of tasks whose group is `group_id`.
  int task_count_in_group(std::string_view group_id) const;

  bool operator==(const Framework& o) const { return data_ == o.data_ || data() == o.data(); }

 private:
  struct Shared;
  std::shared_ptr<const Shared> p_;  // id indexes
  std::shared_ptr<const FrameworkData> data_;
};

}  // namespace v1
}  // namespace da06
