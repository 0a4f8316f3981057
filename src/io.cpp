// Loading, validating and writing framework files (see docs/data-format.md).
#include "da06/io.hpp"

#include "json_doc.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_set>

extern const unsigned char da06_embedded_default_dataset[];
extern const std::size_t da06_embedded_default_dataset_size;

namespace da06 {
inline namespace v1 {

using nlohmann::json;

std::string Diagnostic::to_string() const {
  std::string s = where.to_string();
  s += ": ";
  if (severity == Severity::warning) s += "warning: ";
  return s + message;
}

std::size_t LoadResult::error_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}
std::size_t LoadResult::warning_count() const { return diagnostics.size() - error_count(); }

namespace {
std::string summarize(const std::vector<Diagnostic>& ds) {
  std::string s;
  std::size_t n = 0;
  for (const auto& d : ds)
    if (d.severity == Severity::error) {
      if (n++ < 5) s += (s.empty() ? "" : "\n") + d.to_string();
    }
  if (n > 5) s += "\n... and " + std::to_string(n - 5) + " more errors";
  return s.empty() ? "no errors" : s;
}
}  // namespace

LoadError::LoadError(std::vector<Diagnostic> diagnostics)
    : DataError(summarize(diagnostics)),  // each line of the summary is already located
      diagnostics_(std::move(diagnostics)) {}

namespace {

// ---------------------------------------------------------------------------------------------
// Reading context and a checked view of one JSON object.

struct Ctx {
  std::string file;
  const detail::LineIndex& lines;
  const detail::JsonDoc& doc;
  std::vector<Diagnostic>& diags;

  Location loc(const std::string& path, std::string_view field = {}) const {
    Location l;
    l.file = file;
    l.path = path;
    l.field = std::string(field);
    // The value's own position, or the nearest enclosing value that has one.
    std::string p = path;
    while (!p.empty()) {
      auto it = doc.offsets.find(p);
      if (it != doc.offsets.end()) {
        lines.locate(it->second, l.line, l.column);
        break;
      }
      auto cut = p.find_last_of(".[");
      if (cut == std::string::npos || cut == 0) break;
      p.resize(cut);
    }
    return l;
  }
  void error(const std::string& path, std::string_view field, std::string msg) {
    diags.push_back({Severity::error, loc(path, field), std::move(msg)});
  }
  void warn(const std::string& path, std::string_view field, std::string msg) {
    diags.push_back({Severity::warning, loc(path, field), std::move(msg)});
  }
};

const char* type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_float: return "a floating-point number";
    default: return "an integer";
  }
}

bool valid_id(std::string_view s) {
  if (s.empty() || !std::isalnum(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':' || c == '-';
  });
}

bool plain_decimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  std::size_t d = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == d) return false;
  if (i < s.size() && s[i] == '.') {
    std::size_t f = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == f) return false;
  }
  return i == s.size();
}

std::optional<Date> parse_iso_date(std::string_view s, std::string& why) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    why = "expected a date as YYYY-MM-DD";
    return std::nullopt;
  }
  auto num = [&](std::size_t b, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = b; i < b + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) {
    why = "expected a date as YYYY-MM-DD";
    return std::nullopt;
  }
  if (y < 1400 || y > 9999 || m < 1 || m > 12) {
    why = "year or month out of range";
    return std::nullopt;
  }
  int last = static_cast<int>(boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m)));
  if (d < 1 || d > last) {
    why = "day " + std::to_string(d) + " does not exist in " + std::to_string(y) + "-" + (m < 10 ? "0" : "") +
          std::to_string(m) + " (which has " + std::to_string(last) + " days)";
    return std::nullopt;
  }
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

/// A checked view of one object: each accessor validates the type, reports with location,
/// and remembers the keys it read so that unknown keys can be warned about.
class Obj {
 public:
  Obj(Ctx& c, const json& j, std::string path, std::string what) : c_(c), j_(j), path_(std::move(path)), what_(std::move(what)) {}

