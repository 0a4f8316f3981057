// da06 C++ exceptions -> the Python exceptions of da06/_errors.py, keeping file, line, column, path, field.
#include "common.hpp"

#include "da06/io.hpp"

namespace da06py {
namespace {

// The exception classes live in Python (python/da06/_errors.py) so that they are ordinary,
// documented, picklable classes. They are looked up once here; the handles are deliberately
// leaked (never decref'd at interpreter shutdown, when the GIL may be gone) as pybind11 advises.
struct Classes {
  PyObject* error;
  PyObject* parse;
  PyObject* data;
  PyObject* range;
  PyObject* invalid;
  PyObject* load;
};
Classes* classes = nullptr;

py::dict location_kwargs(const da06::Location& w) {
  py::dict kw;
  kw["file"] = w.file;
  kw["line"] = w.line;
  kw["column"] = w.column;
  kw["path"] = w.path;
  kw["field"] = w.field;
  return kw;
}

void raise(PyObject* cls, const da06::Error& e, py::dict kw) {
  kw["message"] = e.message();
  py::object exc = py::reinterpret_borrow<py::object>(cls)(py::str(e.what()), **kw);
  PyErr_SetObject(cls, exc.ptr());
}

}  // namespace

void register_errors(py::module_& /*m: the translator is global*/) {
  py::module_ errors = py::module_::import("da06._errors");
  auto get = [&](const char* name) { return py::object(errors.attr(name)).release().ptr(); };
  classes = new Classes{get("Error"), get("ParseError"), get("DataError"), get("RangeError"), get("InvalidArgument"),
                        get("LoadError")};
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const da06::LoadError& e) {
      // Every diagnostic, as (severity, message, file, line, column, path, field) tuples; the
      // exception's own location is the first error's.
      py::list diags;
      for (const auto& d : e.diagnostics())
        diags.append(py::make_tuple(d.severity == da06::Severity::error ? "error" : "warning", d.message, d.where.file,
                                    d.where.line, d.where.column, d.where.path, d.where.field));
      da06::Location first = e.where();
      for (const auto& d : e.diagnostics())
        if (d.severity == da06::Severity::error) { first = d.where; break; }
      py::dict kw = location_kwargs(first);
      kw["diagnostics"] = diags;
      raise(classes->load, e, kw);
    } catch (const da06::ParseError& e) {
      raise(classes->parse, e, location_kwargs(e.where()));
    } catch (const da06::DataError& e) {
      raise(classes->data, e, location_kwargs(e.where()));
    } catch (const da06::RangeError& e) {
      raise(classes->range, e, location_kwargs(e.where()));
    } catch (const da06::InvalidArgument& e) {
      raise(classes->invalid, e, location_kwargs(e.where()));
    } catch (const da06::Error& e) {
      raise(classes->error, e, location_kwargs(e.where()));
    }
    // Anything else falls through to pybind11's own translators (std::bad_alloc -> MemoryError, ...).
  });
}

}  // namespace da06py
