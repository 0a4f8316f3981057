// da06/lunar.hpp — the Vietnamese lunisolar calendar (âm lịch), computed at UTC+7 from Meeus.
//
// New moons come from Meeus' lunation series (Astronomical Algorithms, ch. 49) and the
// sun's apparent longitude from his low-precision solar theory (ch. 25); both are turned
// into local calendar days at `tz_hours` (7.0 = Vietnam, 8.0 = China). One lunation
// (1967-07) uses the JPL DE421 instant instead, where Meeus is 6 s off across midnight.
// Method, formulas and accuracy checks: docs/lunar.md.
//
// Supported: solar dates 1900-01-01 .. 2199-12-31, lunar years 1899 .. 2199. Outside that a
// RangeError is thrown. The month table for UTC+7 (and 8, 9) is built once, on first use,
// and is immutable afterwards, so every function here is safe to call from any thread.
//
//   using boost::gregorian::date;
//   da06::LunarDate l = da06::to_lunar(date(2014, 9, 23));      // {30, 8, 2014, false}
//   date gio_to = da06::from_lunar({10, 3, 2026});               // 2026-04-26
//   date new_year = da06::tet(2025);                             // 2025-01-29
//   int leap = da06::lunar_leap_month(2033);                     // 11
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace da06 {
inline namespace v1 {

/// A day of the Vietnamese lunisolar calendar.
/// `year` is the lunar year, i.e. the solar year in which that year's Tết falls:
/// 2025-01-28 (giao thừa) is {29, 12, 2024}, 2025-01-29 is {1, 1, 2025}.
/// `leap` marks the intercalary month (tháng nhuận), which repeats the number of the month
/// before it: 2006-09-12 is {20, 7, 2006, true}.
struct LunarDate {
  int day;     ///< 1..29 or 1..30
  int month;   ///< 1..12
  int year;    ///< lunar year
  bool leap = false;
  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

/// "20/7/2006", or "20/7 (leap)/2006" for a day of a leap month.
std::string to_string(const LunarDate& l);

/// The supported range, inclusive at both ends.
inline constexpr int lunar_first_solar_year = 1900;
inline constexpr int lunar_last_solar_year = 2199;
inline constexpr int lunar_first_year = 1899;  ///< lunar year of 1900-01-01
inline constexpr int lunar_last_year = 2199;

/// The lunar date of a solar date, with month starts computed at UTC+`tz_hours`.
/// Throws RangeError outside 1900-01-01..2199-12-31, InvalidArgument for a special date
/// (not_a_date_time, ±infinity) or a time zone outside [-12, 14].
///   to_lunar(date(2006, 9, 12)) == LunarDate{20, 7, 2006, true}
LunarDate to_lunar(boost::gregorian::date d, double tz_hours = 7.0);

/// Batch form of to_lunar: out[i] = to_lunar(in[i], tz_hours) for every i < in.size().
/// `out` must hold at least in.size() elements (else InvalidArgument). Throws at the first
/// date that is out of range; out[0..i) are written by then.
void to_lunar(std::span<const boost::gregorian::date> in, std::span<LunarDate> out,
              double tz_hours = 7.0);

/// The solar date of a lunar date.
/// Throws InvalidArgument for a lunar date that does not exist: month outside 1..12, day
/// outside 1..30, day 30 of a 29-day month, `leap` for a month that is not leap that year.
/// Throws RangeError for a lunar year outside 1899..2199 or a result outside 1900..2199.
///   from_lunar({10, 3, 2025}) == date(2025, 4, 7)    // Giỗ Tổ Hùng Vương
boost::gregorian::date from_lunar(const LunarDate& l, double tz_hours = 7.0);

/// The leap month of a lunar year (1..12), or 0 when the year has 12 months.
/// A leap month 11 or 12 lies at the end of the lunar year it is numbered in:
/// lunar_leap_month(2033) == 11 (the "2033 problem": tháng 11 nhuận, 2033-12-22..2034-01-19).
/// Throws RangeError for a year outside 1899..2199.
int lunar_leap_month(int lunar_year, double tz_hours = 7.0);

/// Tết Nguyên Đán of `year` (mùng 1 tháng Giêng, UTC+7): tet(2007) == date(2007, 2, 17).
/// Giao thừa is tet(year) - days(1). Throws RangeError outside 1900..2199.
boost::gregorian::date tet(int year);

/// The number of days (29 or 30) of a lunar month.
/// Throws InvalidArgument when the month does not exist (bad number, or `leap` for a month
/// that is not leap), RangeError for a year outside 1899..2199.
///   lunar_month_length(8, 2014, false) == 30
int lunar_month_length(int month, int year, bool leap, double tz_hours = 7.0);

namespace detail {

/// Julian Ephemeris Day (TT) of the true new moon of lunation `k` (k = 0: 2000-01-06),
/// Meeus ch. 49, eq. 49.1 with the periodic terms of table 49.A and the 14 planetary terms.
double new_moon_jde(long k) noexcept;

/// The sun's apparent geometric longitude in degrees [0, 360) at Julian Ephemeris Day `jde`,
/// Meeus ch. 25 (low accuracy, eq. 25.2–25.8: ~0.01°).
double sun_apparent_longitude(double jde) noexcept;

/// ΔT = TT − UT in seconds for a decimal year: the Espenak–Meeus polynomials (NASA, 2006).
double delta_t_seconds(double decimal_year) noexcept;

/// One lunar month of the precomputed table.
struct LunarMonth {
  int start;        ///< Julian day number of day 1 (local calendar day of the new moon)
  short year;       ///< lunar year
  signed char month;  ///< 1..12
  bool leap;
};

/// The immutable month table of one time zone. `months` is sorted by start and has one
/// sentinel entry at the end (the start of the month after the last one served).
struct LunarTable {
  double tz_hours = 7.0;
  std::vector<LunarMonth> months;
  std::vector<int> first_month;  ///< index of month 1 of lunar year lunar_first_year + i
  std::vector<signed char> leap_month;  ///< leap month of lunar year lunar_first_year + i (0: none)
};

/// The shared table for `tz_hours` when it is one of the cached zones (7.0 Vietnam, 8.0 China,
/// 9.0 Korea; each built once on first use, thread-safe, immutable), else nullptr.
const LunarTable* cached_lunar_table(double tz_hours);

/// Builds a table from the astronomy above: 10-20 ms. Other zones than the cached ones
/// get a fresh table on every call, so a caller converting many dates in such a zone
/// should use the batch to_lunar. Throws InvalidArgument for a zone outside
/// [-12, 14] or not finite.
LunarTable build_lunar_table(double tz_hours);

}  // namespace detail
}  // namespace v1
}  // namespace da06
