// Aggregation: the columnar scatter-add engine, named rows, restating across the reform, comparisons across units.
#include "da06/aggregate.hpp"

#include "aggregate_kernel.hpp"
#include "format/csv.hpp"
#include "da06/input.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <thread>
#include <exception>
#include <sstream>
#include <tuple>
#include <type_traits>
#include <unordered_map>

namespace da06 {
inline namespace v1 {

using detail::int128;

namespace {

__extension__ typedef unsigned __int128 uint128;  // __extension__: no -Wpedantic warning

BigInt big_of(int128 v) {
  bool neg = v < 0;
  uint128 m = neg ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v);
  BigInt r = BigInt(static_cast<std::uint64_t>(m >> 64));
  r <<= 64;
  r += BigInt(static_cast<std::uint64_t>(m));
  return neg ? BigInt(-r) : r;
}

bool fits64(int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}

constexpr std::size_t kMaxBadRows = 1000;
// Above this many (target × indicator × period) cells the dense array would be too large; use a hash map.
constexpr std::uint64_t kDenseLimit = std::uint64_t{1} << 26;  // 64 Mi cells × 24 bytes = 1.5 GiB; keys fit in 32 bits

}  // namespace

// ---------------------------------------------------------------------------
// IndicatorThreshold, status

std::string_view to_string(GroupStatus s) {
  switch (s) {
    case GroupStatus::met: return "met";
    case GroupStatus::not_met: return "not_met";
    case GroupStatus::no_target: return "no_target";
    case GroupStatus::no_denominator: return "no_denominator";
  }
  return "?";
}

IndicatorThreshold IndicatorThreshold::percent(std::string_view decimal, Comparator c) {
  Decimal d = Decimal::parse(decimal);
  IndicatorThreshold t;
  t.comparator = c;
  t.value = (Ratio(d.mantissa(), detail::pow10(d.scale())) / Ratio(100)).reduced();
  return t;
}

bool IndicatorThreshold::met_by(const Ratio& r) const {
  switch (comparator) {
    case Comparator::ge: return r >= value;
    case Comparator::le: return r <= value;
    case Comparator::gt: return r > value;
    case Comparator::lt: return r < value;
    case Comparator::eq: return r == value;
    case Comparator::top: break;
  }
  throw InvalidArgument("a 'top' target has no threshold to compare a ratio with");
}

// ---------------------------------------------------------------------------
// AggregateResult accessors

bool AggregateResult::fits_int64(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g) return fits64(w.num) && fits64(w.den);
  return true;
}

std::int64_t AggregateResult::numerator(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g && !fits64(w.num))
      throw RangeError("Σnumerator " + big_of(w.num).str() + " of group " + std::to_string(g) + " does not fit in int64");
  return num_[g];
}
std::int64_t AggregateResult::denominator(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g && !fits64(w.den))
      throw RangeError("Σdenominator " + big_of(w.den).str() + " of group " + std::to_string(g) + " does not fit in int64");
  return den_[g];
}
BigInt AggregateResult::numerator_big(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g) return big_of(w.num);
  return BigInt(num_[g]);
}
BigInt AggregateResult::denominator_big(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g) return big_of(w.den);
  return BigInt(den_[g]);
}
Ratio AggregateResult::ratio(std::size_t g) const {
  if (!has_ratio(g))
    throw DataError("group " + std::to_string(g) + " has Σdenominator 0: no ratio");
  if (fits_int64(g)) return Ratio(num_[g], den_[g]);
  return Ratio(numerator_big(g), denominator_big(g));
}
std::optional<Ratio> AggregateResult::gap(std::size_t g) const {
  std::int32_t k = indicator(g);
  if (!has_ratio(g) || k >= static_cast<std::int32_t>(thresholds_.size()) || !thresholds_[k]) return std::nullopt;
  return ratio(g) - thresholds_[k]->value;
}

// ---------------------------------------------------------------------------
// The plan and the kernel

