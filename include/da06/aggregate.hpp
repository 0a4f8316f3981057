// da06/aggregate.hpp — aggregation up the dated hierarchy (Σnumerator / Σdenominator, never an average of percentages),
// a columnar batch engine for national scale, restating series across the 2025 reform, and comparisons across units.
//
//   da06::Hierarchy h = da06::load_hierarchy_file("units.csv").hierarchy;
//   da06::AggregationPlan plan(h, da06::Level::province, boost::gregorian::date(2024, 6, 30));
//   da06::ObservationColumns cols{unit, indicator, period, numerator, denominator, n};   // caller's arrays, not copied
//   da06::AggregateResult r = plan.run(cols);
//   for (std::size_t g = 0; g < r.size(); ++g)
//     std::cout << h.id(r.unit(g)) << ' ' << r.indicator(g) << ' ' << r.period(g) << ' '
//               << r.ratio(g) << '\n';                 // exact: Σnum/Σden as summed, not reduced
//
// The rule (DHIS2, UNICEF): numerator and denominator are summed separately up the hierarchy and divided
// last. Sums are exact: int64 with overflow detection, and a 128-bit pass when a sum would overflow — never
// wrapped. Observations of a unit that has no ancestor at the level on the date (a district in 2026, a unit
// not yet created) are reported in `dropped_units()`, never silently left out. Details: docs/aggregation.md.
#ifndef DA06_AGGREGATE_HPP
#define DA06_AGGREGATE_HPP

