// The audit: a framework's published figures checked against each other with exact arithmetic.
// This file is the table of checks and the driver; each family of checks has its own file
// (audit_internal.hpp lists them). Every check is described, with its formula and a worked example
// from the seed, in docs/audit.md.
#include "audit_internal.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <tuple>

namespace da06 {
inline namespace v1 {

namespace detail::audit {
namespace {

/// The checks, in AuditCheck order (checked below): adding a check is one row here.
constexpr std::array<CheckEntry, 12> checks{{
    {AuditCheck::printed_percentage, "printed_percentage", "percentages", check_printed_percentages},
    {AuditCheck::numerator_exceeds_denominator, "numerator_exceeds_denominator", "percentages",
     check_numerator_exceeds_denominator},
    {AuditCheck::percentage_over_100, "percentage_over_100", "percentages", check_percentages_over_100},
    {AuditCheck::total, "total", "totals", check_totals},
    {AuditCheck::group_count, "group_count", "claims", check_group_counts},
    {AuditCheck::change, "change", "consistency", check_changes},
    {AuditCheck::claim, "claim", "claims", check_claims},
    {AuditCheck::claim_status, "claim_status", "claims", check_claim_status},
    {AuditCheck::conflicting_figures, "conflicting_figures", "consistency", check_conflicting_figures},
    {AuditCheck::remainder, "remainder", "consistency", check_remainders},
    {AuditCheck::plan_reference, "plan_reference", "documents", check_plan_references},
    {AuditCheck::validation_rule, "validation_rule", "rules", check_validation_rules},
}};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < checks.size(); ++i)
    if (static_cast<std::size_t>(checks[i].check) != i) return false;
  return true;
}
static_assert(in_enum_order(), "the table of checks lists every AuditCheck once, in the enum's order");

/// By source line (unknown lines last), then check, then id. Ids are unique, so the order is total.
bool before(const Finding& a, const Finding& b) {
  int la = a.source.line > 0 ? a.source.line : INT_MAX, lb = b.source.line > 0 ? b.source.line : INT_MAX;
  return std::tie(la, a.check, a.id) < std::tie(lb, b.check, b.id);
}

}  // namespace

void Auditor::add(Finding f) {
  if (f.severity == AuditSeverity::info && !opt.include_info) return;
  std::string base = f.id;
  for (int n = 2; ids.count(f.id); ++n) f.id = base + "/" + std::to_string(n);
  ids.insert(f.id);
  out.push_back(std::move(f));
}

}  // namespace detail::audit

std::string_view to_string(AuditCheck c) {
  auto i = static_cast<std::size_t>(c);
  return i < detail::audit::checks.size() ? detail::audit::checks[i].name : "?";
}

std::string_view to_string(AuditSeverity s) {
  switch (s) {
    case AuditSeverity::error: return "error";
    case AuditSeverity::warning: return "warning";
    case AuditSeverity::info: return "info";
  }
  return "?";
}

const AuditValue* Finding::value(std::string_view name) const {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

std::size_t AuditCounts::of(AuditSeverity s) const noexcept {
  switch (s) {
    case AuditSeverity::error: return error;
    case AuditSeverity::warning: return warning;
    case AuditSeverity::info: return info;
  }
  return 0;
}

AuditReport audit_report(const Framework& fw, const AuditOptions& options) {
  detail::audit::Auditor a(fw, options);
  for (const auto& check : detail::audit::checks) check.run(a);
  std::stable_sort(a.out.begin(), a.out.end(), detail::audit::before);
  AuditReport r;
  r.framework = fw.id();
  for (const Finding& f : a.out) {
    switch (f.severity) {
      case AuditSeverity::error: ++r.counts.error; break;
      case AuditSeverity::warning: ++r.counts.warning; break;
      case AuditSeverity::info: ++r.counts.info; break;
    }
  }
  r.findings = std::move(a.out);
  return r;
}

std::vector<Finding> audit(const Framework& fw, const AuditOptions& options) {
  return audit_report(fw, options).findings;
}

}  // namespace v1
}  // namespace da06
