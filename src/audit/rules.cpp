// The audit's validation rules (DHIS2 style): `left operator right`, each side a weighted sum of
// observation quantities plus a constant, evaluated for every unit × period × service with data
// (docs/audit.md).
#include "audit_internal.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace da06::inline v1::detail::audit {

namespace {

/// Where a rule is evaluated: a unit, a period (or date) and a service ("" for terms pinned to one).
struct Context {
  std::string unit, period, service;
  bool operator<(const Context& o) const { return std::tie(unit, period, service) < std::tie(o.unit, o.period, o.service); }
};

/// Does observation `o` feed term `t` (in context `cx`, or in any context when it is null)?
/// A term without a service takes the context's; a term with one is pinned to it.
bool feeds(const RuleTerm& t, const Observation& o, const Context* cx) {
  if (o.indicator != t.indicator) return false;
  if (!t.service.empty()) return o.service == t.service;
  return !cx || o.service == cx->service;
}

/// One side of a rule evaluated in a context.
struct SideValue {
  Ratio sum;
  int missing = 0, terms = 0;
  std::vector<const Observation*> used;
};

SideValue evaluate(const Auditor& a, const ValidationRule& rule, const RuleSide& side, const Context& cx) {
  SideValue sv;
  for (const auto& t : side.terms) {
    ++sv.terms;
    const Observation* hit = nullptr;
    for (const auto& o : a.d.observations)
      if (feeds(t, o, &cx) && o.unit == cx.unit && period_key(o) == cx.period) {
        hit = &o;
        break;  // the first printing of a figure; conflicting reprints are reported by conflicting_figures
      }
    std::optional<Ratio> q = hit ? quantity(*hit, t.quantity) : std::nullopt;
    if (!q) {
      ++sv.missing;
      continue;
    }
    sv.sum += *q * Ratio(t.coefficient);
    sv.used.push_back(hit);
  }
  if (!side.constant.empty()) {
    try {
      sv.sum += Decimal::parse(side.constant).to_ratio();
    } catch (const Error& e) {
      // The loader refuses such a constant; a rule built in code may still carry one.
      throw DataError("validation rule '" + rule.id + "': constant: " + e.message(), field_location("constant"));
    }
  }
  return sv;
}

/// DHIS2's missing-value strategies.
bool skipped(MissingValuePolicy policy, const SideValue& l, const SideValue& r) {
  switch (policy) {
    case MissingValuePolicy::skip_if_any_missing: return l.missing > 0 || r.missing > 0;
    case MissingValuePolicy::skip_if_all_missing:
      return (l.terms > 0 && l.missing == l.terms) || (r.terms > 0 && r.missing == r.terms);
    case MissingValuePolicy::never_skip: return false;
  }
  return false;
}

bool holds(Comparator op, const Ratio& l, const Ratio& r) {
  switch (op) {
    case Comparator::ge: return l >= r;
    case Comparator::le: return l <= r;
    case Comparator::eq: return l == r;
    case Comparator::gt: return l > r;
    case Comparator::lt: return l < r;
    case Comparator::top: return true;
  }
  return true;
}

AuditSeverity severity_of(Importance i) {
  return i == Importance::high ? AuditSeverity::error : i == Importance::medium ? AuditSeverity::warning : AuditSeverity::info;
}

void report_violation(Auditor& a, const ValidationRule& rule, const Context& cx, const SideValue& L, const SideValue& R) {
  Finding f;
  f.id = "validation_rule/" + rule.id + "/" + cx.unit + "/" + cx.period + (cx.service.empty() ? "" : "/" + cx.service);
  f.check = AuditCheck::validation_rule;
  f.severity = severity_of(rule.importance);
  f.message = "rule " + rule.id + (rule.name.empty() ? "" : " (" + rule.name + ")") + " fails for " + cx.unit + " at " +
              cx.period + (cx.service.empty() ? "" : ", service " + cx.service) + ": " + vn_approx(L.sum) + " " +
              std::string(to_string(rule.op)) + " " + vn_approx(R.sum) + " is false";
  f.published = rule.description;
  f.values = {{"left", exact_text(L.sum)},
              {"operator", std::string(to_string(rule.op))},
              {"right", exact_text(R.sum)},
              {"missing_value_policy", std::string(to_string(rule.missing_value))}};
  f.records = {rule.id};
  std::vector<const Observation*> used = L.used;
  used.insert(used.end(), R.used.begin(), R.used.end());
  for (const auto* o : used)
    if (std::find(f.records.begin(), f.records.end(), o->id) == f.records.end()) f.records.push_back(o->id);
  f.source = used.empty() ? rule.source : used.front()->source;
  for (std::size_t i = 1; i < used.size(); ++i)
    if (used[i]->source.line != f.source.line) f.related.push_back(used[i]->source);
  a.add(std::move(f));
}

void check_rule(Auditor& a, const ValidationRule& rule) {
  // The contexts: every unit × period (× service, for terms without one) with data for a term.
  std::set<Context> contexts;
  for (const RuleSide* side : {&rule.left, &rule.right})
    for (const auto& t : side->terms)
      for (const auto& o : a.d.observations)
        if (feeds(t, o, nullptr)) contexts.insert({o.unit, period_key(o), t.service.empty() ? o.service : ""});
  for (const Context& cx : contexts) {
    if (!rule.levels.empty()) {
      const OrgUnit* u = a.fw.find_unit(cx.unit);
      if (!u || std::find(rule.levels.begin(), rule.levels.end(), u->level) == rule.levels.end()) continue;
    }
    SideValue L = evaluate(a, rule, rule.left, cx), R = evaluate(a, rule, rule.right, cx);
    if (skipped(rule.missing_value, L, R) || holds(rule.op, L.sum, R.sum)) continue;
    report_violation(a, rule, cx, L, R);
  }
}

}  // namespace

void check_validation_rules(Auditor& a) {
  for (const auto& r : a.d.validation_rules) check_rule(a, r);
  for (const auto& r : a.opt.extra_rules) check_rule(a, r);
}

}  // namespace da06::inline v1::detail::audit
