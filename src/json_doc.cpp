// Internal: JSON parsing with value positions (see json_doc.hpp).
#include "json_doc.hpp"

#include <algorithm>
#include <iterator>

namespace da06::detail {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

void LineIndex::locate(std::size_t offset, int& line, int& column) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t li = static_cast<std::size_t>(it - starts_.begin()) - 1;
  line = static_cast<int>(li) + 1;
  int col = 1;
  for (std::size_t i = starts_[li]; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;  // count code points
  column = col;
}

std::string_view LineIndex::line_text(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return {};
  std::size_t b = starts_[static_cast<std::size_t>(line) - 1];
  std::size_t e = static_cast<std::size_t>(line) < starts_.size() ? starts_[static_cast<std::size_t>(line)] - 1
                                                                     : text_.size();
  return text_.substr(b, e - b);
}

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    int len;
    unsigned min;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return i;
    if (i + static_cast<std::size_t>(len) > n) return i;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += static_cast<std::size_t>(len);
  }
  return std::string_view::npos;
}

namespace {

bool plain_key(std::string_view k) {
  if (k.empty() || !(std::isalpha(static_cast<unsigned char>(k[0])) || k[0] == '_')) return false;
  return std::all_of(k.begin(), k.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// A char iterator that publishes how far the parser has read, so SAX callbacks know where they are.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  const char* p = nullptr;
  const char** shared = nullptr;
  reference operator*() const { return *p; }
  CountingIterator& operator++() {
    ++p;
    if (shared) *shared = p;
    return *this;
  }
  CountingIterator operator++(int) {
    auto t = *this;
    ++*this;
    return t;
  }
  bool operator==(const CountingIterator& o) const { return p == o.p; }
  bool operator!=(const CountingIterator& o) const { return p != o.p; }
};

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

class PositionSax {
 public:
  using json = nlohmann::json;
  PositionSax(std::string_view text, const char** cursor, JsonDoc& doc) : text_(text), cursor_(cursor), doc_(doc) {}

  bool null() { return scalar(json(nullptr), scalar_start()); }
  bool boolean(bool v) { return scalar(json(v), scalar_start()); }
  bool number_integer(json::number_integer_t v) { return scalar(json(v), scalar_start()); }
  bool number_unsigned(json::number_unsigned_t v) {
    std::size_t at = scalar_start();
    std::string path = next_path();
    if (v > static_cast<json::number_unsigned_t>(INT64_MAX))
      doc_.big_integers[path] = std::string(text_.substr(at, token_end() - at));
    return place(json(v), at, std::move(path));
  }
  bool number_float(json::number_float_t v, const std::string& raw) {
    std::size_t at = scalar_start();
    std::string path = next_path();
    if (raw.find_first_of(".eE") == std::string::npos) doc_.big_integers[path] = raw;  // integer past uint64
    return place(json(v), at, std::move(path));
  }
  bool string(std::string& v) { return scalar(json(std::move(v)), string_start()); }
  bool binary(json::binary_t&) { return true; }

  bool start_object(std::size_t) { return open(json::object(), offset() - 1); }
  bool start_array(std::size_t) { return open(json::array(), offset() - 1); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    Frame& f = stack_.back();
    std::size_t at = string_start();
    std::string path = child_path(f.path, k);
    if (f.node->contains(k)) doc_.problems.push_back({at, path, "duplicate key \"" + k + "\" (the later value is used)"});
    f.key = k;
    doc_.offsets[path] = at;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    error_offset_ = position == 0 ? 0 : position - 1;
    std::string m = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> the tail
    auto p = m.find(": ", m.find("parse error"));
    error_message_ = p == std::string::npos ? m : m.substr(p + 2);
    error_path_ = stack_.empty() ? "$" : (stack_.back().node->is_object() && !stack_.back().key.empty()
                                               ? child_path(stack_.back().path, stack_.back().key)
                                               : stack_.back().path);
    return false;
  }

  std::size_t error_offset_ = 0;
  std::string error_message_, error_path_;

 private:
  struct Frame {
    json* node;
    std::string path;
    std::string key;
  };

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
  std::string next_path() const {
    if (stack_.empty()) return "$";
    const Frame& f = stack_.back();
    if (f.node->is_object()) return child_path(f.path, f.key);
    return child_path(f.path, f.node->size());
  }
  bool scalar(json v, std::size_t at) { return place(std::move(v), at, next_path()); }
  bool place(json v, std::size_t at, std::string path) {
    doc_.offsets[path] = at;
    if (stack_.empty()) {
      doc_.root = std::move(v);
      return true;
    }
    Frame& f = stack_.back();
    if (f.node->is_object())
      (*f.node)[f.key] = std::move(v);
    else
      f.node->push_back(std::move(v));
    return true;
  }
  bool open(json v, std::size_t at) {
    std::string path = next_path();
    doc_.offsets[path] = at;
    json* node;
    if (stack_.empty()) {
      doc_.root = std::move(v);
      node = &doc_.root;
    } else {
      Frame& f = stack_.back();
      if (f.node->is_object()) {
        (*f.node)[f.key] = std::move(v);
        node = &(*f.node)[f.key];
      } else {
        f.node->push_back(std::move(v));
        node = &f.node->back();
      }
    }
    stack_.push_back({node, std::move(path), {}});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::string_view text_;
  const char** cursor_;
  JsonDoc& doc_;
  std::vector<Frame> stack_;
};

}  // namespace

std::string child_path(const std::string& parent, std::string_view key) {
  if (plain_key(key)) return parent + "." + std::string(key);
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

JsonDoc parse_json_with_positions(std::string_view text, const std::string& file, const LineIndex& lines) {
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
  if (auto bad = find_invalid_utf8(text); bad != std::string_view::npos)
    return fail(bad, "$", "the file is not valid UTF-8 (byte 0x" + [&] {
      const char* hex = "0123456789ABCDEF";
      unsigned char c = static_cast<unsigned char>(text[bad]);
      return std::string{hex[c >> 4], hex[c & 15]};
    }() + " at offset " + std::to_string(bad) + "); save it as UTF-8");

  const char* cursor = text.data();
  PositionSax sax(text, &cursor, doc);
  CountingIterator first{text.data(), &cursor}, last{text.data() + text.size(), nullptr};
  bool ok = nlohmann::json::sax_parse(first, last, &sax, nlohmann::json::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/true);
  if (!ok) return fail(sax.error_offset_, sax.error_path_, sax.error_message_);
  return doc;
}

}  // namespace da06::detail
