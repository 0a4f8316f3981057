// da06_test_hooks — what the tests and benchmarks need from C++ that users do not: raising each C++
// error type with a known location, and timing the bare aggregation engine. Kept out of the shipped
// module da06._core (as pybind11 keeps its test hooks in pybind11_tests); built with the tests or the
// benchmarks, never by the wheel. Import da06 first: its module registers the error translation and the
// Hierarchy type this module uses.
#include "../common.hpp"

#include <pybind11/numpy.h>

#include "da06/aggregate.hpp"
#include "da06/error.hpp"
#include "da06/hierarchy.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace {

using I32 = py::array_t<std::int32_t, py::array::c_style>;
using I64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

[[noreturn]] void raise_error(const std::string& kind) {
  da06::Location w{"f.json", 3, 7, "$.tasks[2].deadline_text", "deadline_text"};
  if (kind == "parse") throw da06::ParseError("bad text", w);
  if (kind == "data") throw da06::DataError("bad data", w);
  if (kind == "range") throw da06::RangeError("out of range", w);
  if (kind == "invalid") throw da06::InvalidArgument("bad argument", w);
  if (kind == "load") throw da06::LoadError({da06::Diagnostic{da06::Severity::error, w, "bad record"}});
  throw da06::Error("generic", w);
}

/// AggregationPlan::run on int32 codes, the plan built outside the timing: "the C++ time" of an
/// aggregation, measured in the caller's process. (plan seconds, run seconds, groups).
py::tuple engine_seconds(const da06::Hierarchy& h, const std::string& level, boost::gregorian::date as_of, I32 unit,
                         I32 indicator, I32 period, I64 numerator, I64 denominator, std::int32_t indicator_count,
                         std::int32_t period_count, const std::string& threshold) {
  auto lv = da06::parse_level(level);
  if (!lv) throw da06::InvalidArgument("unknown level \"" + level + "\"");
  da06::ObservationColumns cols{unit.data(), indicator.data(), period.data(), numerator.data(), denominator.data(),
                                static_cast<std::size_t>(numerator.size())};
  da06::AggregateOptions opt;
  opt.indicator_count = indicator_count;
  opt.period_count = period_count;
  if (!threshold.empty())
    opt.thresholds.assign(static_cast<std::size_t>(indicator_count), da06::IndicatorThreshold::percent(threshold));
  double plan_s = 0, run_s = 0;
  std::size_t groups = 0;
  {
    py::gil_scoped_release nogil;  // only the numpy buffers and immutable C++ values are touched
    auto t0 = std::chrono::steady_clock::now();
    da06::AggregationPlan plan(h, *lv, as_of);
    auto t1 = std::chrono::steady_clock::now();
    auto r = plan.run(cols, opt);
    auto t2 = std::chrono::steady_clock::now();
    plan_s = std::chrono::duration<double>(t1 - t0).count();
    run_s = std::chrono::duration<double>(t2 - t1).count();
    groups = r.size();
  }
  return py::make_tuple(plan_s, run_s, groups);
}

}  // namespace

PYBIND11_MODULE(da06_test_hooks, m) {
  py::module_::import("da06._core");  // the error translation and the Hierarchy type live there
  m.def("raise_error", &raise_error, py::arg("kind"),
        "Raise each C++ error type with the location f.json:3:7 $.tasks[2].deadline_text.");
  m.def("engine_seconds", &engine_seconds, py::arg("hierarchy"), py::arg("level"), py::arg("as_of"), py::arg("unit"),
        py::arg("indicator"), py::arg("period"), py::arg("numerator"), py::arg("denominator"),
        py::arg("indicator_count"), py::arg("period_count"), py::arg("threshold") = "");
}
