// The counts CSV: `unit,indicator,period,numerator,denominator` (columns by name, any order), one
// count observation per row. Periods are period codes (2024, 2024-S1, 2024-Q2, 2024-M05, …); counts are
// whole numbers ≥ 0 within int64; other columns are ignored, and said so once.
#include "table.hpp"

#include "da06/aggregate.hpp"
#include "da06/input.hpp"
#include "da06/period.hpp"

#include <algorithm>

namespace da06::inline v1 {

namespace {
enum Col : std::size_t { kUnit, kIndicator, kPeriod, kNumerator, kDenominator };
const detail::TableSpec kSpec{{"unit", "indicator", "period", "numerator", "denominator"}, {}};
}  // namespace

CountTable load_counts_csv(std::string_view text, const std::string& file) {
  CountTable t;
  detail::Thousands thousands;
  auto header = detail::read_table(text, file, kSpec, t.diagnostics, [&](const detail::TableRow& row) {
    CountRow r;
    bool ok = true;
    auto fail = [&](std::size_t c, std::string msg) {
      t.diagnostics.push_back(detail::csv_error(file, *row.cell(c), kSpec.required[c], std::move(msg) + " (row skipped)"));
      ok = false;
    };
    std::string* names[] = {&r.unit, &r.indicator, &r.period};
    for (std::size_t c : {kUnit, kIndicator, kPeriod}) {
      *names[c] = std::string(row.text(c));
      if (names[c]->empty()) fail(c, "empty " + std::string(kSpec.required[c]));
    }
    // A period is a code, as in a framework's observations: free text would make a group of its own.
    if (!r.period.empty()) {
      try {
        (void)Period::parse_code(r.period);
      } catch (const Error& e) {
        fail(kPeriod, e.message());
      }
    }
    for (std::size_t c : {kNumerator, kDenominator}) {
      std::string err;
      auto v = detail::read_count(*row.cell(c), kSpec.required[c], file, thousands, err);
      if (!v) fail(c, err);
      else if (*v < 0) fail(c, "negative " + std::string(kSpec.required[c]) + " " + std::to_string(*v) + " (counts are ≥ 0)");
      else (c == kNumerator ? r.numerator : r.denominator) = *v;
    }
    if (!ok) return;
    const auto* u = row.cell(kUnit);
    r.where = Location{file, u->line, u->column, "unit", "unit"};
    t.rows.push_back(std::move(r));
  });
  thousands.flush(t.diagnostics);
  if (header && !header->extra.empty())
    t.diagnostics.push_back({Severity::warning, Location{file, header->line, header->names[header->extra_index[0]].column, "header", "header"},
                             "column(s) " + detail::header_list({header->extra.begin(), header->extra.end()}) +
                                 " are not counts columns and are ignored"});
  std::stable_sort(t.diagnostics.begin(), t.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
  return t;
}

CountTable load_counts_file(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const Error& e) {
    CountTable t;
    t.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return t;
  }
  return load_counts_csv(text, path);
}

}  // namespace da06::inline v1