  bool ok = true;
  const std::string& path() const { return path_; }
  const json* get(std::string_view key) {
    seen_.insert(std::string(key));
    auto it = j_.find(std::string(key));
    if (it == j_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  std::string field_path(std::string_view key) const { return detail::child_path(path_, key); }
  void fail(std::string_view key, std::string msg) {
    c_.error(key.empty() ? path_ : field_path(key), key, std::move(msg) + rejected());
    ok = false;
  }
  void missing(std::string_view key) { fail(key, "missing required field \"" + std::string(key) + "\""); }

  std::string str(std::string_view key, bool required = false) {
    const json* v = get(key);
    if (!v) {
      if (required) missing(key);
      return {};
    }
    if (!v->is_string()) {
      fail(key, "\"" + std::string(key) + "\" must be a string, not " + type_name(*v));
      return {};
    }
    return v->get<std::string>();
  }
  std::string id(std::string_view key = "id", bool required = true) {
    const json* v = get(key);
    std::string s = str(key, required);
    if (v && v->is_string() && !valid_id(s))
      fail(key, s.empty() ? "\"" + std::string(key) + "\" must not be empty"
                          : "invalid id \"" + s + "\" (letters, digits, _ . : - only)");
    return s;
  }
  /// An integer stored in an `int`: bounded so that nothing is narrowed silently.
  std::optional<int> small_int(std::string_view key, bool required, std::int64_t lo, std::int64_t hi) {
    auto v = integer(key, required);
    if (!v) return std::nullopt;
    if (*v < lo || *v > hi) {
      fail(key, "\"" + std::string(key) + "\" = " + std::to_string(*v) + " is outside " + std::to_string(lo) + ".." +
                    std::to_string(hi));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }
  std::optional<std::int64_t> integer(std::string_view key, bool required = false) {
    const json* v = get(key);
    if (!v) {
      if (required) missing(key);
      return std::nullopt;
    }
    auto big = c_.doc.big_integers.find(field_path(key));
    if (big != c_.doc.big_integers.end()) {
      fail(key, "\"" + std::string(key) + "\" = " + big->second +
                    " is outside the 64-bit integer range (-9223372036854775808..9223372036854775807); it was not kept");
      return std::nullopt;
    }
    if (v->is_number_integer()) return v->get<std::int64_t>();
    if (v->is_number_float()) {
      fail(key, "\"" + std::string(key) + "\" must be a whole number, not " + v->dump());
      return std::nullopt;
    }
    fail(key, "\"" + std::string(key) + "\" must be an integer, not " + type_name(*v));
    return std::nullopt;
  }
  std::optional<Date> date(std::string_view key, bool required = false) {
    std::string s = str(key, required);
    if (s.empty()) return std::nullopt;
    std::string why;
    auto d = parse_iso_date(s, why);
    if (!d) fail(key, "\"" + s + "\" is not a valid date: " + why);
    return d;
  }
  std::string decimal(std::string_view key, bool required = false) {
    const json* v = get(key);
    if (!v) {
      if (required) missing(key);
      return {};
    }
    if (v->is_number_integer() && !c_.doc.big_integers.count(field_path(key))) return std::to_string(v->get<std::int64_t>());
    if (v->is_string()) {
      std::string s = v->get<std::string>();
      if (plain_decimal(s)) return s;
      fail(key, "\"" + s + "\" is not a plain decimal such as \"99.95\"");
      return {};
    }
    fail(key, "\"" + std::string(key) + "\" must be an exact decimal written as a string (e.g. \"99.95\"), not " +
                  type_name(*v));
    return {};
  }
  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> out;
    const json* v = get(key);
    if (!v) return out;
    if (!v->is_array()) {
      fail(key, "\"" + std::string(key) + "\" must be an array of strings");
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) {
        c_.error(detail::child_path(field_path(key), i), key, "must be a string" + rejected());
        ok = false;
      } else {
        out.push_back((*v)[i].get<std::string>());
      }
    }
    return out;
  }
  template <class E>
  E choice(std::string_view key, E fallback, std::initializer_list<std::pair<const char*, E>> options) {
    const json* v = get(key);
    std::string s = str(key);
    if (!v || !v->is_string()) return fallback;
    for (const auto& [name, e] : options)
      if (s == name) return e;
    std::string list;
    for (const auto& [name, e] : options) list += (list.empty() ? "" : ", ") + std::string(name);
    fail(key, "\"" + s + "\" is not one of: " + list);
    return fallback;
  }
  const json* object(std::string_view key) {
    const json* v = get(key);
    if (v && !v->is_object()) {
      fail(key, "\"" + std::string(key) + "\" must be an object, not " + type_name(*v));
      return nullptr;
    }
    return v;
  }
  const json* array(std::string_view key) {
    const json* v = get(key);
    if (v && !v->is_array()) {
      fail(key, "\"" + std::string(key) + "\" must be an array, not " + type_name(*v));
      return nullptr;
    }
    return v;
  }
  /// Warn about keys nobody read.
  void finish() {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!seen_.count(it.key())) c_.warn(field_path(it.key()), it.key(), "unknown key \"" + it.key() + "\" ignored");
  }
  void set_record_name(std::string name) { record_ = std::move(name); }
  Ctx& ctx() { return c_; }

 private:
  std::string rejected() const {
    if (what_.empty()) return {};
    return " (" + what_ + (record_.empty() ? "" : " '" + record_ + "'") + " rejected)";
  }
  Ctx& c_;
  const json& j_;
  std::string path_, what_, record_;
  std::set<std::string> seen_;
};

// ---------------------------------------------------------------------------------------------
// Records

SourceRef read_source(Obj& parent) {
  SourceRef s;
  const json* j = parent.object("source");
  if (!j) return s;
  Obj o(parent.ctx(), *j, parent.field_path("source"), "");
  s.document = o.str("document");
  s.section = o.str("section");
  s.appendix = o.str("appendix");
  s.row = o.str("row");
  if (auto l = o.small_int("line", false, 1, 100000000)) s.line = *l;
  s.quote = o.str("quote");
  o.finish();
  if (!o.ok) parent.ok = false;
  return s;
}

template <class T, class F>
std::vector<T> read_array(Ctx& c, Obj& top, std::string_view key, const char* what, F&& read_one) {
  std::vector<T> out;
  const json* arr = top.array(key);
  if (!arr) return out;
  std::string apath = top.field_path(key);
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string path = detail::child_path(apath, i);
    const json& j = (*arr)[i];
    if (!j.is_object()) {
      c.error(path, "", std::string(what) + " must be an object, not " + type_name(j) + " (" + what + " rejected)");
      continue;
    }
    Obj o(c, j, path, what);
    if (const json* idv = j.find("id") != j.end() ? &j["id"] : nullptr; idv && idv->is_string())
      o.set_record_name(idv->get<std::string>());
    T rec = read_one(o);
    o.finish();
    if (o.ok) out.push_back(std::move(rec));
  }
  return out;
}

const std::initializer_list<std::pair<const char*, Level>> kLevels = {
    {"nation", Level::nation}, {"province", Level::province}, {"district", Level::district},
    {"commune", Level::commune}, {"village", Level::village}};

OrgUnit read_unit(Obj& o) {
  OrgUnit u;
  u.id = o.id();
  u.name = o.str("name", true);
  u.level = o.choice("level", Level::province, kLevels);
  if (!o.get("level")) o.missing("level");
  u.kind = o.str("kind");
  u.valid_from = o.date("valid_from");
  u.valid_to = o.date("valid_to");
  if (u.valid_from && u.valid_to && *u.valid_to < *u.valid_from) o.fail("valid_to", "valid_to is before valid_from");
  if (const json* ps = o.array("parents")) {
    for (std::size_t i = 0; i < ps->size(); ++i) {
      std::string path = detail::child_path(o.field_path("parents"), i);
      if (!(*ps)[i].is_object()) {
        o.ctx().error(path, "parents", "a parent link must be an object");
        o.ok = false;
        continue;
      }
      Obj p(o.ctx(), (*ps)[i], path, "");
      ParentLink link;
      link.parent = p.id("parent");
      link.from = p.date("from");
      link.to = p.date("to");
      if (link.from && link.to && *link.to < *link.from) p.fail("to", "\"to\" is before \"from\"");
      p.finish();
      if (!p.ok) o.ok = false;
      u.parents.push_back(std::move(link));
    }
    for (std::size_t a = 0; a < u.parents.size(); ++a)
      for (std::size_t b = a + 1; b < u.parents.size(); ++b) {
        const auto &x = u.parents[a], &y = u.parents[b];
        bool disjoint = (x.to && y.from && *x.to < *y.from) || (y.to && x.from && *y.to < *x.from);
        if (!disjoint) o.fail("parents", "parent links " + std::to_string(a) + " and " + std::to_string(b) + " overlap in time");
      }
  }
  return u;
}

