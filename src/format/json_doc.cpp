// Internal: JSON parsing with value positions (see json_doc.hpp).
#include "json_doc.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_set>

namespace da06::inline v1::detail {

namespace {

// A C0 control character: a path or message holding one would print it raw.
bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

bool plain_key(std::string_view k) {
  if (k.empty() || !(std::isalpha(static_cast<unsigned char>(k[0])) || k[0] == '_')) return false;
  return std::all_of(k.begin(), k.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}


bool token_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; }

/// Where the value the parser just read started, from the parser's cursor.
class Cursor {
 public:
  Cursor(std::string_view text, const char** cursor) : text_(text), cursor_(cursor) {}
  std::size_t offset() const { return static_cast<std::size_t>(*cursor_ - text_.data()); }
  std::size_t token_end() const {
    std::size_t e = offset();
    if (e > 0 && !token_char(text_[e - 1])) --e;  // the lexer reads one character past a number
    return e;
  }
  std::size_t scalar_start() const {
    std::size_t s = token_end();
    while (s > 0 && token_char(text_[s - 1])) --s;
    return s;
  }
  std::size_t string_start() const {
    // The closing quote was the last character read; walk back to the unescaped opening quote.
    std::size_t e = offset();
    if (e == 0) return 0;
    std::size_t i = e - 1;
    while (i > 0) {
      --i;
      if (text_[i] == '"') {
        std::size_t bs = 0;
        while (i >= bs + 1 && text_[i - bs - 1] == '\\') ++bs;
        if (bs % 2 == 0) return i;
      }
    }
    return 0;
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  const char** cursor_;
};

/// Builds the DOM. Frames keep only their key, so memory is that of the DOM; paths are built only
/// for the rare values that need one (big integers, duplicate keys, errors).
class DomSax {
 public:
  using json = nlohmann::json;
  DomSax(Cursor cur, JsonDoc& doc, std::size_t max_depth) : cur_(cur), doc_(doc), max_depth_(max_depth) {}

  bool null() { return place(json(nullptr)); }
  bool boolean(bool v) { return place(json(v)); }
  bool number_integer(json::number_integer_t v) { return place(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) {
    if (v > static_cast<json::number_unsigned_t>(INT64_MAX)) {
      std::size_t at = cur_.scalar_start();
      doc_.big_integers[next_path()] = std::string(cur_.text().substr(at, cur_.token_end() - at));
    }
    return place(json(v));
  }
  bool number_float(json::number_float_t v, const std::string& raw) {
    if (raw.find_first_of(".eE") == std::string::npos) doc_.big_integers[next_path()] = raw;  // integer past uint64
    return place(json(v));
  }
  bool string(std::string& v) { return place(json(std::move(v))); }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    Frame& f = stack_.back();
    if (f.node->contains(k))
      doc_.problems.push_back({cur_.string_start(), child_path(container_path(stack_.size() - 1), k),
                               "duplicate key \"" + excerpt(k) + "\""});
    f.key = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    error_offset_ = position == 0 ? 0 : position - 1;
    std::string m = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> the tail
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'" -> the text after the tag
    auto p = m.find("parse error") == std::string::npos ? std::string::npos : m.find(": ", m.find("parse error"));
    if (p != std::string::npos) error_message_ = m.substr(p + 2);
    else if (auto tag = m.find("] "); m.rfind("[json.exception", 0) == 0 && tag != std::string::npos) error_message_ = m.substr(tag + 2);
    else error_message_ = m;
    error_path_ = next_path();
    return false;
  }

  std::size_t error_offset_ = 0;
  std::string error_message_, error_path_;

 private:
  struct Frame {
    json* node;
    std::string key;
  };

