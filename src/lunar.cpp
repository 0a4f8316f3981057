// lunar.cpp — the Vietnamese lunisolar calendar: Meeus' new moons and solar longitude,
// the month-11 / leap-month rules, and the immutable month table the conversions search.
//
// Written from Jean Meeus, Astronomical Algorithms (2nd ed., 1998), chapters 25 and 49, and
// from the calendar rules in docs/lunar.md; no published amlich source was used.
#include "da06/lunar.hpp"

#include "da06/error.hpp"

#include <boost/date_time/gregorian/formatters.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace da06 {
inline namespace v1 {
namespace detail {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

double sin_deg(double x) noexcept { return std::sin(std::fmod(x, 360.0) * kDeg); }

double norm360(double x) noexcept {
  x = std::fmod(x, 360.0);
  return x < 0 ? x + 360.0 : x;
}

// Julian day number of a proleptic Gregorian date (the number boost's julian_day() returns).
// constexpr so the range limits below need no dynamic initialisation: another translation
// unit's static initialiser may call to_lunar before this one's would have run.
constexpr long jdn_of(int y, int m, int d) {
  const int a = (14 - m) / 12;
  const long yy = y + 4800 - a;
  const int mm = m + 12 * a - 3;
  return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
}
static_assert(jdn_of(2000, 1, 1) == 2451545);
static_assert(jdn_of(1900, 1, 1) == 2415021);

boost::gregorian::date date_of_jdn(long jdn) {
  return boost::gregorian::date(1900, 1, 1) + boost::gregorian::days(jdn - jdn_of(1900, 1, 1));
}

// Decimal year of a Julian day, close enough for ΔT (which changes by < 1 s a year).
double decimal_year(double jd) noexcept { return 2000.0 + (jd - 2451545.0) / 365.25; }

// Julian Ephemeris Day (TT) -> Julian Day (UT).
double jde_to_jd_ut(double jde) noexcept {
  return jde - delta_t_seconds(decimal_year(jde)) / 86400.0;
}

// The local calendar day (Julian day number) that contains the instant `jd_ut`.
int local_day(double jd_ut, double tz_hours) noexcept {
  return static_cast<int>(std::floor(jd_ut + 0.5 + tz_hours / 24.0));
}

// The sun's apparent longitude in [0, 360) at the local midnight that begins local day `jdn`.
double longitude_at_local_midnight(int jdn, double tz_hours) noexcept {
  const double jd_ut = jdn - 0.5 - tz_hours / 24.0;
  const double jde = jd_ut + delta_t_seconds(decimal_year(jd_ut)) / 86400.0;
  return sun_apparent_longitude(jde);
}

// New moons whose Meeus instant (ch. 49; its truncation error reaches ~15 s) and the JPL
// DE421 instant fall on different sides of local midnight at UTC+7. Found by the exhaustive
// comparison in tests/data/gen_lunar_oracle.py --full-check over 1900-2049 (DE421's span);
// the DE421 instant replaces Meeus' for these lunations only. After 2049 the uncertainty of
// ΔT (tens of seconds and growing) is larger than such corrections, see docs/lunar.md.
struct NewMoonFix {
  long k;        // Meeus' lunation number
  double jd_ut;  // DE421 (skyfield) instant of the conjunction, UT1 Julian day
};
constexpr NewMoonFix kNewMoonFixes[] = {
    // 1967-07-07 17:00:04 UT = 1967-07-08 00:00:04 UTC+7; Meeus: 16:59:58 UT (July 7, 23:59:58).
    {-402, 2439679.208380914},
};

double new_moon_jd_ut(long k) noexcept {
  for (const NewMoonFix& f : kNewMoonFixes)
    if (f.k == k) return f.jd_ut;
  return jde_to_jd_ut(new_moon_jde(k));
}

bool valid_tz(double tz) noexcept { return std::isfinite(tz) && tz >= -12.0 && tz <= 14.0; }

}  // namespace

// ---------------------------------------------------------------------------------------
// Astronomy

double new_moon_jde(long k_) noexcept {
  // Meeus ch. 49. k is an integer for a new moon; T in Julian centuries from J2000.0.
  const double k = static_cast<double>(k_);
  const double T = k / 1236.85;
  const double T2 = T * T, T3 = T2 * T, T4 = T3 * T;
  // eq. 49.1: mean phase
  double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.000000150 * T3 +
               0.00000000073 * T4;
  // eq. 47.6 (eccentricity of the earth's orbit) and 49.4–49.7
  const double E = 1.0 - 0.002516 * T - 0.0000074 * T2;
  const double M = 2.5534 + 29.10535670 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const double Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 -
                    0.000000058 * T4;
  const double F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 +
                   0.000000011 * T4;
  const double Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;

  // Table 49.A, "New Moon" column.
  jde += -0.40720 * sin_deg(Mp)                 //
         + 0.17241 * E * sin_deg(M)             //
         + 0.01608 * sin_deg(2 * Mp)            //
         + 0.01039 * sin_deg(2 * F)             //
         + 0.00739 * E * sin_deg(Mp - M)        //
         - 0.00514 * E * sin_deg(Mp + M)        //
         + 0.00208 * E * E * sin_deg(2 * M)     //
         - 0.00111 * sin_deg(Mp - 2 * F)        //
         - 0.00057 * sin_deg(Mp + 2 * F)        //
         + 0.00056 * E * sin_deg(2 * Mp + M)    //
         - 0.00042 * sin_deg(3 * Mp)            //
         + 0.00042 * E * sin_deg(M + 2 * F)     //
         + 0.00038 * E * sin_deg(M - 2 * F)     //
         - 0.00024 * E * sin_deg(2 * Mp - M)    //
         - 0.00017 * sin_deg(Om)                //
         - 0.00007 * sin_deg(Mp + 2 * M)        //
         + 0.00004 * sin_deg(2 * Mp - 2 * F)    //
         + 0.00004 * sin_deg(3 * M)             //
         + 0.00003 * sin_deg(Mp + M - 2 * F)    //
         + 0.00003 * sin_deg(2 * Mp + 2 * F)    //
         - 0.00003 * sin_deg(Mp + M + 2 * F)    //
         + 0.00003 * sin_deg(Mp - M + 2 * F)    //
         - 0.00002 * sin_deg(Mp - M - 2 * F)    //
         - 0.00002 * sin_deg(3 * Mp + M)        //
         + 0.00002 * sin_deg(4 * Mp);

  // The additional corrections for all phases (planetary arguments A1..A14).
  struct Term { double coef, a0, a1; };
  static constexpr Term planetary[] = {
      {0.000325, 299.77, 0.107408}, {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
      {0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
      {0.000060, 207.14, 2.453732},  {0.000056, 154.84, 7.306860},  {0.000047, 34.52, 27.261239},
      {0.000042, 207.19, 0.121824},  {0.000040, 291.34, 1.844379},  {0.000037, 161.72, 24.198154},
      {0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518}};
  for (std::size_t i = 0; i < std::size(planetary); ++i) {
    double a = planetary[i].a0 + planetary[i].a1 * k;
    if (i == 0) a -= 0.009173 * T2;  // A1 has a T² term
    jde += planetary[i].coef * sin_deg(a);
  }
  return jde;
}

double sun_apparent_longitude(double jde) noexcept {
  // Meeus ch. 25, low accuracy. T in Julian centuries of 36525 ephemeris days from J2000.0.
  const double T = (jde - 2451545.0) / 36525.0;
  const double L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;      // eq. 25.2
  const double M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;        // eq. 25.3
  const double C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin_deg(M) +
                   (0.019993 - 0.000101 * T) * sin_deg(2 * M) + 0.000289 * sin_deg(3 * M);
  const double true_longitude = L0 + C;
  const double omega = 125.04 - 1934.136 * T;
  // Nutation and aberration, the short form given with eq. 25.8.
  return norm360(true_longitude - 0.00569 - 0.00478 * sin_deg(omega));
}

double delta_t_seconds(double y) noexcept {
  // Espenak & Meeus, "Five Millennium Canon of Solar Eclipses" (NASA/TP-2006-214141),
  // the polynomial expressions for ΔT; only the pieces around 1850..2250 are needed.
  if (y < 1860) {
    const double t = y - 1800;
    return 13.72 - 0.332447 * t + 0.0068612 * t * t + 0.0041116 * t * t * t -
           0.00037436 * std::pow(t, 4) + 0.0000121272 * std::pow(t, 5) -
           0.0000001699 * std::pow(t, 6) + 0.000000000875 * std::pow(t, 7);
  }
  if (y < 1900) {
    const double t = y - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
           0.0004473624 * std::pow(t, 4) + std::pow(t, 5) / 233174.0;
  }
  if (y < 1920) {
    const double t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
           0.000197 * std::pow(t, 4);
  }
  if (y < 1941) {
    const double t = y - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (y < 1961) {
    const double t = y - 1950;
    return 29.07 + 0.407 * t - t * t / 233.0 + t * t * t / 2547.0;
  }
  if (y < 1986) {
    const double t = y - 1975;
    return 45.45 + 1.067 * t - t * t / 260.0 - t * t * t / 718.0;
  }
  if (y < 2005) {
    const double t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
           0.000651814 * std::pow(t, 4) + 0.00002373599 * std::pow(t, 5);
  }
  if (y < 2050) {
    const double t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const double u = (y - 1820) / 100.0;
  if (y < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - y);
  return -20 + 32 * u * u;
}

// ---------------------------------------------------------------------------------------
// The month table

LunarTable build_lunar_table(double tz) {
  if (!valid_tz(tz)) throw InvalidArgument("lunar calendar: time zone must be within [-12, 14] hours");

  // New moons from mid-1898 (month 11 of lunar 1898 is needed to number lunar 1899) to
  // mid-2202 (month 11 of 2201 closes the cycle in which lunar 2200 begins).
  const long k_first = static_cast<long>(std::floor((1898.5 - 2000.0) * 12.3685));
  const long k_last = static_cast<long>(std::ceil((2202.5 - 2000.0) * 12.3685));
  const std::size_t n = static_cast<std::size_t>(k_last - k_first + 1);

  std::vector<int> start(n);
  std::vector<long> sector(n);  // unwrapped 30° sector of the sun's longitude at day 1's midnight
  for (std::size_t i = 0; i < n; ++i) {
    start[i] = local_day(new_moon_jd_ut(k_first + static_cast<long>(i)), tz);
    const double lon = longitude_at_local_midnight(start[i], tz);
    long s = static_cast<long>(std::floor(lon / 30.0));
    if (i > 0) {
      while (s <= sector[i - 1] - 6) s += 12;  // unwrap: the sun only moves forwards
    }
    sector[i] = s;
  }
  // Month i contains a major solar term (zhongqi) iff the sector changes before month i+1:
  // a term on local day D falls between the midnights that begin D and D+1.
  auto has_term = [&](std::size_t i) { return sector[i + 1] > sector[i]; };
  auto has_solstice = [&](std::size_t i) {  // a term at 270° (sector boundary ≡ 9 mod 12)
    for (long b = sector[i] + 1; b <= sector[i + 1]; ++b)
      if (((b % 12) + 12) % 12 == 9) return true;
    return false;
  };

  // Month 11 of each year is the month containing the December solstice.
  std::vector<std::size_t> m11;
  for (std::size_t i = 0; i + 1 < n; ++i)
    if (has_solstice(i)) m11.push_back(i);
  const int first_cycle = static_cast<int>(date_of_jdn(start[m11.front()]).year());

  // Number the months of each cycle month-11 .. month-11. A cycle of 13 months is leap, and
  // its leap month is the first after month 11 with no major term; it repeats the number of
  // the month before it.
  std::vector<LunarMonth> labelled;
  labelled.reserve(n);
  for (std::size_t c = 0; c + 1 < m11.size(); ++c) {
    const std::size_t a = m11[c], b = m11[c + 1];
    const int y = first_cycle + static_cast<int>(c);
    std::size_t leap_at = n;  // none
    if (b - a == 13) {
      for (std::size_t i = a + 1; i < b; ++i)
        if (!has_term(i)) { leap_at = i; break; }
    } else if (b - a != 12) {
      throw RangeError("lunar calendar: " + std::to_string(b - a) + " months between the month-11 starts of " +
                       std::to_string(y) + " and " + std::to_string(y + 1));
    }
    int m = 11, yr = y;
    for (std::size_t i = a; i < b; ++i) {
      if (i == leap_at) {
        labelled.push_back({start[i], static_cast<short>(yr), static_cast<signed char>(m), true});
        continue;
      }
      if (i != a && ++m == 13) m = 1, yr = y + 1;
      labelled.push_back({start[i], static_cast<short>(yr), static_cast<signed char>(m), false});
    }
  }

  // Keep month 1 of lunar_first_year .. month 1 of lunar_last_year + 1 (the sentinel).
  LunarTable t;
  t.tz_hours = tz;
  const int years = lunar_last_year - lunar_first_year + 1;
  t.first_month.assign(static_cast<std::size_t>(years + 1), -1);
  t.leap_month.assign(static_cast<std::size_t>(years), 0);
  for (const LunarMonth& lm : labelled) {
    if (lm.year < lunar_first_year || lm.year > lunar_last_year + 1) continue;
    const auto yi = static_cast<std::size_t>(lm.year - lunar_first_year);
    if (lm.year == lunar_last_year + 1) {
      if (lm.month == 1 && !lm.leap) {
        t.first_month[yi] = static_cast<int>(t.months.size());
        t.months.push_back(lm);
      }
      continue;
    }
    if (lm.month == 1 && !lm.leap) t.first_month[yi] = static_cast<int>(t.months.size());
    if (lm.leap) t.leap_month[yi] = lm.month;
    t.months.push_back(lm);
  }
  if (t.first_month.front() != 0 || t.first_month.back() != static_cast<int>(t.months.size()) - 1 ||
      std::find(t.first_month.begin(), t.first_month.end(), -1) != t.first_month.end())
    throw RangeError("lunar calendar: the month table does not cover lunar years 1899..2200");
  return t;
}

const LunarTable* cached_lunar_table(double tz) {
  // Function-local statics: initialised once, thread-safe (C++11 [stmt.dcl]/4), immutable after.
  if (tz == 7.0) {
    static const LunarTable vn = build_lunar_table(7.0);
    return &vn;
  }
  if (tz == 8.0) {  // China
    static const LunarTable cn = build_lunar_table(8.0);
    return &cn;
  }
  if (tz == 9.0) {  // Korea
    static const LunarTable kr = build_lunar_table(9.0);
    return &kr;
  }
  return nullptr;
}

namespace {

// Runs `f(table)` on the cached table of `tz`, or on a freshly built one.
template <class F>
decltype(auto) with_table(double tz, F&& f) {
  if (const LunarTable* t = cached_lunar_table(tz)) return f(*t);
  if (!valid_tz(tz)) throw InvalidArgument("lunar calendar: time zone must be within [-12, 14] hours");
  const LunarTable t = build_lunar_table(tz);
  return f(t);
}

constexpr long kFirstJdn = jdn_of(lunar_first_solar_year, 1, 1);
constexpr long kLastJdn = jdn_of(lunar_last_solar_year, 12, 31);

LunarDate lookup(const LunarTable& t, long jdn) {
  // months[0].start <= kFirstJdn and the sentinel start > kLastJdn, so the search stays inside.
  auto it = std::upper_bound(t.months.begin(), t.months.end() - 1, jdn,
                             [](long d, const LunarMonth& m) { return d < m.start; });
  const LunarMonth& m = *(it - 1);
  return {static_cast<int>(jdn - m.start) + 1, m.month, m.year, m.leap};
}

void check_year(int year) {
  if (year < lunar_first_year || year > lunar_last_year)
    throw RangeError("lunar year " + std::to_string(year) + " is outside the supported range " +
                     std::to_string(lunar_first_year) + ".." + std::to_string(lunar_last_year));
}

// Index into t.months of (month, year, leap); InvalidArgument if that month does not exist.
std::size_t month_index(const LunarTable& t, int month, int year, bool leap) {
  check_year(year);
  if (month < 1 || month > 12)
    throw InvalidArgument("lunar month " + std::to_string(month) + " is not within 1..12");
  const auto yi = static_cast<std::size_t>(year - lunar_first_year);
  const int lm = t.leap_month[yi];
  if (leap && lm != month)
    throw InvalidArgument("lunar year " + std::to_string(year) + " has no leap month " + std::to_string(month) +
                          (lm ? " (its leap month is " + std::to_string(lm) + ")" : " (it has no leap month)"));
  std::size_t i = static_cast<std::size_t>(t.first_month[yi] + month - 1);
  if (lm != 0 && (month > lm || (month == lm && leap))) ++i;
  return i;
}

}  // namespace
}  // namespace detail

std::string to_string(const LunarDate& l) {
  return std::to_string(l.day) + '/' + std::to_string(l.month) + (l.leap ? " (leap)/" : "/") +
         std::to_string(l.year);
}

LunarDate to_lunar(boost::gregorian::date d, double tz_hours) {
  if (d.is_special()) throw InvalidArgument("to_lunar: not a date");
  const long jdn = d.julian_day();
  if (jdn < detail::kFirstJdn || jdn > detail::kLastJdn)
    throw RangeError("to_lunar: " + boost::gregorian::to_iso_extended_string(d) +
                     " is outside the supported range 1900-01-01..2199-12-31");
  return detail::with_table(tz_hours, [&](const detail::LunarTable& t) { return detail::lookup(t, jdn); });
}

void to_lunar(std::span<const boost::gregorian::date> in, std::span<LunarDate> out, double tz_hours) {
  if (out.size() < in.size())
    throw InvalidArgument("to_lunar: the output holds " + std::to_string(out.size()) + " dates, the input " +
                          std::to_string(in.size()));
  detail::with_table(tz_hours, [&](const detail::LunarTable& t) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      const boost::gregorian::date d = in[i];
      if (d.is_special()) throw InvalidArgument("to_lunar: input[" + std::to_string(i) + "] is not a date");
      const long jdn = d.julian_day();
      if (jdn < detail::kFirstJdn || jdn > detail::kLastJdn)
        throw RangeError("to_lunar: input[" + std::to_string(i) + "] = " +
                         boost::gregorian::to_iso_extended_string(d) +
                         " is outside the supported range 1900-01-01..2199-12-31");
      out[i] = detail::lookup(t, jdn);
    }
    return 0;
  });
}

boost::gregorian::date from_lunar(const LunarDate& l, double tz_hours) {
  const long jdn = detail::with_table(tz_hours, [&](const detail::LunarTable& t) {
    const std::size_t i = detail::month_index(t, l.month, l.year, l.leap);
    const int length = t.months[i + 1].start - t.months[i].start;
    if (l.day < 1 || l.day > length)
      throw InvalidArgument("lunar date " + to_string(l) + " does not exist: that month has " +
                            std::to_string(length) + " days");
    return static_cast<long>(t.months[i].start) + l.day - 1;
  });
  if (jdn < detail::kFirstJdn || jdn > detail::kLastJdn)
    throw RangeError("from_lunar: " + to_string(l) + " is outside the supported range 1900-01-01..2199-12-31");
  return detail::date_of_jdn(jdn);
}

int lunar_leap_month(int lunar_year, double tz_hours) {
  detail::check_year(lunar_year);
  return detail::with_table(tz_hours, [&](const detail::LunarTable& t) {
    return static_cast<int>(t.leap_month[static_cast<std::size_t>(lunar_year - lunar_first_year)]);
  });
}

boost::gregorian::date tet(int year) { return from_lunar({1, 1, year, false}, 7.0); }

int lunar_month_length(int month, int year, bool leap, double tz_hours) {
  return detail::with_table(tz_hours, [&](const detail::LunarTable& t) {
    const std::size_t i = detail::month_index(t, month, year, leap);
    return t.months[i + 1].start - t.months[i].start;
  });
}

}  // namespace v1
}  // namespace da06
