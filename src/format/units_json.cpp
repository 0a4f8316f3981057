// The units JSON reader: a bare array of units, or a framework file's `units` (its other sections are
// not read here). Each unit is read by the framework reader's own unit record reader, so both forms
// have the same fields and messages; every problem is located FILE:LINE:COL: $.path in the caller's text.
#include "framework_reader.hpp"

#include "da06/hierarchy.hpp"

#include <algorithm>
#include <tuple>

namespace da06::inline v1 {

namespace {

namespace ff = detail::framework_format;
using nlohmann::json;

/// Gives every diagnostic that has a JSON path but no line its line and column, in one pass.
void locate(std::string_view body, const detail::LineIndex& lines, std::vector<Diagnostic>& diags) {
  std::vector<std::size_t> which;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < diags.size(); ++i)
    if (diags[i].where.line == 0 && !diags[i].where.path.empty()) {
      which.push_back(i);
      paths.push_back(diags[i].where.path);
    }
  if (which.empty()) return;
  auto lc = lines.locate_all(detail::locate_json_paths(body, paths));
  for (std::size_t k = 0; k < which.size(); ++k) {
    diags[which[k]].where.line = lc[k].first;
    diags[which[k]].where.column = lc[k].second;
  }
}

/// The framework's format and version, as the framework reader checks them.
void check_format(ff::Ctx& c, ff::Obj& top) {
  std::string format = top.str("format");
  if (format.empty() && !top.get("format")) c.error("$", "format", "missing \"format\": \"da06-framework\"");
  else if (format != "da06-framework")
    c.error("$.format", "format", "\"format\" must be \"da06-framework\", not " + detail::quoted_excerpt(format, 40));
  if (auto v = top.integer("format_version")) {
    if (*v != 1) c.error("$.format_version", "format_version", "unsupported format_version " + std::to_string(*v) + " (this library reads 1)");
  } else if (!top.get("format_version")) {
    c.error("$", "format_version", "missing \"format_version\": 1");
  }
}

}  // namespace

HierarchyLoad load_hierarchy_json(std::string_view text, const std::string& file) {
  HierarchyLoad out;
  const InputLimits limits;
  // A UTF-8 byte-order mark is allowed and skipped; columns on line 1 start after it.
  const std::string_view body = text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
  const detail::LineIndex lines(body);
  detail::JsonDoc doc;
  try {
    doc = detail::parse_json_with_positions(body, file, lines, limits);
  } catch (const ParseError& e) {
    out.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return out;
  }
  std::vector<Diagnostic> diags;
  ff::Ctx c{file, doc, diags};
  for (const auto& p : doc.problems) {
    Location l{file, 0, 0, p.path, ""};
    lines.locate(p.offset, l.line, l.column);
    diags.push_back({Severity::error, l, p.message});
  }
  // The units, with the path of each one kept.
  std::vector<OrgUnit> units;
  std::vector<std::string> paths;
  auto read_one = [&](const json& j, std::string path) {
    if (!j.is_object()) {
      c.error(path, "", std::string("a unit must be an object, not ") + ff::type_name(j) + " (unit rejected)");
      return;
    }
    ff::Obj o(c, j, path, "unit");
    if (auto id = j.find("id"); id != j.end() && id->is_string()) o.set_record_name(id->get<std::string>());
    OrgUnit u = ff::read_unit(o);
    o.finish();
    if (!o.ok) return;
    units.push_back(std::move(u));
    paths.push_back(std::move(path));
  };
  const json& root = doc.root;
  if (root.is_array()) {
    for (std::size_t i = 0; i < root.size(); ++i) read_one(root[i], detail::child_path("$", i));
  } else if (root.is_object()) {
    ff::Obj top(c, root, "$", "");
    check_format(c, top);
    if (const json* arr = top.array("units"))
      for (std::size_t i = 0; i < arr->size(); ++i) read_one((*arr)[i], detail::child_path("$.units", i));
  } else {
    c.error("$", "", std::string("the top level must be an array of units or a framework object, not ") + ff::type_name(root));
  }
  // The hierarchy's own checks (ids, parents, cycles, levels), located at each unit's object.
  auto lc = lines.locate_all(detail::locate_json_paths(body, paths));
  std::vector<Location> locs;
  locs.reserve(paths.size());
  for (std::size_t k = 0; k < paths.size(); ++k) locs.push_back(Location{file, lc[k].first, lc[k].second, paths[k], ""});
  HierarchyLoad b = build_hierarchy(std::move(units), file, locs);
  locate(body, lines, diags);
  out.hierarchy = std::move(b.hierarchy);
  out.diagnostics = std::move(diags);
  out.diagnostics.insert(out.diagnostics.end(), b.diagnostics.begin(), b.diagnostics.end());
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  return out;
}

}  // namespace da06::inline v1