AggregationPlan::AggregationPlan(const Hierarchy& h, Level level, Date as_of)
    : h_(h), level_(level), as_of_(as_of) {
  const std::size_t n = h.size();
  ancestor_.resize(n);
  why_.resize(n, AncestorStatus::found);
  dense_.assign(n, -1);
  std::vector<std::int32_t> slot(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    AncestorLookup a = h.ancestor_lookup(static_cast<std::int32_t>(i), level, as_of);
    ancestor_[i] = a.index;
    why_[i] = a.status;
    if (a.index >= 0) slot[static_cast<std::size_t>(a.index)] = 0;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (slot[i] == 0) {
      slot[i] = static_cast<std::int32_t>(targets_.size());
      targets_.push_back(static_cast<std::int32_t>(i));
    }
  for (std::size_t i = 0; i < n; ++i)
    if (ancestor_[i] >= 0) dense_[i] = slot[static_cast<std::size_t>(ancestor_[i])];
}

namespace {

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
struct SlowRows final : detail::RareRows {
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

/// Accumulators, one array each, allocated together.
template <class T>
struct Sums {
  detail::ZeroArray<T> num, den;
  detail::ZeroArray<std::int64_t> rows;
  explicit Sums(std::size_t cells) : num(cells), den(cells), rows(cells) {}
  detail::Accumulators<T> view() { return {num.data(), den.data(), rows.data()}; }
};

int bit_width(std::uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

/// Could some int64 cell sum have overflowed? (rows·2^bits > 2^63 for the fullest cell.)
bool may_overflow(const detail::ZeroArray<std::int64_t>& rows, std::size_t cells, int max_bits) {
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

std::uint32_t code_count(std::int32_t given, const CodeView& codes, std::size_t n) {
  if (given > 0) return static_cast<std::uint32_t>(given);
  return static_cast<std::uint32_t>(detail::max_value(codes, n) + 1);
}

/// Fills the per-group derived columns (ratio, gap, status) of groups [g0, g1) once the sums are known;
/// the columns are already sized. `wide_of(g, n, d)` gives the 128-bit sums of a group that has them
/// (called with increasing g).
template <class WideOf>
void finish_groups(const detail::BigVector<std::int64_t>& num, const detail::BigVector<std::int64_t>& den,
                   const std::vector<std::optional<IndicatorThreshold>>& th, detail::BigVector<double>& ratio_d,
                   detail::BigVector<double>& gap_d, detail::BigVector<GroupStatus>& status,
                   const detail::BigVector<std::int32_t>& ind, std::size_t g0, std::size_t g1, bool any_wide,
                   WideOf&& wide_of) {
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

AggregateResult AggregationPlan::run(const ObservationColumns& o, const AggregateOptions& opt) const {
  return run(ObservationView(o), opt);
}

AggregateResult AggregationPlan::run(const ObservationView& o, const AggregateOptions& opt) const {
  if (o.n > 0 && (!o.unit.data || !o.indicator.data || !o.period.data || !o.numerator || !o.denominator))
    throw InvalidArgument("aggregate: a column pointer is null");
  for (const CodeView* c : {&o.unit, &o.indicator, &o.period})
    if (c->map_size > 0 && !c->map) throw InvalidArgument("aggregate: a code map has a size but no data");
  for (const auto& t : opt.thresholds)
    if (t && t->comparator == Comparator::top) throw InvalidArgument("aggregate: a 'top' target has no threshold");
  const std::size_t U = h_.size();
  const std::uint32_t I = code_count(opt.indicator_count, o.indicator, o.n);
  const std::uint32_t P = code_count(opt.period_count, o.period, o.n);
  const std::size_t A = targets_.size();
  AggregateResult r;
  r.level_ = level_;
  r.as_of_ = as_of_;
  r.thresholds_ = opt.thresholds;
  SlowRows slow(o, 0, U, I, P, dense_);
  unsigned derived_threads = 1;
  const std::uint64_t cells = static_cast<std::uint64_t>(A) * I * P;

  // Dense when the (targets + 1 trash) × I × P table is small enough.
  if (cells + static_cast<std::uint64_t>(I) * P <= kDenseLimit) {
    const std::uint64_t IP = static_cast<std::uint64_t>(I) * P;
    // base[u]: the first cell of u's target, or the trash slab (cells .. cells + I·P) after the last target.
    const auto trash = static_cast<std::uint32_t>(cells);
    const std::size_t U32 = std::min<std::size_t>(U, 0x7FFFFFFFu);
    std::vector<std::uint32_t> base(U32 + 1, trash);
    for (std::size_t u = 0; u < U32; ++u)
      if (dense_[u] >= 0) base[u] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(dense_[u]) * IP);
    const detail::ScatterSpec spec{base.data(), static_cast<std::uint32_t>(U32), I, P, trash};
    const std::uint64_t slots = cells + IP;  // with the trash slab
    Sums<std::int64_t> acc(0);
    int bits = 0;
    const unsigned T = thread_count(opt.threads, o.n, cells);
    if (T <= 1) {
      acc = Sums<std::int64_t>(slots);
      bits = bit_width(detail::scatter_add(o, spec, acc.view(), slow).count_or);
    } else {
      // Each thread sums a contiguous slice (whole kernel blocks) into its own table; the tables are then
      // added up modulo 2^64, which is exact whenever the final bound check passes.
      std::vector<std::optional<Sums<std::int64_t>>> part(T);
      std::vector<std::optional<SlowRows>> rare(T);
      std::vector<std::uint64_t> bor(T, 0);
      const std::size_t per = (o.n / T + 2047) / 2048 * 2048;
      in_parallel(T, [&](unsigned t) {
        const std::size_t b = std::min(o.n, t * per), e = t + 1 == T ? o.n : std::min(o.n, (t + 1) * per);
        part[t].emplace(slots);  // zeroed by its own thread: the pages are faulted in in parallel
        rare[t].emplace(slice(o, b, e), b, U, I, P, dense_);
        bor[t] = detail::scatter_add(rare[t]->o, spec, part[t]->view(), *rare[t]).count_or;
      });
      acc = std::move(*part[0]);
      // Add the other tables into the first, each thread a range of cells.
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
      std::uint64_t all = 0;
      for (unsigned t = 0; t < T; ++t) {
        if (t) part[t].reset();
        all |= bor[t];
      }
      slow.sink = std::move(rare[0]->sink);
      slow.drop = std::move(rare[0]->drop);
      for (unsigned t = 1; t < T; ++t) slow.absorb(*rare[t]);
      bits = bit_width(all);
    }
    const bool of = may_overflow(acc.rows, cells, bits);
    Sums<int128> wacc(of ? slots : 0);
    if (of) {
      // Some int64 sum may have overflowed: redo the pass in 128 bits (exact up to 2^64 rows of int64 values).
      slow.sink = Sink{};
      slow.drop = DropSums{};
      acc.num = detail::ZeroArray<std::int64_t>(0);  // free the int64 sums before the 128-bit ones fill up
      detail::scatter_add(o, spec, wacc.view(), slow);
    }
    const std::int64_t* rows_of = of ? wacc.rows.data() : acc.rows.data();
    // The groups, in cell order. With threads: each counts the present cells of a range of targets, then
    // fills its own slice of the result (offsets from the counts).
    const unsigned TC = of ? 1 : T;
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
      const std::int64_t* __restrict cn = of ? nullptr : acc.num.data();
      const std::int64_t* __restrict cd = of ? nullptr : acc.den.data();
      for (std::size_t a = a0; a < a1; ++a) {
        const std::int32_t unit = targets_[a];
        for (std::uint32_t k = 0; k < I; ++k)
          for (std::uint32_t p = 0; p < P; ++p, ++c) {
            const std::int64_t rows = rows_of[c];
            if (!rows) continue;
            gu[g] = unit;
            gi[g] = static_cast<std::int32_t>(k);
            gp[g] = static_cast<std::int32_t>(p);
            gr[g] = rows;
            if (of) {  // one thread only (TC == 1): wide_ is appended in group order
              const int128 n = wacc.num[c], d = wacc.den[c];
              gn[g] = static_cast<std::int64_t>(n);
              gd[g] = static_cast<std::int64_t>(d);
              if (!fits64(n) || !fits64(d)) r.wide_.push_back({g, n, d});
            } else {
              gn[g] = cn[c];
              gd[g] = cd[c];
            }
            ++g;
          }
      }
    });
    derived_threads = TC;
  } else {
    // Sparse fallback for very large key spaces: hash map of 128-bit sums (no overflow possible).
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
      if ((u >= U) | (k >= I) | (p >= P) | ((o.numerator[i] | o.denominator[i]) < 0) || dense_[u] < 0) {
        slow_row(o, i, 0, U, I, P, dense_, slow.sink, slow.drop);
        continue;
      }
      Key key{dense_[u], static_cast<std::int32_t>(k), static_cast<std::int32_t>(p)};
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
      r.unit_.push_back(targets_[static_cast<std::size_t>(key.a)]);
      r.indicator_.push_back(key.k);
      r.period_.push_back(key.p);
      r.rows_.push_back(c.rows);
      r.num_.push_back(static_cast<std::int64_t>(c.num));
      r.den_.push_back(static_cast<std::int64_t>(c.den));
      if (!fits64(c.num) || !fits64(c.den)) r.wide_.push_back({r.unit_.size() - 1, c.num, c.den});
    }
  }
  Sink& sink = slow.sink;
  DropSums& drop = slow.drop;

  // Derived columns: in parallel over ranges of groups when the pass was (and no sum needed 128 bits:
  // wide_of walks the wide groups from the first one).
  r.ratio_d_.resize(r.num_.size());
  r.gap_d_.resize(r.num_.size());
  r.status_.resize(r.num_.size());
  const unsigned TD = r.wide_.empty() ? derived_threads : 1;
  in_parallel(TD, [&](unsigned t) {
    const auto [g0, g1] = part_of(r.num_.size(), t, TD);
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
  for (const auto& g : r.rows_) r.rows_used_ += static_cast<std::size_t>(g);
  if (!drop.rows.empty())
    for (std::size_t u = 0; u < U; ++u)
      if (drop.rows[u]) {
        r.dropped_.push_back({static_cast<std::int32_t>(u), why_[u], drop.rows[u], big_of(drop.num[u]), big_of(drop.den[u])});
        r.rows_dropped_ += static_cast<std::size_t>(drop.rows[u]);
      }
  r.bad_ = std::move(sink.bad);
  r.bad_count_ = sink.bad_count;
  return r;
}

AggregateResult AggregationPlan::run(const ObservationCube& c, const AggregateOptions& opt) const {
  if (c.unit_count < 0 || c.indicator_count < 0 || c.period_count < 0)
    throw InvalidArgument("aggregate: negative cube dimension");
  if (static_cast<std::size_t>(c.unit_count) != h_.size())
    throw InvalidArgument("aggregate: the cube has " + std::to_string(c.unit_count) + " units, the hierarchy " +
                          std::to_string(h_.size()));
  const std::size_t IP = static_cast<std::size_t>(c.indicator_count) * static_cast<std::size_t>(c.period_count);
  const std::size_t total = IP * static_cast<std::size_t>(c.unit_count);
  if (total > 0 && (!c.numerator || !c.denominator)) throw InvalidArgument("aggregate: a cube pointer is null");
  // The cube is the columnar case with implicit codes; expand the codes of present cells in blocks and
  // reuse the columnar kernel, so both paths share one set of rules (bad rows, drops, overflow).
  std::vector<std::int32_t> un, in, pe;
  std::vector<std::int64_t> nu, de;
  un.reserve(total);
  in.reserve(total);
  pe.reserve(total);
  nu.reserve(total);
  de.reserve(total);
  for (std::size_t cell = 0; cell < total; ++cell) {
    if (c.present && !c.present[cell]) continue;
    const std::size_t u = cell / IP, rest = cell % IP;
    un.push_back(static_cast<std::int32_t>(u));
    in.push_back(static_cast<std::int32_t>(rest / static_cast<std::size_t>(c.period_count)));
    pe.push_back(static_cast<std::int32_t>(rest % static_cast<std::size_t>(c.period_count)));
    nu.push_back(c.numerator[cell]);
    de.push_back(c.denominator[cell]);
  }
  AggregateOptions o2 = opt;
  o2.indicator_count = c.indicator_count;
  o2.period_count = c.period_count;
  return run(ObservationColumns{un.data(), in.data(), pe.data(), nu.data(), de.data(), un.size()}, o2);
}

std::string_view aggregation_kernel() { return detail::kernel_isa(); }

AggregateResult aggregate(const Hierarchy& h, const ObservationColumns& obs, Level level, Date as_of,
                          const AggregateOptions& opt) {
  return AggregationPlan(h, level, as_of).run(obs, opt);
}

// ---------------------------------------------------------------------------
// Named rows

bool CountTable::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; });
}

CountTable load_counts_csv(std::string_view text, const std::string& file) {
  CountTable t;
  static const char* const kCols[] = {"unit", "indicator", "period", "numerator", "denominator"};
  detail::CsvReader rd(text);
  detail::CsvRow row;
  try {
    if (!rd.next(row, file)) {
      t.diagnostics.push_back({Severity::error, Location{file, 1, 1, "", ""},
                               "empty file (expected the header unit,indicator,period,numerator,denominator)"});
      return t;
    }
    for (std::size_t c = 0; c < 5; ++c)
      if (c >= row.fields.size() || detail::trim(row.fields[c].text) != kCols[c]) {
        Location l{file, row.line, c < row.fields.size() ? row.fields[c].column : 1, "header", "header"};
        t.diagnostics.push_back({Severity::error, l,
                                 std::string("column ") + std::to_string(c + 1) + " of the header must be \"" + kCols[c] +
                                     "\" (header: unit,indicator,period,numerator,denominator)"});
        return t;
      }
    while (rd.next(row, file)) {
      if (row.fields.size() < 5) {
        t.diagnostics.push_back(detail::csv_error(file, row.end(),
                                                  kCols[row.fields.size()],
                                                  "row has " + std::to_string(row.fields.size()) +
                                                      " fields, expected 5 (row skipped)"));
        continue;
      }
      CountRow r;
      bool ok = true;
      auto fail = [&](std::size_t c, std::string msg) {
        t.diagnostics.push_back(detail::csv_error(file, row.fields[c], kCols[c], std::move(msg) + " (row skipped)"));
        ok = false;
      };
      std::string* names[] = {&r.unit, &r.indicator, &r.period};
      for (std::size_t c = 0; c < 3; ++c) {
        *names[c] = std::string(detail::trim(row.fields[c].text));
        if (names[c]->empty()) fail(c, std::string("empty ") + kCols[c]);
      }
      for (std::size_t c = 3; c < 5; ++c) {
        std::string err;
        auto v = detail::parse_int64(detail::trim(row.fields[c].text), err);
        if (!v) fail(c, err);
        else if (*v < 0) fail(c, std::string("negative ") + kCols[c] + " " + std::to_string(*v) + " (counts are ≥ 0)");
        else (c == 3 ? r.numerator : r.denominator) = *v;
      }
      if (!ok) continue;
      r.where = Location{file, row.line, row.fields[0].column, "unit", "unit"};
      t.rows.push_back(std::move(r));
    }
  } catch (const ParseError& e) {
    t.diagnostics.push_back({Severity::error, e.where(), e.message() + " (rest of the file skipped)"});
  }
  return t;
}

CountTable load_counts_file(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const Error& e) {
    CountTable t;
    t.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return t;
  }
  return load_counts_csv(text, path);
}

