// Columnar aggregation up the hierarchy (aggregate.hpp), fed straight from numpy/pandas columns.
//
// Zero copies: numerator and denominator are int64 arrays read in place (py::array_t<int64_t,
// c_style|forcecast> does not copy a C-contiguous int64 array). The three code columns are read in
// place too, whatever their integer width (pandas gives int8/int16 category codes): they go to the
// engine as da06::CodeView, with the unit's category code → Hierarchy index table as the view's map.
// The engine stages 2048 rows at a time into small int32 buffers, so there are no whole-column
// temporaries and a single pass. The result columns come back the same way: numpy arrays that view the
// AggregateResult's own columns, owned by a capsule (no copy of the ~13 MB of a national result).
//
// GIL: released for the whole computation. Safe: only the numpy buffers (kept alive by the
// py::array arguments for the duration of the call) and immutable C++ values (Hierarchy,
// AggregationPlan) are touched; Python objects are built after the GIL is re-acquired.
#include "common.hpp"

#include <pybind11/numpy.h>

#include "da06/aggregate.hpp"

#include <memory>

namespace da06py {
namespace {

using I64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

da06::Level level_of(const std::string& s) {
  auto l = da06::parse_level(s);
  if (!l) throw da06::InvalidArgument("unknown level \"" + s + "\" (nation, province, district, commune, village)");
  return *l;
}

da06::CodeType code_type(const py::array& a, const char* name) {
  if (a.ndim() != 1 || !(a.flags() & py::array::c_style))
    throw da06::InvalidArgument(std::string("aggregate: the ") + name + " codes must be a contiguous 1-D array");
  const char kind = a.dtype().kind();
  const bool u = kind == 'u';
  if (kind != 'i' && !u) throw da06::InvalidArgument(std::string("aggregate: the ") + name + " codes must be integers");
  switch (a.itemsize()) {
    case 1: return u ? da06::CodeType::u8 : da06::CodeType::i8;
    case 2: return u ? da06::CodeType::u16 : da06::CodeType::i16;
    case 4: return u ? da06::CodeType::u32 : da06::CodeType::i32;
    case 8: return u ? da06::CodeType::u64 : da06::CodeType::i64;
  }
  throw da06::InvalidArgument(std::string("aggregate: the ") + name + " codes have an unsupported integer width");
}

using MapArg = std::optional<py::array_t<std::int32_t, py::array::c_style>>;

da06::CodeView code_view(const py::array& a, const MapArg& map, const char* name) {
  da06::CodeView v(a.data(), code_type(a, name));
  if (map) {
    v.map = map->data();
    v.map_size = static_cast<std::size_t>(map->size());
  }
  return v;
}

/// A writable 1-d numpy view of n values at p, kept alive by `owner` (an empty array of its own when n == 0:
/// an empty column may have no storage).
template <class T>
py::array_t<T> view_array(const T* p, std::size_t n, const py::capsule& owner) {
  if (n == 0 || !p) return py::array_t<T>(0);
  return py::array_t<T>({static_cast<py::ssize_t>(n)}, {static_cast<py::ssize_t>(sizeof(T))}, const_cast<T*>(p), owner);
}

}  // namespace

void register_aggregate(py::module_& m) {
  m.def(
      "aggregate_columns",
      [](const da06::Hierarchy& h, const std::string& level, boost::gregorian::date as_of, const py::array& unit,
         MapArg unit_map, const py::array& indicator, MapArg indicator_map, const py::array& period,
         MapArg period_map, I64 numerator, I64 denominator, std::int32_t indicator_count, std::int32_t period_count,
         const std::vector<std::tuple<std::int32_t, std::string, std::string, std::string>>& thresholds) {
        const std::size_t n = static_cast<std::size_t>(numerator.size());
        if (static_cast<std::size_t>(denominator.size()) != n || static_cast<std::size_t>(unit.size()) != n ||
            static_cast<std::size_t>(indicator.size()) != n || static_cast<std::size_t>(period.size()) != n)
          throw da06::InvalidArgument("aggregate: the five columns must have the same length");
        const da06::ObservationView obs(code_view(unit, unit_map, "unit"), code_view(indicator, indicator_map, "indicator"),
                                        code_view(period, period_map, "period"), numerator.data(), denominator.data(), n);
        da06::AggregateOptions opt;
        opt.indicator_count = std::max(indicator_count, 1);
        opt.period_count = std::max(period_count, 1);
        opt.thresholds.resize(static_cast<std::size_t>(opt.indicator_count));
        // A target is an exact fraction (numerator, denominator as decimal text), the units of the
        // ratio column: python/da06/aggregate.py turns "90%" or 0.9 into 9/10 and refuses 90.
        for (const auto& [code, cmp, tn, td] : thresholds) {
          auto c = da06::parse_comparator(cmp);
          if (!c || *c == da06::Comparator::top) throw da06::InvalidArgument("aggregate: unknown comparator \"" + cmp + "\"");
          if (code < 0 || code >= opt.indicator_count) continue;
          const da06::BigInt num(tn.c_str()), den(td.c_str());
          if (den <= 0) throw da06::InvalidArgument("aggregate: a target's denominator must be positive");
          opt.thresholds[static_cast<std::size_t>(code)] = da06::IndicatorThreshold{*c, da06::Ratio(num, den).reduced()};
        }
        const da06::Level lv = level_of(level);
        da06::AggregateResult r;
        {
          py::gil_scoped_release nogil;  // see the file comment
          r = da06::AggregationPlan(h, lv, as_of).run(obs, opt);
        }
        const std::size_t G = r.size();
        // The result columns go to numpy without copies: the arrays are views of the result's own
        // columns, and the capsule that owns the result is their base (freed with the last array).
        auto kept = std::make_unique<da06::AggregateResult>(std::move(r));
        const py::capsule owner(kept.get(), [](void* p) { delete static_cast<da06::AggregateResult*>(p); });
        const da06::AggregateResult& k = *kept.release();
        py::dict d;
        d["unit"] = view_array(k.units(), G, owner);
        d["indicator"] = view_array(k.indicators(), G, owner);
        d["period"] = view_array(k.periods(), G, owner);
        d["rows"] = view_array(k.row_counts(), G, owner);
        if (!k.overflowed()) {
          d["numerator"] = view_array(k.numerators(), G, owner);
          d["denominator"] = view_array(k.denominators(), G, owner);
        } else {  // some sum is beyond int64: Python ints (object column), exact
          py::list nu, de;
          for (std::size_t g = 0; g < G; ++g) {
            nu.append(py::int_(py::str(k.numerator_big(g).str())));
            de.append(py::int_(py::str(k.denominator_big(g).str())));
          }
          d["numerator"] = nu;
          d["denominator"] = de;
        }
        d["ratio"] = view_array(k.ratios(), G, owner);
        d["gap"] = view_array(k.gaps(), G, owner);
        // GroupStatus codes (met 0, not_met 1, no_target 2, no_denominator 3): a categorical's codes.
        static_assert(sizeof(da06::GroupStatus) == sizeof(std::uint8_t));
        d["status"] = view_array(reinterpret_cast<const std::uint8_t*>(k.statuses()), G, owner);
        py::list dropped;
        for (const auto& a : k.dropped_units())
          dropped.append(py::make_tuple(a.unit, std::string(da06::to_string(a.reason)), a.rows,
                                        py::int_(py::str(a.numerator.str())), py::int_(py::str(a.denominator.str()))));
        d["dropped"] = dropped;
        py::list bad;
        for (const auto& b : k.bad_rows()) bad.append(py::make_tuple(b.row, b.message));
        d["bad_rows"] = bad;
        d["bad_row_count"] = k.bad_row_count();
        d["rows_used"] = k.rows_used();
        d["rows_dropped"] = k.rows_dropped();
        return d;
      },
      py::arg("hierarchy"), py::arg("level"), py::arg("as_of"), py::arg("unit"), py::arg("unit_map"),
      py::arg("indicator"), py::arg("indicator_map"), py::arg("period"), py::arg("period_map"), py::arg("numerator"),
      py::arg("denominator"), py::arg("indicator_count"), py::arg("period_count"),
      py::arg("thresholds") = std::vector<std::tuple<std::int32_t, std::string, std::string, std::string>>{});

  m.def("aggregation_kernel", [] { return std::string(da06::aggregation_kernel()); },
        "Which build of the aggregation kernel's run path this CPU uses: 'avx2' or 'generic'.");

}

}  // namespace da06py