Indicator read_indicator(Obj& o) {
  Indicator i;
  i.id = o.id();
  i.name = o.str("name", true);
  i.kind = o.choice("kind", IndicatorKind::ratio,
                    {{"ratio", IndicatorKind::ratio}, {"count", IndicatorKind::count}, {"money", IndicatorKind::money},
                     {"rank", IndicatorKind::rank}, {"boolean", IndicatorKind::boolean}, {"value", IndicatorKind::value}});
  if (!o.get("kind")) o.missing("kind");
  i.unit = o.str("unit");
  i.direction = o.choice("direction", Direction::higher,
                         {{"higher", Direction::higher}, {"lower", Direction::lower}, {"none", Direction::none}});
  if (auto f = o.integer("factor")) {
    if (*f <= 0) o.fail("factor", "factor must be positive");
    else i.factor = *f;
  } else {
    i.factor = i.kind == IndicatorKind::ratio ? 100 : 1;
  }
  if (auto d = o.small_int("decimals", false, 0, 12)) i.decimals = *d;
  std::string r = o.str("rounding");
  static const char* modes[] = {"half_up", "half_even", "half_down", "floor", "ceiling", "toward_zero", "away_from_zero"};
  if (!r.empty()) {
    if (std::find(std::begin(modes), std::end(modes), r) == std::end(modes))
      o.fail("rounding", "\"" + r + "\" is not a rounding mode (half_up, half_even, half_down, floor, ceiling, toward_zero, away_from_zero)");
    else i.rounding = r;
  }
  i.aggregation = o.choice("aggregation", i.kind == IndicatorKind::ratio ? Aggregation::ratio_of_sums : Aggregation::sum,
                           {{"ratio_of_sums", Aggregation::ratio_of_sums}, {"sum", Aggregation::sum},
                            {"min", Aggregation::min}, {"max", Aggregation::max}, {"none", Aggregation::none}});
  i.temporal = o.choice("temporal", Temporal::stock, {{"stock", Temporal::stock}, {"flow", Temporal::flow}});
  i.denominator = o.choice("denominator", DenominatorBehaviour::grows,
                           {{"grows", DenominatorBehaviour::grows}, {"fixed", DenominatorBehaviour::fixed}});
  i.utility_group = o.str("utility_group");
  return i;
}

Observation read_observation(Obj& o) {
  Observation b;
  b.id = o.id();
  b.indicator = o.id("indicator");
  b.unit = o.id("unit");
  b.period = o.str("period");
  b.as_of = o.date("as_of");
  if (o.ok && b.period.empty() && !b.as_of) o.fail("", "an observation needs \"period\" or \"as_of\"");
  b.service = o.str("service");
  b.numerator = o.integer("numerator");
  b.denominator = o.integer("denominator");
  if (const json* v = o.get("value")) {
    if (v->is_boolean()) b.value = v->get<bool>();
    else if (v->is_number_integer() || v->is_number_float()) {
      if (auto n = o.integer("value")) b.value = *n;
    } else if (v->is_string()) {
      std::string s = o.decimal("value");
      if (!s.empty()) b.value = DecimalText{s};
    } else {
      o.fail("value", "\"value\" must be an integer, an exact decimal string or a boolean, not " + std::string(type_name(*v)));
    }
  }
  b.of = o.integer("of");
  b.published = o.str("published");
  b.published_value = o.str("published_value");
  b.qualifier = o.str("qualifier");
  b.note = o.str("note");
  b.denominator_ref = o.str("denominator_ref");
  if (const json* cj = o.object("change")) {
    Obj c(o.ctx(), *cj, o.field_path("change"), "");
    Change ch;
    ch.against = c.str("against");
    if (auto d = c.integer("delta", true)) ch.delta = *d;
    ch.of = c.str("of");
    if (!ch.of.empty() && ch.of != "numerator" && ch.of != "denominator" && ch.of != "value")
      c.fail("of", "\"of\" must be numerator, denominator or value");
    ch.published = c.str("published");
    c.finish();
    if (!c.ok) o.ok = false;
    b.change = ch;
  }
  b.source = read_source(o);
  // Arithmetic that can be checked without the indicator:
  if (o.ok && b.numerator.has_value() != b.denominator.has_value())
    o.fail(b.numerator ? "denominator" : "numerator", "a ratio needs both \"numerator\" and \"denominator\"");
  if (b.denominator && *b.denominator == 0) o.fail("denominator", "denominator of 0");
  if (b.denominator && *b.denominator < 0) o.fail("denominator", "negative denominator " + std::to_string(*b.denominator));
  if (b.numerator && *b.numerator < 0) o.fail("numerator", "negative count " + std::to_string(*b.numerator));
  if (b.of && *b.of <= 0) o.fail("of", "\"of\" must be positive");
  return b;
}

Target read_target(Obj& o) {
  Target t;
  t.id = o.id();
  t.indicator = o.id("indicator");
  t.task = o.str("task");
  std::string cmp = o.str("comparator", true);
  if (o.get("comparator") && o.get("comparator")->is_string()) {
    if (auto c = parse_comparator(cmp)) t.comparator = *c;
    else o.fail("comparator", "\"" + cmp + "\" is not a comparator (>=, <=, =, >, <, top)");
  }
  t.threshold = o.decimal("threshold", true);
  t.of = o.integer("of");
  if (t.of && *t.of <= 0) o.fail("of", "\"of\" must be positive");
  if (const json* sj = o.object("scope")) {
    Obj s(o.ctx(), *sj, o.field_path("scope"), "");
    t.scope.unit = s.str("unit");
    for (const auto& l : s.strings("levels")) {
      if (auto lv = parse_level(l)) t.scope.levels.push_back(*lv);
      else s.fail("levels", "\"" + l + "\" is not a level (nation, province, district, commune, village)");
    }
    s.finish();
    if (!s.ok) o.ok = false;
  }
  t.effective = o.date("effective");
  t.deadline = o.date("deadline");
  if (const json* ms = o.array("milestones")) {
    for (std::size_t i = 0; i < ms->size(); ++i) {
      std::string path = detail::child_path(o.field_path("milestones"), i);
      if (!(*ms)[i].is_object()) {
        o.ctx().error(path, "milestones", "a milestone must be an object");
        o.ok = false;
        continue;
      }
      Obj m(o.ctx(), (*ms)[i], path, "");
      Milestone mi;
      mi.from = m.date("from");
      mi.threshold = m.decimal("threshold", true);
      m.finish();
      if (!m.ok) o.ok = false;
      t.milestones.push_back(mi);
    }
  }
  t.published = o.str("published");
  t.note = o.str("note");
  t.source = read_source(o);
  return t;
}

