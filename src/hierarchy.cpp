// The dated administrative hierarchy: building (with rejection of bad units) and queries. Its files
// (units CSV and JSON) are read in src/format/.
#include "da06/hierarchy.hpp"

#include "format/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace da06 {
inline namespace v1 {

std::string_view to_string(AncestorStatus s) {
  switch (s) {
    case AncestorStatus::found: return "found";
    case AncestorStatus::unit_not_valid: return "unit not valid on the date";
    case AncestorStatus::level_above: return "unit is above the level";
    case AncestorStatus::no_parent: return "no parent on the date";
    case AncestorStatus::parent_not_valid: return "parent not valid on the date";
    case AncestorStatus::skipped_level: return "no unit at the level on the path";
  }
  return "?";
}

struct Hierarchy::Impl {
  std::vector<OrgUnit> units;
  std::unordered_map<std::string_view, std::int32_t> by_id;  // views into units[i].id (stable: never modified)
  // Parent links resolved to indices, per unit: [link_begin[i], link_begin[i+1]) in `links`.
  struct Link {
    std::int32_t parent;
    std::optional<Date> from, to;
  };
  std::vector<std::int32_t> link_begin;
  std::vector<Link> links;
  // Every unit that has `i` as a parent on some date: [child_begin[i], child_begin[i+1]) in `child_list`.
  std::vector<std::int32_t> child_begin, child_list;
  UnitAttributes attributes;  // values[c][i] for unit i
};

struct HierarchyBuilder {
  static Hierarchy make(std::vector<OrgUnit> units, UnitAttributes attributes = {}) {
    auto p = std::make_shared<Hierarchy::Impl>();
    p->units = std::move(units);
    p->attributes = std::move(attributes);
    const auto n = static_cast<std::int32_t>(p->units.size());
    for (std::int32_t i = 0; i < n; ++i) p->by_id.emplace(p->units[i].id, i);
    p->link_begin.assign(static_cast<std::size_t>(n) + 1, 0);
    std::vector<std::int32_t> nchild(static_cast<std::size_t>(n) + 1, 0);
    for (std::int32_t i = 0; i < n; ++i) {
      p->link_begin[i] = static_cast<std::int32_t>(p->links.size());
      for (const auto& l : p->units[i].parents) {
        std::int32_t q = p->by_id.at(l.parent);
        p->links.push_back({q, l.from, l.to});
        ++nchild[q];
      }
    }
    p->link_begin[n] = static_cast<std::int32_t>(p->links.size());
    p->child_begin.assign(static_cast<std::size_t>(n) + 1, 0);
    for (std::int32_t i = 0; i < n; ++i) p->child_begin[i + 1] = p->child_begin[i] + nchild[i];
    p->child_list.assign(p->links.size(), 0);
    std::vector<std::int32_t> fill(p->child_begin.begin(), p->child_begin.end() - 1);
    for (std::int32_t i = 0; i < n; ++i)
      for (std::int32_t k = p->link_begin[i]; k < p->link_begin[i + 1]; ++k) {
        std::int32_t q = p->links[k].parent;
        if (p->child_begin[q] == fill[q] || p->child_list[fill[q] - 1] != i) p->child_list[fill[q]++] = i;
      }
    // Remove the unused tail slots left by a unit linked twice to the same parent.
    std::vector<std::int32_t> compact;
    std::vector<std::int32_t> begin2(static_cast<std::size_t>(n) + 1, 0);
    for (std::int32_t q = 0; q < n; ++q) {
      begin2[q] = static_cast<std::int32_t>(compact.size());
      compact.insert(compact.end(), p->child_list.begin() + p->child_begin[q], p->child_list.begin() + fill[q]);
    }
    begin2[n] = static_cast<std::int32_t>(compact.size());
    p->child_list = std::move(compact);
    p->child_begin = std::move(begin2);
    return Hierarchy(std::shared_ptr<const Hierarchy::Impl>(std::move(p)));
  }
};

Hierarchy::Hierarchy() : p_(std::make_shared<const Impl>()) {}

Hierarchy::Hierarchy(std::vector<OrgUnit> units) {
  HierarchyLoad r = build_hierarchy(std::move(units));
  if (!r.ok()) throw LoadError(std::move(r.diagnostics));
  p_ = std::move(r.hierarchy.p_);
}

std::size_t Hierarchy::size() const noexcept { return p_->units.size(); }
const std::vector<OrgUnit>& Hierarchy::units() const noexcept { return p_->units; }

const OrgUnit& Hierarchy::unit(std::int32_t index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= p_->units.size())
    throw InvalidArgument("unit index " + std::to_string(index) + " out of range (hierarchy of " +
                          std::to_string(p_->units.size()) + " units)");
  return p_->units[static_cast<std::size_t>(index)];
}

