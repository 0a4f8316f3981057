// AggregationPlan::run: one pass over the rows, as a sequence of named steps —
//
//   check the input → the shape (code counts) → the dense pass (the kernel, on one thread or several;
//   the per-thread tables merged; redone in 128 bits when a sum may have overflowed) and the group
//   collection, or the sparse pass for very large key spaces → the derived columns (ratio, gap,
//   status) → the rows that were not aggregated (bad rows, dropped units).
//
// The scatter-add itself is kernel.cpp; rows it does not add go to the slow path here, which names them.
#include "aggregate_internal.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <optional>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace da06::inline v1::detail {

namespace {

constexpr std::size_t kMaxBadRows = 1000;
// Above this many (target × indicator × period) cells the dense array would be too large; use a hash map.
constexpr std::uint64_t kDenseLimit = std::uint64_t{1} << 26;  // 64 Mi cells × 24 bytes = 1.5 GiB; keys fit in 32 bits

// ---------------------------------------------------------------------------
// The slow path: rows the kernel did not add

/// Per-unit sums of the rows that had no ancestor; allocated on first use.
struct DropSums {
  std::vector<std::int64_t> rows;
  std::vector<int128> num, den;
  void ensure(std::size_t units) {
    if (rows.empty()) {
      rows.assign(units, 0);
      num.assign(units, 0);
      den.assign(units, 0);
    }
  }
  void add(std::size_t units, std::int32_t u, std::int64_t n, std::int64_t d) {
    ensure(units);
    ++rows[u];
    num[u] += n;
    den[u] += d;
  }
};

struct Sink {
  std::vector<BadRow> bad;
  std::size_t bad_count = 0;
  void add(std::size_t row, std::string msg) {
    ++bad_count;
    if (bad.size() < kMaxBadRows) bad.push_back({row, std::move(msg)});
  }
};

// The slow path for one row: says why the row is refused (codes, negative counts), or records it as dropped.
void slow_row(const ObservationView& o, std::size_t i, std::size_t row_base, std::size_t U, std::uint32_t I,
              std::uint32_t P, const std::vector<std::int32_t>& dense, Sink& sink, DropSums& drop) {
  // "unit index 9 out of range 0..7-1"; with a map: "unit code 12 is not in the code map (0..8-1)" or
  // "unit index 9 (code 3) out of range ..."; a code beyond int32 is named as written.
  auto code_text = [&](const CodeView& c, const char* column, const char* what, std::int32_t v, std::size_t limit) {
    std::string s = std::string(what) + " " + std::to_string(v);
    if (c.map) {
      const std::int64_t raw = c.raw(i);
      if (raw < 0 || static_cast<std::uint64_t>(raw) >= c.map_size)
        return std::string(column) + " code " + std::to_string(raw) + " is not in the code map (0.." +
               std::to_string(c.map_size) + "-1)";
      s += " (code " + std::to_string(raw) + ")";
    } else if (v == -1 && c.raw(i) != -1) {
      s = std::string(what) + " " + std::to_string(c.raw(i));
    }
    return s + " out of range 0.." + std::to_string(limit) + "-1";
  };
  const std::int32_t u = o.unit.value(i), k = o.indicator.value(i), p = o.period.value(i);
  const std::size_t row = row_base + i;
  if (u < 0 || static_cast<std::size_t>(u) >= U) return sink.add(row, code_text(o.unit, "unit", "unit index", u, U));
  if (k < 0 || static_cast<std::uint32_t>(k) >= I) return sink.add(row, code_text(o.indicator, "indicator", "indicator code", k, I));
  if (p < 0 || static_cast<std::uint32_t>(p) >= P) return sink.add(row, code_text(o.period, "period", "period code", p, P));
  if (o.numerator[i] < 0) return sink.add(row, "negative numerator " + std::to_string(o.numerator[i]));
  if (o.denominator[i] < 0) return sink.add(row, "negative denominator " + std::to_string(o.denominator[i]));
  if (dense[static_cast<std::size_t>(u)] < 0) drop.add(U, u, o.numerator[i], o.denominator[i]);
}

/// Forwards the kernel's rare rows to slow_row. `o` may be a slice starting at row `row_base`.
struct SlowRows final : RareRows {
  ObservationView o;
  std::size_t row_base;
  std::size_t U;
  std::uint32_t I, P;
  const std::vector<std::int32_t>& dense;
  Sink sink;
  DropSums drop;
  SlowRows(const ObservationView& ov, std::size_t base, std::size_t u, std::uint32_t i, std::uint32_t p,
           const std::vector<std::int32_t>& d)
      : o(ov), row_base(base), U(u), I(i), P(p), dense(d) {}
  void rows(const std::size_t* index, std::size_t count) override {
    for (std::size_t j = 0; j < count; ++j) slow_row(o, index[j], row_base, U, I, P, dense, sink, drop);
  }
  /// Appends another slice's findings (a later slice: its rows come after ours).
  void absorb(SlowRows& later) {
    for (auto& b : later.sink.bad)
      if (sink.bad.size() < kMaxBadRows) sink.bad.push_back(std::move(b));
    sink.bad_count += later.sink.bad_count;
    const DropSums& d = later.drop;
    for (std::size_t u = 0; u < d.rows.size(); ++u)
      if (d.rows[u]) {
        drop.ensure(U);
        drop.rows[u] += d.rows[u];
        drop.num[u] += d.num[u];
        drop.den[u] += d.den[u];
      }
  }
};

// ---------------------------------------------------------------------------
// Threads

/// Rows [b, e) of a view.
CodeView code_slice(const CodeView& c, std::size_t b) {
  static constexpr std::size_t kWidth[] = {1, 2, 4, 8, 1, 2, 4, 8};
  CodeView s = c;
  s.data = static_cast<const char*>(c.data) + b * kWidth[static_cast<int>(c.type)];
  return s;
}
ObservationView slice(const ObservationView& o, std::size_t b, std::size_t e) {
  return ObservationView(code_slice(o.unit, b), code_slice(o.indicator, b), code_slice(o.period, b), o.numerator + b,
                         o.denominator + b, e - b);
}

/// How many threads for n rows into `cells` cells: each must get ≥ 1 Mi rows and at least 4 rows per cell
/// (otherwise zeroing and merging the per-thread tables costs more than it saves).
unsigned thread_count(unsigned asked, std::size_t n, std::uint64_t cells) {
  if (asked == 1 || n == 0) return 1;
  unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  unsigned t = asked ? asked : hw;
  if (!asked) {
    t = static_cast<unsigned>(std::min<std::uint64_t>(t, n >> 20));
    t = static_cast<unsigned>(std::min<std::uint64_t>(t, n / std::max<std::uint64_t>(1, 4 * cells)));
  }
  return std::max(1u, std::min<unsigned>(t, 64));
}

/// f(t) for t = 0..T−1, t = 0 on the calling thread; the first exception is rethrown after all have ended.
template <class F>
void in_parallel(unsigned T, F&& f) {
  std::vector<std::exception_ptr> err(T);
  auto guarded = [&](unsigned t) {
    try {
      f(t);
    } catch (...) {
      err[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(T - 1);
  for (unsigned t = 1; t < T; ++t) pool.emplace_back(guarded, t);
  guarded(0);
  for (auto& th : pool) th.join();
  for (auto& e : err)
    if (e) std::rethrow_exception(e);
}

/// [begin, end) of part t of T equal parts of n.
std::pair<std::size_t, std::size_t> part_of(std::size_t n, unsigned t, unsigned T) {
  return {n * t / T, n * (t + 1) / T};
}

// ---------------------------------------------------------------------------
// Sums

/// Accumulators, one array each, allocated together.
template <class T>
struct Sums {
  ZeroArray<T> num, den;
  ZeroArray<std::int64_t> rows;
  explicit Sums(std::size_t cells) : num(cells), den(cells), rows(cells) {}
  Accumulators<T> view() { return {num.data(), den.data(), rows.data()}; }
};

int bit_width(std::uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

/// Could some int64 cell sum have overflowed? (rows·2^bits > 2^63 for the fullest cell.)
bool may_overflow(const ZeroArray<std::int64_t>& rows, std::size_t cells, int max_bits) {
  std::int64_t most = 0;
  for (std::size_t c = 0; c < cells; ++c) most = std::max(most, rows[c]);
  if (most == 0) return false;
  const int row_bits = 64 - __builtin_clzll(static_cast<unsigned long long>(most));  // most < 2^row_bits
  return max_bits + row_bits > 63;  // sum < most·2^max_bits < 2^(row_bits+max_bits)
}

struct Key {
  std::int32_t a, k, p;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& x) const noexcept {
    std::uint64_t h = static_cast<std::uint32_t>(x.a) * 0x9E3779B97F4A7C15ull;
    h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x.k)) << 32 | static_cast<std::uint32_t>(x.p)) +
         0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h);
  }
};

