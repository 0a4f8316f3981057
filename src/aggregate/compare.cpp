// Comparing units: a result's values for one indicator and period, competition ranking (overall and
// among siblings), the distribution, and the worst units — all exact (Ratio), never doubles.
#include "aggregate_internal.hpp"

#include <algorithm>
#include <map>

namespace da06::inline v1 {

std::vector<UnitValue> values_of(const AggregateResult& r, std::int32_t indicator, std::int32_t period) {
  std::vector<UnitValue> out;
  for (std::size_t g = 0; g < r.size(); ++g)
    if (r.indicator(g) == indicator && r.period(g) == period && r.has_ratio(g)) out.push_back({r.unit(g), r.ratio(g)});
  return out;
}

namespace {
void sort_for(std::vector<UnitValue>& v, Direction d) {
  if (d == Direction::none) throw InvalidArgument("ranking needs a direction (higher or lower is better)");
  std::stable_sort(v.begin(), v.end(), [d](const UnitValue& a, const UnitValue& b) {
    auto c = a.value <=> b.value;
    if (c != 0) return d == Direction::higher ? c > 0 : c < 0;
    return a.unit < b.unit;
  });
}
std::vector<RankedUnit> ranked(const std::vector<UnitValue>& sorted, std::int32_t parent) {
  std::vector<RankedUnit> out;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    int rk = (i > 0 && sorted[i].value == sorted[i - 1].value) ? out.back().rank : static_cast<int>(i) + 1;
    out.push_back({sorted[i].unit, sorted[i].value, rk, parent});
  }
  return out;
}
}  // namespace

std::vector<RankedUnit> rank(std::vector<UnitValue> values, Direction direction) {
  sort_for(values, direction);
  return ranked(values, -1);
}

std::vector<RankedUnit> rank_among_siblings(const Hierarchy& h, Date as_of, std::vector<UnitValue> values,
                                            Direction direction) {
  std::map<std::int32_t, std::vector<UnitValue>> groups;
  for (auto& v : values) groups[h.parent_at(v.unit, as_of)].push_back(std::move(v));
  std::vector<RankedUnit> out;
  for (auto& [parent, vs] : groups) {
    sort_for(vs, direction);
    auto r = ranked(vs, parent);
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

std::optional<Distribution> distribution(const std::vector<UnitValue>& values) {
  if (values.empty()) return std::nullopt;
  std::vector<Ratio> v;
  v.reserve(values.size());
  for (const auto& x : values) v.push_back(x.value);
  std::sort(v.begin(), v.end(), [](const Ratio& a, const Ratio& b) { return a < b; });
  Distribution d;
  d.count = v.size();
  d.min = v.front();
  d.max = v.back();
  const std::size_t m = v.size() / 2;
  d.median = v.size() % 2 ? v[m] : ((v[m - 1] + v[m]) * Ratio(1, 2)).reduced();
  return d;
}

std::size_t count_below(const std::vector<UnitValue>& values, const Ratio& target) {
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [&](const UnitValue& x) { return x.value < target; }));
}

std::vector<RankedUnit> worst(std::vector<UnitValue> values, std::size_t n, Direction direction) {
  auto r = rank(std::move(values), direction);
  std::stable_sort(r.begin(), r.end(), [](const RankedUnit& a, const RankedUnit& b) {
    return a.rank != b.rank ? a.rank > b.rank : a.unit < b.unit;
  });
  if (r.size() > n) r.resize(n);
  return r;
}

}  // namespace da06::inline v1
