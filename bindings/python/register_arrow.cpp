// String key columns through the Arrow PyCapsule interface (__arrow_c_stream__ / __arrow_c_array__):
// pyarrow arrays and chunked arrays, polars Series, pandas `str` Series are read in place by
// da06::encode_arrow_strings and hashed in C++ (da06::KeyDictionary), never turned into Python strings.
//
// Ownership follows the PyCapsule protocol: the capsules own the C structs and release them when they are
// destroyed; each ArrowArray / ArrowSchema we pull from a stream we release ourselves after use.
// GIL: released while the buffers are hashed. Safe: the capsules (and the producer's buffers behind them)
// are kept alive by this frame, and no Python object is touched until the GIL is back.
#include "common.hpp"

#include <pybind11/numpy.h>

#include "da06/arrow.hpp"
#include "da06/string_keys.hpp"

#include <memory>
#include <vector>

namespace da06py {
namespace {

template <class T>
T* capsule_pointer(const py::object& cap, const char* name) {
  void* p = PyCapsule_GetPointer(cap.ptr(), name);
  if (!p) throw py::error_already_set();
  return static_cast<T*>(p);
}

struct SchemaGuard {
  ArrowSchema s{};
  ~SchemaGuard() {
    if (s.release) s.release(&s);
  }
};
struct ArrayGuard {
  ArrowArray a{};
  ~ArrayGuard() {
    if (a.release) a.release(&a);
  }
};

py::tuple string_codes(const py::object& obj) {
  auto keys = std::make_unique<da06::KeyDictionary>();
  std::vector<std::int32_t> codes;
  if (py::hasattr(obj, "__arrow_c_stream__")) {
    py::object cap = obj.attr("__arrow_c_stream__")();
    auto* stream = capsule_pointer<ArrowArrayStream>(cap, "arrow_array_stream");
    SchemaGuard schema;
    if (stream->get_schema(stream, &schema.s) != 0)
      throw da06::DataError(std::string("Arrow stream: ") + (stream->get_last_error ? stream->get_last_error(stream) : "get_schema failed"));
    if (!da06::is_arrow_string(schema.s))
      throw da06::InvalidArgument(std::string("not a string column (Arrow format \"") + (schema.s.format ? schema.s.format : "?") + "\")");
    py::gil_scoped_release nogil;  // see the file comment
    for (;;) {
      ArrayGuard chunk;
      if (stream->get_next(stream, &chunk.a) != 0)
        throw da06::DataError(std::string("Arrow stream: ") + (stream->get_last_error ? stream->get_last_error(stream) : "get_next failed"));
      if (!chunk.a.release) break;  // end of stream
      const std::size_t at = codes.size();
      codes.resize(at + static_cast<std::size_t>(chunk.a.length));
      da06::encode_arrow_strings(schema.s, chunk.a, *keys, codes.data() + at);
    }
  } else if (py::hasattr(obj, "__arrow_c_array__")) {
    py::tuple caps = obj.attr("__arrow_c_array__")();
    const auto* schema = capsule_pointer<ArrowSchema>(caps[0], "arrow_schema");
    const auto* array = capsule_pointer<ArrowArray>(caps[1], "arrow_array");
    if (!da06::is_arrow_string(*schema))
      throw da06::InvalidArgument(std::string("not a string column (Arrow format \"") + (schema->format ? schema->format : "?") + "\")");
    codes.resize(static_cast<std::size_t>(array->length));
    py::gil_scoped_release nogil;
    da06::encode_arrow_strings(*schema, *array, *keys, codes.data());
  } else {
    throw da06::InvalidArgument("expected an Arrow array or stream (an object with __arrow_c_stream__ or __arrow_c_array__)");
  }
  // the codes go to numpy without a copy: the vector is moved into the capsule that owns the array's memory
  auto* held = new std::vector<std::int32_t>(std::move(codes));
  py::capsule owner(held, [](void* p) { delete static_cast<std::vector<std::int32_t>*>(p); });
  py::array_t<std::int32_t> out({static_cast<py::ssize_t>(held->size())}, {static_cast<py::ssize_t>(sizeof(std::int32_t))},
                                held->data(), owner);
  return py::make_tuple(out, keys->keys());
}

}  // namespace

void register_arrow(py::module_& m) {
  m.def("arrow_string_codes", &string_codes, py::arg("column"),
        "(int32 codes in first-appearance order, −1 for null; the distinct strings) of an Arrow string or "
        "dictionary column, hashed in C++");
}

}  // namespace da06py
