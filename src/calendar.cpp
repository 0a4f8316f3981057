// calendar.cpp — rule evaluation, schedule JSON, and the precomputed working-day tables.
#include "da06/calendar.hpp"

#include "da06/error.hpp"
#include "da06/lunar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

// The built-in schedules, compiled from data/holidays/vn_public_schedules.json by cmake/embed.cmake.
extern const unsigned char da06_embedded_vn_schedules[];
extern const std::size_t da06_embedded_vn_schedules_size;

namespace da06 {
inline namespace v1 {

namespace bg = boost::gregorian;
using json = nlohmann::json;

namespace detail {
namespace {

const bg::date kMin(Calendar::first_year, 1, 1);
const bg::date kMax(Calendar::last_year, 12, 31);
const bg::date kEpoch(1970, 1, 1);
const std::int32_t kDays = static_cast<std::int32_t>((kMax - kMin).days()) + 1;
const std::int32_t kEpochIndex = static_cast<std::int32_t>((kEpoch - kMin).days());

constexpr std::uint8_t kOff = 1;
constexpr std::uint8_t kMakeup = 2;

constexpr const char* kNameTet = "Tết Nguyên đán";
constexpr const char* kNameNational = "Quốc khánh";
constexpr const char* kNameComp = "Nghỉ bù";
constexpr const char* kNameSwap = "Hoán đổi ngày làm việc";
constexpr const char* kNameMakeup = "Làm bù";

// 1900-01-01 was a Monday; 0 = Sunday as in boost::gregorian.
inline int weekday_of(std::int32_t idx) { return (idx + 1) % 7; }
inline bool weekend_idx(std::int32_t idx) {
  const int w = weekday_of(idx);
  return w == 0 || w == 6;
}
inline std::int32_t index_of(bg::date d) { return static_cast<std::int32_t>((d - kMin).days()); }
inline bg::date date_of(std::int32_t idx) { return kMin + bg::days(idx); }

std::string iso(bg::date d) { return bg::to_iso_extended_string(d); }

[[noreturn]] void range_error(const std::string& what) { throw RangeError(what); }

std::int32_t checked_index(bg::date d, const char* fn) {
  if (d.is_special()) throw InvalidArgument(std::string(fn) + ": the date is not a valid date");
  if (d < kMin || d > kMax)
    range_error(std::string(fn) + ": " + iso(d) + " is outside the calendar's range 1900-01-01..2199-12-31");
  return index_of(d);
}

// --- JSON reading with paths -----------------------------------------------------------------

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

std::string child(const std::string& path, const std::string& key) { return path + "." + key; }
std::string item(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

void check_keys(const Ctx& c, const json& obj, const std::string& path, std::initializer_list<const char*> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) data_error(c, child(path, it.key()), it.key(), "unknown field \"" + it.key() + "\"");
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

bg::date parse_date_text(const Ctx& c, const std::string& s, const std::string& path, const std::string& field) {
  auto digits = [&](std::size_t pos, std::size_t n) {
    int x = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      x = x * 10 + (s[i] - '0');
    }
    return x;
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || digits(0, 4) < 0 || digits(5, 2) < 0 || digits(8, 2) < 0)
    throw ParseError("expected a date YYYY-MM-DD, got \"" + s + "\"", c.at(path, field));
  const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  try {
    return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
  } catch (const std::exception&) {
    data_error(c, path, field, "no such date: \"" + s + "\"");
  }
}

bg::date get_date(const Ctx& c, const json& v, const std::string& path, const std::string& field) {
  return parse_date_text(c, get_string(c, v, path, field), path, field);
}

bg::date get_date_in_range(const Ctx& c, const json& v, const std::string& path, const std::string& field) {
  bg::date d = get_date(c, v, path, field);
  if (d < kMin || d > kMax) data_error(c, path, field, iso(d) + " is outside 1900-01-01..2199-12-31");
  return d;
}

struct Compensation {
  bool enabled = true;
  std::optional<bg::date> effective_from;
  std::string source;
};

struct Document {
  std::optional<Compensation> compensation;
  std::vector<HolidayRule> rules;
  std::vector<YearSchedule> schedules;
};

std::string validate_rule(const HolidayRule& r) {
  if (r.id.empty()) return "id: must not be empty";
  if (r.name.empty()) return "name: must not be empty";
  if (r.month < 1 || r.month > 12) return "month: must be 1..12";
  if (r.basis == RuleBasis::lunar) {
    if (r.day < 1 || r.day > 29) return "day: a lunar rule's day must be 1..29 (day 30 does not exist in every month)";
  } else {
    if (r.day < 1 || r.day > static_cast<int>(bg::gregorian_calendar::end_of_month_day(2000, static_cast<unsigned short>(r.month))))
      return "day: no such day in that month";
  }
  if (r.days < 1 || r.days > 31) return "days: must be 1..31";
  if (r.first_offset < -31 || r.first_offset > 31) return "first_offset: must be -31..31";
  if (r.effective_from && r.effective_to && *r.effective_from > *r.effective_to)
    return "effective_to: before effective_from";
  if (!r.schedule_key.empty() && r.schedule_key != "tet" && r.schedule_key != "national_day_adjacent")
    return "schedule_key: must be \"\", \"tet\" or \"national_day_adjacent\"";
  return {};
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
  else data_error(c, child(path, "basis"), "basis", "expected \"solar\", \"lunar\" or \"adjacent_to_solar\", got \"" + basis + "\"");
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
      if (it == names.end()) data_error(c, item(bp, i), "before_on", "unknown weekday \"" + s + "\"");
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

std::string validate_schedule(const YearSchedule& s, std::string* field) {
  auto fail = [&](const char* f, std::string m) {
    *field = f;
    return m;
  };
  if (s.year < Calendar::first_year || s.year > Calendar::last_year) return fail("year", "year outside 1900..2199");
  auto in_year = [&](bg::date d) { return !d.is_special() && d.year() == s.year; };
  auto near_year = [&](bg::date d) { return !d.is_special() && std::abs(static_cast<int>(d.year()) - s.year) <= 1 && d >= kMin && d <= kMax; };
  if (s.tet) {
    if (!in_year(s.tet->first) || !in_year(s.tet->second)) return fail("tet", "the Tết break must lie in the schedule's year");
    if (s.tet->first > s.tet->second) return fail("tet", "\"from\" is after \"to\"");
    if ((s.tet->second - s.tet->first).days() > 31) return fail("tet", "a Tết break longer than 32 days");
  }
  if (s.national_day_adjacent) {
    const bg::date d = *s.national_day_adjacent;
    if (d != bg::date(s.year, 9, 1) && d != bg::date(s.year, 9, 3))
      return fail("national_day_adjacent", "must be " + std::to_string(s.year) + "-09-01 or " + std::to_string(s.year) + "-09-03");
  }
  if (s.compensatory)
    for (bg::date d : *s.compensatory) {
      if (!near_year(d)) return fail("compensatory", iso(d) + " is not near the schedule's year");
      if (d.day_of_week() == 0 || d.day_of_week() == 6) return fail("compensatory", iso(d) + " is a weekend day, not a weekday given off");
    }
  for (const Swap& w : s.swaps) {
    if (!near_year(w.day_off) || !near_year(w.workday)) return fail("swaps", "a swap date is not near the schedule's year");
    if (w.day_off.day_of_week() == 0 || w.day_off.day_of_week() == 6)
      return fail("swaps", "day_off " + iso(w.day_off) + " is a weekend day");
    if (w.workday.day_of_week() != 0 && w.workday.day_of_week() != 6)
      return fail("swaps", "workday " + iso(w.workday) + " is not a Saturday or Sunday");
  }
  for (const ExtraDayOff& e : s.extra_days_off) {
    if (!near_year(e.date)) return fail("extra_days_off", iso(e.date) + " is not near the schedule's year");
    if (e.name.empty()) return fail("extra_days_off", "a name is required");
  }
  return {};
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

Document parse_document(std::string_view text, const std::string& file) {
  Ctx c{file};
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    Location l;
    l.file = file;
    // nlohmann reports the 1-based byte offset of the error; turn it into line and column.
    const std::size_t stop = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    l.line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < stop; ++i)
      if (text[i] == '\n') {
        ++l.line;
        line_start = i + 1;
      }
    l.column = static_cast<int>(stop - line_start) + 1;
    l.path = "$";
    throw ParseError(std::string("invalid JSON: ") + e.what(), l);
  }
  Document doc;
  if (root.is_array()) {
    for (std::size_t i = 0; i < root.size(); ++i) doc.schedules.push_back(parse_schedule(c, root[i], item("$", i)));
  } else if (root.is_object() && root.contains("year")) {
    doc.schedules.push_back(parse_schedule(c, root, "$"));
  } else if (root.is_object()) {
    check_keys(c, root, "$", {"format", "description", "compensation", "rules", "schedules"});
    if (root.contains("compensation")) {
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
    }
    if (root.contains("rules")) {
      if (!root["rules"].is_array()) data_error(c, "$.rules", "rules", "expected an array");
      for (std::size_t i = 0; i < root["rules"].size(); ++i) doc.rules.push_back(parse_rule(c, root["rules"][i], item("$.rules", i)));
    }
    if (root.contains("schedules")) {
      if (!root["schedules"].is_array()) data_error(c, "$.schedules", "schedules", "expected an array");
      for (std::size_t i = 0; i < root["schedules"].size(); ++i)
        doc.schedules.push_back(parse_schedule(c, root["schedules"][i], item("$.schedules", i)));
    }
  } else {
    data_error(c, "$", "", "expected a schedule object, an array of schedules or {\"rules\", \"schedules\"}");
  }
  std::set<int> seen;
  for (std::size_t i = 0; i < doc.schedules.size(); ++i)
    if (!seen.insert(doc.schedules[i].year).second)
      data_error(c, root.is_array() ? item("$", i) + ".year" : item("$.schedules", i) + ".year", "year",
                 "a second schedule for " + std::to_string(doc.schedules[i].year));
  return doc;
}

// --- rule evaluation -----------------------------------------------------------------------

struct Occurrence {
  std::int32_t idx;     // day index
  std::int16_t year;    // the solar year whose anchor produced it
  std::uint16_t rule;   // index into rules
};
using Occurrences = std::vector<Occurrence>;

std::shared_ptr<const Occurrences> evaluate_rules(const std::vector<HolidayRule>& rules) {
  auto out = std::make_shared<Occurrences>();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const HolidayRule& rule = rules[r];
    for (int y = Calendar::first_year; y <= Calendar::last_year; ++y) {
      const auto uy = static_cast<unsigned short>(y);
      bg::date anchor;
      switch (rule.basis) {
        case RuleBasis::solar:
        case RuleBasis::adjacent_to_solar:
          if (rule.day > static_cast<int>(bg::gregorian_calendar::end_of_month_day(uy, static_cast<unsigned short>(rule.month))))
            continue;  // 29/2 in a common year: no occurrence that year
          anchor = bg::date(uy, static_cast<unsigned short>(rule.month), static_cast<unsigned short>(rule.day));
          break;
        case RuleBasis::lunar:
          anchor = from_lunar(LunarDate{rule.day, rule.month, y, false});
          break;
      }
      if (rule.effective_from && anchor < *rule.effective_from) continue;
      if (rule.effective_to && anchor > *rule.effective_to) continue;
      auto push = [&](bg::date d) {
        if (d < kMin || d > kMax) return;
        out->push_back({index_of(d), static_cast<std::int16_t>(y), static_cast<std::uint16_t>(r)});
      };
      if (rule.basis == RuleBasis::adjacent_to_solar) {
        const bool before = (rule.before_on_weekdays >> anchor.day_of_week().as_number()) & 1u;
        push(anchor + bg::days(before ? -1 : 1));
      } else {
        for (int k = 0; k < rule.days; ++k) push(anchor + bg::days(rule.first_offset + k));
      }
    }
  }
  return out;
}

}  // namespace
}  // namespace detail

// ------------------------------------------------------------------------------------------------

struct Calendar::Impl {
  std::string name;
  std::vector<HolidayRule> rules;
  detail::Compensation compensation;
  std::map<int, YearSchedule> schedules;
  std::shared_ptr<const detail::Occurrences> occurrences;  // depends on `rules` only: shared on with_schedule

