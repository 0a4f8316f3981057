// `da06 tasks`: every task's status as of a date, the deciding phrases, the summary beside the
// report's own claims, and the overdue list (docs/task-status.md).
#include "commands.hpp"

#include "da06/json.hpp"
#include "da06/report.hpp"

#include <da06/calendar.hpp>
#include <da06/status.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <iostream>
#include <string>

namespace da06::cli {
namespace {

std::string iso(Date d) { return boost::gregorian::to_iso_extended_string(d); }

/// Code points in UTF-8 text (continuation bytes are not counted).
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
std::string pad(std::string s, std::size_t w) {
  std::size_t n = width(s);
  if (n < w) s.append(w - n, ' ');
  return s;
}
std::string rpad(const std::string& s, std::size_t w) {
  std::size_t n = width(s);
  return n < w ? std::string(w - n, ' ') + s : s;
}
/// At most `w` code points, with "…" when cut.
std::string clip(std::string_view s, std::size_t w) {
  if (width(s) <= w) return std::string(s);
  std::size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == w - 1) break;
      ++n;
    }
  }
  return std::string(s.substr(0, i)) + "…";
}

int due_soon_option(const Args& args) {
  auto v = args.value("--due-soon");
  if (!v) return StatusOptions{}.due_soon_workdays;
  std::string s = *v;
  // `Args` gives a value to `--due-soon N` only when the option is in its takes_value set;
  // otherwise N arrives as the second positional.
  if (s.empty() && args.positional.size() == 2) s = args.positional[1];
  int n = -1;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || n < 0)
    throw UsageError("--due-soon: \"" + s + "\" is not a number of working days (0 or more)");
  return n;
}

std::string phrases(const TaskStatus& s) {
  std::string out;
  for (const auto& p : s.deciding_phrases) {
    if (p.role.rfind("also:", 0) == 0) continue;
    if (!out.empty()) out += " / ";
    out += "\"" + p.text + "\"";
  }
  return out;
}

void print_text(const Framework& fw, const StatusReport& rep) {
  const auto& sum = rep.summary;
  std::cout << "Task status as of " << iso(sum.as_of) << " (" << sum.total << " tasks; due soon = within "
            << sum.due_soon_workdays << " working days; working days from the public calendar, a due date on a"
            << " day off rolled to the next working day)\n";
  for (const auto& g : sum.by_group) {
    std::cout << "\n" << (g.number.empty() ? g.group : g.number) << ". " << g.title << " (" << g.total
              << (g.total == 1 ? " task" : " tasks") << ")\n";
    std::cout << "  " << pad("task", 5) << pad("status", 17) << pad("due", 11) << rpad("left", 5) << "  deciding phrase\n";
    for (const auto& s : rep.tasks) {
      if (s.group != g.group) continue;
      std::string status(to_string(s.status));
      if (s.past_due_not_done) status += " !";
      std::cout << "  " << pad(s.task, 5) << pad(status, 17) << pad(s.due ? iso(*s.due) : "-", 11)
                << rpad(s.workdays_left ? std::to_string(*s.workdays_left) : "-", 5) << "  "
                << clip(phrases(s), 90) << "\n";
    }
  }

  std::cout << "\nSummary\n";
  for (Status st : status_display_order)
    std::cout << "  " << pad(std::string(to_string(st)), 17) << rpad(std::to_string(sum.count(st)), 3) << "\n";
  std::cout << "  " << pad("total", 17) << rpad(std::to_string(sum.total), 3) << "\n";

  std::cout << "\nBy group\n  " << pad("group", 6) << rpad("all", 4);
  // Abbreviations indexed by Status (its numbering), printed in display order.
  const std::array<const char*, status_count> abbrev = {"done", "maint", "prog", "soon", "late",
                                                        "wait", "new",   "?",    "d.lt", "blank"};
  for (Status st : status_display_order) std::cout << rpad(abbrev[static_cast<std::size_t>(st)], 6);
  std::cout << "\n";
  for (const auto& g : sum.by_group) {
    std::cout << "  " << pad(g.number.empty() ? g.group : g.number, 6) << rpad(std::to_string(g.total), 4);
    for (Status st : status_display_order) {
      const int n = g.by_status[static_cast<std::size_t>(st)];
      std::cout << rpad(n ? std::to_string(n) : ".", 6);
    }
    std::cout << "\n";
  }
  std::cout << "  (maint = done_maintained, d.lt = done_late, prog = in_progress, soon = due_soon, late = overdue,"
               " wait = waiting, new = not_started, ? = unknown, blank = blank progress cell)\n";

  std::cout << "\nThe report's claims beside ours (not forced to agree)\n";
  for (const auto& c : sum.claims) {
    std::cout << "  \"" << c.published << "\"\n    claimed " << c.claimed;
    if (c.ours) {
      std::string st;
      for (Status x : c.statuses) st += (st.empty() ? "" : " + ") + std::string(to_string(x));
      if (c.statuses.size() == status_count) st = "all tasks";
      const auto d = *c.difference;
      std::cout << ", ours " << *c.ours << " (" << st << "), difference " << (d > 0 ? "+" : "") << d << "\n";
    } else {
      std::cout << ", ours: no mapping for status \"" << c.status << "\"\n";
    }
  }

  std::cout << "\nOverdue, and past due but not done (marked ! above): " << sum.past_due_not_done.size() << "\n";
  if (sum.past_due_not_done.empty()) std::cout << "  none\n";
  for (const auto& id : sum.past_due_not_done) {
    for (const auto& s : rep.tasks) {
      if (s.task != id) continue;
      const Task* t = fw.find_task(id);
      std::cout << "  " << id << "  " << to_string(s.status);
      if (t) std::cout << "  " << clip(t->title, 80);
      std::cout << "\n      " << s.reason << "\n";
    }
  }
}

int cmd_tasks(const Args& args) {
  args.allow({"--data", "--as-of", "--due-soon", "--json"});
  const bool positional_n = args.value("--due-soon") && args.value("--due-soon")->empty();
  if (args.positional.size() > (positional_n ? 2u : 1u))
    throw UsageError("usage: da06 tasks [--data PATH] [--as-of DATE] [--due-soon N] [--json]");
  StatusOptions opts;
  opts.due_soon_workdays = due_soon_option(args);
  const Framework fw = load_data(args);
  std::optional<Date> as_of = date_option(args, "--as-of");
  if (!as_of) as_of = default_as_of(fw);
  if (!as_of) throw UsageError("the framework has no report date and no period; give --as-of YYYY-MM-DD");
  const Calendar cal = Calendar::vietnam_public();
  const StatusReport rep = task_status_report(fw, *as_of, cal, opts);
  if (args.flag("--json")) {
    print_json_text(to_json(rep));
  } else {
    print_text(fw, rep);
  }
  return 0;
}

const Registrar reg_tasks{{"tasks", cmd_tasks, "da06 tasks [--data PATH] [--as-of DATE] [--due-soon=N] [--json]",
                           "every task's status with days and the deciding phrase"}};

}  // namespace
}  // namespace da06::cli
