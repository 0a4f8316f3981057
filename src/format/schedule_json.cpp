// The holiday schedule reader: data/holidays/vn_public_schedules.json, one year's schedule, or an
// array of schedules (docs/calendar.md). Every problem is collected and located FILE:LINE:COL:
// $.path, as in every other reader; a document with an error adds nothing to a calendar.
#include "../calendar_internal.hpp"
#include "json_doc.hpp"
#include "text.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace da06::inline v1::detail {

namespace {

using json = nlohmann::json;
namespace bg = boost::gregorian;

const Date kMin(Calendar::first_year, 1, 1);
const Date kMax(Calendar::last_year, 12, 31);


struct Ctx {
  std::string file;
  Location at(const std::string& path, const std::string& field) const {
    Location l;
    l.file = file;
    l.path = path;
    l.field = field;
    return l;
  }
};

[[noreturn]] void data_error(const Ctx& c, const std::string& path, const std::string& field,
                             const std::string& msg) {
  throw DataError(msg, c.at(path, field));
}

std::string child(const std::string& path, const std::string& key) { return child_path(path, key); }
std::string item(const std::string& path, std::size_t i) { return child_path(path, i); }

void check_keys(const Ctx& c, const json& obj, const std::string& path, std::initializer_list<const char*> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) data_error(c, child_path(path, it.key()), excerpt(it.key()), "unknown field " + quoted_excerpt(it.key()));
  }
}

const json& require(const Ctx& c, const json& obj, const std::string& path, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) data_error(c, child(path, key), key, std::string("missing required field \"") + key + "\"");
  return *it;
}

std::string get_string(const Ctx& c, const json& v, const std::string& path, const std::string& field) {
  if (!v.is_string()) data_error(c, path, field, "expected a string");
  return v.get<std::string>();
}

