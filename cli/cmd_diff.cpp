// `da06 diff OLD.json NEW.json [--as-of DATE] [--mapping MAP.csv] [--pin OLD=NEW,…] [--threshold X] [--json]`:
// what changed from one report to the next (da06/series.hpp, docs/series.md).
// GCC 12 warns (-Wrestrict) inside boost::multiprecision's cpp_int-to-string once it is inlined here:
// a known false positive of that compiler (GCC bug 105329), not a fault of this file or of Boost.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include "commands.hpp"

#include <da06/series.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

namespace da06::cli {
namespace {

Framework load_report(const std::string& path, const Args& args) {
  LoadResult r = load_framework_file(path, args.limits);
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::warning) std::cerr << d.to_string() << "\n";
  if (!r.ok()) throw LoadError(std::move(r.diagnostics));
  return r.framework;
}

UnitMapping load_mapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("diff: cannot read --mapping file \"" + path + "\"");
  std::stringstream ss;
  ss << in.rdbuf();
  MappingLoad m = load_mapping_csv(ss.str(), path);
  bool bad = false;
  for (const auto& d : m.diagnostics) {
    std::cerr << d.to_string() << "\n";
    bad = bad || d.severity == Severity::error;
  }
  if (bad) throw LoadError(m.diagnostics);
  return m.mapping;
}

std::vector<TaskPin> parse_pins(const std::string& text) {
  std::vector<TaskPin> pins;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    std::string item = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
      throw UsageError("diff: --pin takes OLD=NEW pairs separated by commas (e.g. T09=T10), got \"" + item + "\"");
    pins.push_back(TaskPin{item.substr(0, eq), item.substr(eq + 1)});
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return pins;
}

std::string due(const std::optional<Date>& d) { return d ? format_iso_date(*d) : "no date"; }

