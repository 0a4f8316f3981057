// Internal: what the framework reader's files share — the cross-checks that run once every record
// is read (framework_check.cpp).
#pragma once

#include "da06/io.hpp"
#include "framework_fields.hpp"
#include "record_reader.hpp"

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

}  // namespace da06::inline v1::detail::framework_format
