// da06/arrow.hpp — columns through the Arrow C Data Interface: the stable C structs, read in place.
//
// The structs are the Arrow project's ABI (https://arrow.apache.org/docs/format/CDataInterface.html),
// guarded as the specification asks so that a program including Arrow's own header too compiles once.
// Any Arrow producer (pyarrow, polars, pandas ≥ 2.2, DuckDB, nanoarrow, arrow-rs) hands these to da06
// without a copy; da06 reads the buffers and never frees what it did not get (the producer's release
// callbacks stay with the caller).
//
//   da06::KeyDictionary keys;
//   std::vector<std::int32_t> codes(array.length);
//   da06::encode_arrow_strings(schema, array, keys, codes.data());   // string or dictionary column
#pragma once

#include "da06/string_keys.hpp"

#include <cstdint>
#include <string_view>

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

extern "C" {
struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};
}

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

extern "C" {
struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};
}

#endif  // ARROW_C_STREAM_INTERFACE

namespace da06 {
inline namespace v1 {

/// True for the string-like formats da06 encodes: utf8 "u", large_utf8 "U", utf8_view "vu", binary
/// "z", "Z", "vz", and a dictionary (any integer index) of one of them.
bool is_arrow_string(const ArrowSchema& schema) noexcept;

/// The codes of every element of a string-like array (nulls → −1) into out[0 .. array.length), in
/// `keys`' code space. Throws InvalidArgument naming the format for anything else.
void encode_arrow_strings(const ArrowSchema& schema, const ArrowArray& array, KeyDictionary& keys, std::int32_t* out);

}  // namespace v1
}  // namespace da06
