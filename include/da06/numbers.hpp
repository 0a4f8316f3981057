// da06/numbers.hpp — exact numbers: Ratio, Decimal, rounding modes and Vietnamese number text ("1.714", "42,2%", "9,293 tỷ đồng").
//
// Everything here is exact. Counts are integers, ratios are `Ratio` (int64 with a
// checked fall-back to `boost::multiprecision::cpp_int`), amounts are `Decimal`
// (an integer mantissa times 10^-scale). A percentage is rounded once, at the edge,
// with a named `Rounding` mode; `double` only appears in `to_double()`.
//
//   da06::Ratio online{990, 1714};                              // as printed: "990/1.714"
//   da06::format_percent(online, 1);                            // "57,8%"
//   da06::VnNumber n = da06::parse_vn_number("100,00%");
//   da06::format(n);                                            // "100,00%" again
//   da06::parse_money("9,293 tỷ đồng").in(da06::MoneyScale::dong).value.to_string();  // "9293000000"
//
// Header-only: there is no src/numbers.cpp. Grammar and rules: docs/numbers.md.
#ifndef DA06_NUMBERS_HPP
#define DA06_NUMBERS_HPP
// An include guard rather than `#pragma once`: g++ warns "#pragma once in main file"
// when a header is compiled on its own, and every header must pass that check cleanly.

