// The units JSON reader: a bare array of units, or a framework file's `units` (its other sections are
// skipped, not read). Each unit is read with the framework format's own unit table
// (framework_fields.hpp), so both forms have the same fields and messages; every problem is located
// FILE:LINE:COL: $.path in the caller's text.
#include "framework_fields.hpp"
#include "record_reader.hpp"

#include "da06/hierarchy.hpp"
#include "da06/input.hpp"

#include <algorithm>
#include <tuple>

namespace da06::inline v1 {

namespace {

namespace rec = detail::records;

/// The units read so far, each with the JSON path of its object and the offset of its `{`.
struct Units {
  std::vector<OrgUnit> units;
  std::vector<std::string> paths;
  std::vector<std::size_t> offsets;
};

std::unique_ptr<rec::Frame> units_array(const std::string& path, rec::Sink& sink, Units& out) {
  return std::make_unique<rec::RecordArrayFrame<OrgUnit>>(
      path, detail::framework_format::unit_table(), sink, "unit",
      [&sink](const std::string& p, const char* type) {
        sink.error(p, "", std::string("a unit must be an object, not ") + type + " (unit rejected)");
      },
      [&out, path](OrgUnit&& u, bool ok, const std::string&, std::size_t index, std::size_t offset) {
        if (!ok) return;
        out.units.push_back(std::move(u));
        out.paths.push_back(detail::child_path(path, index));
        out.offsets.push_back(offset);
      });
}

/// The document's top level: a framework object, whose format is checked and whose `units` are read
/// (every other key is skipped), or a bare array of units.
class UnitsRoot final : public rec::Frame {
 public:
  UnitsRoot(rec::Sink& sink, Units& out) : Frame("$"), sink_(sink), out_(out) {}

  void scalar(rec::Scalar v) override {
    if (key_ == "format") {
      format_ = true;
      if (v.type != rec::Scalar::Type::string)
        sink_.error("$.format", "format", std::string("\"format\" must be a string, not ") + rec::type_name(v.type));
      else if (v.text != "da06-framework")
        sink_.error("$.format", "format", "\"format\" must be \"da06-framework\", not " + detail::quoted_excerpt(v.text));
    } else if (key_ == "format_version") {
      version_ = true;
      if (v.type != rec::Scalar::Type::integer)
        sink_.error("$.format_version", "format_version",
                    std::string("\"format_version\" must be an integer, not ") + rec::type_name(v.type));
      else if (v.integer != 1)
        sink_.error("$.format_version", "format_version",
                    "unsupported format_version " + std::to_string(v.integer) + " (this library reads 1)");
    } else if (key_ == "units" && v.type != rec::Scalar::Type::null) {
      sink_.error("$.units", "units", std::string("\"units\" must be an array, not ") + rec::type_name(v.type));
    }
  }
  std::unique_ptr<rec::Frame> open(bool is_object) override {
    if (key_ == "units") {
      if (!is_object) return units_array("$.units", sink_, out_);
      sink_.error("$.units", "units", "\"units\" must be an array, not an object");
    } else if (key_ == "format" || key_ == "format_version") {
      (key_ == "format" ? format_ : version_) = true;
      sink_.error(detail::child_path("$", key_), key_,
                  "\"" + key_ + "\" must be " + (key_ == "format" ? "a string" : "an integer") + ", not " +
                      rec::object_name(is_object));
    }
    return std::make_unique<rec::SkipFrame>();  // the framework's other sections are not a units matter
  }
  void close() override {
    if (!format_) sink_.error("$", "format", "missing \"format\": \"da06-framework\"");
    if (!version_) sink_.error("$", "format_version", "missing \"format_version\": 1");
  }
  void not_an_object(const char* type) override {
    sink_.error("$", "", std::string("the top level must be an array of units or a framework object, not ") + type);
  }
  std::unique_ptr<rec::Frame> root_array() override { return units_array("$", sink_, out_); }

 private:
  rec::Sink& sink_;
  Units& out_;
  bool format_ = false, version_ = false;
};


}  // namespace

HierarchyLoad load_hierarchy_json(std::string_view text, const std::string& file) {
  HierarchyLoad out;
  const InputLimits limits;
  // A UTF-8 byte-order mark is allowed and skipped; columns on line 1 start after it.
  const std::string_view body = text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
  const detail::LineIndex lines(body);
  std::vector<Diagnostic> diags;
  rec::Sink sink(file, diags);
  Units units;
  try {
    rec::read_events(body, file, lines, limits, std::make_unique<UnitsRoot>(sink, units));
  } catch (const ParseError& e) {
    out.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return out;
  }
  // The hierarchy's own checks (ids, parents, cycles, levels), located at each unit's object. The
  // file is left empty here (build_hierarchy fills it in): a million copies of its name would cost.
  auto lc = lines.locate_all(units.offsets);
  std::vector<Location> locs;
  locs.reserve(units.paths.size());
  for (std::size_t k = 0; k < units.paths.size(); ++k)
    locs.push_back(Location{std::string(), lc[k].first, lc[k].second, std::move(units.paths[k]), ""});
  HierarchyLoad b = build_hierarchy(std::move(units.units), file, locs);
  rec::locate_diagnostics(body, lines, diags);
  out.hierarchy = std::move(b.hierarchy);
  out.diagnostics = std::move(diags);
  out.diagnostics.insert(out.diagnostics.end(), b.diagnostics.begin(), b.diagnostics.end());
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  return out;
}

}  // namespace da06::inline v1
