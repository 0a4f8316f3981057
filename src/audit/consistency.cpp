// The audit's consistency between figures: a change line against the values it relates, one figure
// printed twice with different values, and percentages with the count "còn N" left out of them,
// which must admit one common total (docs/audit.md).
#include "audit_internal.hpp"

#include <map>
#include <tuple>

namespace da06::inline v1::detail::audit {

// --- change lines ---------------------------------------------------------------------------------

void check_changes(Auditor& a) {
  for (const auto& o : a.d.observations) {
    if (!o.change) continue;
    const Change& c = *o.change;
    std::string of = c.of.empty() ? "value" : c.of;
    auto cur = quantity(o, of);
    if (!cur) {
      Finding f;
      f.id = "change/" + o.id;
      f.check = AuditCheck::change;
      f.severity = AuditSeverity::warning;
      f.message = "change \"" + c.published + "\" is of the " + of + ", which " + o.id + " does not have";
      f.published = c.published;
      f.records = {o.id};
      f.source = o.source;
      a.add(std::move(f));
      continue;
    }
    Ratio earlier = *cur - Ratio(c.delta);
    // The earlier observation, when the framework has one (the last printing of it).
    const Observation* prev = nullptr;
    if (!c.against.empty())
      for (const auto& e : a.d.observations)
        if (e.indicator == o.indicator && e.unit == o.unit && e.service == o.service && e.period == c.against) prev = &e;
    std::optional<Ratio> prev_q = prev ? quantity(*prev, of) : std::nullopt;
    bool negative = earlier.sign() < 0;
    bool differs = prev_q && *prev_q != earlier;
    if (!negative && !differs) continue;
    Finding f;
    f.id = "change/" + o.id;
    f.check = AuditCheck::change;
    f.severity = AuditSeverity::error;
    if (negative)
      f.message = "\"" + c.published + "\" against " + c.against + " implies an earlier " + of + " of " + vn_approx(*cur) +
                  " − (" + vn_approx(Ratio(c.delta)) + ") = " + vn_approx(earlier) + ", which is negative";
    else
      f.message = "\"" + c.published + "\" implies an earlier " + of + " of " + vn_approx(earlier) + " but " + prev->id +
                  " (" + c.against + ") has " + vn_approx(*prev_q);
    f.published = c.published;
    f.values = {{"current", exact_text(*cur)}, {"delta", std::to_string(c.delta)}, {"implied_earlier", exact_text(earlier)}};
    if (prev_q) f.values.push_back({"earlier", exact_text(*prev_q)});
    f.records = {o.id};
    if (prev) {
      f.records.push_back(prev->id);
      f.related.push_back(prev->source);
    }
    f.source = o.source;
    a.add(std::move(f));
  }
}

// --- one figure printed twice with different values -------------------------------------------

namespace {

/// Two printings of one figure say the same: equal numbers and qualifier.
bool same_figure(const Observation& a, const Observation& b) {
  if (a.numerator != b.numerator || a.denominator != b.denominator) return false;
  auto va = value_of(a), vb = value_of(b);
  if (va.has_value() != vb.has_value()) return false;
  if (va && *va != *vb) return false;
  if (!va && a.value != b.value) return false;
  return a.qualifier == b.qualifier;
}

}  // namespace

void check_conflicting_figures(Auditor& a) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;  // indicator, unit, service, period
  std::map<Key, std::vector<const Observation*>> groups;
  std::vector<Key> order;
  for (const auto& o : a.d.observations) {
    Key key{o.indicator, o.unit, o.service, period_key(o)};
    auto& g = groups[key];
    if (g.empty()) order.push_back(key);
    g.push_back(&o);
  }
  for (const auto& key : order) {
    const auto& g = groups[key];
    bool all_same = true;
    for (std::size_t i = 1; i < g.size(); ++i) all_same = all_same && same_figure(*g[0], *g[i]);
    if (all_same) continue;
    Finding f;
    f.id = "conflicting_figures/" + g[0]->id;
    f.check = AuditCheck::conflicting_figures;
    f.severity = AuditSeverity::error;
    f.message = "indicator " + g[0]->indicator + " for " + g[0]->unit +
                (g[0]->service.empty() ? "" : ", service " + g[0]->service) + " at " + period_key(*g[0]) +
                " is printed with different values:";
    for (std::size_t i = 0; i < g.size(); ++i) {
      f.message += std::string(i ? ";" : "") + " " + g[i]->published + " (line " + std::to_string(g[i]->source.line) + ")";
      f.values.push_back({g[i]->id, value_text(*g[i])});
      f.records.push_back(g[i]->id);
      if (i) f.related.push_back(g[i]->source);
    }
    f.published = g[0]->published;
    f.source = g[0]->source;
    a.add(std::move(f));
  }
}