RuleSide read_rule_side(Obj& parent, const char* key) {
  RuleSide side;
  const json* j = parent.object(key);
  if (!j) {
    parent.missing(key);
    return side;
  }
  Obj o(parent.ctx(), *j, parent.field_path(key), "");
  if (const json* ts = o.array("terms")) {
    for (std::size_t i = 0; i < ts->size(); ++i) {
      std::string path = detail::child_path(o.field_path("terms"), i);
      if (!(*ts)[i].is_object()) {
        o.ctx().error(path, "terms", "a term must be an object");
        o.ok = false;
        continue;
      }
      Obj t(o.ctx(), (*ts)[i], path, "");
      RuleTerm term;
      term.indicator = t.id("indicator");
      term.quantity = t.str("quantity");
      if (term.quantity.empty()) term.quantity = "value";
      if (term.quantity != "value" && term.quantity != "numerator" && term.quantity != "denominator")
        t.fail("quantity", "\"quantity\" must be value, numerator or denominator");
      term.service = t.str("service");
      if (auto c = t.integer("coefficient")) term.coefficient = *c;
      t.finish();
      if (!t.ok) o.ok = false;
      side.terms.push_back(std::move(term));
    }
  }
  side.constant = o.decimal("constant");
  if (side.terms.empty() && side.constant.empty() && o.ok) o.fail("", "a rule side needs terms or a constant");
  o.finish();
  if (!o.ok) parent.ok = false;
  return side;
}

ValidationRule read_rule(Obj& o) {
  ValidationRule r;
  r.id = o.id();
  r.name = o.str("name");
  r.description = o.str("description");
  r.left = read_rule_side(o, "left");
  std::string op = o.str("operator", true);
  if (o.get("operator") && o.get("operator")->is_string()) {
    auto c = parse_comparator(op);
    if (!c || *c == Comparator::top) o.fail("operator", "\"" + op + "\" is not a rule operator (>=, <=, =, >, <)");
    else r.op = *c;
  }
  r.right = read_rule_side(o, "right");
  r.importance = o.choice("importance", Importance::medium,
                          {{"high", Importance::high}, {"medium", Importance::medium}, {"low", Importance::low}});
  r.missing_value = o.choice("missing_value_policy", MissingValuePolicy::skip_if_any_missing,
                             {{"skip_if_any_missing", MissingValuePolicy::skip_if_any_missing},
                              {"skip_if_all_missing", MissingValuePolicy::skip_if_all_missing},
                              {"never_skip", MissingValuePolicy::never_skip}});
  for (const auto& l : o.strings("levels")) {
    if (auto lv = parse_level(l)) r.levels.push_back(*lv);
    else o.fail("levels", "\"" + l + "\" is not a level (nation, province, district, commune, village)");
  }
  r.source = read_source(o);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Cross-references: duplicates and dangling references reject the record that has them.

std::unordered_set<std::string> ids_of(const auto& v) {
  std::unordered_set<std::string> s;
  for (const auto& r : v) s.insert(r.id);
  return s;
}

}  // namespace

