// The file format of QĐ 766 rule sets (JSON): reader with located errors, and writer.
//
//   {"version": "portal-2026-10", "title": "...", "source": "...", "decimals": 2,
//    "groups": [{"code": "TDGQ", "name_vi": "...", "name_en": "...", "max_points": "20"}],
//    "indicators": [{"code": "ON_TIME", "group": "TDGQ", "number": "2.1", "name_vi": "...", "name_en": "...",
//                    "numerator": "on_time", "denominator": "received", "factor": ["synced", "received"],
//                    "max_points": "20", "threshold": "1", "on_zero": "zero", "evidence": "portal", "note": "..."}]}
//
// Points and thresholds are decimal strings ("0.8", "2.5"), fractions ("2/3") or integers, never JSON
// floats, so that a rule is exact as written.
#include "da06/dossier_index.hpp"

#include "da06/error.hpp"
#include "da06/numbers.hpp"
#include "json_doc.hpp"
#include "text.hpp"

#include <nlohmann/json.hpp>

namespace da06 {
inline namespace v1 {

namespace {

using nlohmann::json;

struct Reader {
  const std::string& file;
  std::string_view source;
  const detail::LineIndex& lines;
  const detail::JsonDoc& doc;

  [[noreturn]] void fail(const std::string& path, const std::string& field, const std::string& message) const {
    Location l;
    l.file = file;
    l.path = path;
    l.field = field;
    if (!path.empty()) {
      const std::vector<std::size_t> at = detail::locate_json_paths(source, {path});
      if (!at.empty()) lines.locate(at.front(), l.line, l.column);
    }
    throw DataError(message, l);
  }
  const json& member(const json& obj, const std::string& path, const char* key, bool required) const {
    static const json null_value;
    if (!obj.is_object()) fail(path, key, "expected an object");
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(path, key, std::string("\"") + key + "\" is required");
      return null_value;
    }
    return *it;
  }
  std::string text(const json& obj, const std::string& path, const char* key, bool required = true) const {
    const json& v = member(obj, path, key, required);
    if (v.is_null()) return {};
    if (!v.is_string()) fail(detail::child_path(path, key), key, std::string("\"") + key + "\" must be a string");
    return v.get<std::string>();
  }
  // A decimal "12.5", a fraction "2/3" or an integer, as num/den with 0 ≤ num ≤ 10^12 and
  // 0 < den ≤ 10^12: bounds that keep every later product exact.
  std::pair<std::int64_t, std::int64_t> decimal(const json& obj, const std::string& path, const char* key) const {
    constexpr std::int64_t kLimit = 1'000'000'000'000;  // 10^12
    const json& v = member(obj, path, key, true);
    const std::string p = detail::child_path(path, key);
    if (v.is_number_integer()) {
      const bool small = v.is_number_unsigned() ? v.get<std::uint64_t>() < std::uint64_t(kLimit)
                                                : v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() < kLimit;
      if (!small) fail(p, key, std::string("\"") + key + "\" must be between 0 and 10^12, not " + v.dump());
      return {v.get<std::int64_t>(), 1};
    }
    if (auto big = doc.big_integers.find(p); big != doc.big_integers.end())
      fail(p, key, std::string("\"") + key + "\" must be between 0 and 10^12, not " + detail::excerpt(big->second, 40) +
                       " (outside the 64-bit integer range)");
    if (!v.is_string()) fail(p, key, std::string("\"") + key + "\" must be a decimal string such as \"0.8\" or an integer");
    const std::string s = v.get<std::string>();
    const std::string shown = detail::quoted_excerpt(s, 40);
    if (auto slash = s.find('/'); slash != std::string::npos) {  // a fraction "2/3"
      std::int64_t parts[2] = {0, 0};
      for (int k = 0; k < 2; ++k) {
        const std::string t = k == 0 ? s.substr(0, slash) : s.substr(slash + 1);
        if (t.empty() || t.size() > 13 || t.find_first_not_of("0123456789") != std::string::npos ||
            std::stoll(t) > kLimit)
          fail(p, key, shown + " is not a fraction n/d (n and d at most 10^12)");
        parts[k] = std::stoll(t);
      }
      if (parts[1] == 0) fail(p, key, shown + " has a zero denominator");
      return {parts[0], parts[1]};
    }
    std::int64_t num = 0, den = 1;
    bool dot = false, digits = false;
    for (char ch : s) {
      if (ch == '.' && !dot) {
        dot = true;
        continue;
      }
      if (ch < '0' || ch > '9') fail(p, key, shown + " is not a decimal number");
      if (num >= kLimit / 10 || (dot && den >= kLimit))
        fail(p, key, shown + " has too many digits (at most 12, and 12 decimals)");
      num = num * 10 + (ch - '0');
      digits = true;
      if (dot) den *= 10;
    }
    if (!digits) fail(p, key, shown + " is not a decimal number");
    return {num, den};
  }
};

/// Points as the rule file writes them: "12.5", not "12.50".
std::string decimal_text(std::int64_t value, int decimals) {
  return Decimal(BigInt(value), decimals).normalized().to_string();
}

std::string fraction_text(std::int64_t n, std::int64_t d) {
  // thresholds are written as decimals when they are (d a divisor of a power of ten), else "n/d"
  std::int64_t scale = 1;
  for (int k = 0; k <= 6; ++k, scale *= 10)
    if (scale % d == 0) return decimal_text(n * (scale / d), k);
  return std::to_string(n) + "/" + std::to_string(d);
}

}  // namespace

IndexRules load_index_rules(std::string_view text, const std::string& file) {
  const detail::LineIndex lines(text);
  const detail::JsonDoc doc = detail::parse_json_with_positions(text, file, lines);
  const Reader rd{file, text, lines, doc};
  if (!doc.problems.empty()) rd.fail(doc.problems.front().path, "", doc.problems.front().message);
  const json& root = doc.root;
  IndexRules r;
  r.version = rd.text(root, "$", "version");
  r.title = rd.text(root, "$", "title", false);
  r.source = rd.text(root, "$", "source", false);
  const json& dec = rd.member(root, "$", "decimals", false);
  if (!dec.is_null()) {
    if (!dec.is_number_integer()) rd.fail("$.decimals", "decimals", "\"decimals\" must be an integer");
    // compared before narrowing: 4294967298 must not pass as 2
    const bool in_range = dec.is_number_unsigned() ? dec.get<std::uint64_t>() <= 6
                                                   : dec.get<std::int64_t>() >= 0 && dec.get<std::int64_t>() <= 6;
    if (!in_range) rd.fail("$.decimals", "decimals", "\"decimals\" must be 0..6, not " + dec.dump());
    r.decimals = dec.get<int>();
  }
  std::int64_t scale = 1;
  for (int i = 0; i < r.decimals; ++i) scale *= 10;
  auto points = [&](const json& obj, const std::string& path) {
    auto [n, d] = rd.decimal(obj, path, "max_points");
    if ((n * scale) % d != 0)
      rd.fail(detail::child_path(path, "max_points"), "max_points",
              "max_points has more decimals than the rule set's " + std::to_string(r.decimals));
    return n * scale / d;
  };
  const json& groups = rd.member(root, "$", "groups", true);
  if (!groups.is_array()) rd.fail("$.groups", "groups", "\"groups\" must be an array");
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string path = detail::child_path("$.groups", g);
    IndexGroup grp;
    grp.code = rd.text(groups[g], path, "code");
    grp.name_vi = rd.text(groups[g], path, "name_vi", false);
    grp.name_en = rd.text(groups[g], path, "name_en", false);
    grp.max_points = points(groups[g], path);
    r.groups.push_back(std::move(grp));
  }
  const json& inds = rd.member(root, "$", "indicators", true);
  if (!inds.is_array()) rd.fail("$.indicators", "indicators", "\"indicators\" must be an array");
  for (std::size_t k = 0; k < inds.size(); ++k) {
    const std::string path = detail::child_path("$.indicators", k);
    const json& o = inds[k];
    IndexIndicator i;
    i.code = rd.text(o, path, "code");
    i.group = rd.text(o, path, "group");
    i.number = rd.text(o, path, "number", false);
    i.name_vi = rd.text(o, path, "name_vi", false);
    i.name_en = rd.text(o, path, "name_en", false);
    i.numerator = rd.text(o, path, "numerator");
    i.denominator = rd.text(o, path, "denominator");
    const json& f = rd.member(o, path, "factor", false);
    if (!f.is_null()) {
      if (!f.is_array() || f.size() != 2 || !f[0].is_string() || !f[1].is_string())
        rd.fail(detail::child_path(path, "factor"), "factor", "\"factor\" must be [numerator counter, denominator counter]");
      i.factor_numerator = f[0].get<std::string>();
      i.factor_denominator = f[1].get<std::string>();
    }
    i.max_points = points(o, path);
    auto [tn, td] = rd.decimal(o, path, "threshold");
    i.threshold_numerator = tn;
    i.threshold_denominator = td;
    const std::string z = rd.text(o, path, "on_zero", false);
    if (z.empty() || z == "zero") i.on_zero = ZeroRule::zero;
    else if (z == "full") i.on_zero = ZeroRule::full;
    else rd.fail(detail::child_path(path, "on_zero"), "on_zero", "\"on_zero\" must be \"zero\" or \"full\", not " + detail::quoted_excerpt(z, 40));
    const std::string e = rd.text(o, path, "evidence", false);
    if (e == "official") i.evidence = RuleEvidence::official;
    else if (e.empty() || e == "portal") i.evidence = RuleEvidence::portal;
    else if (e == "document") i.evidence = RuleEvidence::document;
    else if (e == "inferred") i.evidence = RuleEvidence::inferred;
    else rd.fail(detail::child_path(path, "evidence"), "evidence",
                 "\"evidence\" must be official, portal, document or inferred, not " + detail::quoted_excerpt(e, 40));
    i.note = rd.text(o, path, "note", false);
    r.indicators.push_back(std::move(i));
  }
  try {
    r.validate();
  } catch (const DataError& e) {
    rd.fail(e.where().path, e.where().field, e.message());
  }
  return r;
}