std::vector<CountRow> count_rows(const Framework& fw) {
  std::vector<CountRow> out;
  for (const auto& o : fw.observations())
    if (o.is_ratio() && !o.period.empty())
      out.push_back({o.unit, o.indicator, o.period, *o.numerator, *o.denominator, Location{"", 0, 0, "$.observations[id=" + o.id + "]", ""}});
  return out;
}

NamedAggregate aggregate_rows(const Hierarchy& h, const std::vector<CountRow>& rows, Level level, Date as_of,
                              const std::vector<std::pair<std::string, IndicatorThreshold>>& thresholds) {
  NamedAggregate out;
  for (const auto& r : rows) {
    out.indicators.push_back(r.indicator);
    out.periods.push_back(r.period);
  }
  for (auto* v : {&out.indicators, &out.periods}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  auto code = [](const std::vector<std::string>& v, const std::string& s) {
    return static_cast<std::int32_t>(std::lower_bound(v.begin(), v.end(), s) - v.begin());
  };
  std::vector<std::int32_t> un, in, pe;
  std::vector<std::int64_t> nu, de;
  std::vector<std::size_t> source;  // encoded row -> input row
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    auto u = h.find(r.unit);
    if (!u) {
      Location l = r.where;
      if (l.field.empty()) l.field = "unit";
      out.diagnostics.push_back({Severity::error, l, "unit \"" + r.unit + "\" is not in the hierarchy (row not aggregated)"});
      continue;
    }
    un.push_back(*u);
    in.push_back(code(out.indicators, r.indicator));
    pe.push_back(code(out.periods, r.period));
    nu.push_back(r.numerator);
    de.push_back(r.denominator);
    source.push_back(i);
  }
  AggregateOptions opt;
  opt.indicator_count = static_cast<std::int32_t>(out.indicators.size());
  opt.period_count = static_cast<std::int32_t>(out.periods.size());
  opt.thresholds.resize(out.indicators.size());
  for (const auto& [name, t] : thresholds) {
    auto it = std::lower_bound(out.indicators.begin(), out.indicators.end(), name);
    if (it != out.indicators.end() && *it == name) opt.thresholds[static_cast<std::size_t>(it - out.indicators.begin())] = t;
  }
  out.result = AggregationPlan(h, level, as_of).run(ObservationColumns{un.data(), in.data(), pe.data(), nu.data(), de.data(), un.size()}, opt);
  for (const auto& b : out.result.bad_rows()) {
    Location l = rows[source[b.row]].where;
    out.diagnostics.push_back({Severity::error, l, b.message + " (row not aggregated)"});
  }
  const std::string date = boost::gregorian::to_iso_extended_string(as_of);
  for (const auto& d : out.result.dropped_units()) {
    Location l;
    l.path = "unit '" + h.id(d.unit) + "'";
    l.field = "unit";
    out.diagnostics.push_back({Severity::warning, l,
                               std::to_string(d.rows) + " row(s) not aggregated to " + std::string(to_string(level)) +
                                   " on " + date + ": " + std::string(to_string(d.reason)) + " (Σnumerator " +
                                   d.numerator.str() + ", Σdenominator " + d.denominator.str() + ")"});
  }
  return out;
}