// --- a percentage and the count "còn N" left out of it -------------------------------------------

namespace {

/// The totals N a percentage and its remainder admit.
struct IntRange {
  std::int64_t lo = 0;             ///< smallest total
  std::optional<std::int64_t> hi;  ///< largest total, none = unbounded
  bool empty = false;
};

/// The totals N >= c for which (N − c) / N × 100 rounds (mode, p.decimals) to p.value.
/// (N − c)/N grows with N, so the solutions form one range; found by bisection on exact values.
IntRange totals_for(std::int64_t c, const PercentText& p, Rounding mode) {
  auto rounded = [&](std::int64_t n) { return Ratio(n - c, n).scaled(100).round_to(p.decimals, mode); };
  const std::int64_t cap = std::int64_t{1} << 52;
  std::int64_t start = (std::max<std::int64_t>)(c, 1);
  // the smallest N with rounded(N) >= target (> target when strict)
  auto first_at_least = [&](const Decimal& target, bool strict) -> std::optional<std::int64_t> {
    auto ok = [&](std::int64_t n) { return strict ? rounded(n) > target : rounded(n) >= target; };
    if (!ok(cap)) return std::nullopt;
    std::int64_t lo = start, hi = cap;
    while (lo < hi) {
      std::int64_t mid = lo + (hi - lo) / 2;
      if (ok(mid))
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  };
  IntRange r;
  auto first = first_at_least(p.value, false);
  if (!first || rounded(*first) != p.value) {
    r.empty = true;
    return r;
  }
  r.lo = *first;
  auto beyond = first_at_least(p.value, true);
  if (beyond) r.hi = *beyond - 1;
  return r;
}

bool starts_with_con(std::string_view s) {
  // "còn" / "Còn" (remaining): c, U+00F2 (ò, 0xC3 0xB2), n, then a space.
  return s.size() >= 5 && (s[0] == 'c' || s[0] == 'C') && static_cast<unsigned char>(s[1]) == 0xC3 &&
         static_cast<unsigned char>(s[2]) == 0xB2 && s[3] == 'n' && s[4] == ' ';
}

/// A percentage-only ratio observation and the "còn N" count printed after it.
struct Pair {
  const Observation* rate;
  const Observation* rest;
  PercentText p;
  IntRange range;
};

/// Each remainder (a count whose text starts with "còn") with the nearest preceding percentage-only
/// ratio observation of the same line, unit, period and counted unit.
std::vector<Pair> remainder_pairs(const Auditor& a) {
  std::vector<Pair> pairs;
  const auto& obs = a.d.observations;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const Observation& c = obs[i];
    const Indicator* ci = a.indicator_of(c);
    auto cv = std::get_if<std::int64_t>(&c.value);
    if (!ci || ci->kind != IndicatorKind::count || !cv || !c.qualifier.empty() || !starts_with_con(c.published)) continue;
    for (std::size_t j = i; j-- > 0;) {
      const Observation& r = obs[j];
      const Indicator* ri = a.indicator_of(r);
      if (r.source.document != c.source.document || r.source.line != c.source.line || r.unit != c.unit ||
          period_key(r) != period_key(c))
        continue;
      if (!ri || ri->kind != IndicatorKind::ratio || r.is_ratio() || ri->unit != ci->unit || r.published_value.empty() ||
          !r.qualifier.empty())
        continue;
      PercentText p;
      try {
        p = parse_percent(r.published_value);
      } catch (const Error&) {
        break;  // the nearest candidate prints no percentage: this remainder has no pair
      }
      pairs.push_back({&r, &c, p, totals_for(*cv, p, declared_rounding(ri))});
      break;
    }
  }
  return pairs;
}

/// "a total of 3.637–4.444", "a total of 12 or more", "no total".
std::string range_text(const IntRange& r) {
  if (r.empty) return "no total";
  return "a total of " + vn_int(r.lo) + (r.hi ? (*r.hi == r.lo ? "" : "–" + vn_int(*r.hi)) : " or more");
}

void report_remainders(Auditor& a, const std::vector<Pair>& pairs, const std::vector<std::size_t>& grp) {
  const std::string& counted = a.indicator_of(*pairs[grp[0]].rest)->unit;
  Finding f;
  f.id = "remainder/" + pairs[grp[0]].rate->id;
  f.check = AuditCheck::remainder;
  f.severity = AuditSeverity::error;
  f.message = grp.size() > 1 ? "these percentages cannot hold for one number of " + counted + ":"
                             : "the percentage cannot hold for any number of " + counted + ":";
  for (std::size_t n = 0; n < grp.size(); ++n) {
    const Pair& pr = pairs[grp[n]];
    f.message += std::string(n ? ";" : "") + " " + pr.rate->published_value + " with \"" + pr.rest->published +
                 "\" needs " + range_text(pr.range);
    f.values.push_back({pr.rate->id + ".printed", pr.p.value.to_string()});
    f.values.push_back({pr.rest->id + ".remainder", std::to_string(std::get<std::int64_t>(pr.rest->value))});
    if (!pr.range.empty) {
      f.values.push_back({pr.rate->id + ".total_min", std::to_string(pr.range.lo)});
      if (pr.range.hi) f.values.push_back({pr.rate->id + ".total_max", std::to_string(*pr.range.hi)});
    }
    f.records.push_back(pr.rate->id);
    f.records.push_back(pr.rest->id);
  }
  f.source = pairs[grp[0]].rate->source;
  f.published = pairs[grp[0]].rate->published;
  for (std::size_t n = 1; n < grp.size(); ++n) {
    f.published += "; " + pairs[grp[n]].rate->published;
    if (pairs[grp[n]].rate->source.quote != f.source.quote) f.related.push_back(pairs[grp[n]].rate->source);
  }
  a.add(std::move(f));
}

}  // namespace