// ---------------------------------------------------------------------------
// The shape of a run

/// The number of codes of a column: as given, or its largest value + 1 (at most 2^31, so computed in
/// 64 bits: a code of INT32_MAX must not overflow an int).
std::uint32_t code_count(std::int32_t given, const CodeView& codes, std::size_t n) {
  if (given > 0) return static_cast<std::uint32_t>(given);
  return static_cast<std::uint32_t>(std::int64_t{max_value(codes, n)} + 1);
}

/// Do the (targets + 1 trash) × I × P cells of the dense table fit under kDenseLimit? Each factor may
/// be up to 2^31, so the products are checked for overflow rather than computed blindly.
bool dense_fits(std::uint64_t targets, std::uint64_t I, std::uint64_t P) {
  std::uint64_t ip = 0, cells = 0;
  if (__builtin_mul_overflow(I, P, &ip) || __builtin_mul_overflow(targets + 1, ip, &cells)) return false;
  return cells <= kDenseLimit;
}

void check_input(const ObservationView& o, const AggregateOptions& opt) {
  if (o.n > 0 && (!o.unit.data || !o.indicator.data || !o.period.data || !o.numerator || !o.denominator))
    throw InvalidArgument("aggregate: a column pointer is null");
  for (const CodeView* c : {&o.unit, &o.indicator, &o.period})
    if (c->map_size > 0 && !c->map) throw InvalidArgument("aggregate: a code map has a size but no data");
  for (const auto& t : opt.thresholds)
    if (t && t->comparator == Comparator::top) throw InvalidArgument("aggregate: a 'top' target has no threshold");
}