// ---------------------------------------------------------------------------
// Mapping across the reform

bool MappingLoad::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; });
}

const std::vector<MappingEntry>& UnitMapping::entries() const noexcept {
  static const std::vector<MappingEntry> none;
  return entries_ ? *entries_ : none;
}

const std::vector<UnitMapping::Target>* UnitMapping::targets(std::string_view old_id) const {
  if (!map_) return nullptr;
  auto it = std::lower_bound(map_->begin(), map_->end(), old_id,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it == map_->end() || it->first != old_id) return nullptr;
  return &it->second;
}

UnitMapping::UnitMapping(std::vector<MappingEntry> entries) {
  MappingLoad r = build_mapping(std::move(entries), "<mapping>");
  if (!r.ok()) throw LoadError(std::move(r.diagnostics));
  *this = std::move(r.mapping);
}

MappingLoad build_mapping(std::vector<MappingEntry> entries, const std::string& file) {
  MappingLoad out;
  auto loc = [&](const MappingEntry& e, const char* field) {
    Location l = e.where;
    if (l.file.empty()) l.file = file;
    if (l.field.empty() || l.field != field) l.field = field;
    l.path = field;
    return l;
  };
  // Group by old id, in table order.
  std::map<std::string, std::vector<std::size_t>> by_old;
  for (std::size_t i = 0; i < entries.size(); ++i) by_old[entries[i].old_id].push_back(i);
  auto kept_map = std::make_shared<std::vector<std::pair<std::string, std::vector<UnitMapping::Target>>>>();
  auto kept_entries = std::make_shared<std::vector<MappingEntry>>();
  for (auto& [old_id, idx] : by_old) {
    bool ok = true;
    Ratio sum;
    std::vector<UnitMapping::Target> ts;
    std::map<std::string, std::size_t> seen;
    for (std::size_t i : idx) {
      const MappingEntry& e = entries[i];
      if (e.old_id.empty() || e.new_id.empty()) {
        out.diagnostics.push_back({Severity::error, loc(e, e.old_id.empty() ? "old_id" : "new_id"), "empty id"});
        ok = false;
        continue;
      }
      Ratio s = (Ratio(e.share.mantissa(), detail::pow10(e.share.scale()))).reduced();
      if (s.sign() <= 0 || s > Ratio(1)) {
        out.diagnostics.push_back({Severity::error, loc(e, "share"),
                                   "share " + e.share.to_string() + " of \"" + old_id + "\" → \"" + e.new_id +
                                       "\" is not in (0, 1]"});
        ok = false;
      }
      auto [it, fresh] = seen.emplace(e.new_id, i);
      if (!fresh) {
        out.diagnostics.push_back({Severity::error, loc(e, "new_id"),
                                   "\"" + old_id + "\" → \"" + e.new_id + "\" appears twice (first at " +
                                       loc(entries[it->second], "new_id").to_string() + ")"});
        ok = false;
      }
      sum += s;
      ts.push_back({e.new_id, s});
    }
    if (ok && sum != Ratio(1)) {
      const MappingEntry& e = entries[idx.front()];
      Decimal shown = sum.round_to(12, Rounding::half_even);
      out.diagnostics.push_back({Severity::error, loc(e, "share"),
                                 "the shares of \"" + old_id + "\" sum to " + sum.reduced().to_string() + " (≈ " +
                                     shown.to_string() + "), not exactly 1"});
      ok = false;
    }
    if (!ok) {
      out.diagnostics.back().message += " (all " + std::to_string(idx.size()) + " entries of \"" + old_id + "\" rejected)";
      continue;
    }
    for (std::size_t i : idx) kept_entries->push_back(entries[i]);
    kept_map->push_back({old_id, std::move(ts)});
  }
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
  out.mapping.map_ = std::move(kept_map);
  out.mapping.entries_ = std::move(kept_entries);
  return out;
}

