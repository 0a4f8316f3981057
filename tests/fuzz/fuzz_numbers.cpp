// libFuzzer target: Vietnamese number text (`parse_vn_number`, `parse_vn_integer`, `parse_percent`,
// `parse_money`) and plain decimals (`Decimal::parse`).
//
// Properties, whatever the bytes:
//   * every parser returns a value or throws a da06::Error located at a column inside the text
//     (any other exception aborts the run);
//   * parse then format: `format(parse_vn_number(s)) == s` for every s it accepts (the documented
//     round trip), and `Decimal::parse(d.to_string())` is d, with its scale;
//   * the narrower parsers agree with parse_vn_number: an integer, a percentage or an amount is the
//     same value, and each refuses exactly what its documentation says;
//   * format then parse: a value and a style built from the bytes print to text that parses back to
//     the same value and prints the same text again.
#include <da06/error.hpp>
#include <da06/numbers.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

void check_error(const da06::Error& e, std::string_view text) {
  const da06::Location& w = e.where();
  FUZZ_CHECK(w.column >= 1 && static_cast<std::size_t>(w.column) <= text.size() + 1,
             "column outside the text: " + da06_fuzz::describe(w, e.message()));
  da06_fuzz::check_message(w, e.message());
}

std::string head(std::string_view s) { return "\"" + std::string(s.substr(0, 60)) + "\""; }

void parse_then_format(std::string_view text) {
  std::optional<da06::VnNumber> n;
  try {
    n = da06::parse_vn_number(text);
  } catch (const da06::Error& e) {
    check_error(e, text);
  }
  if (n) FUZZ_CHECK(da06::format(*n) == text, head(text) + " prints back as " + head(da06::format(*n)));

  try {
    const std::int64_t v = da06::parse_vn_integer(text);
    FUZZ_CHECK(n && n->style().decimals == 0 && n->style().suffix == da06::VnSuffix::none &&
                   n->value() == da06::Decimal(v),
               "parse_vn_integer disagrees with parse_vn_number on " + head(text));
  } catch (const da06::RangeError& e) {
    check_error(e, text);
    FUZZ_CHECK(!n || (n->style().decimals == 0 && n->style().suffix == da06::VnSuffix::none),
               "parse_vn_integer out of range on a non-integer " + head(text));
  } catch (const da06::Error& e) {
    check_error(e, text);
    FUZZ_CHECK(!n || n->style().decimals != 0 || n->style().suffix != da06::VnSuffix::none,
               "parse_vn_integer refuses an integer " + head(text));
  }
  try {
    const da06::PercentText p = da06::parse_percent(text);
    FUZZ_CHECK(n && n->is_percent() && p.value.identical(n->value()) && p.decimals == n->style().decimals,
               "parse_percent disagrees on " + head(text));
  } catch (const da06::Error& e) {
    check_error(e, text);
    FUZZ_CHECK(!n || !n->is_percent(), "parse_percent refuses a percentage " + head(text));
  }
  try {
    const da06::Money m = da06::parse_money(text);
    FUZZ_CHECK(n && n->money() && m == *n->money() && m.value.identical(n->value()), "parse_money disagrees on " + head(text));
  } catch (const da06::Error& e) {
    check_error(e, text);
    FUZZ_CHECK(!n || !n->money(), "parse_money refuses an amount " + head(text));
  }

  try {
    const da06::Decimal d = da06::Decimal::parse(text);
    const std::string s = d.to_string();
    const da06::Decimal again = da06::Decimal::parse(s);
    FUZZ_CHECK(again.identical(d), head(text) + " → " + head(s) + " does not parse back to itself");
  } catch (const da06::Error& e) {
    check_error(e, text);
  }
}

// A value and a style from the bytes: sign, up to 40 digits, a scale, and the style's switches.
void format_then_parse(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return;
  const std::uint8_t flags = data[0], widths = data[1];
  std::string digits;
  for (std::size_t i = 4; i < size && digits.size() < 40; ++i) digits += static_cast<char>('0' + data[i] % 10);
  if (digits.empty()) digits = "0";
  const int scale = data[2] % 12;
  da06::BigInt m = da06::detail::digits_value(digits);
  if (flags & 1) m = -m;
  const da06::Decimal value(m, scale);
  da06::VnStyle st;
  st.grouped = flags & 2;
  st.plus_sign = flags & 4;
  st.negative_zero = (flags & 8) && value.is_zero();
  st.int_digits = 1 + widths % 6;
  st.decimals = scale + (widths / 6) % 3;
  static const da06::VnSuffix suffixes[] = {da06::VnSuffix::none,  da06::VnSuffix::percent, da06::VnSuffix::dong,
                                            da06::VnSuffix::trieu_dong, da06::VnSuffix::ty_dong, da06::VnSuffix::trieu,
                                            da06::VnSuffix::ty};
  st.suffix = suffixes[data[3] % 7];
  std::string text;
  try {
    text = da06::format(da06::VnNumber(value, st));
  } catch (const da06::InvalidArgument&) {
    // A style that cannot print parseable text (zero padding beyond 3 digits, grouped) is refused up front.
    FUZZ_CHECK(st.grouped && st.int_digits > 3, "VnNumber refused a printable style");
    return;
  }
  try {
    const da06::VnNumber back = da06::parse_vn_number(text);
    FUZZ_CHECK(back.value() == value, head(text) + " parses to " + back.value().to_string() + ", not " + value.to_string());
    FUZZ_CHECK(back.value().scale() == st.decimals, head(text) + " lost its decimals");
    FUZZ_CHECK(back.style().suffix == st.suffix && da06::format(back) == text, head(text) + " prints differently");
  } catch (const da06::Error& e) {
    FUZZ_CHECK(false, "format printed " + head(text) + ", which does not parse: " + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parse_then_format(std::string_view(reinterpret_cast<const char*>(data), size));
  format_then_parse(data, size);
  return 0;
}