  std::vector<std::uint8_t> work;     // kDays: 1 = working day
  std::vector<std::int32_t> prefix;   // kDays + 1: prefix[i] = working days with index < i
  std::vector<std::int32_t> wlist;    // indices of the working days, ascending
  std::vector<Holiday> entries;       // sorted by date
  std::vector<std::uint32_t> year_at; // entries of year y: [year_at[y-1900], year_at[y-1900+1])

  void build();
};

void Calendar::Impl::build() {
  using namespace detail;
  std::vector<std::uint8_t> flags(static_cast<std::size_t>(kDays), 0);
  entries.clear();
  std::vector<std::int32_t> need_comp;
  auto add = [&](std::int32_t idx, std::string nm, HolidayKind kind, std::uint8_t flag) {
    flags[static_cast<std::size_t>(idx)] |= flag;
    entries.push_back(Holiday{date_of(idx), std::move(nm), kind});
  };
  const bool comp_on = compensation.enabled;
  auto compensable = [&](std::int32_t idx, int year) {
    if (!comp_on || !weekend_idx(idx)) return false;
    if (compensation.effective_from && date_of(idx) < *compensation.effective_from) return false;
    auto s = schedules.find(year);
    return !(s != schedules.end() && s->second.compensatory.has_value());
  };

  std::string national_adjacent_name = kNameNational;
  for (const HolidayRule& r : rules)
    if (r.schedule_key == "national_day_adjacent") national_adjacent_name = r.name;

  for (const Occurrence& o : *occurrences) {
    const HolidayRule& r = rules[o.rule];
    if (!r.schedule_key.empty()) {
      auto s = schedules.find(o.year);
      if (s != schedules.end()) {
        if (r.schedule_key == "tet" && s->second.tet) continue;
        if (r.schedule_key == "national_day_adjacent" && s->second.national_day_adjacent) continue;
      }
    }
    add(o.idx, r.name, HolidayKind::statutory, kOff);
    if (r.compensate && compensable(o.idx, o.year)) need_comp.push_back(o.idx);
  }
  for (const auto& [year, s] : schedules) {
    if (s.tet)
      for (bg::date d = s.tet->first; d <= s.tet->second; d += bg::days(1)) add(index_of(d), kNameTet, HolidayKind::statutory, kOff);
    if (s.national_day_adjacent) {
      const std::int32_t i = index_of(*s.national_day_adjacent);
      add(i, national_adjacent_name, HolidayKind::statutory, kOff);
      if (compensable(i, year)) need_comp.push_back(i);
    }
    if (s.compensatory)
      for (bg::date d : *s.compensatory) add(index_of(d), kNameComp, HolidayKind::compensatory, kOff);
    for (const Swap& w : s.swaps) {
      add(index_of(w.day_off), kNameSwap, HolidayKind::swap_day_off, kOff);
      add(index_of(w.workday), kNameMakeup, HolidayKind::makeup_workday, kMakeup);
    }
    for (const ExtraDayOff& e : s.extra_days_off) add(index_of(e.date), e.name, HolidayKind::schedule_extra, kOff);
  }
  // Art. 111(3): a holiday on the weekly rest day gives the next working day off. One per date,
  // in date order, so that two weekend holidays in a row get two consecutive days.
  std::sort(need_comp.begin(), need_comp.end());
  need_comp.erase(std::unique(need_comp.begin(), need_comp.end()), need_comp.end());
  for (std::int32_t i : need_comp) {
    std::int32_t j = i + 1;
    while (j < kDays && (weekend_idx(j) || (flags[static_cast<std::size_t>(j)] & kOff))) ++j;
    if (j < kDays) add(j, kNameComp, HolidayKind::compensatory, kOff);
  }
  for (std::int32_t i = 0; i < kDays; ++i)
    if ((flags[static_cast<std::size_t>(i)] & kOff) && (flags[static_cast<std::size_t>(i)] & kMakeup))
      throw DataError("make-up workday " + iso(date_of(i)) + " is also a day off", Location{"", 0, 0, "", "swaps"});

  work.assign(static_cast<std::size_t>(kDays), 0);
  prefix.assign(static_cast<std::size_t>(kDays) + 1, 0);
  wlist.clear();
  wlist.reserve(static_cast<std::size_t>(kDays) * 5 / 7 + 16);
  for (std::int32_t i = 0; i < kDays; ++i) {
    const std::uint8_t f = flags[static_cast<std::size_t>(i)];
    const bool w = (f & kMakeup) || (!weekend_idx(i) && !(f & kOff));
    work[static_cast<std::size_t>(i)] = w ? 1 : 0;
    prefix[static_cast<std::size_t>(i) + 1] = prefix[static_cast<std::size_t>(i)] + (w ? 1 : 0);
    if (w) wlist.push_back(i);
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Holiday& a, const Holiday& b) {
    return a.date < b.date || (a.date == b.date && a.kind < b.kind);
  });
  // The same date can come from two sources (a rule and a schedule listing the same day):
  // keep one entry per (date, name, kind).
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  year_at.assign(static_cast<std::size_t>(last_year - first_year + 2), 0);
  for (int y = first_year; y <= last_year + 1; ++y) {
    auto it = std::lower_bound(entries.begin(), entries.end(), y, [](const Holiday& h, int yy) { return h.date.year() < yy; });
    year_at[static_cast<std::size_t>(y - first_year)] = static_cast<std::uint32_t>(it - entries.begin());
  }
}

