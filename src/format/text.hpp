// Internal: what every reader does with raw text before it parses it — reading a file within the
// size limit, checking UTF-8 and NUL bytes, turning byte offsets into line and column, and quoting
// a bounded excerpt of bad input in a message.
#pragma once

#include "da06/error.hpp"
#include "da06/input.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace da06::inline v1::detail {

/// Reads a whole file (a regular file, a pipe or a device) as bytes. Throws DataError located at
/// `path` when it cannot be opened or holds more than `limits.max_bytes`: the read stops at the limit.
std::string read_file(const std::string& path, const InputLimits& limits);

/// At most `max_chars` code points of `s` (cut on a character boundary), followed by
/// "… (N bytes)" when cut. Invalid UTF-8 bytes are shown as \xHH.
std::string excerpt(std::string_view s, std::size_t max_chars = 60);
/// `excerpt(s)` between double quotes.
std::string quoted_excerpt(std::string_view s, std::size_t max_chars = 60);

/// `s` with ASCII capitals lowered ("MaDonVi" → "madonvi"); other bytes, Vietnamese letters among
/// them, are kept as they are.
std::string lower_ascii(std::string_view s);

/// Offset of the first byte that is not valid UTF-8 (overlongs, surrogates and > U+10FFFF are
/// invalid), or npos.
std::size_t find_invalid_utf8(std::string_view text);
/// The reason text is unusable as UTF-8 text input, with the byte offset, or an empty message:
/// invalid UTF-8, or a NUL byte (text formats never hold one; bytes after it would be ignored by
/// some parsers). A UTF-16 byte-order mark is named as such.
std::pair<std::string, std::size_t> check_text(std::string_view text);

/// Maps byte offsets to 1-based line and column. Columns count code points (not bytes) from the
/// start of the line, as editors show them.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  void locate(std::size_t offset, int& line, int& column) const;
  /// Locates many offsets in one pass over their lines: columns on a long line are counted once,
  /// not once per offset.
  std::vector<std::pair<int, int>> locate_all(const std::vector<std::size_t>& offsets) const;
  std::string_view line_text(int line) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

}  // namespace da06::inline v1::detail
