// Shared check of the units targets (CSV and JSON): what a loaded hierarchy promises, whatever the file.
#pragma once

#include <da06/hierarchy.hpp>
#include <da06/model.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "fuzz_common.hpp"

namespace da06_fuzz {

/// Only valid units: unique non-empty ids, valid dates, parents that exist and sit at a higher level,
/// no cycle (each unit's ancestor chain ends within size() steps).
inline void check_hierarchy(const da06::Hierarchy& h) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < h.size(); ++i) {
    const da06::OrgUnit& u = h.unit(static_cast<std::int32_t>(i));
    FUZZ_CHECK(!u.id.empty(), "a kept unit has an empty id");
    FUZZ_CHECK(ids.insert(u.id).second, "duplicate id kept: " + u.id);
    FUZZ_CHECK(h.find(u.id) == std::optional<std::int32_t>(static_cast<std::int32_t>(i)), "find() disagrees: " + u.id);
    FUZZ_CHECK(!(u.valid_from && u.valid_to && *u.valid_from > *u.valid_to), "valid_to before valid_from kept: " + u.id);
    for (const auto& p : u.parents) {
      auto pi = h.find(p.parent);
      FUZZ_CHECK(pi.has_value(), "dangling parent kept: " + u.id + " -> " + p.parent);
      FUZZ_CHECK(static_cast<int>(h.level(*pi)) < static_cast<int>(u.level), "parent not above its child: " + u.id);
    }
  }
  // No cycle: following the first parent link from any unit ends within size() steps.
  for (std::size_t i = 0; i < h.size(); ++i) {
    std::int32_t at = static_cast<std::int32_t>(i);
    std::size_t steps = 0;
    while (!h.unit(at).parents.empty()) {
      at = *h.find(h.unit(at).parents.front().parent);
      FUZZ_CHECK(++steps <= h.size(), "a cycle was kept through " + h.unit(at).id);
    }
  }
}

}  // namespace da06_fuzz
