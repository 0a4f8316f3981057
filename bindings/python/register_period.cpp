// Reporting periods: codes, calendar and cut-off windows (Nghị định 09/2019, Điều 12), Vietnamese phrases.
#include "common.hpp"

#include <pybind11/operators.h>

#include "da06/period.hpp"

namespace da06py {

void register_period(py::module_& m) {
  using da06::Period;
  py::class_<Period>(m, "Period", "A reporting period: year, half-year, 9 months, quarter or month.")
      .def_static("parse_code", &Period::parse_code, py::arg("code"))
      .def_property_readonly("code", &Period::code)
      .def_property_readonly("kind", [](const Period& p) { return std::string(da06::to_string(p.kind())); })
      .def_property_readonly("year", &Period::year)
      .def_property_readonly("index", &Period::index)
      .def_property_readonly("calendar_window", [](const Period& p) {
        auto w = p.calendar_window();
        return py::make_tuple(w.first, w.last);
      })
      .def_property_readonly("cutoff_window", [](const Period& p) {
        auto w = p.cutoff_window();
        return py::make_tuple(w.first, w.last);
      })
      .def("previous", &Period::previous)
      .def("next", &Period::next)
      .def("submission_deadline",
           [](const Period& p, int n, const da06::Calendar& cal) { return da06::submission_deadline(p, n, cal); },
           py::arg("n_working_days"), py::arg("calendar"))
      .def(py::self == py::self)
      .def(py::self < py::self)
      .def("__hash__", [](const Period& p) { return py::hash(py::str(p.code())); })
      .def("__str__", &Period::code)
      .def("__repr__", [](const Period& p) { return "Period('" + p.code() + "')"; });
  m.def("parse_period", &da06::parse_period, py::arg("text"), py::arg("default_year") = py::none());
}

}  // namespace da06py
