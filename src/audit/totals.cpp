// The audit's totals and parts: a declared total against the sum of its parts, money converted
// exactly between tỷ, triệu and đồng, qualifiers ("over", "at most") as intervals (docs/audit.md).
#include "audit_internal.hpp"

#include <algorithm>

namespace da06::inline v1::detail::audit {

namespace {

/// A closed/open interval of possible values; missing ends are unbounded.
struct Interval {
  std::optional<Ratio> lo, hi;
  bool lo_strict = false, hi_strict = false;
};

Interval interval_of(const Ratio& v, const std::string& qualifier, bool* approximate) {
  Interval iv;
  *approximate = false;
  if (qualifier == "over") {
    iv.lo = v;
    iv.lo_strict = true;
  } else if (qualifier == "at_least") {
    iv.lo = v;
  } else if (qualifier == "at_most") {
    iv.lo = Ratio(0);
    iv.hi = v;
  } else if (qualifier == "about") {
    *approximate = true;
    iv.lo = iv.hi = v;
  } else {
    iv.lo = iv.hi = v;
  }
  return iv;
}

std::string interval_text(const Interval& iv, const std::string& unit) {
  auto t = [&](const Ratio& r) { return vn_approx(r) + (unit.empty() ? "" : " " + unit); };
  if (iv.lo && iv.hi && *iv.lo == *iv.hi) return t(*iv.lo);
  std::string s;
  if (iv.lo && !iv.lo->is_zero()) s += (iv.lo_strict ? "more than " : "at least ") + t(*iv.lo);
  if (iv.hi) s += (s.empty() ? "" : " and ") + std::string(iv.hi_strict ? "less than " : "at most ") + t(*iv.hi);
  return s;
}

/// The interval of a sum: Σ lower ends and Σ upper ends (an unbounded term leaves that end unbounded).
Interval sum_of(const std::vector<Interval>& parts) {
  Interval sum;
  sum.lo = Ratio(0);
  sum.hi = Ratio(0);
  for (const Interval& p : parts) {
    if (sum.lo && p.lo) {
      *sum.lo += *p.lo;
      sum.lo_strict = sum.lo_strict || p.lo_strict;
    } else {
      sum.lo.reset();
    }
    if (sum.hi && p.hi) {
      *sum.hi += *p.hi;
      sum.hi_strict = sum.hi_strict || p.hi_strict;
    } else {
      sum.hi.reset();
    }
  }
  return sum;
}

/// Do the two intervals have no point in common?
bool disjoint(const Interval& a, const Interval& b) {
  auto below = [](const std::optional<Ratio>& hi, bool hs, const std::optional<Ratio>& lo, bool ls) {
    if (!hi || !lo) return false;
    return *hi < *lo || (*hi == *lo && (hs || ls));
  };
  return below(a.hi, a.hi_strict, b.lo, b.lo_strict) || below(b.hi, b.hi_strict, a.lo, a.lo_strict);
}

/// A declared total with its observations: members[0] is the total, the others its parts, each
/// with the quantity (value, numerator, denominator) the total compares.
struct Members {
  const Total& t;
  std::vector<const Observation*> obs;
  std::vector<std::string> qty;

