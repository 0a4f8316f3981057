// src/c/capi.hpp — internal to the C ABI layer (libda06): handles, the exception firewall, helpers.
//
// Every exported function has the same shape:
//
//   int da06_x_y(...) {
//     return capi::guard("da06_x_y", [&] {
//       capi::require(arg, "arg");            // NULL → DA06_EINVAL, named in the message
//       ... call the C++ core ...             // any exception is translated by guard()
//       return DA06_OK;
//     });
//   }
//
// guard() is the firewall (as fmt's fmt-c.cc): it resets the thread's error record, runs the body,
// and maps every exception to a status code and a located message. Nothing escapes it.
#pragma once

#define DA06_C_BUILDING 1
#include "da06/c/da06.h"

#include "da06/calendar.hpp"
#include "da06/model.hpp"
#include "da06/period.hpp"

#include "../format/text.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

// The opaque handles of da06.h. Each owns a cheap, immutable C++ value: sharing one handle across
// threads is safe because nothing in it is ever modified after construction.
struct da06_calendar {
  da06::Calendar cal;
};

namespace da06::capi {

/// A failure detected by the C layer itself (a NULL argument, a bad enum value...).
struct ApiError {
  int code;
  std::string message;
};

/// Resets the calling thread's error record to DA06_OK (cheap when it already is).
void clear_error() noexcept;
/// Records a failure and returns its code. Never throws: on allocation failure a static message is used.
int set_error(int code, std::string_view message, const da06::Location* where = nullptr,
              std::int64_t index = -1) noexcept;
/// Translates the exception in flight (call only from a catch block) into a status and error record.
int translate_current_exception(const char* function) noexcept;

/// The batch element being processed when an exception escapes a batch loop; -1 otherwise.
/// Set by `batch_failed`, read and reset by translate_current_exception. Thread-local.
void set_pending_index(std::int64_t index) noexcept;

/// The exception firewall around every exported function that returns a status.
template <class F>
int guard(const char* function, F&& body) noexcept {
  clear_error();
  try {
    return body();
  } catch (...) {
    return translate_current_exception(function);
  }
}

/// The firewall for functions that return nothing (the *_free functions): swallow everything.
template <class F>
void guard_void(F&& body) noexcept {
  try {
    body();
  } catch (...) {
  }
}

[[noreturn]] inline void fail(int code, std::string message) { throw ApiError{code, std::move(message)}; }

/// DA06_EINVAL "<name> is NULL" when p is NULL.
inline void require(const void* p, const char* name) {
  if (p == nullptr) fail(DA06_EINVAL, std::string(name) + " is NULL");
}
/// An input array may be NULL only when n == 0.
inline void require_array(const void* p, std::size_t n, const char* name) {
  if (p == nullptr && n != 0) fail(DA06_EINVAL, std::string(name) + " is NULL while n = " + std::to_string(n));
}
/// A document argument (framework or schedule JSON): NULL is allowed only with len == 0. Its reader
/// checks the bytes itself and locates problems by line and column.
inline std::string_view document_arg(const char* text, std::size_t len, const char* name) {
  if (text == nullptr) {
    if (len != 0) fail(DA06_EINVAL, std::string(name) + " is NULL while len = " + std::to_string(len));
    return {};
  }
  return {text, len};
}
/// A text argument: as a document argument, and it must be UTF-8 without NUL bytes (DA06_EPARSE
/// located at the byte, column = offset + 1, otherwise).
inline std::string_view text_arg(const char* text, std::size_t len, const char* name) {
  std::string_view s = document_arg(text, len, name);
  if (auto [why, at] = da06::detail::check_text(s); !why.empty())
    throw da06::ParseError(std::string(name) + ": " + why, da06::Location{"", 1, static_cast<int>(at) + 1, "", name});
  return s;
}

/// Checks an options struct's version: 0 < version <= current.
inline void check_version(unsigned version, unsigned current, const char* what) {
  if (version == 0 || version > current)
    fail(DA06_EINVAL, std::string(what) + ": version " + std::to_string(version) + " is not supported (this library knows 1.." +
                          std::to_string(current) + ")");
}

/// The body of every `da06_*_options_init`: check the version, then write the defaults stamped with it.
template <class Options>
int options_init(const char* function, Options* opts, unsigned version, unsigned current, const char* type,
                 const Options& defaults) noexcept {
  return guard(function, [&] {
    require(opts, "opts");
    check_version(version, current, type);
    Options d = defaults;
    d.version = version;
    *opts = d;
    return DA06_OK;
  });
}

/// Day number → date, DA06_ERANGE outside 1400..9999 (and for DA06_NO_DATE).
boost::gregorian::date to_date(std::int32_t days, const char* name);
/// Date → day number.
std::int32_t to_days(const boost::gregorian::date& d);
std::int32_t to_days_or_none(const std::optional<boost::gregorian::date>& d);

/// A C period from a C++ one.
da06_period from_period(const da06::Period& p);

/// Returns a malloc'ed NUL-terminated copy through out/out_len (out_len may be NULL).
void give_string(std::string_view s, char** out, std::size_t* out_len);
/// Returns borrowed text through out/out_len (out_len may be NULL).
inline void lend_string(const std::string& s, const char** out, std::size_t* out_len) {
  *out = s.c_str();
  if (out_len) *out_len = s.size();
}

/// Runs body(k) for k in [0, n); an exception escaping element k is rethrown with index k recorded.
template <class F>
void for_each_index(std::size_t n, F&& body) {
  for (std::size_t k = 0; k < n; ++k) {
    try {
      body(k);
    } catch (...) {
      set_pending_index(static_cast<std::int64_t>(k));
      throw;
    }
  }
}

}  // namespace da06::capi