// --- construction --------------------------------------------------------------------------------

namespace {

const detail::Document& embedded_document() {
  // Parsed once; immutable afterwards (thread-safe static initialisation).
  static const detail::Document doc = detail::parse_document(
      std::string_view(reinterpret_cast<const char*>(da06_embedded_vn_schedules), da06_embedded_vn_schedules_size),
      "<embedded>/data/holidays/vn_public_schedules.json");
  return doc;
}

std::shared_ptr<const Calendar::Impl> make_impl(std::string name, const detail::Document& doc, bool with_schedules) {
  auto impl = std::make_shared<Calendar::Impl>();
  impl->name = std::move(name);
  impl->rules = doc.rules;
  if (doc.compensation) impl->compensation = *doc.compensation;
  if (with_schedules)
    for (const YearSchedule& s : doc.schedules) impl->schedules[s.year] = s;
  impl->occurrences = detail::evaluate_rules(impl->rules);
  impl->build();
  return impl;
}

}  // namespace

Calendar Calendar::vietnam_public() {
  static const Calendar cal(make_impl("vietnam_public", embedded_document(), true));
  return cal;
}

Calendar Calendar::vietnam_statutory() {
  static const Calendar cal(make_impl("vietnam_statutory", embedded_document(), false));
  return cal;
}

