// The small dated hierarchy shared by the aggregation tests: two provinces, a district abolished on
// 2025-06-30 with its two communes, and two communes created on 2025-07-01.
#ifndef DA06_TESTS_AGGREGATE_UNITS_HPP
#define DA06_TESTS_AGGREGATE_UNITS_HPP

#include <da06/hierarchy.hpp>

#include <doctest/doctest.h>

namespace da06_test {

inline const char* const kUnits =
    "id,parent,level,valid_from,valid_to\n"
    "VN,,nation,,\n"
    "P,VN,province,,\n"
    "Q,VN,province,,\n"
    "D1,P,district,,2025-06-30\n"
    "C1,D1,commune,,2025-06-30\n"
    "C2,D1,commune,,2025-06-30\n"
    "N1,P,commune,2025-07-01,\n"
    "N2,Q,commune,2025-07-01,\n";

inline da06::Hierarchy units() {
  auto r = da06::load_hierarchy_csv(kUnits, "units.csv");
  REQUIRE(r.ok());
  return r.hierarchy;
}

}  // namespace da06_test

#endif  // DA06_TESTS_AGGREGATE_UNITS_HPP
