// da06/hierarchy.hpp — the administrative hierarchy as an immutable, dated value: ancestors, children and validity as of a date.
//
// A `Hierarchy` is built from `OrgUnit`s (a framework's units, or a units file) and never changes.
// Units are addressed by a dense index (0..size()-1, in input order); every query takes a date,
// because the 2025 reform (districts abolished on 2025-07-01) made the tree depend on it.
//
//   da06::HierarchyLoad r = da06::load_hierarchy_file("units.csv");   // id,parent,level[,valid_from,valid_to,name,…]
//   for (const auto& d : r.diagnostics) std::cerr << d.to_string() << '\n';
//   const da06::Hierarchy& h = r.hierarchy;                              // the valid rows
//   auto d2024 = boost::gregorian::date(2024, 6, 30);
//   int32_t p = h.ancestor_at_level(*h.find("TH-bim-son"), da06::Level::province, d2024);   // index of "TH"
//   std::vector<int32_t> map = h.ancestor_map(da06::Level::province, d2024);             // unit → province or −1
//
// Dates are closed intervals: `valid_from <= d <= valid_to`, empty = open (as in model.hpp).
#ifndef DA06_HIERARCHY_HPP
#define DA06_HIERARCHY_HPP

#include "error.hpp"
#include "model.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

/// Why `ancestor_at_level` found (or did not find) an ancestor.
enum class AncestorStatus : std::uint8_t {
  found,             ///< the unit itself (same level) or an ancestor at the level
  unit_not_valid,    ///< the unit does not exist on the date (e.g. a district in 2026)
  level_above,       ///< the unit is above the requested level (a province asked for its district)
  no_parent,         ///< the chain ends (root, or no parent link covers the date) before the level
  parent_not_valid,  ///< a parent link covers the date but the parent unit does not exist then
  skipped_level,     ///< the chain jumps over the level (a commune linked straight to its province, asked for a district)
};
std::string_view to_string(AncestorStatus);

/// The result of an ancestor lookup: `index` is −1 unless `status == found`.
struct AncestorLookup {
  std::int32_t index = -1;
  AncestorStatus status = AncestorStatus::unit_not_valid;
};

/// Columns of a units file beyond the ones da06 reads (`code`, `population`, …), kept as text: one value
/// per unit, in the hierarchy's unit order.
struct UnitAttributes {
  std::vector<std::string> names;                ///< column names, in file order
  std::vector<std::vector<std::string>> values;  ///< values[column][unit index]
};

/// An immutable, cheaply copyable hierarchy of dated units. No global state; safe to share between threads.
///
/// Rules checked when building (a unit breaking one is rejected and named; the others are kept):
/// non-empty unique ids; every parent link points at a known unit (dangling parents are rejected);
/// no cycles through parent links (of any date); a parent is at a higher level than its child
/// (nation < province < district < commune < village). A unit whose parent was rejected is rejected too.
class Hierarchy {
 public:
  Hierarchy();  ///< empty
  /// Strict: throws LoadError (with one diagnostic per rejected unit) if any unit breaks a rule.
  explicit Hierarchy(std::vector<OrgUnit> units);

  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  const OrgUnit& unit(std::int32_t index) const;  ///< InvalidArgument when out of range
  const std::vector<OrgUnit>& units() const noexcept;
  const std::string& id(std::int32_t index) const { return unit(index).id; }
  /// The unit's name (a units CSV's `name` column; its id when the file gives none).
  const std::string& name(std::int32_t index) const { return unit(index).name; }
  Level level(std::int32_t index) const { return unit(index).level; }
  /// Index of the unit with this id, or nullopt.
  std::optional<std::int32_t> find(std::string_view id) const;

  /// Does unit `index` exist on `d`?
  bool valid_on(std::int32_t index, Date d) const { return unit(index).valid_on(d); }
  /// Index of the parent on `d` (a link covers `d`), or −1. Does not check the parent's own dates.
  std::int32_t parent_at(std::int32_t index, Date d) const;
  /// The units valid on `d` whose parent on `d` is `index`, in index order.
  std::vector<std::int32_t> children(std::int32_t index, Date d) const;
  /// The units valid on `d` at `level`, in index order.
  std::vector<std::int32_t> units_at_level(Level level, Date d) const;

