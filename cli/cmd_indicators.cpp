// `da06 indicators`: every target evaluated as of a date — value, printed figure, threshold in
// force, gap, how many more are needed, pace — and, with --json, every observation too
// (da06::indicators_json; fields in docs/analysis.md).
#include "commands.hpp"

#include "da06/report.hpp"

#include <da06/analysis.hpp>
#include <da06/json.hpp>
#include <da06/calendar.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

namespace da06::cli {
namespace {

/// `s` padded with spaces to `width` code points, always ending in at least one space; text longer
/// than width − 1 code points is cut and ends in "…".
std::string cell(const std::string& s, std::size_t width) {
  std::size_t cps = 0, cut = std::string::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cps == width - 2 && cut == std::string::npos) cut = i;
    ++cps;
  }
  if (cps > width - 1) return s.substr(0, cut) + "… ";
  return s + std::string(width - cps, ' ');
}

std::string needed_text(const TargetEvaluation& e) {
  if (e.status == TargetStatus::no_data) return "";
  if (!e.needed.computable) return "–";
  if (!e.needed.reachable) return "unreachable";
  if (!e.needed.count) return "–";
  std::string n = format_vn_integer(*e.needed.count);
  switch (e.needed.action) {
    case NeededAction::remove_numerator:
    case NeededAction::remove_value: return "−" + n;
    case NeededAction::gain_places: return n + " places";
    case NeededAction::add_denominator: return "+" + n + " (den.)";
    default: return "+" + n;
  }
}

int cmd_indicators(const Args& args) {
  args.allow({"--data", "--as-of", "--json"});
  Framework fw = load_data(args);
  std::optional<Date> as_of = date_option(args, "--as-of");
  if (!as_of) as_of = default_as_of(fw);
  if (!as_of) throw UsageError("the framework has no report date and no period; give --as-of YYYY-MM-DD");
  Calendar cal = Calendar::vietnam_public();

  if (args.flag("--json")) {
    print_json_text(to_json(indicators_report(fw, *as_of, cal)));
    return 0;
  }

  auto evs = evaluate_targets(fw, *as_of, cal);
  std::cout << "Targets as of " << boost::gregorian::to_iso_extended_string(*as_of) << " (" << fw.id() << ")\n\n";
  std::cout << cell("target", 26) << cell("indicator", 30) << cell("value", 12) << cell("printed", 10)
            << cell("target", 14) << cell("status", 8) << cell("gap", 12) << cell("needed", 14) << cell("wd left", 8)
            << "pace\n";
  std::map<std::string, int> count;
  for (const TargetEvaluation& e : evs) {
    ++count[std::string(to_string(e.status))];
    const Indicator* ind = fw.find_indicator(e.indicator);
    std::string thr = std::string(to_string(e.comparator)) + " " +
                      format_vn_decimal(e.threshold.threshold.normalized()) +
                      (ind && is_percentage(*ind) ? "%" : "");
    std::string printed = e.current ? e.current->published_value : "";
    std::string gap = e.gap ? e.gap_display + " " + e.gap_unit : "";
    std::string status = e.status == TargetStatus::met ? "met" : e.status == TargetStatus::not_met ? "NOT met" : "no data";
    std::cout << cell(e.target, 26) << cell(e.indicator, 30) << cell(e.value ? e.value_display : "–", 12)
              << cell(printed.empty() ? "–" : printed, 10) << cell(thr, 14) << cell(status, 8) << cell(gap, 12)
              << cell(needed_text(e), 14) << cell(e.workdays_left ? std::to_string(*e.workdays_left) : "–", 8)
              << to_string(e.pace.cls) << "\n";
  }
  std::cout << "\n" << evs.size() << " targets: " << count["met"] << " met, " << count["not_met"] << " not met, "
            << count["no_data"] << " without data.\n"
            << "gap = value − threshold in force; needed = the fewest units that meet it (see docs/analysis.md);\n"
            << "wd left = working days from the day after the date to the deadline (public calendar).\n";
  return 0;
}

const Registrar reg{Command{"indicators", cmd_indicators, "da06 indicators [--data PATH] [--as-of DATE] [--json]",
                            "targets, gaps, needed counts and pace as of a date"}};

}  // namespace
}  // namespace da06::cli
