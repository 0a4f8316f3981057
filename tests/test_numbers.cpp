// Tests of da06/numbers.hpp: Ratio, Decimal, Rounding and Vietnamese number text.
//
// Oracles: tests/data/rounding_oracle.csv (Python fractions.Fraction, see gen_rounding_oracle.py),
// cpp_int arithmetic written out directly in the tests, and the seed report's own text.
#include <da06/numbers.hpp>

#include <doctest/doctest.h>

#include "seed_report.hpp"

#include <cctype>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using da06::BigInt;
using da06::Decimal;
using da06::Ratio;
using da06::Rounding;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// a/b == c/d by cross-multiplication in cpp_int (independent of Ratio's own comparison).
bool same_value(const BigInt& a, const BigInt& b, const BigInt& c, const BigInt& d) { return a * d == c * b; }

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

template <class F>
int parse_error_column(F&& f) {
  try {
    f();
  } catch (const da06::ParseError& e) {
    return e.where().column;
  }
  return -1;
}

}  // namespace

// ---------------------------------------------------------------------------
// Rounding

TEST_CASE("Rounding: names round-trip and unknown names are rejected") {
  const Rounding all[] = {Rounding::half_up,   Rounding::half_even,   Rounding::half_down,     Rounding::floor,
                          Rounding::ceiling,   Rounding::toward_zero, Rounding::away_from_zero};
  std::set<std::string> names;
  for (Rounding m : all) {
    std::string name(to_string(m));
    names.insert(name);
    CHECK(da06::parse_rounding(name) == m);
  }
  CHECK(names.size() == 7);
  CHECK_THROWS_AS(da06::parse_rounding("HALF_UP"), da06::ParseError);
  CHECK_THROWS_AS(da06::parse_rounding(""), da06::ParseError);
  CHECK_THROWS_AS(da06::parse_rounding("round_half_up"), da06::ParseError);
}

TEST_CASE("Rounding: Ratio::round_to matches the fractions.Fraction oracle (all modes, ties, negatives, > int64)") {
  const std::string path = std::string(DA06_SOURCE_DIR) + "/tests/data/rounding_oracle.csv";
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "missing " << path);
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "numerator,denominator,decimals,mode,expected");
  int rows = 0, big_rows = 0, ties = 0, negatives = 0, failures = 0;
  std::set<std::string> modes;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto f = split_csv_line(line);
    REQUIRE(f.size() == 5);
    BigInt n(f[0]), d(f[1]);
    int k = std::stoi(f[2]);
    Rounding mode = da06::parse_rounding(f[3]);
    Ratio r(n, d);
    Decimal got = r.round_to(k, mode);
    if (got.to_string() != f[4]) {
      ++failures;
      if (failures <= 20) FAIL_CHECK(f[0] << "/" << f[1] << " at " << k << " " << f[3] << ": got " << got << ", want " << f[4]);
    }
    // The expected text also parses back to the same Decimal (same scale, same mantissa).
    CHECK(Decimal::parse(f[4]).identical(got));
    ++rows;
    if (r.is_big() || n * da06::detail::pow10(k) > kMax || n * da06::detail::pow10(k) < kMin) ++big_rows;
    if ((n * da06::detail::pow10(k) * 2) % d == 0 && (n * da06::detail::pow10(k)) % d != 0) ++ties;
    if (n < 0) ++negatives;
    modes.insert(f[3]);
  }
  CHECK(failures == 0);
  MESSAGE("rounding oracle rows checked: " << rows << " (beyond int64: " << big_rows << ", exact ties: " << ties
                                           << ", negative: " << negatives << ")");
  CHECK(rows >= 5000);
  CHECK(modes.size() == 7);
  CHECK(big_rows >= 500);
  CHECK(ties >= 500);
  CHECK(negatives >= 500);
}