  /// The unit's ancestor at `level` on `d` (itself when it is at that level), or −1.
  /// Every unit on the way, the start included, must be valid on `d`.
  ///   h.ancestor_at_level(bim_son, Level::province, 2024-06-30) == index of "TH"
  ///   h.ancestor_at_level(bim_son, Level::province, 2026-01-01) == −1   (district abolished)
  std::int32_t ancestor_at_level(std::int32_t index, Level level, Date d) const {
    return ancestor_lookup(index, level, d).index;
  }
  /// Same, with the reason when there is none.
  AncestorLookup ancestor_lookup(std::int32_t index, Level level, Date d) const;

  /// For batch use: element i is `ancestor_at_level(i, level, d)` (−1 when none), for every unit.
  std::vector<std::int32_t> ancestor_map(Level level, Date d) const;

  /// The extra columns of the units file, kept as read (empty when there were none).
  const UnitAttributes& attributes() const noexcept;
  /// Unit `index`'s value in the extra column `column`, or nullptr when there is no such column.
  ///   h.attribute(*h.find("TH"), "code")   // "38"
  const std::string* attribute(std::int32_t index, std::string_view column) const;

 private:
  struct Impl;
  explicit Hierarchy(std::shared_ptr<const Impl> p) : p_(std::move(p)) {}
  std::shared_ptr<const Impl> p_;
  friend struct HierarchyBuilder;
};

/// A hierarchy built from every valid unit, and every problem (errors name the rejected unit).
struct HierarchyLoad {
  Hierarchy hierarchy;
  std::vector<Diagnostic> diagnostics;
  std::size_t error_count() const;
  bool ok() const { return error_count() == 0; }
};

/// Build leniently: rejected units are left out and named in diagnostics. `where` is used for
/// locations when a unit has no better one (`locations[i]`, when given, locates unit i).
HierarchyLoad build_hierarchy(std::vector<OrgUnit> units, const std::string& file = "<units>",
                              const std::vector<Location>& locations = {});
/// The same with extra columns (`attributes.values[c]` has one value per unit of `units`; those of rejected
/// units are left out with them). InvalidArgument when a column has another length.
HierarchyLoad build_hierarchy(std::vector<OrgUnit> units, UnitAttributes attributes, const std::string& file,
                              const std::vector<Location>& locations = {});

/// CSV with the columns `id,parent,level` and optionally `valid_from,valid_to,name,kind`, found by name
/// in the header (any order); any other column (`code`, …) is kept in `attributes()`.
/// `parent` may be empty (a root); empty dates are open; the parent link spans the unit's dates.
/// (A unit whose parent changed over time needs the JSON form, which has dated links.)
/// A repeated id is an error. Each row error is located `FILE:LINE:COL: field: message`; bad rows are
/// skipped, the rest kept. A header without a required column is one error, and nothing is read. Files
/// as Excel writes them on a Vietnamese locale (';' between fields, a byte-order mark) are read, with a
/// warning saying so. Implemented with the other file formats, in src/format/.
///   id,parent,level,valid_from,valid_to,name
///   VN,,nation,,,Việt Nam
///   TH,VN,province,,,Thanh Hóa
///   TH-bim-son,TH,district,,2025-06-30,Bỉm Sơn
HierarchyLoad load_hierarchy_csv(std::string_view text, const std::string& file = "<csv>");
/// JSON: a framework file (its `units`; its other sections are not read) or a bare array of units in the
/// data format. Errors are located in the caller's text (`$[1].level` in a bare array).
HierarchyLoad load_hierarchy_json(std::string_view text, const std::string& file = "<json>");
/// Reads a file: JSON when its name ends in .json or its first non-blank byte is '{' or '[', CSV otherwise.
HierarchyLoad load_hierarchy_file(const std::string& path);

}  // namespace v1
}  // namespace da06

#endif  // DA06_HIERARCHY_HPP
