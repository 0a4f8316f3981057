// Internal: the scatter-add kernel of AggregationPlan::run (not installed).
//
// It adds every ordinary row of an ObservationView into dense (target × indicator × period) accumulators
// and hands every other row (a code out of range, a negative count, a unit without a target on the date)
// to a RareRows sink, without adding it. Design and measurements: docs/aggregation.md, "The kernel".
#ifndef DA06_SRC_AGGREGATE_KERNEL_HPP
#define DA06_SRC_AGGREGATE_KERNEL_HPP

#include "da06/aggregate.hpp"
#include "memory.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace da06 {
inline namespace v1 {
namespace detail {

__extension__ typedef __int128 int128;  // __extension__: -Wpedantic would warn that ISO C++ has no __int128

/// `base[u]`: the offset of unit u's target slab (dense target × I × P), or `trash` for a unit without a
/// target. `base` has U + 1 entries, `base[U] == trash`. The accumulators hold trash + I·P cells: the
/// trash slab absorbs the rows of units without a target (reported as rare rows; its sums are garbage).
struct ScatterSpec {
  const std::uint32_t* base = nullptr;  // U + 1 entries
  std::uint32_t U = 0, I = 0, P = 0;
  std::uint32_t trash = 0;  // = targets · I · P, the first cell of the trash slab
};

template <class T>
struct Accumulators {
  T* num = nullptr;
  T* den = nullptr;
  std::int64_t* rows = nullptr;
};

/// Receives the rows the kernel did not add (absolute row indices), a block at a time, in row order.
class RareRows {
 public:
  virtual void rows(const std::size_t* index, std::size_t count) = 0;

 protected:
  ~RareRows() = default;
};

struct ScatterStats {
  std::uint64_t count_or = 0;  ///< OR of every count added (so that each is < 2^bit_width)
  std::size_t run_rows = 0;    ///< rows added by the run path (the rest by the row path, or rare)
};

/// Adds the ordinary rows. int64 sums are added modulo 2^64 (the caller checks the bound with
/// count_or and the row counts, and redoes the pass in 128 bits when a sum may have wrapped).
ScatterStats scatter_add(const ObservationView& o, const ScatterSpec& s, Accumulators<std::int64_t> acc, RareRows& rare);
ScatterStats scatter_add(const ObservationView& o, const ScatterSpec& s, Accumulators<int128> acc, RareRows& rare);

/// The largest value of a code column after its map (−1 when empty or every value is −1).
std::int32_t max_value(const CodeView& c, std::size_t n);

/// Which chunk kernel runs: "avx2" or "generic" (DA06_KERNEL=generic forces the portable one).
std::string_view kernel_isa();

}  // namespace detail
}  // namespace v1
}  // namespace da06

#endif  // DA06_SRC_AGGREGATE_KERNEL_HPP