#include "error.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace da06 {
inline namespace v1 {

/// Arbitrary-precision signed integer, used wherever int64 could overflow.
///   da06::BigInt big = da06::BigInt(INT64_MAX) * 4;   // exact
using BigInt = boost::multiprecision::cpp_int;

class Ratio;
class Decimal;

// ---------------------------------------------------------------------------
// Rounding

/// How to round a value to a given number of decimals. Names follow Python's `decimal` module.
///   half_up        ties away from zero (ROUND_HALF_UP) — what the reports use: 57,75 → 57,8; −0,5 → −1
///   half_even      ties to the even neighbour (ROUND_HALF_EVEN, "banker's"): 0,25 → 0,2
///   half_down      ties toward zero (ROUND_HALF_DOWN): 0,25 → 0,2; −0,25 → −0,2
///   floor          toward −∞ (ROUND_FLOOR)
///   ceiling        toward +∞ (ROUND_CEILING)
///   toward_zero    truncate (ROUND_DOWN)
///   away_from_zero any non-zero remainder moves away from zero (ROUND_UP)
/// Example: `da06::Ratio{1, 8}.round_to(2, da06::Rounding::half_even).to_string() == "0.12"`.
enum class Rounding : std::uint8_t { half_up, half_even, half_down, floor, ceiling, toward_zero, away_from_zero };

/// The mode's name, as used in data files: `to_string(Rounding::half_up) == "half_up"`.
constexpr std::string_view to_string(Rounding mode) noexcept {
  switch (mode) {
    case Rounding::half_up: return "half_up";
    case Rounding::half_even: return "half_even";
    case Rounding::half_down: return "half_down";
    case Rounding::floor: return "floor";
    case Rounding::ceiling: return "ceiling";
    case Rounding::toward_zero: return "toward_zero";
    case Rounding::away_from_zero: return "away_from_zero";
  }
  return "?";
}

/// The mode named `name` (exactly one of the `to_string` names); ParseError otherwise.
///   da06::parse_rounding("half_even") == da06::Rounding::half_even
inline Rounding parse_rounding(std::string_view name, const Location& where = {}) {
  for (int i = 0; i <= static_cast<int>(Rounding::away_from_zero); ++i) {
    auto m = static_cast<Rounding>(i);
    if (to_string(m) == name) return m;
  }
  Location at = where;
  if (at.field.empty()) at.field = "rounding";
  throw ParseError("unknown rounding mode \"" + std::string(name.substr(0, 64)) +
                       "\" (expected half_up, half_even, half_down, floor, ceiling, toward_zero or away_from_zero)",
                   std::move(at));
}

// ---------------------------------------------------------------------------
// Implementation details shared by the types below.

namespace detail {

/// Parsers accept at most this many digits, and rounding at most this many decimals:
/// enough for any real figure, and a bound on the work a hostile input can cause.
inline constexpr int kMaxDigits = 1000;

struct BigPair {
  BigInt num, den;  // den > 0
};

inline bool fits_i64(const BigInt& v) {
  return v >= (std::numeric_limits<std::int64_t>::min)() && v <= (std::numeric_limits<std::int64_t>::max)();
}

inline std::uint64_t magnitude(std::int64_t v) noexcept {
  return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

inline BigInt pow10(int n) {
  BigInt r = 1;
  if (n > 0) r = boost::multiprecision::pow(BigInt(10), static_cast<unsigned>(n));
  return r;
}

/// 10^n as int64 when it fits (n <= 18).
inline bool pow10_i64(int n, std::int64_t& out) noexcept {
  if (n < 0 || n > 18) return false;
  std::int64_t r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  out = r;
  return true;
}

inline void check_decimals(int decimals) {
  if (decimals < 0 || decimals > kMaxDigits)
    throw InvalidArgument("decimals must be between 0 and " + std::to_string(kMaxDigits) + ", got " +
                          std::to_string(decimals));
}

/// The step (−1, 0 or +1) to add to the truncated quotient q.
/// rsign: sign of the remainder (= sign of the discarded fraction); half_cmp: |r| compared with d − |r|.
inline int round_step(Rounding m, int rsign, int half_cmp, bool q_odd) noexcept {
  if (rsign == 0) return 0;
  switch (m) {
    case Rounding::toward_zero: return 0;
    case Rounding::away_from_zero: return rsign;
    case Rounding::floor: return rsign < 0 ? -1 : 0;
    case Rounding::ceiling: return rsign > 0 ? 1 : 0;
    case Rounding::half_up: return half_cmp >= 0 ? rsign : 0;
    case Rounding::half_down: return half_cmp > 0 ? rsign : 0;
    case Rounding::half_even: return half_cmp > 0 ? rsign : (half_cmp < 0 ? 0 : (q_odd ? rsign : 0));
  }
  return 0;
}

/// n ÷ d rounded to an integer with mode m; d > 0. Never overflows: if d == 1 there is
/// no remainder, otherwise |q| <= |n| / 2 leaves room for the ±1 step.
inline std::int64_t round_div(std::int64_t n, std::int64_t d, Rounding m) noexcept {
  std::int64_t q = n / d, r = n % d;
  int rsign = (r > 0) - (r < 0);
  std::int64_t ar = r < 0 ? -r : r;  // |r| < d <= INT64_MAX
  std::int64_t rest = d - ar;
  int cmp = (ar > rest) - (ar < rest);
  return q + round_step(m, rsign, cmp, (q % 2) != 0);
}

/// n ÷ d rounded to an integer with mode m; d > 0.
inline BigInt round_div(const BigInt& n, const BigInt& d, Rounding m) {
  BigInt q = n / d;
  BigInt r = n - q * d;
  int rsign = r.sign();
  BigInt ar = boost::multiprecision::abs(r);
  BigInt rest = d - ar;
  int cmp = ar.compare(rest);
  cmp = (cmp > 0) - (cmp < 0);
  bool odd = (q % 2) != 0;
  int step = round_step(m, rsign, cmp, odd);
  if (step != 0) q += step;
  return q;
}

/// "1234567" → "1.234.567" (digits only, no sign).
inline std::string group_thousands(const std::string& digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  std::size_t lead = digits.size() % 3;
  if (lead == 0) lead = 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i + 3 - lead) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

/// The length of the valid UTF-8 sequence at text[i] (1–4), or 0 when the byte does not start one.
inline std::size_t utf8_sequence(std::string_view text, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned c = b(i);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;                                             // overlong
  if (n == 3 && ((c == 0xE0 && b(i + 1) < 0xA0) || (c == 0xED && b(i + 1) >= 0xA0))) return 0;  // overlong, surrogate
  if (n == 4 && ((c == 0xF0 && b(i + 1) < 0x90) || c > 0xF4 || (c == 0xF4 && b(i + 1) >= 0x90))) return 0;
  return n;
}

/// `text` for an error message, quoted: at most about 80 bytes, cut on a character boundary; control
/// bytes and bytes that are not UTF-8 shown as \xHH. Messages stay valid UTF-8 without a NUL (the C ABI
/// hands them out as NUL-terminated UTF-8; Python decodes them strictly).
inline std::string quoted(std::string_view text) {
  std::string s = "\"";
  for (std::size_t i = 0; i < text.size();) {
    if (s.size() > 78) {
      s += "...";
      break;
    }
    const std::size_t n = utf8_sequence(text, i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      static constexpr char hex[] = "0123456789abcdef";
      s += "\\x";
      s += hex[c >> 4];
      s += hex[c & 0xF];
      ++i;
    } else {
      s.append(text.substr(i, n));
      i += n;
    }
  }
  return s + '"';
}

/// `where` moved to the byte at `offset` of the text it points at (column = where.column + offset,
/// or offset + 1 when the caller gave no column).
inline Location located(const Location& where, std::size_t offset) {
  Location at = where;
  at.column = (where.column > 0 ? where.column : 1) + static_cast<int>(offset);
  return at;
}

[[noreturn]] inline void parse_fail(std::string_view what, std::string_view text, std::size_t offset,
                                    const Location& where, const std::string& reason) {
  Location at = located(where, offset);
  throw ParseError("invalid " + std::string(what) + " " + quoted(text) + " at column " + std::to_string(at.column) +
                       ": " + reason,
                   std::move(at));
}

inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// The value of a string of ASCII decimal digits. Not `cpp_int(std::string)`: that constructor
/// reads a leading 0 as an octal prefix ("010" would be 8, "08" an error).
inline BigInt digits_value(std::string_view digits) {
  BigInt v = 0;
  std::size_t i = 0;
  while (i < digits.size()) {
    std::size_t n = (std::min)(digits.size() - i, std::size_t{18});
    std::int64_t chunk = 0, scale = 1;
    for (std::size_t k = 0; k < n; ++k, ++i) {
      chunk = chunk * 10 + (digits[i] - '0');
      scale *= 10;
    }
    v *= scale;
    v += chunk;
  }
  return v;
}

/// The decimal digits of |v|, without a sign.
inline std::string abs_digits(const BigInt& v) { return BigInt(boost::multiprecision::abs(v)).str(); }

}  // namespace detail

// ---------------------------------------------------------------------------
// Decimal

/// An exact decimal number: `mantissa × 10^−scale`, scale >= 0. The scale is kept as given,
/// so "100.00" remembers its two decimals; comparison is by value ("1.50" == "1.5").
/// Arithmetic is exact (+, −, × never round; ÷ gives an exact `Ratio`).
///   auto a = da06::Decimal::parse("9.293");            // 9293 × 10^-3
///   (a + da06::Decimal::parse("0.7")).to_string();      // "9.993"
class Decimal {
 public:
  /// Zero.
  Decimal() = default;
  /// An integer value: `Decimal(42).to_string() == "42"`.
  Decimal(std::int64_t value) : mantissa_(value) {}  // NOLINT: implicit on purpose, like an integer literal
  /// `mantissa × 10^−scale`; InvalidArgument if scale < 0.  `Decimal(BigInt(9293), 3)` is 9.293.
  Decimal(BigInt mantissa, int scale) : mantissa_(std::move(mantissa)), scale_(scale) {
    if (scale < 0) throw InvalidArgument("Decimal scale must be >= 0, got " + std::to_string(scale));
  }

  /// Plain decimal text with a '.' point, as in the data format: "9.293", "-12", "0.0003", "007".
  /// No exponent, no grouping, no '+', at least one digit on each side of the point.
  /// ParseError (column = offending byte + 1, relative to `where.column`) on anything else;
  /// RangeError beyond detail::kMaxDigits digits.
  static Decimal parse(std::string_view text, const Location& where = {});

  const BigInt& mantissa() const noexcept { return mantissa_; }
  int scale() const noexcept { return scale_; }
  /// −1, 0 or 1.
  int sign() const noexcept { return mantissa_.sign(); }
  bool is_zero() const noexcept { return mantissa_.is_zero(); }
  /// True if the value is a whole number (whatever its scale).
  bool is_integer() const { return scale_ == 0 || (mantissa_ % detail::pow10(scale_)) == 0; }

  /// Plain text with exactly `scale()` decimals: "9.293", "-0.50", "0"; never "-0".
  std::string to_string() const {
    std::string digits = detail::abs_digits(mantissa_);
    if (scale_ > 0 && digits.size() <= static_cast<std::size_t>(scale_))
      digits.insert(0, static_cast<std::size_t>(scale_) + 1 - digits.size(), '0');
    std::string out = mantissa_.sign() < 0 ? "-" : "";
    if (scale_ == 0) return out + digits;
    std::size_t int_len = digits.size() - static_cast<std::size_t>(scale_);
    return out + digits.substr(0, int_len) + '.' + digits.substr(int_len);
  }

  /// The exact value as a Ratio `mantissa / 10^scale` (not reduced): "0.25" → 25/100.
  Ratio to_ratio() const;
  /// Nearest double (for statistics only).
  double to_double() const;

  /// Rounded to `decimals` digits with `mode`; more decimals than the scale pads with zeros exactly.
  ///   Decimal::parse("78.25").round_to(1, Rounding::half_up).to_string() == "78.3"
  Decimal round_to(int decimals, Rounding mode) const {
    detail::check_decimals(decimals);
    if (decimals >= scale_) return Decimal(mantissa_ * detail::pow10(decimals - scale_), decimals);
    return Decimal(detail::round_div(mantissa_, detail::pow10(scale_ - decimals), mode), decimals);
  }
  /// The same value with trailing zero decimals removed: "100.00" → "100".
  Decimal normalized() const {
    BigInt m = mantissa_;
    int s = scale_;
    while (s > 0 && !m.is_zero() && m % 10 == 0) {
      m /= 10;
      --s;
    }
    if (m.is_zero()) s = 0;
    return Decimal(std::move(m), s);
  }
  /// The value × 10^power, exact (power may be negative): shift_point(9) turns tỷ into đồng.
  Decimal shift_point(int power) const {
    if (power >= 0) {
      if (power <= scale_) return Decimal(mantissa_, scale_ - power);
      return Decimal(mantissa_ * detail::pow10(power - scale_), 0);
    }
    return Decimal(mantissa_, scale_ - power);
  }
  /// Same value and same scale (same text), unlike `==`, which compares values.
  bool identical(const Decimal& o) const noexcept { return scale_ == o.scale_ && mantissa_ == o.mantissa_; }

  friend Decimal operator-(const Decimal& a) { return Decimal(BigInt(-a.mantissa_), a.scale_); }
  friend Decimal operator+(const Decimal& a, const Decimal& b) {
    int s = (std::max)(a.scale_, b.scale_);
    return Decimal(a.aligned(s) + b.aligned(s), s);
  }
  friend Decimal operator-(const Decimal& a, const Decimal& b) {
    int s = (std::max)(a.scale_, b.scale_);
    return Decimal(a.aligned(s) - b.aligned(s), s);
  }
  friend Decimal operator*(const Decimal& a, const Decimal& b) {
    return Decimal(BigInt(a.mantissa_ * b.mantissa_), a.scale_ + b.scale_);
  }
  /// Exact quotient as a Ratio; InvalidArgument when b is zero.
  friend Ratio operator/(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& o) { return *this = *this + o; }
  Decimal& operator-=(const Decimal& o) { return *this = *this - o; }
  Decimal& operator*=(const Decimal& o) { return *this = *this * o; }

  friend bool operator==(const Decimal& a, const Decimal& b) {
    int s = (std::max)(a.scale_, b.scale_);
    return a.aligned(s) == b.aligned(s);
  }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    int s = (std::max)(a.scale_, b.scale_);
    int c = a.aligned(s).compare(b.aligned(s));
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
  }
  friend std::ostream& operator<<(std::ostream& os, const Decimal& d) { return os << d.to_string(); }

 private:
  BigInt aligned(int s) const { return s == scale_ ? mantissa_ : BigInt(mantissa_ * detail::pow10(s - scale_)); }
  BigInt mantissa_;
  int scale_ = 0;
};

// ---------------------------------------------------------------------------
// Ratio

/// An exact rational number that never overflows silently.
///
/// The numerator and denominator are kept **as given** (only the sign is moved to the
/// numerator), so a report's "990/1.714" stays 990/1714; `reduced()` gives lowest terms.
/// Values that fit in int64 use checked int64 arithmetic; anything larger moves to an
/// immutable, shared `cpp_int` pair. Results of +, −, ×, ÷ are reduced. Comparison is
/// exact and by value: `Ratio{1, 2} == Ratio{2, 4}`.
///   da06::Ratio r{990, 1714};
///   r.numerator();                                   // 990
///   r.reduced().to_string();                         // "495/857"
///   r.round_to(4, da06::Rounding::half_up).to_string();  // "0.5776"
class Ratio {
 public:
  /// Zero (0/1).
  Ratio() noexcept = default;
  /// `n / d`; InvalidArgument when d == 0. `Ratio{1, -2}` is stored as −1/2. Implicit from an integer.
  Ratio(std::int64_t n, std::int64_t d = 1) : num_(n), den_(d) {  // NOLINT: implicit on purpose
    if (d == 0) throw InvalidArgument("Ratio denominator is 0 (numerator " + std::to_string(n) + ")");
    if (d < 0) {
      if (n == (std::numeric_limits<std::int64_t>::min)() || d == (std::numeric_limits<std::int64_t>::min)()) {
        *this = Ratio(BigInt(n), BigInt(d));
      } else {
        num_ = -n;
        den_ = -d;
      }
    }
  }
  /// Arbitrary-size `n / d`; stored as int64 when both fit. InvalidArgument when d == 0.
  Ratio(const BigInt& n, const BigInt& d) {
    if (d.is_zero()) throw InvalidArgument("Ratio denominator is 0 (numerator " + n.str() + ")");
    BigInt nn = d.sign() < 0 ? BigInt(-n) : n;
    BigInt dd = d.sign() < 0 ? BigInt(-d) : d;
    set(std::move(nn), std::move(dd));
  }

  /// True when the value is held as cpp_int (numerator or denominator outside int64).
  bool is_big() const noexcept { return big_ != nullptr; }
  /// The numerator as given (sign-normalised); RangeError if it does not fit in int64 (see numerator_big()).
  std::int64_t numerator() const {
    if (big_) throw RangeError("Ratio numerator " + big_->num.str() + " does not fit in int64");
    return num_;
  }
  /// The denominator as given (> 0); RangeError if it does not fit in int64.
  std::int64_t denominator() const {
    if (big_) throw RangeError("Ratio denominator " + big_->den.str() + " does not fit in int64");
    return den_;
  }
  BigInt numerator_big() const { return big_ ? big_->num : BigInt(num_); }
  BigInt denominator_big() const { return big_ ? big_->den : BigInt(den_); }

  /// −1, 0 or 1.
  int sign() const noexcept { return big_ ? big_->num.sign() : (num_ > 0) - (num_ < 0); }
  bool is_zero() const noexcept { return sign() == 0; }
  /// Lowest terms: `Ratio{990, 1714}.reduced()` is 495/857.
  Ratio reduced() const {
    if (!big_) {
      std::uint64_t g = std::gcd(detail::magnitude(num_), static_cast<std::uint64_t>(den_));
      Ratio r;
      r.num_ = num_ / static_cast<std::int64_t>(g);  // g <= den_ <= INT64_MAX, g >= 1
      r.den_ = den_ / static_cast<std::int64_t>(g);
      return r;
    }
    BigInt g = boost::multiprecision::gcd(big_->num, big_->den);
    Ratio r;
    r.set(BigInt(big_->num / g), BigInt(big_->den / g));
    return r;
  }
  bool is_reduced() const { return identical(reduced()); }
  /// Same numerator and denominator as stored, unlike `==`, which compares values.
  bool identical(const Ratio& o) const {
    if (!big_ && !o.big_) return num_ == o.num_ && den_ == o.den_;
    return numerator_big() == o.numerator_big() && denominator_big() == o.denominator_big();
  }

  /// `factor × n / d`, not reduced: `Ratio{990, 1714}.scaled(100)` is 99000/1714 (a percentage).
  Ratio scaled(std::int64_t factor) const {
    std::int64_t n = 0;
    if (!big_ && !__builtin_mul_overflow(num_, factor, &n)) return Ratio(n, den_);
    return Ratio(BigInt(numerator_big() * factor), denominator_big());
  }

  /// Nearest double (within an ulp or so); for statistics and plots only.
  double to_double() const {
    constexpr std::int64_t exact = std::int64_t{1} << 53;
    if (!big_ && num_ >= -exact && num_ <= exact && den_ <= exact)
      return static_cast<double>(num_) / static_cast<double>(den_);
    BigInt n = numerator_big(), d = denominator_big();
    if (n.is_zero()) return 0.0;
    BigInt an = boost::multiprecision::abs(n);
    long shift = 64 - (static_cast<long>(boost::multiprecision::msb(an)) - static_cast<long>(boost::multiprecision::msb(d)));
    BigInt q = shift >= 0 ? BigInt((an << static_cast<unsigned>(shift)) / d)
                          : BigInt(an / (d << static_cast<unsigned>(-shift)));  // q has 64 or 65 bits
    double v = std::ldexp(q.convert_to<double>(), static_cast<int>(-shift));
    return n.sign() < 0 ? -v : v;
  }

  /// Largest integer <= the value: `Ratio{-7, 2}.floor() == -4`.
  BigInt floor() const { return round(Rounding::floor); }
  /// Smallest integer >= the value: `Ratio{-7, 2}.ceil() == -3`.
  BigInt ceil() const { return round(Rounding::ceiling); }
  /// The value rounded to an integer: `Ratio{5, 2}.round(Rounding::half_even) == 2`.
  BigInt round(Rounding mode) const {
    if (!big_) return BigInt(detail::round_div(num_, den_, mode));
    return detail::round_div(big_->num, big_->den, mode);
  }
  /// The value rounded to `decimals` digits (0..1000) with `mode`, exactly (integer arithmetic only).
  ///   Ratio{990, 1714}.scaled(100).round_to(1, Rounding::half_up).to_string() == "57.8"
  Decimal round_to(int decimals, Rounding mode) const {
    detail::check_decimals(decimals);
    std::int64_t p = 0, n = 0;
    if (!big_ && detail::pow10_i64(decimals, p) && !__builtin_mul_overflow(num_, p, &n))
      return Decimal(BigInt(detail::round_div(n, den_, mode)), decimals);
    return Decimal(detail::round_div(BigInt(numerator_big() * detail::pow10(decimals)), denominator_big(), mode),
                   decimals);
  }

  /// "n/d" as stored, ASCII digits: "990/1714", "-1/2".
  std::string to_string() const {
    if (!big_) return std::to_string(num_) + '/' + std::to_string(den_);
    return big_->num.str() + '/' + big_->den.str();
  }

  friend Ratio operator-(const Ratio& a) {
    if (!a.big_ && a.num_ != (std::numeric_limits<std::int64_t>::min)()) return Ratio(-a.num_, a.den_);
    return Ratio(BigInt(-a.numerator_big()), a.denominator_big());
  }
  friend Ratio operator+(const Ratio& a, const Ratio& b) { return add(a, b, false); }
  friend Ratio operator-(const Ratio& a, const Ratio& b) { return add(a, b, true); }
  friend Ratio operator*(const Ratio& a, const Ratio& b) {
    if (!a.big_ && !b.big_) {
      // Cross-reduce first so that fewer products overflow.
      std::int64_t g1 = static_cast<std::int64_t>(std::gcd(detail::magnitude(a.num_), static_cast<std::uint64_t>(b.den_)));
      std::int64_t g2 = static_cast<std::int64_t>(std::gcd(detail::magnitude(b.num_), static_cast<std::uint64_t>(a.den_)));
      std::int64_t n = 0, d = 0;
      if (!__builtin_mul_overflow(a.num_ / g1, b.num_ / g2, &n) && !__builtin_mul_overflow(a.den_ / g2, b.den_ / g1, &d))
        return Ratio(n, d).reduced();
    }
    return Ratio(BigInt(a.numerator_big() * b.numerator_big()), BigInt(a.denominator_big() * b.denominator_big()))
        .reduced();
  }
  /// InvalidArgument when b is zero.
  friend Ratio operator/(const Ratio& a, const Ratio& b) {
    if (b.is_zero()) throw InvalidArgument("Ratio division by zero (" + a.to_string() + " / " + b.to_string() + ")");
    Ratio inv;
    if (!b.big_) {
      inv = Ratio(b.den_, b.num_);  // moves the sign; goes big for INT64_MIN
    } else {
      inv = Ratio(b.big_->den, b.big_->num);
    }
    return a * inv;
  }
  Ratio& operator+=(const Ratio& o) { return *this = *this + o; }
  Ratio& operator-=(const Ratio& o) { return *this = *this - o; }
  Ratio& operator*=(const Ratio& o) { return *this = *this * o; }
  Ratio& operator/=(const Ratio& o) { return *this = *this / o; }

  /// Exact comparison by value (cross-multiplication, never through double).
  friend std::strong_ordering operator<=>(const Ratio& a, const Ratio& b) {
    if (!a.big_ && !b.big_) {
      std::int64_t l = 0, r = 0;
      if (!__builtin_mul_overflow(a.num_, b.den_, &l) && !__builtin_mul_overflow(b.num_, a.den_, &r)) return l <=> r;
    }
    BigInt l = a.numerator_big() * b.denominator_big();
    BigInt r = b.numerator_big() * a.denominator_big();
    int c = l.compare(r);
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
  }
  friend bool operator==(const Ratio& a, const Ratio& b) { return (a <=> b) == 0; }
  friend std::ostream& operator<<(std::ostream& os, const Ratio& r) { return os << r.to_string(); }

 private:
  // Stores n/d (d > 0), as int64 when both fit.
  void set(BigInt n, BigInt d) {
    if (detail::fits_i64(n) && detail::fits_i64(d)) {
      num_ = n.convert_to<std::int64_t>();
      den_ = d.convert_to<std::int64_t>();
      big_.reset();
    } else {
      num_ = 0;
      den_ = 1;
      big_ = std::make_shared<const detail::BigPair>(detail::BigPair{std::move(n), std::move(d)});
    }
  }
  static Ratio add(const Ratio& a, const Ratio& b, bool subtract) {
    if (!a.big_ && !b.big_) {
      std::int64_t n = 0, d = 0, l = 0, r = 0;
      bool ok;
      if (a.den_ == b.den_) {
        d = a.den_;
        ok = subtract ? !__builtin_sub_overflow(a.num_, b.num_, &n) : !__builtin_add_overflow(a.num_, b.num_, &n);
      } else {
        ok = !__builtin_mul_overflow(a.num_, b.den_, &l) && !__builtin_mul_overflow(b.num_, a.den_, &r) &&
             !__builtin_mul_overflow(a.den_, b.den_, &d) &&
             (subtract ? !__builtin_sub_overflow(l, r, &n) : !__builtin_add_overflow(l, r, &n));
      }
      if (ok) return Ratio(n, d).reduced();
    }
    BigInt l = a.numerator_big() * b.denominator_big();
    BigInt r = b.numerator_big() * a.denominator_big();
    return Ratio(subtract ? BigInt(l - r) : BigInt(l + r), BigInt(a.denominator_big() * b.denominator_big())).reduced();
  }

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
  std::shared_ptr<const detail::BigPair> big_;  // set iff num or den is outside int64; then num_/den_ are unused
};

inline Ratio Decimal::to_ratio() const { return Ratio(mantissa_, detail::pow10(scale_)); }
inline double Decimal::to_double() const { return to_ratio().to_double(); }
inline Ratio operator/(const Decimal& a, const Decimal& b) {
  if (b.is_zero()) throw InvalidArgument("Decimal division by zero (" + a.to_string() + " / 0)");
  return a.to_ratio() / b.to_ratio();
}

inline Decimal Decimal::parse(std::string_view text, const Location& where) {
  constexpr std::string_view what = "decimal";
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  std::size_t start = i;
  while (i < text.size() && detail::is_digit(text[i])) ++i;
  if (i == start) detail::parse_fail(what, text, i, where, "expected a digit");
  std::string digits(text.substr(start, i - start));
  int scale = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t fs = i;
    while (i < text.size() && detail::is_digit(text[i])) ++i;
    if (i == fs) detail::parse_fail(what, text, i, where, "expected a digit after '.'");
    digits.append(text.substr(fs, i - fs));
    scale = static_cast<int>(i - fs);
  }
  if (i != text.size())
    detail::parse_fail(what, text, i, where, "unexpected character (plain decimals look like \"9.293\" or \"-12\")");
  if (digits.size() > static_cast<std::size_t>(detail::kMaxDigits)) {
    Location at = detail::located(where, start);
    throw RangeError("decimal " + detail::quoted(text) + " has more than " + std::to_string(detail::kMaxDigits) +
                         " digits",
                     std::move(at));
  }
  BigInt m = detail::digits_value(digits);
  if (negative) m = -m;
  return Decimal(std::move(m), scale);
}

