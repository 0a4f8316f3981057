// Internal: parse JSON (with comments) into nlohmann::json while remembering where every value starts,
// so that later semantic errors can say FILE:LINE:COL. nlohmann/json 3.11.2 (Debian 12) has no
// position diagnostics (JSON_DIAGNOSTIC_POSITIONS arrived in 3.12), hence this SAX layer.
#pragma once

#include "da06/error.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace da06::detail {

/// Maps byte offsets to 1-based line and column (columns count code points, not bytes).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  void locate(std::size_t offset, int& line, int& column) const;
  std::string_view line_text(int line) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

/// Offset of the first byte that is not valid UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view text);

/// A parsed document: the DOM, each value's start offset by path, and integer literals
/// too large for int64 (kept as their raw text, so no value is ever silently rounded).
struct JsonDoc {
  nlohmann::json root;
  std::unordered_map<std::string, std::size_t> offsets;  // "$.tasks[0].id" -> byte offset
  std::unordered_map<std::string, std::string> big_integers;
  struct Problem {
    std::size_t offset;
    std::string path;
    std::string message;
  };
  std::vector<Problem> problems;  // duplicate keys, …: reported, parsing continues
};

/// Parse `text`. On a syntax error, throws ParseError whose Location has line/column/path set.
JsonDoc parse_json_with_positions(std::string_view text, const std::string& file, const LineIndex& lines);

/// "$" + ".key" or "[3]" or ["odd key"].
std::string child_path(const std::string& parent, std::string_view key);
std::string child_path(const std::string& parent, std::size_t index);

}  // namespace da06::detail