  // The path of the container stack_[d].
  std::string container_path(std::size_t d) const {
    std::string p = "$";
    for (std::size_t i = 1; i <= d; ++i) {
      const Frame& parent = stack_[i - 1];
      p = parent.node->is_object() ? child_path(p, parent.key) : child_path(p, parent.node->size() - 1);
    }
    return p;
  }
  // The path of the value the parser reads next.
  std::string next_path() const {
    if (stack_.empty()) return "$";
    const Frame& f = stack_.back();
    std::string parent = container_path(stack_.size() - 1);
    return f.node->is_object() ? child_path(parent, f.key) : child_path(parent, f.node->size());
  }
  json* attach(json v) {
    if (stack_.empty()) {
      doc_.root = std::move(v);
      return &doc_.root;
    }
    Frame& f = stack_.back();
    if (f.node->is_object()) {
      json& slot = (*f.node)[f.key];
      slot = std::move(v);
      return &slot;
    }
    f.node->push_back(std::move(v));
    return &f.node->back();
  }
  bool place(json v) {
    attach(std::move(v));
    return true;
  }
  bool open(json v) {
    if (stack_.size() >= max_depth_) {
      error_offset_ = cur_.offset() == 0 ? 0 : cur_.offset() - 1;
      error_message_ = "nesting deeper than " + std::to_string(max_depth_) + " levels (InputLimits::max_depth)";
      error_path_ = next_path();
      too_deep_ = true;
      return false;
    }
    json* node = attach(std::move(v));
    stack_.push_back({node, {}});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  Cursor cur_;
  JsonDoc& doc_;
  std::size_t max_depth_;
  std::vector<Frame> stack_;

 public:
  bool too_deep_ = false;
};

/// Records the start of the values whose path is wanted. Only containers with a wanted path below
/// them (`descend`) build their children's paths: a wanted record's own members are not looked up.
class LocateSax {
 public:
  using json = nlohmann::json;
  LocateSax(Cursor cur, const std::unordered_set<std::string>& wanted, const std::unordered_set<std::string>& descend,
            std::unordered_map<std::string, std::size_t>& found)
      : cur_(cur), wanted_(wanted), descend_(descend), found_(found) {}

