// da06/input.hpp — the limits every reader applies to its input: size and nesting depth.
//
// A file larger than `max_bytes` is refused before it is read whole, with a located message
// (so `da06 validate /dev/zero` stops at once); JSON nested deeper than `max_depth` is refused at
// the first level too deep. Both are errors of the input, never crashes or exhausted memory.
//
//   da06::InputLimits lim;
//   lim.max_bytes = 64u << 20;                                  // 64 MiB
//   auto r = da06::load_framework_file("big.json", lim);
#pragma once

#include <cstddef>
#include <string>

namespace da06 {
inline namespace v1 {

struct InputLimits {
  /// Largest input accepted, in bytes (default 1 GiB; the CLI's --max-input-bytes sets it).
  std::size_t max_bytes = std::size_t{1} << 30;
  /// Deepest JSON nesting accepted (objects and arrays; a framework file needs 6).
  std::size_t max_depth = 256;
};

/// Reads a whole file (a regular file, a pipe or a device) as bytes, within `limits.max_bytes`.
/// Throws DataError located at `path` when it cannot be read or is larger than the limit (the read
/// stops at the limit).
std::string read_input_file(const std::string& path, const InputLimits& limits = {});

}  // namespace v1
}  // namespace da06
