// Internal: Vietnamese text folded into tokens for matching (vi_text.cpp). Shared by the period
// phrases (period.cpp), the deadline reader (deadline.cpp) and the progress rules (status.cpp); not part
// of the API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace da06::inline v1::detail {

/// One token of Vietnamese text, folded for matching: ASCII lower case, diacritics removed
/// ("Quý" → "quy", "Đ" → "d"), HTML tags skipped. `begin`/`end` are byte offsets in the original.
struct Token {
  enum class Type : std::uint8_t { word, number, punct };
  Type type;
  std::string text;
  std::size_t begin;
  std::size_t end;
};

/// Splits UTF-8 text into folded tokens. Invalid UTF-8 and unknown symbols become punct "#".
std::vector<Token> tokenize_vi(std::string_view text);

/// Parses a Roman (i–xii) or Arabic (1–12) numeral token; 0 if it is neither.
int small_numeral(const Token& t) noexcept;

}  // namespace da06::inline v1::detail