  const Observation& total() const { return *obs[0]; }
};

void fill_records(Finding& f, const Members& m) {
  f.records = {m.t.id, m.total().id};
  for (std::size_t i = 1; i < m.obs.size(); ++i)
    if (std::find(f.records.begin(), f.records.end(), m.obs[i]->id) == f.records.end()) f.records.push_back(m.obs[i]->id);
  f.source = m.t.source.line ? m.t.source : m.total().source;
  for (std::size_t i = 1; i < m.obs.size(); ++i)
    if (m.obs[i]->source.line != f.source.line) f.related.push_back(m.obs[i]->source);
}

/// How the members' values are made comparable: money in one scale (the smallest among them), or
/// one common unit. `unit` is the unit of the compared values; `exp` the power of ten of money's scale.
struct Units {
  bool comparable = true;
  std::string problem;  ///< why not, when not comparable
  bool money = false;
  std::vector<std::optional<MoneyScale>> scale;
  int exp = 0;
  std::string unit;
};

Units units_of(const Auditor& a, const Members& m) {
  Units u;
  bool all_money = true, same_unit = true;
  std::string unit0;
  for (std::size_t i = 0; i < m.obs.size(); ++i) {
    const Indicator* in = a.indicator_of(*m.obs[i]);
    std::string unit = in ? in->unit : "";
    if (i == 0) unit0 = unit;
    same_unit = same_unit && unit == unit0;
    bool money = in && in->kind == IndicatorKind::money;
    auto s = money ? money_unit(unit) : std::nullopt;
    u.money = u.money || money;
    all_money = all_money && money && s.has_value();
    u.scale.push_back(s);
  }
  u.unit = unit0;
  if (u.money) {
    if (!all_money) {
      u.comparable = false;
      u.problem = "cannot reconcile the units of total " + m.t.id;
      return u;
    }
    u.exp = 9;
    for (const auto& s : u.scale) u.exp = (std::min)(u.exp, exponent(*s));
    u.unit = std::string(to_string(u.exp == 9 ? MoneyScale::ty : u.exp == 6 ? MoneyScale::trieu : MoneyScale::dong));
  } else if (!same_unit) {
    u.comparable = false;
    u.problem = "the members of total " + m.t.id + " count different units";
  }
  return u;
}

/// A total whose members' units cannot be compared is reported, not guessed.
void report_not_comparable(Auditor& a, const Members& m, const std::string& what) {
  Finding f;
  f.id = "total/" + m.t.id;
  f.check = AuditCheck::total;
  f.severity = AuditSeverity::warning;
  f.message = what + " (";
  for (std::size_t i = 0; i < m.obs.size(); ++i) {
    const Indicator* in = a.indicator_of(*m.obs[i]);
    f.message += (i ? ", " : "") + m.obs[i]->id + ": " + (in ? in->unit : "?");
  }
  f.message += "); not compared";
  f.published = m.total().published;
  fill_records(f, m);
  a.add(std::move(f));
}

void check_total(Auditor& a, const Members& m) {
  Units u = units_of(a, m);
  if (!u.comparable) return report_not_comparable(a, m, u.problem);

  std::vector<Interval> iv;
  std::vector<Ratio> raw;
  bool approximate = false, missing = false;
  for (std::size_t i = 0; i < m.obs.size(); ++i) {
    auto q = quantity(*m.obs[i], m.qty[i]);
    if (!q) {
      missing = true;
      break;
    }
    Ratio v = *q;
    if (u.money) {
      std::int64_t mul = 1;
      for (int k = exponent(*u.scale[i]) - u.exp; k > 0; --k) mul *= 10;
      v = v * Ratio(mul);
    }
    bool approx = false;
    raw.push_back(v);
    iv.push_back(interval_of(v, m.qty[i] == "value" ? m.obs[i]->qualifier : std::string(), &approx));
    approximate = approximate || approx;
  }
  if (missing || approximate) {
    Finding f;
    f.id = "total/" + m.t.id;
    f.check = AuditCheck::total;
    f.severity = AuditSeverity::info;
    f.message = missing ? "total " + m.t.id + ": a member lacks the quantity to compare; not checked"
                        : "total " + m.t.id + ": a member is approximate (\"about\"); not checked";
    f.published = m.total().published;
    fill_records(f, m);
    a.add(std::move(f));
    return;
  }
  const Interval& T = iv[0];
  Interval sum = sum_of(std::vector<Interval>(iv.begin() + 1, iv.end()));
  if (!disjoint(T, sum)) return;

  Finding f;
  f.id = "total/" + m.t.id;
  f.check = AuditCheck::total;
  f.severity = AuditSeverity::error;
  std::string parts_list;
  for (std::size_t i = 1; i < m.obs.size(); ++i)
    parts_list += (i > 1 ? " + " : "") + interval_text(iv[i], "") + " (" + m.obs[i]->id + ")";
  f.message = "parts do not add up: the total is " + interval_text(T, u.unit) + " (" + m.total().id + ", " + m.qty[0] +
              ") but the parts " + parts_list + " add up to " + interval_text(sum, u.unit);
  f.published = m.total().published;
  f.values.push_back({"total", exact_text(raw[0])});
  if (!m.total().qualifier.empty() && m.qty[0] == "value") f.values.push_back({"total_qualifier", m.total().qualifier});
  if (sum.lo && sum.hi && *sum.lo == *sum.hi) {
    f.values.push_back({"parts_sum", exact_text(*sum.lo)});
    if (T.lo && T.hi && *T.lo == *T.hi) f.values.push_back({"difference", exact_text(*T.lo - *sum.lo)});
  } else {
    if (sum.lo && !(sum.lo->is_zero() && !sum.lo_strict))
      f.values.push_back({sum.lo_strict ? "parts_sum_above" : "parts_sum_min", exact_text(*sum.lo)});
    if (sum.hi) f.values.push_back({sum.hi_strict ? "parts_sum_below" : "parts_sum_max", exact_text(*sum.hi)});
  }
  if (!u.unit.empty()) f.values.push_back({"unit", u.unit});
  fill_records(f, m);
  a.add(std::move(f));
}

}  // namespace

void check_totals(Auditor& a) {
  for (const auto& t : a.d.totals) {
    const Observation* tot = a.fw.find_observation(t.total);
    if (!tot) continue;
    Members m{t, {tot}, {t.quantity_of_total()}};
    for (std::size_t i = 0; i < t.parts.size(); ++i) {
      const Observation* p = a.fw.find_observation(t.parts[i]);
      if (!p) break;
      m.obs.push_back(p);
      m.qty.push_back(t.quantity_of_part(i));
    }
    if (m.obs.size() != t.parts.size() + 1) continue;  // a part is missing: the loader has reported it
    check_total(a, m);
  }
}

}  // namespace da06::inline v1::detail::audit