// ---------------------------------------------------------------------------
// Vietnamese number text

/// The unit words a report may print after a number.
enum class VnSuffix : std::uint8_t {
  none,        ///< "1.714"
  percent,     ///< "42,2%"
  dong,        ///< "500 đồng"
  trieu_dong,  ///< "120 triệu đồng"
  ty_dong,     ///< "9,293 tỷ đồng"
  trieu,       ///< "120 triệu"
  ty,          ///< "9,293 tỷ"
};

/// The suffix exactly as printed, with its leading space: `to_string(VnSuffix::ty_dong) == " tỷ đồng"`.
constexpr std::string_view to_string(VnSuffix s) noexcept {
  switch (s) {
    case VnSuffix::none: return "";
    case VnSuffix::percent: return "%";
    case VnSuffix::dong: return " đồng";
    case VnSuffix::trieu_dong: return " triệu đồng";
    case VnSuffix::ty_dong: return " tỷ đồng";
    case VnSuffix::trieu: return " triệu";
    case VnSuffix::ty: return " tỷ";
  }
  return "";
}

/// The unit of a money amount: đồng, triệu (10^6) or tỷ (10^9) đồng.
enum class MoneyScale : std::uint8_t { dong, trieu, ty };

/// Powers of ten: `exponent(MoneyScale::ty) == 9`.
constexpr int exponent(MoneyScale s) noexcept { return s == MoneyScale::ty ? 9 : s == MoneyScale::trieu ? 6 : 0; }

