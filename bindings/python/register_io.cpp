// Loading and writing framework files, and the embedded dataset.
#include "common.hpp"

#include "da06/io.hpp"

namespace da06py {
namespace {
py::list diagnostics(const da06::LoadResult& r) {
  py::list out;
  for (const auto& d : r.diagnostics)
    out.append(py::make_tuple(d.severity == da06::Severity::error ? "error" : "warning", d.message, d.where.file,
                              d.where.line, d.where.column, d.where.path, d.where.field));
  return out;
}
// Strict: a file with any error raises LoadError (every diagnostic attached); warnings come back.
py::tuple strict(da06::LoadResult r) {
  if (!r.ok()) throw da06::LoadError(std::move(r.diagnostics));
  return py::make_tuple(r.framework, diagnostics(r));
}
}  // namespace

void register_io(py::module_& m) {
  m.def("default_framework", &da06::default_framework,
        "The embedded Thanh Hóa H1/2024 framework (parsed once, shared).");
  m.def("default_dataset_json", [] { return std::string(da06::default_dataset_json()); });
  m.def(
      "load_file",
      [](const std::string& path) {
        da06::LoadResult r;
        {
          py::gil_scoped_release nogil;  // file I/O and parsing touch no Python object
          r = da06::load_framework_file(path);
        }
        return strict(std::move(r));
      },
      py::arg("path"), "(framework, warnings); raises LoadError listing every error.");
  m.def(
      "load_json",
      [](const std::string& text, const std::string& name) {
        da06::LoadResult r;
        {
          py::gil_scoped_release nogil;  // `text` is a C++ copy; no Python object is touched
          r = da06::load_framework_json(text, name);
        }
        return strict(std::move(r));
      },
      py::arg("text"), py::arg("file_name") = "<string>");
  m.def("write_json", &da06::write_framework_json, py::arg("framework"));
}

}  // namespace da06py
