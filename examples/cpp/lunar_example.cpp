// lunar_example — docs/lunar.md's example: solar ↔ lunar dates, Tết, leap months, UTC+7 against UTC+8.
// docs/lunar.md shows this file from its first #include (tests/python/test_docs.py checks it); ctest builds and runs it.

#include <da06/lunar.hpp>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <iostream>

int main() {
  using boost::gregorian::date;
  da06::LunarDate l = da06::to_lunar(date(2006, 9, 12));
  std::cout << da06::to_string(l) << '\n';                                   // 20/7 (leap)/2006
  std::cout << da06::from_lunar({10, 3, 2026}) << '\n';                      // 2026-Apr-26 (Giỗ Tổ)
  std::cout << da06::tet(2030) << " vs China " << da06::from_lunar({1, 1, 2030}, 8.0) << '\n';
                                                                             // 2030-Feb-02 vs 2030-Feb-03
  std::cout << da06::lunar_leap_month(2033) << '\n';                         // 11
  std::cout << da06::lunar_month_length(12, 2024, false) << '\n';            // 29: giao thừa is 29 Tết
}