void check_remainders(Auditor& a) {
  std::vector<Pair> pairs = remainder_pairs(a);
  // Pairs of one line, unit, date and counted unit describe one common total.
  std::vector<bool> done(pairs.size(), false);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (done[i]) continue;
    std::vector<std::size_t> grp;
    for (std::size_t j = i; j < pairs.size(); ++j) {
      const Pair& x = pairs[i];
      const Pair& y = pairs[j];
      if (x.rate->source.document == y.rate->source.document && x.rate->source.line == y.rate->source.line &&
          x.rate->unit == y.rate->unit && period_key(*x.rate) == period_key(*y.rate) &&
          a.indicator_of(*x.rest)->unit == a.indicator_of(*y.rest)->unit) {
        grp.push_back(j);
        done[j] = true;
      }
    }
    IntRange all;
    bool any_empty = false;
    for (auto k : grp) {
      const IntRange& r = pairs[k].range;
      if (r.empty) {
        any_empty = true;
        continue;
      }
      all.lo = (std::max)(all.lo, r.lo);
      if (r.hi) all.hi = all.hi ? (std::min)(*all.hi, *r.hi) : *r.hi;
    }
    bool contradiction = any_empty || (all.hi && *all.hi < all.lo);
    if (contradiction) report_remainders(a, pairs, grp);
  }
}

}  // namespace da06::inline v1::detail::audit
