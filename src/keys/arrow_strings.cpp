// String-like Arrow arrays to KeyDictionary codes (da06/arrow.hpp), read in place.
#include "da06/arrow.hpp"

#include "da06/error.hpp"

#include <cstring>
#include <string>
#include <vector>

namespace da06 {
inline namespace v1 {

namespace {

bool plain_string(std::string_view f) { return f == "u" || f == "U" || f == "z" || f == "Z" || f == "vu" || f == "vz"; }

void encode_plain(std::string_view f, const ArrowArray& a, KeyDictionary& keys, std::int32_t* out) {
  const auto n = static_cast<std::size_t>(a.length);
  const auto* validity = a.null_count == 0 ? nullptr : static_cast<const std::uint8_t*>(a.buffers[0]);
  if (f == "u" || f == "z") {
    if (a.n_buffers < 3) throw InvalidArgument("Arrow utf8 array with " + std::to_string(a.n_buffers) + " buffers");
    keys.encode_utf8(static_cast<const std::int32_t*>(a.buffers[1]), static_cast<const std::uint8_t*>(a.buffers[2]), validity,
                     a.offset, n, out);
  } else if (f == "U" || f == "Z") {
    if (a.n_buffers < 3) throw InvalidArgument("Arrow large_utf8 array with " + std::to_string(a.n_buffers) + " buffers");
    keys.encode_large_utf8(static_cast<const std::int64_t*>(a.buffers[1]), static_cast<const std::uint8_t*>(a.buffers[2]),
                           validity, a.offset, n, out);
  } else {
    // views: buffers = validity, views, data buffers…, and (per the C interface) the buffer sizes last
    if (a.n_buffers < 3) throw InvalidArgument("Arrow utf8_view array with " + std::to_string(a.n_buffers) + " buffers");
    const auto n_data = static_cast<std::size_t>(a.n_buffers - 3);
    keys.encode_views(static_cast<const std::uint8_t*>(a.buffers[1]), reinterpret_cast<const std::uint8_t* const*>(a.buffers + 2),
                      n_data, validity, a.offset, n, out);
  }
}

template <class I>
void map_indices(const ArrowArray& a, const std::vector<std::int32_t>& dict_codes, std::int32_t* out) {
  const auto* idx = static_cast<const I*>(a.buffers[1]);
  const auto* validity = a.null_count == 0 ? nullptr : static_cast<const std::uint8_t*>(a.buffers[0]);
  const auto m = static_cast<std::int64_t>(dict_codes.size());
  for (std::int64_t k = 0; k < a.length; ++k) {
    const std::int64_t i = a.offset + k;
    if (validity && !((validity[i >> 3] >> (i & 7)) & 1)) {
      out[k] = -1;
      continue;
    }
    const auto v = static_cast<std::int64_t>(idx[i]);
    if (v < 0 || v >= m) throw DataError("Arrow dictionary index " + std::to_string(v) + " at element " + std::to_string(k) +
                                         " is outside the dictionary of " + std::to_string(m));
    out[k] = dict_codes[static_cast<std::size_t>(v)];
  }
}

}  // namespace

bool is_arrow_string(const ArrowSchema& s) noexcept {
  if (!s.format) return false;
  if (s.dictionary) return s.dictionary->format && plain_string(s.dictionary->format);
  return plain_string(s.format);
}

void encode_arrow_strings(const ArrowSchema& s, const ArrowArray& a, KeyDictionary& keys, std::int32_t* out) {
  if (!s.format) throw InvalidArgument("Arrow schema without a format");
  if (a.length < 0 || a.offset < 0) throw InvalidArgument("Arrow array with a negative length or offset");
  if (!s.dictionary) {
    if (!plain_string(s.format))
      throw InvalidArgument(std::string("Arrow format \"") + s.format + "\" is not a string column (utf8, large_utf8, utf8_view)");
    encode_plain(s.format, a, keys, out);
    return;
  }
  if (!a.dictionary || !is_arrow_string(s))
    throw InvalidArgument(std::string("Arrow dictionary column whose values are not strings (index format \"") + s.format + "\")");
  // the dictionary's values once, then one lookup per element
  std::vector<std::int32_t> dict_codes(static_cast<std::size_t>(a.dictionary->length));
  encode_plain(s.dictionary->format, *a.dictionary, keys, dict_codes.data());
  const std::string_view f = s.format;
  if (f == "c") map_indices<std::int8_t>(a, dict_codes, out);
  else if (f == "C") map_indices<std::uint8_t>(a, dict_codes, out);
  else if (f == "s") map_indices<std::int16_t>(a, dict_codes, out);
  else if (f == "S") map_indices<std::uint16_t>(a, dict_codes, out);
  else if (f == "i") map_indices<std::int32_t>(a, dict_codes, out);
  else if (f == "I") map_indices<std::uint32_t>(a, dict_codes, out);
  else if (f == "l") map_indices<std::int64_t>(a, dict_codes, out);
  else if (f == "L") map_indices<std::uint64_t>(a, dict_codes, out);
  else throw InvalidArgument("Arrow dictionary index format \"" + std::string(f) + "\" is not an integer");
}

}  // namespace v1
}  // namespace da06
