// src/c/text.cpp — C ABI: free-text deadlines and Vietnamese number text.
#include "capi.hpp"

#include "da06/json.hpp"

#include "da06/deadline.hpp"
#include "da06/numbers.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <nlohmann/json.hpp>

using namespace da06::capi;
namespace bg = boost::gregorian;

namespace {

da06::DeadlineContext context_of(const da06_deadline_options* opts) {
  da06::DeadlineContext ctx;
  if (opts) {
    check_version(opts->version, DA06_DEADLINE_OPTIONS_VERSION, "da06_deadline_options");
    if (opts->reference_year != 0) ctx.reference_year = opts->reference_year;
  }
  return ctx;
}

void fill(const da06::Deadline& d, da06_deadline* out) {
  da06_deadline r{};
  r.due = to_days_or_none(d.due);
  r.start = to_days_or_none(d.start);
  r.kind = static_cast<int>(d.kind);
  r.recurrence = static_cast<int>(d.recurrence);
  r.condition = static_cast<int>(d.condition);
  r.strictly_before = d.strictly_before ? 1 : 0;
  r.tentative = d.tentative ? 1 : 0;
  r.aspirational = d.aspirational ? 1 : 0;
  if (d.period) {
    r.period = from_period(*d.period);
  } else {
    r.period = da06_period{-1, 0, 0};
  }
  r.threshold_count = static_cast<int32_t>(d.thresholds.size());
  *out = r;
}

da06::Rounding rounding_of(int r) {
  if (r < DA06_ROUND_HALF_UP || r > DA06_ROUND_AWAY_FROM_ZERO)
    fail(DA06_EINVAL, "rounding " + std::to_string(r) + " is not a da06_rounding");
  return static_cast<da06::Rounding>(r);
}

void check_decimals(int decimals) {
  if (decimals < 0 || decimals > 20) fail(DA06_EINVAL, "decimals " + std::to_string(decimals) + " is not 0..20");
}

}  // namespace

extern "C" {

// --- deadlines ---------------------------------------------------------------------------------

int da06_deadline_options_init(da06_deadline_options* opts, unsigned version) {
  static const da06_deadline_options defaults = DA06_DEADLINE_OPTIONS_INIT;
  return options_init("da06_deadline_options_init", opts, version, DA06_DEADLINE_OPTIONS_VERSION, "da06_deadline_options", defaults);
}

int da06_deadline_parse(const char* text, size_t len, da06_deadline* out) {
  return guard("da06_deadline_parse", [&] {
    std::string_view s = text_arg(text, len, "text");
    require(out, "out");
    fill(da06::parse_deadline(s), out);
    return DA06_OK;
  });
}

int da06_deadline_parse_ex(const char* text, size_t len, const da06_deadline_options* opts, da06_deadline* out) {
  return guard("da06_deadline_parse_ex", [&] {
    std::string_view s = text_arg(text, len, "text");
    require(out, "out");
    fill(da06::parse_deadline(s, context_of(opts)), out);
    return DA06_OK;
  });
}

int da06_deadline_parse_json(const char* text, size_t len, const da06_deadline_options* opts, char** out,
                             size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_deadline_parse_json", [&] {
    std::string_view s = text_arg(text, len, "text");
    require(out, "out");
    give_string(da06::to_json(da06::parse_deadline(s, context_of(opts)), -1), out, out_len);
    return DA06_OK;
  });
}

// --- numbers -----------------------------------------------------------------------------------

int da06_format_vn_integer(int64_t value, char** out, size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_format_vn_integer", [&] {
    require(out, "out");
    give_string(da06::format_vn_integer(value), out, out_len);
    return DA06_OK;
  });
}

int da06_format_percent(int64_t numerator, int64_t denominator, int64_t factor, int decimals, int rounding,
                        char** out, size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_format_percent", [&] {
    require(out, "out");
    check_decimals(decimals);
    const da06::Rounding mode = rounding_of(rounding);
    if (denominator == 0) fail(DA06_EINVAL, "denominator is 0");
    give_string(da06::format_percent(da06::Ratio{numerator, denominator}, decimals, mode, factor), out, out_len);
    return DA06_OK;
  });
}

int da06_format_vn_decimal(const char* decimal, size_t len, int decimals, int rounding, char** out, size_t* out_len) {
  if (out) *out = nullptr;
  return guard("da06_format_vn_decimal", [&] {
    std::string_view s = text_arg(decimal, len, "decimal");
    require(out, "out");
    check_decimals(decimals);
    const da06::Rounding mode = rounding_of(rounding);
    give_string(da06::format_vn_decimal(da06::Decimal::parse(s), decimals, mode), out, out_len);
    return DA06_OK;
  });
}

int da06_parse_vn_integer(const char* text, size_t len, int64_t* out) {
  return guard("da06_parse_vn_integer", [&] {
    std::string_view s = text_arg(text, len, "text");
    require(out, "out");
    *out = da06::parse_vn_integer(s);
    return DA06_OK;
  });
}

int da06_parse_vn_number(const char* text, size_t len, char** out, size_t* out_len, int* out_decimals) {
  if (out) *out = nullptr;
  return guard("da06_parse_vn_number", [&] {
    std::string_view s = text_arg(text, len, "text");
    require(out, "out");
    const da06::VnNumber n = da06::parse_vn_number(s);
    give_string(n.value().to_string(), out, out_len);
    if (out_decimals) *out_decimals = n.style().decimals;
    return DA06_OK;
  });
}

}  // extern "C"