namespace {

FrameworkData read_framework(Ctx& c, const json& root) {
  FrameworkData fw;
  if (!root.is_object()) {
    c.error("$", "", std::string("the top level must be an object, not ") + type_name(root));
    return fw;
  }
  Obj top(c, root, "$", "");
  std::string format = top.str("format");
  if (format.empty() && !top.get("format")) c.error("$", "format", "missing \"format\": \"da06-framework\"");
  else if (format != "da06-framework") c.error("$.format", "format", "\"format\" must be \"da06-framework\", not \"" + format + "\"");
  if (auto v = top.integer("format_version")) {
    if (*v != 1) c.error("$.format_version", "format_version", "unsupported format_version " + std::to_string(*v) + " (this library reads 1)");
  } else if (!top.get("format_version")) {
    c.error("$", "format_version", "missing \"format_version\": 1");
  }
  fw.id = top.str("id");
  fw.title = top.str("title");
  fw.province = top.str("province");
  auto docref = [&](const char* key) {
    DocumentRef d;
    if (const json* j = top.object(key)) {
      Obj o(c, *j, top.field_path(key), "");
      d.id = o.str("id");
      d.number = o.str("number");
      d.title = o.str("title");
      d.issuer = o.str("issuer");
      d.date = o.date("date");
      d.note = o.str("note");
      d.source = read_source(o);
      o.finish();
    }
    return d;
  };
  fw.plan = docref("plan");
  fw.report = docref("report");
  if (const json* j = top.object("period")) {
    Obj o(c, *j, top.field_path("period"), "");
    fw.period.code = o.str("code");
    fw.period.text = o.str("text");
    o.finish();
  }

  fw.sources = read_array<SourceDocument>(c, top, "sources", "source", [](Obj& o) {
    SourceDocument s;
    s.id = o.id();
    s.title = o.str("title");
    s.file = o.str("file");
    s.sha256 = o.str("sha256");
    if (auto l = o.small_int("lines", false, 0, 100000000)) s.lines = *l;
    return s;
  });
  fw.utility_groups = read_array<UtilityGroup>(c, top, "utility_groups", "utility group", [](Obj& o) {
    UtilityGroup g;
    g.id = o.id();
    if (auto n = o.small_int("number", false, 0, 1000000)) g.number = *n;
    g.name = o.str("name", true);
    g.note = o.str("note");
    g.source = read_source(o);
    return g;
  });
  fw.task_groups = read_array<TaskGroup>(c, top, "task_groups", "task group", [](Obj& o) {
    TaskGroup g;
    g.id = o.id();
    g.number = o.str("number");
    g.title = o.str("title", true);
    if (auto n = o.small_int("declared_count", false, 0, 100000000)) g.declared_count = *n;
    g.published = o.str("published");
    g.source = read_source(o);
    return g;
  });
  fw.tasks = read_array<Task>(c, top, "tasks", "task", [](Obj& o) {
    Task t;
    t.id = o.id();
    if (auto n = o.small_int("number", true, 0, 100000000)) t.number = *n;
    t.group = o.str("group");
    t.title = o.str("title", true);
    t.lead = o.str("lead");
    t.coordinating = o.str("coordinating");
    t.deadline_text = o.str("deadline_text");
    t.progress_text = o.str("progress_text");
    t.indicators = o.strings("indicators");
    t.utility_group = o.str("utility_group");
    t.source = read_source(o);
    return t;
  });
  fw.resolution_tasks = read_array<ResolutionTask>(c, top, "resolution_tasks", "resolution task", [](Obj& o) {
    ResolutionTask t;
    t.id = o.id();
    t.section = o.str("section");
    t.number = o.str("number");
    t.lead = o.str("lead");
    t.title = o.str("title", true);
    t.coordinating = o.str("coordinating");
    t.directive = o.str("directive");
    t.deadline_text = o.str("deadline_text");
    t.done_text = o.str("done_text");
    t.not_done_text = o.str("not_done_text");
    t.reason = o.str("reason");
    t.source = read_source(o);
    return t;
  });
  fw.services = read_array<Service>(c, top, "services", "service", [](Obj& o) {
    Service s;
    s.id = o.id();
    s.appendix = o.str("appendix");
    s.number = o.str("number");
    s.name = o.str("name", true);
    s.department = o.str("department");
    s.parent = o.str("parent");
    s.note = o.str("note");
    s.source = read_source(o);
    return s;
  });
  fw.units = read_array<OrgUnit>(c, top, "units", "unit", read_unit);
  fw.indicators = read_array<Indicator>(c, top, "indicators", "indicator", read_indicator);
  fw.observations = read_array<Observation>(c, top, "observations", "observation", read_observation);
  fw.totals = read_array<Total>(c, top, "totals", "total", [](Obj& o) {
    Total t;
    t.id = o.id();
    t.total = o.id("total");
    t.parts = o.strings("parts");
    if (t.parts.empty() && o.ok) o.fail("parts", "a total needs at least one part");
    auto quantity_ok = [](const std::string& q) { return q == "value" || q == "numerator" || q == "denominator"; };
    t.quantity = o.str("quantity");
    if (t.quantity.empty()) t.quantity = "value";
    if (!quantity_ok(t.quantity)) o.fail("quantity", "\"quantity\" must be value, numerator or denominator");
    t.total_quantity = o.str("total_quantity");
    if (!t.total_quantity.empty() && !quantity_ok(t.total_quantity))
      o.fail("total_quantity", "\"total_quantity\" must be value, numerator or denominator");
    t.part_quantities = o.strings("part_quantities");
    if (!t.part_quantities.empty() && t.part_quantities.size() != t.parts.size())
      o.fail("part_quantities", "\"part_quantities\" must have one entry per part");
    for (const auto& q : t.part_quantities)
      if (!quantity_ok(q)) o.fail("part_quantities", "\"" + q + "\" must be value, numerator or denominator");
    t.note = o.str("note");
    t.source = read_source(o);
    return t;
  });
  fw.targets = read_array<Target>(c, top, "targets", "target", read_target);
  fw.claims = read_array<Claim>(c, top, "claims", "claim", [](Obj& o) {
    Claim cl;
    cl.id = o.id();
    cl.subject = o.str("subject");
    cl.status = o.str("status");
    if (auto n = o.integer("count", true)) {
      if (*n < 0) o.fail("count", "negative count " + std::to_string(*n));
      else cl.count = *n;
    }
    cl.published = o.str("published");
    cl.source = read_source(o);
    return cl;
  });
  fw.gaps = read_array<Gap>(c, top, "gaps", "gap", [](Obj& o) {
    Gap g;
    g.id = o.id();
    g.appendix = o.str("appendix");
    g.rows = o.str("rows");
    g.note = o.str("note");
    g.source = read_source(o);
    return g;
  });
  fw.validation_rules = read_array<ValidationRule>(c, top, "validation_rules", "validation rule", read_rule);
  top.finish();
  return fw;
}

/// Finds the JSON path of the record with `id` in `section` (for located cross-reference errors).
std::string record_path(const json& root, const char* section, const std::string& id) {
  auto it = root.find(section);
  if (it == root.end() || !it->is_array()) return std::string("$.") + section;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& r = (*it)[i];
    if (r.is_object() && r.contains("id") && r["id"].is_string() && r["id"].get<std::string>() == id)
      return detail::child_path(std::string("$.") + section, i);
  }
  return std::string("$.") + section;
}