/// The printed unit: `to_string(MoneyScale::trieu) == "triệu đồng"`.
constexpr std::string_view to_string(MoneyScale s) noexcept {
  return s == MoneyScale::ty ? "tỷ đồng" : s == MoneyScale::trieu ? "triệu đồng" : "đồng";
}

/// The money scale a suffix names, if any: `money_scale(VnSuffix::ty) == MoneyScale::ty`.
constexpr std::optional<MoneyScale> money_scale(VnSuffix s) noexcept {
  switch (s) {
    case VnSuffix::dong: return MoneyScale::dong;
    case VnSuffix::trieu_dong:
    case VnSuffix::trieu: return MoneyScale::trieu;
    case VnSuffix::ty_dong:
    case VnSuffix::ty: return MoneyScale::ty;
    default: return std::nullopt;
  }
}

/// An exact amount of money in a stated unit: `Money{Decimal::parse("9.293"), MoneyScale::ty}` is 9,293 tỷ đồng.
struct Money {
  Decimal value;                         ///< the amount, in units of `scale`
  MoneyScale scale = MoneyScale::dong;   ///< đồng, triệu đồng or tỷ đồng

  /// The same amount in another unit, exactly: 120 triệu → 0.120 tỷ; 9.293 tỷ → 9293000000 đồng.
  Money in(MoneyScale target) const {
    return Money{value.shift_point(exponent(scale) - exponent(target)), target};
  }
  /// Equal amounts, whatever the units: 120 triệu == 0.12 tỷ.
  friend bool operator==(const Money& a, const Money& b) {
    return a.in(MoneyScale::dong).value == b.in(MoneyScale::dong).value;
  }
  friend std::strong_ordering operator<=>(const Money& a, const Money& b) {
    return a.in(MoneyScale::dong).value <=> b.in(MoneyScale::dong).value;
  }
};

