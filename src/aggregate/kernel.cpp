// The scatter-add kernel of AggregationPlan::run (and CodeView, which it reads).
//
// Rows are taken 2048 at a time (a block). Code columns that are not plain int32 are staged into three
// small uint32 buffers (widened, and remapped through the caller's table), so every width is read in
// place with no whole-column temporaries. Within a block, rows go 64 at a time (a chunk):
//
//  * The run path. Exports are usually sorted by unit, indicator, period, so the 64 rows of a chunk
//    often belong to one unit and fall on 64 consecutive cells. A cheap test on the first and last row
//    selects such chunks; they are added as two contiguous vector adds (num, den) while the same loop
//    checks every row (same unit, consecutive cell, codes in range, counts ≥ 0). The row counts go to a
//    difference array: chunks that follow one another on the cells (a unit's whole run) make one
//    interval, +1 at its first cell and −1 past its last, summed into the counts at the end (per row,
//    one load-add-store fewer on the cells). If any row fails, the chunk is subtracted back out exactly
//    (modular arithmetic) and taken by the row path instead. The last rows of a unit or of a block take
//    a shorter chunk of the same kind.
//    An AVX2 build of this loop is chosen at run time when the CPU has AVX2.
//  * The row path. One predictable branch per row sends a row with a bad code, a negative count or a
//    unit without a target to the RareRows sink; the others are added to their cell.
//
// Why not a single scalar loop: measured on the 23.9 M-row benchmark it is ~1.7× the memory-bandwidth
// bound, the run path ~1.2× (numbers in docs/aggregation.md).
#include "kernel.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <new>

#include <limits>
#include <type_traits>

