// The calendar, period and deadline commands of the `da06` CLI (docs/cli-calendar.md):
//   da06 calendar holidays|workdays|add|lunar|solar|due …
//   da06 period parse TEXT
//   da06 deadline parse TEXT
#include "commands.hpp"

#include <da06/json.hpp>

#include <da06/calendar.hpp>
#include <da06/deadline.hpp>
#include <da06/error.hpp>
#include <da06/lunar.hpp>
#include <da06/period.hpp>
#include <da06/time_limits.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

namespace da06::cli {
namespace {

using ojson = nlohmann::ordered_json;
namespace bg = boost::gregorian;

void print(const ojson& j) { print_json_text(j.dump(2)); }

std::string iso(bg::date d) { return bg::to_iso_extended_string(d); }

/// "Thứ Hai" … "Chủ Nhật".
const char* weekday_vi(bg::date d) {
  static const char* names[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
  return names[d.day_of_week().as_number()];
}

/// Pads UTF-8 text with spaces to `width` code points.
std::string pad(const std::string& s, std::size_t width) {
  std::size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  return cps >= width ? s : s + std::string(width - cps, ' ');
}

/// A strict ISO date YYYY-MM-DD; anything else is a usage error naming `what`.
bg::date parse_date_arg(const std::string& s, const std::string& what) {
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  for (std::size_t i = 0; shape && i < s.size(); ++i)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) shape = false;
  if (shape) {
    try {
      return bg::from_simple_string(s);
    } catch (const std::exception&) {
    }
  }
  throw UsageError(what + ": \"" + s + "\" is not a date (YYYY-MM-DD)");
}

int parse_int_arg(const std::string& s, const std::string& what) {
  int v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (!s.empty() && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (s.empty() || ec != std::errc() || p != e) throw UsageError(what + ": \"" + s + "\" is not an integer");
  return v;
}

/// HH:MM (00:00..23:59).
std::pair<int, int> parse_hhmm(const std::string& s, const std::string& what) {
  auto colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 2 || s.size() - colon != 3)
    throw UsageError(what + ": \"" + s + "\" is not a time (HH:MM)");
  int h = parse_int_arg(s.substr(0, colon), what), m = parse_int_arg(s.substr(colon + 1), what);
  if (h < 0 || h > 23 || m < 0 || m > 59) throw UsageError(what + ": \"" + s + "\" is not a time (HH:MM)");
  return {h, m};
}

std::string hhmm(int h, int m) {
  auto two = [](int v) { return std::string(1, char('0' + v / 10 % 10)) + char('0' + v % 10); };
  return two(h) + ":" + two(m);
}

/// Every positional from `first` on, joined with spaces (the shell may have split the text).
std::string joined_text(const Args& args, std::size_t first, const char* usage) {
  if (args.positional.size() <= first) throw UsageError(usage);
  std::string s;
  for (std::size_t i = first; i < args.positional.size(); ++i) s += (i > first ? " " : "") + args.positional[i];
  return s;
}

/// An option that takes a value: reject the bare-flag form (older Args put the value in positionals).
std::optional<std::string> valued(const Args& args, const std::string& name) {
  auto v = args.value(name);
  if (v && v->empty()) throw UsageError(name + " needs a value (" + name + "=VALUE)");
  return v;
}

std::optional<int> year_option(const Args& args) {
  auto v = valued(args, "--year");
  if (!v) return std::nullopt;
  int y = parse_int_arg(*v, "--year");
  if (y < Period::min_year || y > Period::max_year) throw UsageError("--year: " + *v + " is out of range");
  return y;
}

// --- the calendar: --profile and --schedule -----------------------------------------------------

struct CalendarChoice {
  Calendar cal;
  std::string profile;
  std::optional<std::string> schedule;
};

CalendarChoice calendar_from(const Args& args) {
  std::string profile = valued(args, "--profile").value_or("public");
  CalendarChoice c{profile == "statutory" ? Calendar::vietnam_statutory() : Calendar::vietnam_public(), profile,
                   std::nullopt};
  if (profile != "public" && profile != "statutory")
    throw UsageError("--profile: \"" + profile + "\" is not a profile (public, statutory)");
  if (auto path = valued(args, "--schedule")) {
    c.cal = c.cal.with_schedule(read_input_file(*path, args.limits), *path, args.limits);
    c.schedule = *path;
  }
  return c;
}

/// The calendar's fields of a result over [first, last], with the years whose result is provisional.
void add_calendar_fields(ojson& j, const CalendarChoice& c, bg::date first, bg::date last) {
  j["profile"] = c.profile;
  j["schedule"] = c.schedule ? ojson(*c.schedule) : ojson(nullptr);
  j["provisional_years"] = c.cal.provisional_years(first, last);
}

/// The line a text result ends with when it rests on a year without an official schedule.
void print_provisional(const CalendarChoice& c, bg::date first, bg::date last) {
  auto years = c.cal.provisional_years(first, last);
  if (years.empty()) return;
  std::string list;
  for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
  std::cout << "Provisional: no official schedule for " << list
            << " in this calendar; the statutory rules were used (a published schedule may move days off).\n";
}

// --- da06 calendar … ------------------------------------------------------------------------------

constexpr const char* kCalendarUsage =
    "usage: da06 calendar holidays YEAR | workdays FROM TO | add DATE N | lunar DATE | solar DAY MONTH YEAR [--leap]"
    " | due YYYY-MM-DDTHH:MM N [--cutoff-hour HH:MM] [--no-cutoff]   [--profile public|statutory] [--schedule FILE]"
    " [--json]";

void expect_positionals(const Args& args, std::size_t n, const std::string& usage) {
  if (args.positional.size() != n) throw UsageError("usage: " + usage);
}

int calendar_holidays(const Args& args) {
  args.allow({"--json", "--profile", "--schedule"});
  expect_positionals(args, 3, "da06 calendar holidays YEAR [--profile public|statutory] [--schedule FILE] [--json]");
  int year = parse_int_arg(args.positional[2], "YEAR");
  if (year < Calendar::first_year || year > Calendar::last_year)
    throw UsageError("YEAR: " + std::to_string(year) + " is outside 1900..2199");
  CalendarChoice c = calendar_from(args);
  auto list = c.cal.holidays(year);
  int workdays = c.cal.count_workdays_closed(bg::date(year, 1, 1), bg::date(year, 12, 31));
  int days_off = 0;
  for (const auto& h : list) days_off += h.is_day_off() && h.date.day_of_week().as_number() % 6 != 0;
  if (args.flag("--json")) {
    ojson j;
    j["year"] = year;
    add_calendar_fields(j, c, bg::date(year, 1, 1), bg::date(year, 12, 31));
    j["workdays"] = workdays;
    j["weekdays_off"] = days_off;
    ojson hs = ojson::array();
    for (const auto& h : list)
      hs.push_back({{"date", iso(h.date)}, {"weekday", weekday_vi(h.date)}, {"name", h.name},
                    {"kind", std::string(to_string(h.kind))}, {"day_off", h.is_day_off()}});
    j["holidays"] = std::move(hs);
    print(j);
    return 0;
  }
  std::cout << "Ngày nghỉ " << year << " (profile " << c.profile << (c.schedule ? ", schedule " + *c.schedule : "")
            << ")\n";
  for (const auto& h : list)
    std::cout << iso(h.date) << "  " << pad(weekday_vi(h.date), 8) << "  " << h.name << "  (" << to_string(h.kind)
              << ")\n";
  std::cout << workdays << " ngày làm việc (working days), " << days_off << " weekdays off\n";
  print_provisional(c, bg::date(year, 1, 1), bg::date(year, 12, 31));
  return 0;
}

int calendar_workdays(const Args& args) {
  args.allow({"--json", "--profile", "--schedule"});
  expect_positionals(args, 4, "da06 calendar workdays FROM TO [--profile public|statutory] [--schedule FILE] [--json]");
  bg::date from = parse_date_arg(args.positional[2], "FROM"), to = parse_date_arg(args.positional[3], "TO");
  CalendarChoice c = calendar_from(args);
  int n = c.cal.count_workdays_closed(from, to);
  if (args.flag("--json")) {
    ojson j;
    j["from"] = iso(from);
    j["to"] = iso(to);
    add_calendar_fields(j, c, from, to);
    j["interval"] = "closed";
    j["count"] = n;
    print(j);
    return 0;
  }
  std::cout << n << " ngày làm việc (working days) " << iso(from) << " .. " << iso(to)
            << ", both ends included (profile " << c.profile << ")\n";
  print_provisional(c, from, to);
  return 0;
}

int calendar_add(const Args& args) {
  args.allow({"--json", "--profile", "--schedule"});
  expect_positionals(args, 4, "da06 calendar add DATE N [--profile public|statutory] [--schedule FILE] [--json]");
  bg::date from = parse_date_arg(args.positional[2], "DATE");
  int n = parse_int_arg(args.positional[3], "N");
  CalendarChoice c = calendar_from(args);
  bg::date d = c.cal.add_workdays(from, n);
  if (args.flag("--json")) {
    ojson j;
    j["from"] = iso(from);
    j["n"] = n;
    add_calendar_fields(j, c, from, d);
    j["date"] = iso(d);
    j["weekday"] = weekday_vi(d);
    print(j);
    return 0;
  }
  std::cout << iso(d) << "  " << weekday_vi(d) << "\n";
  print_provisional(c, from, d);
  return 0;
}

int calendar_lunar(const Args& args) {
  args.allow({"--json"});
  expect_positionals(args, 3, "da06 calendar lunar DATE [--json]");
  bg::date d = parse_date_arg(args.positional[2], "DATE");
  LunarDate l = to_lunar(d);
  if (args.flag("--json")) {
    ojson j;
    j["date"] = iso(d);
    j["lunar_day"] = l.day;
    j["lunar_month"] = l.month;
    j["lunar_year"] = l.year;
    j["leap"] = l.leap;
    j["text"] = to_string(l);
    print(j);
    return 0;
  }
  std::cout << iso(d) << "  " << weekday_vi(d) << "  =  " << l.day << "/" << l.month << (l.leap ? " nhuận" : "") << "/"
            << l.year << " âm lịch\n";
  return 0;
}

int calendar_solar(const Args& args) {
  args.allow({"--json", "--leap"});
  expect_positionals(args, 5, "da06 calendar solar DAY MONTH YEAR [--leap] [--json]");
  LunarDate l{parse_int_arg(args.positional[2], "DAY"), parse_int_arg(args.positional[3], "MONTH"),
              parse_int_arg(args.positional[4], "YEAR"), args.flag("--leap")};
  bg::date d = from_lunar(l);  // InvalidArgument / RangeError for a day that does not exist: exit 1
  if (args.flag("--json")) {
    ojson j;
    j["lunar_day"] = l.day;
    j["lunar_month"] = l.month;
    j["lunar_year"] = l.year;
    j["leap"] = l.leap;
    j["text"] = to_string(l);
    j["date"] = iso(d);
    j["weekday"] = weekday_vi(d);
    print(j);
    return 0;
  }
  std::cout << l.day << "/" << l.month << (l.leap ? " nhuận" : "") << "/" << l.year << " âm lịch  =  " << iso(d)
            << "  " << weekday_vi(d) << "\n";
  return 0;
}

/// YYYY-MM-DDTHH:MM (or a space instead of T, or a bare date meaning 00:00).
boost::posix_time::ptime parse_datetime_arg(const std::string& s) {
  const std::string what = "DATETIME";
  if (s.size() == 10) return {parse_date_arg(s, what), boost::posix_time::hours(0)};
  if (s.size() != 16 || (s[10] != 'T' && s[10] != ' '))
    throw UsageError(what + ": \"" + s + "\" is not YYYY-MM-DDTHH:MM");
  bg::date d = parse_date_arg(s.substr(0, 10), what);
  auto [h, m] = parse_hhmm(s.substr(11), what);
  return {d, boost::posix_time::hours(h) + boost::posix_time::minutes(m)};
}

int calendar_due(const Args& args) {
  args.allow({"--json", "--profile", "--schedule", "--cutoff-hour", "--no-cutoff"});
  const char* usage =
      "da06 calendar due YYYY-MM-DDTHH:MM N [--cutoff-hour HH:MM] [--no-cutoff] [--profile public|statutory] "
      "[--schedule FILE] [--json]";
  expect_positionals(args, 4, usage);
  auto at = parse_datetime_arg(args.positional[2]);
  int n = parse_int_arg(args.positional[3], "N");
  if (n < 0) throw UsageError("N: the processing time must be >= 0 working days");
  DossierOptions opt;
  if (auto v = valued(args, "--cutoff-hour")) std::tie(opt.cutoff_hour, opt.cutoff_minute) = parse_hhmm(*v, "--cutoff-hour");
  if (args.flag("--no-cutoff")) {
    if (args.value("--cutoff-hour")) throw UsageError("--no-cutoff and --cutoff-hour exclude each other");
    opt.apply_cutoff = false;
  }
  CalendarChoice c = calendar_from(args);
  DossierDue r = dossier_due(at, n, c.cal, opt);
  bg::date starts = c.cal.next_workday(r.received);
  const std::string at_text = iso(at.date()) + "T" + hhmm(at.time_of_day().hours(), at.time_of_day().minutes());
  if (args.flag("--json")) {
    ojson j;
    j["received_at"] = at_text;
    j["working_days"] = n;
    add_calendar_fields(j, c, r.received, r.due);
    j["cutoff"] = opt.apply_cutoff ? ojson(hhmm(opt.cutoff_hour, opt.cutoff_minute)) : ojson(nullptr);
    j["received"] = iso(r.received);
    j["counting_starts"] = iso(starts);
    j["due"] = iso(r.due);
    j["weekday"] = weekday_vi(r.due);
    print(j);
    return 0;
  }
  std::cout << "Tiếp nhận (received):      " << at_text << "\n"
            << "Ngày tiếp nhận tính hạn:   " << iso(r.received) << "  " << weekday_vi(r.received)
            << (opt.apply_cutoff ? "  (cut-off " + hhmm(opt.cutoff_hour, opt.cutoff_minute) + ")" : "  (no cut-off)")
            << "\n"
            << "Bắt đầu tính (counting):   " << iso(starts) << "  " << weekday_vi(starts) << "\n"
            << "Ngày hẹn trả (due):        " << iso(r.due) << "  " << weekday_vi(r.due) << "  (" << n
            << " ngày làm việc)\n";
  print_provisional(c, r.received, r.due);
  return 0;
}

int cmd_calendar(const Args& args) {
  if (args.positional.size() < 2) throw UsageError(kCalendarUsage);
  const std::string& sub = args.positional[1];
  if (sub == "holidays") return calendar_holidays(args);
  if (sub == "workdays") return calendar_workdays(args);
  if (sub == "add") return calendar_add(args);
  if (sub == "lunar") return calendar_lunar(args);
  if (sub == "solar") return calendar_solar(args);
  if (sub == "due") return calendar_due(args);
  throw UsageError("unknown 'calendar' command '" + sub + "' (holidays, workdays, add, lunar, solar, due)");
}

// --- da06 period parse ------------------------------------------------------------------------------

int cmd_period(const Args& args) {
  const char* usage = "usage: da06 period parse TEXT [--cutoff] [--year YYYY] [--json]";
  if (args.positional.size() < 2) throw UsageError(usage);
  if (args.positional[1] != "parse") throw UsageError("unknown 'period' command '" + args.positional[1] + "' (parse)");
  args.allow({"--json", "--cutoff", "--year"});
  if (auto v = args.value("--cutoff"); v && !v->empty()) throw UsageError("--cutoff is a flag (no value)");
  std::string text = joined_text(args, 2, usage);
  std::optional<int> year = year_option(args);
  Period p = [&] {
    try {
      return parse_period(text, year);
    } catch (const ParseError& e) {
      throw ParseError(e.message());  // bad text: exit 1; the message names the text and the byte
    }
  }();
  const bool cutoff = args.flag("--cutoff");
  ClosedDateRange cal = p.calendar_window(), cut = p.cutoff_window();
  ClosedDateRange w = cutoff ? cut : cal;
  if (args.flag("--json")) {
    ojson j;
    j["text"] = text;
    j["code"] = p.code();
    j["kind"] = std::string(to_string(p.kind()));
    j["year"] = p.year();
    j["index"] = p.index();
    j["window"] = cutoff ? "cutoff" : "calendar";
    j["start"] = iso(w.first);
    j["end"] = iso(w.last);
    j["days"] = w.days();
    j["calendar_window"] = {{"start", iso(cal.first)}, {"end", iso(cal.last)}};
    j["cutoff_window"] = {{"start", iso(cut.first)}, {"end", iso(cut.last)}};
    print(j);
    return 0;
  }
  std::cout << p.code() << "  " << to_string(p.kind()) << "  " << iso(w.first) << " .. " << iso(w.last) << "  ("
            << (cutoff ? "kỳ chốt số liệu, Nghị định 09/2019 Điều 12" : "calendar window") << ", " << w.days()
            << " days)\n";
  return 0;
}

// --- da06 deadline parse ----------------------------------------------------------------------------

int cmd_deadline(const Args& args) {
  const char* usage = "usage: da06 deadline parse TEXT [--year YYYY] [--json]";
  if (args.positional.size() < 2) throw UsageError(usage);
  if (args.positional[1] != "parse")
    throw UsageError("unknown 'deadline' command '" + args.positional[1] + "' (parse)");
  args.allow({"--json", "--year"});
  std::string text = joined_text(args, 2, usage);
  DeadlineContext ctx;
  ctx.reference_year = year_option(args);
  Deadline d = parse_deadline(text, ctx);
  if (args.flag("--json")) {
    print_json_text(to_json(d));
    return 0;
  }
  std::cout << d.text << "\n  " << describe(d) << "\n";
  if (d.due) std::cout << "  hạn (due):        " << iso(*d.due) << "  " << weekday_vi(*d.due) << "\n";
  if (d.start) std::cout << "  từ (start):       " << iso(*d.start) << "\n";
  if (d.period) std::cout << "  kỳ (period):      " << d.period->code() << "\n";
  if (d.recurrence != Recurrence::none) std::cout << "  lặp lại:          " << to_string(d.recurrence) << "\n";
  if (d.condition != Condition::none) std::cout << "  điều kiện:        " << to_string(d.condition) << "\n";
  if (!d.authority.empty()) std::cout << "  cơ quan:          " << d.authority << "\n";
  if (d.tentative) std::cout << "  dự kiến (tentative)\n";
  if (d.aspirational) std::cout << "  phấn đấu (aspirational)\n";
  for (const auto& t : d.thresholds) {
    std::cout << "  chỉ tiêu:         " << to_string(t.comparator) << " " << t.value << (t.unit == "%" ? "%" : "");
    if (t.unit == "rank") std::cout << " rank" << (t.out_of.empty() ? "" : "/" + t.out_of);
    if (t.from) std::cout << " from " << t.from->code();
    if (t.from_date) std::cout << " from " << iso(*t.from_date);
    if (t.within) std::cout << " within " << t.within->code();
    for (Level l : t.levels) std::cout << " [" << to_string(l) << "]";
    std::cout << "\n";
  }
  for (const auto& m : d.diagnostics) std::cout << "  note: " << m << "\n";
  return 0;
}

const Registrar reg_calendar{{"calendar", cmd_calendar,
                              "da06 calendar holidays|workdays|add|lunar|solar|due … [--json]",
                              "working days, holidays, âm lịch, dossier due dates"}};
const Registrar reg_period{{"period", cmd_period, "da06 period parse TEXT [--cutoff] [--year YYYY] [--json]",
                            "a reporting period and its window"}};
const Registrar reg_deadline{{"deadline", cmd_deadline, "da06 deadline parse TEXT [--year YYYY] [--json]",
                              "a free-text deadline, structured"}};

}  // namespace
}  // namespace da06::cli