/// How a Vietnamese number was (or is to be) printed. Defaults print "1.714".
struct VnStyle {
  bool grouped = true;        ///< integer part grouped by '.' every three digits ("2.573"); false: "2573"
  int int_digits = 1;         ///< zero-pad the integer part to at least this many digits ("03"); more than 3 needs grouped = false
  int decimals = 0;           ///< digits after ',' ("100,00%" → 2)
  bool plus_sign = false;     ///< print '+' before a value >= 0
  bool negative_zero = false; ///< print '-' before a zero value ("-0")
  VnSuffix suffix = VnSuffix::none;
  bool operator==(const VnStyle&) const = default;
};

/// A number printed the Vietnamese way — '.' groups thousands, ',' is the decimal point —
/// together with its printed style, so that `format(parse_vn_number(s)) == s`.
///   auto n = da06::parse_vn_number("0,03%");
///   n.value().to_string();   // "0.03"
///   n.style().decimals;      // 2
///   da06::format(n);         // "0,03%"
class VnNumber {
 public:
  VnNumber() = default;
  /// `value` printed with `style`. The value is rescaled to `style.decimals`; InvalidArgument if that
  /// would drop non-zero digits (round first with Decimal::round_to or use format_vn_decimal).
  VnNumber(const Decimal& value, VnStyle style = {}) : style_(style) {  // NOLINT: implicit on purpose
    if (style.decimals < 0 || style.decimals > detail::kMaxDigits || style.int_digits < 1 ||
        style.int_digits > detail::kMaxDigits)
      throw InvalidArgument("VnStyle decimals must be 0..1000 and int_digits 1..1000");
    // "000.005" or "01.234" would not parse back: a '.'-grouped number starts with 1 to 3 digits, not with 0.
    if (style.grouped && style.int_digits > 3)
      throw InvalidArgument("VnStyle: zero padding to more than 3 digits (int_digits " + std::to_string(style.int_digits) +
                            ") cannot be grouped; set grouped = false");
    value_ = value.round_to(style.decimals, Rounding::toward_zero);  // exact when it only pads or drops zeros
    if (value_ != value)
      throw InvalidArgument("value " + value.to_string() + " has more than " + std::to_string(style.decimals) +
                            " significant decimals; round it first");
  }

