// The one ISO date parser and formatter (see da06/dates.hpp).
#include "da06/dates.hpp"

#include "format/text.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

namespace da06 {
inline namespace v1 {

std::optional<Date> parse_iso_date(std::string_view s, std::string* why) noexcept {
  auto fail = [&](std::string reason) -> std::optional<Date> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  auto digits = [&](std::size_t b, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = b; i < b + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d))
    return fail("expected a date as YYYY-MM-DD");
  if (y < iso_date_min_year || y > iso_date_max_year || m < 1 || m > 12) return fail("year or month out of range");
  const int last = static_cast<int>(boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m)));
  if (d < 1 || d > last) {
    std::string mm = std::to_string(m);
    if (m < 10) mm.insert(0, 1, '0');  // not "0" + …: GCC 12 warns falsely (-Wstringop-overflow) on that
    return fail("day " + std::to_string(d) + " does not exist in " + std::to_string(y) + "-" + mm + " (which has " +
                std::to_string(last) + " days)");
  }
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

Date parse_iso_date(std::string_view text) {
  std::string why;
  if (auto d = parse_iso_date(text, &why)) return *d;
  throw ParseError(::da06::v1::detail::quoted_excerpt(text) + " is not a valid date: " + why);
}

std::string format_iso_date(Date d) { return boost::gregorian::to_iso_extended_string(d); }
std::string format_iso_date(const std::optional<Date>& d) { return d ? format_iso_date(*d) : std::string(); }

}  // namespace v1
}  // namespace da06
