// Internal: field tables — one description per field of a record type, which the reader, the
// writer and the JSON Schema generator all follow (framework_fields.hpp holds the framework's).
//
// A `Field<R>` knows its key, whether it is required, how to read a JSON value into an `R` (with
// the located messages of docs/data-format.md), how to write it back (and when to leave it out),
// and its JSON Schema. The builders below (text, id, integer, date, decimal, choice, …) make one
// per kind of value; a record type's table is a list of them, in the order the writer emits them.
#pragma once

#include "da06/dates.hpp"
#include "record_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace da06::inline v1::detail::records {

using ojson = nlohmann::ordered_json;

template <class R>
class RecordFrame;

/// How a field is written: always, or only when it differs from its empty value.
enum class Emit : std::uint8_t { always, if_set };

template <class R>
struct Field {
  std::string key;
  bool required = false;
  /// A scalar value (never null: null is the same as an absent key).
  std::function<void(R&, Scalar&, RecordFrame<R>&)> scalar;
  /// An object or array value: the frame that reads it (a SkipFrame after an error).
  std::function<std::unique_ptr<Frame>(R&, bool is_object, RecordFrame<R>&)> open;
  /// Writes the field into the record's object (or nothing).
  std::function<void(const R&, ojson&)> write;
  /// The field's JSON Schema.
  std::function<ojson()> schema;
  std::string description;
};

/// A record type's description: its fields, and what is checked once all of them are read.
template <class R>
struct Table {
  std::string name;  ///< JSON Schema $defs name, e.g. "observation"
  std::vector<Field<R>> fields;
  /// Checks across fields and defaults that depend on other fields (after every key was read).
  std::function<void(R&, RecordFrame<R>&)> finish;
  std::string description;

  const Field<R>* find(std::string_view k, std::size_t& index) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].key == k) {
        index = i;
        return &fields[i];
      }
    return nullptr;
  }
};

/// Reads one object as a record of type R. When the object ends, `done(record, ok, name)` receives
/// it; ok is false when any of its values was wrong (the record is then rejected by the caller).
template <class R>
class RecordFrame final : public Frame {
 public:
  using Done = std::function<void(R&&, bool ok, const std::string& name)>;
  RecordFrame(std::string path, const Table<R>& table, Sink& sink, std::string what, Done done)
      : Frame(std::move(path)), table_(table), sink_(sink), what_(std::move(what)), done_(std::move(done)) {}

  void key(std::string k) override {
    cur_ = nullptr;
    std::size_t i = 0;
    if (const Field<R>* f = table_.find(k, i)) {
      // A key given twice rejects the record: which of the two values would be the record's?
      if (seen_keys_.test(i)) {
        sink_.error_at_key(child_path(path_, k), k, "duplicate key " + quoted_excerpt(k));
        ok_ = false;
      }
      seen_keys_.set(i);
      cur_ = f;
      cur_index_ = i;
    } else {
      if (!unknown_.insert(k).second) {  // a hash set: an object with 100 000 unknown keys stays linear
        sink_.error_at_key(child_path(path_, k), k, "duplicate key " + quoted_excerpt(k));
        ok_ = false;
      }
    }
    key_ = std::move(k);
  }
  void scalar(Scalar v) override {
    if (!cur_) {
      unknown_key();
      return;
    }
    if (cur_->key == "id" && v.type == Scalar::Type::string) name_ = v.text;
    if (v.type == Scalar::Type::null) return;  // null is an absent value
    present_.set(cur_index_);
    cur_->scalar(record_, v, *this);
  }
  std::unique_ptr<Frame> open(bool is_object) override {
    if (!cur_) {
      unknown_key();
      return std::make_unique<SkipFrame>();
    }
    present_.set(cur_index_);
    return cur_->open(record_, is_object, *this);
  }
  void not_an_object(const char* type) override {
    sink_.error(path_, "", std::string("the top level must be an object, not ") + type);
  }
  void close() override {
    if (unknown_count_ > kUnknownNamed)
      sink_.warn(path_, "", std::to_string(unknown_count_ - kUnknownNamed) + " more unknown keys ignored");
    for (std::size_t i = 0; i < table_.fields.size(); ++i)
      if (table_.fields[i].required && !present_.test(i)) missing(table_.fields[i].key);
    if (table_.finish) table_.finish(record_, *this);
    const std::string suffix =
        what_.empty() ? std::string() : " (" + what_ + (name_.empty() ? "" : " '" + excerpt(name_, 40) + "'") + " rejected)";
    for (auto& [path, field, message, with_suffix] : errors_) sink_.error(std::move(path), field, message + (with_suffix ? suffix : ""));
    done_(std::move(record_), ok_, name_);
  }

