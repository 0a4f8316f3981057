// The audit's printed percentages: each against its own numerator and denominator at the printed
// precision, parts larger than their whole, and percentages over 100 (docs/audit.md).
#include "audit_internal.hpp"

namespace da06::inline v1::detail::audit {

namespace {

/// The other rounding mode under which `pct` rounds to the printed value, or "" (ceiling is not
/// tried: under it, any figure printed one step too high would pass).
std::string matching_rounding(const Ratio& pct, const PercentText& p, Rounding declared) {
  for (Rounding alt : {Rounding::half_up, Rounding::half_even, Rounding::half_down, Rounding::toward_zero}) {
    if (alt == declared) continue;
    if (pct.round_to(p.decimals, alt) == p.value) return std::string(to_string(alt));
  }
  return "";
}

void check_one_percentage(Auditor& a, const Observation& o, const std::string& text, const PercentText& p,
                          const Share& s, const std::string& suffix) {
  const Ratio& num = *s.num;
  const Ratio& den = *s.den;
  Ratio pct = num.scaled(100) / den;  // a "%" is always ×100, whatever the indicator's factor
  Rounding mode = declared_rounding(a.indicator_of(o));
  Decimal computed = pct.round_to(p.decimals, mode);
  if (computed == p.value) return;
  std::string matched = matching_rounding(pct, p, mode);
  Finding f;
  f.id = "printed_percentage/" + o.id + suffix;
  f.check = AuditCheck::printed_percentage;
  f.severity = matched.empty() ? AuditSeverity::error : AuditSeverity::warning;
  std::string frac = s.ref ? vn_approx(num) + " of " + vn_approx(den) + " (" + s.ref->id + ")"
                           : format_vn_integer(num.numerator_big()) + "/" + format_vn_integer(den.numerator_big());
  f.message = "printed " + text + " but " + frac + " = " + vn_approx(pct) + "%, which rounds (" +
              std::string(to_string(mode)) + ", " + std::to_string(p.decimals) + " decimals) to " + vn_percent(computed);
  if (!matched.empty()) f.message += "; the printed value matches rounding " + matched;
  f.published = o.published;
  f.values = {{s.num_name, exact_text(num)},
              {s.den_name, exact_text(den)},
              {"factor", "100"},
              {"printed", p.value.to_string()},
              {"decimals", std::to_string(p.decimals)},
              {"rounding", std::string(to_string(mode))},
              {"computed", computed.to_string()},
              {"exact", exact_text(pct)}};
  if (!matched.empty()) f.values.push_back({"matches_rounding", matched});
  f.records = {o.id};
  if (s.ref) f.records.push_back(s.ref->id);
  f.source = o.source;
  if (s.ref) f.related.push_back(s.ref->source);
  a.add(std::move(f));
}

/// "" for an observation with one printed percentage, "/1", "/2", … for each of several.
std::string suffix_of(std::size_t k, std::size_t n) { return n > 1 ? "/" + std::to_string(k + 1) : ""; }

}  // namespace

void check_printed_percentages(Auditor& a) {
  for (const auto& o : a.d.observations) {
    Share s = share_of(a.fw, o);
    if (!s.num || !s.den || s.den->is_zero()) continue;
    std::vector<std::string> printed = printed_percentages(o);
    for (std::size_t k = 0; k < printed.size(); ++k)
      check_one_percentage(a, o, printed[k], parse_percent(printed[k]), s, suffix_of(k, printed.size()));
  }
}

void check_numerator_exceeds_denominator(Auditor& a) {
  for (const auto& o : a.d.observations) {
    Share s = share_of(a.fw, o);
    if (!s.num || !s.den || !(*s.num > *s.den)) continue;
    const Ratio& num = *s.num;
    const Ratio& den = *s.den;
    Finding f;
    f.id = "numerator_exceeds_denominator/" + o.id;
    f.check = AuditCheck::numerator_exceeds_denominator;
    f.severity = AuditSeverity::error;
    f.message = s.ref ? "value " + vn_approx(num) + " of " + o.id + " exceeds the total it is a share of, " +
                            vn_approx(den) + " (" + s.ref->id + ")"
                      : "numerator " + vn_approx(num) + " exceeds denominator " + vn_approx(den);
    f.message += ": " + vn_approx(num.scaled(100) / den, 4) + "%";
    f.published = o.published;
    f.values = {{s.num_name, exact_text(num)}, {s.den_name, exact_text(den)}, {"percent", exact_text(num.scaled(100) / den)}};
    f.records = {o.id};
    if (s.ref) f.records.push_back(s.ref->id);
    f.source = o.source;
    if (s.ref) f.related.push_back(s.ref->source);
    a.add(std::move(f));
  }
}

void check_percentages_over_100(Auditor& a) {
  for (const auto& o : a.d.observations) {
    const Indicator* in = a.indicator_of(o);
    std::vector<std::string> printed = printed_percentages(o);
    for (std::size_t k = 0; k < printed.size(); ++k) {
      PercentText p = parse_percent(printed[k]);
      if (!(p.value > Decimal(100))) continue;
      bool share = in && in->kind == IndicatorKind::ratio;
      Finding f;
      f.id = "percentage_over_100/" + o.id + suffix_of(k, printed.size());
      f.check = AuditCheck::percentage_over_100;
      f.severity = share ? AuditSeverity::error : AuditSeverity::warning;
      f.message = "printed percentage " + printed[k] + " is over 100%" +
                  (share ? std::string(" for a share (ratio indicator ") + o.indicator + ")" : "");
      f.published = o.published;
      f.values = {{"printed", p.value.to_string()}};
      f.records = {o.id};
      f.source = o.source;
      a.add(std::move(f));
    }
  }
}

}  // namespace da06::inline v1::detail::audit
