// Internal: parse JSON (with comments) into nlohmann::json, and find where values start so that
// semantic errors can say FILE:LINE:COL. nlohmann/json 3.11.2 (Debian 12) has no position
// diagnostics (JSON_DIAGNOSTIC_POSITIONS arrived in 3.12) and no per-value base class (3.11.3),
// hence this SAX layer.
//
// Positions are not stored per value while parsing (a path string per value costs more memory than
// the document itself on a large file); `locate_json_paths` finds the few that diagnostics need, in
// one more pass over the text. Memory is linear in the input, and nesting is bounded by
// InputLimits::max_depth.
#pragma once

#include "da06/error.hpp"
#include "da06/input.hpp"
#include "text.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace da06::inline v1::detail {

/// A parsed document: the DOM, integer literals too large for int64 (kept as their raw text, so no
/// value is ever silently rounded), and problems found on the way (duplicate keys).
struct JsonDoc {
  nlohmann::json root;
  std::unordered_map<std::string, std::string> big_integers;  // "$.observations[3].value" -> "1e400"
  struct Problem {
    std::size_t offset;
    std::string path;
    std::string message;
  };
  std::vector<Problem> problems;
};

/// Parse `text`. On a syntax error, too deep a nesting, invalid UTF-8 or a NUL byte, throws
/// ParseError whose Location has line, column and path set.
JsonDoc parse_json_with_positions(std::string_view text, const std::string& file, const LineIndex& lines,
                                  const InputLimits& limits = {});

/// nlohmann's parse error as da06 reports it. nlohmann reports it at the byte after its token: a
/// number too large for a double ("number overflow parsing '1e400'") is moved to its literal's first
/// byte, and the literal quoted as a bounded excerpt. Every message is bounded (nlohmann quotes the
/// last token read whole, which may be a megabyte-long string).
void tidy_parse_error(std::string_view text, std::size_t& offset, std::string& message);

/// For each of `paths` (as built by child_path), the byte offset in `text` where that value starts;
/// a path that does not exist gets the offset of its nearest enclosing value that does. One pass.
// A char iterator that publishes how far the parser has read, so SAX callbacks and errors know where they are.
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

/// A path given as key_path(p) is located at the key of the member p (the last one, for a repeated key).
std::vector<std::size_t> locate_json_paths(std::string_view text, const std::vector<std::string>& paths);
/// The path of the key of the member at `path` ("$.a.b" → its key "b"), for locate_json_paths.
inline std::string key_path(const std::string& path) { return path + "~"; }

/// "$" + ".key" or "[3]" or ["odd key"].
std::string child_path(const std::string& parent, std::string_view key);
std::string child_path(const std::string& parent, std::size_t index);
/// The path itself and every enclosing path, longest first ("$.a[1].b" → "$.a[1].b", "$.a[1]", "$.a", "$").
std::vector<std::string> path_and_parents(const std::string& path);

}  // namespace da06::inline v1::detail
