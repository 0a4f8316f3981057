// Printed changes across reports: a later report's "tăng x so với <period>" against the earlier
// report's figure for that period. The implied earlier figures are the analysis engine's
// (derive_earlier_observations); this file only finds the figure to compare with.
#include "series_internal.hpp"

#include <map>

namespace da06::inline v1 {

namespace {

/// The quantity a change is about, as exact text ("" when the observation lacks it).
std::string quantity(const Observation& o, const std::string& of) {
  if (of == "numerator") return o.numerator ? std::to_string(*o.numerator) : std::string();
  if (of == "denominator") return o.denominator ? std::to_string(*o.denominator) : std::string();
  Observation v = o;  // the value alone, in the series' canonical exact form
  v.numerator.reset();
  v.denominator.reset();
  v.of.reset();
  return std::holds_alternative<std::monostate>(v.value) ? std::string() : detail::series::exact_figure(v);
}

}  // namespace

std::vector<ChangeCheck> check_changes(const Framework& earlier, const Framework& later) {
  std::map<ObservationKey, std::vector<const Observation*>> in_earlier, in_later;
  for (const Observation& o : earlier.observations()) in_earlier[key_of(o)].push_back(&o);
  for (const Observation& o : later.observations()) in_later[key_of(o)].push_back(&o);
  std::map<std::string, const Observation*> by_id;
  for (const Observation& o : later.observations()) by_id.emplace(o.id, &o);

  std::vector<ChangeCheck> out;
  for (const Observation& implied : derive_earlier_observations(later)) {
    auto src = derived_from(implied);
    if (!src) continue;
    auto it = by_id.find(*src);
    if (it == by_id.end() || !it->second->change) continue;
    const Observation& o = *it->second;
    const Change& ch = *o.change;
    const std::string of = ch.of.empty() ? "value" : ch.of;
    ObservationKey k{o.indicator, o.unit, o.service, ch.against};
    auto e = in_earlier.find(k);
    if (e == in_earlier.end()) continue;
    const Observation* first = nullptr;
    for (const Observation* p : e->second)
      if (!quantity(*p, of).empty()) {
        first = p;
        break;
      }
    if (!first) continue;
    ChangeCheck c;
    c.observation = o.id;
    c.published = ch.published;
    c.against = ch.against;
    c.of = of;
    c.delta = ch.delta;
    c.implied = quantity(implied, of);
    c.earlier_observation = first->id;
    c.earlier_value = quantity(*first, of);
    for (const Observation* p : e->second) c.agrees = c.agrees || quantity(*p, of) == c.implied;
    if (auto l = in_later.find(k); l != in_later.end())
      for (const Observation* p : l->second)
        if (std::string q = quantity(*p, of); !q.empty() && q != c.earlier_value) c.revised_to = q;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace da06::inline v1
