// Vietnamese text folded into tokens for matching (vi_text.hpp): the period phrases, the deadline
// phrases and the progress rules all read text through these.
#include "vi_text.hpp"

#include <array>

namespace da06::inline v1 {

namespace detail {
namespace {

// Decodes one UTF-8 code point at s[i]; returns its length, or 0 for an invalid sequence.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t v;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    v = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    v = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    v = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10FFFF ||
      (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  cp = v;
  return len;
}

// Folds a code point to the ASCII character used for matching:
//   a letter of the Latin + Vietnamese range → its lower-case base letter ("Ấ" → 'a', "Đ" → 'd');
//   a combining mark (NFD input) → 0, meaning "drop";
//   a space-like character → ' '; a dash → '-'; anything else → '#'.
char fold_code_point(char32_t c) {
  if (c < 0x80) {
    const char ch = static_cast<char>(c);
    if (ch >= 'A' && ch <= 'Z') return static_cast<char>(ch - 'A' + 'a');
    if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') return ' ';
    if (c < 0x20 || c == 0x7F) return '#';
    return ch;
  }
  if (c >= 0x0300 && c <= 0x036F) return 0;  // combining diacritics (decomposed input)
  if (c == 0x00A0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000 || c == 0xFEFF) return ' ';
  if (c >= 0x2010 && c <= 0x2015) return '-';  // hyphens, en dash, em dash
  if (c == 0x2212) return '-';                 // minus sign
  if (c >= 0x00C0 && c <= 0x00FF) {
    static constexpr std::array<char, 64> latin1 = {
        'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // C0-CF
        'd', 'n', 'o', 'o', 'o', 'o', 'o', '#', 'o', 'u', 'u', 'u', 'u', 'y', '#', 's',  // D0-DF
        'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // E0-EF
        'd', 'n', 'o', 'o', 'o', 'o', 'o', '#', 'o', 'u', 'u', 'u', 'u', 'y', '#', 'y'};  // F0-FF
    return latin1[c - 0xC0];
  }
  switch (c) {
    case 0x0102: case 0x0103: return 'a';  // Ă ă
    case 0x0110: case 0x0111: return 'd';  // Đ đ
    case 0x0128: case 0x0129: return 'i';  // Ĩ ĩ
    case 0x0168: case 0x0169: return 'u';  // Ũ ũ
    case 0x01A0: case 0x01A1: return 'o';  // Ơ ơ
    case 0x01AF: case 0x01B0: return 'u';  // Ư ư
    default: break;
  }
  if (c >= 0x1EA0 && c <= 0x1EF9) {  // Latin Extended Additional: the Vietnamese tone letters
    if (c <= 0x1EB7) return 'a';
    if (c <= 0x1EC7) return 'e';
    if (c <= 0x1ECB) return 'i';
    if (c <= 0x1EE3) return 'o';
    if (c <= 0x1EF1) return 'u';
    return 'y';
  }
  return '#';
}

bool is_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of an HTML tag (<p>, </i>, <br/>, <sup>) starting at s[i], or 0 if s[i] does not open one.
std::size_t html_tag_length(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  const std::size_t name_start = j;
  while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
    ++j;
  if (j == name_start || j - name_start > 10) return 0;
  // Attributes: anything but '<' up to '>' on a short stretch.
  const std::size_t limit = std::min(s.size(), i + 200);
  while (j < limit && s[j] != '>' && s[j] != '<') ++j;
  if (j < limit && s[j] == '>') return j + 1 - i;
  return 0;
}

}  // namespace

std::vector<Token> tokenize_vi(std::string_view s) {
  std::vector<Token> out;
  Token cur{Token::Type::word, {}, 0, 0};
  bool open = false;
  auto flush = [&] {
    if (open) out.push_back(std::move(cur));
    open = false;
    cur = Token{Token::Type::word, {}, 0, 0};
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '<') {
      if (const std::size_t n = html_tag_length(s, i)) {
        flush();
        i += n;
        continue;
      }
    }
    if (s[i] == '&' && s.substr(i, 6) == "&nbsp;") {
      flush();
      i += 6;
      continue;
    }
    char32_t cp = 0;
    std::size_t len = decode_utf8(s, i, cp);
    char f;
    if (len == 0) {
      len = 1;
      f = '#';
    } else {
      f = fold_code_point(cp);
    }
    if (f == 0) {  // combining mark: part of the current word, adds nothing to the folded text
      if (open) cur.end = i + len;
      i += len;
      continue;
    }
    const Token::Type t = is_letter(f) ? Token::Type::word : is_digit(f) ? Token::Type::number : Token::Type::punct;
    if (f == ' ') {
      flush();
    } else if (t != Token::Type::punct && open && cur.type == t) {
      cur.text.push_back(f);
      cur.end = i + len;
    } else {
      flush();
      cur = Token{t, std::string(1, f), i, i + len};
      open = true;
      if (t == Token::Type::punct) flush();
    }
    i += len;
  }
  flush();
  return out;
}

int small_numeral(const Token& t) noexcept {
  if (t.type == Token::Type::number) {
    if (t.text.size() > 2) return 0;
    int v = 0;
    for (char c : t.text) v = v * 10 + (c - '0');
    return v >= 1 && v <= 12 ? v : 0;
  }
  if (t.type != Token::Type::word) return 0;
  static constexpr std::array<std::string_view, 12> roman = {"i",  "ii",  "iii", "iv", "v",  "vi",
                                                              "vii", "viii", "ix", "x", "xi", "xii"};
  for (std::size_t k = 0; k < roman.size(); ++k)
    if (t.text == roman[k]) return static_cast<int>(k) + 1;
  return 0;
}
}  // namespace detail

}  // namespace da06::inline v1
