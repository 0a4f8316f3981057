// Internal: a small RFC 4180 CSV reader that remembers where each field starts (line, column),
// so that every row error can be reported as FILE:LINE:COL: field: message. Tables with a header
// are read through read_table (table.hpp), which every CSV format of da06 uses.
#pragma once

#include "da06/error.hpp"
#include "text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06::inline v1::detail {

struct CsvField {
  std::string text;
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points (as LineIndex and the JSON readers count them)
};
struct CsvRow {
  std::vector<CsvField> fields;
  int line = 0;
  int end_line = 0, end_column = 0;  // just after the record's last byte (a quoted field may span lines)
  /// Where a missing field would start: just after the record.
  CsvField end() const { return CsvField{"", end_line, end_column}; }
};

/// Reads records one at a time. Quoted fields may hold the separator, '"' (doubled) and newlines.
/// A UTF-8 BOM is skipped (columns on line 1 start after it); "\r\n", "\n" and a lone "\r" end a
/// record (and count as one line, inside quotes too); blank lines are skipped. The separator is ',' unless told otherwise (';' for Excel on a locale
/// whose decimal separator is ',', such as Vietnamese).
class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char separator = ',') : t_(text), sep_(separator) {
    if (t_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  }
  /// False at the end. On an unterminated quote, throws ParseError with line and column.
  bool next(CsvRow& row, const std::string& file) {
    row.fields.clear();
    while (i_ < t_.size() && (t_[i_] == '\n' || t_[i_] == '\r')) newline();
    if (i_ >= t_.size()) return false;
    row.line = line_;
    for (;;) {
      CsvField f;
      f.line = line_;
      f.column = col_;
      if (i_ < t_.size() && t_[i_] == '"') {
        int ql = line_, qc = col_;
        advance();
        for (;;) {
          if (i_ >= t_.size()) throw ParseError("unterminated quoted field", Location{file, ql, qc, "", ""});
          char c = t_[i_];
          if (c == '"') {
            if (i_ + 1 < t_.size() && t_[i_ + 1] == '"') {
              f.text += '"';
              advance();
              advance();
              continue;
            }
            advance();
            break;
          }
          if (c == '\n' || c == '\r') {
            // A line break inside quotes is data, and still a line for locations: "\r\n", "\n" and a lone
            // "\r" alike, as outside quotes.
            f.text += c;
            if (c == '\r' && i_ + 1 < t_.size() && t_[i_ + 1] == '\n') f.text += '\n';
            newline();
            continue;
          }
          f.text += c;
          advance();
        }
        // Text after the closing quote up to the separator is kept (lenient), e.g. "a"b -> ab.
        while (i_ < t_.size() && t_[i_] != sep_ && t_[i_] != '\n' && t_[i_] != '\r') f.text += t_[i_], advance();
      } else {
        while (i_ < t_.size() && t_[i_] != sep_ && t_[i_] != '\n' && t_[i_] != '\r') f.text += t_[i_], advance();
      }
      row.fields.push_back(std::move(f));
      if (i_ < t_.size() && t_[i_] == sep_) {
        advance();
        continue;
      }
      row.end_line = line_;
      row.end_column = col_;
      if (i_ < t_.size()) newline();
      return true;
    }
  }

 private:
  void advance() {
    // Columns count code points: a UTF-8 continuation byte does not start a new column.
    if ((static_cast<unsigned char>(t_[i_]) & 0xC0) != 0x80) ++col_;
    ++i_;
  }
  void newline() {
    if (t_[i_] == '\r' && i_ + 1 < t_.size() && t_[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
    col_ = 1;
  }
  std::string_view t_;
  char sep_;
  std::size_t i_ = 0;
  int line_ = 1, col_ = 1;
};

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

inline Diagnostic csv_error(const std::string& file, const CsvField& f, std::string_view field, std::string message) {
  Diagnostic d;
  d.severity = Severity::error;
  d.where = Location{file, f.line, f.column, std::string(field), std::string(field)};
  d.message = std::move(message);
  return d;
}

/// The character of `s` at byte i, whole (all the bytes of its UTF-8 sequence), for messages.
inline std::string_view char_at(std::string_view s, std::size_t i) {
  std::size_t e = i + 1;
  while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) ++e;
  return s.substr(i, e - i);
}

/// A decimal integer that fits in int64 (optional leading '-'); nullopt with `error` otherwise.
inline std::optional<std::int64_t> parse_int64(std::string_view s, std::string& error) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i == s.size()) {
    error = s.empty() ? "empty (expected an integer)" : quoted_excerpt(s, 40) + " is not an integer";
    return std::nullopt;
  }
  std::uint64_t v = 0;
  const std::uint64_t lim = neg ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') {
      error = quoted_excerpt(s, 40) + " is not an integer (unexpected '" + excerpt(char_at(s, i)) + "')";
      return std::nullopt;
    }
    unsigned dgt = static_cast<unsigned>(s[i] - '0');
    if (v > (lim - dgt) / 10) {
      error = quoted_excerpt(s, 40) + " does not fit in a signed 64-bit integer";
      return std::nullopt;
    }
    v = v * 10 + dgt;
  }
  return neg ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
}

}  // namespace da06::inline v1::detail
