// The audit of a framework: the JSON document of `da06 audit --json` (audit.hpp's audit_document).
#include "common.hpp"

#include "da06/audit.hpp"

namespace da06py {

void register_audit(py::module_& m) {
  m.def(
      "audit_json",
      [](const da06::Framework& fw, bool include_info, std::optional<boost::gregorian::date> as_of) {
        da06::AuditOptions opt;
        opt.include_info = include_info;
        opt.as_of = as_of;
        std::string out;
        {
          py::gil_scoped_release nogil;  // reads only the immutable framework
          out = da06::audit_document(fw, opt).dump();
        }
        return out;
      },
      py::arg("framework"), py::arg("include_info") = true, py::arg("as_of") = py::none());
  m.def("audit_has_status_classifier", &da06::audit_has_status_classifier);
}

}  // namespace da06py
