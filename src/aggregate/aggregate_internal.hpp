// Internal: what the files of the aggregation engine share (not installed). plan.cpp builds plans,
// run.cpp runs them (the only writer of a result's columns), result.cpp reads results, kernel.cpp is the
// scatter-add; named_rows.cpp, restate.cpp and compare.cpp work on results and rows with names.
#pragma once

#include "da06/aggregate.hpp"
#include "kernel.hpp"

#include <cstdint>
#include <limits>

namespace da06::inline v1::detail {

__extension__ typedef unsigned __int128 uint128;  // __extension__: no -Wpedantic warning

/// A 128-bit sum as a BigInt.
BigInt big_of(int128 v);

/// Does a 128-bit sum fit in int64?
inline bool fits64(int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}

}  // namespace da06::inline v1::detail