  // --- for the field readers ---------------------------------------------------------------
  /// An error about `key`'s value (the record's own, when `key` is empty); the record is rejected.
  void fail(std::string_view key, std::string message) {
    errors_.push_back({key.empty() ? path_ : child_path(path_, key), std::string(key), std::move(message), true});
    ok_ = false;
  }
  void missing(std::string_view key) { fail(key, "missing required field \"" + std::string(key) + "\""); }
  /// An error inside a nested value (no "(record rejected)" suffix on the message; the record is rejected).
  void fail_nested(std::string path, std::string_view field, std::string message, bool suffix = false) {
    errors_.push_back({std::move(path), std::string(field), std::move(message), suffix});
    ok_ = false;
  }
  void reject() { ok_ = false; }
  /// Was `key` given (not absent, not null)?
  bool has(std::string_view key) const {
    std::size_t i = 0;
    return table_.find(key, i) && present_.test(i);
  }
  bool ok() const { return ok_; }
  Sink& sink() { return sink_; }
  /// Per-read state a table's fields may need (the framework's section ids); null when none.
  void* context() const { return context_; }
  void set_context(void* c) { context_ = c; }
  const std::string& current_key() const { return key_; }

 private:
  // The first few unknown keys of a record are named one by one; the rest are counted in one warning
  // when the record closes (an object may hold a hundred thousand of them).
  static constexpr std::size_t kUnknownNamed = 10;
  void unknown_key() {
    if (++unknown_count_ <= kUnknownNamed)
      sink_.warn(child_path(path_, key_), key_, "unknown key " + quoted_excerpt(key_) + " ignored");
  }

  struct Pending {
    std::string path, field, message;
    bool suffix;
  };
  const Table<R>& table_;
  Sink& sink_;
  std::string what_;
  Done done_;
  R record_{};
  const Field<R>* cur_ = nullptr;
  std::size_t cur_index_ = 0;
  std::bitset<64> seen_keys_, present_;
  std::unordered_set<std::string> unknown_;
  std::size_t unknown_count_ = 0;
  std::vector<Pending> errors_;
  std::string name_;
  bool ok_ = true;
  void* context_ = nullptr;
};

/// Reads an array whose elements are records of type E. `done` receives each element (even a
/// rejected one, with ok false) and its index.
template <class E>
class RecordArrayFrame final : public Frame {
 public:
  /// `offset`: the byte offset of the record's `{` in the text.
  using Done = std::function<void(E&&, bool ok, const std::string& name, std::size_t index, std::size_t offset)>;
  /// `not_object(type)` is the message for an element that is not an object.
  RecordArrayFrame(std::string path, const Table<E>& table, Sink& sink, std::string what,
                   std::function<void(const std::string& path, const char* type)> not_object, Done done)
      : Frame(std::move(path)), table_(table), sink_(sink), what_(std::move(what)), not_object_(std::move(not_object)),
        done_(std::move(done)) {
    is_array_ = true;
  }
  void scalar(Scalar v) override {
    not_object_(child(), type_name(v.type));
    next();
  }
  std::unique_ptr<Frame> open(bool is_object) override {
    const std::string path = child();
    const std::size_t i = index_, at = opening_;
    next();
    if (!is_object) {
      not_object_(path, object_name(false));
      return std::make_unique<SkipFrame>();
    }
    return std::make_unique<RecordFrame<E>>(path, table_, sink_, what_,
                                            [this, i, at](E&& e, bool ok, const std::string& name) { done_(std::move(e), ok, name, i, at); });
  }