std::optional<std::int32_t> Hierarchy::find(std::string_view id) const {
  auto it = p_->by_id.find(id);
  if (it == p_->by_id.end()) return std::nullopt;
  return it->second;
}

std::int32_t Hierarchy::parent_at(std::int32_t index, Date d) const {
  (void)unit(index);
  for (std::int32_t k = p_->link_begin[index]; k < p_->link_begin[index + 1]; ++k) {
    const auto& l = p_->links[k];
    if ((!l.from || *l.from <= d) && (!l.to || d <= *l.to)) return l.parent;
  }
  return -1;
}

std::vector<std::int32_t> Hierarchy::children(std::int32_t index, Date d) const {
  (void)unit(index);
  std::vector<std::int32_t> out;
  for (std::int32_t k = p_->child_begin[index]; k < p_->child_begin[index + 1]; ++k) {
    std::int32_t c = p_->child_list[k];
    if (p_->units[c].valid_on(d) && parent_at(c, d) == index) out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::int32_t> Hierarchy::units_at_level(Level level, Date d) const {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < p_->units.size(); ++i)
    if (p_->units[i].level == level && p_->units[i].valid_on(d)) out.push_back(static_cast<std::int32_t>(i));
  return out;
}

AncestorLookup Hierarchy::ancestor_lookup(std::int32_t index, Level level, Date d) const {
  const OrgUnit& u = unit(index);
  if (!u.valid_on(d)) return {-1, AncestorStatus::unit_not_valid};
  if (u.level < level) return {-1, AncestorStatus::level_above};
  std::int32_t cur = index;
  // Parents are strictly above their children (checked when building), so this ends within 5 steps.
  while (p_->units[cur].level != level) {
    std::int32_t par = parent_at(cur, d);
    if (par < 0) return {-1, AncestorStatus::no_parent};
    if (!p_->units[par].valid_on(d)) return {-1, AncestorStatus::parent_not_valid};
    if (p_->units[par].level < level) return {-1, AncestorStatus::skipped_level};
    cur = par;
  }
  return {cur, AncestorStatus::found};
}

std::vector<std::int32_t> Hierarchy::ancestor_map(Level level, Date d) const {
  std::vector<std::int32_t> out(p_->units.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = ancestor_at_level(static_cast<std::int32_t>(i), level, d);
  return out;
}

const UnitAttributes& Hierarchy::attributes() const noexcept { return p_->attributes; }

const std::string* Hierarchy::attribute(std::int32_t index, std::string_view column) const {
  (void)unit(index);
  const auto& a = p_->attributes;
  for (std::size_t c = 0; c < a.names.size(); ++c)
    if (a.names[c] == column) return &a.values[c][static_cast<std::size_t>(index)];
  return nullptr;
}

std::size_t HierarchyLoad::error_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

HierarchyLoad build_hierarchy(std::vector<OrgUnit> units, const std::string& file,
                              const std::vector<Location>& locations) {
  return build_hierarchy(std::move(units), UnitAttributes{}, file, locations);
}

HierarchyLoad build_hierarchy(std::vector<OrgUnit> units, UnitAttributes attributes, const std::string& file,
                              const std::vector<Location>& locations) {
  for (std::size_t c = 0; c < attributes.values.size(); ++c)
    if (attributes.values[c].size() != units.size())
      throw InvalidArgument("build_hierarchy: attribute column " + std::to_string(c) + " has " +
                            std::to_string(attributes.values[c].size()) + " values for " + std::to_string(units.size()) +
                            " units");
  attributes.values.resize(attributes.names.size(), std::vector<std::string>(units.size()));
  // Every step is linear in the units and links: ids, dangling and self parents, cycles (each
  // reported once), the level rule, then one propagation to the descendants of rejected units.
  HierarchyLoad out;
  const std::size_t n = units.size();
  std::vector<char> rejected(n, 0);
  auto name = [&](std::size_t i) {
    std::string s(1, '\'');
    s += detail::excerpt(units[i].id, 40);
    s += '\'';
    return s;
  };
  auto where = [&](std::size_t i, std::string field) {
    Location l = i < locations.size() ? locations[i] : Location{};
    if (l.file.empty()) l.file = file;
    if (l.path.empty()) l.path = "unit " + name(i);
    if (l.field.empty()) l.field = std::move(field);
    return l;
  };
  auto reject = [&](std::size_t i, const std::string& field, const std::string& msg) {
    if (rejected[i]) return;
    rejected[i] = 1;
    out.diagnostics.push_back({Severity::error, where(i, field), msg + " (unit " + name(i) + " rejected)"});
  };
  // 1. Ids.
  std::unordered_map<std::string, std::size_t> first;
  first.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const OrgUnit& u = units[i];
    if (u.id.empty()) {
      reject(i, "id", "empty id");
      continue;
    }
    if (u.valid_from && u.valid_to && *u.valid_to < *u.valid_from) reject(i, "valid_to", "valid_to is before valid_from");
    auto [it, fresh] = first.emplace(u.id, i);
    if (!fresh) reject(i, "id", "duplicate id " + name(i) + " (first at " + where(it->second, "id").to_string() + ")");
  }
  // 2. Parent links as indices; dangling and self links.
  std::vector<std::vector<std::size_t>> parents(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (units[i].id.empty()) continue;
    for (const auto& l : units[i].parents) {
      auto it = first.find(l.parent);
      if (it == first.end()) reject(i, "parent", "parent unit " + detail::quoted_excerpt(l.parent, 40) + " does not exist");
      else if (it->second == i) reject(i, "parent", "unit is its own parent (a cycle)");
      else parents[i].push_back(it->second);
    }
  }
  // 3. Cycles through parent links of any date (iterative colouring DFS). A cycle is reported once,
  // on its first unit, with a bounded excerpt of its path; all its units are rejected.
  {
    std::vector<char> colour(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> st;  // (unit, next link)
    for (std::size_t s = 0; s < n; ++s) {
      if (colour[s] || rejected[s]) continue;
      st.assign(1, {s, 0});
      colour[s] = 1;
      while (!st.empty()) {
        auto& [v, k] = st.back();
        if (k < parents[v].size()) {
          std::size_t w = parents[v][k++];
          if (colour[w] == 1) {
            std::size_t from = st.size();
            while (st[from - 1].first != w) --from;
            --from;
            const std::size_t len = st.size() - from;
            std::string path;
            for (std::size_t j = from; j < st.size(); ++j) {
              if (j - from == 6 && len > 8) {
                path += "… → ";
                j = st.size() - 2;
                continue;
              }
              path += detail::excerpt(units[st[j].first].id, 40) + " → ";
            }
            path += detail::excerpt(units[w].id, 40);
            std::size_t head = n;
            for (std::size_t j = from; j < st.size() && head == n; ++j)
              if (!rejected[st[j].first]) head = st[j].first;
            if (head == n) continue;  // every unit of the cycle was already rejected, and named
            std::string msg = "parent links form a cycle: " + path;
            if (len > 8) msg += " (" + std::to_string(len) + " units)";
            if (len > 1) msg += "; all " + std::to_string(len) + " are rejected";
            reject(head, "parent", msg);
            for (std::size_t j = from; j < st.size(); ++j) rejected[st[j].first] = 1;
          } else if (colour[w] == 0) {
            colour[w] = 1;
            st.push_back({w, 0});
          }
        } else {
          colour[v] = 2;
          st.pop_back();
        }
      }
    }
  }
  // 4. A parent is strictly above its child (so no walk can loop).
  for (std::size_t i = 0; i < n; ++i) {
    if (rejected[i]) continue;
    for (std::size_t p : parents[i])
      if (!rejected[p] && units[p].level >= units[i].level) {
        reject(i, "level", "parent " + detail::quoted_excerpt(units[p].id, 40) + " (" + std::string(to_string(units[p].level)) + ") is not above a " +
                               std::string(to_string(units[i].level)));
        break;
      }
  }
  // 5. The descendants of a rejected unit are rejected, each naming the parent that was.
  {
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t p : parents[i]) children[p].push_back(i);
    std::vector<std::size_t> queue;
    for (std::size_t i = 0; i < n; ++i)
      if (rejected[i]) queue.push_back(i);
    for (std::size_t q = 0; q < queue.size(); ++q)
      for (std::size_t c : children[queue[q]])
        if (!rejected[c]) {
          reject(c, "parent", "parent unit " + detail::quoted_excerpt(units[queue[q]].id, 40) + " was rejected");
          queue.push_back(c);
        }
  }
  std::vector<OrgUnit> kept;
  kept.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (!rejected[i]) kept.push_back(std::move(units[i]));
  for (auto& column : attributes.values) {
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (!rejected[i]) {
        if (k != i) column[k] = std::move(column[i]);
        ++k;
      }
    column.resize(k);
  }
  out.hierarchy = HierarchyBuilder::make(std::move(kept), std::move(attributes));
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.where.line < b.where.line;
  });
  return out;
}

}  // namespace v1
}  // namespace da06
