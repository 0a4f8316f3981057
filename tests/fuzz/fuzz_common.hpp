// Shared checks of the libFuzzer targets: the properties every reader promises, whatever the bytes.
//
//   FUZZ_CHECK(cond, what)   a broken property: print what and the condition, then abort (a crash
//                            for libFuzzer, which saves the input as a crash-* artifact)
//   check_located(d, text, file, breaks)
//                            a diagnostic or exception points inside the input: the named file, a
//                            line that exists and a column at most one past that line's end
//
// Exceptions: a target catches only the da06::Error types its reader documents. Anything else that
// escapes (std::bad_alloc, nlohmann::json's exceptions, std::out_of_range) aborts the run: at the faces
// it would be an "internal error", which the reliability contract forbids (docs/reliability.md).
#pragma once

#include <da06/error.hpp>
#include <da06/io.hpp>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#define FUZZ_CHECK(cond, what)                                                                       \
  do {                                                                                               \
    if (!(cond)) ::da06_fuzz::fail(__FILE__, __LINE__, #cond, (what));                             \
  } while (0)

namespace da06_fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* cond, const std::string& what) {
  std::fprintf(stderr, "\n%s:%d: property broken: %s\n  %s\n", file, line, cond, what.c_str());
  std::abort();
}

/// How a reader counts lines: JSON readers end a line at '\n' only; the CSV reader also at a lone '\r'.
enum class Breaks { lf, lf_cr };

/// The byte length of every line of `text`, split the way the reader splits it.
inline std::vector<std::size_t> line_lengths(std::string_view text, Breaks breaks) {
  std::vector<std::size_t> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (breaks == Breaks::lf_cr && text[i] == '\r')) {
      out.push_back(i - start);
      if (breaks == Breaks::lf_cr && text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  out.push_back(text.size() - start);
  return out;
}

/// True when (line, column) names a byte of `text`, or the position just past a line's end.
inline bool inside(int line, int column, const std::vector<std::size_t>& lines) {
  if (line < 1 || static_cast<std::size_t>(line) > lines.size() || column < 1) return false;
  return static_cast<std::size_t>(column) <= lines[static_cast<std::size_t>(line) - 1] + 1;
}

inline std::string describe(const da06::Location& w, const std::string& message) {
  return w.to_string() + " [line " + std::to_string(w.line) + ", column " + std::to_string(w.column) + ", field '" +
         w.field + "']: " + message.substr(0, 300);  // may cut a character: only for the report
}

/// True when `s` is valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF) without a NUL.
inline bool clean_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    unsigned cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr unsigned kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

/// A property a target is excused from while its known defect is open: tests/fuzz/xfail.tsv names them,
/// and run.sh passes them as DA06_FUZZ_XFAIL=property,... ("messages": clean, bounded messages).
inline bool excused(const char* property) {
  static const std::string list = [] {
    const char* e = std::getenv("DA06_FUZZ_XFAIL");
    return e ? "," + std::string(e) + "," : std::string();
  }();
  return list.find("," + std::string(property) + ",") != std::string::npos;
}

/// A message a user can be shown: not empty, valid UTF-8 without a NUL (the C ABI hands messages
/// out as NUL-terminated UTF-8, and Python decodes them strictly), and bounded: bad input is quoted
/// as an excerpt, never whole.
inline void check_message(const da06::Location& w, const std::string& message) {
  FUZZ_CHECK(!message.empty(), "empty message: " + describe(w, message));
  if (excused("messages")) return;
  FUZZ_CHECK(clean_text(message) && clean_text(w.path) && clean_text(w.field),
             "a message or location that is not clean UTF-8 (raw input bytes?): " + describe(w, message));
  FUZZ_CHECK(message.size() <= 4096, "a message of " + std::to_string(message.size()) + " bytes: " + describe(w, message));
}

/// A located error: the file as given, a line and column inside the input, and a clean message.
inline void check_located(const da06::Location& w, const std::string& message, const std::vector<std::size_t>& lines,
                          const std::string& file) {
  FUZZ_CHECK(w.file == file, "wrong file: " + describe(w, message));
  FUZZ_CHECK(inside(w.line, w.column, lines), "position outside the input: " + describe(w, message));
  check_message(w, message);
}

inline std::size_t error_count(const std::vector<da06::Diagnostic>& ds) {
  std::size_t n = 0;
  for (const auto& d : ds) n += d.severity == da06::Severity::error;
  return n;
}

/// A CSV field as RFC 4180 writes it: quoted when it holds a separator, a quote, a line break or
/// leading/trailing blanks (which the readers would trim), quotes doubled.
inline std::string csv_field(std::string_view s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t'));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

/// Data rows of a CSV table as the readers see them: records after the header, blank lines skipped.
/// A field that starts with '"' is quoted ("" inside is a quote) and may span lines, so record ends are
/// counted outside quotes only. (A plain count, independent of the readers' code.)
inline std::size_t csv_data_rows(std::string_view t) {
  std::size_t records = 0, i = t.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  bool field_start = true, any = false;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '"' && field_start) {
      any = true;
      for (++i; i < t.size(); ++i)
        if (t[i] == '"' && !(i + 1 < t.size() && t[i + 1] == '"')) break;
        else if (t[i] == '"') ++i;
      field_start = false;
      continue;
    }
    if (c == '\n' || c == '\r') {
      records += any;
      any = false;
      field_start = true;
    } else {
      any = true;
      field_start = c == ',';
    }
  }
  records += any;
  return records == 0 ? 0 : records - 1;
}

}  // namespace da06_fuzz
