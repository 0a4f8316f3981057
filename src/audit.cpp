// The audit: a framework's published figures checked against each other with exact arithmetic.
// Every check is described, with its formula and a worked example from the seed, in docs/audit.md.
#include "da06/audit.hpp"

#include "da06/numbers.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <set>
#include <tuple>

// Claims of completion (AuditCheck::claim_status) use the library's task-status classifier
// (status.hpp: classify_tasks + summarize_status, which maps each claimed status to ours), unless the
// caller supplies AuditOptions::task_status_counts.
#include "da06/calendar.hpp"
#include "da06/status.hpp"

namespace da06 {
inline namespace v1 {

std::string_view to_string(AuditCheck c) {
  switch (c) {
    case AuditCheck::printed_percentage: return "printed_percentage";
    case AuditCheck::numerator_exceeds_denominator: return "numerator_exceeds_denominator";
    case AuditCheck::percentage_over_100: return "percentage_over_100";
    case AuditCheck::total: return "total";
    case AuditCheck::group_count: return "group_count";
    case AuditCheck::change: return "change";
    case AuditCheck::claim: return "claim";
    case AuditCheck::claim_status: return "claim_status";
    case AuditCheck::conflicting_figures: return "conflicting_figures";
    case AuditCheck::remainder: return "remainder";
    case AuditCheck::plan_reference: return "plan_reference";
    case AuditCheck::validation_rule: return "validation_rule";
  }
  return "?";
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

namespace {

using ojson = nlohmann::ordered_json;

// ---------------------------------------------------------------------------
// Exact numbers as text

/// A plain decimal when the value has a finite expansion ("98.74", "-3"), otherwise the reduced fraction "n/d".
std::string exact_text(const Ratio& r) {
  Ratio red = r.reduced();
  BigInt d = red.denominator_big();
  int twos = 0, fives = 0;
  while (d % 2 == 0) {
    d /= 2;
    ++twos;
  }
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  if (d == 1) return red.round_to((std::max)(twos, fives), Rounding::toward_zero).normalized().to_string();
  return red.to_string();
}

/// Vietnamese display: "98,734009…" (truncated to `places`, with an ellipsis when inexact), "1.714".
std::string vn_approx(const Ratio& r, int places = 6) {
  Decimal t = r.round_to(places, Rounding::toward_zero);
  bool exact = t.to_ratio() == r;
  Decimal shown = exact ? t.normalized() : t;
  return format_vn_decimal(shown, shown.scale(), Rounding::toward_zero) + (exact ? "" : "…");
}

std::string vn_int(std::int64_t v) { return format_vn_integer(v); }

std::string vn_decimal(const Decimal& d) { return format_vn_decimal(d); }

std::string vn_percent(const Decimal& d) { return vn_decimal(d) + "%"; }

Ratio to_ratio(const ObservationValue& v, bool* ok) {
  *ok = true;
  if (auto i = std::get_if<std::int64_t>(&v)) return Ratio(*i);
  if (auto t = std::get_if<DecimalText>(&v)) {
    try {
      return Decimal::parse(t->text).to_ratio();
    } catch (const Error&) {
    }
  }
  *ok = false;
  return Ratio();
}

std::optional<Ratio> value_of(const Observation& o) {
  bool ok = false;
  Ratio r = to_ratio(o.value, &ok);
  if (!ok) return std::nullopt;
  return r;
}

/// The quantity "value", "numerator" or "denominator" of an observation, if it has it.
std::optional<Ratio> quantity(const Observation& o, std::string_view q) {
  if (q == "numerator") return o.numerator ? std::optional<Ratio>(Ratio(*o.numerator)) : std::nullopt;
  if (q == "denominator") return o.denominator ? std::optional<Ratio>(Ratio(*o.denominator)) : std::nullopt;
  return value_of(o);
}

std::string value_text(const Observation& o) {
  if (o.is_ratio()) return std::to_string(*o.numerator) + "/" + std::to_string(*o.denominator);
  if (auto i = std::get_if<std::int64_t>(&o.value)) return std::to_string(*i);
  if (auto t = std::get_if<DecimalText>(&o.value)) return t->text;
  if (auto b = std::get_if<bool>(&o.value)) return *b ? "true" : "false";
  return "";
}

std::string period_key(const Observation& o) {
  if (!o.period.empty()) return o.period;
  if (o.as_of) return boost::gregorian::to_iso_extended_string(*o.as_of);
  return "";
}

std::optional<MoneyScale> money_unit(std::string_view unit) {
  if (unit == "tỷ đồng") return MoneyScale::ty;
  if (unit == "triệu đồng") return MoneyScale::trieu;
  if (unit == "đồng") return MoneyScale::dong;
  return std::nullopt;
}

Rounding declared_rounding(const Indicator* ind) {
  if (!ind) return Rounding::half_up;
  try {
    return parse_rounding(ind->rounding);
  } catch (const Error&) {
    return Rounding::half_up;
  }
}

/// Every distinct percentage printed for an observation: its published_value and any "…%" inside published.
std::vector<std::string> printed_percentages(const Observation& o) {
  std::vector<std::string> out;
  auto add = [&](std::string t) {
    while (!t.empty() && (t.back() == '.' || t.back() == ',')) t.pop_back();
    if (t.empty() || std::find(out.begin(), out.end(), t) != out.end()) return;
    try {
      parse_percent(t);
      out.push_back(std::move(t));
    } catch (const Error&) {
    }
  };
  if (!o.published_value.empty()) add(o.published_value);
  const std::string& p = o.published;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '%') continue;
    std::size_t b = i;
    while (b > 0 && (detail::is_digit(p[b - 1]) || p[b - 1] == '.' || p[b - 1] == ',')) --b;
    while (b < i && !detail::is_digit(p[b])) ++b;  // no leading separator
    if (b < i) add(p.substr(b, i - b + 1));
  }
  return out;
}

bool starts_with_con(std::string_view s) {
  // "còn" / "Còn" (remaining): c, U+00F2 (ò, 0xC3 0xB2), n, then a space.
  return s.size() >= 5 && (s[0] == 'c' || s[0] == 'C') && static_cast<unsigned char>(s[1]) == 0xC3 &&
         static_cast<unsigned char>(s[2]) == 0xB2 && s[3] == 'n' && s[4] == ' ';
}

// ---------------------------------------------------------------------------
// The auditor

struct Auditor {
  const Framework& fw;
  const FrameworkData& d;
  const AuditOptions& opt;
  std::vector<Finding> out;
  std::set<std::string> ids;

  Auditor(const Framework& f, const AuditOptions& o) : fw(f), d(f.data()), opt(o) {}

  void add(Finding f) {
    if (f.severity == AuditSeverity::info && !opt.include_info) return;
    std::string base = f.id;
    for (int n = 2; ids.count(f.id); ++n) f.id = base + "/" + std::to_string(n);
    ids.insert(f.id);
    out.push_back(std::move(f));
  }

  const Indicator* ind(const Observation& o) const { return fw.find_indicator(o.indicator); }

  // --- printed percentages, numerator > denominator, percentages over 100 ------------------------

  void check_percentages() {
    for (const auto& o : d.observations) {
      const Indicator* in = ind(o);
      std::optional<Ratio> num, den;
      std::string num_name = "numerator", den_name = "denominator";
      const Observation* ref = nullptr;
      if (o.is_ratio()) {
        num = Ratio(*o.numerator);
        den = Ratio(*o.denominator);
      } else if (!o.denominator_ref.empty()) {
        ref = fw.find_observation(o.denominator_ref);
        num = value_of(o);
        if (ref) den = value_of(*ref);
        num_name = "value";
        den_name = "denominator_ref_value";
      }
      std::vector<std::string> printed = printed_percentages(o);

      // numerator > denominator
      if (num && den && *num > *den) {
        Finding f;
        f.id = "numerator_exceeds_denominator/" + o.id;
        f.check = AuditCheck::numerator_exceeds_denominator;
        f.severity = AuditSeverity::error;
        f.message = ref ? "value " + vn_approx(*num) + " of " + o.id + " exceeds the total it is a share of, " +
                              vn_approx(*den) + " (" + ref->id + ")"
                        : "numerator " + vn_approx(*num) + " exceeds denominator " + vn_approx(*den);
        f.message += ": " + vn_approx(num->scaled(100) / *den, 4) + "%";
        f.published = o.published;
        f.values = {{num_name, exact_text(*num)}, {den_name, exact_text(*den)},
                    {"percent", exact_text(num->scaled(100) / *den)}};
        f.records = {o.id};
        if (ref) f.records.push_back(ref->id);
        f.source = o.source;
        if (ref) f.related.push_back(ref->source);
        add(std::move(f));
      }
      if (!ref && !o.denominator_ref.empty() && !o.published_value.empty()) {
        // The referenced observation exists (the loader checks) but has no usable value.
      }

      int k = 0;
      for (const auto& text : printed) {
        PercentText p = parse_percent(text);
        std::string suffix = printed.size() > 1 ? "/" + std::to_string(++k) : "";
        if (p.value > Decimal(100)) {
          bool share = in && in->kind == IndicatorKind::ratio;
          Finding f;
          f.id = "percentage_over_100/" + o.id + suffix;
          f.check = AuditCheck::percentage_over_100;
          f.severity = share ? AuditSeverity::error : AuditSeverity::warning;
          f.message = "printed percentage " + text + " is over 100%" +
                      (share ? std::string(" for a share (ratio indicator ") + o.indicator + ")" : "");
          f.published = o.published;
          f.values = {{"printed", p.value.to_string()}};
          f.records = {o.id};
          f.source = o.source;
          add(std::move(f));
        }
        if (!num || !den || den->is_zero()) continue;
        check_one_percentage(o, in, text, p, *num, *den, num_name, den_name, ref, suffix);
      }
    }
  }

  void check_one_percentage(const Observation& o, const Indicator* in, const std::string& text, const PercentText& p,
                            const Ratio& num, const Ratio& den, const std::string& num_name,
                            const std::string& den_name, const Observation* ref, const std::string& suffix) {
    Ratio pct = num.scaled(100) / den;  // a "%" is always ×100, whatever the indicator's factor
    Rounding mode = declared_rounding(in);
    Decimal computed = pct.round_to(p.decimals, mode);
    if (computed == p.value) return;
    std::string matched;
    for (Rounding alt : {Rounding::half_up, Rounding::half_even, Rounding::half_down, Rounding::toward_zero}) {
      if (alt == mode) continue;
      if (pct.round_to(p.decimals, alt) == p.value) {
        matched = std::string(to_string(alt));
        break;
      }
    }
    Finding f;
    f.id = "printed_percentage/" + o.id + suffix;
    f.check = AuditCheck::printed_percentage;
    f.severity = matched.empty() ? AuditSeverity::error : AuditSeverity::warning;
    std::string frac = ref ? vn_approx(num) + " of " + vn_approx(den) + " (" + ref->id + ")"
                           : format_vn_integer(num.numerator_big()) + "/" + format_vn_integer(den.numerator_big());
    f.message = "printed " + text + " but " + frac + " = " + vn_approx(pct) + "%, which rounds (" +
                std::string(to_string(mode)) + ", " + std::to_string(p.decimals) + " decimals) to " +
                vn_percent(computed);
    if (!matched.empty()) f.message += "; the printed value matches rounding " + matched;
    f.published = o.published;
    f.values = {{num_name, exact_text(num)},
                {den_name, exact_text(den)},
                {"factor", "100"},
                {"printed", p.value.to_string()},
                {"decimals", std::to_string(p.decimals)},
                {"rounding", std::string(to_string(mode))},
                {"computed", computed.to_string()},
                {"exact", exact_text(pct)}};
    if (!matched.empty()) f.values.push_back({"matches_rounding", matched});
    f.records = {o.id};
    if (ref) f.records.push_back(ref->id);
    f.source = o.source;
    if (ref) f.related.push_back(ref->source);
    (void)text;
    add(std::move(f));
  }

  // --- totals -------------------------------------------------------------------------------

  /// A closed/open interval of possible values; missing ends are unbounded.
  struct Interval {
    std::optional<Ratio> lo, hi;
    bool lo_strict = false, hi_strict = false;
  };

  static Interval interval_of(const Ratio& v, const std::string& qualifier, bool* approximate) {
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

  static std::string interval_text(const Interval& iv, const std::string& unit) {
    auto t = [&](const Ratio& r) { return vn_approx(r) + (unit.empty() ? "" : " " + unit); };
    if (iv.lo && iv.hi && *iv.lo == *iv.hi) return t(*iv.lo);
    std::string s;
    if (iv.lo && !iv.lo->is_zero()) s += (iv.lo_strict ? "more than " : "at least ") + t(*iv.lo);
    if (iv.hi) s += (s.empty() ? "" : " and ") + std::string(iv.hi_strict ? "less than " : "at most ") + t(*iv.hi);
    return s;
  }

  void check_totals() {
    for (const auto& t : d.totals) {
      const Observation* tot = fw.find_observation(t.total);
      if (!tot) continue;
      std::vector<const Observation*> parts;
      for (const auto& p : t.parts)
        if (const Observation* o = fw.find_observation(p)) parts.push_back(o);
      if (parts.size() != t.parts.size()) continue;

      // Units: money is converted exactly to the smallest scale involved; anything else must match.
      std::vector<const Observation*> members{tot};
      members.insert(members.end(), parts.begin(), parts.end());
      std::vector<std::string> qty{t.quantity_of_total()};
      for (std::size_t i = 0; i < parts.size(); ++i) qty.push_back(t.quantity_of_part(i));
      std::vector<std::optional<MoneyScale>> scale;
      bool any_money = false, all_money = true, same_unit = true;
      std::string unit0;
      for (std::size_t i = 0; i < members.size(); ++i) {
        const Indicator* in = ind(*members[i]);
        std::string u = in ? in->unit : "";
        if (i == 0) unit0 = u;
        same_unit = same_unit && u == unit0;
        bool money = in && in->kind == IndicatorKind::money;
        auto s = money ? money_unit(u) : std::nullopt;
        any_money = any_money || money;
        all_money = all_money && money && s.has_value();
        scale.push_back(s);
      }
      std::string unit_text = unit0;
      int exp = 0;
      // A total whose members' units cannot be compared is reported, not guessed.
      auto not_comparable = [&](const std::string& what) {
        Finding f;
        f.id = "total/" + t.id;
        f.check = AuditCheck::total;
        f.severity = AuditSeverity::warning;
        f.message = what + " (";
        for (std::size_t i = 0; i < members.size(); ++i) {
          const Indicator* in = ind(*members[i]);
          f.message += (i ? ", " : "") + members[i]->id + ": " + (in ? in->unit : "?");
        }
        f.message += "); not compared";
        f.published = tot->published;
        fill_total_records(f, t, tot, parts);
        add(std::move(f));
      };
      if (any_money) {
        if (!all_money) {
          not_comparable("cannot reconcile the units of total " + t.id);
          continue;
        }
        exp = 9;
        for (const auto& s : scale) exp = (std::min)(exp, exponent(*s));
        unit_text = std::string(to_string(exp == 9 ? MoneyScale::ty : exp == 6 ? MoneyScale::trieu : MoneyScale::dong));
      } else if (!same_unit) {
        not_comparable("the members of total " + t.id + " count different units");
        continue;
      }

      std::vector<Interval> iv;
      std::vector<Ratio> raw;
      bool approximate = false, missing = false;
      for (std::size_t i = 0; i < members.size(); ++i) {
        auto q = quantity(*members[i], qty[i]);
        if (!q) {
          missing = true;
          break;
        }
        Ratio v = *q;
        if (any_money) {
          int shift = exponent(*scale[i]) - exp;
          std::int64_t mul = 1;
          for (int k = 0; k < shift; ++k) mul *= 10;
          v = v * Ratio(mul);
        }
        bool approx = false;
        raw.push_back(v);
        iv.push_back(interval_of(v, qty[i] == "value" ? members[i]->qualifier : std::string(), &approx));
        approximate = approximate || approx;
      }
      if (missing || approximate) {
        Finding f;
        f.id = "total/" + t.id;
        f.check = AuditCheck::total;
        f.severity = AuditSeverity::info;
        f.message = missing ? "total " + t.id + ": a member lacks the quantity to compare; not checked"
                            : "total " + t.id + ": a member is approximate (\"about\"); not checked";
        f.published = tot->published;
        fill_total_records(f, t, tot, parts);
        add(std::move(f));
        continue;
      }
      Interval sum;
      sum.lo = Ratio(0);
      sum.hi = Ratio(0);
      for (std::size_t i = 1; i < iv.size(); ++i) {
        if (sum.lo && iv[i].lo) {
          *sum.lo += *iv[i].lo;
          sum.lo_strict = sum.lo_strict || iv[i].lo_strict;
        } else {
          sum.lo.reset();
        }
        if (sum.hi && iv[i].hi) {
          *sum.hi += *iv[i].hi;
          sum.hi_strict = sum.hi_strict || iv[i].hi_strict;
        } else {
          sum.hi.reset();
        }
      }
      const Interval& T = iv[0];
      auto below = [](const std::optional<Ratio>& hi, bool hs, const std::optional<Ratio>& lo, bool ls) {
        if (!hi || !lo) return false;
        return *hi < *lo || (*hi == *lo && (hs || ls));
      };
      bool disjoint = below(T.hi, T.hi_strict, sum.lo, sum.lo_strict) || below(sum.hi, sum.hi_strict, T.lo, T.lo_strict);
      if (!disjoint) continue;
      Finding f;
      f.id = "total/" + t.id;
      f.check = AuditCheck::total;
      f.severity = AuditSeverity::error;
      std::string parts_list;
      for (std::size_t i = 1; i < members.size(); ++i)
        parts_list += (i > 1 ? " + " : "") + interval_text(iv[i], "") + " (" + members[i]->id + ")";
      f.message = "parts do not add up: the total is " + interval_text(T, unit_text) + " (" + tot->id + ", " + qty[0] +
                  ") but the parts " + parts_list + " add up to " + interval_text(sum, unit_text);
      f.published = tot->published;
      f.values.push_back({"total", exact_text(raw[0])});
      if (!members[0]->qualifier.empty() && qty[0] == "value") f.values.push_back({"total_qualifier", members[0]->qualifier});
      if (sum.lo && sum.hi && *sum.lo == *sum.hi) {
        f.values.push_back({"parts_sum", exact_text(*sum.lo)});
        if (T.lo && T.hi && *T.lo == *T.hi) f.values.push_back({"difference", exact_text(*T.lo - *sum.lo)});
      } else {
        if (sum.lo && !(sum.lo->is_zero() && !sum.lo_strict)) f.values.push_back({sum.lo_strict ? "parts_sum_above" : "parts_sum_min", exact_text(*sum.lo)});
        if (sum.hi) f.values.push_back({sum.hi_strict ? "parts_sum_below" : "parts_sum_max", exact_text(*sum.hi)});
      }
      if (!unit_text.empty()) f.values.push_back({"unit", unit_text});
      fill_total_records(f, t, tot, parts);
      add(std::move(f));
    }
  }

  static void fill_total_records(Finding& f, const Total& t, const Observation* tot,
                                 const std::vector<const Observation*>& parts) {
    f.records = {t.id, tot->id};
    for (const auto* p : parts)
      if (std::find(f.records.begin(), f.records.end(), p->id) == f.records.end()) f.records.push_back(p->id);
    f.source = t.source.line ? t.source : tot->source;
    for (const auto* p : parts)
      if (p->source.line != f.source.line) f.related.push_back(p->source);
  }

  // --- group headers --------------------------------------------------------------------------

  void check_groups() {
    for (const auto& g : d.task_groups) {
      if (g.declared_count == 0 && g.published.empty()) continue;  // nothing declared
      int actual = fw.task_count_in_group(g.id);
      if (actual == g.declared_count) continue;
      Finding f;
      f.id = "group_count/" + g.id;
      f.check = AuditCheck::group_count;
      f.severity = AuditSeverity::error;
      f.message = "group " + g.number + " declares " + std::to_string(g.declared_count) + " tasks but has " +
                  std::to_string(actual) + " rows";
      f.published = g.published;
      f.values = {{"declared", std::to_string(g.declared_count)}, {"rows", std::to_string(actual)}};
      f.records = {g.id};
      f.source = g.source;
      add(std::move(f));
    }
  }

  // --- change lines ---------------------------------------------------------------------------

  void check_changes() {
    for (const auto& o : d.observations) {
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
        add(std::move(f));
        continue;
      }
      Ratio earlier = *cur - Ratio(c.delta);
      // The earlier observation, when the framework has one.
      const Observation* prev = nullptr;
      for (const auto& e : d.observations)
        if (e.indicator == o.indicator && e.unit == o.unit && e.service == o.service && e.period == c.against &&
            !c.against.empty())
          prev = &e;
      std::optional<Ratio> prev_q = prev ? quantity(*prev, of) : std::nullopt;
      bool negative = earlier.sign() < 0;
      bool differs = prev_q && *prev_q != earlier;
      if (!negative && !differs) continue;
      Finding f;
      f.id = "change/" + o.id;
      f.check = AuditCheck::change;
      f.severity = AuditSeverity::error;
      if (negative)
        f.message = "\"" + c.published + "\" against " + c.against + " implies an earlier " + of + " of " +
                    vn_approx(*cur) + " − (" + vn_approx(Ratio(c.delta)) + ") = " + vn_approx(earlier) +
                    ", which is negative";
      else
        f.message = "\"" + c.published + "\" implies an earlier " + of + " of " + vn_approx(earlier) + " but " +
                    prev->id + " (" + c.against + ") has " + vn_approx(*prev_q);
      f.published = c.published;
      f.values = {{"current", exact_text(*cur)}, {"delta", std::to_string(c.delta)}, {"implied_earlier", exact_text(earlier)}};
      if (prev_q) f.values.push_back({"earlier", exact_text(*prev_q)});
      f.records = {o.id};
      if (prev) {
        f.records.push_back(prev->id);
        f.related.push_back(prev->source);
      }
      f.source = o.source;
      add(std::move(f));
    }
  }

  // --- claims ---------------------------------------------------------------------------------

  std::optional<TaskStatusCounts> status_counts();
  std::map<std::string, std::string> status_tasks;  // claimed status → ids of the tasks classified so

  void check_claims() {
    std::int64_t planned = -1;
    std::int64_t status_sum = 0;
    std::vector<const Claim*> status_claims;
    for (const auto& c : d.claims) {
      std::optional<std::int64_t> actual;
      std::string what;
      if (c.subject == "tasks" && (c.status.empty() || c.status == "planned")) {
        actual = static_cast<std::int64_t>(d.tasks.size());
        what = "tasks";
        planned = c.count;
      } else if (c.subject == "task_groups") {
        actual = static_cast<std::int64_t>(d.task_groups.size());
        what = "task groups";
      } else if (c.subject == "resolution_tasks" && (c.status.empty() || c.status == "planned")) {
        actual = static_cast<std::int64_t>(d.resolution_tasks.size());
        what = "resolution tasks";
      } else if (c.subject == "tasks") {
        status_claims.push_back(&c);
        status_sum += c.count;
        continue;
      } else {
        continue;
      }
      if (*actual == c.count) continue;
      Finding f;
      f.id = "claim/" + c.id;
      f.check = AuditCheck::claim;
      f.severity = AuditSeverity::error;
      f.message = "the report claims " + std::to_string(c.count) + " " + what + " but the data has " +
                  std::to_string(*actual);
      f.published = c.published;
      f.values = {{"claimed", std::to_string(c.count)}, {"actual", std::to_string(*actual)}};
      f.records = {c.id};
      f.source = c.source;
      add(std::move(f));
    }
    if (!status_claims.empty() && planned >= 0 && status_sum > planned) {
      Finding f;
      f.id = "claim/" + status_claims.front()->id + "+sum";
      f.check = AuditCheck::claim;
      f.severity = AuditSeverity::error;
      f.message = "the tasks claimed per status add up to " + std::to_string(status_sum) + ", more than the " +
                  std::to_string(planned) + " tasks planned";
      f.published = status_claims.front()->published;
      f.values = {{"claimed_sum", std::to_string(status_sum)}, {"planned", std::to_string(planned)}};
      for (const auto* c : status_claims) f.records.push_back(c->id);
      f.source = status_claims.front()->source;
      for (std::size_t i = 1; i < status_claims.size(); ++i) f.related.push_back(status_claims[i]->source);
      add(std::move(f));
    }
    if (status_claims.empty()) return;
    auto counts = status_counts();
    if (!counts) return;
    for (const auto* c : status_claims) {
      auto it = counts->find(c->status);
      if (it == counts->end()) continue;  // a status the classifier does not know: nothing to compare
      if (it->second == c->count) continue;
      Finding f;
      f.id = "claim_status/" + c->id;
      f.check = AuditCheck::claim_status;
      // A warning: the states are read from free-text progress columns (docs/task-status.md).
      f.severity = AuditSeverity::warning;
      f.message = "the report claims " + std::to_string(c->count) + " tasks " + c->status +
                  " but the tasks' progress texts and deadlines give " + std::to_string(it->second);
      f.published = c->published;
      f.values = {{"claimed", std::to_string(c->count)}, {"classified", std::to_string(it->second)}};
      if (auto ids = status_tasks.find(c->status); ids != status_tasks.end()) f.values.push_back({"tasks", ids->second});
      f.records = {c->id};
      f.source = c->source;
      add(std::move(f));
    }
  }

  // --- one figure printed twice with different values ----------------------------------------

  void check_conflicts() {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<const Observation*>> groups;
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> order;
    for (const auto& o : d.observations) {
      auto key = std::make_tuple(o.indicator, o.unit, o.service, period_key(o));
      auto& g = groups[key];
      if (g.empty()) order.push_back(key);
      g.push_back(&o);
    }
    for (const auto& key : order) {
      const auto& g = groups[key];
      if (g.size() < 2) continue;
      auto same = [](const Observation& a, const Observation& b) {
        if (a.numerator != b.numerator || a.denominator != b.denominator) return false;
        auto va = value_of(a), vb = value_of(b);
        if (va.has_value() != vb.has_value()) return false;
        if (va && *va != *vb) return false;
        if (!va && a.value != b.value) return false;
        return a.qualifier == b.qualifier;
      };
      bool all_same = true;
      for (std::size_t i = 1; i < g.size(); ++i) all_same = all_same && same(*g[0], *g[i]);
      if (all_same) continue;
      const Indicator* in = ind(*g[0]);
      std::string unit = in && !in->unit.empty() ? " " + in->unit : "";
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
      add(std::move(f));
    }
  }

  // --- a percentage and the count "còn N" left out of it ---------------------------------------

  struct IntRange {
    std::int64_t lo = 0;                 // smallest total
    std::optional<std::int64_t> hi;      // largest total, none = unbounded
    bool empty = false;
  };

  /// The totals N >= c for which (N − c) / N × 100 rounds (mode, p.decimals) to p.value.
  /// (N − c)/N grows with N, so the solutions form one range; found by bisection on exact values.
  static IntRange totals_for(std::int64_t c, const PercentText& p, Rounding mode) {
    auto rounded = [&](std::int64_t n) { return Ratio(n - c, n).scaled(100).round_to(p.decimals, mode); };
    const std::int64_t cap = std::int64_t{1} << 52;
    std::int64_t start = (std::max<std::int64_t>)(c, 1);
    // smallest N with rounded(N) >= p
    auto first_at_least = [&](const Decimal& target, bool strict) -> std::optional<std::int64_t> {
      auto ok = [&](std::int64_t n) { return strict ? rounded(n) > target : rounded(n) >= target; };
      if (!ok(cap)) return std::nullopt;
      std::int64_t lo = start, hi = cap;
      while (lo < hi) {
        std::int64_t mid = lo + (hi - lo) / 2;
        if (ok(mid)) hi = mid; else lo = mid + 1;
      }
      return lo;
    };
    IntRange r;
    auto a = first_at_least(p.value, false);
    if (!a || rounded(*a) != p.value) {
      r.empty = true;
      return r;
    }
    r.lo = *a;
    auto b = first_at_least(p.value, true);
    if (b) r.hi = *b - 1;
    return r;
  }

  void check_remainders() {
    struct Pair {
      const Observation* rate;
      const Observation* rest;
      PercentText p;
      IntRange range;
    };
    std::vector<Pair> pairs;
    const auto& obs = d.observations;
    for (std::size_t i = 0; i < obs.size(); ++i) {
      const Observation& c = obs[i];
      const Indicator* ci = ind(c);
      auto cv = std::get_if<std::int64_t>(&c.value);
      if (!ci || ci->kind != IndicatorKind::count || !cv || !c.qualifier.empty() || !starts_with_con(c.published))
        continue;
      for (std::size_t j = i; j-- > 0;) {
        const Observation& r = obs[j];
        const Indicator* ri = ind(r);
        if (r.source.document != c.source.document || r.source.line != c.source.line || r.unit != c.unit ||
            period_key(r) != period_key(c))
          continue;
        if (!ri || ri->kind != IndicatorKind::ratio || r.is_ratio() || ri->unit != ci->unit ||
            r.published_value.empty() || !r.qualifier.empty())
          continue;
        PercentText p;
        try {
          p = parse_percent(r.published_value);
        } catch (const Error&) {
          break;
        }
        pairs.push_back({&r, &c, p, totals_for(*cv, p, declared_rounding(ri))});
        break;
      }
    }
    // Pairs of one line, unit, date and counted unit describe one common total.
    std::vector<bool> done(pairs.size(), false);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (done[i]) continue;
      std::vector<std::size_t> grp;
      for (std::size_t j = i; j < pairs.size(); ++j) {
        const auto& a = pairs[i];
        const auto& b = pairs[j];
        if (a.rate->source.document == b.rate->source.document && a.rate->source.line == b.rate->source.line &&
            a.rate->unit == b.rate->unit && period_key(*a.rate) == period_key(*b.rate) &&
            ind(*a.rest)->unit == ind(*b.rest)->unit) {
          grp.push_back(j);
          done[j] = true;
        }
      }
      IntRange all;
      all.lo = 0;
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
      if (!contradiction) continue;
      const std::string& counted = ind(*pairs[grp[0]].rest)->unit;
      Finding f;
      f.id = "remainder/" + pairs[grp[0]].rate->id;
      f.check = AuditCheck::remainder;
      f.severity = AuditSeverity::error;
      f.message = grp.size() > 1 ? "these percentages cannot hold for one number of " + counted + ":"
                                 : "the percentage cannot hold for any number of " + counted + ":";
      for (std::size_t n = 0; n < grp.size(); ++n) {
        const Pair& pr = pairs[grp[n]];
        std::string range = pr.range.empty ? "no total"
                                            : "a total of " + vn_int(pr.range.lo) +
                                                  (pr.range.hi ? (*pr.range.hi == pr.range.lo ? "" : "–" + vn_int(*pr.range.hi))
                                                               : " or more");
        f.message += std::string(n ? ";" : "") + " " + pr.rate->published_value + " with \"" + pr.rest->published +
                     "\" needs " + range;
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
      add(std::move(f));
    }
  }

  // --- the plan's number cited with another date --------------------------------------------

  /// "ngày 16/02/2023" or "ngày 28 tháng 6 năm 2024" at the start of `s` (after spaces).
  static std::optional<Date> cited_date(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    static const std::string ngay = "ngày ";
    if (s.substr(i, ngay.size()) != ngay) return std::nullopt;
    i += ngay.size();
    auto num = [&](int& out) {
      std::size_t b = i;
      out = 0;
      while (i < s.size() && detail::is_digit(s[i]) && i - b < 4) out = out * 10 + (s[i++] - '0');
      return i > b;
    };
    int dd = 0, mm = 0, yy = 0;
    if (!num(dd)) return std::nullopt;
    if (i < s.size() && s[i] == '/') {
      ++i;
      if (!num(mm) || i >= s.size() || s[i] != '/') return std::nullopt;
      ++i;
      if (!num(yy)) return std::nullopt;
    } else {
      static const std::string thang = " tháng ", nam = " năm ";
      if (s.substr(i, thang.size()) != thang) return std::nullopt;
      i += thang.size();
      if (!num(mm) || s.substr(i, nam.size()) != nam) return std::nullopt;
      i += nam.size();
      if (!num(yy)) return std::nullopt;
    }
    try {
      return Date(static_cast<unsigned short>(yy), static_cast<unsigned short>(mm), static_cast<unsigned short>(dd));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }

  void check_plan_references() {
    std::vector<const SourceRef*> refs;
    auto push = [&](const SourceRef& s) { refs.push_back(&s); };
    push(d.plan.source);
    push(d.report.source);
    for (const auto& x : d.utility_groups) push(x.source);
    for (const auto& x : d.task_groups) push(x.source);
    for (const auto& x : d.tasks) push(x.source);
    for (const auto& x : d.resolution_tasks) push(x.source);
    for (const auto& x : d.services) push(x.source);
    for (const auto& x : d.observations) push(x.source);
    for (const auto& x : d.totals) push(x.source);
    for (const auto& x : d.targets) push(x.source);
    for (const auto& x : d.claims) push(x.source);
    for (const auto& x : d.gaps) push(x.source);
    struct Doc {
      const DocumentRef* doc;
      const char* what;
    };
    for (Doc doc : {Doc{&d.plan, "plan"}, Doc{&d.report, "report"}}) {
      const DocumentRef& p = *doc.doc;
      if (p.number.empty() || !p.date) continue;
      std::set<std::pair<std::string, int>> seen;
      for (const SourceRef* s : refs) {
        if (s->quote.empty()) continue;
        for (std::size_t at = s->quote.find(p.number); at != std::string::npos; at = s->quote.find(p.number, at + 1)) {
          auto cd = cited_date(std::string_view(s->quote).substr(at + p.number.size()));
          if (!cd || *cd == *p.date) continue;
          if (!seen.insert({s->document, s->line}).second) continue;
          Finding f;
          f.id = std::string("plan_reference/") + doc.what + "/" + std::to_string(s->line);
          f.check = AuditCheck::plan_reference;
          f.severity = AuditSeverity::warning;
          f.message = std::string("the ") + doc.what + " " + p.number + " is cited as dated " +
                      boost::gregorian::to_iso_extended_string(*cd) + "; the framework dates it " +
                      boost::gregorian::to_iso_extended_string(*p.date);
          f.published = s->quote;
          f.values = {{"cited", boost::gregorian::to_iso_extended_string(*cd)},
                      {"recorded", boost::gregorian::to_iso_extended_string(*p.date)}};
          f.records = {p.id};
          f.source = *s;
          if (p.source.line) f.related.push_back(p.source);
          add(std::move(f));
        }
      }
    }
  }

  // --- validation rules (DHIS2 style) --------------------------------------------------------

  void check_rules() {
    std::vector<const ValidationRule*> rules;
    for (const auto& r : d.validation_rules) rules.push_back(&r);
    for (const auto& r : opt.extra_rules) rules.push_back(&r);
    for (const ValidationRule* rule : rules) check_rule(*rule);
  }

  struct Context {
    std::string unit, period, service;
    bool operator<(const Context& o) const {
      return std::tie(unit, period, service) < std::tie(o.unit, o.period, o.service);
    }
  };

  void check_rule(const ValidationRule& rule) {
    auto matches = [](const RuleTerm& t, const Observation& o, const Context* cx) {
      if (o.indicator != t.indicator) return false;
      if (!t.service.empty()) return o.service == t.service;
      return !cx || o.service == cx->service;
    };
    // The contexts: every unit × period (× service, for terms without one) with data for a term.
    std::set<Context> contexts;
    for (const RuleSide* side : {&rule.left, &rule.right})
      for (const auto& t : side->terms)
        for (const auto& o : d.observations)
          if (matches(t, o, nullptr)) contexts.insert({o.unit, period_key(o), t.service.empty() ? o.service : ""});
    for (const Context& cx : contexts) {
      if (!rule.levels.empty()) {
        const OrgUnit* u = fw.find_unit(cx.unit);
        if (!u || std::find(rule.levels.begin(), rule.levels.end(), u->level) == rule.levels.end()) continue;
      }
      struct SideValue {
        Ratio sum;
        int missing = 0, terms = 0;
        std::vector<const Observation*> used;
      };
      auto eval = [&](const RuleSide& side) {
        SideValue sv;
        for (const auto& t : side.terms) {
          ++sv.terms;
          const Observation* hit = nullptr;
          for (const auto& o : d.observations)
            if (matches(t, o, &cx) && o.unit == cx.unit && period_key(o) == cx.period) {
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
          } catch (const Error&) {
          }
        }
        return sv;
      };
      SideValue L = eval(rule.left), R = eval(rule.right);
      bool skip = false;
      switch (rule.missing_value) {
        case MissingValuePolicy::skip_if_any_missing: skip = L.missing > 0 || R.missing > 0; break;
        case MissingValuePolicy::skip_if_all_missing:
          skip = (L.terms > 0 && L.missing == L.terms) || (R.terms > 0 && R.missing == R.terms);
          break;
        case MissingValuePolicy::never_skip: skip = false; break;
      }
      if (skip) continue;
      bool ok = true;
      switch (rule.op) {
        case Comparator::ge: ok = L.sum >= R.sum; break;
        case Comparator::le: ok = L.sum <= R.sum; break;
        case Comparator::eq: ok = L.sum == R.sum; break;
        case Comparator::gt: ok = L.sum > R.sum; break;
        case Comparator::lt: ok = L.sum < R.sum; break;
        case Comparator::top: ok = true; break;
      }
      if (ok) continue;
      Finding f;
      f.id = "validation_rule/" + rule.id + "/" + cx.unit + "/" + cx.period + (cx.service.empty() ? "" : "/" + cx.service);
      f.check = AuditCheck::validation_rule;
      f.severity = rule.importance == Importance::high     ? AuditSeverity::error
                   : rule.importance == Importance::medium ? AuditSeverity::warning
                                                           : AuditSeverity::info;
      f.message = "rule " + rule.id + (rule.name.empty() ? "" : " (" + rule.name + ")") + " fails for " + cx.unit +
                  " at " + cx.period + (cx.service.empty() ? "" : ", service " + cx.service) + ": " +
                  vn_approx(L.sum) + " " + std::string(to_string(rule.op)) + " " + vn_approx(R.sum) + " is false";
      f.published = rule.description;
      f.values = {{"left", exact_text(L.sum)}, {"operator", std::string(to_string(rule.op))}, {"right", exact_text(R.sum)},
                  {"missing_value_policy", std::string(to_string(rule.missing_value))}};
      f.records = {rule.id};
      std::vector<const Observation*> used = L.used;
      used.insert(used.end(), R.used.begin(), R.used.end());
      for (const auto* o : used)
        if (std::find(f.records.begin(), f.records.end(), o->id) == f.records.end()) f.records.push_back(o->id);
      f.source = used.empty() ? rule.source : used.front()->source;
      for (std::size_t i = 1; i < used.size(); ++i)
        if (used[i]->source.line != f.source.line) f.related.push_back(used[i]->source);
      add(std::move(f));
    }
  }

  void run() {
    check_percentages();
    check_totals();
    check_groups();
    check_changes();
    check_claims();
    check_conflicts();
    check_remainders();
    check_plan_references();
    check_rules();
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
      int la = a.source.line > 0 ? a.source.line : INT32_MAX, lb = b.source.line > 0 ? b.source.line : INT32_MAX;
      return std::tie(la, a.check, a.id) < std::tie(lb, b.check, b.id);
    });
  }
};

/// Claimed status → the number of tasks the classifier puts in the statuses that claim maps to,
/// and those tasks' ids (for the finding).
std::optional<TaskStatusCounts> builtin_status_counts(const Framework& fw, Date as_of,
                                                      std::map<std::string, std::string>* task_ids) {
  std::vector<TaskStatus> st = classify_tasks(fw, as_of, Calendar::vietnam_public());
  StatusSummary sum = summarize_status(fw, st, as_of);
  TaskStatusCounts out;
  for (const ClaimComparison& c : sum.claims) {
    if (!c.ours) continue;
    out[c.status] = *c.ours;
    std::string ids;
    for (const TaskStatus& t : st)
      if (std::find(c.statuses.begin(), c.statuses.end(), t.status) != c.statuses.end()) ids += (ids.empty() ? "" : ",") + t.task;
    (*task_ids)[c.status] = ids;
  }
  return out;
}

std::optional<TaskStatusCounts> Auditor::status_counts() {
  Date as_of = opt.as_of ? *opt.as_of : d.report.date ? *d.report.date : Date(boost::gregorian::day_clock::local_day());
  if (opt.task_status_counts) return opt.task_status_counts(fw, as_of);
  return builtin_status_counts(fw, as_of, &status_tasks);
}

ojson source_json(const SourceRef& s) {
  ojson j;
  j["document"] = s.document;
  if (!s.section.empty()) j["section"] = s.section;
  if (!s.appendix.empty()) j["appendix"] = s.appendix;
  if (!s.row.empty()) j["row"] = s.row;
  j["line"] = s.line > 0 ? ojson(s.line) : ojson(nullptr);
  j["quote"] = s.quote;
  return j;
}

}  // namespace

