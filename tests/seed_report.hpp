// The seed report (../shared/seed/ beside the repository), which a fresh clone does not have.
//
// A test that needs it calls seed_text(): without the file it prints one line starting "SKIPPED: needs"
// and returns nothing, and ctest reports the test as skipped (SKIP_REGULAR_EXPRESSION in
// tests/CMakeLists.txt). CI has ../shared/ and sets DA06_REQUIRE_SHARED=1, which makes a missing seed a
// failure instead, so CI runs every such test.
#ifndef DA06_TESTS_SEED_REPORT_HPP
#define DA06_TESTS_SEED_REPORT_HPP

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#ifndef DA06_SEED_PATH
#error "DA06_SEED_PATH must name the seed report"
#endif

namespace da06_test {

inline std::optional<std::string> seed_text() {
  std::ifstream in(DA06_SEED_PATH, std::ios::binary);
  if (!in) {
    const char* require = std::getenv("DA06_REQUIRE_SHARED");
    if (require != nullptr && std::strcmp(require, "1") == 0)
      FAIL("DA06_REQUIRE_SHARED=1 but the seed report is absent: " DA06_SEED_PATH);
    std::cout << "SKIPPED: needs the seed report ../shared/seed/ (absent: " DA06_SEED_PATH ")" << std::endl;
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace da06_test

#endif