int get_int(const Ctx& c, const json& v, const std::string& path, const std::string& field, int lo, int hi) {
  if (!v.is_number_integer()) data_error(c, path, field, "expected an integer");
  const auto x = v.get<long long>();
  if (x < lo || x > hi)
    data_error(c, path, field, "value " + std::to_string(x) + " outside " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<int>(x);
}

bool get_bool(const Ctx& c, const json& v, const std::string& path, const std::string& field) {
  if (!v.is_boolean()) data_error(c, path, field, "expected true or false");
  return v.get<bool>();
}

Date parse_date_text(const Ctx& c, const std::string& s, const std::string& path, const std::string& field) {
  std::string why;
  if (auto d = parse_iso_date(s, &why)) return *d;
  data_error(c, path, field, quoted_excerpt(s) + " is not a valid date: " + why);
}

Date get_date(const Ctx& c, const json& v, const std::string& path, const std::string& field) {
  return parse_date_text(c, get_string(c, v, path, field), path, field);
}

Date get_date_in_range(const Ctx& c, const json& v, const std::string& path, const std::string& field) {
  Date d = get_date(c, v, path, field);
  if (d < kMin || d > kMax) data_error(c, path, field, format_iso_date(d) + " is outside 1900-01-01..2199-12-31");
  return d;
}

HolidayRule parse_rule(const Ctx& c, const json& j, const std::string& path) {
  if (!j.is_object()) data_error(c, path, "", "expected a rule object");
  check_keys(c, j, path, {"id", "name", "basis", "month", "day", "first_offset", "days", "before_on", "effective_from",
                          "effective_to", "compensate", "schedule_key", "source", "note"});
  HolidayRule r;
  r.id = get_string(c, require(c, j, path, "id"), child(path, "id"), "id");
  r.name = get_string(c, require(c, j, path, "name"), child(path, "name"), "name");
  const std::string basis = get_string(c, require(c, j, path, "basis"), child(path, "basis"), "basis");
  if (basis == "solar") r.basis = RuleBasis::solar;
  else if (basis == "lunar") r.basis = RuleBasis::lunar;
  else if (basis == "adjacent_to_solar") r.basis = RuleBasis::adjacent_to_solar;
  else data_error(c, child(path, "basis"), "basis", "expected \"solar\", \"lunar\" or \"adjacent_to_solar\", got " + quoted_excerpt(basis));
  r.month = get_int(c, require(c, j, path, "month"), child(path, "month"), "month", 1, 12);
  r.day = get_int(c, require(c, j, path, "day"), child(path, "day"), "day", 1, 31);
  if (j.contains("first_offset")) r.first_offset = get_int(c, j["first_offset"], child(path, "first_offset"), "first_offset", -31, 31);
  if (j.contains("days")) r.days = get_int(c, j["days"], child(path, "days"), "days", 1, 31);
  if (j.contains("before_on")) {
    static const std::array<const char*, 7> names = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    const json& b = j["before_on"];
    const std::string bp = child(path, "before_on");
    if (!b.is_array()) data_error(c, bp, "before_on", "expected an array of weekday names (\"Mon\"..\"Sun\")");
    for (std::size_t i = 0; i < b.size(); ++i) {
      const std::string s = get_string(c, b[i], item(bp, i), "before_on");
      auto it = std::find_if(names.begin(), names.end(), [&](const char* n) { return s == n; });
      if (it == names.end()) data_error(c, item(bp, i), "before_on", "unknown weekday " + quoted_excerpt(s));
      r.before_on_weekdays = static_cast<std::uint8_t>(r.before_on_weekdays | (1u << (it - names.begin())));
    }
  }
  if (j.contains("effective_from") && !j["effective_from"].is_null())
    r.effective_from = get_date(c, j["effective_from"], child(path, "effective_from"), "effective_from");
  if (j.contains("effective_to") && !j["effective_to"].is_null())
    r.effective_to = get_date(c, j["effective_to"], child(path, "effective_to"), "effective_to");
  if (j.contains("compensate")) r.compensate = get_bool(c, j["compensate"], child(path, "compensate"), "compensate");
  if (j.contains("schedule_key")) r.schedule_key = get_string(c, j["schedule_key"], child(path, "schedule_key"), "schedule_key");
  if (j.contains("source")) r.source = get_string(c, j["source"], child(path, "source"), "source");
  if (std::string e = validate_rule(r); !e.empty()) {
    const std::string field = e.substr(0, e.find(':'));
    data_error(c, child(path, field), field, e.substr(e.find(':') + 2));
  }
  return r;
}

YearSchedule parse_schedule(const Ctx& c, const json& j, const std::string& path) {
  if (!j.is_object()) data_error(c, path, "", "expected a schedule object");
  check_keys(c, j, path, {"year", "tet", "national_day_adjacent", "compensatory", "swaps", "extra_days_off", "source",
                          "note", "check"});
  YearSchedule s;
  s.year = get_int(c, require(c, j, path, "year"), child(path, "year"), "year", Calendar::first_year, Calendar::last_year);
  if (j.contains("tet") && !j["tet"].is_null()) {
    const std::string tp = child(path, "tet");
    const json& t = j["tet"];
    if (!t.is_object()) data_error(c, tp, "tet", "expected {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}");
    check_keys(c, t, tp, {"from", "to"});
    s.tet = std::make_pair(get_date_in_range(c, require(c, t, tp, "from"), child(tp, "from"), "from"),
                           get_date_in_range(c, require(c, t, tp, "to"), child(tp, "to"), "to"));
  }
  if (j.contains("national_day_adjacent") && !j["national_day_adjacent"].is_null())
    s.national_day_adjacent = get_date_in_range(c, j["national_day_adjacent"], child(path, "national_day_adjacent"), "national_day_adjacent");
  if (j.contains("compensatory") && !j["compensatory"].is_null()) {
    const std::string cp = child(path, "compensatory");
    const json& a = j["compensatory"];
    if (!a.is_array()) data_error(c, cp, "compensatory", "expected an array of dates");
    s.compensatory.emplace();
    for (std::size_t i = 0; i < a.size(); ++i) s.compensatory->push_back(get_date_in_range(c, a[i], item(cp, i), "compensatory"));
  }
  if (j.contains("swaps")) {
    const std::string sp = child(path, "swaps");
    const json& a = j["swaps"];
    if (!a.is_array()) data_error(c, sp, "swaps", "expected an array of {day_off, workday}");
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string ip = item(sp, i);
      if (!a[i].is_object()) data_error(c, ip, "swaps", "expected {\"day_off\": ..., \"workday\": ...}");
      check_keys(c, a[i], ip, {"day_off", "workday", "source", "note"});
      Swap w;
      w.day_off = get_date_in_range(c, require(c, a[i], ip, "day_off"), child(ip, "day_off"), "day_off");
      w.workday = get_date_in_range(c, require(c, a[i], ip, "workday"), child(ip, "workday"), "workday");
      if (a[i].contains("source")) w.source = get_string(c, a[i]["source"], child(ip, "source"), "source");
      s.swaps.push_back(std::move(w));
    }
  }
  if (j.contains("extra_days_off")) {
    const std::string ep = child(path, "extra_days_off");
    const json& a = j["extra_days_off"];
    if (!a.is_array()) data_error(c, ep, "extra_days_off", "expected an array of {date, name}");
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string ip = item(ep, i);
      if (!a[i].is_object()) data_error(c, ip, "extra_days_off", "expected {\"date\": ..., \"name\": ...}");
      check_keys(c, a[i], ip, {"date", "name", "source", "note"});
      ExtraDayOff e;
      e.date = get_date_in_range(c, require(c, a[i], ip, "date"), child(ip, "date"), "date");
      e.name = get_string(c, require(c, a[i], ip, "name"), child(ip, "name"), "name");
      if (a[i].contains("source")) e.source = get_string(c, a[i]["source"], child(ip, "source"), "source");
      s.extra_days_off.push_back(std::move(e));
    }
  }
  if (j.contains("source")) s.source = get_string(c, j["source"], child(path, "source"), "source");
  if (j.contains("note")) s.note = get_string(c, j["note"], child(path, "note"), "note");
  if (j.contains("check")) {
    const std::string kp = child(path, "check");
    if (!j["check"].is_array()) data_error(c, kp, "check", "expected an array of field names");
    for (std::size_t i = 0; i < j["check"].size(); ++i) s.check.push_back(get_string(c, j["check"][i], item(kp, i), "check"));
  }
  std::string field;
  if (std::string e = validate_schedule(s, &field); !e.empty()) data_error(c, child(path, field), field, e);
  return s;
}

