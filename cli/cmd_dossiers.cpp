// `da06 dossiers due|status|index|rules`: dossier tables (CSV) → due dates, statuses, the QĐ 766 index.
//
//   da06 dossiers due FILE [--cutoff-hour HH:MM | --no-cutoff] [--json]
//   da06 dossiers status FILE [--as-of DATE|DATETIME] [--json]
//   da06 dossiers index FILE [--units UNITS] [--period month|quarter|year] [--as-of DATE|DATETIME]
//                            [--rules RULES.json] [--counts] [--json]
//   da06 dossiers rules [--sync-factor]          (the built-in rule set as JSON, to copy and edit)
// Bad rows are printed to stderr as FILE:LINE:COL: field: message and not counted; the exit code is 1
// when there were any, after the output of every valid row.
#include "commands.hpp"

#include <da06/dossier.hpp>
#include <da06/dossier_counts.hpp>
#include <da06/dossier_index.hpp>
#include <da06/dossier_io.hpp>
#include <da06/hierarchy.hpp>
#include <da06/input.hpp>
#include <da06/numbers.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

#include <ctime>
#include <iostream>
#include <unordered_map>

namespace da06::cli {
namespace {

using ojson = nlohmann::ordered_json;

const char* kUsage =
    "da06 dossiers due|status|index FILE [--units UNITS] [--period month|quarter|year] [--as-of DATE|DATETIME] "
    "[--rules RULES.json] [--cutoff-hour HH:MM] [--no-cutoff] [--profile public|statutory] [--counts] [--json]; "
    "da06 dossiers rules [--sync-factor]";

std::string time_text(LocalSeconds t) {
  if (t == kNoTime) return "";
  const auto d = local_date(t);
  const std::int64_t s = t - local_seconds(d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", boost::gregorian::to_iso_extended_string(d).c_str(),
                static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return buf;
}

std::string day_text(std::int32_t day) {
  if (day == std::numeric_limits<std::int32_t>::min()) return "";
  return boost::gregorian::to_iso_extended_string(boost::gregorian::date(1970, 1, 1) + boost::gregorian::days(day));
}

/// Points with the rule set's decimals, as the portal shows them: "12.50", "7" for whole points.
std::string points_text(std::int64_t v, int decimals) { return Decimal(BigInt(v), decimals).to_string(); }

LocalSeconds as_of_option(const Args& args) {
  if (auto v = args.value("--as-of")) {
    std::string err;
    auto t = parse_local_time(*v, err);
    if (!t || *t == kNoTime) throw UsageError("--as-of: " + (err.empty() ? std::string("a date or date-time is needed") : err));
    // a date alone means the end of that day
    return v->size() == 10 ? *t + kSecondsPerDay - 1 : *t;
  }
  const std::time_t now = std::time(nullptr);
  return from_utc_seconds(static_cast<std::int64_t>(now));
}

DossierEngine engine_from(const Args& args, bool portal) {
  DossierRules r;
  r.repeated_supplementation_is_late = portal;
  if (auto v = args.value("--cutoff-hour")) {
    const std::string& c = *v;
    auto dig = [&](std::size_t i) { return c[i] >= '0' && c[i] <= '9'; };
    if (c.size() != 5 || c[2] != ':' || !dig(0) || !dig(1) || !dig(3) || !dig(4) || std::stoi(c.substr(0, 2)) > 23 ||
        std::stoi(c.substr(3, 2)) > 59)
      throw UsageError("--cutoff-hour: \"" + c + "\" is not HH:MM");
    r.cutoff_seconds = std::stoi(c.substr(0, 2)) * 3600 + std::stoi(c.substr(3, 2)) * 60;
  }
  if (args.flag("--no-cutoff")) r.apply_cutoff = false;
  const std::string profile = args.value("--profile").value_or("public");
  if (profile != "public" && profile != "statutory") throw UsageError("--profile must be public or statutory");
  return DossierEngine(profile == "public" ? Calendar::vietnam_public() : Calendar::vietnam_statutory(), r);
}

int report(const DossierFile& f, const RowErrors* extra) {
  int errors = 0;
  for (const auto& d : f.diagnostics) {
    std::cerr << d.to_string() << "\n";
    ++errors;
  }
  if (extra)
    for (const auto& e : extra->first) {
      const auto row = static_cast<std::size_t>(e.row);
      std::cerr << f.file << ":" << (row < f.source_line.size() ? f.source_line[row] : 0) << ": " << e.field << ": "
                << e.message << "\n";
      ++errors;
    }
  return errors;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

int cmd_rules(const Args& args) {
  args.allow({"--sync-factor", "--json"});
  std::cout << index_rules_to_json(args.flag("--sync-factor") ? portal_2026_rules_with_sync_factor() : portal_2026_rules())
            << "\n";
  return 0;
}

int cmd_due_or_status(const Args& args, bool status) {
  args.allow({"--json", "--cutoff-hour", "--no-cutoff", "--profile", "--as-of"});
  if (args.positional.size() != 3) throw UsageError(std::string("usage: ") + kUsage);
  const DossierFile f = load_dossier_file(args.positional[2]);
  const DossierEngine eng = engine_from(args, false);
  const DossierTable t = f.table();
  const LocalSeconds as_of = as_of_option(args);
  std::vector<LocalSeconds> due_at(f.size());
  std::vector<std::int32_t> due_day(f.size()), rec_day(f.size());
  std::vector<std::uint8_t> state(f.size());
  RowErrors errors;
  if (status) eng.status(t.rows, as_of, state.data(), due_at.data(), errors);
  else eng.due(t.rows, as_of, due_at.data(), due_day.data(), rec_day.data(), errors);
  // rows the reader rejected are reported once, by the reader
  RowErrors shown;
  for (const auto& e : errors.first)
    if (f.unit[static_cast<std::size_t>(e.row)] != -1) shown.add(e.row, e.field, e.message);
  const int bad = report(f, &shown);
  auto ok = [&](std::size_t k) { return f.unit[k] != -1 && (status ? state[k] != 255 : due_at[k] != kNoTime); };
  if (args.flag("--json")) {
    ojson j;
    j["file"] = f.file;
    if (status) j["as_of"] = time_text(as_of);
    j["rows"] = ojson::array();
    std::map<std::string, std::int64_t> summary;
    for (std::size_t k = 0; k < f.size(); ++k) {
      ojson r{{"row", k}, {"line", f.source_line[k]}, {"dossier_id", f.dossier_id[k]}};
      if (!ok(k)) {
        r["error"] = true;
      } else if (status) {
        const auto s = static_cast<DossierState>(state[k]);
        r["status"] = std::string(to_string(s));
        r["status_vi"] = std::string(to_vietnamese(s));
        r["due_at"] = time_text(due_at[k]);
        ++summary[std::string(to_string(s))];
      } else {
        r["received"] = day_text(rec_day[k]);
        r["due"] = day_text(due_day[k]);
        r["due_at"] = time_text(due_at[k]);
      }
      j["rows"].push_back(std::move(r));
    }
    if (status) j["summary"] = summary;
    j["errors"] = bad;
    print_json_text(j.dump(2));
  } else {
    std::cout << (status ? "row,dossier_id,status,due_at\n" : "row,dossier_id,received,due,due_at\n");
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (!ok(k)) continue;
      std::cout << k << ',' << csv_cell(f.dossier_id[k]) << ',';
      if (status) std::cout << to_string(static_cast<DossierState>(state[k])) << ',' << time_text(due_at[k]) << "\n";
      else std::cout << day_text(rec_day[k]) << ',' << day_text(due_day[k]) << ',' << time_text(due_at[k]) << "\n";
    }
  }
  return bad ? 1 : 0;
}

IndexRules rules_from(const Args& args) {
  auto path = args.value("--rules");
  if (!path) return portal_2026_rules();
  return load_index_rules(read_input_file(*path), *path);  // within InputLimits::max_bytes
}

int cmd_index(const Args& args) {
  args.allow({"--json", "--units", "--period", "--as-of", "--rules", "--profile", "--cutoff-hour", "--no-cutoff", "--counts"});
  if (args.positional.size() != 3) throw UsageError(std::string("usage: ") + kUsage);
  const IndexRules rules = rules_from(args);
  DossierFile f = load_dossier_file(args.positional[2]);
  CountOptions opt;
  const std::string period = args.value("--period").value_or("month");
  if (period == "month") opt.period = IndexPeriod::month;
  else if (period == "quarter") opt.period = IndexPeriod::quarter;
  else if (period == "year") opt.period = IndexPeriod::year;
  else throw UsageError("--period must be month, quarter or year");
  if (args.value("--as-of")) opt.as_of = as_of_option(args);
  // --units: only these units (a hierarchy file, JSON or CSV id,parent,level,...), in their order
  std::vector<std::string> names = f.units;
  if (auto up = args.value("--units")) {
    HierarchyLoad hl = load_hierarchy_file(*up);
    for (const auto& d : hl.diagnostics) std::cerr << d.to_string() << "\n";
    std::unordered_map<std::string, std::int32_t> idx;
    names.clear();
    for (std::size_t i = 0; i < hl.hierarchy.size(); ++i) {
      idx.emplace(hl.hierarchy.id(static_cast<std::int32_t>(i)), static_cast<std::int32_t>(i));
      names.push_back(hl.hierarchy.id(static_cast<std::int32_t>(i)));
    }
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (f.unit[k] < 0) continue;
      auto it = idx.find(f.units[static_cast<std::size_t>(f.unit[k])]);
      if (it == idx.end()) {
        f.diagnostics.push_back({Severity::error, Location{f.file, static_cast<int>(f.source_line[k]), 0, "", "unit"},
                                 "unit \"" + f.units[static_cast<std::size_t>(f.unit[k])] + "\" is not in " + *up});
        f.unit[k] = -1;
      } else {
        f.unit[k] = it->second;
      }
    }
    f.units = names;
  }
  const DossierEngine eng = engine_from(args, true);
  const DossierCounts c = count_dossiers(eng, f.table(), opt);
  const int bad = report(f, &c.errors);
  std::vector<CountCell> cells;
  for (std::size_t k = 0; k < c.cells(); ++k) {
    CountCell cell{names[static_cast<std::size_t>(c.unit[k])], period_label(opt.period, c.period[k]), {}};
    for (std::size_t n = 0; n < c.counters.size(); ++n) cell.counts[c.counters[n]] = c.at(k, n);
    cells.push_back(std::move(cell));
  }
  const std::vector<UnitScore> ranked = rank_units(rules, cells);
  const int dec = rules.decimals;
  if (args.flag("--json")) {
    ojson j;
    j["file"] = f.file;
    j["rules"] = rules.version;
    j["period"] = period;
    j["rows_counted"] = c.rows_counted;
    j["ranking"] = ojson::array();
    for (const auto& u : ranked) {
      ojson g;
      for (const auto& [code, p] : u.groups) g[code] = points_text(p, dec);
      j["ranking"].push_back({{"period", u.period}, {"rank", u.rank}, {"unit", u.unit}, {"total", points_text(u.total, dec)},
                              {"groups", g}});
    }
    j["indicators"] = ojson::array();
    for (const auto& cell : cells)
      for (const auto& r : score_indicators(rules, cell))
        j["indicators"].push_back({{"unit", r.unit}, {"period", r.period}, {"group", r.group}, {"indicator", r.indicator},
                                   {"numerator", r.numerator}, {"denominator", r.denominator},
                                   {"threshold", std::to_string(r.threshold_numerator) + "/" + std::to_string(r.threshold_denominator)},
                                   {"points", points_text(r.points, dec)}, {"max_points", points_text(r.max_points, dec)},
                                   {"zero_rule", r.zero_rule_applied}, {"rules", r.rules_version}});
    if (args.flag("--counts")) {
      j["counts"] = ojson::array();
      for (const auto& cell : cells) {
        ojson x{{"unit", cell.unit}, {"period", cell.period}};
        for (const auto& [k, v] : cell.counts) x[k] = v;
        j["counts"].push_back(std::move(x));
      }
    }
    j["errors"] = bad;
    print_json_text(j.dump(2));
  } else if (args.flag("--counts")) {
    std::cout << "unit,period";
    for (const auto& n : c.counters) std::cout << ',' << n;
    std::cout << "\n";
    for (const auto& cell : cells) {
      std::cout << csv_cell(cell.unit) << ',' << cell.period;
      for (const auto& n : c.counters) std::cout << ',' << cell.get(n);
      std::cout << "\n";
    }
  } else {
    std::cout << "period,rank,unit,total";
    for (const auto& g : rules.groups) std::cout << ',' << g.code;
    std::cout << "\n";
    for (const auto& u : ranked) {
      std::cout << u.period << ',' << u.rank << ',' << csv_cell(u.unit) << ',' << points_text(u.total, dec);
      for (const auto& g : rules.groups) std::cout << ',' << points_text(u.groups.at(g.code), dec);
      std::cout << "\n";
    }
  }
  return bad ? 1 : 0;
}

int cmd_dossiers(const Args& args) {
  if (args.positional.size() < 2) throw UsageError(std::string("usage: ") + kUsage);
  const std::string& sub = args.positional[1];
  if (sub == "due") return cmd_due_or_status(args, false);
  if (sub == "status") return cmd_due_or_status(args, true);
  if (sub == "index") return cmd_index(args);
  if (sub == "rules") return cmd_rules(args);
  throw UsageError("dossiers: unknown subcommand \"" + sub + "\" (due, status, index, rules)");
}

const Registrar reg{{"dossiers", cmd_dossiers, kUsage, "dossier due dates, statuses and the QĐ 766 index from a CSV"}};

}  // namespace
}  // namespace da06::cli