Calendar Calendar::with_schedule(std::string_view json_text) const {
  detail::Document doc = detail::parse_document(json_text, "<string>");
  auto impl = std::make_shared<Impl>(*impl_);  // copies tables too; rebuilt below
  for (YearSchedule& s : doc.schedules) impl->schedules[s.year] = std::move(s);
  if (doc.compensation) impl->compensation = *doc.compensation;
  if (!doc.rules.empty()) {
    for (HolidayRule& r : doc.rules) impl->rules.push_back(std::move(r));
    impl->occurrences = detail::evaluate_rules(impl->rules);
  }
  impl->build();
  return Calendar(std::move(impl));
}

Calendar Calendar::with_schedule(YearSchedule schedule) const {
  std::string field;
  if (std::string e = detail::validate_schedule(schedule, &field); !e.empty())
    throw InvalidArgument("with_schedule: " + field + ": " + e);
  auto impl = std::make_shared<Impl>(*impl_);
  impl->schedules[schedule.year] = std::move(schedule);
  impl->build();
  return Calendar(std::move(impl));
}

Calendar Calendar::with_rule(HolidayRule rule) const {
  if (std::string e = detail::validate_rule(rule); !e.empty()) throw InvalidArgument("with_rule: " + e);
  auto impl = std::make_shared<Impl>(*impl_);
  impl->rules.push_back(std::move(rule));
  impl->occurrences = detail::evaluate_rules(impl->rules);
  impl->build();
  return Calendar(std::move(impl));
}