// ---------------------------------------------------------------------------
// Derived columns

/// Fills the per-group derived columns (ratio, gap, status) of groups [g0, g1) once the sums are known;
/// the columns are already sized. `wide_of(g, n, d)` gives the 128-bit sums of a group that has them
/// (called with increasing g).
template <class WideOf>
void finish_groups(const BigVector<std::int64_t>& num, const BigVector<std::int64_t>& den,
                   const std::vector<std::optional<IndicatorThreshold>>& th, BigVector<double>& ratio_d,
                   BigVector<double>& gap_d, BigVector<GroupStatus>& status, const BigVector<std::int32_t>& ind,
                   std::size_t g0, std::size_t g1, bool any_wide, WideOf&& wide_of) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Per indicator, flattened once: the threshold as a double (for the gap) and, when it is an int64
  // fraction, its numerator and denominator for the exact 128-bit comparison.
  struct Flat {
    const IndicatorThreshold* t = nullptr;
    bool plain = false;
    Comparator cmp = Comparator::ge;
    std::int64_t tn = 0, td = 1;
    double value = std::numeric_limits<double>::quiet_NaN();
  };
  std::vector<Flat> flat(th.size());
  for (std::size_t k = 0; k < th.size(); ++k) {
    if (!th[k]) continue;
    Flat& f = flat[k];
    f.t = &*th[k];
    f.value = f.t->value.to_double();
    f.cmp = f.t->comparator;
    f.plain = !f.t->value.is_big() && f.cmp != Comparator::top;
    if (f.plain) f.tn = f.t->value.numerator(), f.td = f.t->value.denominator();
  }
  const Flat none{};
  const std::size_t K = flat.size();
  const Flat* __restrict fl = flat.data();
  const std::int64_t* __restrict nu = num.data();
  const std::int64_t* __restrict de = den.data();
  const std::int32_t* __restrict in = ind.data();
  double* __restrict rd = ratio_d.data();
  double* __restrict gd = gap_d.data();
  GroupStatus* __restrict st = status.data();
  constexpr std::int64_t exact = std::int64_t{1} << 53;
  for (std::size_t g = g0; g < g1; ++g) {
    int128 wn = 0, wd = 0;
    const bool wide = any_wide && wide_of(g, wn, wd);
    const auto k = static_cast<std::size_t>(in[g]);
    const Flat& f = k < K ? fl[k] : none;
    const std::int64_t n = nu[g], d = de[g];
    if (wide ? wd == 0 : d == 0) {
      rd[g] = nan;
      gd[g] = nan;
      st[g] = GroupStatus::no_denominator;
      continue;
    }
    // Ratio::to_double's own fast path (both exact in a double: one correctly rounded division).
    const bool small = !wide && n >= -exact && n <= exact && d <= exact;
    const double ratio = small ? static_cast<double>(n) / static_cast<double>(d)
                               : (wide ? Ratio(big_of(wn), big_of(wd)) : Ratio(n, d)).to_double();
    rd[g] = ratio;
    if (!f.t) {
      gd[g] = nan;
      st[g] = GroupStatus::no_target;
      continue;
    }
    bool met;
    if (!wide && f.plain) {
      // Exact comparison in 128 bits: n/d ? tn/td  <=>  n·td ? tn·d (d, td > 0; products < 2^126).
      const int128 l = static_cast<int128>(n) * f.td;
      const int128 rr = static_cast<int128>(f.tn) * d;
      switch (f.cmp) {
        case Comparator::ge: met = l >= rr; break;
        case Comparator::le: met = l <= rr; break;
        case Comparator::gt: met = l > rr; break;
        case Comparator::lt: met = l < rr; break;
        default: met = l == rr; break;
      }
    } else {
      met = f.t->met_by(wide ? Ratio(big_of(wn), big_of(wd)) : Ratio(n, d));
    }
    st[g] = met ? GroupStatus::met : GroupStatus::not_met;
    gd[g] = ratio - f.value;
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// The steps

/// One run: the plan's tables, the shape, the result being filled and the slow path's findings.
/// Its steps are the only code that writes an AggregateResult's columns (hence the friendship).
struct ResultBuilder {
  const ObservationView& o;
  const AggregateOptions& opt;
  const std::vector<std::int32_t>& dense;    // unit → 0..A−1, or −1
  const std::vector<std::int32_t>& targets;  // 0..A−1 → unit index
  const std::vector<AncestorStatus>& why;    // unit → why it has no target
  std::size_t U, A;
  std::uint32_t I, P;
  AggregateResult::Impl& r;
  SlowRows slow;

  ResultBuilder(const ObservationView& ov, const AggregateOptions& op, const std::vector<std::int32_t>& d,
                const std::vector<std::int32_t>& t, const std::vector<AncestorStatus>& w, std::size_t units,
                AggregateResult& res)
      : o(ov), opt(op), dense(d), targets(t), why(w), U(units), A(t.size()),
        I(code_count(op.indicator_count, ov.indicator, ov.n)), P(code_count(op.period_count, ov.period, ov.n)),
        r(*res.p_), slow(ov, 0, units, I, P, d) {}

  /// The dense pass: the kernel adds every row into a (targets + 1 trash) × I × P table — on one thread,
  /// or on several, each into its own table, merged after — then redone in 128 bits when a sum may have
  /// overflowed; the groups are collected from the table. Returns the threads the derived columns may use.
  unsigned dense_pass() {
    const std::uint64_t IP = static_cast<std::uint64_t>(I) * P;
    const std::uint64_t cells = A * IP;  // dense_fits: no overflow
    // base[u]: the first cell of u's target, or the trash slab (cells .. cells + I·P) after the last target.
    const auto trash = static_cast<std::uint32_t>(cells);
    const std::size_t U32 = std::min<std::size_t>(U, 0x7FFFFFFFu);
    std::vector<std::uint32_t> base(U32 + 1, trash);
    for (std::size_t u = 0; u < U32; ++u)
      if (dense[u] >= 0) base[u] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(dense[u]) * IP);
    const ScatterSpec spec{base.data(), static_cast<std::uint32_t>(U32), I, P, trash};
    const std::uint64_t slots = cells + IP;  // with the trash slab
    const unsigned T = thread_count(opt.threads, o.n, cells);
    Sums<std::int64_t> acc(0);
    const int bits = T <= 1 ? scatter_one(spec, slots, acc) : scatter_threads(spec, slots, cells, T, acc);
    const bool of = may_overflow(acc.rows, cells, bits);
    Sums<int128> wacc(of ? slots : 0);
    if (of) {
      // Some int64 sum may have overflowed: redo the pass in 128 bits (exact up to 2^64 rows of int64 values).
      slow.sink = Sink{};
      slow.drop = DropSums{};
      acc.num = ZeroArray<std::int64_t>(0);  // free the int64 sums before the 128-bit ones fill up
      scatter_add(o, spec, wacc.view(), slow);
      collect_groups(wacc, IP, 1);
      return 1;
    }
    collect_groups(acc, IP, T);
    return T;
  }

  /// The kernel on the calling thread; the bit width of the largest count added.
  int scatter_one(const ScatterSpec& spec, std::uint64_t slots, Sums<std::int64_t>& acc) {
    acc = Sums<std::int64_t>(slots);
    return bit_width(scatter_add(o, spec, acc.view(), slow).count_or);
  }

  /// The kernel on T threads: each sums a contiguous slice (whole kernel blocks) into its own table; the
  /// tables are then added up modulo 2^64 (exact whenever the final bound check passes) into `acc`, and
  /// the slices' bad rows and drops appended in row order.
  int scatter_threads(const ScatterSpec& spec, std::uint64_t slots, std::uint64_t cells, unsigned T,
                      Sums<std::int64_t>& acc) {
    std::vector<std::optional<Sums<std::int64_t>>> part(T);
    std::vector<std::optional<SlowRows>> rare(T);
    std::vector<std::uint64_t> bor(T, 0);
    const std::size_t per = (o.n / T + 2047) / 2048 * 2048;
    in_parallel(T, [&](unsigned t) {
      const std::size_t b = std::min(o.n, t * per), e = t + 1 == T ? o.n : std::min(o.n, (t + 1) * per);
      part[t].emplace(slots);  // zeroed by its own thread: the pages are faulted in in parallel
      rare[t].emplace(slice(o, b, e), b, U, I, P, dense);
      bor[t] = scatter_add(rare[t]->o, spec, part[t]->view(), *rare[t]).count_or;
    });
    acc = std::move(*part[0]);
    merge_tables(acc, part, cells, T);
    std::uint64_t all = 0;
    for (unsigned t = 0; t < T; ++t) {
      if (t) part[t].reset();
      all |= bor[t];
    }
    slow.sink = std::move(rare[0]->sink);
    slow.drop = std::move(rare[0]->drop);
    for (unsigned t = 1; t < T; ++t) slow.absorb(*rare[t]);
    return bit_width(all);
  }

  /// Adds the other threads' tables into the first, each thread a range of cells.
  static void merge_tables(Sums<std::int64_t>& acc, std::vector<std::optional<Sums<std::int64_t>>>& part,
                           std::uint64_t cells, unsigned T) {
    in_parallel(T, [&](unsigned t) {
      const auto [c0, c1] = part_of(cells, t, T);
      auto* __restrict an = acc.num.data();
      auto* __restrict ad = acc.den.data();
      auto* __restrict ar = acc.rows.data();
      for (unsigned q = 1; q < T; ++q) {
        const auto* __restrict pn = part[q]->num.data();
        const auto* __restrict pd = part[q]->den.data();
        const auto* __restrict pr = part[q]->rows.data();
        for (std::uint64_t c = c0; c < c1; ++c) {
          an[c] = static_cast<std::int64_t>(static_cast<std::uint64_t>(an[c]) + static_cast<std::uint64_t>(pn[c]));
          ad[c] = static_cast<std::int64_t>(static_cast<std::uint64_t>(ad[c]) + static_cast<std::uint64_t>(pd[c]));
          ar[c] += pr[c];
        }
      }
    });
  }

  /// The groups, in cell order: one per cell with rows. With TC threads, each counts the present cells of
  /// a range of targets, then fills its own slice of the result (offsets from the counts). 128-bit sums
  /// (TC == 1) append the groups that do not fit in int64 to wide_, in group order.
  template <class S>
  void collect_groups(const Sums<S>& acc, std::uint64_t IP, unsigned TC) {
    constexpr bool kWide = std::is_same_v<S, int128>;
    const std::int64_t* rows_of = acc.rows.data();
    std::vector<std::size_t> first(TC + 1, 0);
    in_parallel(TC, [&](unsigned t) {
      const auto [a0, a1] = part_of(A, t, TC);
      std::size_t G = 0;
      for (std::uint64_t c = a0 * IP; c < a1 * IP; ++c) G += rows_of[c] != 0;
      first[t + 1] = G;
    });
    for (unsigned t = 0; t < TC; ++t) first[t + 1] += first[t];
    const std::size_t G = first[TC];
    r.unit_.resize(G);
    r.indicator_.resize(G);
    r.period_.resize(G);
    r.num_.resize(G);
    r.den_.resize(G);
    r.rows_.resize(G);
    in_parallel(TC, [&](unsigned t) {
      const auto [a0, a1] = part_of(A, t, TC);
      std::size_t g = first[t];
      std::uint64_t c = a0 * IP;
      std::int32_t* __restrict gu = r.unit_.data();
      std::int32_t* __restrict gi = r.indicator_.data();
      std::int32_t* __restrict gp = r.period_.data();
      std::int64_t* __restrict gn = r.num_.data();
      std::int64_t* __restrict gd = r.den_.data();
      std::int64_t* __restrict gr = r.rows_.data();
      const S* __restrict cn = acc.num.data();
      const S* __restrict cd = acc.den.data();
      for (std::size_t a = a0; a < a1; ++a) {
        const std::int32_t unit = targets[a];
        for (std::uint32_t k = 0; k < I; ++k)
          for (std::uint32_t p = 0; p < P; ++p, ++c) {
            const std::int64_t rows = rows_of[c];
            if (!rows) continue;
            gu[g] = unit;
            gi[g] = static_cast<std::int32_t>(k);
            gp[g] = static_cast<std::int32_t>(p);
            gr[g] = rows;
            gn[g] = static_cast<std::int64_t>(cn[c]);
            gd[g] = static_cast<std::int64_t>(cd[c]);
            if constexpr (kWide)
              if (!fits64(cn[c]) || !fits64(cd[c])) r.wide_.push_back({g, cn[c], cd[c]});
            ++g;
          }
      }
    });
  }

  /// The sparse pass, for key spaces too large for a dense table: a hash map of 128-bit sums (no
  /// overflow possible), sorted into group order at the end.
  void sparse_pass() {
    std::unordered_map<Key, std::size_t, KeyHash> index;
    struct Cell {
      int128 num = 0, den = 0;
      std::int64_t rows = 0;
    };
    std::vector<std::pair<Key, Cell>> cellv;
    for (std::size_t i = 0; i < o.n; ++i) {
      const auto u = static_cast<std::uint32_t>(o.unit.value(i));
      const auto k = static_cast<std::uint32_t>(o.indicator.value(i));
      const auto p = static_cast<std::uint32_t>(o.period.value(i));
      if ((u >= U) | (k >= I) | (p >= P) | ((o.numerator[i] | o.denominator[i]) < 0) || dense[u] < 0) {
        slow_row(o, i, 0, U, I, P, dense, slow.sink, slow.drop);
        continue;
      }
      Key key{dense[u], static_cast<std::int32_t>(k), static_cast<std::int32_t>(p)};
      auto [it, fresh] = index.emplace(key, cellv.size());
      if (fresh) cellv.push_back({key, Cell{}});
      Cell& c = cellv[it->second].second;
      c.num += o.numerator[i];
      c.den += o.denominator[i];
      ++c.rows;
    }
    std::sort(cellv.begin(), cellv.end(), [](const auto& x, const auto& y) {
      return std::tie(x.first.a, x.first.k, x.first.p) < std::tie(y.first.a, y.first.k, y.first.p);
    });
    for (const auto& [key, c] : cellv) {
      r.unit_.push_back(targets[static_cast<std::size_t>(key.a)]);
      r.indicator_.push_back(key.k);
      r.period_.push_back(key.p);
      r.rows_.push_back(c.rows);
      r.num_.push_back(static_cast<std::int64_t>(c.num));
      r.den_.push_back(static_cast<std::int64_t>(c.den));
      if (!fits64(c.num) || !fits64(c.den)) r.wide_.push_back({r.unit_.size() - 1, c.num, c.den});
    }
  }

  /// Ratio, gap and status of every group: in parallel over ranges of groups when the pass was (and no
  /// sum needed 128 bits: wide_of walks the wide groups from the first one).
  void derived_columns(unsigned threads) {
    const std::size_t G = r.num_.size();
    r.ratio_d_.resize(G);
    r.gap_d_.resize(G);
    r.status_.resize(G);
    const unsigned TD = r.wide_.empty() ? threads : 1;
    in_parallel(TD, [&](unsigned t) {
      const auto [g0, g1] = part_of(G, t, TD);
      std::size_t wi = 0;
      finish_groups(r.num_, r.den_, r.thresholds_, r.ratio_d_, r.gap_d_, r.status_, r.indicator_, g0, g1,
                    !r.wide_.empty(), [&](std::size_t g, int128& n, int128& d) {
                      while (wi < r.wide_.size() && r.wide_[wi].group < g) ++wi;
                      if (wi < r.wide_.size() && r.wide_[wi].group == g) {
                        n = r.wide_[wi].num;
                        d = r.wide_[wi].den;
                        return true;
                      }
                      return false;
                    });
    });
  }

  /// What was not aggregated: the rows used, the dropped units (with their sums) and the bad rows.
  void account_rows() {
    for (const auto& g : r.rows_) r.rows_used_ += static_cast<std::size_t>(g);
    const DropSums& drop = slow.drop;
    if (!drop.rows.empty())
      for (std::size_t u = 0; u < U; ++u)
        if (drop.rows[u]) {
          r.dropped_.push_back({static_cast<std::int32_t>(u), why[u], drop.rows[u], big_of(drop.num[u]), big_of(drop.den[u])});
          r.rows_dropped_ += static_cast<std::size_t>(drop.rows[u]);
        }
    r.bad_ = std::move(slow.sink.bad);
    r.bad_count_ = slow.sink.bad_count;
  }

  void run() {
    r.thresholds_ = opt.thresholds;
    unsigned threads = 1;
    if (dense_fits(A, I, P)) threads = dense_pass();
    else sparse_pass();
    derived_columns(threads);
    account_rows();
  }
};

}  // namespace da06::inline v1::detail

namespace da06::inline v1 {

AggregateResult AggregationPlan::run(const ObservationColumns& o, const AggregateOptions& opt) const {
  return run(ObservationView(o), opt);
}

AggregateResult AggregationPlan::run(const ObservationView& o, const AggregateOptions& opt) const {
  detail::check_input(o, opt);
  AggregateResult r;
  r.p_->level_ = level_;
  r.p_->as_of_ = as_of_;
  detail::ResultBuilder(o, opt, dense_, targets_, why_, h_.size(), r).run();
  return r;
}

}  // namespace da06::inline v1