bool audit_has_status_classifier() noexcept { return true; }

std::vector<Finding> audit(const Framework& fw, const AuditOptions& options) {
  Auditor a(fw, options);
  a.run();
  return std::move(a.out);
}

ojson to_json(const Finding& f) {
  ojson j;
  j["id"] = f.id;
  j["check"] = std::string(to_string(f.check));
  j["severity"] = std::string(to_string(f.severity));
  j["message"] = f.message;
  j["published"] = f.published;
  ojson v = ojson::object();
  for (const auto& x : f.values) v[x.name] = x.value;
  j["values"] = std::move(v);
  j["records"] = f.records;
  j["source"] = source_json(f.source);
  ojson rel = ojson::array();
  for (const auto& s : f.related) rel.push_back(source_json(s));
  j["related"] = std::move(rel);
  return j;
}

ojson audit_document(const Framework& fw, const AuditOptions& options) {
  std::vector<Finding> fs = audit(fw, options);
  std::size_t n[3] = {0, 0, 0};
  for (const auto& f : fs) ++n[static_cast<int>(f.severity)];
  ojson j;
  j["framework"] = fw.id();
  j["counts"] = {{"error", n[0]}, {"warning", n[1]}, {"info", n[2]}};
  ojson arr = ojson::array();
  for (const auto& f : fs) arr.push_back(to_json(f));
  j["findings"] = std::move(arr);
  return j;
}

std::string audit_json(const Framework& fw) { return audit_document(fw).dump(2); }

}  // namespace v1
}  // namespace da06
