// `da06 aggregate OBS.csv --units UNITS --to-level LEVEL [--as-of DATE] [--csv] [--json]`:
// Σnumerator / Σdenominator per unit of LEVEL as of DATE (today when absent), from a counts CSV.
#include "commands.hpp"

#include <da06/aggregate.hpp>
#include <da06/json.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <iostream>

namespace da06::cli {
namespace {

/// A CSV cell: quoted when it holds a comma, a quote or a line break.
std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

int cmd_aggregate(const Args& args) {
  args.allow({"--units", "--to-level", "--as-of", "--csv", "--json"});
  if (args.positional.size() != 2) throw UsageError("usage: da06 aggregate OBS.csv --units UNITS --to-level LEVEL [--as-of DATE] [--csv] [--json]");
  auto units_path = args.value("--units");
  if (!units_path || units_path->empty()) throw UsageError("aggregate: --units PATH is required (JSON units or CSV id,parent,level[,valid_from,valid_to,name])");
  auto level_text = args.value("--to-level");
  if (!level_text) throw UsageError("aggregate: --to-level LEVEL is required (nation, province, district, commune, village)");
  auto level = parse_level(*level_text);
  if (!level) throw UsageError("aggregate: unknown level \"" + *level_text + "\" (nation, province, district, commune, village)");
  Date as_of = date_option(args, "--as-of").value_or(boost::gregorian::day_clock::local_day());

  HierarchyLoad hl = load_hierarchy_file(*units_path);
  CountTable obs = load_counts_file(args.positional[1]);
  std::size_t errors = 0;
  for (const auto& d : hl.diagnostics) {
    std::cerr << d.to_string() << "\n";
    errors += d.severity == Severity::error;
  }
  for (const auto& d : obs.diagnostics) {
    std::cerr << d.to_string() << "\n";
    errors += d.severity == Severity::error;
  }
  NamedAggregate a = aggregate_rows(hl.hierarchy, obs.rows, *level, as_of);
  for (const auto& d : a.diagnostics) {
    // Dropped units are warnings: "<units>: unit 'X': warning: …".
    Diagnostic shown = d;
    if (shown.where.file.empty()) shown.where.file = *units_path;
    std::cerr << shown.to_string() << "\n";
    errors += d.severity == Severity::error;
  }
  const AggregateResult& r = a.result;
  const Hierarchy& h = hl.hierarchy;
  if (args.flag("--json")) {
    // The document counts every error of the run: the files' and the aggregation's.
    a.diagnostics.insert(a.diagnostics.begin(), obs.diagnostics.begin(), obs.diagnostics.end());
    a.diagnostics.insert(a.diagnostics.begin(), hl.diagnostics.begin(), hl.diagnostics.end());
    print_json_text(to_json(a));
  } else if (args.flag("--csv")) {
    // Exact: ratio is "Σnum/Σden" as summed (empty when Σden = 0).
    std::cout << "unit,indicator,period,numerator,denominator,ratio\n";
    for (std::size_t g = 0; g < r.size(); ++g) {
      std::cout << csv_cell(h.id(r.unit(g))) << ',' << csv_cell(a.indicators[static_cast<std::size_t>(r.indicator(g))])
                << ',' << csv_cell(a.periods[static_cast<std::size_t>(r.period(g))]) << ',' << r.numerator_big(g).str()
                << ',' << r.denominator_big(g).str() << ',' << (r.has_ratio(g) ? r.ratio(g).to_string() : "") << "\n";
    }
  } else {
    std::cout << "Aggregated to " << to_string(*level) << " as of " << boost::gregorian::to_iso_extended_string(as_of)
              << ": " << r.size() << " groups from " << r.rows_used() << " rows";
    if (r.rows_dropped()) std::cout << " (" << r.rows_dropped() << " rows of " << r.dropped_units().size() << " units not aggregated)";
    std::cout << "\n";
    for (std::size_t g = 0; g < r.size(); ++g) {
      // The unit's name after its id, when the units file gives one (a `name` column).
      const std::string& id = h.id(r.unit(g));
      const std::string& name = h.name(r.unit(g));
      std::cout << "  " << id << (name != id && !name.empty() ? " (" + name + ")" : std::string()) << "  "
                << a.indicators[static_cast<std::size_t>(r.indicator(g))] << "  "
                << a.periods[static_cast<std::size_t>(r.period(g))] << "  "
                << format_vn_integer(r.numerator_big(g)) << "/" << format_vn_integer(r.denominator_big(g));
      if (r.has_ratio(g)) std::cout << "  " << format_percent(r.ratio(g), 2);
      std::cout << "\n";
    }
  }
  return errors ? 1 : 0;
}

const Registrar reg{{"aggregate", cmd_aggregate,
                     "da06 aggregate OBS.csv --units UNITS --to-level LEVEL [--as-of DATE] [--csv] [--json]",
                     "Σnumerator/Σdenominator per unit of LEVEL, as of DATE"}};

}  // namespace
}  // namespace da06::cli