std::string index_rules_to_json(const IndexRules& r) {
  nlohmann::ordered_json j;
  j["version"] = r.version;
  j["title"] = r.title;
  j["source"] = r.source;
  j["decimals"] = r.decimals;
  j["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : r.groups)
    j["groups"].push_back({{"code", g.code}, {"name_vi", g.name_vi}, {"name_en", g.name_en},
                           {"max_points", decimal_text(g.max_points, r.decimals)}});
  j["indicators"] = nlohmann::ordered_json::array();
  for (const auto& i : r.indicators) {
    nlohmann::ordered_json o{{"code", i.code}, {"group", i.group}, {"number", i.number}, {"name_vi", i.name_vi},
                             {"name_en", i.name_en}, {"numerator", i.numerator}, {"denominator", i.denominator}};
    if (!i.factor_numerator.empty()) o["factor"] = {i.factor_numerator, i.factor_denominator};
    o["max_points"] = decimal_text(i.max_points, r.decimals);
    o["threshold"] = fraction_text(i.threshold_numerator, i.threshold_denominator);
    o["on_zero"] = std::string(to_string(i.on_zero));
    o["evidence"] = std::string(to_string(i.evidence));
    o["note"] = i.note;
    j["indicators"].push_back(std::move(o));
  }
  return j.dump(2, ' ', false);
}

}  // namespace v1
}  // namespace da06
