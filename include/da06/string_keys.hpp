// da06/string_keys.hpp — string keys (unit, indicator, period ids) to dense integer codes, at memory speed.
//
// A `KeyDictionary` gives each distinct string a code (0, 1, 2, … in order of first appearance) with an
// open-addressing hash table over 64-bit hashes; the strings are copied once, when first seen. The batch
// functions read the Arrow layouts in place — utf8 (int32 offsets), large_utf8 (int64 offsets),
// utf8_view (16-byte views) and dictionary-encoded columns — so a pandas `str` column, a pyarrow array
// or a polars Series is encoded without first becoming Python objects. A null is code −1.
//
//   da06::KeyDictionary d;
//   std::vector<std::int32_t> codes(n);
//   d.encode_utf8(offsets, data, validity, 0, n, codes.data());   // "C0001", "C0002", "C0001" → 0, 1, 0
//   d.keys();                                                        // {"C0001", "C0002"}
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

class KeyDictionary {
 public:
  KeyDictionary();
  /// The code of `key`, adding it when new.
  std::int32_t insert(std::string_view key);
  /// The code of `key`, or −1.
  std::int32_t find(std::string_view key) const noexcept;
  const std::vector<std::string>& keys() const noexcept { return keys_; }
  std::size_t size() const noexcept { return keys_.size(); }

  /// Arrow utf8 / binary: element i is data[offsets[offset + i] .. offsets[offset + i + 1]). `validity`
  /// (bit i + offset, LSB first) may be null. Codes to out[0..n).
  void encode_utf8(const std::int32_t* offsets, const std::uint8_t* data, const std::uint8_t* validity,
                   std::int64_t offset, std::size_t n, std::int32_t* out);
  /// Arrow large_utf8 / large_binary (int64 offsets).
  void encode_large_utf8(const std::int64_t* offsets, const std::uint8_t* data, const std::uint8_t* validity,
                         std::int64_t offset, std::size_t n, std::int32_t* out);
  /// Arrow utf8_view / binary_view: 16-byte views; strings of ≤ 12 bytes inline, longer ones in
  /// buffers[buffer index] at the view's offset.
  void encode_views(const std::uint8_t* views, const std::uint8_t* const* buffers, std::size_t n_buffers,
                    const std::uint8_t* validity, std::int64_t offset, std::size_t n, std::int32_t* out);

  /// The 64-bit hash used (exposed for tests).
  static std::uint64_t hash(std::string_view key) noexcept;

 private:
  template <class Offset>
  void encode_offsets(const Offset* offsets, const std::uint8_t* data, const std::uint8_t* validity, std::int64_t offset,
                      std::size_t n, std::int32_t* out);
  void grow();
  void grow_short();
  std::int32_t insert_hashed(std::string_view key, std::uint64_t h);
  std::int32_t insert_short(std::string_view key);  ///< keys of ≤ 8 bytes: compared as one word
  struct ShortSlot {
    std::uint64_t word = 0;  ///< the key's bytes, zero-padded
    std::int32_t len = -1;   ///< −1: empty
    std::int32_t code = 0;
  };
  std::vector<ShortSlot> short_;        ///< open addressing, a power of two, at most half full
  std::uint64_t short_mask_ = 0;
  std::size_t short_used_ = 0;
  std::vector<std::string> keys_;
  std::vector<std::uint64_t> hashes_;   ///< per code
  std::vector<std::int32_t> slots_;     ///< keys of > 8 bytes: code + 1, 0 = empty; size a power of two
  std::uint64_t mask_ = 0;
  std::size_t long_used_ = 0;
};

}  // namespace v1
}  // namespace da06