#include "error.hpp"
#include "hierarchy.hpp"
#include "model.hpp"
#include "numbers.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace da06 {
inline namespace v1 {

namespace detail {
struct ResultBuilder;
}  // namespace detail

// ---------------------------------------------------------------------------
// Inputs

/// Observations as parallel arrays owned by the caller (no copies). Row i is
/// (unit[i], indicator[i], period[i], numerator[i], denominator[i]); `unit` is a Hierarchy index,
/// `indicator` and `period` are dense codes 0..count−1 chosen by the caller.
struct ObservationColumns {
  const std::int32_t* unit = nullptr;
  const std::int32_t* indicator = nullptr;
  const std::int32_t* period = nullptr;
  const std::int64_t* numerator = nullptr;
  const std::int64_t* denominator = nullptr;
  std::size_t n = 0;
};

/// The integer type of a code column (`CodeView`).
enum class CodeType : std::uint8_t { i8, i16, i32, i64, u8, u16, u32, u64 };

/// A column of integer codes of any width, read in place (pandas category codes are int8/int16).
/// With `map`, code c stands for `map[c]` (category code → Hierarchy index); a code outside
/// [0, map_size) is a bad row. Without a map the code is the value itself.
struct CodeView {
  const void* data = nullptr;
  CodeType type = CodeType::i32;
  const std::int32_t* map = nullptr;
  std::size_t map_size = 0;
  CodeView() = default;
  CodeView(const std::int32_t* p) : data(p) {}  // NOLINT(google-explicit-constructor): int32 is the plain case
  CodeView(const void* p, CodeType t, const std::int32_t* m = nullptr, std::size_t m_size = 0)
      : data(p), type(t), map(m), map_size(m_size) {}
  /// The code of row i as written (before the map).
  std::int64_t raw(std::size_t i) const;
  /// The value of row i after the map; −1 when the code has no value (out of the map, or beyond int32).
  std::int32_t value(std::size_t i) const;
};

/// `ObservationColumns` with code columns of any integer width, optionally remapped. Same rules.
struct ObservationView {
  CodeView unit, indicator, period;
  const std::int64_t* numerator = nullptr;
  const std::int64_t* denominator = nullptr;
  std::size_t n = 0;
  ObservationView() = default;
  ObservationView(CodeView u, CodeView k, CodeView p, const std::int64_t* num, const std::int64_t* den, std::size_t rows)
      : unit(u), indicator(k), period(p), numerator(num), denominator(den), n(rows) {}
  ObservationView(const ObservationColumns& c)  // NOLINT(google-explicit-constructor)
      : unit(c.unit), indicator(c.indicator), period(c.period), numerator(c.numerator), denominator(c.denominator), n(c.n) {}
};

/// A dense cube, C order [unit][indicator][period], `unit` running over every Hierarchy index.
/// `present` (optional, same shape) marks the cells that hold an observation; nullptr = all.
struct ObservationCube {
  const std::int64_t* numerator = nullptr;
  const std::int64_t* denominator = nullptr;
  const std::uint8_t* present = nullptr;
  std::int32_t unit_count = 0, indicator_count = 0, period_count = 0;
};

/// A target for the status column: met when `ratio comparator value`. `value` is a fraction
/// (90 % is 9/10); `percent("90")` builds it from display units.
struct IndicatorThreshold {
  Comparator comparator = Comparator::ge;
  Ratio value;
  /// `IndicatorThreshold::percent("90")` is ≥ 9/10; `percent("0,5", le)` is not accepted (plain decimal: "0.5").
  static IndicatorThreshold percent(std::string_view decimal, Comparator c = Comparator::ge);
  bool met_by(const Ratio& r) const;
};

struct AggregateOptions {
  /// Number of indicator / period codes; 0 = max code + 1 (one extra scan of the codes).
  std::int32_t indicator_count = 0, period_count = 0;
  /// By indicator code (may be shorter than indicator_count; missing = no target). Comparator `top` is refused.
  std::vector<std::optional<IndicatorThreshold>> thresholds;
  /// Worker threads for the pass: 0 = automatic (one per core, when each gets ≥ 1 Mi rows and the rows
  /// outnumber the cells), 1 = the calling thread only. Results are identical for any value.
  unsigned threads = 0;
};

enum class GroupStatus : std::uint8_t { met = 0, not_met = 1, no_target = 2, no_denominator = 3 };
std::string_view to_string(GroupStatus);

/// The observations of one unit that could not be placed under an ancestor, summed.
struct DroppedUnit {
  std::int32_t unit = -1;
  AncestorStatus reason = AncestorStatus::unit_not_valid;
  std::int64_t rows = 0;
  BigInt numerator, denominator;
};
/// A row refused because a code is out of range or a count is negative (the first 1000 are kept).
struct BadRow {
  std::size_t row = 0;  ///< 0-based index in the input arrays
  std::string message;
};

// ---------------------------------------------------------------------------
// The result

/// One group per (ancestor unit, indicator, period) that has at least one row, ordered by unit index,
/// then indicator, then period. Arrays are exposed for a C ABI / numpy wrapper (valid while the result lives).
class AggregateResult {
 public:
  AggregateResult();  ///< no groups
  AggregateResult(const AggregateResult&);
  AggregateResult(AggregateResult&&) noexcept;
  AggregateResult& operator=(const AggregateResult&);
  AggregateResult& operator=(AggregateResult&&) noexcept;
  ~AggregateResult();

  std::size_t size() const noexcept;
  Level level() const noexcept;
  Date as_of() const noexcept;

  std::int32_t unit(std::size_t g) const;  ///< Hierarchy index of the ancestor
  std::int32_t indicator(std::size_t g) const;
  std::int32_t period(std::size_t g) const;
  std::int64_t rows(std::size_t g) const;  ///< observations summed into the group

  /// True when Σnumerator and Σdenominator both fit in int64 (always, unless `overflowed()`).
  bool fits_int64(std::size_t g) const;
  bool overflowed() const noexcept;
  /// Σnumerator; RangeError when it does not fit in int64 (use numerator_big).
  std::int64_t numerator(std::size_t g) const;
  std::int64_t denominator(std::size_t g) const;
  BigInt numerator_big(std::size_t g) const;
  BigInt denominator_big(std::size_t g) const;
  /// Σnumerator/Σdenominator exactly, as summed (not reduced); DataError when Σdenominator is 0.
  Ratio ratio(std::size_t g) const;
  bool has_ratio(std::size_t g) const;
  /// Nearest double of the ratio (NaN when Σdenominator is 0). For statistics and plots only.
  double ratio_double(std::size_t g) const;
  /// ratio − threshold, exactly; nullopt without a target or a denominator.
  std::optional<Ratio> gap(std::size_t g) const;
  double gap_double(std::size_t g) const;  ///< NaN without a target or a denominator
  GroupStatus status(std::size_t g) const;

  // Column views (size() elements). numerators()/denominators() hold the low 64 bits: check overflowed() first.
  const std::int32_t* units() const noexcept;
  const std::int32_t* indicators() const noexcept;
  const std::int32_t* periods() const noexcept;
  const std::int64_t* numerators() const noexcept;
  const std::int64_t* denominators() const noexcept;
  const std::int64_t* row_counts() const noexcept;
  const double* ratios() const noexcept;
  const double* gaps() const noexcept;
  const GroupStatus* statuses() const noexcept;

  /// Units whose rows were not aggregated, with the reason and their sums.
  const std::vector<DroppedUnit>& dropped_units() const noexcept;
  /// Rows refused outright (bad codes, negative counts), and how many in all.
  const std::vector<BadRow>& bad_rows() const noexcept;
  std::size_t bad_row_count() const noexcept;
  std::size_t rows_used() const noexcept;
  std::size_t rows_dropped() const noexcept;

 private:
  friend class AggregationPlan;
  friend struct detail::ResultBuilder;  // run's steps (src/aggregate/run.cpp) fill the columns
  // The columns (src/aggregate/aggregate_internal.hpp): large ones in huge-page memory, sums beyond
  // int64 in 128 bits; none of it is part of the interface.
  struct Impl;
  const Impl& impl() const noexcept;
  std::unique_ptr<Impl> p_;
};

// ---------------------------------------------------------------------------
// The engine

/// The precomputed part of an aggregation to `level` as of `as_of`: the ancestor of every unit,
/// numbered densely. Immutable; build once, run on any number of batches (concurrently too).
class AggregationPlan {
 public:
  AggregationPlan(const Hierarchy& h, Level level, Date as_of);

  const Hierarchy& hierarchy() const noexcept { return h_; }
  Level level() const noexcept { return level_; }
  Date as_of() const noexcept { return as_of_; }
  /// unit index → ancestor index at the level, or −1 (what Hierarchy::ancestor_map returns).
  const std::vector<std::int32_t>& ancestor_map() const noexcept { return ancestor_; }
  /// The distinct ancestors, in index order (the target units that can receive rows).
  const std::vector<std::int32_t>& targets() const noexcept { return targets_; }

  /// One pass: scatter-add into a dense (target × indicator × period) array, then ratio, gap, status.
  /// InvalidArgument if a non-empty input has a null pointer.
  AggregateResult run(const ObservationColumns& obs, const AggregateOptions& opt = {}) const;
  /// The same on code columns of any integer width (read in place, staged 2048 rows at a time).
  AggregateResult run(const ObservationView& obs, const AggregateOptions& opt = {}) const;
  AggregateResult run(const ObservationCube& cube, const AggregateOptions& opt = {}) const;

 private:
  Hierarchy h_;
  Level level_;
  Date as_of_;
  std::vector<std::int32_t> ancestor_, dense_, targets_;  // dense_: unit → 0..targets−1 or −1
  std::vector<AncestorStatus> why_;                       // per unit, when dense_ is −1
};

/// Which build of the kernel's run path this CPU uses: "avx2" or "generic" (the environment variable
/// DA06_KERNEL=generic forces the portable one). Results are identical; only speed differs.
std::string_view aggregation_kernel();

/// Convenience: `AggregationPlan(h, level, as_of).run(obs, opt)`.
AggregateResult aggregate(const Hierarchy& h, const ObservationColumns& obs, Level level, Date as_of,
                          const AggregateOptions& opt = {});

// ---------------------------------------------------------------------------
// Observations with names (CSV, frameworks)

/// One count observation with names, as read from `unit,indicator,period,numerator,denominator`.
struct CountRow {
  std::string unit, indicator, period;
  std::int64_t numerator = 0, denominator = 0;
  Location where;  ///< file and line it came from, when read from a file
};
struct CountTable {
  std::vector<CountRow> rows;
  std::vector<Diagnostic> diagnostics;  ///< FILE:LINE:COL: column: message — bad rows are skipped and named
  bool ok() const;
};
/// CSV with the header `unit,indicator,period,numerator,denominator`. Counts are int64 ≥ 0;
/// `numerator` may exceed `denominator` (not every indicator is a proportion); an empty cell is an error.
CountTable load_counts_csv(std::string_view text, const std::string& file = "<csv>");
CountTable load_counts_file(const std::string& path);
/// The observations of a framework that have a numerator, a denominator and a period.
std::vector<CountRow> count_rows(const Framework& fw);

/// The result of aggregating named rows: the engine's result plus the code → name tables and the
/// hierarchy its unit indices refer to. `to_json(const NamedAggregate&)` (json.hpp) is `da06 aggregate --json`.
struct NamedAggregate {
  AggregateResult result;
  Hierarchy hierarchy;                           ///< result.unit(g) is an index into it
  std::vector<std::string> indicators, periods;  ///< sorted; code i names indicators[i]
  std::vector<Diagnostic> diagnostics;          ///< rows whose unit is not in the hierarchy (errors), dropped units (warnings)
};
/// Encode names, aggregate, and report. `thresholds` by indicator name.
NamedAggregate aggregate_rows(const Hierarchy& h, const std::vector<CountRow>& rows, Level level, Date as_of,
                              const std::vector<std::pair<std::string, IndicatorThreshold>>& thresholds = {});

// ---------------------------------------------------------------------------
// Restating a series across the 2025 reform

/// One row of a mapping table: the share of `old_id` that went to `new_id` (an exact decimal in (0, 1]).
struct MappingEntry {
  std::string old_id, new_id;
  Decimal share;
  Location where;  ///< the share's cell (and the row's place when the ids' cells are not known)
  Location old_where = {}, new_where = {};  ///< the id cells, when read from a file (line 0: unknown)
};

struct MappingLoad;
MappingLoad build_mapping(std::vector<MappingEntry> entries, const std::string& file);

/// Old units → new units, one-to-many (a split, with shares) and many-to-one (a merge, share 1 each).
/// Checked: shares are in (0, 1]; an (old, new) pair appears once; the shares of each old unit sum to
/// exactly 1. Every entry of an old unit that breaks a rule is rejected (with a located diagnostic).
class UnitMapping {
 public:
  UnitMapping() = default;
  /// Strict: throws LoadError when any entry is rejected.
  explicit UnitMapping(std::vector<MappingEntry> entries);

  struct Target {
    std::string new_id;
    Ratio share;  ///< reduced
  };
  /// The new units of `old_id` in table order, or nullptr when the mapping does not know it.
  const std::vector<Target>* targets(std::string_view old_id) const;
  std::size_t old_count() const noexcept { return map_ ? map_->size() : 0; }
  const std::vector<MappingEntry>& entries() const noexcept;

 private:
  friend MappingLoad build_mapping(std::vector<MappingEntry> entries, const std::string& file);
  std::shared_ptr<const std::vector<std::pair<std::string, std::vector<Target>>>> map_;  // sorted by old id
  std::shared_ptr<const std::vector<MappingEntry>> entries_;
};
struct MappingLoad {
  UnitMapping mapping;
  std::vector<Diagnostic> diagnostics;
  bool ok() const;
};
MappingLoad build_mapping(std::vector<MappingEntry> entries, const std::string& file = "<mapping>");
/// CSV `old_id,new_id,share`; shares are plain decimals ("0.25", "1"). Errors: FILE:LINE:COL: share: message.
MappingLoad load_mapping_csv(std::string_view text, const std::string& file = "<csv>");

/// A restated observation: exact rational numerator and denominator on a new unit.
struct RestatedRow {
  std::string unit, indicator, period;
  Ratio numerator, denominator;  ///< Σ share × count, exact (reduced)
  /// numerator ÷ denominator, exact; DataError when the denominator is 0.
  Ratio ratio() const;
};
struct Restated {
  std::vector<RestatedRow> rows;             ///< sorted by unit, indicator, period
  std::vector<std::string> unmapped_units;   ///< units of the input that the mapping does not know (rows left out)
  std::size_t unmapped_rows = 0;
};
/// Restate counts on the new units: each old row contributes share × numerator and share × denominator
/// to each of its new units; contributions to the same (new unit, indicator, period) are summed.
/// Fractions are kept exactly (no rounding): the restated ratio is Σ(share·num) / Σ(share·den).
/// Round at the edge for display, or use `apportion` when whole counts must be published.
Restated restate(const UnitMapping& m, const std::vector<CountRow>& rows);

/// Largest-remainder (Hamilton) apportionment of a whole count: floor(total × share) each, then the
/// remaining units one by one to the largest remainders; ties go to the earlier share.
/// Shares must be ≥ 0 and sum to 1 (InvalidArgument otherwise); total ≥ 0. The result sums to `total`.
///   apportion(10, {1/3, 1/3, 1/3}) == {4, 3, 3}
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<Ratio>& shares);

