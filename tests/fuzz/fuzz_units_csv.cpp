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
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_hierarchy.hpp"

namespace {

std::string iso(const std::optional<da06::Date>& d) {
  return d ? boost::gregorian::to_iso_extended_string(*d) : std::string();
}

std::string write_units_csv(const da06::Hierarchy& h) {
  std::string out = "id,parent,level,valid_from,valid_to,name,kind\n";
  for (const da06::OrgUnit& u : h.units()) {
    out += da06_fuzz::csv_field(u.id) + ',';
    if (!u.parents.empty()) out += da06_fuzz::csv_field(u.parents.front().parent);
    out += ',' + std::string(da06::to_string(u.level)) + ',' + iso(u.valid_from) + ',' + iso(u.valid_to) + ',' +
           da06_fuzz::csv_field(u.name) + ',' + da06_fuzz::csv_field(u.kind) + '\n';
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "units.csv";
  const da06::HierarchyLoad r = da06::load_hierarchy_csv(text, file);
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf_cr);
  for (const auto& d : r.diagnostics) da06_fuzz::check_located(d.where, d.message, lines, file);

  const da06::Hierarchy& h = r.hierarchy;
  da06_fuzz::check_hierarchy(h);
  if (da06_fuzz::error_count(r.diagnostics) == 0)
    FUZZ_CHECK(h.size() == da06_fuzz::csv_data_rows(text), "a clean load lost rows: kept " + std::to_string(h.size()) + " of " +
                                                std::to_string(da06_fuzz::csv_data_rows(text)));

  if (h.size() > 0) {
    const std::string again = write_units_csv(h);
    const da06::HierarchyLoad r2 = da06::load_hierarchy_csv(again, "again.csv");
    std::string first = r2.diagnostics.empty() ? std::string() : r2.diagnostics.front().to_string();
    FUZZ_CHECK(r2.diagnostics.empty(), "the written units do not load cleanly: " + first);
    FUZZ_CHECK(r2.hierarchy.units() == h.units(), "the written units load to different units");
  }
  return 0;
}
