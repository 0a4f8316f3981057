// libFuzzer target: the counts CSV reader (`load_counts_csv`, `unit,indicator,period,numerator,denominator`)
// and the aggregation of what it keeps.
//
// Properties, whatever the bytes:
//   * it returns (never throws); every error is located inside the input;
//   * every kept row has non-empty, trimmed names and counts ≥ 0, located on a line of the input;
//   * round trip: the kept rows written back as CSV load again, with no diagnostic, to the same rows;
//   * aggregation: under one nation unit, Σnumerator and Σdenominator of every (indicator, period)
//     equal a brute-force BigInt sum over the rows, and every row is counted once.
#include <da06/aggregate.hpp>
#include <da06/hierarchy.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "fuzz_common.hpp"

namespace {

bool trimmed(const std::string& s) {
  return !s.empty() && s.front() != ' ' && s.front() != '\t' && s.back() != ' ' && s.back() != '\t';
}

std::string write_counts_csv(const std::vector<da06::CountRow>& rows) {
  std::string out = "unit,indicator,period,numerator,denominator\r\n";
  for (const auto& r : rows)
    out += da06_fuzz::csv_field(r.unit) + ',' + da06_fuzz::csv_field(r.indicator) + ',' + da06_fuzz::csv_field(r.period) +
           ',' + std::to_string(r.numerator) + ',' + std::to_string(r.denominator) + "\r\n";
  return out;
}

bool same_rows(const std::vector<da06::CountRow>& a, const std::vector<da06::CountRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].unit != b[i].unit || a[i].indicator != b[i].indicator || a[i].period != b[i].period ||
        a[i].numerator != b[i].numerator || a[i].denominator != b[i].denominator)
      return false;
  return true;
}

void check_aggregate(const std::vector<da06::CountRow>& rows) {
  // One nation and every unit of the rows as a province under it.
  const std::string root = "\x01root";
  std::vector<da06::OrgUnit> units(1);
  units[0].id = root;
  units[0].level = da06::Level::nation;
  std::map<std::string, bool> seen;
  for (const auto& r : rows) {
    if (r.unit == root) return;
    if (!seen.emplace(r.unit, true).second) continue;
    da06::OrgUnit u;
    u.id = r.unit;
    u.level = da06::Level::province;
    u.parents.push_back(da06::ParentLink{root, std::nullopt, std::nullopt});
    units.push_back(std::move(u));
  }
  const da06::Hierarchy h(std::move(units));
  const da06::NamedAggregate a =
      da06::aggregate_rows(h, rows, da06::Level::nation, boost::gregorian::date(2024, 6, 30));
  FUZZ_CHECK(a.diagnostics.empty(), "aggregation of clean rows reported " + a.diagnostics.front().to_string());

  struct Sum {
    da06::BigInt num, den;
    std::int64_t rows = 0;
  };
  std::map<std::pair<std::string, std::string>, Sum> want;
  for (const auto& r : rows) {
    Sum& s = want[{r.indicator, r.period}];
    s.num += r.numerator;
    s.den += r.denominator;
    ++s.rows;
  }
  const da06::AggregateResult& res = a.result;
  FUZZ_CHECK(res.size() == want.size(), "groups: " + std::to_string(res.size()) + " vs " + std::to_string(want.size()));
  FUZZ_CHECK(res.rows_used() == rows.size(), "rows used: " + std::to_string(res.rows_used()));
  for (std::size_t g = 0; g < res.size(); ++g) {
    FUZZ_CHECK(res.unit(g) == 0, "a group outside the nation");
    const auto key = std::make_pair(a.indicators.at(static_cast<std::size_t>(res.indicator(g))),
                                    a.periods.at(static_cast<std::size_t>(res.period(g))));
    auto it = want.find(key);
    FUZZ_CHECK(it != want.end(), "a group that no row has: " + key.first + " / " + key.second);
    FUZZ_CHECK(res.numerator_big(g) == it->second.num, "Σnumerator " + res.numerator_big(g).str() + " != " + it->second.num.str());
    FUZZ_CHECK(res.denominator_big(g) == it->second.den, "Σdenominator differs for " + key.first);
    FUZZ_CHECK(res.rows(g) == it->second.rows, "row count differs for " + key.first);
    FUZZ_CHECK(res.has_ratio(g) == (it->second.den != 0), "has_ratio disagrees with Σdenominator");
    if (res.has_ratio(g)) {
      const da06::Ratio q = res.ratio(g);
      FUZZ_CHECK(q.numerator_big() * it->second.den == q.denominator_big() * it->second.num, "ratio is not Σnum/Σden");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "counts.csv";
  const da06::CountTable t = da06::load_counts_csv(text, file);
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf_cr);
  for (const auto& d : t.diagnostics) da06_fuzz::check_located(d.where, d.message, lines, file);
  FUZZ_CHECK(t.ok() == (da06_fuzz::error_count(t.diagnostics) == 0), "ok() disagrees with the errors");

  for (const auto& r : t.rows) {
    FUZZ_CHECK(trimmed(r.unit) && trimmed(r.indicator) && trimmed(r.period), "an empty or untrimmed name kept");
    FUZZ_CHECK(r.numerator >= 0 && r.denominator >= 0, "a negative count kept");
    da06_fuzz::check_located(r.where, "row", lines, file);
  }
  if (t.rows.empty()) return 0;

  const std::string again = write_counts_csv(t.rows);
  const da06::CountTable t2 = da06::load_counts_csv(again, "again.csv");
  FUZZ_CHECK(t2.diagnostics.empty(), "the written rows do not load cleanly: " + t2.diagnostics.front().to_string());
  FUZZ_CHECK(same_rows(t.rows, t2.rows), "the written rows load to different rows");

  check_aggregate(t.rows);
  return 0;
}
