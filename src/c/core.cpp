// src/c/core.cpp — the C ABI's error record, exception translation, version, strings and dates.
#include "capi.hpp"

#include "da06/error.hpp"
#include "da06/io.hpp"
#include "da06/version.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>

// The C header repeats the version macros of version.hpp; a mismatch is a redefinition the
// compiler reports, and this check catches the numbers even if the spelling differs.
static_assert(DA06_VERSION_NUMBER == da06::version_number, "da06.h and da06/version.hpp disagree on the version");

namespace da06::capi {
namespace {

// The thread's error record. `view` is what da06_error_last() hands out; its pointers point into
// the strings below (or to static literals), so it stays valid until the next call on this thread.
struct ErrorRecord {
  std::string message, file, path, field;
  da06_error view{};
  std::int64_t pending_index = -1;

  ErrorRecord() { reset(); }
  void reset() noexcept {
    view.code = DA06_OK;
    view.message = "no error";
    view.file = "";
    view.line = 0;
    view.column = 0;
    view.path = "";
    view.field = "";
    view.index = -1;
  }
};

ErrorRecord& record() noexcept {
  thread_local ErrorRecord r;
  return r;
}

}  // namespace

void clear_error() noexcept {
  ErrorRecord& r = record();
  r.pending_index = -1;
  if (r.view.code != DA06_OK) r.reset();
}

void set_pending_index(std::int64_t index) noexcept { record().pending_index = index; }

int set_error(int code, std::string_view message, const da06::Location* where, std::int64_t index) noexcept {
  ErrorRecord& r = record();
  r.reset();
  r.view.code = code;
  r.view.index = index;
  try {
    r.message.assign(message);
    r.view.message = r.message.c_str();
    if (where) {
      r.file = where->file;
      r.path = where->path;
      r.field = where->field;
      r.view.file = r.file.c_str();
      r.view.path = r.path.c_str();
      r.view.field = r.field.c_str();
      r.view.line = where->line;
      r.view.column = where->column;
    }
  } catch (...) {
    // Only std::bad_alloc can get here; a static text keeps the record usable.
    r.view.message = "out of memory while recording an error";
  }
  return code;
}

int translate_current_exception(const char* function) noexcept {
  const std::int64_t index = record().pending_index;
  record().pending_index = -1;
  auto prefixed = [&](const char* what) {
    std::string m;
    try {
      m = std::string(function) + ": " + what;
    } catch (...) {
    }
    return m;
  };
  try {
    throw;
  } catch (const ApiError& e) {
    return set_error(e.code, prefixed(e.message.c_str()), nullptr, index);
  } catch (const da06::LoadError& e) {
    // Locate the first error; the message says how many there are.
    std::size_t errors = 0;
    const da06::Diagnostic* first = nullptr;
    for (const auto& d : e.diagnostics()) {
      if (d.severity != da06::Severity::error) continue;
      if (!first) first = &d;
      ++errors;
    }
    if (!first) return set_error(DA06_EDATA, e.what(), &e.where(), index);
    std::string m = first->to_string();
    if (errors > 1) m += " (and " + std::to_string(errors - 1) + " more error" + (errors > 2 ? "s" : "") + ")";
    return set_error(DA06_EDATA, m, &first->where, index);
  } catch (const da06::ParseError& e) {
    return set_error(DA06_EPARSE, e.what(), &e.where(), index);
  } catch (const da06::RangeError& e) {
    return set_error(DA06_ERANGE, e.what(), &e.where(), index);
  } catch (const da06::InvalidArgument& e) {
    return set_error(DA06_EINVAL, e.what(), &e.where(), index);
  } catch (const da06::DataError& e) {
    return set_error(DA06_EDATA, e.what(), &e.where(), index);
  } catch (const da06::Error& e) {
    return set_error(DA06_EDATA, e.what(), &e.where(), index);
  } catch (const std::bad_alloc&) {
    return set_error(DA06_ENOMEM, "out of memory", nullptr, index);
  } catch (const boost::gregorian::bad_year& e) {
    return set_error(DA06_ERANGE, prefixed(e.what()), nullptr, index);
  } catch (const std::out_of_range& e) {  // boost's bad_month, bad_day_of_month
    return set_error(DA06_EINVAL, prefixed(e.what()), nullptr, index);
  } catch (const std::invalid_argument& e) {
    return set_error(DA06_EINVAL, prefixed(e.what()), nullptr, index);
  } catch (const std::exception& e) {
    return set_error(DA06_EINTERNAL, prefixed(e.what()), nullptr, index);
  } catch (...) {
    return set_error(DA06_EINTERNAL, prefixed("unknown exception"), nullptr, index);
  }
}

boost::gregorian::date to_date(std::int32_t days, const char* name) {
  if (days == DA06_NO_DATE) fail(DA06_ERANGE, std::string(name) + " is DA06_NO_DATE where a date is required");
  return da06::from_epoch_days(days);
}

std::int32_t to_days(const boost::gregorian::date& d) { return da06::to_epoch_days(d); }

std::int32_t to_days_or_none(const std::optional<boost::gregorian::date>& d) {
  return d ? da06::to_epoch_days(*d) : DA06_NO_DATE;
}

void give_string(std::string_view s, char** out, std::size_t* out_len) {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  *out = p;
  if (out_len) *out_len = s.size();
}

}  // namespace da06::capi