void cross_check(Ctx& c, const json& root, FrameworkData& fw) {
  auto dup = [&](auto& v, const char* section, const char* what) {
    // Report each duplicate at its own element: walk the JSON array for the second occurrence.
    std::unordered_map<std::string, int> seen;
    auto it = root.find(section);
    std::vector<std::size_t> dup_idx;
    if (it != root.end() && it->is_array())
      for (std::size_t i = 0; i < it->size(); ++i) {
        const json& r = (*it)[i];
        if (r.is_object() && r.contains("id") && r["id"].is_string() && seen[r["id"].get<std::string>()]++ > 0)
          c.error(detail::child_path(detail::child_path(std::string("$.") + section, i), "id"), "id",
                  "duplicate " + std::string(what) + " id \"" + r["id"].get<std::string>() + "\" (" + what + " rejected)");
      }
    // Keep the first record of each id.
    std::unordered_set<std::string> keep;
    std::decay_t<decltype(v)> out;
    for (auto& r : v)
      if (keep.insert(r.id).second) out.push_back(std::move(r));
    v = std::move(out);
  };
  dup(fw.sources, "sources", "source");
  dup(fw.utility_groups, "utility_groups", "utility group");
  dup(fw.task_groups, "task_groups", "task group");
  dup(fw.tasks, "tasks", "task");
  dup(fw.resolution_tasks, "resolution_tasks", "resolution task");
  dup(fw.services, "services", "service");
  dup(fw.units, "units", "unit");
  dup(fw.indicators, "indicators", "indicator");
  dup(fw.observations, "observations", "observation");
  dup(fw.totals, "totals", "total");
  dup(fw.targets, "targets", "target");
  dup(fw.claims, "claims", "claim");
  dup(fw.gaps, "gaps", "gap");
  dup(fw.validation_rules, "validation_rules", "validation rule");

  auto sources = ids_of(fw.sources);
  auto ugroups = ids_of(fw.utility_groups);
  auto tgroups = ids_of(fw.task_groups);

  // Filter `v`, dropping records for which `bad` reports an error.
  auto filter = [&](auto& v, const char* section, const char* what, auto&& check) {
    std::decay_t<decltype(v)> out;
    for (auto& r : v) {
      std::string base = record_path(root, section, r.id);
      bool ok = true;
      auto err = [&](const char* field, const std::string& msg) {
        c.error(detail::child_path(base, field), field, msg + " (" + what + " '" + r.id + "' rejected)");
        ok = false;
      };
      check(r, err);
      if constexpr (requires { r.source; }) {
        if (!r.source.document.empty() && !sources.count(r.source.document))
          err("source", "source document \"" + r.source.document + "\" is not in \"sources\"");
      }
      if (ok) out.push_back(std::move(r));
    }
    v = std::move(out);
  };

  filter(fw.task_groups, "task_groups", "task group", [](auto&, auto&&) {});
  filter(fw.units, "units", "unit", [](auto&, auto&&) {});
  // Parent links may point at any unit, so check them after the units are known.
  {
    auto units = ids_of(fw.units);
    filter(fw.units, "units", "unit", [&](const OrgUnit& u, auto&& err) {
      for (const auto& p : u.parents)
        if (!units.count(p.parent)) err("parents", "parent unit \"" + p.parent + "\" does not exist");
        else if (p.parent == u.id) err("parents", "a unit cannot be its own parent");
    });
  }
  auto units = ids_of(fw.units);
  filter(fw.indicators, "indicators", "indicator", [&](const Indicator& i, auto&& err) {
    if (!i.utility_group.empty() && !ugroups.count(i.utility_group))
      err("utility_group", "utility group \"" + i.utility_group + "\" does not exist");
  });
  std::unordered_map<std::string, const Indicator*> indicators;
  for (const auto& i : fw.indicators) indicators[i.id] = &i;
  {
    auto services = ids_of(fw.services);
    filter(fw.services, "services", "service", [&](const Service& s, auto&& err) {
      if (!s.parent.empty() && !services.count(s.parent)) err("parent", "parent service \"" + s.parent + "\" does not exist");
    });
  }
  auto services = ids_of(fw.services);
  filter(fw.tasks, "tasks", "task", [&](const Task& t, auto&& err) {
    if (!t.group.empty() && !tgroups.count(t.group)) err("group", "task group \"" + t.group + "\" does not exist");
    for (const auto& i : t.indicators)
      if (!indicators.count(i)) err("indicators", "indicator \"" + i + "\" does not exist");
    if (!t.utility_group.empty() && !ugroups.count(t.utility_group))
      err("utility_group", "utility group \"" + t.utility_group + "\" does not exist");
  });
  filter(fw.resolution_tasks, "resolution_tasks", "resolution task", [](auto&, auto&&) {});
  filter(fw.observations, "observations", "observation", [&](const Observation& o, auto&& err) {
    auto it = indicators.find(o.indicator);
    if (it == indicators.end()) {
      err("indicator", "indicator \"" + o.indicator + "\" does not exist");
      return;
    }
    if (!units.count(o.unit)) err("unit", "unit \"" + o.unit + "\" does not exist");
    if (!o.service.empty() && !services.count(o.service)) err("service", "service \"" + o.service + "\" does not exist");
    const Indicator& ind = *it->second;
    bool has_value = !std::holds_alternative<std::monostate>(o.value);
    switch (ind.kind) {
      case IndicatorKind::ratio:
        if (o.is_ratio() && *o.numerator > *o.denominator)
          err("numerator", "numerator " + std::to_string(*o.numerator) + " is greater than denominator " +
                               std::to_string(*o.denominator) + ", impossible for the ratio indicator \"" + ind.id + "\"");
        if (!o.is_ratio() && !has_value) err("numerator", "a ratio observation needs numerator and denominator, or a value");
        if (std::holds_alternative<bool>(o.value)) err("value", "a ratio cannot have a boolean value");
        break;
      case IndicatorKind::count:
      case IndicatorKind::rank:
        if (std::holds_alternative<std::int64_t>(o.value) && std::get<std::int64_t>(o.value) < 0)
          err("value", "negative count " + std::to_string(std::get<std::int64_t>(o.value)));
        if (std::holds_alternative<DecimalText>(o.value) && ind.kind == IndicatorKind::count)
          err("value", "a count must be a whole number, not \"" + std::get<DecimalText>(o.value).text + "\"");
        if (!has_value && !o.is_ratio()) err("value", "missing \"value\"");
        if (ind.kind == IndicatorKind::rank && o.of && std::holds_alternative<std::int64_t>(o.value) &&
            (std::get<std::int64_t>(o.value) < 1 || std::get<std::int64_t>(o.value) > *o.of))
          err("value", "rank " + std::to_string(std::get<std::int64_t>(o.value)) + " is not within 1.." + std::to_string(*o.of));
        break;
      case IndicatorKind::money:
        if (!has_value) err("value", "missing \"value\"");
        if (std::holds_alternative<bool>(o.value)) err("value", "an amount cannot be a boolean");
        break;
      case IndicatorKind::boolean:
        if (!std::holds_alternative<bool>(o.value)) err("value", "a yes/no indicator needs a boolean \"value\"");
        break;
      case IndicatorKind::value:
        break;
    }
  });
  auto observations = ids_of(fw.observations);
  filter(fw.observations, "observations", "observation", [&](const Observation& o, auto&& err) {
    if (!o.denominator_ref.empty() && !observations.count(o.denominator_ref))
      err("denominator_ref", "observation \"" + o.denominator_ref + "\" does not exist");
  });
  observations = ids_of(fw.observations);
  filter(fw.totals, "totals", "total", [&](const Total& t, auto&& err) {
    if (!observations.count(t.total)) err("total", "observation \"" + t.total + "\" does not exist");
    for (const auto& p : t.parts)
      if (!observations.count(p)) err("parts", "observation \"" + p + "\" does not exist");
  });
  auto tasks = ids_of(fw.tasks);
  filter(fw.targets, "targets", "target", [&](const Target& t, auto&& err) {
    if (!indicators.count(t.indicator)) err("indicator", "indicator \"" + t.indicator + "\" does not exist");
    if (!t.task.empty() && !tasks.count(t.task)) err("task", "task \"" + t.task + "\" does not exist");
    if (!t.scope.unit.empty() && !units.count(t.scope.unit)) err("scope", "unit \"" + t.scope.unit + "\" does not exist");
    if (t.comparator == Comparator::top && !t.of) err("of", "a \"top\" target needs \"of\" (e.g. 63 provinces)");
  });
  filter(fw.claims, "claims", "claim", [](auto&, auto&&) {});
  {
    auto services_now = ids_of(fw.services);
    filter(fw.validation_rules, "validation_rules", "validation rule", [&](const ValidationRule& r, auto&& err) {
      for (const RuleSide* side : {&r.left, &r.right})
        for (const auto& t : side->terms) {
          if (!indicators.count(t.indicator)) err(side == &r.left ? "left" : "right", "indicator \"" + t.indicator + "\" does not exist");
          if (!t.service.empty() && !services_now.count(t.service))
            err(side == &r.left ? "left" : "right", "service \"" + t.service + "\" does not exist");
        }
    });
  }
  filter(fw.gaps, "gaps", "gap", [](auto&, auto&&) {});
  filter(fw.sources, "sources", "source", [](auto&, auto&&) {});
  filter(fw.utility_groups, "utility_groups", "utility group", [](auto&, auto&&) {});
}

}  // namespace