  bool null() { return value(cur_.scalar_start()); }
  bool boolean(bool) { return value(cur_.scalar_start()); }
  bool number_integer(json::number_integer_t) { return value(cur_.scalar_start()); }
  bool number_unsigned(json::number_unsigned_t) { return value(cur_.scalar_start()); }
  bool number_float(json::number_float_t, const std::string&) { return value(cur_.scalar_start()); }
  bool string(std::string&) { return value(cur_.string_start()); }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    Frame& f = stack_.back();
    if (!f.wanted) return true;
    if (std::string kp = key_path(child_path(f.path, k)); wanted_.count(kp)) found_[kp] = cur_.string_start();
    f.key = std::move(k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  struct Frame {
    bool object;
    bool wanted;  // is this container's path a strict prefix of a wanted path?
    std::string path, key;
    std::size_t count = 0;
  };
  // The path of the value starting now, or empty when no wanted path lies below its parent.
  std::string next_path() {
    if (stack_.empty()) return "$";
    Frame& f = stack_.back();
    std::size_t index = f.count++;
    if (!f.wanted) return {};
    return f.object ? child_path(f.path, f.key) : child_path(f.path, index);
  }
  bool value(std::size_t at) {
    std::string p = next_path();
    if (!p.empty() && wanted_.count(p)) found_[p] = at;
    return true;
  }
  bool open(bool object) {
    std::size_t at = cur_.offset() == 0 ? 0 : cur_.offset() - 1;
    std::string p = next_path();
    if (!p.empty() && wanted_.count(p)) found_[p] = at;
    const bool below = !p.empty() && descend_.count(p);
    stack_.push_back({object, below, below ? std::move(p) : std::string(), {}, 0});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  Cursor cur_;
  const std::unordered_set<std::string>& wanted_;
  const std::unordered_set<std::string>& descend_;
  std::unordered_map<std::string, std::size_t>& found_;
  std::vector<Frame> stack_;
};

}  // namespace

std::string child_path(const std::string& parent, std::string_view key) {
  if (plain_key(key)) return parent + "." + std::string(key);
  // A key with control characters (a JSON "\u0001") or a very long one is shown as its bounded,
  // escaped excerpt: a path is printed in messages. locate_json_paths builds its paths here too, so
  // the two still meet.
  std::string shown;
  if (key.size() > 120 || has_control(key)) {
    shown = excerpt(key, 100);
    key = shown;
  }
  std::string s = parent + "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') s += '\\';
    s += c;
  }
  return s + "\"]";
}
std::string child_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::vector<std::string> path_and_parents(const std::string& path) {
  // Segments: ".name", "[123]" or ["quoted \" key"]; the ends of the segments give the prefixes.
  std::vector<std::size_t> ends;
  std::size_t i = path.rfind('$', 0) == 0 ? 1 : 0;
  ends.push_back(i);
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      while (i < path.size() && path[i] != '.' && path[i] != '[') ++i;
    } else if (path[i] == '[' && i + 1 < path.size() && path[i + 1] == '"') {
      i += 2;
      while (i < path.size() && path[i] != '"') i += path[i] == '\\' ? 2 : 1;
      i = std::min(path.size(), i + 2);  // past `"]`
    } else if (path[i] == '[') {
      while (i < path.size() && path[i] != ']') ++i;
      i = std::min(path.size(), i + 1);
    } else {
      break;  // not a path we built: treat the rest as one segment
    }
    ends.push_back(i);
  }
  if (ends.back() != path.size()) ends.push_back(path.size());
  std::vector<std::string> out;
  for (auto it = ends.rbegin(); it != ends.rend(); ++it)
    if (*it > 0 || path.empty()) out.push_back(path.substr(0, *it));
  return out;
}

JsonDoc parse_json_with_positions(std::string_view text, const std::string& file, const LineIndex& lines,
                                  const InputLimits& limits) {
  JsonDoc doc;
  auto fail = [&](std::size_t off, std::string path, std::string msg) -> JsonDoc {
    Location loc;
    loc.file = file;
    lines.locate(off, loc.line, loc.column);
    loc.path = std::move(path);
    throw ParseError(std::move(msg), std::move(loc));
  };
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return fail(0, "$", text.empty() ? "empty file: expected a JSON object" : "file holds only white space: expected a JSON object");
  if (auto [why, at] = check_text(text); !why.empty()) return fail(at, "$", why);

  const char* cursor = text.data();
  DomSax sax(Cursor(text, &cursor), doc, limits.max_depth);
  CountingIterator first{text.data(), &cursor}, last{text.data() + text.size(), nullptr};
  bool ok = nlohmann::json::sax_parse(first, last, &sax, nlohmann::json::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/true);
  if (!ok) {
    tidy_parse_error(text, sax.error_offset_, sax.error_message_);
    return fail(sax.error_offset_, sax.error_path_, sax.error_message_);
  }
  return doc;
}

void tidy_parse_error(std::string_view text, std::size_t& offset, std::string& message) {
  // nlohmann's "last read: '…'" quotes raw input bytes, possibly half a UTF-8 sequence: escape them.
  if (message.size() > 240 || find_invalid_utf8(message) != std::string::npos ||
      has_control(message))
    message = excerpt(message, 200);
  if (message.rfind("number overflow", 0) != 0 || text.empty()) return;
  auto numeric = [](char c) { return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E'; };
  std::size_t end = std::min(offset, text.size() - 1);
  while (end > 0 && !numeric(text[end])) --end;  // the parser may have read one byte past the literal
  if (!numeric(text[end])) return;
  std::size_t begin = end;
  while (begin > 0 && numeric(text[begin - 1])) --begin;
  offset = begin;
  message = "number overflow parsing ";
  message.append(quoted_excerpt(text.substr(begin, end - begin + 1), 40));
  message.append(": out of the range of a double");
}

std::vector<std::size_t> locate_json_paths(std::string_view text, const std::vector<std::string>& paths) {
  // wanted: every path asked for and its parents (a fallback when it is not found); descend: the
  // strict parents of each path, the containers whose children's paths must be built.
  std::unordered_set<std::string> wanted, descend;
  std::vector<std::vector<std::string>> chains;
  chains.reserve(paths.size());
  wanted.reserve(paths.size() * 2);
  for (const auto& p : paths) {
    const bool at_key = !p.empty() && p.back() == '~';  // key_path: the key, else where its value or a parent is
    if (at_key) {
      chains.push_back({p});
      for (auto& q : path_and_parents(p.substr(0, p.size() - 1))) chains.back().push_back(std::move(q));
    } else {
      chains.push_back(path_and_parents(p));
    }
    const auto& c = chains.back();
    wanted.insert(c.begin(), c.end());
    descend.insert(c.begin() + (at_key ? 2 : 1), c.end());
  }
  std::unordered_map<std::string, std::size_t> found;
  const char* cursor = text.data();
  LocateSax sax(Cursor(text, &cursor), wanted, descend, found);
  CountingIterator first{text.data(), &cursor}, last{text.data() + text.size(), nullptr};
  nlohmann::json::sax_parse(first, last, &sax, nlohmann::json::input_format_t::json, /*strict=*/false,
                            /*ignore_comments=*/true);
  std::vector<std::size_t> out(paths.size(), 0);
  for (std::size_t i = 0; i < paths.size(); ++i)
    for (const auto& p : chains[i])
      if (auto it = found.find(p); it != found.end()) {
        out[i] = it->second;
        break;
      }
  return out;
}

}  // namespace da06::inline v1::detail
