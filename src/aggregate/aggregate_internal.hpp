// Internal: what the files of the aggregation engine share (not installed). plan.cpp builds plans,
// run.cpp runs them (the only writer of a result's columns), result.cpp reads results, kernel.cpp is the
// scatter-add; named_rows.cpp, restate.cpp and compare.cpp work on results and rows with names.
#pragma once

#include "da06/aggregate.hpp"
#include "kernel.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace da06::inline v1::detail {

__extension__ typedef unsigned __int128 uint128;  // __extension__: no -Wpedantic warning

/// A 128-bit sum as a BigInt.
BigInt big_of(int128 v);

/// Does a 128-bit sum fit in int64?
inline bool fits64(int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}

}  // namespace da06::inline v1::detail

namespace da06::inline v1 {

/// The columns of a result (written by run.cpp's ResultBuilder, read by result.cpp).
struct AggregateResult::Impl {
  Level level_ = Level::province;
  Date as_of_;
  detail::BigVector<std::int32_t> unit_, indicator_, period_;
  detail::BigVector<std::int64_t> num_, den_, rows_;
  detail::BigVector<double> ratio_d_, gap_d_;
  detail::BigVector<GroupStatus> status_;
  struct Wide {
    std::size_t group;
    detail::int128 num, den;
  };
  std::vector<Wide> wide_;  // groups whose sums do not fit in int64, by group
  std::vector<std::optional<IndicatorThreshold>> thresholds_;
  std::vector<DroppedUnit> dropped_;
  std::vector<BadRow> bad_;
  std::size_t bad_count_ = 0, rows_used_ = 0, rows_dropped_ = 0;
};

}  // namespace da06::inline v1