/// Reads one record; its first problem becomes a diagnostic and the record is skipped.
template <class F>
void record(std::vector<Diagnostic>& diags, F&& read) {
  try {
    read();
  } catch (const Error& e) {
    diags.push_back({Severity::error, e.where(), e.message()});
  }
}

}  // namespace

ScheduleDocument read_schedule_json(std::string_view text, const std::string& file, const InputLimits& limits) {
  Ctx c{file};
  const std::size_t skipped = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::string_view body = text.substr(skipped);
  LineIndex lines(body);
  std::vector<Diagnostic> diags;
  JsonDoc parsed;
  try {
    if (text.size() > limits.max_bytes)
      throw DataError("the input is larger than the limit of " + std::to_string(limits.max_bytes) + " bytes",
                      Location{file, 0, 0, "", ""});
    parsed = parse_json_with_positions(body, file, lines, limits);
  } catch (const ParseError&) {
    throw;  // the text is not JSON: one located ParseError, as before any record is read
  } catch (const Error& e) {
    throw LoadError({{Severity::error, e.where(), e.message()}});
  }
  for (const auto& p : parsed.problems) {
    Location l{file, 0, 0, p.path, ""};
    lines.locate(p.offset, l.line, l.column);
    diags.push_back({Severity::error, l, p.message});
  }
  for (const auto& [path, raw] : parsed.big_integers)
    diags.push_back({Severity::error, Location{file, 0, 0, path, ""}, quoted_excerpt(raw) + " is outside the integer range"});
  const json& root = parsed.root;
  ScheduleDocument doc;
  std::vector<std::string> schedule_paths;
  auto schedule = [&](const json& j, const std::string& path) {
    record(diags, [&] {
      doc.schedules.push_back(parse_schedule(c, j, path));
      schedule_paths.push_back(path);
    });
  };
  if (root.is_array()) {
    for (std::size_t i = 0; i < root.size(); ++i) schedule(root[i], item("$", i));
  } else if (root.is_object() && root.contains("year")) {
    schedule(root, "$");
  } else if (root.is_object()) {
    record(diags, [&] { check_keys(c, root, "$", {"format", "description", "compensation", "rules", "schedules"}); });
    if (root.contains("compensation")) {
      record(diags, [&] {
        const json& k = root["compensation"];
        if (!k.is_object()) data_error(c, "$.compensation", "compensation", "expected an object");
        check_keys(c, k, "$.compensation", {"rule", "effective_from", "source", "enabled"});
        Compensation comp;
        if (k.contains("rule") && get_string(c, k["rule"], "$.compensation.rule", "rule") != "next_working_day")
          data_error(c, "$.compensation.rule", "rule", "only \"next_working_day\" is supported");
        if (k.contains("enabled")) comp.enabled = get_bool(c, k["enabled"], "$.compensation.enabled", "enabled");
        if (k.contains("effective_from") && !k["effective_from"].is_null())
          comp.effective_from = get_date(c, k["effective_from"], "$.compensation.effective_from", "effective_from");
        if (k.contains("source")) comp.source = get_string(c, k["source"], "$.compensation.source", "source");
        doc.compensation = comp;
      });
    }
    if (root.contains("rules")) {
      if (!root["rules"].is_array()) {
        record(diags, [&] { data_error(c, "$.rules", "rules", "expected an array"); });
      } else {
        for (std::size_t i = 0; i < root["rules"].size(); ++i)
          record(diags, [&] { doc.rules.push_back(parse_rule(c, root["rules"][i], item("$.rules", i))); });
      }
    }
    if (root.contains("schedules")) {
      if (!root["schedules"].is_array()) {
        record(diags, [&] { data_error(c, "$.schedules", "schedules", "expected an array"); });
      } else {
        for (std::size_t i = 0; i < root["schedules"].size(); ++i) schedule(root["schedules"][i], item("$.schedules", i));
      }
    }
  } else {
    record(diags, [&] { data_error(c, "$", "", "expected a schedule object, an array of schedules or {\"rules\", \"schedules\"}"); });
  }
  std::set<int> seen;
  for (std::size_t i = 0; i < doc.schedules.size(); ++i)
    if (!seen.insert(doc.schedules[i].year).second)
      diags.push_back({Severity::error, c.at(schedule_paths[i] + ".year", "year"),
                       "a second schedule for " + std::to_string(doc.schedules[i].year)});
  if (diags.empty()) return doc;
  // Locate every diagnostic that has a path but no line, in one pass over the text.
  std::vector<std::size_t> which;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < diags.size(); ++i)
    if (diags[i].where.line == 0 && !diags[i].where.path.empty()) which.push_back(i), paths.push_back(diags[i].where.path);
  auto offsets = locate_json_paths(body, paths);
  auto lc = lines.locate_all(offsets);
  for (std::size_t k = 0; k < which.size(); ++k)
    diags[which[k]].where.line = lc[k].first, diags[which[k]].where.column = lc[k].second;
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  throw LoadError(std::move(diags));
}

}  // namespace da06::inline v1::detail