MappingLoad load_mapping_csv(std::string_view text, const std::string& file) {
  static const char* const kCols[] = {"old_id", "new_id", "share"};
  std::vector<MappingEntry> entries;
  std::vector<Diagnostic> early;
  detail::CsvReader rd(text);
  detail::CsvRow row;
  try {
    if (!rd.next(row, file)) {
      MappingLoad r;
      r.diagnostics.push_back({Severity::error, Location{file, 1, 1, "", ""}, "empty file (expected the header old_id,new_id,share)"});
      return r;
    }
    for (std::size_t c = 0; c < 3; ++c)
      if (c >= row.fields.size() || detail::trim(row.fields[c].text) != kCols[c]) {
        MappingLoad r;
        r.diagnostics.push_back({Severity::error,
                                 Location{file, row.line, c < row.fields.size() ? row.fields[c].column : 1, "header", "header"},
                                 std::string("column ") + std::to_string(c + 1) + " of the header must be \"" + kCols[c] +
                                     "\" (header: old_id,new_id,share)"});
        return r;
      }
    while (rd.next(row, file)) {
      if (row.fields.size() < 3) {
        early.push_back(detail::csv_error(file, row.end(),
                                          kCols[row.fields.size()],
                                          "row has " + std::to_string(row.fields.size()) + " fields, expected 3 (row skipped)"));
        continue;
      }
      MappingEntry e;
      e.old_id = std::string(detail::trim(row.fields[0].text));
      e.new_id = std::string(detail::trim(row.fields[1].text));
      bool ok = true;
      for (std::size_t c = 0; c < 2; ++c)
        if (detail::trim(row.fields[c].text).empty()) {
          early.push_back(detail::csv_error(file, row.fields[c], kCols[c], std::string("empty ") + kCols[c] + " (row skipped)"));
          ok = false;
        }
      std::string_view sh = detail::trim(row.fields[2].text);
      try {
        e.share = Decimal::parse(sh);
      } catch (const Error& ex) {
        early.push_back(detail::csv_error(file, row.fields[2], "share",
                                          "\"" + std::string(sh.substr(0, 40)) + "\" is not a plain decimal (" +
                                              ex.message() + ") (row skipped)"));
        ok = false;
      }
      if (!ok) continue;
      e.where = Location{file, row.line, row.fields[2].column, "", ""};
      entries.push_back(std::move(e));
    }
  } catch (const ParseError& e) {
    early.push_back({Severity::error, e.where(), e.message() + " (rest of the file skipped)"});
  }
  MappingLoad r = build_mapping(std::move(entries), file);
  r.diagnostics.insert(r.diagnostics.begin(), early.begin(), early.end());
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
  return r;
}