const std::vector<HolidayRule>& Calendar::rules() const noexcept { return impl_->rules; }

std::optional<YearSchedule> Calendar::schedule(int year) const {
  auto it = impl_->schedules.find(year);
  if (it == impl_->schedules.end()) return std::nullopt;
  return it->second;
}

std::vector<int> Calendar::schedule_years() const {
  std::vector<int> ys;
  for (const auto& kv : impl_->schedules) ys.push_back(kv.first);
  return ys;
}

bg::date Calendar::min_date() { return detail::kMin; }
bg::date Calendar::max_date() { return detail::kMax; }

std::string_view to_string(HolidayKind kind) noexcept {
  switch (kind) {
    case HolidayKind::statutory: return "statutory";
    case HolidayKind::compensatory: return "compensatory";
    case HolidayKind::swap_day_off: return "swap_day_off";
    case HolidayKind::makeup_workday: return "makeup_workday";
    case HolidayKind::schedule_extra: return "schedule_extra";
  }
  return "unknown";
}

std::int32_t to_epoch_days(bg::date d) {
  if (d.is_special()) throw InvalidArgument("to_epoch_days: not a valid date");
  return static_cast<std::int32_t>((d - detail::kEpoch).days());
}

bg::date from_epoch_days(std::int32_t days) {
  // boost::gregorian supports 1400-01-01..9999-12-31.
  if (days < -208188 || days > 2932896) throw RangeError("from_epoch_days: " + std::to_string(days) + " is outside 1400..9999");
  return detail::kEpoch + bg::days(days);
}