  /// The exact value: "98,74%" → 98.74 (a percentage stays in percent units), "9,293 tỷ đồng" → 9.293.
  const Decimal& value() const noexcept { return value_; }
  const VnStyle& style() const noexcept { return style_; }
  bool is_percent() const noexcept { return style_.suffix == VnSuffix::percent; }
  /// The amount when a money unit was printed: "120 triệu đồng" → Money{120, trieu}.
  std::optional<Money> money() const {
    if (auto s = money_scale(style_.suffix)) return Money{value_, *s};
    return std::nullopt;
  }
  /// Same as `format(*this)`.
  std::string to_string() const;

  friend bool operator==(const VnNumber& a, const VnNumber& b) {
    return a.style_ == b.style_ && a.value_.identical(b.value_);
  }
  friend std::ostream& operator<<(std::ostream& os, const VnNumber& n) { return os << n.to_string(); }

 private:
  Decimal value_;
  VnStyle style_;
};

namespace detail {

// Vietnamese digit text for |mantissa| at `decimals` decimals, padded and grouped per style.
inline std::string vn_body(const BigInt& mantissa, int decimals, int int_digits, bool grouped) {
  std::string digits = abs_digits(mantissa);
  std::size_t dec = static_cast<std::size_t>(decimals);
  std::size_t min_len = dec + static_cast<std::size_t>((std::max)(int_digits, 1));
  if (digits.size() < min_len) digits.insert(0, min_len - digits.size(), '0');
  std::string int_part = digits.substr(0, digits.size() - dec);
  std::string out = grouped ? group_thousands(int_part) : int_part;
  if (dec > 0) {
    out += ',';
    out.append(digits, digits.size() - dec, dec);
  }
  return out;
}

}  // namespace detail

