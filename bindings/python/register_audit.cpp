// The audit of a framework as typed results (audit.hpp's AuditReport, Finding), from which
// da06.audit builds its DataFrame.
#include "common.hpp"

#include "da06/audit.hpp"
#include "da06/calendar.hpp"

namespace da06py {

void register_audit(py::module_& m) {
  using namespace da06;
  py::class_<AuditValue>(m, "AuditValue", "One named value a finding compares, as exact text.")
      .def_readonly("name", &AuditValue::name)
      .def_readonly("value", &AuditValue::value)
      .def("__repr__", [](const AuditValue& v) { return "AuditValue(" + v.name + "=" + v.value + ")"; });

  py::class_<Finding>(m, "Finding", "One inconsistency the audit found.")
      .def_readonly("id", &Finding::id)
      .def_property_readonly("check", [](const Finding& f) { return std::string(to_string(f.check)); })
      .def_property_readonly("severity", [](const Finding& f) { return std::string(to_string(f.severity)); })
      .def_readonly("message", &Finding::message)
      .def_readonly("published", &Finding::published)
      .def_readonly("values", &Finding::values)
      .def_readonly("records", &Finding::records)
      .def_readonly("source", &Finding::source)
      .def_readonly("related", &Finding::related)
      .def(
          "value",
          [](const Finding& f, std::string_view name) -> std::optional<std::string> {
            const AuditValue* v = f.value(name);
            return v ? std::optional<std::string>(v->value) : std::nullopt;
          },
          py::arg("name"), "The value named `name`, or None.")
      .def("__repr__", [](const Finding& f) { return "Finding(" + f.id + ")"; });

  py::class_<AuditCounts>(m, "AuditCounts", "The number of findings of each severity.")
      .def_readonly("error", &AuditCounts::error)
      .def_readonly("warning", &AuditCounts::warning)
      .def_readonly("info", &AuditCounts::info);

  py::class_<AuditReport>(m, "AuditReport", "The audit of one framework: its id, the counts and the findings.")
      .def_readonly("framework", &AuditReport::framework)
      .def_readonly("counts", &AuditReport::counts)
      .def_readonly("findings", &AuditReport::findings);

  m.def(
      "audit_report",
      [](const Framework& fw, bool include_info, std::optional<boost::gregorian::date> as_of,
         std::optional<Calendar> calendar) {
        AuditOptions opt;
        opt.include_info = include_info;
        opt.as_of = as_of;
        if (calendar) opt.calendar = *calendar;
        py::gil_scoped_release nogil;  // reads only the immutable framework and calendar
        return audit_report(fw, opt);
      },
      py::arg("framework"), py::arg("include_info") = true, py::arg("as_of") = py::none(),
      py::arg("calendar") = py::none());
}

}  // namespace da06py
