// Internal: what the audit's check families share (as SQLite's whereInt.h serves where*.c).
//
// The audit is a table of checks (checks.cpp): each entry names one AuditCheck, its family and the
// function that runs it over an `Auditor`. A family is one file:
//
//   percentages.cpp  printed_percentage, numerator_exceeds_denominator, percentage_over_100
//   totals.cpp       total
//   consistency.cpp  change, conflicting_figures, remainder
//   claims.cpp       group_count, claim, claim_status
//   documents.cpp    plan_reference
//   rules.cpp        validation_rule
//
// figures.cpp holds the helpers that read an observation's quantities and write exact numbers as text.
// Adding a check: an AuditCheck value (audit.hpp), one row of the table, and its function in a family file.
#pragma once

#include "da06/audit.hpp"
#include "da06/numbers.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace da06::inline v1::detail::audit {

/// The state of one audit run: the framework, the options, and the findings so far.
struct Auditor {
  const Framework& fw;
  const FrameworkData& d;
  const AuditOptions& opt;
  std::vector<Finding> out;
  std::set<std::string> ids;

  Auditor(const Framework& f, const AuditOptions& o) : fw(f), d(f.data()), opt(o) {}

  /// Keeps `f` (unless it is info and the options leave info out), with its id made unique by a
  /// "/2", "/3", … suffix in the order the findings are added.
  void add(Finding f);
  const Indicator* indicator_of(const Observation& o) const { return fw.find_indicator(o.indicator); }
};

/// One check of the audit: its name (as in JSON and docs/audit.md), its family (the file it lives in)
/// and the function that adds its findings.
struct CheckEntry {
  AuditCheck check;
  std::string_view name;
  std::string_view family;
  void (*run)(Auditor&);
};

// --- the checks, by family --------------------------------------------------------------------

void check_printed_percentages(Auditor& a);
void check_numerator_exceeds_denominator(Auditor& a);
void check_percentages_over_100(Auditor& a);
void check_totals(Auditor& a);
void check_changes(Auditor& a);
void check_conflicting_figures(Auditor& a);
void check_remainders(Auditor& a);
void check_group_counts(Auditor& a);
void check_claims(Auditor& a);
void check_claim_status(Auditor& a);
void check_plan_references(Auditor& a);
void check_validation_rules(Auditor& a);

// --- figures: quantities and exact text (figures.cpp) --------------------------------------------

/// A plain decimal when the value has a finite expansion ("98.74", "-3"), otherwise the reduced fraction "n/d".
std::string exact_text(const Ratio& r);
/// Vietnamese display: "98,734009…" (truncated to `places`, with an ellipsis when inexact), "1.714".
std::string vn_approx(const Ratio& r, int places = 6);
/// "1.714"
std::string vn_int(std::int64_t v);
/// "98,73%"
std::string vn_percent(const Decimal& d);

/// A location that names only the field (for errors about a framework built in code, which has no file).
inline Location field_location(std::string field) {
  Location where;
  where.field = std::move(field);
  return where;
}

/// The observation's value as an exact number; empty for a boolean or a missing value.
/// Throws DataError (naming the observation) for a decimal text that does not parse.
std::optional<Ratio> value_of(const Observation& o);
/// The quantity "value", "numerator" or "denominator" of an observation, if it has it.
std::optional<Ratio> quantity(const Observation& o, std::string_view q);
/// The observation's value as stored: "n/d" for a ratio, the integer, the decimal text, "true"/"false".
std::string value_text(const Observation& o);
/// The observation's period code, else its as-of date "YYYY-MM-DD", else "".
std::string period_key(const Observation& o);
/// The money scale an indicator's unit names ("tỷ đồng", "triệu đồng", "đồng"), if any.
std::optional<MoneyScale> money_unit(std::string_view unit);
/// The indicator's rounding mode (half_up when there is no indicator).
/// Throws DataError (naming the indicator) for a name that is not a rounding mode.
Rounding declared_rounding(const Indicator* ind);

/// The numerator and denominator an observation's percentages are read against: its own numerator
/// and denominator, or its value and the value of its `denominator_ref`.
struct Share {
  std::optional<Ratio> num, den;
  std::string num_name = "numerator", den_name = "denominator";
  const Observation* ref = nullptr;  ///< the denominator_ref observation, if any
};
Share share_of(const Framework& fw, const Observation& o);

/// Every distinct percentage printed for an observation: its published_value and any "…%" inside published.
std::vector<std::string> printed_percentages(const Observation& o);

}  // namespace da06::inline v1::detail::audit