Ratio RestatedRow::ratio() const {
  if (denominator.is_zero()) throw DataError("restated row " + unit + "/" + indicator + "/" + period + " has denominator 0");
  return (numerator / denominator).reduced();
}

Restated restate(const UnitMapping& m, const std::vector<CountRow>& rows) {
  Restated out;
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<Ratio, Ratio>> acc;
  std::map<std::string, int> unmapped;
  for (const auto& r : rows) {
    const auto* ts = m.targets(r.unit);
    if (!ts) {
      unmapped[r.unit] = 1;
      ++out.unmapped_rows;
      continue;
    }
    for (const auto& t : *ts) {
      auto& cell = acc[{t.new_id, r.indicator, r.period}];
      cell.first += t.share * Ratio(r.numerator);
      cell.second += t.share * Ratio(r.denominator);
    }
  }
  for (auto& [k, v] : acc)
    out.rows.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), v.first.reduced(), v.second.reduced()});
  for (const auto& [u, _] : unmapped) out.unmapped_units.push_back(u);
  return out;
}

std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<Ratio>& shares) {
  if (total < 0) throw InvalidArgument("apportion: negative total " + std::to_string(total));
  Ratio sum;
  for (const auto& s : shares) {
    if (s.sign() < 0) throw InvalidArgument("apportion: negative share " + s.to_string());
    sum += s;
  }
  if (sum != Ratio(1)) throw InvalidArgument("apportion: shares sum to " + sum.reduced().to_string() + ", not 1");
  std::vector<std::int64_t> out(shares.size());
  std::vector<Ratio> rem(shares.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    Ratio exact = shares[i] * Ratio(total);
    BigInt f = exact.floor();
    out[i] = f.convert_to<std::int64_t>();  // 0 <= f <= total
    rem[i] = exact - Ratio(out[i]);
    given += out[i];
  }
  std::vector<std::size_t> order(shares.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
  for (std::size_t j = 0; given < total; ++j, ++given) ++out[order[j]];  // total − given < number of shares
  return out;
}

// ---------------------------------------------------------------------------
// Across units

std::vector<UnitValue> values_of(const AggregateResult& r, std::int32_t indicator, std::int32_t period) {
  std::vector<UnitValue> out;
  for (std::size_t g = 0; g < r.size(); ++g)
    if (r.indicator(g) == indicator && r.period(g) == period && r.has_ratio(g)) out.push_back({r.unit(g), r.ratio(g)});
  return out;
}

namespace {
void sort_for(std::vector<UnitValue>& v, Direction d) {
  if (d == Direction::none) throw InvalidArgument("ranking needs a direction (higher or lower is better)");
  std::stable_sort(v.begin(), v.end(), [d](const UnitValue& a, const UnitValue& b) {
    auto c = a.value <=> b.value;
    if (c != 0) return d == Direction::higher ? c > 0 : c < 0;
    return a.unit < b.unit;
  });
}
std::vector<RankedUnit> ranked(const std::vector<UnitValue>& sorted, std::int32_t parent) {
  std::vector<RankedUnit> out;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    int rk = (i > 0 && sorted[i].value == sorted[i - 1].value) ? out.back().rank : static_cast<int>(i) + 1;
    out.push_back({sorted[i].unit, sorted[i].value, rk, parent});
  }
  return out;
}
}  // namespace

