// Internal: what the framework reader's files share — the cross-checks that run once every record
// is read (framework_check.cpp).
#pragma once

#include "da06/io.hpp"
#include "framework_fields.hpp"
#include "record_reader.hpp"

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace da06::inline v1::detail::framework_format {

template <class R>
std::unordered_set<std::string> ids_of(const std::vector<R>& v) {
  std::unordered_set<std::string> s;
  for (const auto& r : v) s.insert(r.id);
  return s;
}

/// Duplicates and dangling references: each rejects the record that has it.
void cross_check(records::Sink& sink, const SectionIds& ids, FrameworkData& fw);

/// A warning for each task's deadline text that parse_deadline cannot read (docs/deadlines.md): the
/// task is kept, but it gets no due date. `reference_year` is the plan's year, as the status engine uses.
void warn_unread_deadlines(records::Sink& sink, const SectionIds& ids, const FrameworkData& fw,
                           std::optional<int> reference_year);

}  // namespace da06::inline v1::detail::framework_format
