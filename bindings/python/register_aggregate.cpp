// Columnar aggregation up the hierarchy (aggregate.hpp), fed straight from numpy/pandas columns.
//
// Zero copies: numerator and denominator are int64 arrays read in place (py::array_t<int64_t,
// c_style|forcecast> does not copy a C-contiguous int64 array). The three code columns are read in
// place too, whatever their integer width: pandas gives int8/int16 category codes, which the
// engine's int32 ObservationColumns cannot point at, and a unit's category code is not its
// Hierarchy index. Instead of widening/remapping whole columns into int32 temporaries (12 bytes
// per row: 287 MB for 23.9 M rows, and two extra passes over memory), the rows are fed to the engine
// in chunks through three small int32 staging buffers, and the per-chunk sums are merged exactly
// (128-bit) before one final engine run computes ratio, gap and status with the engine's own rules.
// When the columns already are int32 codes that need no remapping, the engine reads them directly
// in a single run.
//
// GIL: released for the whole computation. Safe: only the numpy buffers (kept alive by the
// py::array arguments for the duration of the call) and immutable C++ values (Hierarchy,
// AggregationPlan) are touched; Python objects are built after the GIL is re-acquired.
#include "common.hpp"

#include <pybind11/numpy.h>

#include "da06/aggregate.hpp"

#include <chrono>
#include <map>

namespace da06py {
namespace {

using I64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using int128 = da06::detail::int128;

da06::Level level_of(const std::string& s) {
  auto l = da06::parse_level(s);
  if (!l) throw da06::InvalidArgument("unknown level \"" + s + "\" (nation, province, district, commune, village)");
  return *l;
}

/// A code column of any integer width, optionally remapped through a small table (category code ->
/// Hierarchy index or dense code). Codes outside the table become -1, which the engine reports as a
/// bad row (pandas' -1 code for a missing category included).
struct CodeColumn {
  const void* data = nullptr;
  char kind = 'i';
  int itemsize = 4;
  std::size_t n = 0;
  const std::int32_t* map = nullptr;
  std::size_t map_n = 0;

  bool direct() const { return map == nullptr && kind == 'i' && itemsize == 4; }
  const std::int32_t* as_int32() const { return static_cast<const std::int32_t*>(data); }

