// da06/dossier_index.hpp — the QĐ 766 index ("Bộ chỉ số 766"): rule sets as data, exact points, counts.
//
// Quyết định 766/QĐ-TTg (23/6/2022) scores every province and commune on five groups (18/20/22/22/18
// points); the national portal shows group 4 as two (CLGQ 12 + TTTT 10). An indicator's points are
//
//     points = max × min(1, (numerator / denominator) × factor / threshold)
//
// computed exactly on integers and rounded once to `decimals` (2) places, half up; a group is the sum
// of its rounded indicators (the portal's own rule: xã Ba Vì's payment group is 4.66 + 0.24 + 0.24 =
// 5.14, not the 5.15 of the unrounded sum). A zero denominator gives zero points or full points, per
// indicator (`ZeroRule`). `factor` is an optional second ratio (online submissions × the sync rate).
//
// A rule set (`IndexRules`) is data: version, groups, indicators with their counters, maxima,
// thresholds, zero rules and the evidence behind each one. `portal_2026_rules()` is the national
// portal's method as observed in Sept–Oct 2026; `load_index_rules` reads the same shape from JSON,
// so the next set needs no rebuild. Counts are named counters per unit and period (`CountCell`).
//
//   auto rules = da06::portal_2026_rules();
//   da06::CountCell c{"xa_ba_vi", "2026", {{"received", 4474}, {"on_time", 4358}}};
//   auto rows = da06::score_indicators(rules, c);   // TDGQ ON_TIME: 4358/4474 → 19.48 points of 20
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

/// Points when the denominator is 0.
enum class ZeroRule : std::uint8_t {
  zero = 0,  ///< no points (progress, payment, online ratios)
  full = 1,  ///< the maximum (complaints when there are none; certified copies null/null)
};
/// "zero", "full".
std::string_view to_string(ZeroRule z) noexcept;

/// Where a rule comes from, strongest first.
enum class RuleEvidence : std::uint8_t {
  official = 0,  ///< the decision's text or an official copy of it
  portal = 1,    ///< reproduced exactly from the national portal's published numbers
  document = 2,  ///< an unofficial description (DOCX/XLSX of unknown provenance)
  inferred = 3,  ///< an inference that fits every observation but no document states
};
/// "official", "portal", "document", "inferred".
std::string_view to_string(RuleEvidence e) noexcept;

/// A group of the index (CKMB, TDGQ, CLGQ, TTTT, MDSH, MDHL).
struct IndexGroup {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::int64_t max_points = 0;  ///< in units of 10^-decimals (hundredths for 2 decimals)
};

/// One scored (or tracked) indicator.
struct IndexIndicator {
  std::string code;         ///< the portal's code, e.g. "ON_TIME", "REUSED_DIGITIZED_DATA"
  std::string group;        ///< IndexGroup::code
  std::string number;       ///< the decision's numbering, e.g. "2.1"
  std::string name_vi;
  std::string name_en;
  std::string numerator;    ///< counter name
  std::string denominator;  ///< counter name
  std::string factor_numerator;    ///< optional second ratio multiplied in ("" = none)
  std::string factor_denominator;
  std::int64_t max_points = 0;     ///< in units of 10^-decimals; 0 = tracked, not scored
  std::int64_t threshold_numerator = 1;    ///< the ratio that earns full points (1/1 = linear)
  std::int64_t threshold_denominator = 1;
  ZeroRule on_zero = ZeroRule::zero;
  RuleEvidence evidence = RuleEvidence::portal;
  std::string note;  ///< why, and what is uncertain
};

/// A versioned rule set.
struct IndexRules {
  std::string version;  ///< e.g. "portal-2026-10"
  std::string title;
  std::string source;
  int decimals = 2;     ///< points are rounded half up to this many decimals, each indicator once
  std::vector<IndexGroup> groups;
  std::vector<IndexIndicator> indicators;

  const IndexGroup* group(std::string_view code) const noexcept;
  const IndexIndicator* indicator(std::string_view code) const noexcept;
  /// Throws DataError naming the indicator and field: unknown group, a threshold ≤ 0, indicator maxima
  /// not adding up to their group's maximum, a duplicate code.
  void validate() const;
};

