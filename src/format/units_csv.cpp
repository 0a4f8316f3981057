// The units CSV: `id,parent,level` and optionally `valid_from,valid_to,name,kind` (columns by name, any
// order); every other column (`code`, `population`, …) is kept as a unit attribute. And
// load_hierarchy_file, which picks the units JSON or CSV reader by the file's first byte.
#include "table.hpp"
#include "text.hpp"

#include "da06/dates.hpp"
#include "da06/hierarchy.hpp"
#include "da06/input.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <tuple>
#include <utility>
#include <unordered_map>

namespace da06::inline v1 {

namespace {
enum Col : std::size_t { kId, kParent, kLevel, kFrom, kTo, kName, kKind, kCount };
const detail::TableSpec kSpec{{"id", "parent", "level"}, {"valid_from", "valid_to", "name", "kind"}};
std::string_view column_name(std::size_t c) { return c < 3 ? kSpec.required[c] : kSpec.optional[c - 3]; }
}  // namespace

HierarchyLoad load_hierarchy_csv(std::string_view text, const std::string& file) {
  std::vector<OrgUnit> units;
  std::vector<Location> locs;
  UnitAttributes attrs;
  std::vector<Diagnostic> early;
  // A record's first line -> (line, column) of each field, for build errors (a quoted field may span lines).
  std::unordered_map<int, std::array<std::pair<int, int>, kCount>> columns;
  auto header = detail::read_table(text, file, kSpec, early, [&](const detail::TableRow& row) {
    if (attrs.names.empty() && !row.header->extra.empty()) {
      attrs.names = row.header->extra;
      attrs.values.resize(attrs.names.size());
    }
    OrgUnit u;
    bool ok = true;
    auto fail = [&](std::size_t c, std::string msg) {
      early.push_back(detail::csv_error(file, *row.cell(c), column_name(c), std::move(msg) + " (row skipped)"));
      ok = false;
    };
    u.id = std::string(row.text(kId));
    if (u.id.empty()) fail(kId, "empty id");
    std::string parent(row.text(kParent));
    std::string_view lv = row.text(kLevel);
    if (auto l = parse_level(lv)) u.level = *l;
    else fail(kLevel, "unknown level " + detail::quoted_excerpt(lv) + " (expected nation, province, district, commune or village)");
    for (std::size_t c : {kFrom, kTo}) {
      std::string_view s = row.text(c);
      if (s.empty()) continue;
      std::string err;
      auto d = parse_iso_date(s, &err);
      if (!d) fail(c, detail::quoted_excerpt(s) + " is not a valid date: " + err);
      else (c == kFrom ? u.valid_from : u.valid_to) = d;
    }
    if (!ok) return;
    u.name = std::string(row.text(kName));
    if (u.name.empty()) u.name = u.id;
    u.kind = std::string(row.text(kKind));
    if (!parent.empty()) u.parents.push_back(ParentLink{parent, u.valid_from, u.valid_to});
    units.push_back(std::move(u));
    const auto* id = row.cell(kId);
    locs.push_back(Location{file, row.line(), id->column, "", ""});
    auto& cs = columns[row.line()];
    for (std::size_t c = 0; c < kCount; ++c)
      cs[c] = row.cell(c) ? std::pair{row.cell(c)->line, row.cell(c)->column} : std::pair{id->line, id->column};
    for (std::size_t j = 0; j < attrs.names.size(); ++j) attrs.values[j].push_back(std::string(detail::trim(row.extra(j).text)));
  });
  // Give the build's errors the row's line and point them at the column they are about.
  HierarchyLoad r = build_hierarchy(std::move(units), std::move(attrs), file, locs);
  for (auto& d : r.diagnostics) {
    d.where.path = d.where.field;
    auto it = columns.find(d.where.line);
    for (std::size_t c = 0; c < kCount && it != columns.end(); ++c)
      if (d.where.field == column_name(c)) std::tie(d.where.line, d.where.column) = it->second[c];
  }
  r.diagnostics.insert(r.diagnostics.begin(), early.begin(), early.end());
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
  (void)header;
  return r;
}

HierarchyLoad load_hierarchy_file(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const Error& e) {
    HierarchyLoad r;
    r.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return r;
  }
  // A .json file is JSON whatever it holds (an empty one gets the JSON reader's message); otherwise a
  // file that starts with '{' or '[' is JSON and any other is CSV.
  if (detail::lower_ascii(std::filesystem::path(path).extension().string()) == ".json")
    return load_hierarchy_json(text, path);
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  if (i < text.size() && (text[i] == '{' || text[i] == '[')) return load_hierarchy_json(text, path);
  return load_hierarchy_csv(text, path);
}

}  // namespace da06::inline v1
