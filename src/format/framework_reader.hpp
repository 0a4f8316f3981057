// Internal: the framework file reader's shared parts — the reading context, the checked object
// view `Obj`, and the declarations that framework_read.cpp and framework_check.cpp share.
#pragma once

#include "da06/dates.hpp"
#include "da06/io.hpp"
#include "da06/period.hpp"
#include "json_doc.hpp"
#include "text.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace da06::inline v1::detail::framework_format {

using nlohmann::json;

/// The reading context: diagnostics are collected with their JSON path only; their line and column
/// are found at the end, in one pass over the text (`locate`), so reading costs no memory per value.
struct Ctx {
  std::string file;
  const ::da06::v1::detail::JsonDoc& doc;
  std::vector<Diagnostic>& diags;

  Location loc(const std::string& path, std::string_view field = {}) const {
    Location l;
    l.file = file;
    l.path = path;
    l.field = std::string(field);
    return l;
  }
  void error(const std::string& path, std::string_view field, std::string msg) {
    diags.push_back({Severity::error, loc(path, field), std::move(msg)});
  }
  void warn(const std::string& path, std::string_view field, std::string msg) {
    diags.push_back({Severity::warning, loc(path, field), std::move(msg)});
  }
};

inline const char* type_name(const json& j) {
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

inline bool valid_id(std::string_view s) {
  if (s.empty() || !std::isalnum(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':' || c == '-';
  });
}

inline bool plain_decimal(std::string_view s) {
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
  std::string field_path(std::string_view key) const { return ::da06::v1::detail::child_path(path_, key); }
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
    auto d = parse_iso_date(s, &why);
    if (!d) fail(key, ::da06::v1::detail::quoted_excerpt(s) + " is not a valid date: " + why);
    return d;
  }
  /// A reporting period code ("2024-S1", "2024-Q2", "2024-M05", "2024", "2024-9M"); anything
  /// else is an error (an unknown code would silently match no target).
  std::string period_code(std::string_view key, bool required = false) {
    std::string s = str(key, required);
    if (s.empty()) return s;
    try {
      (void)Period::parse_code(s);
    } catch (const ParseError& e) {
      fail(key, e.message() + " (codes: YYYY, YYYY-S1/S2, YYYY-9M, YYYY-Q1..Q4, YYYY-M01..M12)");
      return {};
    }
    return s;
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
        c_.error(::da06::v1::detail::child_path(field_path(key), i), key, "must be a string" + rejected());
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

inline SourceRef read_source(Obj& parent) {
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
    std::string path = ::da06::v1::detail::child_path(apath, i);
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

template <class R>
std::unordered_set<std::string> ids_of(const std::vector<R>& v) {
  std::unordered_set<std::string> s;
  for (const auto& r : v) s.insert(r.id);
  return s;
}

/// Every record of the document, each checked on its own (framework_read.cpp).
FrameworkData read_framework(Ctx& c, const json& root);
/// Duplicates and dangling references: each rejects the record that has it (framework_check.cpp).
void cross_check(Ctx& c, const json& root, FrameworkData& fw);

}  // namespace da06::detail::framework_format
