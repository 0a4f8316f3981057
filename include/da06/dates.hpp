// da06/dates.hpp — the day type of da06 and its one text form, ISO 8601 "YYYY-MM-DD".
//
// Every reader (framework JSON, units/counts/mapping CSV, holiday schedules, the CLI's options, the
// C ABI) parses dates with `parse_iso_date`, and every writer formats them with `format_iso_date`,
// so a date is read and printed the same way everywhere.
//
//   da06::Date d = da06::parse_iso_date("2024-02-29");        // throws ParseError on "2024-02-30"
//   std::string why;
//   auto bad = da06::parse_iso_date("2024-02-30", &why);      // nullopt; why == "day 30 does not exist in
//                                                             //   2024-02 (which has 29 days)"
//   da06::format_iso_date(d);                                 // "2024-02-29"
#pragma once

#include "error.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace da06 {
inline namespace v1 {

using Date = boost::gregorian::date;

/// The years a date text may have: boost::gregorian's range.
inline constexpr int iso_date_min_year = 1400;
inline constexpr int iso_date_max_year = 9999;

/// Parses exactly "YYYY-MM-DD" (four-digit year in [1400, 9999], a day that exists). Returns
/// std::nullopt and, when `why` is given, sets it to the reason, without quoting the text (callers
/// quote a bounded excerpt of it themselves).
std::optional<Date> parse_iso_date(std::string_view text, std::string* why) noexcept;
/// Same, throwing ParseError ("\"2024-02-30\" is not a valid date: day 30 does not exist …").
Date parse_iso_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_iso_date(Date d);
/// "YYYY-MM-DD", or "" for no date.
std::string format_iso_date(const std::optional<Date>& d);

}  // namespace v1
}  // namespace da06
