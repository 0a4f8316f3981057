// The Framework value: shared immutable data plus id indexes.
#include "da06/model.hpp"

#include <algorithm>

namespace da06 {
inline namespace v1 {

namespace {
std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}
}  // namespace

std::vector<std::string> split_units(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto p = text.find(';');
    auto part = trim(text.substr(0, p));
    if (!part.empty()) out.emplace_back(part);
    if (p == std::string_view::npos) break;
    text.remove_prefix(p + 1);
  }
  return out;
}

std::string_view to_string(Level l) {
  switch (l) {
    case Level::nation: return "nation";
    case Level::province: return "province";
    case Level::district: return "district";
    case Level::commune: return "commune";
    case Level::village: return "village";
  }
  return "?";
}
std::optional<Level> parse_level(std::string_view s) {
  for (Level l : {Level::nation, Level::province, Level::district, Level::commune, Level::village})
    if (to_string(l) == s) return l;
  return std::nullopt;
}

std::string_view to_string(IndicatorKind k) {
  switch (k) {
    case IndicatorKind::ratio: return "ratio";
    case IndicatorKind::count: return "count";
    case IndicatorKind::money: return "money";
    case IndicatorKind::rank: return "rank";
    case IndicatorKind::boolean: return "boolean";
    case IndicatorKind::value: return "value";
  }
  return "?";
}
std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::higher: return "higher";
    case Direction::lower: return "lower";
    case Direction::none: return "none";
  }
  return "?";
}
std::string_view to_string(Aggregation a) {
  switch (a) {
    case Aggregation::ratio_of_sums: return "ratio_of_sums";
    case Aggregation::sum: return "sum";
    case Aggregation::min: return "min";
    case Aggregation::max: return "max";
    case Aggregation::none: return "none";
  }
  return "?";
}
std::string_view to_string(Temporal t) { return t == Temporal::stock ? "stock" : "flow"; }
std::string_view to_string(DenominatorBehaviour d) { return d == DenominatorBehaviour::grows ? "grows" : "fixed"; }

std::string_view to_string(Comparator c) {
  switch (c) {
    case Comparator::ge: return ">=";
    case Comparator::le: return "<=";
    case Comparator::eq: return "=";
    case Comparator::gt: return ">";
    case Comparator::lt: return "<";
    case Comparator::top: return "top";
  }
  return "?";
}
std::optional<Comparator> parse_comparator(std::string_view s) {
  for (Comparator c : {Comparator::ge, Comparator::le, Comparator::eq, Comparator::gt, Comparator::lt, Comparator::top})
    if (to_string(c) == s) return c;
  if (s == "≥") return Comparator::ge;
  if (s == "≤") return Comparator::le;
  return std::nullopt;
}

std::string_view to_string(Importance i) {
  switch (i) {
    case Importance::high: return "high";
    case Importance::medium: return "medium";
    case Importance::low: return "low";
  }
  return "?";
}
std::string_view to_string(MissingValuePolicy m) {
  switch (m) {
    case MissingValuePolicy::skip_if_any_missing: return "skip_if_any_missing";
    case MissingValuePolicy::skip_if_all_missing: return "skip_if_all_missing";
    case MissingValuePolicy::never_skip: return "never_skip";
  }
  return "?";
}

std::string_view to_string(CandidateKind k) {
  switch (k) {
    case CandidateKind::ratio: return "ratio";
    case CandidateKind::percent: return "percent";
    case CandidateKind::count: return "count";
    case CandidateKind::change: return "change";
  }
  return "?";
}
std::optional<CandidateKind> parse_candidate_kind(std::string_view s) {
  for (CandidateKind k : {CandidateKind::ratio, CandidateKind::percent, CandidateKind::count, CandidateKind::change})
    if (to_string(k) == s) return k;
  return std::nullopt;
}
std::string_view to_string(Review r) {
  switch (r) {
    case Review::pending: return "pending";
    case Review::accepted: return "accepted";
    case Review::rejected: return "rejected";
  }
  return "?";
}
std::optional<Review> parse_review(std::string_view s) {
  for (Review r : {Review::pending, Review::accepted, Review::rejected})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

struct Framework::Shared {
  std::shared_ptr<const FrameworkData> data;
  std::unordered_map<std::string_view, std::size_t> tasks, groups, indicators, observations, units, services;
};

namespace {
template <class V>
void index(std::unordered_map<std::string_view, std::size_t>& m, const V& v) {
  m.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) m.emplace(v[i].id, i);
}
template <class V>
const typename V::value_type* lookup(const std::unordered_map<std::string_view, std::size_t>& m, const V& v,
                                     std::string_view id) {
  auto it = m.find(id);
  return it == m.end() ? nullptr : &v[it->second];
}
}  // namespace

Framework::Framework() : Framework(FrameworkData{}) {}

Framework::Framework(FrameworkData data) {
  auto s = std::make_shared<Shared>();
  s->data = std::make_shared<const FrameworkData>(std::move(data));
  const FrameworkData& d = *s->data;
  index(s->tasks, d.tasks);
  index(s->groups, d.task_groups);
  index(s->indicators, d.indicators);
  index(s->observations, d.observations);
  index(s->units, d.units);
  index(s->services, d.services);
  data_ = s->data;
  p_ = std::move(s);
}

const Task* Framework::find_task(std::string_view id) const { return lookup(p_->tasks, data().tasks, id); }
const TaskGroup* Framework::find_task_group(std::string_view id) const {
  return lookup(p_->groups, data().task_groups, id);
}
const Indicator* Framework::find_indicator(std::string_view id) const {
  return lookup(p_->indicators, data().indicators, id);
}
const Observation* Framework::find_observation(std::string_view id) const {
  return lookup(p_->observations, data().observations, id);
}
const OrgUnit* Framework::find_unit(std::string_view id) const { return lookup(p_->units, data().units, id); }
const Service* Framework::find_service(std::string_view id) const {
  return lookup(p_->services, data().services, id);
}

int Framework::task_count_in_group(std::string_view group_id) const {
  return static_cast<int>(
      std::count_if(tasks().begin(), tasks().end(), [&](const Task& t) { return t.group == group_id; }));
}

}  // namespace v1
}  // namespace da06