namespace da06 {
inline namespace v1 {

// ---------------------------------------------------------------------------
// CodeView

namespace {

template <class F>
decltype(auto) with_type(CodeType t, F&& f) {
  switch (t) {
    case CodeType::i8: return f(std::int8_t{});
    case CodeType::i16: return f(std::int16_t{});
    case CodeType::i32: return f(std::int32_t{});
    case CodeType::i64: return f(std::int64_t{});
    case CodeType::u8: return f(std::uint8_t{});
    case CodeType::u16: return f(std::uint16_t{});
    case CodeType::u32: return f(std::uint32_t{});
    case CodeType::u64: return f(std::uint64_t{});
  }
  throw InvalidArgument("aggregate: unknown code column type");
}

constexpr std::uint32_t kNone = 0xFFFFFFFFu;  // a staged value that is never in range

/// The int32 value of a code, or kNone when it has none (negative values wrap to ≥ 2^31: never in range).
template <class S>
std::uint32_t plain(S v) {
  if constexpr (sizeof(S) < 4 || (sizeof(S) == 4 && std::is_signed_v<S>)) {
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(v));
  } else if constexpr (std::is_signed_v<S>) {
    return v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max()
               ? static_cast<std::uint32_t>(static_cast<std::int32_t>(v))
               : kNone;
  } else {
    return v <= static_cast<S>(std::numeric_limits<std::int32_t>::max()) ? static_cast<std::uint32_t>(v) : kNone;
  }
}

template <class S>
std::uint32_t mapped(S v, const std::int32_t* map, std::size_t map_n) {
  if constexpr (std::is_signed_v<S>)
    if (v < 0) return kNone;
  return static_cast<std::uint64_t>(v) < map_n ? static_cast<std::uint32_t>(map[static_cast<std::size_t>(v)]) : kNone;
}

/// Rows [b, b+m) of a code column as uint32 values: the column itself when it is plain int32,
/// otherwise widened/remapped into `buf`.
const std::uint32_t* stage(const CodeView& c, std::size_t b, std::size_t m, std::uint32_t* buf) {
  if (!c.map && c.type == CodeType::i32) return static_cast<const std::uint32_t*>(c.data) + b;
  with_type(c.type, [&](auto tag) {
    using S = decltype(tag);
    const S* src = static_cast<const S*>(c.data) + b;
    if (c.map)
      for (std::size_t j = 0; j < m; ++j) buf[j] = mapped(src[j], c.map, c.map_size);
    else
      for (std::size_t j = 0; j < m; ++j) buf[j] = plain(src[j]);
  });
  return buf;
}

}  // namespace

std::int64_t CodeView::raw(std::size_t i) const {
  return with_type(type, [&](auto tag) {
    using S = decltype(tag);
    const S v = static_cast<const S*>(data)[i];
    if constexpr (std::is_same_v<S, std::uint64_t>)
      return v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ? std::int64_t{-1}
                                                                                      : static_cast<std::int64_t>(v);
    else
      return static_cast<std::int64_t>(v);
  });
}

std::int32_t CodeView::value(std::size_t i) const {
  std::uint32_t v = with_type(type, [&](auto tag) {
    using S = decltype(tag);
    const S x = static_cast<const S*>(data)[i];
    return map ? mapped(x, map, map_size) : plain(x);
  });
  return static_cast<std::int32_t>(v);
}

namespace detail {

namespace {

constexpr std::size_t kBlock = 2048;
constexpr std::size_t kChunk = 64;
constexpr std::size_t kResync = 8;  // rows of the old unit worth ending a row-path stretch early for

/// One chunk of the run path: rows t = 0..L−1 go to cells a[t], d[t] (the caller counts the rows).
/// Adds optimistically while checking; on any failed check subtracts everything back and returns false.
/// L is kChunk (a constant once inlined: the loops are fully unrolled) or, for the last rows of a unit or
/// of a block, anything up to kChunk.
__attribute__((always_inline)) inline bool chunk_body(std::size_t L, const std::uint32_t* __restrict un, const std::uint32_t* __restrict in,
                                                       const std::uint32_t* __restrict pe, const std::int64_t* __restrict nn,
                                                       const std::int64_t* __restrict dd, std::uint32_t u0, std::uint32_t off,
                                                       std::uint32_t I, std::uint32_t P, std::int64_t* __restrict a,
                                                       std::int64_t* __restrict d, std::uint64_t& bor_out) {
  std::uint32_t flag = 0, mk = 0, mp = 0;
  for (std::uint32_t t = 0; t < L; ++t) {
    const std::uint32_t k = in[t], p = pe[t];
    flag |= (un[t] ^ u0) | ((k * P + p) ^ (off + t));
    mk = mk > k ? mk : k;
    mp = mp > p ? mp : p;
  }
  std::uint64_t bor = 0;
  for (std::size_t t = 0; t < L; ++t) {
    const auto x = static_cast<std::uint64_t>(nn[t]), y = static_cast<std::uint64_t>(dd[t]);
    bor |= x | y;
    a[t] = static_cast<std::int64_t>(static_cast<std::uint64_t>(a[t]) + x);
    d[t] = static_cast<std::int64_t>(static_cast<std::uint64_t>(d[t]) + y);
  }
  // mk < I and mp < P make k·P + p exact (< I·P < 2^32), so flag == 0 means cell off + t for row t.
  if (__builtin_expect((flag != 0) | (mk >= I) | (mp >= P) | (bor >> 63 != 0), 0)) {
    for (std::size_t t = 0; t < L; ++t) {
      a[t] = static_cast<std::int64_t>(static_cast<std::uint64_t>(a[t]) - static_cast<std::uint64_t>(nn[t]));
      d[t] = static_cast<std::int64_t>(static_cast<std::uint64_t>(d[t]) - static_cast<std::uint64_t>(dd[t]));
    }
    return false;
  }
  bor_out |= bor;
  return true;
}

struct ChunkArgs {
  std::size_t L;  // rows (kChunk for the fixed-length kernels)
  const std::uint32_t *un, *in, *pe;
  const std::int64_t *nn, *dd;
  std::uint32_t u0, off, I, P;
  std::int64_t *a, *d;
};
using ChunkFn = bool (*)(const ChunkArgs&, std::uint64_t&);

bool chunk_generic(const ChunkArgs& c, std::uint64_t& bor) {
  return chunk_body(kChunk, c.un, c.in, c.pe, c.nn, c.dd, c.u0, c.off, c.I, c.P, c.a, c.d, bor);
}
bool part_generic(const ChunkArgs& c, std::uint64_t& bor) {
  return chunk_body(c.L, c.un, c.in, c.pe, c.nn, c.dd, c.u0, c.off, c.I, c.P, c.a, c.d, bor);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DA06_HAVE_AVX2_KERNEL 1
__attribute__((target("avx2"))) bool chunk_avx2(const ChunkArgs& c, std::uint64_t& bor) {
  return chunk_body(kChunk, c.un, c.in, c.pe, c.nn, c.dd, c.u0, c.off, c.I, c.P, c.a, c.d, bor);
}
__attribute__((target("avx2"))) bool part_avx2(const ChunkArgs& c, std::uint64_t& bor) {
  return chunk_body(c.L, c.un, c.in, c.pe, c.nn, c.dd, c.u0, c.off, c.I, c.P, c.a, c.d, bor);
}
#endif

struct Kernel {
  ChunkFn chunk;  // L == kChunk
  ChunkFn part;   // any L ≤ kChunk
  std::string_view name;
};

Kernel pick_kernel() {
  const char* env = std::getenv("DA06_KERNEL");
  if (env && std::string_view(env) == "generic") return {chunk_generic, part_generic, "generic"};
#ifdef DA06_HAVE_AVX2_KERNEL
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return {chunk_avx2, part_avx2, "avx2"};
#endif
  return {chunk_generic, part_generic, "generic"};
}

const Kernel& kernel() {
  static const Kernel k = pick_kernel();
  return k;
}

template <class T>
void add_to(T& cell, std::int64_t v) {
  if constexpr (std::is_same_v<T, std::int64_t>)
    cell = static_cast<std::int64_t>(static_cast<std::uint64_t>(cell) + static_cast<std::uint64_t>(v));
  else
    cell += v;
}

/// The row path for rows [j, e) of a block (int64 sums): one pass computes every key (a unit without a
/// target, or out of range, lands in the trash slab and is noted as rare) and checks the codes and counts;
/// a second pass adds. Splitting them keeps the adding loop short, so more of its cache misses are in
/// flight at once (shuffled rows: ~20 % faster than one branchy loop). A stretch with a bad indicator or
/// period code or a negative count is redone by the careful loop instead.
template <class T>
bool rows_fast(const std::uint32_t* __restrict un, const std::uint32_t* __restrict in, const std::uint32_t* __restrict pe,
               const std::int64_t* __restrict nn, const std::int64_t* __restrict dd, std::size_t j, std::size_t e,
               const ScatterSpec& s, T* __restrict an, T* __restrict ad, std::int64_t* __restrict ar,
               std::size_t b, std::size_t* __restrict rare_rows, std::size_t& nr, std::uint64_t& bor_out) {
  const std::uint32_t U = s.U, I = s.I, P = s.P, trash = s.trash;
  const std::uint32_t* __restrict base = s.base;
  std::uint32_t keys[kBlock];
  std::size_t notes[kBlock];
  std::uint32_t mk = 0, mp = 0;
  std::uint64_t bor = 0;
  std::size_t nn_rare = 0;
  for (std::size_t i = j; i < e; ++i) {
    const std::uint32_t u = std::min(un[i], U), k = in[i], p = pe[i];
    mk = mk > k ? mk : k;
    mp = mp > p ? mp : p;
    bor |= static_cast<std::uint64_t>(nn[i] | dd[i]);
    const std::uint32_t bs = base[u];
    notes[nn_rare] = b + i;
    nn_rare += bs == trash;
    keys[i - j] = bs + k * P + p;
  }
  if ((mk >= I) | (mp >= P) | (bor >> 63 != 0)) return false;
  for (std::size_t i = j; i < e; ++i) {
    const std::uint32_t key = keys[i - j];
    add_to(an[key], nn[i]);
    add_to(ad[key], dd[i]);
    ar[key] += 1;
  }
  for (std::size_t r = 0; r < nn_rare; ++r) rare_rows[nr++] = notes[r];
  bor_out |= bor;
  return true;
}

template <class T>
ScatterStats scatter_impl(const ObservationView& o, const ScatterSpec& s, Accumulators<T> acc, RareRows& rare) {
  const Kernel& kern = kernel();
  const std::uint32_t U = s.U, I = s.I, P = s.P, trash = s.trash;
  const std::uint32_t* __restrict base = s.base;
  T* __restrict an = acc.num;
  T* __restrict ad = acc.den;
  std::int64_t* __restrict ar = acc.rows;
  std::uint32_t bu[kBlock], bi[kBlock], bp[kBlock];
  std::size_t rare_rows[kBlock];
  std::uint64_t bor = 0;
  std::size_t run_rows = 0;
  // The run path counts rows per cell as a difference array: cells [c, e) covered by a chunk, or by chunks
  // that follow one another (a unit's whole run), add 1 at c and −1 at e (both ≤ trash); the prefix sums
  // are added to `ar` at the end. [open_start, open_end) is the interval still open (open_end 0: none).
  ZeroArray<std::int64_t> runs;
  std::size_t open_start = 0, open_end = 0;
  auto close_interval = [&] {
    if (!open_end) return;
    if (!runs.data()) runs = ZeroArray<std::int64_t>(static_cast<std::size_t>(trash) + 1);
    runs[open_start] += 1;
    runs[open_end] -= 1;
  };
  for (std::size_t b = 0; b < o.n; b += kBlock) {
    const std::size_t m = std::min(kBlock, o.n - b);
    const std::uint32_t* un = stage(o.unit, b, m, bu);
    const std::uint32_t* in = stage(o.indicator, b, m, bi);
    const std::uint32_t* pe = stage(o.period, b, m, bp);
    const std::int64_t* nn = o.numerator + b;
    const std::int64_t* dd = o.denominator + b;
    std::size_t nr = 0;
    std::size_t j = 0;
    // The run path for rows [i, i + L) when they may be one unit's consecutive cells (first and last row
    // agree); the chunk kernel checks every row. (Generic, so that it is only instantiated for int64 sums.)
    [[maybe_unused]] auto run = [&](std::size_t i, std::size_t L, auto fn) {
      const std::size_t e = i + L - 1;
      const std::uint32_t u0 = un[i];
      if (u0 < U && un[e] == u0 && base[u0] != trash && in[i] < I && pe[i] < P && in[e] < I && pe[e] < P) {
        const std::uint32_t off = in[i] * P + pe[i];
        if (in[e] * P + pe[e] == off + static_cast<std::uint32_t>(L - 1)) {
          const std::size_t cell = static_cast<std::size_t>(base[u0]) + off;
          if (fn({L, un + i, in + i, pe + i, nn + i, dd + i, u0, off, I, P, an + cell, ad + cell}, bor)) {
            if (cell != open_end) {  // not where the last chunk ended: close that interval, open one here
              close_interval();
              open_start = cell;
            }
            open_end = cell + L;
            run_rows += L;
            return true;
          }
        }
      }
      return false;
    };
    while (j < m) {
      if constexpr (std::is_same_v<T, std::int64_t>) {
        if (j + kChunk <= m && run(j, kChunk, kern.chunk)) {
          j += kChunk;
          continue;
        }
      }
      // Not a whole chunk of one unit's consecutive cells. When the unit changes within the chunk, the rows
      // up to the change are one unit's: the run path may take them (shorter) if there are kResync or
      // more, else the row path does; either way the run path starts again on the new unit's first row if
      // the rows after it look like one unit's run. At a block's end, the last rows may be one unit's
      // too. A hole, a repeat or a bad row in one unit's chunk sends that chunk to the row path. Otherwise
      // the rows are not sorted by unit, and the row path takes the rest of the block in one stretch.
      const std::size_t lim = std::min(m, j + kChunk);
      std::size_t e = lim;
      bool one_unit = false;
      if (un[lim - 1] != un[j]) {
        std::size_t f = j + 1;
        while (un[f] == un[j]) ++f;  // stops at lim − 1 at the latest
        one_unit = f - j >= kResync;
        e = (one_unit || un[std::min(m, f + kChunk) - 1] == un[f]) ? f : m;
      } else if (lim - j < kChunk) {
        one_unit = lim - j >= kResync;
      }
      if constexpr (std::is_same_v<T, std::int64_t>) {
        if (one_unit && run(j, e - j, kern.part)) {
          j = e;
          continue;
        }
      }
      if (rows_fast(un, in, pe, nn, dd, j, e, s, an, ad, ar, b, rare_rows, nr, bor)) {
        j = e;
        continue;
      }
      // The careful loop: a row with a bad code or a negative count in this stretch.
      for (; j < e; ++j) {
        const std::uint32_t u = un[j], k = in[j], p = pe[j];
        const std::int64_t x = nn[j], y = dd[j];
        if (((u >= U) | (k >= I) | (p >= P) | ((x | y) < 0)) != 0 || base[u] == trash) {
          rare_rows[nr++] = b + j;
          continue;
        }
        const std::size_t key = static_cast<std::size_t>(base[u]) + k * P + p;
        add_to(an[key], x);
        add_to(ad[key], y);
        ar[key] += 1;
        bor |= static_cast<std::uint64_t>(x | y);
      }
    }
    if (nr) rare.rows(rare_rows, nr);
  }
  close_interval();
  if (runs.data()) {
    std::int64_t covering = 0;
    for (std::size_t c = 0; c < trash; ++c) ar[c] += covering += runs[c];
  }
  return {bor, run_rows};
}

}  // namespace

ScatterStats scatter_add(const ObservationView& o, const ScatterSpec& s, Accumulators<std::int64_t> acc, RareRows& rare) {
  return scatter_impl(o, s, acc, rare);
}
ScatterStats scatter_add(const ObservationView& o, const ScatterSpec& s, Accumulators<int128> acc, RareRows& rare) {
  return scatter_impl(o, s, acc, rare);
}

std::int32_t max_value(const CodeView& c, std::size_t n) {
  std::int32_t mx = -1;
  std::uint32_t buf[kBlock];
  for (std::size_t b = 0; b < n; b += kBlock) {
    const std::size_t m = std::min(kBlock, n - b);
    const std::uint32_t* v = stage(c, b, m, buf);
    for (std::size_t j = 0; j < m; ++j) mx = std::max(mx, static_cast<std::int32_t>(v[j]));
  }
  return mx;
}

std::string_view kernel_isa() { return kernel().name; }

}  // namespace detail
}  // namespace v1
}  // namespace da06