void print_text(const SeriesDiff& d) {
  std::cout << "Changes from " << d.old_report << " (" << format_iso_date(d.old_as_of) << ") to " << d.new_report
            << " (as of " << format_iso_date(d.new_as_of) << ")\n";
  auto section = [](const char* title, std::size_t n) {
    std::cout << "\n" << title << ": " << n << "\n";
    return n;
  };
  if (section("Tasks newly done", d.newly_done.size()))
    for (const auto& c : d.newly_done) std::cout << "  " << c.new_task << " (was " << c.old_task << ", " << to_string(c.old_status) << " -> " << to_string(c.new_status) << ")\n";
  if (section("Tasks newly overdue", d.newly_overdue.size()))
    for (const auto& c : d.newly_overdue) std::cout << "  " << c.new_task << " due " << due(c.new_due) << " (was " << to_string(c.old_status) << ")\n";
  if (section("Tasks newly waiting", d.newly_waiting.size()))
    for (const auto& c : d.newly_waiting) std::cout << "  " << c.new_task << " (was " << to_string(c.old_status) << ")\n";
  if (section("Deadlines moved", d.deadline_moved.size()))
    for (const auto& c : d.deadline_moved) std::cout << "  " << c.new_task << ": " << due(c.old_due) << " -> " << due(c.new_due) << "\n";
  if (section("New tasks", d.tasks.added.size()))
    for (const auto& u : d.tasks.added)
      std::cout << "  " << u.task << "  (closest earlier: " << (u.best_candidate.empty() ? "none" : u.best_candidate) << ", score "
                << u.best_score << ")\n";
  if (section("Dropped tasks", d.tasks.dropped.size()))
    for (const auto& u : d.tasks.dropped)
      std::cout << "  " << u.task << "  (closest later: " << (u.best_candidate.empty() ? "none" : u.best_candidate) << ", score "
                << u.best_score << ")\n";
  if (section("Renumbered", d.renumbered.size()))
    for (const auto& m : d.renumbered) std::cout << "  " << m.old_task << " -> " << m.new_task << " (" << to_string(m.method) << ", " << m.confidence << ")\n";
  std::size_t parts = 0;
  for (const auto& m : d.tasks.matches) parts += m.method == MatchMethod::split || m.method == MatchMethod::merged;
  if (section("Split or merged tasks (parts)", parts))
    for (const auto& m : d.tasks.matches)
      if (m.method == MatchMethod::split || m.method == MatchMethod::merged)
        std::cout << "  " << m.old_task << " -> " << m.new_task << " (" << to_string(m.method) << ", " << m.confidence << ")\n";
  if (section("Indicators moved", d.indicators.size()))
    for (const auto& m : d.indicators) {
      std::cout << "  " << m.indicator << " [" << m.unit << (m.service.empty() ? "" : " " + m.service) << "] " << to_string(m.movement) << ": "
                << m.old_display << " -> " << m.new_display;
      if (m.numerator_change) std::cout << " (numerator " << m.numerator_change->str() << ", denominator " << (m.denominator_change ? m.denominator_change->str() : "?") << ")";
      if (!m.followed_from.empty()) {
        std::cout << " (from";
        for (const auto& u : m.followed_from) std::cout << ' ' << u;
        std::cout << ")";
      }
      std::cout << "\n";
    }
  if (section("Revised figures", d.revisions.size()))
    for (const auto& r : d.revisions)
      std::cout << "  " << r.key.indicator << " [" << r.key.unit << (r.key.service.empty() ? "" : " " + r.key.service) << "] "
                << r.key.when << ": " << r.old_value << " -> " << r.new_value << "\n";
  std::cout << "\nRepeated figures (counted once): " << d.duplicates << "\n";
  if (section("Targets newly met", d.targets_newly_met.size()))
    for (const auto& t : d.targets_newly_met) std::cout << "  " << t.target << " (" << t.old_value << " -> " << t.new_value << ")\n";
  if (section("Targets newly missed", d.targets_newly_missed.size()))
    for (const auto& t : d.targets_newly_missed)
      std::cout << "  " << t.target << " (" << to_string(t.shift) << "; " << t.old_value << " -> " << t.new_value << ")\n";
  std::size_t disagree = 0;
  for (const auto& c : d.change_checks) disagree += !c.agrees;
  std::cout << "\nPrinted changes checked against the earlier report: " << d.change_checks.size() << " (" << disagree
            << " disagree)\n";
  for (const auto& c : d.change_checks)
    if (!c.agrees)
      std::cout << "  " << c.observation << " \"" << c.published << "\": implies " << c.of << " " << c.implied << " for "
                << c.against << "; the earlier report printed " << c.earlier_value << " (" << c.earlier_observation << ")"
                << (c.revised_to.empty() ? std::string() : "; this report revised it to " + c.revised_to) << "\n";
  if (section("Units entered", d.units_entered.size()))
    for (const auto& u : d.units_entered) std::cout << "  " << u.unit << " " << u.name << " (" << u.reason << ")\n";
  if (section("Units left", d.units_left.size()))
    for (const auto& u : d.units_left) {
      std::cout << "  " << u.unit << " " << u.name << " (" << u.reason;
      for (std::size_t i = 0; i < u.successors.size(); ++i) std::cout << (i ? ", " : "; into ") << u.successors[i];
      std::cout << ")\n";
    }
}

int cmd_diff(const Args& args) {
  args.allow({"--as-of", "--json", "--mapping", "--pin", "--threshold"});
  if (args.positional.size() != 3)
    throw UsageError("usage: da06 diff OLD.json NEW.json [--as-of DATE] [--mapping MAP.csv] [--pin OLD=NEW,...] [--threshold X] [--json]");
  SeriesOptions opt;
  if (auto m = args.value("--mapping")) opt.mapping = load_mapping(*m);
  if (auto p = args.value("--pin")) opt.pins = parse_pins(*p);
  if (auto t = args.value("--threshold")) {
    double x = 0;
    auto [ptr, ec] = std::from_chars(t->data(), t->data() + t->size(), x);
    if (ec != std::errc() || ptr != t->data() + t->size() || !(x > 0 && x <= 1))
      throw UsageError("diff: --threshold takes a number in (0, 1], got \"" + *t + "\"");
    opt.match_threshold = x;
  }
  Framework a = load_report(args.positional[1], args);
  Framework b = load_report(args.positional[2], args);
  SeriesDiff d = diff_reports(a, b, date_option(args, "--as-of"), opt);
  if (args.flag("--json")) print_json_text(to_json(d));
  else print_text(d);
  return 0;
}

const Registrar reg{{"diff", cmd_diff,
                     "da06 diff OLD.json NEW.json [--as-of DATE] [--mapping MAP.csv] [--pin OLD=NEW,...] [--threshold X] [--json]",
                     "what changed from one report to the next: tasks, indicators, targets, units"}};

}  // namespace
}  // namespace da06::cli