// --- queries -----------------------------------------------------------------------------------

bool Calendar::is_workday(bg::date d) const {
  return impl_->work[static_cast<std::size_t>(detail::checked_index(d, "is_workday"))] != 0;
}

std::vector<Holiday> Calendar::holidays(int year) const {
  if (year < first_year || year > last_year)
    throw RangeError("holidays: year " + std::to_string(year) + " is outside 1900..2199");
  const auto y = static_cast<std::size_t>(year - first_year);
  return std::vector<Holiday>(impl_->entries.begin() + impl_->year_at[y], impl_->entries.begin() + impl_->year_at[y + 1]);
}

std::vector<Holiday> Calendar::holidays_on(bg::date d) const {
  detail::checked_index(d, "holidays_on");
  auto range = std::equal_range(impl_->entries.begin(), impl_->entries.end(), d, [](const auto& a, const auto& b) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, Holiday>) return a.date < b;
    else return a < b.date;
  });
  return std::vector<Holiday>(range.first, range.second);
}

namespace {
bg::date workday_at(const Calendar::Impl& m, std::int64_t pos, const char* fn, bg::date from) {
  if (pos < 0 || pos >= static_cast<std::int64_t>(m.wlist.size()))
    throw RangeError(std::string(fn) + ": the result for " + detail::iso(from) +
                     " is outside the calendar's range 1900-01-01..2199-12-31");
  return detail::date_of(m.wlist[static_cast<std::size_t>(pos)]);
}
}  // namespace

bg::date Calendar::next_workday(bg::date d) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(d, "next_workday"));
  return workday_at(*impl_, impl_->prefix[i + 1], "next_workday", d);
}

bg::date Calendar::previous_workday(bg::date d) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(d, "previous_workday"));
  return workday_at(*impl_, static_cast<std::int64_t>(impl_->prefix[i]) - 1, "previous_workday", d);
}

bg::date Calendar::add_workdays(bg::date from, int n) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(from, "add_workdays"));
  std::int64_t pos;
  if (n > 0) pos = static_cast<std::int64_t>(impl_->prefix[i + 1]) + n - 1;
  else pos = static_cast<std::int64_t>(impl_->prefix[i]) + n;  // n = 0: first working day ≥ from
  return workday_at(*impl_, pos, "add_workdays", from);
}

int Calendar::count_workdays_closed(bg::date first, bg::date last) const {
  const auto a = static_cast<std::size_t>(detail::checked_index(first, "count_workdays_closed"));
  const auto b = static_cast<std::size_t>(detail::checked_index(last, "count_workdays_closed"));
  const auto& p = impl_->prefix;
  return a <= b ? p[b + 1] - p[a] : p[b] - p[a + 1];
}