std::vector<RankedUnit> rank(std::vector<UnitValue> values, Direction direction) {
  sort_for(values, direction);
  return ranked(values, -1);
}

std::vector<RankedUnit> rank_among_siblings(const Hierarchy& h, Date as_of, std::vector<UnitValue> values,
                                            Direction direction) {
  std::map<std::int32_t, std::vector<UnitValue>> groups;
  for (auto& v : values) groups[h.parent_at(v.unit, as_of)].push_back(std::move(v));
  std::vector<RankedUnit> out;
  for (auto& [parent, vs] : groups) {
    sort_for(vs, direction);
    auto r = ranked(vs, parent);
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

std::optional<Distribution> distribution(const std::vector<UnitValue>& values) {
  if (values.empty()) return std::nullopt;
  std::vector<Ratio> v;
  v.reserve(values.size());
  for (const auto& x : values) v.push_back(x.value);
  std::sort(v.begin(), v.end(), [](const Ratio& a, const Ratio& b) { return a < b; });
  Distribution d;
  d.count = v.size();
  d.min = v.front();
  d.max = v.back();
  const std::size_t m = v.size() / 2;
  d.median = v.size() % 2 ? v[m] : ((v[m - 1] + v[m]) * Ratio(1, 2)).reduced();
  return d;
}

std::size_t count_below(const std::vector<UnitValue>& values, const Ratio& target) {
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [&](const UnitValue& x) { return x.value < target; }));
}

std::vector<RankedUnit> worst(std::vector<UnitValue> values, std::size_t n, Direction direction) {
  auto r = rank(std::move(values), direction);
  std::stable_sort(r.begin(), r.end(), [](const RankedUnit& a, const RankedUnit& b) {
    return a.rank != b.rank ? a.rank > b.rank : a.unit < b.unit;
  });
  if (r.size() > n) r.resize(n);
  return r;
}

}  // namespace v1
}  // namespace da06