TEST_CASE("Rounding: hand-checked ties of every mode") {
  // value → {half_up, half_even, half_down, floor, ceiling, toward_zero, away_from_zero} at 0 decimals
  struct Row { std::int64_t n, d; std::int64_t want[7]; };
  const Row rows[] = {
      {5, 2, {3, 2, 2, 2, 3, 2, 3}},
      {-5, 2, {-3, -2, -2, -3, -2, -2, -3}},
      {7, 2, {4, 4, 3, 3, 4, 3, 4}},
      {-7, 2, {-4, -4, -3, -4, -3, -3, -4}},
      {7, 3, {2, 2, 2, 2, 3, 2, 3}},
      {-7, 3, {-2, -2, -2, -3, -2, -2, -3}},
      {kMax, 1, {kMax, kMax, kMax, kMax, kMax, kMax, kMax}},
      {kMin, 1, {kMin, kMin, kMin, kMin, kMin, kMin, kMin}},
      {kMin, 2, {kMin / 2, kMin / 2, kMin / 2, kMin / 2, kMin / 2, kMin / 2, kMin / 2}},
      {kMax, 2, {kMax / 2 + 1, kMax / 2 + 1, kMax / 2, kMax / 2, kMax / 2 + 1, kMax / 2, kMax / 2 + 1}},
  };
  const Rounding modes[] = {Rounding::half_up, Rounding::half_even,   Rounding::half_down,     Rounding::floor,
                            Rounding::ceiling, Rounding::toward_zero, Rounding::away_from_zero};
  for (const Row& row : rows)
    for (int i = 0; i < 7; ++i) {
      CAPTURE(row.n);
      CAPTURE(row.d);
      CAPTURE(to_string(modes[i]));
      CHECK(Ratio(row.n, row.d).round(modes[i]) == BigInt(row.want[i]));
    }
  CHECK(Ratio(-7, 2).floor() == -4);
  CHECK(Ratio(-7, 2).ceil() == -3);
  CHECK(Ratio(1, 8).round_to(2, Rounding::half_even).to_string() == "0.12");
  CHECK(Ratio(3, 8).round_to(2, Rounding::half_even).to_string() == "0.38");
  CHECK(Ratio(-1, 8).round_to(2, Rounding::half_up).to_string() == "-0.13");
  CHECK(Ratio(-1, 8).round_to(2, Rounding::half_down).to_string() == "-0.12");
  CHECK_THROWS_AS(Ratio(1, 3).round_to(-1, Rounding::half_up), da06::InvalidArgument);
}

// ---------------------------------------------------------------------------
// Ratio

TEST_CASE("Ratio: construction keeps the printed form, normalises the sign, rejects a zero denominator") {
  Ratio r(990, 1714);
  CHECK(r.numerator() == 990);
  CHECK(r.denominator() == 1714);
  CHECK(r.to_string() == "990/1714");
  CHECK_FALSE(r.is_reduced());
  CHECK(r.reduced().to_string() == "495/857");
  CHECK(r == r.reduced());
  CHECK_FALSE(r.identical(r.reduced()));
  CHECK(da06::format_vn_ratio(r) == "990/1.714");

  Ratio neg(1, -2);
  CHECK(neg.numerator() == -1);
  CHECK(neg.denominator() == 2);
  CHECK(Ratio(-3, -6).to_string() == "3/6");
  CHECK_THROWS_AS(Ratio(1, 0), da06::InvalidArgument);
  CHECK_THROWS_AS(Ratio(BigInt(5), BigInt(0)), da06::InvalidArgument);

  // INT64_MIN in the denominator cannot be negated in int64: the value moves to cpp_int, exactly.
  Ratio m(1, kMin);
  CHECK(m.is_big());
  CHECK(m.numerator_big() == -1);
  CHECK(m.denominator_big() == BigInt(1) << 63);
  CHECK_THROWS_AS((void)m.denominator(), da06::RangeError);
  Ratio m2(kMin, -1);
  CHECK(m2.numerator_big() == BigInt(1) << 63);
  // A cpp_int pair that fits goes back to int64.
  CHECK_FALSE(Ratio(BigInt(6), BigInt(-4)).is_big());
  CHECK(Ratio(BigInt(6), BigInt(-4)).to_string() == "-6/4");
}

TEST_CASE("Ratio: comparison is exact where double is not") {
  // (2^53 + 1) / 2^53 and (2^53 + 2) / (2^53 + 1) are equal as doubles but different values.
  const std::int64_t p = std::int64_t{1} << 53;
  Ratio a(p + 1, p), b(p + 2, p + 1);
  CHECK(a.to_double() == b.to_double());
  CHECK(a > b);  // (p+1)^2 = p^2+2p+1 > p(p+2) = p^2+2p
  CHECK(a != b);
  CHECK(Ratio(1, 2) == Ratio(50, 100));
  CHECK(Ratio(-1, 3) < Ratio(-1, 4));
  CHECK(Ratio(kMax - 1, kMax - 2) > Ratio(kMax, kMax - 1));

  // Random pairs near int64's limits against cpp_int cross-multiplication.
  std::mt19937_64 rng(6);
  std::uniform_int_distribution<std::int64_t> any(kMin, kMax), pos(1, kMax);
  int checked = 0;
  for (int i = 0; i < 5000; ++i) {
    std::int64_t n1 = any(rng), d1 = pos(rng), n2 = any(rng), d2 = pos(rng);
    if (i % 3 == 0) n2 = n1 > 0 ? n1 - 1 : n1 + 1;  // nearly equal values
    if (i % 5 == 0) d2 = d1;
    BigInt l = BigInt(n1) * d2, r = BigInt(n2) * d1;
    int want = l < r ? -1 : l > r ? 1 : 0;
    auto c = Ratio(n1, d1) <=> Ratio(n2, d2);
    int got = c < 0 ? -1 : c > 0 ? 1 : 0;
    CHECK(got == want);
    ++checked;
  }
  CHECK(checked == 5000);
}