LoadResult load_framework_json(std::string_view text, std::string_view file_name) {
  LoadResult result;
  std::string file(file_name);
  detail::LineIndex lines(text);
  // A UTF-8 byte-order mark is allowed and skipped (offsets still count it).
  std::string_view body = text;
  detail::JsonDoc doc;
  try {
    if (body.substr(0, 3) == "\xEF\xBB\xBF") {
      std::string copy(body);
      copy[0] = copy[1] = copy[2] = ' ';
      doc = detail::parse_json_with_positions(copy, file, lines);
    } else {
      doc = detail::parse_json_with_positions(body, file, lines);
    }
  } catch (const ParseError& e) {
    result.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return result;
  }
  Ctx c{file, lines, doc, result.diagnostics};
  for (const auto& p : doc.problems) {
    Location l;
    l.file = file;
    l.path = p.path;
    lines.locate(p.offset, l.line, l.column);
    result.diagnostics.push_back({Severity::error, l, p.message});
  }
  FrameworkData data = read_framework(c, doc.root);
  if (doc.root.is_object()) cross_check(c, doc.root, data);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  result.framework = Framework(std::move(data));
  return result;
}

LoadResult load_framework_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult r;
    Location l;
    l.file = path;
    r.diagnostics.push_back({Severity::error, l, "cannot open the file"});
    return r;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_framework_json(ss.str(), path);
}

Framework read_framework_file(const std::string& path) {
  LoadResult r = load_framework_file(path);
  if (!r.ok()) throw LoadError(std::move(r.diagnostics));
  return r.framework;
}

std::string_view default_dataset_json() {
  return {reinterpret_cast<const char*>(da06_embedded_default_dataset), da06_embedded_default_dataset_size};
}

Framework default_framework() {
  static const Framework fw = [] {
    LoadResult r = load_framework_json(default_dataset_json(), "<embedded:thanhhoa_2024h1.json>");
    if (!r.ok()) throw LoadError(std::move(r.diagnostics));  // a build defect; the tests catch it
    return r.framework;
  }();
  return fw;
}

// ---------------------------------------------------------------------------------------------
// Writer

namespace {
using ojson = nlohmann::ordered_json;

void put(ojson& j, const char* k, const std::string& v) {
  if (!v.empty()) j[k] = v;
}
void put(ojson& j, const char* k, const std::optional<Date>& d) {
  if (d) j[k] = boost::gregorian::to_iso_extended_string(*d);
}
ojson source_json(const SourceRef& s) {
  ojson j = ojson::object();
  put(j, "document", s.document);
  put(j, "section", s.section);
  put(j, "appendix", s.appendix);
  put(j, "row", s.row);
  if (s.line) j["line"] = s.line;
  put(j, "quote", s.quote);
  return j;
}
void put_source(ojson& j, const SourceRef& s) {
  if (!(s == SourceRef{})) j["source"] = source_json(s);
}
}  // namespace

