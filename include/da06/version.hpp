// da06/version.hpp — compile-time version of the da06 headers.
#pragma once

#define DA06_VERSION_MAJOR 0
#define DA06_VERSION_MINOR 1
#define DA06_VERSION_PATCH 0
#define DA06_VERSION_NUMBER (DA06_VERSION_MAJOR * 10000 + DA06_VERSION_MINOR * 100 + DA06_VERSION_PATCH)
#define DA06_VERSION_STRING "0.1.0"

namespace da06 {
inline namespace v1 {
inline constexpr int version_number = DA06_VERSION_NUMBER;
inline constexpr const char* version_string = DA06_VERSION_STRING;
}  // namespace v1
}  // namespace da06