 private:
  const Table<E>& table_;
  Sink& sink_;
  std::string what_;
  std::function<void(const std::string&, const char*)> not_object_;
  Done done_;
};

// ---------------------------------------------------------------------------------------------
// Value checks shared by the builders

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

inline std::string quoted_key(std::string_view k) {
  std::string s(1, '"');  // appended, not "\"" + …: GCC 12 warns falsely (-Wrestrict) on that
  s += k;
  s += '"';
  return s;
}

/// The integer of a scalar, or nullopt after reporting why it is not one.
template <class R>
std::optional<std::int64_t> integer_of(const std::string& key, const Scalar& v, RecordFrame<R>& f) {
  switch (v.type) {
    case Scalar::Type::integer: return v.integer;
    case Scalar::Type::big_integer:
      f.fail(key, quoted_key(key) + " = " + excerpt(v.text) +
                      " is outside the 64-bit integer range (-9223372036854775808..9223372036854775807); it was not kept");
      return std::nullopt;
    case Scalar::Type::floating:
      f.fail(key, quoted_key(key) + " must be a whole number, not " + ojson(v.floating).dump());
      return std::nullopt;
    default: f.fail(key, quoted_key(key) + " must be an integer, not " + type_name(v.type)); return std::nullopt;
  }
}

/// The text of a string scalar, or nullopt after reporting it is not one.
template <class R>
std::optional<std::string> text_of(const std::string& key, Scalar& v, RecordFrame<R>& f) {
  if (v.type != Scalar::Type::string) {
    f.fail(key, quoted_key(key) + " must be a string, not " + type_name(v.type));
    return std::nullopt;
  }
  return std::move(v.text);
}

/// A container where a scalar belongs: reported like a wrong scalar type, then skipped.
template <class R>
std::function<std::unique_ptr<Frame>(R&, bool, RecordFrame<R>&)> no_container(std::string what) {
  return [what = std::move(what)](R&, bool is_object, RecordFrame<R>& f) -> std::unique_ptr<Frame> {
    f.fail(f.current_key(), quoted_key(f.current_key()) + " must be " + what + ", not " + object_name(is_object));
    return std::make_unique<SkipFrame>();
  };
}

inline ojson schema_ref(std::string_view def) { return ojson{{"$ref", "#/$defs/" + std::string(def)}}; }

// ---------------------------------------------------------------------------------------------
// Builders: one per kind of value

/// A string, written when non-empty (or always).
template <class R>
Field<R> text(std::string key, std::string R::*m, bool required = false, Emit emit = Emit::if_set, std::string doc = {}) {
  Field<R> f;
  f.key = key;
  f.required = required;
  f.scalar = [key, m](R& r, Scalar& v, RecordFrame<R>& fr) {
    if (auto t = text_of(key, v, fr)) r.*m = std::move(*t);
  };
  f.open = no_container<R>("a string");
  f.write = [key, m, emit](const R& r, ojson& j) {
    if (emit == Emit::always || !(r.*m).empty()) j[key] = r.*m;
  };
  f.schema = [] { return schema_ref("text"); };
  f.description = std::move(doc);
  return f;
}

/// An id: letters, digits, _ . : - (a reference to another record's id when `reference`).
template <class R>
Field<R> id(std::string key, std::string R::*m, bool required = true, Emit emit = Emit::always, std::string doc = {}) {
  Field<R> f = text<R>(key, m, required, emit, std::move(doc));
  f.scalar = [key, m](R& r, Scalar& v, RecordFrame<R>& fr) {
    auto t = text_of(key, v, fr);
    if (!t) return;
    if (!valid_id(*t))
      fr.fail(key, t->empty() ? quoted_key(key) + " must not be empty"
                              : "invalid id " + quoted_excerpt(*t) + " (letters, digits, _ . : - only)");
    r.*m = std::move(*t);
  };
  f.schema = [] { return schema_ref("id"); };
  return f;
}

