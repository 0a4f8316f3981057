// The plan of an aggregation (the ancestor of every unit, numbered densely), targets and their status,
// and the entry points that are not the columnar run itself (the cube, the one-call `aggregate`).
#include "aggregate_internal.hpp"

namespace da06::inline v1 {

// ---------------------------------------------------------------------------
// IndicatorThreshold, status

std::string_view to_string(GroupStatus s) {
  switch (s) {
    case GroupStatus::met: return "met";
    case GroupStatus::not_met: return "not_met";
    case GroupStatus::no_target: return "no_target";
    case GroupStatus::no_denominator: return "no_denominator";
  }
  return "?";
}

IndicatorThreshold IndicatorThreshold::percent(std::string_view decimal, Comparator c) {
  Decimal d = Decimal::parse(decimal);
  IndicatorThreshold t;
  t.comparator = c;
  t.value = (Ratio(d.mantissa(), detail::pow10(d.scale())) / Ratio(100)).reduced();
  return t;
}

bool IndicatorThreshold::met_by(const Ratio& r) const {
  switch (comparator) {
    case Comparator::ge: return r >= value;
    case Comparator::le: return r <= value;
    case Comparator::gt: return r > value;
    case Comparator::lt: return r < value;
    case Comparator::eq: return r == value;
    case Comparator::top: break;
  }
  throw InvalidArgument("a 'top' target has no threshold to compare a ratio with");
}

// ---------------------------------------------------------------------------
// The plan

AggregationPlan::AggregationPlan(const Hierarchy& h, Level level, Date as_of)
    : h_(h), level_(level), as_of_(as_of) {
  const std::size_t n = h.size();
  ancestor_.resize(n);
  why_.resize(n, AncestorStatus::found);
  dense_.assign(n, -1);
  std::vector<std::int32_t> slot(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    AncestorLookup a = h.ancestor_lookup(static_cast<std::int32_t>(i), level, as_of);
    ancestor_[i] = a.index;
    why_[i] = a.status;
    if (a.index >= 0) slot[static_cast<std::size_t>(a.index)] = 0;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (slot[i] == 0) {
      slot[i] = static_cast<std::int32_t>(targets_.size());
      targets_.push_back(static_cast<std::int32_t>(i));
    }
  for (std::size_t i = 0; i < n; ++i)
    if (ancestor_[i] >= 0) dense_[i] = slot[static_cast<std::size_t>(ancestor_[i])];
}

AggregateResult AggregationPlan::run(const ObservationCube& c, const AggregateOptions& opt) const {
  if (c.unit_count < 0 || c.indicator_count < 0 || c.period_count < 0)
    throw InvalidArgument("aggregate: negative cube dimension");
  if (static_cast<std::size_t>(c.unit_count) != h_.size())
    throw InvalidArgument("aggregate: the cube has " + std::to_string(c.unit_count) + " units, the hierarchy " +
                          std::to_string(h_.size()));
  const std::size_t IP = static_cast<std::size_t>(c.indicator_count) * static_cast<std::size_t>(c.period_count);
  const std::size_t total = IP * static_cast<std::size_t>(c.unit_count);
  if (total > 0 && (!c.numerator || !c.denominator)) throw InvalidArgument("aggregate: a cube pointer is null");
  // The cube is the columnar case with implicit codes; expand the codes of present cells in blocks and
  // reuse the columnar kernel, so both paths share one set of rules (bad rows, drops, overflow).
  std::vector<std::int32_t> un, in, pe;
  std::vector<std::int64_t> nu, de;
  un.reserve(total);
  in.reserve(total);
  pe.reserve(total);
  nu.reserve(total);
  de.reserve(total);
  for (std::size_t cell = 0; cell < total; ++cell) {
    if (c.present && !c.present[cell]) continue;
    const std::size_t u = cell / IP, rest = cell % IP;
    un.push_back(static_cast<std::int32_t>(u));
    in.push_back(static_cast<std::int32_t>(rest / static_cast<std::size_t>(c.period_count)));
    pe.push_back(static_cast<std::int32_t>(rest % static_cast<std::size_t>(c.period_count)));
    nu.push_back(c.numerator[cell]);
    de.push_back(c.denominator[cell]);
  }
  AggregateOptions o2 = opt;
  o2.indicator_count = c.indicator_count;
  o2.period_count = c.period_count;
  return run(ObservationColumns{un.data(), in.data(), pe.data(), nu.data(), de.data(), un.size()}, o2);
}

std::string_view aggregation_kernel() { return detail::kernel_isa(); }

AggregateResult aggregate(const Hierarchy& h, const ObservationColumns& obs, Level level, Date as_of,
                          const AggregateOptions& opt) {
  return AggregationPlan(h, level, as_of).run(obs, opt);
}

}  // namespace da06::inline v1