/// The text of `n` in its style: sign, integer part (padded, grouped), ',' decimals, suffix.
///   da06::format(da06::VnNumber(da06::Decimal(2573), {.grouped = false})) == "2573"
inline std::string format(const VnNumber& n) {
  const VnStyle& st = n.style();
  const Decimal& v = n.value();
  std::string out;
  if (v.sign() < 0 || (v.is_zero() && st.negative_zero)) {
    out += '-';
  } else if (st.plus_sign) {
    out += '+';
  }
  out += detail::vn_body(v.mantissa(), v.scale(), st.int_digits, st.grouped);
  out += to_string(st.suffix);
  return out;
}

inline std::string VnNumber::to_string() const { return format(*this); }

/// Parses a number as the reports print it. Grammar (bytes, UTF-8, NFC):
///
///   number  = [ "-" | "+" ] int [ "," 1*DIGIT ] [ suffix ]
///   int     = 1*DIGIT                       ; plain: "2573", "03", "0"
///           / group1 1*( "." 3DIGIT )       ; grouped: "1.714", "1.109.666"
///   group1  = 1–3 digits, not starting with 0
///   suffix  = "%" / " tỷ đồng" / " triệu đồng" / " đồng" / " tỷ" / " triệu"
///
/// Ambiguity rule: '.' is only ever a thousands separator ("1.714" is one thousand seven
/// hundred and fourteen) and ',' only a decimal point ("9,293" is nine point two nine three).
/// So "1.71", "12.3456", "1234.567" and "1,2,3" are errors, not guesses.
/// ParseError with `column` = 1 + the byte offset of the first byte the grammar cannot accept
/// (the length + 1 when the text ends too early), shifted by `where.column` when given.
/// RangeError beyond detail::kMaxDigits digits. Values beyond int64 are exact.
///   da06::parse_vn_number("1.109.666").value().to_string() == "1109666"
inline VnNumber parse_vn_number(std::string_view text, const Location& where = {}) {
  constexpr std::string_view what = "Vietnamese number";
  VnStyle st;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    st.plus_sign = text[i] == '+';
    ++i;
  }
  bool negative = i > 0 && text[0] == '-';
  const std::size_t start = i;
  while (i < text.size() && detail::is_digit(text[i])) ++i;
  if (i == start) detail::parse_fail(what, text, i, where, "expected a digit");
  std::string digits(text.substr(start, i - start));
  if (i < text.size() && text[i] == '.') {
    if (digits.size() > 3)
      detail::parse_fail(what, text, i, where, "a '.'-grouped number starts with 1 to 3 digits ('.' only groups thousands)");
    if (digits[0] == '0' && digits.size() > 1)
      detail::parse_fail(what, text, start, where, "a '.'-grouped number cannot start with 0");
    if (digits == "0") detail::parse_fail(what, text, i, where, "'.' only groups thousands; the decimal point is ','");
    while (i < text.size() && text[i] == '.') {
      ++i;
      for (int k = 0; k < 3; ++k, ++i) {
        if (i >= text.size() || !detail::is_digit(text[i]))
          detail::parse_fail(what, text, i, where, "expected 3 digits after '.' ('.' only groups thousands)");
        digits += text[i];
      }
      if (i < text.size() && detail::is_digit(text[i]))
        detail::parse_fail(what, text, i, where, "more than 3 digits after '.' ('.' only groups thousands)");
    }
    st.grouped = true;
    st.int_digits = 1;
  } else {
    // Plain: grouping is visible only from 4 digits on; leading zeros are kept as a width.
    st.grouped = digits.size() <= 3;
    st.int_digits = static_cast<int>(digits.size());
  }
  if (i < text.size() && text[i] == ',') {
    ++i;
    std::size_t fs = i;
    while (i < text.size() && detail::is_digit(text[i])) ++i;
    if (i == fs) detail::parse_fail(what, text, i, where, "expected a digit after the decimal comma");
    digits.append(text.substr(fs, i - fs));
    st.decimals = static_cast<int>(i - fs);
  }
  std::string_view rest = text.substr(i);
  bool matched = rest.empty();
  for (VnSuffix s : {VnSuffix::percent, VnSuffix::dong, VnSuffix::trieu_dong, VnSuffix::ty_dong, VnSuffix::trieu,
                     VnSuffix::ty}) {
    if (!matched && rest == to_string(s)) {
      st.suffix = s;
      matched = true;
    }
  }
  if (!matched) {
    std::string reason = "unexpected text after the number (allowed: %, \" tỷ đồng\", \" triệu đồng\", \" đồng\", \" tỷ\", \" triệu\")";
    if (rest[0] == ',') reason = "a second ',' (',' is the decimal point and appears once)";
    if (rest[0] == '.') reason = "'.' after the decimal part ('.' only groups thousands)";
    detail::parse_fail(what, text, i, where, reason);
  }
  if (digits.size() > static_cast<std::size_t>(detail::kMaxDigits)) {
    Location at = detail::located(where, start);
    throw RangeError("number " + detail::quoted(text) + " has more than " + std::to_string(detail::kMaxDigits) +
                         " digits",
                     std::move(at));
  }
  BigInt m = detail::digits_value(digits);
  if (negative) {
    m = -m;
    st.negative_zero = m.is_zero();
  }
  VnNumber n(Decimal(std::move(m), st.decimals), st);
  return n;
}

