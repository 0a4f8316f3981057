// Internal: raw text input shared by every reader (see text.hpp).
#include "text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace da06::inline v1::detail {

namespace {
std::string hex_byte(unsigned char c) {
  const char* hex = "0123456789ABCDEF";
  return std::string{hex[c >> 4], hex[c & 15]};
}
std::size_t utf8_length(std::string_view s, std::size_t i) {
  // Length of the valid UTF-8 sequence at i, or 0.
  const std::size_t n = s.size();
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t len;
  unsigned cp, min;
  if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
  else return 0;
  if (i + len > n) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}
std::string with_unit(std::size_t n) {
  if (n >= (std::size_t{1} << 20) && n % (std::size_t{1} << 20) == 0) return std::to_string(n >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}
}  // namespace

std::string read_file(const std::string& path, const InputLimits& limits) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw DataError(std::string("cannot open the file: ") + std::strerror(errno), Location{path, 0, 0, "", ""});
  std::string out;
  char buf[1 << 16];
  for (;;) {
    std::size_t got = std::fread(buf, 1, sizeof buf, f.get());
    if (got == 0) {
      if (std::ferror(f.get())) throw DataError("cannot read the file", Location{path, 0, 0, "", ""});
      break;
    }
    if (out.size() + got > limits.max_bytes)
      throw DataError("the input is larger than the limit of " + with_unit(limits.max_bytes) +
                          " (raise it with --max-input-bytes, or InputLimits::max_bytes)",
                      Location{path, 0, 0, "", ""});
    out.append(buf, got);
  }
  return out;
}

std::string excerpt(std::string_view s, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0, i = 0;
  while (i < s.size()) {
    if (chars == max_chars) return out + "… (" + std::to_string(s.size()) + " bytes)";
    std::size_t len = utf8_length(s, i);
    if (len == 0) {
      out += "\\x" + hex_byte(static_cast<unsigned char>(s[i]));
      len = 1;
    } else if (len == 1 && static_cast<unsigned char>(s[i]) < 0x20) {
      out += s[i] == '\n' ? "\\n" : s[i] == '\t' ? "\\t" : s[i] == '\r' ? "\\r" : "\\x" + hex_byte(static_cast<unsigned char>(s[i]));
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
    ++chars;
  }
  return out;
}

std::string quoted_excerpt(std::string_view s, std::size_t max_chars) {
  std::string out(1, '"');  // appended, not "\"" + …: GCC 12 warns falsely (-Wstringop-overflow) on that
  out += excerpt(s, max_chars);
  out += '"';
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t find_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = utf8_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::pair<std::string, std::size_t> check_text(std::string_view text) {
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    return {"the input is UTF-16 (it starts with a UTF-16 byte-order mark); da06 reads UTF-8", 0};
  if (std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos)
    return {"the input is not valid UTF-8 (byte 0x" + hex_byte(static_cast<unsigned char>(text[bad])) + " at offset " +
                std::to_string(bad) + ")",
            bad};
  if (std::size_t nul = text.find('\0'); nul != std::string_view::npos)
    return {"a NUL byte at offset " + std::to_string(nul) + " (text input holds none; is this a binary file?)", nul};
  return {{}, 0};
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

void LineIndex::locate(std::size_t offset, int& line, int& column) const {
  auto r = locate_all({offset});
  line = r[0].first;
  column = r[0].second;
}

std::vector<std::pair<int, int>> LineIndex::locate_all(const std::vector<std::size_t>& offsets) const {
  std::vector<std::size_t> order(offsets.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
  std::vector<std::pair<int, int>> out(offsets.size());
  std::size_t li = 0, pos = 0;  // current line index, and the byte up to which `col` counts
  int col = 1;
  for (std::size_t k : order) {
    std::size_t off = std::min(offsets[k], text_.size());
    auto it = std::upper_bound(starts_.begin(), starts_.end(), off);
    std::size_t l = static_cast<std::size_t>(it - starts_.begin()) - 1;
    if (l != li || pos > off) li = l, pos = starts_[l], col = 1;
    for (; pos < off; ++pos)
      if ((static_cast<unsigned char>(text_[pos]) & 0xC0) != 0x80) ++col;  // count code points
    out[k] = {static_cast<int>(li) + 1, col};
  }
  return out;
}

std::string_view LineIndex::line_text(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return {};
  std::size_t b = starts_[static_cast<std::size_t>(line) - 1];
  std::size_t e = static_cast<std::size_t>(line) < starts_.size() ? starts_[static_cast<std::size_t>(line)] - 1
                                                                     : text_.size();
  return text_.substr(b, e - b);
}

}  // namespace da06::inline v1::detail

namespace da06::inline v1 {
std::string read_input_file(const std::string& path, const InputLimits& limits) { return detail::read_file(path, limits); }
}  // namespace da06::inline v1