int Calendar::count_workdays_half_open(bg::date begin, bg::date end) const {
  const auto a = static_cast<std::size_t>(detail::checked_index(begin, "count_workdays_half_open"));
  const auto b = static_cast<std::size_t>(detail::checked_index(end, "count_workdays_half_open"));
  // numpy.busday_count: the begin is counted and the end is not, in the direction of travel, so
  // for begin > end it is −(working days in (end, begin]).
  const auto& p = impl_->prefix;
  return a <= b ? p[b] - p[a] : p[b + 1] - p[a + 1];
}

bg::date Calendar::roll(bg::date d, RollConvention c) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(d, "roll"));
  if (impl_->work[i]) return d;
  switch (c) {
    case RollConvention::following: return next_workday(d);
    case RollConvention::preceding: return previous_workday(d);
    case RollConvention::modified_following: {
      const bg::date f = next_workday(d);
      return f.month() == d.month() ? f : previous_workday(d);
    }
  }
  throw InvalidArgument("roll: unknown convention");
}

// --- batches: the hot loops. Indices are checked with one unsigned compare per value. -----------

namespace {
// Index of a day number, as unsigned: out-of-range values (negative too) compare ≥ kDays.
// Widened to 64 bits first so INT32_MAX + offset cannot overflow.
inline std::uint64_t batch_index(std::int32_t day) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(day) + detail::kEpochIndex);
}
[[noreturn]] void batch_range_error(const char* fn, std::size_t k, std::int32_t day) {
  throw RangeError(std::string(fn) + ": element " + std::to_string(k) + " (day " + std::to_string(day) +
                   " since 1970-01-01) is outside 1900-01-01..2199-12-31");
}
}  // namespace

void Calendar::is_workday(const std::int32_t* days, std::size_t n, std::uint8_t* out) const {
  const std::uint8_t* w = impl_->work.data();
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto i = batch_index(days[k]);
    if (i >= N) batch_range_error("is_workday", k, days[k]);
    out[k] = w[i];
  }
}

void Calendar::count_workdays_closed(const std::int32_t* first, const std::int32_t* last, std::size_t n,
                                     std::int32_t* out) const {
  const std::int32_t* p = impl_->prefix.data();
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto a = batch_index(first[k]);
    const auto b = batch_index(last[k]);
    if (a >= N || b >= N) batch_range_error("count_workdays_closed", k, a >= N ? first[k] : last[k]);
    const std::uint64_t s = a > b;  // branch-free: a ≤ b → p[b+1] − p[a]; a > b → p[b] − p[a+1]
    out[k] = p[b + 1 - s] - p[a + s];
  }
}

void Calendar::count_workdays_half_open(const std::int32_t* begin, const std::int32_t* end, std::size_t n,
                                        std::int32_t* out) const {
  const std::int32_t* p = impl_->prefix.data();
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto a = batch_index(begin[k]);
    const auto b = batch_index(end[k]);
    if (a >= N || b >= N) batch_range_error("count_workdays_half_open", k, a >= N ? begin[k] : end[k]);
    // Branch-free (random pairs make a <= b unpredictable): s = 1 shifts to (b, a].
    const std::uint64_t s = a > b;
    out[k] = p[b + s] - p[a + s];
  }
}

void Calendar::add_workdays(const std::int32_t* from, const std::int32_t* offsets, std::size_t n,
                            std::int32_t* out) const {
  const std::int32_t* p = impl_->prefix.data();
  const std::int32_t* wl = impl_->wlist.data();
  const auto W = static_cast<std::int64_t>(impl_->wlist.size());
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto i = batch_index(from[k]);
    if (i >= N) batch_range_error("add_workdays", k, from[k]);
    const std::int64_t off = offsets[k];
    const std::int64_t pos = off > 0 ? p[i + 1] + off - 1 : p[i] + off;
    if (pos < 0 || pos >= W)
      throw RangeError("add_workdays: element " + std::to_string(k) + ": the result is outside 1900-01-01..2199-12-31");
    out[k] = wl[pos] - detail::kEpochIndex;
  }
}

}  // namespace v1
}  // namespace da06
