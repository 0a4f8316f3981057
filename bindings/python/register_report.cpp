// The report of a framework as of a date: the JSON document of `da06 report --json`, or the text.
#include "common.hpp"

#include "da06/report.hpp"

namespace da06py {

void register_report(py::module_& m) {
  m.def("default_as_of", &da06::default_as_of, py::arg("framework"),
        "The report's date, else its period's last day, else None.");
  m.def("report_json", &da06::report_json, py::arg("framework"), py::arg("as_of") = py::none());
  m.def("report_text", py::overload_cast<const da06::Framework&, std::optional<da06::Date>>(&da06::report_text),
        py::arg("framework"), py::arg("as_of") = py::none());
}

}  // namespace da06py
