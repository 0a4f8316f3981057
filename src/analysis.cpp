// The analysis engine (include/da06/analysis.hpp; formulas in docs/analysis.md).
#include "da06/analysis.hpp"

#include "da06/period.hpp"

#include <Eigen/Dense>
#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace da06 {
inline namespace v1 {

namespace {

namespace bg = boost::gregorian;

std::string iso(Date d) { return bg::to_iso_extended_string(d); }

bool higher_is_better(Comparator c) { return c == Comparator::ge || c == Comparator::gt; }
bool lower_is_better(Comparator c) { return c == Comparator::le || c == Comparator::lt || c == Comparator::top; }

/// ⌈p/q⌉ and ⌊p/q⌋ for q > 0.
BigInt ceil_div(const BigInt& p, const BigInt& q) { return Ratio(p, q).ceil(); }
BigInt floor_div(const BigInt& p, const BigInt& q) { return Ratio(p, q).floor(); }

/// A signed display of `r` rounded with the indicator's decimals and mode: "+1,23", "-8,69".
std::string signed_display(const Ratio& r, int decimals, Rounding mode) {
  Decimal d = r.round_to(decimals, mode);
  return format(VnNumber(d, VnStyle{.decimals = decimals, .plus_sign = true}));
}

const OrgUnit* province_unit(const Framework& fw) {
  for (const OrgUnit& u : fw.units())
    if (u.level == Level::province) return &u;
  return nullptr;
}

/// Lower is better for the tie rule: 0 ratio, 1 plain value, 2 qualified value; +3 when derived.
int data_rank(const Observation& o) {
  int r = o.is_ratio() ? 0 : (o.qualifier.empty() ? 1 : 2);
  if (derived_from(o)) r += 3;
  return r;
}

struct Candidate {
  const Observation* obs;
  Date date;
  Ratio value;
  std::size_t order;
};

/// Is candidate a better "current value" than b at the same date?
bool better(const Candidate& a, const Candidate& b) {
  int ra = data_rank(*a.obs), rb = data_rank(*b.obs);
  if (ra != rb) return ra < rb;
  return a.order < b.order;
}

}  // namespace

// ---------------------------------------------------------------------------
// 1. Values and changes

bool is_percentage(const Indicator& ind) { return ind.kind == IndicatorKind::ratio && ind.factor == 100; }

std::optional<Ratio> observation_value(const Observation& o, const Indicator& ind) {
  if (o.is_ratio()) {
    if (*o.denominator == 0) return std::nullopt;
    return Ratio(*o.numerator, *o.denominator).scaled(ind.factor);
  }
  if (const auto* i = std::get_if<std::int64_t>(&o.value)) return Ratio(*i);
  if (const auto* t = std::get_if<DecimalText>(&o.value)) return Decimal::parse(t->text).to_ratio();
  return std::nullopt;
}

Decimal rounded_value(const Ratio& v, const Indicator& ind) {
  return v.round_to(ind.decimals, parse_rounding(ind.rounding));
}

std::string format_value(const Ratio& v, const Indicator& ind) {
  Rounding mode = parse_rounding(ind.rounding);
  if (is_percentage(ind)) return format_percent(v, ind.decimals, mode, 1);
  return format_vn_decimal(v.round_to(ind.decimals, mode), ind.decimals, Rounding::toward_zero);
}

std::optional<Date> reference_date(const Observation& o, const Framework& fw) {
  if (o.as_of) return o.as_of;
  if (o.period.empty()) return std::nullopt;
  try {
    ClosedDateRange w = Period::parse_code(o.period).calendar_window();
    const auto& rd = fw.data().report.date;
    if (rd && w.contains(*rd)) return *rd;
    return w.last;
  } catch (const Error&) {
    return std::nullopt;
  }
}

ValueChange change_between(const Observation& earlier, const Observation& later, const Indicator& ind) {
  ValueChange c;
  if (earlier.numerator && later.numerator) c.numerator = BigInt(*later.numerator) - BigInt(*earlier.numerator);
  if (earlier.denominator && later.denominator)
    c.denominator = BigInt(*later.denominator) - BigInt(*earlier.denominator);
  auto a = observation_value(earlier, ind), b = observation_value(later, ind);
  if (a && b) {
    c.value = *b - *a;
    if (is_percentage(ind)) c.percentage_points = c.value;
  }
  return c;
}

std::optional<std::string> derived_from(const Observation& o) {
  if (o.note.rfind(kDerivedFromPrefix, 0) != 0) return std::nullopt;
  return o.note.substr(kDerivedFromPrefix.size());
}

std::vector<Observation> derive_earlier_observations(const Framework& fw, std::vector<std::string>* problems) {
  std::vector<Observation> out;
  auto problem = [&](const Observation& o, const std::string& why) {
    if (problems) problems->push_back("observation '" + o.id + "': change \"" + o.change->published + "\": " + why);
  };
  for (const Observation& o : fw.observations()) {
    if (!o.change) continue;
    const Change& ch = *o.change;
    if (ch.against.empty()) {
      problem(o, "no earlier period (against)");
      continue;
    }
    Observation e;
    e.id = o.id + "@" + ch.against;
    e.indicator = o.indicator;
    e.unit = o.unit;
    e.period = ch.against;
    e.service = o.service;
    e.of = o.of;
    e.published = ch.published;
    e.qualifier = o.qualifier;
    e.note = std::string(kDerivedFromPrefix) + o.id;
    e.source = o.source;
    auto minus = [&](std::int64_t cur, std::int64_t& res) {
      if (__builtin_sub_overflow(cur, ch.delta, &res)) {
        problem(o, "current − delta overflows int64");
        return false;
      }
      if (res < 0) {
        problem(o, "current " + std::to_string(cur) + " − delta " + std::to_string(ch.delta) + " is negative");
        return false;
      }
      return true;
    };
    std::int64_t r = 0;
    if (ch.of == "numerator" || ch.of == "denominator") {
      const auto& q = ch.of == "numerator" ? o.numerator : o.denominator;
      if (!q) {
        problem(o, "the observation has no " + ch.of);
        continue;
      }
      if (!minus(*q, r)) continue;
      (ch.of == "numerator" ? e.numerator : e.denominator) = r;
    } else if (ch.of == "value" || ch.of.empty()) {
      if (const auto* i = std::get_if<std::int64_t>(&o.value)) {
        if (!minus(*i, r)) continue;
        e.value = r;
      } else if (const auto* t = std::get_if<DecimalText>(&o.value)) {
        e.value = DecimalText{(Decimal::parse(t->text) - Decimal(ch.delta)).to_string()};
      } else {
        problem(o, "the observation has no numeric value");
        continue;
      }
    } else {
      problem(o, "unknown quantity \"" + ch.of + "\"");
      continue;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Observation> analysis_observations(const Framework& fw, bool use_derived) {
  std::vector<Observation> all = fw.observations();
  if (use_derived) {
    auto d = derive_earlier_observations(fw);
    all.insert(all.end(), d.begin(), d.end());
  }
  return all;
}

// ---------------------------------------------------------------------------
// 2. Targets

ThresholdInForce threshold_on(const Target& t, Date d) {
  ThresholdInForce r{Decimal::parse(t.threshold), -1, std::nullopt};
  // "The last milestone whose from ≤ d": the latest `from`, ties to the later-listed one.
  std::optional<Date> best;
  for (std::size_t i = 0; i < t.milestones.size(); ++i) {
    const Milestone& m = t.milestones[i];
    if (!m.from || *m.from > d) continue;
    if (!best || *m.from >= *best) {
      best = m.from;
      r = ThresholdInForce{Decimal::parse(m.threshold), static_cast<int>(i), m.from};
    }
  }
  return r;
}

bool satisfies(const Ratio& v, Comparator c, const Ratio& thr) {
  switch (c) {
    case Comparator::ge: return v >= thr;
    case Comparator::gt: return v > thr;
    case Comparator::le: return v <= thr;
    case Comparator::lt: return v < thr;
    case Comparator::eq: return v == thr;
    case Comparator::top: return v <= thr;
  }
  return false;
}

std::string_view to_string(NeededAction a) {
  switch (a) {
    case NeededAction::none: return "none";
    case NeededAction::add_both: return "add_to_numerator_and_denominator";
    case NeededAction::add_numerator: return "add_to_numerator";
    case NeededAction::add_denominator: return "add_to_denominator_only";
    case NeededAction::remove_numerator: return "remove_from_numerator";
    case NeededAction::add_value: return "add";
    case NeededAction::remove_value: return "remove";
    case NeededAction::gain_places: return "gain_places";
  }
  return "?";
}

Needed needed_for_ratio(const BigInt& n, const BigInt& d, Comparator c, const Ratio& t, DenominatorBehaviour beh) {
  if (d.sign() <= 0 || n.sign() < 0)
    throw InvalidArgument("needed_for_ratio: needs 0 <= n and d > 0, got " + n.str() + "/" + d.str());
  Needed r;
  if (c == Comparator::eq || c == Comparator::top) {
    r.explanation = std::string("not computed for the comparator '") + std::string(to_string(c)) + "'";
    return r;
  }
  const Ratio tr = t.reduced();
  const BigInt a = tr.numerator_big(), b = tr.denominator_big();
  const BigInt nb = n * b, ad = a * d;
  const bool grows = beh == DenominatorBehaviour::grows;
  const bool strict = c == Comparator::gt || c == Comparator::lt;
  const std::string op = strict ? (c == Comparator::gt ? ">" : "<") : (c == Comparator::ge ? "≥" : "≤");
  const std::string ts = tr.to_string(), ns = n.str(), ds = d.str();
  r.computable = true;
  auto done = [&](BigInt x, std::string how) {
    r.count = std::move(x);
    r.explanation = std::move(how);
    return r;
  };
  auto unreachable = [&](std::string why) {
    r.reachable = false;
    r.explanation = "unreachable by adding: " + std::move(why);
    return r;
  };
  if (higher_is_better(c)) {
    r.action = grows ? NeededAction::add_both : NeededAction::add_numerator;
    if (strict ? nb > ad : nb >= ad) return done(0, "already met: " + ns + "/" + ds + " " + op + " " + ts);
    const BigInt gap = ad - nb;  // b·(t·d − n) ≥ 0
    if (grows) {
      if (a >= b)
        return unreachable("(n + x)/(d + x) " + op + " " + ts + " needs x·(1 − t) " + op + " t·d − n > 0, and 1 − t ≤ 0");
      const BigInt q = b - a;
      BigInt x = strict ? BigInt(floor_div(gap, q) + 1) : ceil_div(gap, q);
      std::string f = strict ? "⌊(a·d − b·n)/(b − a)⌋ + 1" : "⌈(a·d − b·n)/(b − a)⌉";
      return done(x, "smallest x with (n + x)/(d + x) " + op + " t, t = a/b = " + ts + ": x = " + f + " = " +
                         (strict ? "⌊" : "⌈") + gap.str() + "/" + q.str() + (strict ? "⌋ + 1" : "⌉") + " = " + x.str());
    }
    BigInt x = strict ? BigInt(floor_div(gap, b) + 1) : ceil_div(gap, b);
    if (n + x > d)
      return unreachable("(n + x)/d " + op + " " + ts + " needs x = " + x.str() + ", but the numerator cannot exceed the fixed denominator " + ds);
    return done(x, std::string("smallest x with (n + x)/d ") + op + " t, t = a/b = " + ts + ": x = " +
                       (strict ? "⌊(a·d − b·n)/b⌋ + 1 = ⌊" : "⌈(a·d − b·n)/b⌉ = ⌈") + gap.str() + "/" + b.str() +
                       (strict ? "⌋ + 1" : "⌉") + " = " + x.str());
  }
  // ≤ and <: lower the ratio.
  r.action = grows ? NeededAction::add_denominator : NeededAction::remove_numerator;
  if (strict ? nb < ad : nb <= ad) return done(0, "already met: " + ns + "/" + ds + " " + op + " " + ts);
  const BigInt gap = nb - ad;  // b·(n − t·d) ≥ 0
  if (grows) {
    if (a.sign() <= 0)
      return unreachable("n/(d + x) " + op + " " + ts + " is impossible while n = " + ns + " > 0");
    BigInt x = strict ? BigInt(floor_div(gap, a) + 1) : ceil_div(gap, a);
    return done(x, std::string("smallest x with n/(d + x) ") + op + " t, t = a/b = " + ts + ": x = " +
                       (strict ? "⌊(b·n − a·d)/a⌋ + 1 = ⌊" : "⌈(b·n − a·d)/a⌉ = ⌈") + gap.str() + "/" + a.str() +
                       (strict ? "⌋ + 1" : "⌉") + " = " + x.str());
  }
  BigInt x = strict ? BigInt(floor_div(gap, b) + 1) : ceil_div(gap, b);
  if (x > n) return unreachable("(n − x)/d " + op + " " + ts + " needs x = " + x.str() + " > n = " + ns);
  return done(x, std::string("smallest x with (n − x)/d ") + op + " t, t = a/b = " + ts + ": x = " +
                     (strict ? "⌊(b·n − a·d)/b⌋ + 1 = ⌊" : "⌈(b·n − a·d)/b⌉ = ⌈") + gap.str() + "/" + b.str() +
                     (strict ? "⌋ + 1" : "⌉") + " = " + x.str());
}

Needed needed_for_value(const Ratio& v, Comparator c, const Ratio& thr, IndicatorKind kind) {
  Needed r;
  if (c == Comparator::eq) {
    r.explanation = "not computed for the comparator '='";
    return r;
  }
  r.computable = true;
  const bool strict = c == Comparator::gt || c == Comparator::lt;
  if (satisfies(v, c, thr)) {
    r.action = c == Comparator::top ? NeededAction::gain_places
               : higher_is_better(c) ? NeededAction::add_value
                                     : NeededAction::remove_value;
    r.count = 0;
    r.explanation = "already met";
    return r;
  }
  if (c == Comparator::top) {
    r.action = NeededAction::gain_places;
    r.count = (v - thr).ceil();
    r.explanation = "places to climb: ⌈rank − threshold⌉ = ⌈" + (v - thr).to_string() + "⌉ = " + r.count->str();
    return r;
  }
  if (higher_is_better(c)) {
    r.action = NeededAction::add_value;
    Ratio g = thr - v;
    r.count = strict ? BigInt(g.floor() + 1) : g.ceil();
    r.explanation = std::string("units to add: ") + (strict ? "⌊threshold − value⌋ + 1" : "⌈threshold − value⌉") +
                    " = " + r.count->str();
    return r;
  }
  r.action = NeededAction::remove_value;
  Ratio g = v - thr;
  r.count = strict ? BigInt(g.floor() + 1) : g.ceil();
  bool nonneg = kind == IndicatorKind::count || kind == IndicatorKind::money;
  if (nonneg && Ratio(*r.count, BigInt(1)) > v) {
    r.reachable = false;
    r.explanation = "unreachable: would need a value below 0";
    r.count.reset();
    return r;
  }
  r.explanation = std::string("units to remove: ") + (strict ? "⌊value − threshold⌋ + 1" : "⌈value − threshold⌉") +
                  " = " + r.count->str();
  return r;
}

int workdays_left(Date as_of, Date deadline, const Calendar& cal) {
  if (deadline > as_of) return cal.count_workdays_closed(as_of + bg::days(1), deadline);
  if (deadline == as_of) return 0;
  return -cal.count_workdays_closed(deadline + bg::days(1), as_of);
}

std::string_view to_string(TargetStatus s) {
  switch (s) {
    case TargetStatus::met: return "met";
    case TargetStatus::not_met: return "not_met";
    case TargetStatus::no_data: return "no_data";
  }
  return "?";
}

// ---------------------------------------------------------------------------
// 3. Pace

std::string_view to_string(PaceClass c) {
  switch (c) {
    case PaceClass::achieved: return "achieved";
    case PaceClass::on_track: return "on_track";
    case PaceClass::acceleration_needed: return "acceleration_needed";
    case PaceClass::limited_progress: return "limited_progress";
    case PaceClass::deterioration: return "deterioration";
    case PaceClass::insufficient_data: return "insufficient_data";
  }
  return "?";
}

std::string_view to_string(PaceMethod m) { return m == PaceMethod::open_sdg ? "open_sdg" : "unsd"; }

LinearFit weighted_linear_fit(const std::vector<double>& t, const std::vector<double>& y, const std::vector<double>& w) {
  const std::size_t n = t.size();
  if (y.size() != n || w.size() != n) throw InvalidArgument("weighted_linear_fit: t, y and w differ in length");
  std::size_t used = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(w[i] >= 0) || !std::isfinite(w[i]) || !std::isfinite(t[i]) || !std::isfinite(y[i]))
      throw InvalidArgument("weighted_linear_fit: weights must be finite and >= 0, t and y finite");
    used += w[i] > 0;
  }
  // Rows scaled by √w: ordinary least squares on (√W·X, √W·y) minimises Σ w (y − a − b t)².
  Eigen::MatrixXd X(static_cast<Eigen::Index>(n), 2);
  Eigen::VectorXd Y(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    double s = std::sqrt(w[i]);
    auto k = static_cast<Eigen::Index>(i);
    X(k, 0) = s;
    X(k, 1) = s * t[i];
    Y(k) = s * y[i];
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(X);
  if (used < 2 || qr.rank() < 2)
    throw InvalidArgument("weighted_linear_fit: needs two distinct t with positive weight");
  Eigen::Vector2d beta = qr.solve(Y);
  return LinearFit{beta(0), beta(1)};
}

PaceClass classify(double ratio, const PaceBands& b) {
  if (ratio >= b.on_track) return PaceClass::on_track;
  if (ratio >= b.acceleration) return PaceClass::acceleration_needed;
  if (ratio >= b.limited) return PaceClass::limited_progress;
  return PaceClass::deterioration;
}

Pace assess_pace(std::vector<PacePoint> points, Comparator comparator, double target_value, std::optional<Date> deadline,
                 bool achieved, const PaceOptions& opt) {
  Pace p;
  p.method = opt.method;
  p.bands = opt.bands;
  p.half_life_years = opt.half_life_years;
  p.days_per_year = opt.days_per_year > 0 ? opt.days_per_year : 365.25;
  p.target_value = target_value;
  p.target_date = deadline;
  const double dpy = p.days_per_year;
  std::stable_sort(points.begin(), points.end(), [](const PacePoint& a, const PacePoint& b) { return a.date < b.date; });
  if (points.empty()) {
    p.reason = "no observation";
    return p;
  }
  const Date base = points.front().date, last = points.back().date;
  for (PacePoint& pt : points) {
    pt.t = static_cast<double>((pt.date - base).days()) / dpy;
    double age = static_cast<double>((last - pt.date).days()) / dpy;
    pt.weight = opt.half_life_years > 0 ? std::exp2(-age / opt.half_life_years) : 1.0;
  }
  p.points = points;
  const PacePoint& b0 = points.front();
  const PacePoint& c0 = points.back();
  p.base_date = b0.date;
  p.current_date = c0.date;
  p.base_value = b0.y;
  p.current_value = c0.y;
  // Lower is better for ≤, <, top; for '=' the side the target lies on.
  p.direction = lower_is_better(comparator) ? -1 : 1;
  if (comparator == Comparator::eq) p.direction = target_value >= b0.y ? 1 : -1;
  // A plain double plus a flag, not std::optional<double>: g++ 12 warns -Wmaybe-uninitialized on the latter here.
  const bool has_td = deadline.has_value();
  const double td = has_td ? static_cast<double>((*deadline - base).days()) / dpy : 0.0;

  if (points.size() >= 2 && c0.t > b0.t) {
    p.observed_rate_per_year = (c0.y - b0.y) / (c0.t - b0.t);
    std::vector<double> t, y, w;
    for (const PacePoint& pt : points) {
      t.push_back(pt.t);
      y.push_back(pt.y);
      w.push_back(pt.weight);
    }
    p.fit = weighted_linear_fit(t, y, w);
    if (has_td) p.projected_at_deadline = p.fit->intercept + p.fit->slope * td;
    if (has_td && td > c0.t) p.required_rate_per_year = (target_value - c0.y) / (td - c0.t);
    if (achieved) {
      p.projected_attainment = c0.date;
      p.projection_note = "already attained at the latest observation";
    } else if (p.fit->slope * p.direction > 0) {
      double ts = (target_value - p.fit->intercept) / p.fit->slope;
      if (ts > 500.0) {
        p.projection_note = "the fitted line reaches the target more than 500 years after the first point";
      } else {
        // Whole days, rounded up; a day count within 1e-6 of an integer is that integer (floating noise).
        p.projected_attainment = base + bg::days(static_cast<long>(std::ceil(ts * dpy - 1e-6)));
        p.projection_note = ts <= c0.t ? "the fitted line is past the target although the latest value is not"
                                       : "the day the fitted line reaches the target";
      }
    } else {
      p.projection_note = "the fitted line does not move toward the target";
    }
  }

  if (achieved) {
    p.cls = PaceClass::achieved;
    p.reason = "the latest value meets the target in force at the deadline";
    return p;
  }
  if (points.size() < 2 || !(c0.t > b0.t)) {
    p.reason = "pace needs two or more observations at different dates";
    return p;
  }
  if (!deadline) {
    p.reason = "the target has no deadline";
    return p;
  }
  if (!(td > 0)) {
    p.reason = "the deadline is not after the first observation";
    return p;
  }
  if (opt.method == PaceMethod::open_sdg) {
    if (!(b0.y > 0) || c0.y < 0 || target_value < 0) {
      p.reason = "compound growth needs a positive base value and non-negative current and target values";
      return p;
    }
    p.cagr_observed = std::pow(c0.y / b0.y, 1.0 / (c0.t - b0.t)) - 1.0;
    p.cagr_required = std::pow(target_value / b0.y, 1.0 / td) - 1.0;
    if (*p.cagr_required == 0) {
      p.reason = "the target equals the base value (required growth 0); classified by the sign of the observed growth";
      p.cls = *p.cagr_observed * p.direction < 0 ? PaceClass::deterioration : PaceClass::on_track;
      return p;
    }
    p.ratio = p.direction * *p.cagr_observed / std::abs(*p.cagr_required);
    p.reason = "R = s × CAGR_observed / |CAGR_required|";
  } else {
    if (target_value == b0.y) {
      p.reason = "the target equals the base value; r is undefined";
      return p;
    }
    p.ratio = (*p.projected_at_deadline - b0.y) / (target_value - b0.y);
    p.reason = "r = (projected − base) / (target − base)";
  }
  p.cls = classify(*p.ratio, opt.bands);
  return p;
}

// ---------------------------------------------------------------------------
// Target evaluation

namespace {

/// The unit a target's current value is looked up in, or empty with a reason.
std::string match_unit(const Framework& fw, const Target& t, std::string& reason, std::vector<std::string>& notes) {
  const OrgUnit* prov = province_unit(fw);
  if (t.scope.levels.empty()) {
    if (!t.scope.unit.empty()) return t.scope.unit;
    if (prov) {
      notes.push_back("no scope printed; the province unit " + prov->id + " is used");
      return prov->id;
    }
    reason = "the target has no scope and the framework no province unit";
    return {};
  }
  bool has_province = std::find(t.scope.levels.begin(), t.scope.levels.end(), Level::province) != t.scope.levels.end();
  std::string levels;
  for (Level l : t.scope.levels) levels += (levels.empty() ? "" : ", ") + std::string(to_string(l));
  if (has_province) {
    const OrgUnit* su = t.scope.unit.empty() ? nullptr : fw.find_unit(t.scope.unit);
    const OrgUnit* u = su && su->level == Level::province ? su : prov;
    if (!u) {
      reason = "the target applies to levels " + levels + " and the framework has no province unit";
      return {};
    }
    if (t.scope.levels.size() > 1)
      notes.push_back("the target applies to levels " + levels + "; the province unit's figure (" + u->id +
                      ") is used, which may cover more than the province level");
    return u->id;
  }
  reason = "the target applies to levels " + levels +
           "; observations at those levels are not aggregated here, and no province-level figure applies";
  return {};
}

}  // namespace

static TargetEvaluation evaluate_target_impl(const Framework& fw, const Target& t, Date as_of, const Calendar& cal,
                                      const AnalysisOptions& opt, const std::vector<Observation>& obs) {
  TargetEvaluation e;
  e.target = t.id;
  e.indicator = t.indicator;
  e.task = t.task;
  e.published = t.published;
  e.as_of = as_of;
  e.comparator = t.comparator;
  e.threshold = threshold_on(t, as_of);
  e.of = t.of;
  e.effective = t.effective;
  e.deadline = t.deadline;
  e.threshold_at_deadline = t.deadline ? threshold_on(t, *t.deadline).threshold : e.threshold.threshold;
  e.in_force = !t.effective || *t.effective <= as_of;
  if (!e.in_force) e.notes.push_back("the target takes effect on " + iso(*t.effective));
  e.scope_unit = t.scope.unit;
  e.scope_levels = t.scope.levels;
  if (t.deadline) e.workdays_left = workdays_left(as_of, *t.deadline, cal);
  e.pace.method = opt.pace.method;
  e.pace.bands = opt.pace.bands;
  e.pace.half_life_years = opt.pace.half_life_years;
  e.pace.days_per_year = opt.pace.days_per_year;

  const Indicator* ind = fw.find_indicator(t.indicator);
  if (!ind) {
    e.reason = "unknown indicator '" + t.indicator + "'";
    e.pace.reason = e.reason;
    return e;
  }
  if (ind->kind == IndicatorKind::ratio) e.denominator = ind->denominator;
  e.gap_unit = is_percentage(*ind) ? "pp" : ind->kind == IndicatorKind::rank ? "places" : ind->unit;
  e.matched_unit = match_unit(fw, t, e.reason, e.notes);
  if (e.matched_unit.empty()) {
    e.pace.reason = "no data";
    return e;
  }

  // Candidates: same indicator and unit, known by as_of, with a numeric value.
  std::vector<Candidate> cands;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const Observation& o = obs[i];
    if (o.indicator != t.indicator || o.unit != e.matched_unit) continue;
    auto d = reference_date(o, fw);
    if (!d || *d > as_of) continue;
    auto v = observation_value(o, *ind);
    if (!v) continue;
    cands.push_back(Candidate{&o, *d, *v, i});
  }
  if (cands.empty()) {
    e.reason = "no observation of " + t.indicator + " for " + e.matched_unit + " dated on or before " + iso(as_of);
    e.pace.reason = "no data";
    return e;
  }
  // One candidate per date (the best by the tie rule), oldest first.
  std::map<Date, Candidate> by_date;
  for (const Candidate& c : cands) {
    auto it = by_date.find(c.date);
    if (it == by_date.end()) by_date.emplace(c.date, c);
    else if (better(c, it->second)) it->second = c;
  }
  const Candidate& cur = by_date.rbegin()->second;
  e.current = *cur.obs;
  e.current_date = cur.date;
  e.value = cur.value;
  e.value_display = format_value(cur.value, *ind);

  const Ratio thr = e.threshold.threshold.to_ratio();
  const bool met = satisfies(cur.value, t.comparator, thr);
  e.status = met ? TargetStatus::met : TargetStatus::not_met;
  e.gap = cur.value - thr;
  e.gap_display = signed_display(*e.gap, ind->decimals, parse_rounding(ind->rounding));
  if (!thr.is_zero()) e.attainment = cur.value / thr;
  if (t.comparator == Comparator::top && t.of && cur.obs->of && *cur.obs->of != *t.of)
    e.notes.push_back("the rank is out of " + std::to_string(*cur.obs->of) + ", the target out of " + std::to_string(*t.of));

  const std::string& q = cur.obs->qualifier;
  if (!q.empty()) {
    bool lower_bound = q == "over" || q == "at_least";
    bool upper_bound = q == "at_most";
    bool certain = (met && lower_bound && higher_is_better(t.comparator)) ||
                   (met && upper_bound && lower_is_better(t.comparator));
    e.notes.push_back("the value is qualified (" + q + ")" +
                      (certain ? "; the verdict holds for any value it allows"
                               : "; the verdict uses the printed figure and may not hold for the true value"));
  }

  // How many more.
  if (ind->kind == IndicatorKind::ratio && cur.obs->is_ratio()) {
    Ratio tfrac = thr / Ratio(ind->factor);
    e.needed = needed_for_ratio(BigInt(*cur.obs->numerator), BigInt(*cur.obs->denominator), t.comparator, tfrac,
                                ind->denominator);
  } else if (ind->kind == IndicatorKind::ratio) {
    e.needed.explanation = "only the rate was printed; with no numerator and denominator there is nothing to count";
  } else {
    e.needed = needed_for_value(cur.value, t.comparator, thr, ind->kind);
  }

  // Pace: one point per date, against the threshold in force at the deadline.
  std::vector<PacePoint> pts;
  for (const auto& [d, c] : by_date) pts.push_back(PacePoint{c.obs->id, d, 0, c.value.to_double(), 1});
  const Ratio final_thr = e.threshold_at_deadline.to_ratio();
  const bool achieved = satisfies(cur.value, t.comparator, final_thr);
  e.pace = assess_pace(std::move(pts), t.comparator, final_thr.to_double(), t.deadline, achieved, opt.pace);
  return e;
}

TargetEvaluation evaluate_target(const Framework& fw, const Target& t, Date as_of, const Calendar& cal,
                                 const AnalysisOptions& opt) {
  return evaluate_target_impl(fw, t, as_of, cal, opt, analysis_observations(fw, opt.use_derived));
}

std::vector<TargetEvaluation> evaluate_targets(const Framework& fw, Date as_of, const Calendar& cal,
                                               const AnalysisOptions& opt) {
  auto obs = analysis_observations(fw, opt.use_derived);
  std::vector<TargetEvaluation> out;
  out.reserve(fw.targets().size());
  for (const Target& t : fw.targets()) out.push_back(evaluate_target_impl(fw, t, as_of, cal, opt, obs));
  return out;
}

// ---------------------------------------------------------------------------
// 4. JSON

std::string exact_string(const Ratio& r) {
  Ratio x = r.reduced();
  return x.numerator_big().str() + "/" + x.denominator_big().str();
}

IndicatorsReport indicators_report(const Framework& fw, Date as_of, const Calendar& cal, const AnalysisOptions& opt) {
  IndicatorsReport r;
  r.framework = fw;
  r.as_of = as_of;
  r.calendar = std::string(cal.name());
  r.options = opt;
  auto derived = opt.use_derived ? derive_earlier_observations(fw, &r.problems) : std::vector<Observation>{};
  std::vector<Observation> all = fw.observations();
  all.insert(all.end(), derived.begin(), derived.end());
  for (const Target& t : fw.targets()) r.targets.push_back(evaluate_target_impl(fw, t, as_of, cal, opt, all));

  std::map<std::string, std::vector<std::string>> targets_of_obs;
  for (const auto& e : r.targets) {
    if (e.status == TargetStatus::met) ++r.summary.met;
    else if (e.status == TargetStatus::not_met) ++r.summary.not_met;
    else ++r.summary.no_data;
    ++r.summary.pace[static_cast<std::size_t>(e.pace.cls)];
    if (e.current) targets_of_obs[e.current->id].push_back(e.target);
  }
  r.summary.observations = fw.observations().size();
  r.summary.derived_observations = derived.size();
  r.summary.targets = r.targets.size();
  std::set<int> years;
  for (const auto& e : r.targets)
    if (e.deadline)
      for (int y : cal.provisional_years(std::min(as_of, *e.deadline), std::max(as_of, *e.deadline))) years.insert(y);
  r.provisional_years.assign(years.begin(), years.end());

  // Derived observations by their source id, for the change blocks.
  std::map<std::string, const Observation*> earlier_of;
  for (const Observation& d : derived)
    if (auto src = derived_from(d)) earlier_of[*src] = &d;
  r.observations.reserve(all.size());
  for (const Observation& o : all) {
    ObservationAnalysis a;
    a.observation = o;
    const Indicator* ind = fw.find_indicator(o.indicator);
    a.reference_date = reference_date(o, fw);
    if (ind) a.value = observation_value(o, *ind);
    a.derived_from = derived_from(o);
    if (o.change) {
      auto it = earlier_of.find(o.id);
      if (it != earlier_of.end()) {
        a.earlier_observation = it->second->id;
        if (ind) {
          ValueChange vc = change_between(*it->second, o, *ind);
          if (vc.percentage_points) a.change_pp = *vc.percentage_points;
          else if (is_percentage(*ind)) a.change_pp_reason = "the earlier rate is unknown: the change gives only the earlier " + o.change->of;
        }
      }
    }
    if (auto tt = targets_of_obs.find(o.id); tt != targets_of_obs.end()) a.current_for_targets = tt->second;
    r.observations.push_back(std::move(a));
  }
  return r;
}

}  // namespace v1
}  // namespace da06
