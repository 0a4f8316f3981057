// numbers_example.cpp — exact ratios, rounding and Vietnamese number text with da06/numbers.hpp.
//
//   g++ -std=c++20 -I include examples/cpp/numbers_example.cpp -o numbers_example && ./numbers_example
#include <da06/numbers.hpp>

#include <iostream>

int main() {
  using namespace da06;

  // "+ Dịch vụ công trực tuyến toàn trình: 990/1.714 (đạt 57,8%)"
  Ratio online{parse_vn_integer("990"), parse_vn_integer("1.714")};
  std::cout << format_vn_ratio(online) << " = " << format_percent(online, 1) << '\n';  // 990/1.714 = 57,8%

  // Check a printed percentage against its own numerator and denominator, at the printed precision.
  PercentText printed = parse_percent("57,8%");
  bool consistent = online.scaled(100).round_to(printed.decimals, Rounding::half_up) == printed.value;
  std::cout << "57,8% consistent: " << std::boolalpha << consistent << '\n';  // true

  // Every printed number keeps its style: format(parse(s)) == s.
  for (const char* s : {"100,00%", "0,03%", "2573", "2.573", "03", "9,293 tỷ đồng", "120 triệu đồng"}) {
    VnNumber n = parse_vn_number(s);
    std::cout << s << " -> value " << n.value() << " -> " << format(n) << '\n';
  }

  // Money is exact: 9,293 tỷ + 120 triệu, in tỷ đồng.
  Money a = parse_money("9,293 tỷ đồng");
  Money b = parse_money("120 triệu đồng");
  Money sum{a.value + b.in(MoneyScale::ty).value, MoneyScale::ty};
  std::cout << format_money(sum) << '\n';  // 9,413 tỷ đồng

  // Rounding modes differ only on ties: 0,125% at 2 decimals.
  Ratio tie{1, 800};
  std::cout << format_percent(tie, 2, Rounding::half_up) << ' '      // 0,13%
            << format_percent(tie, 2, Rounding::half_even) << '\n';  // 0,12%

  // Nothing overflows silently: int64 products move to cpp_int.
  Ratio big = Ratio{INT64_MAX, 3} * Ratio{INT64_MAX, 7};
  std::cout << big << " (big: " << big.is_big() << ")\n";

  try {
    parse_vn_number("1.71");  // '.' groups thousands, so this is malformed
  } catch (const ParseError& e) {
    std::cout << "error at column " << e.where().column << ": " << e.message() << '\n';
  }
  return consistent ? 0 : 1;
}
