// libFuzzer target: the units CSV reader (`load_hierarchy_csv`, `id,parent,level,valid_from,valid_to`).
//
// Properties, whatever the bytes:
//   * it returns (never throws); every error is located inside the input (file, line, column);
//   * the hierarchy holds only valid units: unique non-empty ids, parents that exist and sit at a
//     higher level, no cycle (each unit's ancestor chain ends within size() steps);
//   * a file that loads with no error holds one unit per data row;
//   * round trip: the kept units written back as CSV load again, with no diagnostic, to the same units.
#include <da06/hierarchy.hpp>
#include <da06/model.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

std::string iso(const std::optional<da06::Date>& d) {
  return d ? boost::gregorian::to_iso_extended_string(*d) : std::string();
}

std::string write_units_csv(const da06::Hierarchy& h) {
  std::string out = "id,parent,level,valid_from,valid_to\n";
  for (const da06::OrgUnit& u : h.units()) {
    out += da06_fuzz::csv_field(u.id) + ',';
    if (!u.parents.empty()) out += da06_fuzz::csv_field(u.parents.front().parent);
    out += ',' + std::string(da06::to_string(u.level)) + ',' + iso(u.valid_from) + ',' + iso(u.valid_to) + '\n';
  }
  return out;
}

// Data rows as the reader sees them: records after the header, blank lines skipped. A field that
// starts with '"' is quoted ("" inside is a quote) and may span lines, so record ends are counted
// outside quotes only. (A plain count, independent of the reader's code.)
std::size_t data_rows(std::string_view t) {
  std::size_t records = 0, i = t.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  bool field_start = true, any = false;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '"' && field_start) {
      any = true;
      for (++i; i < t.size(); ++i)
        if (t[i] == '"' && !(i + 1 < t.size() && t[i + 1] == '"')) break;
        else if (t[i] == '"') ++i;
      field_start = false;
      continue;
    }
    if (c == '\n' || c == '\r') {
      records += any;
      any = false;
      field_start = true;
    } else {
      any = true;
      field_start = c == ',';
    }
  }
  records += any;
  return records == 0 ? 0 : records - 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "units.csv";
  const da06::HierarchyLoad r = da06::load_hierarchy_csv(text, file);
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf_cr);
  for (const auto& d : r.diagnostics) da06_fuzz::check_located(d.where, d.message, lines, file);

  const da06::Hierarchy& h = r.hierarchy;
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
  if (da06_fuzz::error_count(r.diagnostics) == 0)
    FUZZ_CHECK(h.size() == data_rows(text), "a clean load lost rows: kept " + std::to_string(h.size()) + " of " +
                                                std::to_string(data_rows(text)));

  if (h.size() > 0) {
    const std::string again = write_units_csv(h);
    const da06::HierarchyLoad r2 = da06::load_hierarchy_csv(again, "again.csv");
    std::string first = r2.diagnostics.empty() ? std::string() : r2.diagnostics.front().to_string();
    FUZZ_CHECK(r2.diagnostics.empty(), "the written units do not load cleanly: " + first);
    FUZZ_CHECK(r2.hierarchy.units() == h.units(), "the written units load to different units");
  }
  return 0;
}