TEST_CASE("Ratio: sums, differences, products and quotients that overflow int64 stay exact") {
  std::mt19937_64 rng(2024);
  std::uniform_int_distribution<std::int64_t> any(kMin, kMax), pos(1, kMax), small(1, 1000);
  int big_results = 0, small_results = 0;
  for (int i = 0; i < 3000; ++i) {
    std::int64_t n1 = any(rng), d1 = (i % 4 == 0) ? small(rng) : pos(rng);
    std::int64_t n2 = any(rng), d2 = (i % 4 == 1) ? small(rng) : pos(rng);
    if (i % 4 == 2) {  // small values: the int64 fast path, checked against the same oracle
      n1 = n1 % 1000000;
      n2 = n2 % 1000000;
      d1 = small(rng);
      d2 = small(rng);
    }
    if (n2 == 0) n2 = 1;
    Ratio a(n1, d1), b(n2, d2);
    BigInt N1(n1), D1(d1), N2(n2), D2(d2);
    Ratio s = a + b, df = a - b, p = a * b, q = a / b;
    CHECK(same_value(s.numerator_big(), s.denominator_big(), N1 * D2 + N2 * D1, D1 * D2));
    CHECK(same_value(df.numerator_big(), df.denominator_big(), N1 * D2 - N2 * D1, D1 * D2));
    CHECK(same_value(p.numerator_big(), p.denominator_big(), N1 * N2, D1 * D2));
    CHECK(same_value(q.numerator_big(), q.denominator_big(), N1 * D2, D1 * N2));
    // Results are in lowest terms with a positive denominator.
    for (const Ratio* r : {&s, &df, &p, &q}) {
      CHECK(r->denominator_big() > 0);
      CHECK(boost::multiprecision::gcd(r->numerator_big(), r->denominator_big()) == 1);
      if (r->is_big()) ++big_results;
      else ++small_results;
    }
  }
  MESSAGE("results checked exact: " << big_results << " beyond int64, " << small_results << " within int64");
  CHECK(big_results > 3000);
  CHECK(small_results > 2000);

  // Specific edges.
  Ratio mx(kMax);
  CHECK((mx + mx).numerator_big() == BigInt(kMax) * 2);
  CHECK((mx * mx).numerator_big() == BigInt(kMax) * kMax);
  CHECK((-Ratio(kMin)).numerator_big() == BigInt(1) << 63);
  CHECK((Ratio(kMin) - Ratio(1)).numerator_big() == BigInt(kMin) - 1);
  CHECK((Ratio(kMin) / Ratio(-1)).numerator_big() == BigInt(1) << 63);
  // Back to int64 once the value is small again.
  Ratio back = (mx + mx) - mx;
  CHECK_FALSE(back.is_big());
  CHECK(back.numerator() == kMax);
  CHECK(mx.scaled(100).numerator_big() == BigInt(kMax) * 100);
  CHECK_THROWS_AS(Ratio(1, 2) / Ratio(0, 5), da06::InvalidArgument);
}