// ---------------------------------------------------------------------------
// Across units

/// A unit's value for one indicator and period.
struct UnitValue {
  std::int32_t unit = -1;
  Ratio value;
};
/// The groups of `r` for (indicator, period) that have a denominator (groups with Σden = 0 are left out).
std::vector<UnitValue> values_of(const AggregateResult& r, std::int32_t indicator, std::int32_t period);

struct RankedUnit {
  std::int32_t unit = -1;
  Ratio value;
  int rank = 0;              ///< 1 = best
  std::int32_t parent = -1;  ///< the sibling group (rank_among_siblings), −1 otherwise
};
/// Standard competition ranking ("1224"): equal values share the best rank and the next rank skips.
/// `higher` ranks the largest value first, `lower` the smallest; `none` is InvalidArgument.
/// Equal values are listed in unit index order. Values compare exactly (Ratio), never as doubles.
std::vector<RankedUnit> rank(std::vector<UnitValue> values, Direction direction);
/// Ranks within each group of siblings (same parent on `as_of`); output grouped by parent index.
std::vector<RankedUnit> rank_among_siblings(const Hierarchy& h, Date as_of, std::vector<UnitValue> values,
                                            Direction direction);

/// Minimum, median and maximum, exactly. The median of an even count is the mean of the two middle values.
struct Distribution {
  std::size_t count = 0;
  Ratio min, median, max;
};
std::optional<Distribution> distribution(const std::vector<UnitValue>& values);  ///< nullopt when empty
/// How many values are strictly below `target` (e.g. below 9/10 for a "≥ 90 %" target).
std::size_t count_below(const std::vector<UnitValue>& values, const Ratio& target);
/// The `n` worst units for `direction` (lowest first for `higher`), ties in unit index order; ranks as in `rank`.
std::vector<RankedUnit> worst(std::vector<UnitValue> values, std::size_t n, Direction direction);

}  // namespace v1
}  // namespace da06

#endif  // DA06_AGGREGATE_HPP
