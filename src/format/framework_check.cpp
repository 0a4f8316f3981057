// The framework reader's cross-checks: duplicate ids and dangling references reject the record
// that has them; the rest are kept.
#include "framework_reader.hpp"

#include "da06/deadline.hpp"

#include <unordered_map>

namespace da06::inline v1::detail::framework_format {

/// Where each record of a section is: its id → the path of its first element with that id. Built
/// once per section, so locating a rejected record costs O(1), not a scan of the section.
class RecordPaths {
 public:
  RecordPaths(const SectionIds& ids, const char* section) : ids_(ids), section_(section), base_(std::string("$.") + section) {}
  std::string operator()(const std::string& id) {
    if (!built_) {  // built on the first error: a valid section never pays for it
      built_ = true;
      if (auto it = ids_.by_section.find(section_); it != ids_.by_section.end())
        for (const auto& [key, index] : it->second) index_.emplace(key, index);
    }
    auto it = index_.find(id);
    return it == index_.end() ? base_ : child_path(base_, it->second);
  }

 private:
  const SectionIds& ids_;
  const char* section_;
  std::string base_;
  bool built_ = false;
  std::unordered_map<std::string_view, std::size_t> index_;
};

void cross_check(records::Sink& c, const SectionIds& ids, FrameworkData& fw) {
  auto dup = [&](auto& v, const char* section, const char* what) {
    // Report each duplicate at its own element (every element with a string id counts, rejected or not).
    if (auto it = ids.by_section.find(section); it != ids.by_section.end()) {
      std::unordered_map<std::string, int> seen;
      for (const auto& [id, index] : it->second)
        if (seen[id]++ > 0)
          c.error(child_path(child_path(std::string("$.") + section, index), "id"), "id",
                  "duplicate " + std::string(what) + " id " + quoted_excerpt(id) + " (" + what + " rejected)");
    }
    // Keep the first record of each id, in place: no second copy of a large section. The ids are
    // marked first, while the views into them are valid, then the records move.
    std::vector<bool> first(v.size(), false);
    {
      std::unordered_set<std::string_view> seen;
      seen.reserve(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) first[i] = seen.insert(v[i].id).second;
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!first[i]) continue;
      if (w != i) v[w] = std::move(v[i]);
      ++w;
    }
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(w), v.end());
  };
  dup(fw.sources, "sources", "source");
  dup(fw.utility_groups, "utility_groups", "utility group");
  dup(fw.task_groups, "task_groups", "task group");
  dup(fw.tasks, "tasks", "task");
  dup(fw.resolution_tasks, "resolution_tasks", "resolution task");
  dup(fw.services, "services", "service");
  dup(fw.units, "units", "unit");
  dup(fw.indicators, "indicators", "indicator");
  dup(fw.observations, "observations", "observation");
  dup(fw.totals, "totals", "total");
  dup(fw.targets, "targets", "target");
  dup(fw.claims, "claims", "claim");
  dup(fw.gaps, "gaps", "gap");
  dup(fw.validation_rules, "validation_rules", "validation rule");
  dup(fw.observation_candidates, "observation_candidates", "observation candidate");

  auto sources = ids_of(fw.sources);
  auto ugroups = ids_of(fw.utility_groups);
  auto tgroups = ids_of(fw.task_groups);

  // Filter `v` in place (stable), dropping records for which `check` reports an error.
  auto filter = [&](auto& v, const char* section, const char* what, auto&& check) {
    RecordPaths paths(ids, section);
    std::size_t w = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      auto& r = v[i];
      bool ok = true;
      auto err = [&](const char* field, const std::string& msg) {
        c.error(child_path(paths(r.id), field), field, msg + " (" + what + " '" + excerpt(r.id, 40) + "' rejected)");
        ok = false;
      };
      check(r, err);
      if constexpr (requires { r.source; }) {
        if (!r.source.document.empty() && !sources.count(r.source.document))
          err("source", "source document " + quoted_excerpt(r.source.document, 40) + " is not in \"sources\"");
      }
      if (!ok) continue;
      if (w != i) v[w] = std::move(r);
      ++w;
    }
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(w), v.end());
  };

  filter(fw.task_groups, "task_groups", "task group", [](auto&, auto&&) {});
  filter(fw.units, "units", "unit", [](auto&, auto&&) {});
  // Parent links may point at any unit, so check them after the units are known.
  {
    auto units = ids_of(fw.units);
    filter(fw.units, "units", "unit", [&](const OrgUnit& u, auto&& err) {
      for (const auto& p : u.parents)
        if (!units.count(p.parent)) err("parents", "parent unit " + quoted_excerpt(p.parent, 40) + " does not exist");
        else if (p.parent == u.id) err("parents", "a unit cannot be its own parent");
    });
  }
  auto units = ids_of(fw.units);
  filter(fw.indicators, "indicators", "indicator", [&](const Indicator& i, auto&& err) {
    if (!i.utility_group.empty() && !ugroups.count(i.utility_group))
      err("utility_group", "utility group " + quoted_excerpt(i.utility_group, 40) + " does not exist");
  });
  std::unordered_map<std::string, const Indicator*> indicators;
  for (const auto& i : fw.indicators) indicators[i.id] = &i;
  {
    auto services = ids_of(fw.services);
    filter(fw.services, "services", "service", [&](const Service& s, auto&& err) {
      if (!s.parent.empty() && !services.count(s.parent)) err("parent", "parent service " + quoted_excerpt(s.parent, 40) + " does not exist");
    });
  }
  auto services = ids_of(fw.services);
  filter(fw.tasks, "tasks", "task", [&](const Task& t, auto&& err) {
    if (!t.group.empty() && !tgroups.count(t.group)) err("group", "task group " + quoted_excerpt(t.group, 40) + " does not exist");
    for (const auto& i : t.indicators)
      if (!indicators.count(i)) err("indicators", "indicator " + quoted_excerpt(i, 40) + " does not exist");
    if (!t.utility_group.empty() && !ugroups.count(t.utility_group))
      err("utility_group", "utility group " + quoted_excerpt(t.utility_group, 40) + " does not exist");
  });
  filter(fw.resolution_tasks, "resolution_tasks", "resolution task", [](auto&, auto&&) {});
  filter(fw.observations, "observations", "observation", [&](const Observation& o, auto&& err) {
    auto it = indicators.find(o.indicator);
    if (it == indicators.end()) {
      err("indicator", "indicator " + quoted_excerpt(o.indicator, 40) + " does not exist");
      return;
    }
    if (!units.count(o.unit)) err("unit", "unit " + quoted_excerpt(o.unit, 40) + " does not exist");
    if (!o.service.empty() && !services.count(o.service)) err("service", "service " + quoted_excerpt(o.service, 40) + " does not exist");
    const Indicator& ind = *it->second;
    bool has_value = !std::holds_alternative<std::monostate>(o.value);
    switch (ind.kind) {
      case IndicatorKind::ratio:
        if (o.is_ratio() && *o.numerator > *o.denominator)
          err("numerator", "numerator " + std::to_string(*o.numerator) + " is greater than denominator " +
                               std::to_string(*o.denominator) + ", impossible for the ratio indicator " + quoted_excerpt(ind.id, 40));
        if (!o.is_ratio() && !has_value) err("numerator", "a ratio observation needs numerator and denominator, or a value");
        if (std::holds_alternative<bool>(o.value)) err("value", "a ratio cannot have a boolean value");
        break;
      case IndicatorKind::count:
      case IndicatorKind::rank:
        if (std::holds_alternative<std::int64_t>(o.value) && std::get<std::int64_t>(o.value) < 0)
          err("value", "negative count " + std::to_string(std::get<std::int64_t>(o.value)));
        if (std::holds_alternative<DecimalText>(o.value) && ind.kind == IndicatorKind::count)
          err("value", "a count must be a whole number, not " + quoted_excerpt(std::get<DecimalText>(o.value).text, 40));
        if (!has_value && !o.is_ratio()) err("value", "missing \"value\"");
        if (ind.kind == IndicatorKind::rank && o.of && std::holds_alternative<std::int64_t>(o.value) &&
            (std::get<std::int64_t>(o.value) < 1 || std::get<std::int64_t>(o.value) > *o.of))
          err("value", "rank " + std::to_string(std::get<std::int64_t>(o.value)) + " is not within 1.." + std::to_string(*o.of));
        break;
      case IndicatorKind::money:
        if (!has_value) err("value", "missing \"value\"");
        if (std::holds_alternative<bool>(o.value)) err("value", "an amount cannot be a boolean");
        break;
      case IndicatorKind::boolean:
        if (!std::holds_alternative<bool>(o.value)) err("value", "a yes/no indicator needs a boolean \"value\"");
        break;
      case IndicatorKind::value:
        break;
    }
  });
  auto observations = ids_of(fw.observations);
  filter(fw.observations, "observations", "observation", [&](const Observation& o, auto&& err) {
    if (!o.denominator_ref.empty() && !observations.count(o.denominator_ref))
      err("denominator_ref", "observation " + quoted_excerpt(o.denominator_ref, 40) + " does not exist");
  });
  observations = ids_of(fw.observations);
  filter(fw.totals, "totals", "total", [&](const Total& t, auto&& err) {
    if (!observations.count(t.total)) err("total", "observation " + quoted_excerpt(t.total, 40) + " does not exist");
    for (const auto& p : t.parts)
      if (!observations.count(p)) err("parts", "observation " + quoted_excerpt(p, 40) + " does not exist");
  });
  auto tasks = ids_of(fw.tasks);
  filter(fw.targets, "targets", "target", [&](const Target& t, auto&& err) {
    if (!indicators.count(t.indicator)) err("indicator", "indicator " + quoted_excerpt(t.indicator, 40) + " does not exist");
    if (!t.task.empty() && !tasks.count(t.task)) err("task", "task " + quoted_excerpt(t.task, 40) + " does not exist");
    if (!t.scope.unit.empty() && !units.count(t.scope.unit)) err("scope", "unit " + quoted_excerpt(t.scope.unit, 40) + " does not exist");
    if (t.comparator == Comparator::top && !t.of) err("of", "a \"top\" target needs \"of\" (e.g. 63 provinces)");
  });
  filter(fw.claims, "claims", "claim", [](auto&, auto&&) {});
  {
    auto services_now = ids_of(fw.services);
    filter(fw.validation_rules, "validation_rules", "validation rule", [&](const ValidationRule& r, auto&& err) {
      for (const RuleSide* side : {&r.left, &r.right})
        for (const auto& t : side->terms) {
          if (!indicators.count(t.indicator)) err(side == &r.left ? "left" : "right", "indicator " + quoted_excerpt(t.indicator, 40) + " does not exist");
          if (!t.service.empty() && !services_now.count(t.service))
            err(side == &r.left ? "left" : "right", "service " + quoted_excerpt(t.service, 40) + " does not exist");
        }
    });
  }
  {
    auto observations_now = ids_of(fw.observations);
    filter(fw.observation_candidates, "observation_candidates", "observation candidate",
           [&](const ObservationCandidate& k, auto&& err) {
             if (!k.observation.empty() && !observations_now.count(k.observation))
               err("observation", "observation " + quoted_excerpt(k.observation, 40) + " does not exist");
           });
  }
  filter(fw.gaps, "gaps", "gap", [](auto&, auto&&) {});
  filter(fw.sources, "sources", "source", [](auto&, auto&&) {});
  filter(fw.utility_groups, "utility_groups", "utility group", [](auto&, auto&&) {});
}

void warn_unread_deadlines(records::Sink& c, const SectionIds& ids, const FrameworkData& fw,
                           std::optional<int> reference_year) {
  const DeadlineContext ctx{reference_year};
  auto check = [&](const auto& records, const char* section) {
    RecordPaths paths(ids, section);
    for (const auto& r : records) {
      if (r.deadline_text.find_first_not_of(" \t\r\n") == std::string::npos) continue;  // no deadline given
      Deadline d = parse_deadline(r.deadline_text, ctx);
      if (d.known()) continue;
      std::string msg = "deadline text not read: ";
      msg.append(quoted_excerpt(r.deadline_text, 80));
      if (!d.diagnostics.empty()) msg.append(" (").append(d.diagnostics.front()).append(")");
      msg.append("; task '").append(r.id).append("' is kept without a due date");
      c.warn(child_path(paths(r.id), "deadline_text"), "deadline_text", std::move(msg));
    }
  };
  check(fw.tasks, "tasks");
  check(fw.resolution_tasks, "resolution_tasks");
}

}  // namespace da06::detail::framework_format