using namespace da06::capi;

namespace {
// A Gregorian date checked field by field (boost would truncate a year to 16 bits first).
std::int32_t ymd_to_days(std::int32_t year, std::int32_t month, std::int32_t day) {
  if (year < 1400 || year > 9999) fail(DA06_ERANGE, "year " + std::to_string(year) + " is outside 1400..9999");
  if (month < 1 || month > 12) fail(DA06_EINVAL, "month " + std::to_string(month) + " is not 1..12");
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                          static_cast<unsigned short>(month));
  if (day < 1 || day > last)
    fail(DA06_EINVAL, "day " + std::to_string(day) + " does not exist in " + std::to_string(year) + "-" +
                          (month < 10 ? "0" : "") + std::to_string(month) + " (which has " + std::to_string(last) +
                          " days)");
  return to_days(boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                        static_cast<unsigned short>(day)));
}
}  // namespace

extern "C" {

const char* da06_version(void) { return DA06_VERSION_STRING; }

int da06_version_number(void) { return DA06_VERSION_NUMBER; }

const da06_error* da06_error_last(void) { return &record().view; }

const char* da06_status_name(int code) {
  switch (code) {
    case DA06_OK: return "DA06_OK";
    case DA06_EINVAL: return "DA06_EINVAL";
    case DA06_ERANGE: return "DA06_ERANGE";
    case DA06_EPARSE: return "DA06_EPARSE";
    case DA06_EDATA: return "DA06_EDATA";
    case DA06_EIO: return "DA06_EIO";
    case DA06_ENOMEM: return "DA06_ENOMEM";
    case DA06_ENOTFOUND: return "DA06_ENOTFOUND";
    case DA06_ENOTIMPL: return "DA06_ENOTIMPL";
    case DA06_EINTERNAL: return "DA06_EINTERNAL";
    default: return "DA06_E?";
  }
}

void da06_string_free(char* s) { std::free(s); }

int da06_date_from_ymd(int32_t year, int32_t month, int32_t day, int32_t* out_days) {
  return guard("da06_date_from_ymd", [&] {
    require(out_days, "out_days");
    *out_days = ymd_to_days(year, month, day);
    return DA06_OK;
  });
}

int da06_date_to_ymd(int32_t days, int32_t* year, int32_t* month, int32_t* day) {
  return guard("da06_date_to_ymd", [&] {
    require(year, "year");
    require(month, "month");
    require(day, "day");
    const auto ymd = to_date(days, "days").year_month_day();
    *year = ymd.year;
    *month = ymd.month;
    *day = ymd.day;
    return DA06_OK;
  });
}

int da06_date_parse_iso(const char* text, size_t len, int32_t* out_days) {
  return guard("da06_date_parse_iso", [&] {
    std::string_view s = text_arg(text, len, "text");
    require(out_days, "out_days");
    auto digits = [&](std::size_t from, std::size_t n) {
      int v = 0;
      for (std::size_t i = from; i < from + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
          throw da06::ParseError("expected a digit in the ISO date \"" + std::string(s) + "\"",
                                 da06::Location{"", 0, static_cast<int>(i) + 1, "", ""});
        v = v * 10 + (s[i] - '0');
      }
      return v;
    };
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
      throw da06::ParseError("expected an ISO date YYYY-MM-DD, got \"" + std::string(s.substr(0, 40)) + "\"");
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    *out_days = ymd_to_days(y, m, d);
    return DA06_OK;
  });
}

int da06_date_format_iso(int32_t days, char* buf, size_t buf_size) {
  return guard("da06_date_format_iso", [&] {
    require(buf, "buf");
    if (buf_size < 11) fail(DA06_EINVAL, "buf_size " + std::to_string(buf_size) + " is less than 11");
    const std::string s = boost::gregorian::to_iso_extended_string(to_date(days, "days"));
    std::memcpy(buf, s.c_str(), s.size() + 1);
    return DA06_OK;
  });
}

}  // extern "C"