/// An integer in [lo, hi] stored in T (int or int64).
template <class R, class T>
Field<R> integer(std::string key, T R::*m, std::int64_t lo, std::int64_t hi, bool required = false,
                 Emit emit = Emit::always, std::string doc = {}) {
  Field<R> f;
  f.key = key;
  f.required = required;
  f.scalar = [key, m, lo, hi](R& r, Scalar& v, RecordFrame<R>& fr) {
    auto n = integer_of(key, v, fr);
    if (!n) return;
    if (*n < lo || *n > hi) {
      fr.fail(key, quoted_key(key) + " = " + std::to_string(*n) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
      return;
    }
    r.*m = static_cast<T>(*n);
  };
  f.open = no_container<R>("an integer");
  f.write = [key, m, emit](const R& r, ojson& j) {
    if (emit == Emit::always || r.*m != T{}) j[key] = r.*m;
  };
  f.schema = [lo, hi] {
    return ojson{{"type", "integer"}, {"minimum", lo}, {"maximum", hi}};
  };
  f.description = std::move(doc);
  return f;
}

/// An optional integer (absent stays empty); `check(n)` returns a message for a value it refuses.
template <class R>
Field<R> optional_integer(std::string key, std::optional<std::int64_t> R::*m,
                          std::function<std::string(std::int64_t)> check = {}, std::string doc = {}) {
  Field<R> f;
  f.key = key;
  f.scalar = [key, m, check](R& r, Scalar& v, RecordFrame<R>& fr) {
    auto n = integer_of(key, v, fr);
    if (!n) return;
    r.*m = *n;
    if (check)
      if (std::string why = check(*n); !why.empty()) fr.fail(key, why);
  };
  f.open = no_container<R>("an integer");
  f.write = [key, m](const R& r, ojson& j) {
    if (r.*m) j[key] = *(r.*m);
  };
  f.schema = [] { return schema_ref("int64"); };
  f.description = std::move(doc);
  return f;
}

/// An ISO date YYYY-MM-DD (optional).
template <class R>
Field<R> date(std::string key, std::optional<Date> R::*m, std::string doc = {}) {
  Field<R> f;
  f.key = key;
  f.scalar = [key, m](R& r, Scalar& v, RecordFrame<R>& fr) {
    auto t = text_of(key, v, fr);
    if (!t || t->empty()) return;
    std::string why;
    if (auto d = parse_iso_date(*t, &why)) r.*m = *d;
    else fr.fail(key, quoted_excerpt(*t) + " is not a valid date: " + why);
  };
  f.open = no_container<R>("a string");
  f.write = [key, m](const R& r, ojson& j) {
    if (r.*m) j[key] = format_iso_date(*(r.*m));
  };
  f.schema = [] { return schema_ref("date"); };
  f.description = std::move(doc);
  return f;
}

/// An exact decimal: a string "99.95", or an integer.
template <class R>
Field<R> decimal(std::string key, std::string R::*m, bool required = false, Emit emit = Emit::if_set, std::string doc = {}) {
  Field<R> f;
  f.key = key;
  f.required = required;
  f.scalar = [key, m](R& r, Scalar& v, RecordFrame<R>& fr) {
    if (v.type == Scalar::Type::integer) {
      r.*m = std::to_string(v.integer);
    } else if (v.type == Scalar::Type::string) {
      if (plain_decimal(v.text)) r.*m = std::move(v.text);
      else fr.fail(key, quoted_excerpt(v.text) + " is not a plain decimal such as \"99.95\"");
    } else {
      fr.fail(key, quoted_key(key) + " must be an exact decimal written as a string (e.g. \"99.95\"), not " +
                       type_name(v.type));
    }
  };
  f.open = no_container<R>("an exact decimal written as a string (e.g. \"99.95\")");
  f.write = [key, m, emit](const R& r, ojson& j) {
    if (emit == Emit::always || !(r.*m).empty()) j[key] = r.*m;
  };
  f.schema = [] { return schema_ref("decimal"); };
  f.description = std::move(doc);
  return f;
}

/// One of a fixed set of names, stored as E.
template <class R, class E>
Field<R> choice(std::string key, E R::*m, std::vector<std::pair<std::string, E>> options, bool required = false,
                Emit emit = Emit::always, std::string doc = {}) {
  Field<R> f;
  f.key = key;
  f.required = required;
  f.scalar = [key, m, options](R& r, Scalar& v, RecordFrame<R>& fr) {
    auto t = text_of(key, v, fr);
    if (!t) return;
    for (const auto& [name, e] : options)
      if (*t == name) {
        r.*m = e;
        return;
      }
    std::string list;
    for (const auto& [name, e] : options) list += (list.empty() ? "" : ", ") + name;
    fr.fail(key, quoted_excerpt(*t) + " is not one of: " + list);
  };
  f.open = no_container<R>("a string");
  f.write = [key, m, options, emit](const R& r, ojson& j) {
    for (const auto& [name, e] : options)
      if (r.*m == e) {
        if (emit == Emit::always || e != E{}) j[key] = name;
        return;
      }
  };
  f.schema = [options] {
    ojson names = ojson::array();
    for (const auto& [name, e] : options) names.push_back(name);
    return ojson{{"enum", names}};
  };
  f.description = std::move(doc);
  return f;
}

/// An array of strings (written when non-empty). `check(s)` returns a message for a string it refuses.
template <class R>
Field<R> strings(std::string key, std::vector<std::string> R::*m, std::function<std::string(const std::string&)> check = {},
                 Emit emit = Emit::if_set, std::string doc = {});

/// A nested object read with its own table; an error inside rejects the record.
template <class R, class S>
Field<R> object(std::string key, S R::*m, const Table<S>& table, bool required = false, Emit emit = Emit::always,
                std::string doc = {});

/// An array of nested objects; `not_object` is the message for an element that is not one.
template <class R, class S>
Field<R> objects(std::string key, std::vector<S> R::*m, const Table<S>& table, std::string not_object,
                 std::string doc = {});

/// Writes a record with its table.
template <class R>
ojson write_record(const Table<R>& table, const R& r) {
  ojson j = ojson::object();
  for (const auto& f : table.fields) f.write(r, j);
  return j;
}

// --- the container builders ------------------------------------------------------------------

/// Reads an array of strings into a vector; a non-string element rejects the record.
template <class R>
class StringsFrame final : public Frame {
 public:
  StringsFrame(std::string path, std::string key, std::vector<std::string>& out, RecordFrame<R>& owner,
               std::function<std::string(const std::string&)> check)
      : Frame(std::move(path)), key_name_(std::move(key)), out_(out), owner_(owner), check_(std::move(check)) {
    is_array_ = true;
  }
  void scalar(Scalar v) override {
    const std::string path = child();
    next();
    if (v.type != Scalar::Type::string) {
      owner_.fail_nested(path, key_name_, "must be a string", true);
      return;
    }
    if (check_)
      if (std::string why = check_(v.text); !why.empty()) owner_.fail(key_name_, why);
    out_.push_back(std::move(v.text));
  }
  std::unique_ptr<Frame> open(bool) override {
    owner_.fail_nested(child(), key_name_, "must be a string", true);
    next();
    return std::make_unique<SkipFrame>();
  }

 private:
  std::string key_name_;
  std::vector<std::string>& out_;
  RecordFrame<R>& owner_;
  std::function<std::string(const std::string&)> check_;
};

template <class R>
Field<R> strings(std::string key, std::vector<std::string> R::*m, std::function<std::string(const std::string&)> check,
                 Emit emit, std::string doc) {
  Field<R> f;
  f.key = key;
  f.scalar = [key](R&, Scalar&, RecordFrame<R>& fr) { fr.fail(key, quoted_key(key) + " must be an array of strings"); };
  f.open = [key, m, check](R& r, bool is_object, RecordFrame<R>& fr) -> std::unique_ptr<Frame> {
    if (is_object) {
      fr.fail(key, quoted_key(key) + " must be an array of strings");
      return std::make_unique<SkipFrame>();
    }
    (r.*m).clear();
    return std::make_unique<StringsFrame<R>>(child_path(fr.path(), key), key, r.*m, fr, check);
  };
  f.write = [key, m, emit](const R& r, ojson& j) {
    if (emit == Emit::always || !(r.*m).empty()) j[key] = r.*m;
  };
  f.schema = [] { return ojson{{"type", ojson::array({"array", "null"})}, {"items", schema_ref("text")}}; };
  f.description = std::move(doc);
  return f;
}

template <class R, class S>
Field<R> object(std::string key, S R::*m, const Table<S>& table, bool required, Emit emit, std::string doc) {
  Field<R> f;
  f.key = key;
  f.required = required;
  f.scalar = [key](R&, Scalar& v, RecordFrame<R>& fr) {
    fr.fail(key, quoted_key(key) + " must be an object, not " + type_name(v.type));
  };
  f.open = [key, m, &table](R& r, bool is_object, RecordFrame<R>& fr) -> std::unique_ptr<Frame> {
    if (!is_object) {
      fr.fail(key, quoted_key(key) + " must be an object, not an array");
      return std::make_unique<SkipFrame>();
    }
    return std::make_unique<RecordFrame<S>>(child_path(fr.path(), key), table, fr.sink(), std::string(),
                                            [&r, m, &fr](S&& s, bool ok, const std::string&) {
                                              r.*m = std::move(s);
                                              if (!ok) fr.reject();
                                            });
  };
  f.write = [key, m, &table, emit](const R& r, ojson& j) {
    if (emit == Emit::always || !(r.*m == S{})) j[key] = write_record(table, r.*m);
  };
  f.schema = [&table] { return schema_ref(table.name); };
  f.description = std::move(doc);
  return f;
}

template <class R, class S>
Field<R> objects(std::string key, std::vector<S> R::*m, const Table<S>& table, std::string not_object, std::string doc) {
  Field<R> f;
  f.key = key;
  f.scalar = [key](R&, Scalar& v, RecordFrame<R>& fr) {
    fr.fail(key, quoted_key(key) + " must be an array, not " + type_name(v.type));
  };
  f.open = [key, m, &table, not_object](R& r, bool is_object, RecordFrame<R>& fr) -> std::unique_ptr<Frame> {
    if (is_object) {
      fr.fail(key, quoted_key(key) + " must be an array, not an object");
      return std::make_unique<SkipFrame>();
    }
    (r.*m).clear();
    return std::make_unique<RecordArrayFrame<S>>(
        child_path(fr.path(), key), table, fr.sink(), std::string(),
        [&fr, key, not_object](const std::string& path, const char*) { fr.fail_nested(path, key, not_object); },
        [&r, m, &fr](S&& s, bool ok, const std::string&, std::size_t, std::size_t) {
          (r.*m).push_back(std::move(s));
          if (!ok) fr.reject();
        });
  };
  f.write = [key, m, &table](const R& r, ojson& j) {
    if ((r.*m).empty()) return;
    ojson a = ojson::array();
    for (const auto& s : r.*m) a.push_back(write_record(table, s));
    j[key] = std::move(a);
  };
  f.schema = [&table] {
    return ojson{{"type", ojson::array({"array", "null"})}, {"items", schema_ref(table.name)}};
  };
  f.description = std::move(doc);
  return f;
}

}  // namespace da06::inline v1::detail::records
