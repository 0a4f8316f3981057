// libFuzzer target: the reform mapping CSV reader (`load_mapping_csv`, `old_id,new_id,share`) and the
// restatement that uses it.
//
// Properties, whatever the bytes:
//   * it returns (never throws); every error is located inside the input;
//   * every kept old unit has distinct new units, shares in (0, 1] that sum to exactly 1;
//   * a file that loads with no error keeps one entry per data row;
//   * round trip: the kept entries written back load again, with no diagnostic, to the same entries
//     (shares keep their printed decimals);
//   * conservation: restating one count per old unit through the mapping keeps the total exactly.
#include <da06/aggregate.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

std::string write_mapping_csv(const std::vector<da06::MappingEntry>& es) {
  std::string out = "old_id,new_id,share\n";
  for (const auto& e : es)
    out += da06_fuzz::csv_field(e.old_id) + ',' + da06_fuzz::csv_field(e.new_id) + ',' + e.share.to_string() + '\n';
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "mapping.csv";
  const da06::MappingLoad r = da06::load_mapping_csv(text, file);
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf_cr);
  for (const auto& d : r.diagnostics) da06_fuzz::check_located(d.where, d.message, lines, file);

  const da06::UnitMapping& m = r.mapping;
  const auto& entries = m.entries();
  std::set<std::string> olds;
  for (const auto& e : entries) olds.insert(e.old_id);
  FUZZ_CHECK(olds.size() == m.old_count(), "old_count() disagrees with the entries");
  for (const std::string& old : olds) {
    const auto* ts = m.targets(old);
    FUZZ_CHECK(ts != nullptr && !ts->empty(), "a kept old unit has no targets: " + old);
    da06::Ratio sum;
    std::set<std::string> news;
    for (const auto& t : *ts) {
      FUZZ_CHECK(!t.new_id.empty(), "an empty new id kept");
      FUZZ_CHECK(news.insert(t.new_id).second, "a new unit twice for " + old);
      FUZZ_CHECK(t.share.sign() > 0 && t.share <= da06::Ratio(1), "a share outside (0, 1] kept for " + old);
      sum += t.share;
    }
    FUZZ_CHECK(sum == da06::Ratio(1), "the shares of " + old + " sum to " + sum.to_string());
  }
  if (da06_fuzz::error_count(r.diagnostics) == 0)
    FUZZ_CHECK(entries.size() == da06_fuzz::csv_data_rows(text), "a clean load lost rows: kept " + std::to_string(entries.size()) +
                                                      " of " + std::to_string(da06_fuzz::csv_data_rows(text)));
  if (entries.empty()) return 0;

  const da06::MappingLoad r2 = da06::load_mapping_csv(write_mapping_csv(entries), "again.csv");
  FUZZ_CHECK(r2.diagnostics.empty(), "the written entries do not load cleanly: " + r2.diagnostics.front().to_string());
  const auto& again = r2.mapping.entries();
  bool same = again.size() == entries.size();
  for (std::size_t i = 0; same && i < entries.size(); ++i)
    same = again[i].old_id == entries[i].old_id && again[i].new_id == entries[i].new_id &&
           again[i].share.identical(entries[i].share);
  FUZZ_CHECK(same, "the written entries load to different entries");

  // One row of 1 000 / 7 per old unit: the restated totals are exactly 1 000 and 7 per old unit.
  std::vector<da06::CountRow> rows;
  for (const std::string& old : olds) rows.push_back(da06::CountRow{old, "K", "2024", 1000, 7, {}});
  const da06::Restated st = da06::restate(m, rows);
  FUZZ_CHECK(st.unmapped_rows == 0 && st.unmapped_units.empty(), "a mapped unit was reported unmapped");
  da06::Ratio num, den;
  for (const auto& row : st.rows) {
    num += row.numerator;
    den += row.denominator;
  }
  const auto n = static_cast<std::int64_t>(olds.size());
  FUZZ_CHECK(num == da06::Ratio(1000 * n) && den == da06::Ratio(7 * n), "restating lost or made counts");
  return 0;
}