std::string write_framework_json(const Framework& f) {
  const FrameworkData& d = f.data();
  ojson j;
  j["format"] = "da06-framework";
  j["format_version"] = 1;
  put(j, "id", d.id);
  put(j, "title", d.title);
  put(j, "province", d.province);
  auto doc = [](const DocumentRef& r) {
    ojson o = ojson::object();
    put(o, "id", r.id);
    put(o, "number", r.number);
    put(o, "date", r.date);
    put(o, "title", r.title);
    put(o, "issuer", r.issuer);
    put(o, "note", r.note);
    put_source(o, r.source);
    return o;
  };
  if (!(d.plan == DocumentRef{})) j["plan"] = doc(d.plan);
  if (!(d.report == DocumentRef{})) j["report"] = doc(d.report);
  if (!(d.period == PeriodRef{})) {
    ojson p = ojson::object();
    put(p, "code", d.period.code);
    put(p, "text", d.period.text);
    j["period"] = p;
  }
  auto arr = [&](const char* key, const auto& v, auto&& fn) {
    ojson a = ojson::array();
    for (const auto& r : v) a.push_back(fn(r));
    j[key] = std::move(a);
  };
  arr("sources", d.sources, [](const SourceDocument& s) {
    ojson o;
    o["id"] = s.id;
    put(o, "title", s.title);
    put(o, "file", s.file);
    put(o, "sha256", s.sha256);
    if (s.lines) o["lines"] = s.lines;
    return o;
  });
  arr("utility_groups", d.utility_groups, [](const UtilityGroup& g) {
    ojson o;
    o["id"] = g.id;
    o["number"] = g.number;
    o["name"] = g.name;
    put(o, "note", g.note);
    put_source(o, g.source);
    return o;
  });
  arr("task_groups", d.task_groups, [](const TaskGroup& g) {
    ojson o;
    o["id"] = g.id;
    put(o, "number", g.number);
    o["title"] = g.title;
    o["declared_count"] = g.declared_count;
    put(o, "published", g.published);
    put_source(o, g.source);
    return o;
  });
  arr("tasks", d.tasks, [](const Task& t) {
    ojson o;
    o["id"] = t.id;
    o["number"] = t.number;
    put(o, "group", t.group);
    o["title"] = t.title;
    put(o, "lead", t.lead);
    put(o, "coordinating", t.coordinating);
    put(o, "deadline_text", t.deadline_text);
    put(o, "progress_text", t.progress_text);
    if (!t.indicators.empty()) o["indicators"] = t.indicators;
    put(o, "utility_group", t.utility_group);
    put_source(o, t.source);
    return o;
  });
  arr("resolution_tasks", d.resolution_tasks, [](const ResolutionTask& t) {
    ojson o;
    o["id"] = t.id;
    put(o, "section", t.section);
    put(o, "number", t.number);
    put(o, "lead", t.lead);
    o["title"] = t.title;
    put(o, "coordinating", t.coordinating);
    put(o, "directive", t.directive);
    put(o, "deadline_text", t.deadline_text);
    put(o, "done_text", t.done_text);
    put(o, "not_done_text", t.not_done_text);
    put(o, "reason", t.reason);
    put_source(o, t.source);
    return o;
  });
  arr("services", d.services, [](const Service& s) {
    ojson o;
    o["id"] = s.id;
    put(o, "appendix", s.appendix);
    put(o, "number", s.number);
    o["name"] = s.name;
    put(o, "department", s.department);
    put(o, "parent", s.parent);
    put(o, "note", s.note);
    put_source(o, s.source);
    return o;
  });
  arr("units", d.units, [](const OrgUnit& u) {
    ojson o;
    o["id"] = u.id;
    o["name"] = u.name;
    o["level"] = std::string(to_string(u.level));
    put(o, "kind", u.kind);
    put(o, "valid_from", u.valid_from);
    put(o, "valid_to", u.valid_to);
    if (!u.parents.empty()) {
      ojson ps = ojson::array();
      for (const auto& p : u.parents) {
        ojson l;
        l["parent"] = p.parent;
        put(l, "from", p.from);
        put(l, "to", p.to);
        ps.push_back(l);
      }
      o["parents"] = ps;
    }
    return o;
  });
  arr("indicators", d.indicators, [](const Indicator& i) {
    ojson o;
    o["id"] = i.id;
    o["name"] = i.name;
    o["kind"] = std::string(to_string(i.kind));
    put(o, "unit", i.unit);
    o["direction"] = std::string(to_string(i.direction));
    o["factor"] = i.factor;
    o["decimals"] = i.decimals;
    o["rounding"] = i.rounding;
    o["aggregation"] = std::string(to_string(i.aggregation));
    o["temporal"] = std::string(to_string(i.temporal));
    o["denominator"] = std::string(to_string(i.denominator));
    put(o, "utility_group", i.utility_group);
    return o;
  });
  arr("observations", d.observations, [](const Observation& b) {
    ojson o;
    o["id"] = b.id;
    o["indicator"] = b.indicator;
    o["unit"] = b.unit;
    put(o, "period", b.period);
    put(o, "as_of", b.as_of);
    put(o, "service", b.service);
    if (b.numerator) o["numerator"] = *b.numerator;
    if (b.denominator) o["denominator"] = *b.denominator;
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, bool>) o["value"] = v;
          else if constexpr (std::is_same_v<V, DecimalText>) o["value"] = v.text;
        },
        b.value);
    if (b.of) o["of"] = *b.of;
    put(o, "published", b.published);
    put(o, "published_value", b.published_value);
    put(o, "qualifier", b.qualifier);
    put(o, "note", b.note);
    put(o, "denominator_ref", b.denominator_ref);
    if (b.change) {
      ojson c;
      put(c, "against", b.change->against);
      c["delta"] = b.change->delta;
      put(c, "of", b.change->of);
      put(c, "published", b.change->published);
      o["change"] = c;
    }
    put_source(o, b.source);
    return o;
  });
  arr("totals", d.totals, [](const Total& t) {
    ojson o;
    o["id"] = t.id;
    o["total"] = t.total;
    o["parts"] = t.parts;
    o["quantity"] = t.quantity;
    put(o, "total_quantity", t.total_quantity);
    if (!t.part_quantities.empty()) o["part_quantities"] = t.part_quantities;
    put(o, "note", t.note);
    put_source(o, t.source);
    return o;
  });
  arr("targets", d.targets, [](const Target& t) {
    ojson o;
    o["id"] = t.id;
    o["indicator"] = t.indicator;
    put(o, "task", t.task);
    o["comparator"] = std::string(to_string(t.comparator));
    o["threshold"] = t.threshold;
    if (t.of) o["of"] = *t.of;
    if (!(t.scope == TargetScope{})) {
      ojson s = ojson::object();
      put(s, "unit", t.scope.unit);
      if (!t.scope.levels.empty()) {
        ojson ls = ojson::array();
        for (Level l : t.scope.levels) ls.push_back(std::string(to_string(l)));
        s["levels"] = ls;
      }
      o["scope"] = s;
    }
    put(o, "effective", t.effective);
    put(o, "deadline", t.deadline);
    if (!t.milestones.empty()) {
      ojson ms = ojson::array();
      for (const auto& m : t.milestones) {
        ojson x;
        put(x, "from", m.from);
        x["threshold"] = m.threshold;
        ms.push_back(x);
      }
      o["milestones"] = ms;
    }
    put(o, "published", t.published);
    put(o, "note", t.note);
    put_source(o, t.source);
    return o;
  });
  arr("claims", d.claims, [](const Claim& c) {
    ojson o;
    o["id"] = c.id;
    put(o, "subject", c.subject);
    put(o, "status", c.status);
    o["count"] = c.count;
    put(o, "published", c.published);
    put_source(o, c.source);
    return o;
  });
  arr("gaps", d.gaps, [](const Gap& g) {
    ojson o;
    o["id"] = g.id;
    put(o, "appendix", g.appendix);
    put(o, "rows", g.rows);
    put(o, "note", g.note);
    put_source(o, g.source);
    return o;
  });
  auto side_json = [](const RuleSide& side) {
    ojson o = ojson::object();
    ojson ts = ojson::array();
    for (const auto& t : side.terms) {
      ojson x;
      x["indicator"] = t.indicator;
      x["quantity"] = t.quantity;
      put(x, "service", t.service);
      if (t.coefficient != 1) x["coefficient"] = t.coefficient;
      ts.push_back(x);
    }
    if (!side.terms.empty()) o["terms"] = ts;
    put(o, "constant", side.constant);
    return o;
  };
  if (!d.validation_rules.empty())
    arr("validation_rules", d.validation_rules, [&](const ValidationRule& r) {
      ojson o;
      o["id"] = r.id;
      put(o, "name", r.name);
      put(o, "description", r.description);
      o["left"] = side_json(r.left);
      o["operator"] = std::string(to_string(r.op));
      o["right"] = side_json(r.right);
      o["importance"] = std::string(to_string(r.importance));
      o["missing_value_policy"] = std::string(to_string(r.missing_value));
      if (!r.levels.empty()) {
        ojson ls = ojson::array();
        for (Level l : r.levels) ls.push_back(std::string(to_string(l)));
        o["levels"] = ls;
      }
      put_source(o, r.source);
      return o;
    });
  return j.dump(1, ' ', false) + "\n";
}

}  // namespace v1
}  // namespace da06
