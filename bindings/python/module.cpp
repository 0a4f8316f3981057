// bindings/python/module.cpp — da06._core: the compiled half of the `da06` Python package.
// Each area registers itself from its own register_<area>.cpp; the pure-Python package python/da06/
// wraps these in a pandas-friendly API. Nothing here keeps global mutable state.
#include "common.hpp"

#include "da06/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "da06 compiled core (use the `da06` package, not this module directly)";
  m.attr("__version__") = DA06_VERSION_STRING;
  m.attr("version_number") = DA06_VERSION_NUMBER;
  da06py::register_errors(m);  // first: the translator applies to everything registered after
  da06py::register_model(m);
  da06py::register_io(m);
  da06py::register_numbers(m);
  da06py::register_lunar(m);
  da06py::register_calendar(m);
  da06py::register_time_limits(m);
  da06py::register_period(m);
  da06py::register_deadline(m);
  da06py::register_report(m);
  da06py::register_status(m);
  da06py::register_analysis(m);
  da06py::register_audit(m);
  da06py::register_hierarchy(m);
  da06py::register_aggregate(m);
  da06py::register_dossier(m);
  da06py::register_report_summary(m);  // after status, analysis and dossier: it uses their types
  da06py::register_arrow(m);
  da06py::register_series(m);
}