/// The national portal's method as observed in Sept–Oct 2026 (docs/dossiers.md lists the evidence).
IndexRules portal_2026_rules();
/// The same, with the inferred CLGQ 3.3 rule switched: online submissions × the sync rate.
IndexRules portal_2026_rules_with_sync_factor();

/// Reads a rule set from JSON (the shape `index_rules_to_json` writes). Errors are located
/// (`FILE:LINE:COL: $.indicators[3].threshold: …`); `file` names the source in messages.
IndexRules load_index_rules(std::string_view json, const std::string& file = "<string>");
/// The JSON of a rule set (stable field names; round-trips through load_index_rules).
std::string index_rules_to_json(const IndexRules& rules);

/// Counts of one unit in one period. A counter that is absent counts 0; an absent denominator of an
/// indicator whose rule is `full` gives full points (the portal's null/null).
struct CountCell {
  std::string unit;
  std::string period;
  std::map<std::string, std::int64_t, std::less<>> counts;
  std::int64_t get(std::string_view name) const noexcept;
};

/// One row of a score: the inputs and the result, with the rule version.
struct ScoreRow {
  std::string unit;
  std::string period;
  std::string group;
  std::string indicator;
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  std::optional<double> ratio;          ///< numerator / denominator (display only); empty for 0/0
  std::int64_t threshold_numerator = 1;
  std::int64_t threshold_denominator = 1;
  std::int64_t factor_numerator = 0;    ///< 0/0 when the indicator has no factor
  std::int64_t factor_denominator = 0;
  std::int64_t points = 0;              ///< in units of 10^-decimals
  std::int64_t max_points = 0;
  bool zero_rule_applied = false;
  std::string rules_version;
};

/// A unit's group and total points.
struct UnitScore {
  std::string unit;
  std::string period;
  std::map<std::string, std::int64_t> groups;  ///< group code → points (10^-decimals)
  std::int64_t total = 0;
  int rank = 0;  ///< 1 = best; ties share a rank ("1224")
};

/// Points of one indicator for counts n/d (and an optional factor fn/fd), exact, rounded half up.
std::int64_t indicator_points(const IndexIndicator& ind, std::int64_t n, std::int64_t d, std::int64_t fn = 0,
                              std::int64_t fd = 0, bool* zero_rule_applied = nullptr);
/// Every indicator row of one cell, in rule order.
std::vector<ScoreRow> score_indicators(const IndexRules& rules, const CountCell& cell);
/// Group sums and total of one cell.
UnitScore score_unit(const IndexRules& rules, const CountCell& cell);
/// Totals of many cells, ranked within each period (best first).
std::vector<UnitScore> rank_units(const IndexRules& rules, const std::vector<CountCell>& cells);

/// What a unit can change: existing dossiers that become on time, online or paid online.
enum class IndexLever : std::uint8_t { on_time = 0, online = 1, paid_online = 2 };
/// "on_time", "online", "paid_online".
std::string_view to_string(IndexLever l) noexcept;
/// The counter pair a lever moves: on_time/received, online/channel_total, paid_online/fee_obligation.
std::pair<std::string_view, std::string_view> lever_counters(IndexLever l) noexcept;

struct WhatItTakes {
  IndexLever lever = IndexLever::on_time;
  std::int64_t current_total = 0;      ///< 10^-decimals
  std::int64_t target_total = 0;
  std::optional<std::int64_t> extra;   ///< smallest number of dossiers; empty when unreachable
  std::int64_t available = 0;          ///< dossiers that could still change (denominator − numerator)
  std::int64_t reached_total = 0;      ///< the total with `extra` dossiers changed (or all available)
};

/// The smallest k ≥ 0 such that k more dossiers of the cell's cohort being on time (online, paid
/// online) — numerator + k, denominator unchanged — brings the total to ≥ `target_total`
/// (10^-decimals). Points never fall as a numerator grows, so this is a binary search; the tests
/// check it against a linear scan.
WhatItTakes what_it_takes(const IndexRules& rules, const CountCell& cell, IndexLever lever, std::int64_t target_total);

}  // namespace v1
}  // namespace da06