TEST_CASE("Ratio: scaled keeps the denominator, to_double is close") {
  Ratio pct = Ratio(990, 1714).scaled(100);
  CHECK(pct.to_string() == "99000/1714");
  CHECK(pct.round_to(1, Rounding::half_up).to_string() == "57.8");
  CHECK(Ratio(1, 3).to_double() == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
  Ratio huge(BigInt(1) << 200, (BigInt(1) << 199) * 3);  // 2/3
  CHECK(huge.to_double() == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(Ratio(-(BigInt(1) << 100), BigInt(1)).to_double() == doctest::Approx(-1.2676506002282294e30).epsilon(1e-15));
  CHECK(Ratio(kMax, 1).to_double() == doctest::Approx(9.223372036854775807e18).epsilon(1e-15));
}

// ---------------------------------------------------------------------------
// Decimal

TEST_CASE("Decimal: parses plain exact-decimal strings and prints them back") {
  for (const char* s : {"9.293", "-12", "0.0003", "0", "100.00", "-0.5", "123456789012345678901234567890.123"}) {
    CAPTURE(s);
    CHECK(Decimal::parse(s).to_string() == s);
  }
  Decimal d = Decimal::parse("9.293");
  CHECK(d.mantissa() == 9293);
  CHECK(d.scale() == 3);
  CHECK(Decimal::parse("007").to_string() == "7");
  // Leading zeros are decimal, not an octal prefix (cpp_int's string constructor reads "010" as 8).
  CHECK(Decimal::parse("010").mantissa() == 10);
  CHECK(Decimal::parse("0.089").mantissa() == 89);
  CHECK(Decimal::parse("0.12") == Ratio(3, 25).round_to(2, Rounding::half_up));
  CHECK(Decimal::parse("-0").to_string() == "0");
  CHECK(Decimal::parse("100.00") == Decimal(100));
  CHECK_FALSE(Decimal::parse("100.00").identical(Decimal(100)));
  CHECK(Decimal::parse("100.00").normalized().to_string() == "100");
  CHECK(Decimal::parse("0.0003").to_ratio().reduced().to_string() == "3/10000");
}

TEST_CASE("Decimal: bad text is a located ParseError") {
  struct Bad { const char* text; int column; };
  const Bad bad[] = {{"", 1}, {"abc", 1}, {"1.", 3}, {".5", 1}, {"1e3", 2}, {"+1", 1}, {"1,5", 2}, {"1.2.3", 4}, {"- 1", 2}, {" 1", 1}};
  for (const Bad& b : bad) {
    CAPTURE(b.text);
    CHECK(parse_error_column([&] { Decimal::parse(b.text); }) == b.column);
  }
  // With a location from the caller: the column is relative to where the text starts.
  try {
    Decimal::parse("12x", da06::Location{"f.json", 7, 10, "$.value", "value"});
    FAIL("no exception");
  } catch (const da06::ParseError& e) {
    CHECK(e.where().file == "f.json");
    CHECK(e.where().line == 7);
    CHECK(e.where().column == 12);
    CHECK(std::string(e.what()).find("\"12x\"") != std::string::npos);
  }
  CHECK_THROWS_AS(Decimal::parse(std::string(1001, '7')), da06::RangeError);
  CHECK_THROWS_AS(Decimal(BigInt(1), -1), da06::InvalidArgument);
}

TEST_CASE("Decimal: arithmetic and comparison are exact") {
  Decimal a = Decimal::parse("9.293"), b = Decimal::parse("0.7");
  CHECK((a + b).to_string() == "9.993");
  CHECK((a - b).to_string() == "8.593");
  CHECK((a * b).to_string() == "6.5051");
  CHECK((-a).to_string() == "-9.293");
  CHECK((a / b).reduced().to_string() == "9293/700");
  CHECK_THROWS_AS(a / Decimal(0), da06::InvalidArgument);
  CHECK(Decimal::parse("0.1") + Decimal::parse("0.2") == Decimal::parse("0.3"));  // not in double
  CHECK(Decimal::parse("1.50") == Decimal::parse("1.5"));
  CHECK(Decimal::parse("-1.5") < Decimal::parse("-1.49"));
  CHECK(Decimal::parse("78.25").round_to(1, Rounding::half_up).to_string() == "78.3");
  CHECK(Decimal::parse("78.25").round_to(1, Rounding::half_even).to_string() == "78.2");
  CHECK(Decimal::parse("78.25").round_to(4, Rounding::half_up).to_string() == "78.2500");
  CHECK(Decimal::parse("9.293").shift_point(9).to_string() == "9293000000");
  CHECK(Decimal(120).shift_point(-3).to_string() == "0.120");
  // Against cpp_int directly: a sum of values beyond int64.
  Decimal big = Decimal::parse("92233720368547758.07");
  CHECK((big * big).mantissa() == BigInt(kMax) * kMax);
  CHECK((big + big).mantissa() == BigInt(kMax) * 2);
}

// ---------------------------------------------------------------------------
// Vietnamese number text

TEST_CASE("number parse errors quote the text as clean UTF-8: cut on a character, control bytes escaped") {
  auto what = [](const std::string& text) -> std::string {
    try {
      (void)da06::parse_vn_number(text);
    } catch (const da06::ParseError& e) {
      return e.what();
    }
    return "";
  };
  // 76 digits then "ý": the 80-byte excerpt used to cut "ý" in two, and Python raised UnicodeDecodeError.
  const std::string cut = what(std::string(76, '1') + "ý" + std::string(10, 'x'));
  CHECK(cut.find(std::string(76, '1') + "ý") != std::string::npos);
  CHECK(cut.find("...") != std::string::npos);
  // A NUL cut the C ABI's NUL-terminated message short; an invalid byte made it invalid UTF-8.
  CHECK(what(std::string("1.714\0", 6)).find("\"1.714\\x00\" at column 6") != std::string::npos);
  CHECK(what("9,293 t\xff").find("\"9,293 t\\xff\"") != std::string::npos);
  CHECK(what("1,5\xc3").find("\"1,5\\xc3\"") != std::string::npos);  // a sequence cut by the end of the text
}

TEST_CASE("VnNumber: parse records value and style") {
  auto n = da06::parse_vn_number("1.714");
  CHECK(n.value() == Decimal(1714));
  CHECK(n.style().grouped);
  auto p = da06::parse_vn_number("100,00%");
  CHECK(p.value().to_string() == "100.00");
  CHECK(p.style().decimals == 2);
  CHECK(p.is_percent());
  auto z = da06::parse_vn_number("03");
  CHECK(z.value() == Decimal(3));
  CHECK(z.style().int_digits == 2);
  CHECK(da06::parse_vn_number("08").value() == Decimal(8));
  CHECK(da06::parse_vn_number("010").value() == Decimal(10));
  auto plain = da06::parse_vn_number("2573");
  CHECK_FALSE(plain.style().grouped);
  CHECK(plain.value() == Decimal(2573));
  auto money = da06::parse_vn_number("9,293 tỷ đồng");
  REQUIRE(money.money().has_value());
  CHECK(money.money()->scale == da06::MoneyScale::ty);
  CHECK(money.value().to_string() == "9.293");
  CHECK(da06::parse_vn_number("6,3 tỷ").style().suffix == da06::VnSuffix::ty);
  CHECK(da06::parse_vn_number("-1.234,5").value().to_string() == "-1234.5");
  CHECK(da06::parse_vn_number("9,293").value().to_string() == "9.293");  // ',' is the decimal point
  for (const char* s : {"-0", "+5", "-0,0%", "0", "1.000.000", "0,03%", "100%", "0%", "120 triệu đồng", "500 đồng",
                        "7 triệu", "05", "-03", "1.234,567", "2024"}) {
    CAPTURE(s);
    CHECK(format(da06::parse_vn_number(s)) == s);
  }
}

TEST_CASE("VnNumber: bad text is a ParseError located at the offending byte") {
  struct Bad { const char* text; int column; };
  const Bad bad[] = {
      {"", 1},          {"1.71", 5},     {"1,2,3", 4},     {"abc", 1},      {"12.3456", 7}, {"1234.567", 5},
      {"0.123", 2},     {"012.345", 1},  {"1.714.", 7},    {"1,", 3},       {"-", 2},       {"1.714,5.", 8},
      {"42,2 %", 5},    {"9 tỷđồng", 2}, {"9 tỷ lệ", 2},   {"1.71%", 5},    {",5", 1},      {"1..714", 3},
      {"50 %", 3},      {"1,5,", 4},     {"1 000", 2},     {"٣", 1}};
  for (const Bad& b : bad) {
    CAPTURE(b.text);
    CHECK(parse_error_column([&] { da06::parse_vn_number(b.text); }) == b.column);
  }
  try {
    da06::parse_vn_number("12.3456", da06::Location{"seed.txt", 94, 40, "", ""});
    FAIL("no exception");
  } catch (const da06::ParseError& e) {
    CHECK(e.where().line == 94);
    CHECK(e.where().column == 46);
    CHECK(std::string(e.what()).rfind("seed.txt:94:46: ", 0) == 0);
  }
}

TEST_CASE("VnNumber: integers beyond int64 are exact, or a located RangeError, never wrapped") {
  CHECK(da06::parse_vn_integer("9.223.372.036.854.775.807") == kMax);
  CHECK(da06::parse_vn_integer("-9.223.372.036.854.775.808") == kMin);
  auto big = da06::parse_vn_number("9.223.372.036.854.775.808");
  CHECK(big.value().mantissa() == BigInt(kMax) + 1);
  CHECK(format(big) == "9.223.372.036.854.775.808");
  auto huge = da06::parse_vn_number("123456789012345678901234567890");
  CHECK(huge.value().mantissa() == BigInt("123456789012345678901234567890"));
  try {
    da06::parse_vn_integer("9.223.372.036.854.775.808");
    FAIL("no exception");
  } catch (const da06::RangeError& e) {
    CHECK(e.where().column == 1);
  }
  try {
    da06::parse_vn_integer("-99999999999999999999", da06::Location{"x.csv", 3, 5, "", "count"});
    FAIL("no exception");
  } catch (const da06::RangeError& e) {
    CHECK(e.where().column == 6);
    CHECK(e.where().line == 3);
  }
  CHECK_THROWS_AS(da06::parse_vn_integer("1,5"), da06::ParseError);
  CHECK_THROWS_AS(da06::parse_vn_integer("15%"), da06::ParseError);
  CHECK_THROWS_AS(da06::parse_vn_number(std::string(1001, '1')), da06::RangeError);
}

TEST_CASE("Formatting: integers, decimals, percentages and money as the reports print them") {
  CHECK(da06::format_vn_integer(1714) == "1.714");
  CHECK(da06::format_vn_integer(0) == "0");
  CHECK(da06::format_vn_integer(999) == "999");
  CHECK(da06::format_vn_integer(-2573) == "-2.573");
  CHECK(da06::format_vn_integer(kMin) == "-9.223.372.036.854.775.808");
  CHECK(da06::format_vn_integer(BigInt(1) << 64) == "18.446.744.073.709.551.616");
  CHECK(da06::format_vn_decimal(Decimal::parse("78.25"), 1) == "78,3");
  CHECK(da06::format_vn_decimal(Decimal::parse("78.25"), 1, Rounding::half_even) == "78,2");
  CHECK(da06::format_vn_decimal(Decimal::parse("1234.5"), 2) == "1.234,50");
  CHECK(da06::format_vn_decimal(Decimal::parse("9.293")) == "9,293");
  CHECK(da06::format_vn_decimal(Decimal::parse("-0.04"), 1) == "0,0");

  // Percentages the seed prints, from the seed's own numerators and denominators.
  CHECK(da06::format_percent(Ratio(990, 1714), 1) == "57,8%");
  CHECK(da06::format_percent(Ratio(2281434, 2371256), 2) == "96,21%");
  CHECK(da06::format_percent(Ratio(953626, 953626), 0) == "100%");
  CHECK(da06::format_percent(Ratio(953626, 953626), 2) == "100,00%");
  CHECK(da06::format_percent(Ratio(0, 5), 0) == "0%");
  CHECK(da06::format_percent(Ratio(1, 8), 1) == "12,5%");
  CHECK(da06::format_percent(Ratio(1, 800), 2) == "0,13%");  // 0,125 is a tie: half_up goes away from zero
  CHECK(da06::format_percent(Ratio(1, 800), 2, Rounding::half_even) == "0,12%");
  CHECK(da06::format_percent(Ratio(3, 800), 2, Rounding::half_even) == "0,38%");
  CHECK(da06::format_percent(Ratio(1, 1600), 2) == "0,06%");  // 0,0625: not a tie at 2 decimals
  CHECK(da06::format_percent(Ratio(1, 1000), 1, Rounding::half_up, 1000) == "1,0%");  // per-mille factor

  da06::Money ty{Decimal::parse("9.293"), da06::MoneyScale::ty};
  CHECK(da06::format_money(ty) == "9,293 tỷ đồng");
  CHECK(da06::format_money(da06::Money{Decimal(120), da06::MoneyScale::trieu}) == "120 triệu đồng");
  CHECK(da06::format_money(da06::Money{Decimal::parse("60.367"), da06::MoneyScale::ty}, 1) == "60,4 tỷ đồng");
  CHECK(da06::format_money(ty.in(da06::MoneyScale::trieu), 0) == "9.293 triệu đồng");
  CHECK(ty.in(da06::MoneyScale::dong).value.to_string() == "9293000000");
  CHECK(da06::Money{Decimal(120), da06::MoneyScale::trieu} == da06::Money{Decimal::parse("0.12"), da06::MoneyScale::ty});
  CHECK(da06::parse_money("120 triệu đồng").in(da06::MoneyScale::ty).value.to_string() == "0.120");
  CHECK_THROWS_AS(da06::parse_money("120"), da06::ParseError);

  auto pct = da06::parse_percent("98,74%");
  CHECK(pct.value.to_string() == "98.74");
  CHECK(pct.decimals == 2);
  CHECK(da06::parse_percent("100%").decimals == 0);
  CHECK(parse_error_column([] { da06::parse_percent("98,74"); }) == 6);

  // VnNumber from a value and a style.
  CHECK(format(da06::VnNumber(Decimal(2573), da06::VnStyle{.grouped = false})) == "2573");
  CHECK(format(da06::VnNumber(Decimal(6), da06::VnStyle{.int_digits = 2})) == "06");
  CHECK(format(da06::VnNumber(Decimal(100), da06::VnStyle{.decimals = 2, .suffix = da06::VnSuffix::percent})) ==
        "100,00%");
  CHECK_THROWS_AS(da06::VnNumber(Decimal::parse("1.55"), da06::VnStyle{.decimals = 1}), da06::InvalidArgument);
  // Padding beyond 3 digits cannot be grouped: "000.000" and "01.234" would not parse back (found by fuzz_numbers).
  CHECK(format(da06::VnNumber(Decimal(5), da06::VnStyle{.int_digits = 3})) == "005");
  CHECK(da06::parse_vn_number("005") == da06::VnNumber(Decimal(5), da06::VnStyle{.int_digits = 3}));
  CHECK_THROWS_AS(da06::VnNumber(Decimal(0), da06::VnStyle{.int_digits = 6}), da06::InvalidArgument);
  CHECK_THROWS_AS(da06::VnNumber(Decimal(1234), da06::VnStyle{.int_digits = 5}), da06::InvalidArgument);
  CHECK(format(da06::VnNumber(Decimal(1234), da06::VnStyle{.grouped = false, .int_digits = 5})) == "01234");
  CHECK(da06::parse_vn_number("01234").value() == Decimal(1234));
}

// ---------------------------------------------------------------------------
// The seed report
//
// Extraction rule. A number token is a maximal run matching `\d+([.,]\d+)*` (so a trailing
// '.' or ',' is punctuation), plus the suffix that follows it, if any: "%", " tỷ đồng",
// " triệu đồng". It is NOT a measurement, and is skipped, when:
//   1. it is glued to a letter, digit or '_' on either side ("C06", "QH15", "4G", "06CP");
//   2. it belongs to a '/'-chain `N/N/...` (the chain is the maximal run of tokens joined by
//      single '/') that is a document number — the chain is followed by "/<letter>" or
//      "<letter>" (e.g. "4709/CV-...", "72/2025/QH15", "137/BC-UBND") — or a date:
//      three parts ("28/06/2024") or two parts day-or-month/4-digit year ("01/2024");
//      other chains are ratios ("990/1.714", "15/63"), and each side is a number;
//   3. it is a section or row number ("3.1", "7.2", "1.4"): '.'-groups not of 3 digits.
//      Those are checked separately to be REJECTED by the parser (they are not numbers).
// Bare years ("2024") are kept: nothing in their text distinguishes them from counts.
TEST_CASE("Seed: format(parse(s)) == s for every number printed in the report") {
  const auto seed = da06_test::seed_text();
  if (!seed) return;
  const std::string& text = *seed;
  auto is_word = [](unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; };
  auto is_ascii_word = [](unsigned char c) { return std::isalnum(c) || c == '_'; };
  const std::regex token_re(R"(\d+(?:[.,]\d+)*)");
  const std::string suffixes[] = {"%", " tỷ đồng", " triệu đồng"};

  struct Token { std::size_t begin, end; std::string text; };
  std::vector<Token> tokens;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), token_re); it != std::sregex_iterator(); ++it)
    tokens.push_back({static_cast<std::size_t>(it->position()), static_cast<std::size_t>(it->position() + it->length()),
                      it->str()});

  std::vector<bool> skip(tokens.size(), false);
  std::vector<std::size_t> section_numbers;
  // Rule 2: '/'-chains.
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t j = i;
    while (j + 1 < tokens.size() && tokens[j].end < text.size() && text[tokens[j].end] == '/' &&
           tokens[j + 1].begin == tokens[j].end + 1)
      ++j;
    std::size_t parts = j - i + 1;
    if (parts > 1) {
      std::size_t after = tokens[j].end;
      bool doc = after + 1 < text.size() && text[after] == '/' && is_word(static_cast<unsigned char>(text[after + 1]));
      const std::string& last = tokens[j].text;
      bool year_last = last.size() == 4 && last.find_first_of(".,") == std::string::npos &&
                       (last.rfind("19", 0) == 0 || last.rfind("20", 0) == 0);
      bool date = parts == 3 || (parts == 2 && year_last && tokens[i].text.size() <= 2);
      if (doc || date)
        for (std::size_t k = i; k <= j; ++k) skip[k] = true;
    } else if (tokens[i].end + 1 < text.size() && text[tokens[i].end] == '/' &&
               is_word(static_cast<unsigned char>(text[tokens[i].end + 1]))) {
      skip[i] = true;  // "4709/CV-...": a document number on its own
    }
    i = j + 1;
  }
  std::map<std::string, int> kinds;
  int checked = 0, failures = 0, glued = 0, dated = 0;
  std::size_t line_no = 1, line_pos = 0, scanned_to = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    // Rule 1: glued to a word.
    bool glued_before = t.begin > 0 && is_ascii_word(static_cast<unsigned char>(text[t.begin - 1]));
    bool glued_after = t.end < text.size() && is_ascii_word(static_cast<unsigned char>(text[t.end]));
    if (glued_before || glued_after) {
      ++glued;
      continue;
    }
    if (skip[i]) {
      ++dated;
      continue;
    }
    // Rule 3: section numbers.
    bool section = false;
    {
      std::size_t pos = 0;
      bool first = true;
      while (pos <= t.text.size()) {
        std::size_t next = t.text.find_first_of(".,", pos);
        std::size_t len = (next == std::string::npos ? t.text.size() : next) - pos;
        bool after_dot = !first && t.text[pos - 1] == '.';
        if (after_dot && len != 3) section = true;
        first = false;
        if (next == std::string::npos) break;
        pos = next + 1;
      }
    }
    if (section) {
      section_numbers.push_back(i);
      continue;
    }
    std::string s = t.text;
    for (const std::string& suf : suffixes)
      if (text.compare(t.end, suf.size(), suf) == 0) {
        s += suf;
        break;
      }
    for (; scanned_to < t.begin; ++scanned_to)
      if (text[scanned_to] == '\n') {
        ++line_no;
        line_pos = scanned_to + 1;
      }
    da06::Location where{"seed", static_cast<int>(line_no), static_cast<int>(t.begin - line_pos + 1), "", ""};
    try {
      da06::VnNumber n = da06::parse_vn_number(s, where);
      std::string back = format(n);
      if (back != s) {
        ++failures;
        FAIL_CHECK("line " << line_no << ": " << s << " -> " << back);
      }
      if (n.is_percent()) ++kinds[n.style().decimals > 0 ? "percent with decimals" : "percent, no decimals"];
      else if (n.money()) ++kinds["money"];
      else if (n.style().decimals > 0) ++kinds["decimal"];
      else if (s.find('.') != std::string::npos) ++kinds["grouped integer"];
      else if (s.size() >= 4) ++kinds["ungrouped integer >= 4 digits"];
      else if (s.size() > 1 && s[0] == '0') ++kinds["leading zero"];
      else ++kinds["small integer"];
    } catch (const da06::Error& e) {
      ++failures;
      FAIL_CHECK("line " << line_no << ": " << e.what());
    }
    ++checked;
  }
  std::ostringstream summary;
  for (const auto& [k, v] : kinds) summary << "  " << k << ": " << v << "\n";
  MESSAGE("seed tokens round-tripped: " << checked << " of " << tokens.size() << " digit runs (skipped: " << glued
                                        << " glued to a word, " << dated << " in dates or document numbers, "
                                        << section_numbers.size() << " section numbers)\n"
                                        << summary.str());
  CHECK(failures == 0);
  CHECK(checked >= 850);
  CHECK(kinds["percent with decimals"] >= 30);
  CHECK(kinds["percent, no decimals"] >= 20);
  CHECK(kinds["money"] >= 15);
  CHECK(kinds["grouped integer"] >= 50);
  CHECK(kinds["ungrouped integer >= 4 digits"] >= 20);
  CHECK(kinds["leading zero"] >= 50);
  // The seed's numbers include the report's own examples.
  for (std::string must : {"990", "1.714", "57,8%", "9,293 tỷ đồng", "120 triệu đồng", "100,00%", "0,03%", "2573"}) {
    CAPTURE(must);
    CHECK(text.find(must) != std::string::npos);
  }
  // Section numbers ("3.1", "7.2") are not Vietnamese numbers: the parser must refuse them.
  CHECK(section_numbers.size() >= 10);
  for (std::size_t i : section_numbers) {
    CAPTURE(tokens[i].text);
    CHECK_THROWS_AS(da06::parse_vn_number(tokens[i].text), da06::ParseError);
  }
}