  template <class T>
  void stage_t(std::size_t i0, std::size_t k, std::int32_t* dst) const {
    const T* src = static_cast<const T*>(data) + i0;
    if (map) {
      for (std::size_t j = 0; j < k; ++j) {
        const auto v = static_cast<std::int64_t>(src[j]);
        dst[j] = (v >= 0 && static_cast<std::uint64_t>(v) < map_n) ? map[v] : -1;
      }
    } else {
      for (std::size_t j = 0; j < k; ++j) {
        const auto v = static_cast<std::int64_t>(src[j]);
        dst[j] = (v >= INT32_MIN && v <= INT32_MAX) ? static_cast<std::int32_t>(v) : -1;
      }
    }
  }
  void stage(std::size_t i0, std::size_t k, std::int32_t* dst) const {
    switch (kind == 'u' ? -itemsize : itemsize) {
      case 1: return stage_t<std::int8_t>(i0, k, dst);
      case 2: return stage_t<std::int16_t>(i0, k, dst);
      case 4: return stage_t<std::int32_t>(i0, k, dst);
      case 8: return stage_t<std::int64_t>(i0, k, dst);
      case -1: return stage_t<std::uint8_t>(i0, k, dst);
      case -2: return stage_t<std::uint16_t>(i0, k, dst);
      case -4: return stage_t<std::uint32_t>(i0, k, dst);
      case -8: return stage_t<std::uint64_t>(i0, k, dst);
    }
    throw da06::InvalidArgument("aggregate: unsupported code column type");
  }
};

CodeColumn code_column(const py::array& a, const std::optional<py::array_t<std::int32_t, py::array::c_style>>& map,
                       const char* name) {
  if (a.ndim() != 1 || !(a.flags() & py::array::c_style))
    throw da06::InvalidArgument(std::string("aggregate: the ") + name + " codes must be a contiguous 1-D array");
  const char kind = a.dtype().kind();
  if (kind != 'i' && kind != 'u')
    throw da06::InvalidArgument(std::string("aggregate: the ") + name + " codes must be integers");
  CodeColumn c;
  c.data = a.data();
  c.kind = kind;
  c.itemsize = static_cast<int>(a.itemsize());
  c.n = static_cast<std::size_t>(a.size());
  if (map) {
    c.map = map->data();
    c.map_n = static_cast<std::size_t>(map->size());
  }
  return c;
}

int128 to128(const da06::BigInt& b) {
  // Only reached for sums beyond int64 (the engine's own 128-bit pass): exact through the text form.
  std::string s = b.str();
  bool neg = !s.empty() && s[0] == '-';
  int128 v = 0;
  for (std::size_t i = neg ? 1 : 0; i < s.size(); ++i) v = v * 10 + (s[i] - '0');
  return neg ? -v : v;
}

struct DropAcc {
  da06::AncestorStatus reason = da06::AncestorStatus::unit_not_valid;
  std::int64_t rows = 0;
  da06::BigInt num = 0, den = 0;
};

struct Outcome {
  da06::AggregateResult result;
  std::vector<std::int64_t> rows;  // per final group: observations summed (the final run sees merged rows)
  std::map<std::int32_t, DropAcc> dropped;
  std::vector<da06::BadRow> bad;
  std::size_t bad_count = 0, rows_used = 0, rows_dropped = 0;
  std::size_t chunks = 0;
};

Outcome run(const da06::Hierarchy& h, da06::Level level, boost::gregorian::date as_of, const CodeColumn& unit,
            const CodeColumn& ind, const CodeColumn& per, const std::int64_t* num, const std::int64_t* den,
            std::size_t n, da06::AggregateOptions opt, std::size_t chunk_rows) {
  da06::AggregationPlan plan(h, level, as_of);
  Outcome out;
  if (unit.direct() && ind.direct() && per.direct()) {
    // Zero-copy single run: the engine reads the caller's arrays.
    da06::ObservationColumns cols{unit.as_int32(), ind.as_int32(), per.as_int32(), num, den, n};
    out.result = plan.run(cols, opt);
    const auto& r = out.result;
    out.rows.assign(r.row_counts(), r.row_counts() + r.size());
    for (const auto& d : r.dropped_units()) out.dropped[d.unit] = DropAcc{d.reason, d.rows, d.numerator, d.denominator};
    out.bad = r.bad_rows();
    out.bad_count = r.bad_row_count();
    out.rows_used = r.rows_used();
    out.rows_dropped = r.rows_dropped();
    out.chunks = 1;
    return out;
  }

  const std::size_t A = plan.targets().size();
  const std::size_t I = static_cast<std::size_t>(opt.indicator_count), P = static_cast<std::size_t>(opt.period_count);
  const std::size_t cells = A * I * P;
  std::vector<std::int32_t> dense_of(h.size(), -1);
  for (std::size_t a = 0; a < A; ++a) dense_of[static_cast<std::size_t>(plan.targets()[a])] = static_cast<std::int32_t>(a);
  std::vector<int128> sn(cells, 0), sd(cells, 0);
  std::vector<std::int64_t> cnt(cells, 0);

  // Each engine run zeroes and scans a (target × indicator × period) table: make a chunk at least
  // 8 rows per cell so that this stays small beside the rows, and at least 256 Ki rows.
  std::size_t chunk = chunk_rows ? chunk_rows : std::max<std::size_t>(std::size_t{1} << 18, 8 * cells);
  chunk = std::min(chunk, std::max<std::size_t>(n, 1));
  std::vector<std::int32_t> bu(chunk), bi(chunk), bp(chunk);
  da06::AggregateOptions chunk_opt = opt;
  chunk_opt.thresholds.clear();  // ratio/gap/status come from the final run
  for (std::size_t i0 = 0; i0 < n; i0 += chunk) {
    const std::size_t k = std::min(chunk, n - i0);
    unit.stage(i0, k, bu.data());
    ind.stage(i0, k, bi.data());
    per.stage(i0, k, bp.data());
    da06::ObservationColumns cols{bu.data(), bi.data(), bp.data(), num + i0, den + i0, k};
    da06::AggregateResult r = plan.run(cols, chunk_opt);
    ++out.chunks;
    const bool wide = r.overflowed();
    for (std::size_t g = 0; g < r.size(); ++g) {
      const std::size_t c =
          (static_cast<std::size_t>(dense_of[static_cast<std::size_t>(r.unit(g))]) * I + static_cast<std::size_t>(r.indicator(g))) * P +
          static_cast<std::size_t>(r.period(g));
      if (!wide || r.fits_int64(g)) {
        sn[c] += r.numerators()[g];
        sd[c] += r.denominators()[g];
      } else {
        sn[c] += to128(r.numerator_big(g));
        sd[c] += to128(r.denominator_big(g));
      }
      cnt[c] += r.rows(g);
    }
    for (const auto& d : r.dropped_units()) {
      DropAcc& acc = out.dropped[d.unit];
      acc.reason = d.reason;
      acc.rows += d.rows;
      acc.num += d.numerator;
      acc.den += d.denominator;
    }
    for (const auto& b : r.bad_rows())
      if (out.bad.size() < 1000) out.bad.push_back({b.row + i0, b.message});
    out.bad_count += r.bad_row_count();
    out.rows_used += r.rows_used();
    out.rows_dropped += r.rows_dropped();
  }

  // The merged sums, one row per group (a sum beyond int64 is split into int64 parts, which the
  // engine adds back exactly in 128 bits), through one final run for ratio, gap and status.
  std::vector<std::int32_t> mu, mi, mp;
  std::vector<std::int64_t> mn, md;
  std::vector<std::size_t> cell_of_row;
  constexpr int128 kMax = INT64_MAX;
  for (std::size_t c = 0; c < cells; ++c) {
    if (!cnt[c]) continue;
    int128 a = sn[c], b = sd[c];
    do {
      const int128 pa = a > kMax ? kMax : a, pb = b > kMax ? kMax : b;
      mu.push_back(plan.targets()[c / (I * P)]);
      mi.push_back(static_cast<std::int32_t>((c / P) % I));
      mp.push_back(static_cast<std::int32_t>(c % P));
      mn.push_back(static_cast<std::int64_t>(pa));
      md.push_back(static_cast<std::int64_t>(pb));
      a -= pa;
      b -= pb;
    } while (a > 0 || b > 0);
  }
  da06::ObservationColumns merged{mu.data(), mi.data(), mp.data(), mn.data(), md.data(), mu.size()};
  out.result = plan.run(merged, opt);
  const auto& r = out.result;
  out.rows.resize(r.size());
  for (std::size_t g = 0; g < r.size(); ++g) {
    const std::size_t c =
        (static_cast<std::size_t>(dense_of[static_cast<std::size_t>(r.unit(g))]) * I + static_cast<std::size_t>(r.indicator(g))) * P +
        static_cast<std::size_t>(r.period(g));
    out.rows[g] = cnt[c];
  }
  return out;
}

template <class T>
py::array_t<T> copy_array(const T* p, std::size_t n) {
  py::array_t<T> a(static_cast<py::ssize_t>(n));
  std::copy_n(p, n, a.mutable_data());
  return a;
}

}  // namespace

void register_aggregate(py::module_& m) {
  m.def(
      "aggregate_columns",
      [](const da06::Hierarchy& h, const std::string& level, boost::gregorian::date as_of, const py::array& unit,
         std::optional<py::array_t<std::int32_t, py::array::c_style>> unit_map, const py::array& indicator,
         std::optional<py::array_t<std::int32_t, py::array::c_style>> indicator_map, const py::array& period,
         std::optional<py::array_t<std::int32_t, py::array::c_style>> period_map, I64 numerator, I64 denominator,
         std::int32_t indicator_count, std::int32_t period_count,
         const std::vector<std::tuple<std::int32_t, std::string, std::string>>& thresholds, std::size_t chunk_rows) {
        const std::size_t n = static_cast<std::size_t>(numerator.size());
        if (static_cast<std::size_t>(denominator.size()) != n || static_cast<std::size_t>(unit.size()) != n ||
            static_cast<std::size_t>(indicator.size()) != n || static_cast<std::size_t>(period.size()) != n)
          throw da06::InvalidArgument("aggregate: the five columns must have the same length");
        CodeColumn cu = code_column(unit, unit_map, "unit"), ci = code_column(indicator, indicator_map, "indicator"),
                   cp = code_column(period, period_map, "period");
        da06::AggregateOptions opt;
        opt.indicator_count = std::max(indicator_count, 1);
        opt.period_count = std::max(period_count, 1);
        opt.thresholds.resize(static_cast<std::size_t>(opt.indicator_count));
        for (const auto& [code, cmp, value] : thresholds) {
          auto c = da06::parse_comparator(cmp);
          if (!c) throw da06::InvalidArgument("aggregate: unknown comparator \"" + cmp + "\"");
          if (code < 0 || code >= opt.indicator_count) continue;
          opt.thresholds[static_cast<std::size_t>(code)] = da06::IndicatorThreshold::percent(value, *c);
        }
        const da06::Level lv = level_of(level);
        const std::int64_t *pn = numerator.data(), *pd = denominator.data();
        Outcome o;
        double seconds = 0;
        {
          py::gil_scoped_release nogil;  // see the file comment
          auto t0 = std::chrono::steady_clock::now();
          o = run(h, lv, as_of, cu, ci, cp, pn, pd, n, opt, chunk_rows);
          seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
        const auto& r = o.result;
        const std::size_t G = r.size();
        py::dict d;
        d["unit"] = copy_array(r.units(), G);
        d["indicator"] = copy_array(r.indicators(), G);
        d["period"] = copy_array(r.periods(), G);
        d["rows"] = copy_array(o.rows.data(), G);
        if (!r.overflowed()) {
          d["numerator"] = copy_array(r.numerators(), G);
          d["denominator"] = copy_array(r.denominators(), G);
        } else {  // some sum is beyond int64: Python ints (object column), exact
          py::list nu, de;
          for (std::size_t g = 0; g < G; ++g) {
            nu.append(py::int_(py::str(r.numerator_big(g).str())));
            de.append(py::int_(py::str(r.denominator_big(g).str())));
          }
          d["numerator"] = nu;
          d["denominator"] = de;
        }
        d["ratio"] = copy_array(r.ratios(), G);
        d["gap"] = copy_array(r.gaps(), G);
        // GroupStatus codes (met 0, not_met 1, no_target 2, no_denominator 3): a categorical's codes.
        py::array_t<std::uint8_t> status(static_cast<py::ssize_t>(G));
        for (std::size_t g = 0; g < G; ++g) status.mutable_data()[g] = static_cast<std::uint8_t>(r.status(g));
        d["status"] = status;
        py::list dropped;
        for (const auto& [u, a] : o.dropped)
          dropped.append(py::make_tuple(u, std::string(da06::to_string(a.reason)), a.rows,
                                        py::int_(py::str(a.num.str())), py::int_(py::str(a.den.str()))));
        d["dropped"] = dropped;
        py::list bad;
        for (const auto& b : o.bad) bad.append(py::make_tuple(b.row, b.message));
        d["bad_rows"] = bad;
        d["bad_row_count"] = o.bad_count;
        d["rows_used"] = o.rows_used;
        d["rows_dropped"] = o.rows_dropped;
        d["chunks"] = o.chunks;
        d["seconds"] = seconds;
        return d;
      },
      py::arg("hierarchy"), py::arg("level"), py::arg("as_of"), py::arg("unit"), py::arg("unit_map"),
      py::arg("indicator"), py::arg("indicator_map"), py::arg("period"), py::arg("period_map"), py::arg("numerator"),
      py::arg("denominator"), py::arg("indicator_count"), py::arg("period_count"),
      py::arg("thresholds") = std::vector<std::tuple<std::int32_t, std::string, std::string>>{},
      py::arg("chunk_rows") = 0);

  // For the benchmark: the bare engine (AggregationPlan::run on int32 codes, plan built outside the
  // timing), i.e. "the C++ time" of the same aggregation, measured in this process.
  m.def(
      "_engine_seconds",
      [](const da06::Hierarchy& h, const std::string& level, boost::gregorian::date as_of,
         py::array_t<std::int32_t, py::array::c_style> unit, py::array_t<std::int32_t, py::array::c_style> indicator,
         py::array_t<std::int32_t, py::array::c_style> period, I64 numerator, I64 denominator,
         std::int32_t indicator_count, std::int32_t period_count, std::string threshold) {
        da06::ObservationColumns cols{unit.data(), indicator.data(), period.data(), numerator.data(), denominator.data(),
                                      static_cast<std::size_t>(numerator.size())};
        da06::AggregateOptions opt;
        opt.indicator_count = indicator_count;
        opt.period_count = period_count;
        if (!threshold.empty()) opt.thresholds.assign(static_cast<std::size_t>(indicator_count), da06::IndicatorThreshold::percent(threshold));
        const da06::Level lv = level_of(level);
        double plan_s = 0, run_s = 0;
        std::size_t groups = 0;
        {
          py::gil_scoped_release nogil;  // see the file comment
          auto t0 = std::chrono::steady_clock::now();
          da06::AggregationPlan plan(h, lv, as_of);
          auto t1 = std::chrono::steady_clock::now();
          auto r = plan.run(cols, opt);
          auto t2 = std::chrono::steady_clock::now();
          plan_s = std::chrono::duration<double>(t1 - t0).count();
          run_s = std::chrono::duration<double>(t2 - t1).count();
          groups = r.size();
        }
        return py::make_tuple(plan_s, run_s, groups);
      },
      py::arg("hierarchy"), py::arg("level"), py::arg("as_of"), py::arg("unit"), py::arg("indicator"), py::arg("period"),
      py::arg("numerator"), py::arg("denominator"), py::arg("indicator_count"), py::arg("period_count"),
      py::arg("threshold") = "");
}

}  // namespace da06py
