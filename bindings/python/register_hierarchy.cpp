// The dated administrative hierarchy: build from a framework, a CSV/JSON text or file; ancestor maps as numpy.
#include "common.hpp"

#include <pybind11/numpy.h>

#include "da06/hierarchy.hpp"

namespace da06py {
namespace {
da06::Level level_of(const std::string& s) {
  auto l = da06::parse_level(s);
  if (!l) throw da06::InvalidArgument("unknown level \"" + s + "\" (nation, province, district, commune, village)");
  return *l;
}
py::list diagnostics(const std::vector<da06::Diagnostic>& ds) {
  py::list out;
  for (const auto& d : ds)
    out.append(py::make_tuple(d.severity == da06::Severity::error ? "error" : "warning", d.message, d.where.file,
                              d.where.line, d.where.column, d.where.path, d.where.field));
  return out;
}
// Strict: any rejected unit raises LoadError (every diagnostic attached).
py::tuple strict(da06::HierarchyLoad r) {
  if (!r.ok()) throw da06::LoadError(std::move(r.diagnostics));
  return py::make_tuple(r.hierarchy, diagnostics(r.diagnostics));
}
}  // namespace

void register_hierarchy(py::module_& m) {
  using da06::Hierarchy;
  py::class_<Hierarchy>(m, "Hierarchy", "An immutable, dated hierarchy of units (index = input order).")
      .def("__len__", &Hierarchy::size)
      .def_property_readonly("ids", [](const Hierarchy& h) {
        std::vector<std::string> r;
        r.reserve(h.size());
        for (const auto& u : h.units()) r.push_back(u.id);
        return r;
      })
      .def_property_readonly("names", [](const Hierarchy& h) {
        std::vector<std::string> r;
        r.reserve(h.size());
        for (const auto& u : h.units()) r.push_back(u.name);
        return r;
      })
      .def_property_readonly("attribute_names", [](const Hierarchy& h) { return h.attributes().names; })
      .def(
          "attribute",
          [](const Hierarchy& h, const std::string& column) {
            const auto& a = h.attributes();
            for (std::size_t c = 0; c < a.names.size(); ++c)
              if (a.names[c] == column) return a.values[c];
            throw py::key_error("the units have no column \"" + column + "\"");
          },
          py::arg("column"))
      .def_property_readonly("levels", [](const Hierarchy& h) {
        std::vector<std::string> r;
        for (const auto& u : h.units()) r.emplace_back(da06::to_string(u.level));
        return r;
      })
      .def("find", &Hierarchy::find, py::arg("id"))
      .def("unit", &Hierarchy::unit, py::arg("index"), py::return_value_policy::copy)
      .def("ancestor_map",
           [](const Hierarchy& h, const std::string& level, boost::gregorian::date d) {
             std::vector<std::int32_t> v = h.ancestor_map(level_of(level), d);
             py::array_t<std::int32_t> out(static_cast<py::ssize_t>(v.size()));
             std::copy(v.begin(), v.end(), out.mutable_data());
             return out;
           },
           py::arg("level"), py::arg("as_of"))
      .def("ancestor_lookup",
           [](const Hierarchy& h, std::int32_t i, const std::string& level, boost::gregorian::date d) {
             auto r = h.ancestor_lookup(i, level_of(level), d);
             return py::make_tuple(r.index, std::string(da06::to_string(r.status)));
           },
           py::arg("index"), py::arg("level"), py::arg("as_of"))
      .def("children", &Hierarchy::children, py::arg("index"), py::arg("as_of"))
      .def("units_at_level",
           [](const Hierarchy& h, const std::string& level, boost::gregorian::date d) {
             return h.units_at_level(level_of(level), d);
           },
           py::arg("level"), py::arg("as_of"));
  m.def("hierarchy_from_framework",
        [](const da06::Framework& fw) { return strict(da06::build_hierarchy(fw.units(), fw.id())); },
        py::arg("framework"));
  m.def("hierarchy_from_csv", [](const std::string& text, const std::string& file) {
        return strict(da06::load_hierarchy_csv(text, file));
      }, py::arg("text"), py::arg("file") = "<csv>");
  m.def("hierarchy_from_json", [](const std::string& text, const std::string& file) {
        return strict(da06::load_hierarchy_json(text, file));
      }, py::arg("text"), py::arg("file") = "<json>");
  m.def("hierarchy_from_file", [](const std::string& path) { return strict(da06::load_hierarchy_file(path)); },
        py::arg("path"));
}

}  // namespace da06py