/// A Vietnamese integer ("1.714", "2573", "-03") as int64. ParseError for decimals or a suffix;
/// RangeError (located at the first digit) when the value does not fit in int64 — never wrapped.
///   da06::parse_vn_integer("1.109.666") == 1109666
inline std::int64_t parse_vn_integer(std::string_view text, const Location& where = {}) {
  VnNumber n = parse_vn_number(text, where);
  if (n.style().decimals != 0 || n.style().suffix != VnSuffix::none) {
    std::size_t bad = text.find_first_of(",% ");
    detail::parse_fail("Vietnamese integer", text, bad == std::string_view::npos ? 0 : bad, where,
                       "expected an integer without decimals or unit");
  }
  if (!detail::fits_i64(n.value().mantissa())) {
    std::size_t first = text.find_first_of("0123456789");
    Location at = detail::located(where, first == std::string_view::npos ? 0 : first);
    throw RangeError("integer " + detail::quoted(text) + " does not fit in a signed 64-bit integer", std::move(at));
  }
  return n.value().mantissa().convert_to<std::int64_t>();
}

/// A printed percentage and its precision.
struct PercentText {
  Decimal value;     ///< in percent units: "98,74%" → 98.74
  int decimals = 0;  ///< digits printed after ',': "98,74%" → 2, "100%" → 0
};

/// Parses "98,74%", "100%", "0,03%"; ParseError when there is no '%' (located at the end).
///   auto p = da06::parse_percent("98,74%");   // p.value.to_string() == "98.74", p.decimals == 2
inline PercentText parse_percent(std::string_view text, const Location& where = {}) {
  VnNumber n = parse_vn_number(text, where);
  if (!n.is_percent())
    detail::parse_fail("percentage", text, text.size(), where, "expected a '%' after the number");
  return PercentText{n.value(), n.style().decimals};
}

/// Parses "9,293 tỷ đồng", "120 triệu đồng", "6,3 tỷ"; ParseError when no money unit is printed.
///   da06::parse_money("120 triệu đồng").in(da06::MoneyScale::ty).value.to_string() == "0.120"
inline Money parse_money(std::string_view text, const Location& where = {}) {
  VnNumber n = parse_vn_number(text, where);
  auto m = n.money();
  if (!m) detail::parse_fail("amount of money", text, text.size(), where, "expected \" tỷ đồng\", \" triệu đồng\" or \" đồng\"");
  return *m;
}

/// An integer with '.' thousands separators: `format_vn_integer(1714) == "1.714"`, `(-2573)` → "-2.573".
inline std::string format_vn_integer(std::int64_t v) { return format(VnNumber(Decimal(v))); }
/// Same for any size: `format_vn_integer(BigInt(1) << 64) == "18.446.744.073.709.551.616"`.
inline std::string format_vn_integer(const BigInt& v) { return format(VnNumber(Decimal(v, 0))); }

/// `v` rounded to `decimals` with `mode`, grouped, decimal comma:
///   format_vn_decimal(Decimal::parse("78.25"), 1) == "78,3";  format_vn_decimal(Decimal(1714), 0) == "1.714"
inline std::string format_vn_decimal(const Decimal& v, int decimals, Rounding mode = Rounding::half_up) {
  Decimal r = v.round_to(decimals, mode);
  return format(VnNumber(r, VnStyle{.decimals = decimals}));
}
/// `v` with its own decimals: `format_vn_decimal(Decimal::parse("9.293")) == "9,293"`.
inline std::string format_vn_decimal(const Decimal& v) { return format_vn_decimal(v, v.scale(), Rounding::toward_zero); }

/// `factor × r` rounded once to `decimals` with `mode`, then '%':
///   format_percent(Ratio{990, 1714}, 1) == "57,8%";  format_percent(Ratio{1, 1}, 2) == "100,00%"
/// A negative value that rounds to zero prints "0,0%" (no sign).
inline std::string format_percent(const Ratio& r, int decimals, Rounding mode = Rounding::half_up,
                                  std::int64_t factor = 100) {
  Decimal v = r.scaled(factor).round_to(decimals, mode);
  return format(VnNumber(v, VnStyle{.decimals = decimals, .suffix = VnSuffix::percent}));
}

/// A ratio as the reports print it: `format_vn_ratio(Ratio{990, 1714}) == "990/1.714"` (as stored, not reduced).
inline std::string format_vn_ratio(const Ratio& r) {
  return format_vn_integer(r.numerator_big()) + '/' + format_vn_integer(r.denominator_big());
}

/// An amount with its own decimals and its unit: `format_money({Decimal::parse("9.293"), MoneyScale::ty}) == "9,293 tỷ đồng"`.
inline std::string format_money(const Money& m) {
  VnSuffix s = m.scale == MoneyScale::ty ? VnSuffix::ty_dong : m.scale == MoneyScale::trieu ? VnSuffix::trieu_dong : VnSuffix::dong;
  return format(VnNumber(m.value, VnStyle{.decimals = m.value.scale(), .suffix = s}));
}
/// An amount rounded to `decimals`: `format_money({Decimal::parse("60.367"), MoneyScale::ty}, 1) == "60,4 tỷ đồng"`.
/// To print in another unit, convert first: `format_money(m.in(MoneyScale::trieu), 0)`.
inline std::string format_money(const Money& m, int decimals, Rounding mode = Rounding::half_up) {
  return format_money(Money{m.value.round_to(decimals, mode), m.scale});
}

}  // namespace v1
}  // namespace da06

#endif  // DA06_NUMBERS_HPP
