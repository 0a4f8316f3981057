#!/usr/bin/env python3
"""Generate the oracle tables that tests/test_lunar.cpp checks da06's lunar calendar against.

Two independent oracles, neither of which shares code with src/lunar.cpp:

1. ``tet_vn_1901_2100.csv`` -- extracted from the ``holidays`` PyPI package (MIT licence),
   ``holidays/calendars/chinese.py``: its Chinese tables (``LUNAR_NEW_YEAR_DATES``,
   ``HUNG_KINGS_DATES``) overlaid with its Vietnamese corrections
   (``VIETNAMESE_CALENDAR_LUNAR_NEW_YEAR_DATES``, ``VIETNAMESE_CALENDAR_HUNG_KINGS_DATES``),
   read through the package's own ``_ChineseLunisolar(VIETNAMESE_CALENDAR)`` accessor so the
   overlay is the package's, not ours.  The tables cover 1901-2100.  Columns:
     year, tet (1/1 lunar, UTC+7), gio_to (10/3 lunar, UTC+7), and for the tz_hours parameter
     the same package's tet_cn (China, computed at UTC+8 for every year) and
     tet_kr (Korea: UTC+9 for most of the range).

2. ``lunar_random_oracle.csv`` -- the ``holidays`` package has no solar->lunar conversion for
   arbitrary dates, so this oracle is built here from a full-precision ephemeris instead of
   Meeus' series: JPL DE421 through skyfield (``pip install skyfield skyfield-data``; DE421 is
   shipped inside skyfield-data) for 1900-2049, PyEphem (``pip install ephem``; libastro's
   VSOP87 sun and ELP-2000 moon) before 1900 and from 2050 on (past DE421's end, 2053-10).
   The calendar rules are applied independently of src/lunar.cpp:
     * a month starts on the UTC+7 calendar day of a new moon;
     * a major solar term (zhongqi) is an instant when the sun's apparent geocentric ecliptic
       longitude (of date) is a multiple of 30 degrees (skyfield: find_discrete to 0.01 s;
       PyEphem: bisection); a month "contains"
       a term when the term's UTC+7 day lies in [month start, next month start);
     * month 11 contains the December solstice; a cycle month-11..month-11 with 13 months is leap,
       and its leap month is the first month after month 11 with no major term.
   Rows: 600 random solar dates (fixed seed) plus the range ends and DOMAIN.md examples
   (kind "random"), then day 1 of every lunar month that starts in 1900-01-01 .. 2199-12-31
   (kind "month_start").  Columns: solar, day, month, year, leap, kind.

Run from the repository root:  .venv/bin/python tests/data/gen_lunar_oracle.py
Options: --full-check also writes /tmp/lunar_month_starts_ephem.csv (every month start,
number, leap flag and length, 1900-2199) for an exhaustive, uncommitted comparison, and lists
the new moons closest to local midnight (the only places a few seconds of error matter).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
TZ = 7.0
SEED = 20060912
N_RANDOM = 600
FIRST = dt.date(1900, 1, 1)
LAST = dt.date(2199, 12, 31)


# --------------------------------------------------------------------------------------------
# Oracle 1: the holidays package's Vietnamese tables
# --------------------------------------------------------------------------------------------
def write_tet_table(path: Path) -> int:
    from holidays.calendars.chinese import (
        CHINESE_CALENDAR,
        KOREAN_CALENDAR,
        VIETNAMESE_CALENDAR,
        _ChineseLunisolar,
    )

    vn = _ChineseLunisolar(VIETNAMESE_CALENDAR)
    cn = _ChineseLunisolar(CHINESE_CALENDAR)
    kr = _ChineseLunisolar(KOREAN_CALENDAR)
    years = sorted(vn.LUNAR_NEW_YEAR_DATES)
    rows = []
    for y in years:
        tet, _ = vn.lunar_new_year_date(y)
        gio_to, _ = vn.hung_kings_date(y)
        tet_cn, _ = cn.lunar_new_year_date(y)
        tet_kr, _ = kr.lunar_new_year_date(y)
        rows.append([y, tet.isoformat(), gio_to.isoformat() if gio_to else "", tet_cn.isoformat(),
                     tet_kr.isoformat()])
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "tet", "gio_to", "tet_cn", "tet_kr"])
        w.writerows(rows)
    return len(rows)


# --------------------------------------------------------------------------------------------
# Oracle 2: an independent lunisolar calendar from PyEphem
# --------------------------------------------------------------------------------------------
DUBLIN_JD = 2415020.0  # ephem.Date(0) is 1899-12-31 12:00 UT


def local_jdn(edate: float, tz: float = TZ) -> int:
    """Julian day number of the UTC+tz calendar day that contains the instant `edate`."""
    return math.floor(float(edate) + DUBLIN_JD + 0.5 + tz / 24.0)


def jdn_to_date(jdn: int) -> dt.date:
    return dt.date.fromordinal(jdn - 1721425)


def date_to_jdn(d: dt.date) -> int:
    return d.toordinal() + 1721425


def sun_longitude(edate: float) -> float:
    import ephem

    s = ephem.Sun(ephem.Date(edate))
    ecl = ephem.Ecliptic(ephem.Equatorial(s.g_ra, s.g_dec, epoch=ephem.Date(edate)), epoch=ephem.Date(edate))
    return math.degrees(float(ecl.lon)) % 360.0


def solar_term(target_deg: float, near: float) -> float:
    """Instant (ephem date) near `near` when the apparent longitude equals target_deg."""
    def diff(t: float) -> float:
        return (sun_longitude(t) - target_deg + 180.0) % 360.0 - 180.0

    lo, hi = near - 20.0, near + 20.0
    assert diff(lo) < 0 < diff(hi), (target_deg, near)
    for _ in range(40):  # 40 days / 2^40: far below a second
        mid = (lo + hi) / 2
        if diff(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# Where the JPL ephemeris shipped with skyfield-data (DE421: 1899-07-29 .. 2053-10-09) is used,
# 1900-01-01 .. 2050-01-01 (UT Julian days); PyEphem before and after.
DE421_FROM_JD = 2415020.5
DE421_UNTIL_JD = 2469807.5


def events_ephem(jd_from: float, jd_to: float):
    """(new moons, major terms) from PyEphem, as UT Julian days and (degrees, UT Julian day)."""
    import ephem

    moons = []
    t = ephem.Date(jd_from - DUBLIN_JD)
    while True:
        t = ephem.next_new_moon(t)
        if float(t) + DUBLIN_JD >= jd_to:
            break
        moons.append(float(t) + DUBLIN_JD)
    terms = []
    t_guess = jd_from - DUBLIN_JD
    deg = math.floor(sun_longitude(t_guess) / 30.0 + 1) * 30.0 % 360.0
    t_guess += 15.0
    while t_guess + DUBLIN_JD < jd_to + 20:
        t_term = solar_term(deg, t_guess)
        if jd_from <= t_term + DUBLIN_JD < jd_to:
            terms.append((deg, t_term + DUBLIN_JD))
        t_guess = t_term + 30.44
        deg = (deg + 30.0) % 360.0
    return moons, terms


def events_de421(jd_from: float, jd_to: float):
    """(new moons, major terms) from skyfield + DE421 (pip install skyfield skyfield-data)."""
    import warnings

    from skyfield import almanac
    from skyfield.api import Loader
    from skyfield.framelib import ecliptic_frame
    from skyfield_data import get_skyfield_data_path

    warnings.filterwarnings("ignore", message=".*has expired.*")  # only the IERS polar-motion file
    load = Loader(get_skyfield_data_path())
    ts = load.timescale(builtin=True)
    eph = load("de421.bsp")
    t0, t1 = ts.ut1_jd(jd_from), ts.ut1_jd(jd_to)
    t, y = almanac.find_discrete(t0, t1, almanac.moon_phases(eph), epsilon=0.01 / 86400)
    moons = [float(ti.ut1) for ti, yi in zip(t, y) if yi == 0]
    earth, sun = eph["earth"], eph["sun"]

    def sector(tt):
        lat, lon, _ = earth.at(tt).observe(sun).apparent().frame_latlon(ecliptic_frame)
        return (lon.degrees // 30).astype(int) % 12

    sector.step_days = 20
    t, y = almanac.find_discrete(t0, t1, sector, epsilon=0.01 / 86400)
    terms = [(float(yi) * 30.0, float(ti.ut1)) for ti, yi in zip(t, y)]
    return moons, terms


def build_calendar(first_year: int, last_year: int, tz: float = TZ):
    """Month starts (JDN) with (month, lunar_year, leap) for the lunar years around the range."""
    jd_from = date_to_jdn(dt.date(first_year - 2, 10, 1)) - 0.5
    jd_to = date_to_jdn(dt.date(last_year + 2, 3, 1)) - 0.5
    m0, t0 = events_ephem(jd_from, DE421_FROM_JD)
    m1, t1 = events_de421(DE421_FROM_JD, DE421_UNTIL_JD)
    m2, t2 = events_ephem(DE421_UNTIL_JD, jd_to)
    moons, terms = m0 + m1 + m2, t0 + t1 + t2
    starts = [local_jdn(jd - DUBLIN_JD, tz) for jd in moons]
    build_calendar.close_calls = sorted(  # new moons within 2 minutes of local midnight
        (abs(((jd + 0.5 + tz / 24.0) % 1.0 + 0.5) % 1.0 - 0.5) * 86400.0, jd) for jd in moons
    )[:12]
    term_days = [(deg, local_jdn(jd - DUBLIN_JD, tz)) for deg, jd in terms]

    def month_index(day: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= day:
                lo = mid
            else:
                hi = mid - 1
        return lo

    has_term = [False] * len(starts)
    m11 = {}
    for deg, day in term_days:
        if starts[0] <= day < starts[-1]:
            i = month_index(day)
            has_term[i] = True
            if deg == 270.0:
                m11[jdn_to_date(day).year] = i

    months = {}  # index -> (month, year, leap)
    for y in range(first_year - 1, last_year + 1):
        a, b = m11[y], m11[y + 1]
        n = b - a
        assert n in (12, 13), (y, n)
        leap_at = None
        if n == 13:
            leap_at = next(i for i in range(a + 1, b) if not has_term[i])
        m, yr = 11, y
        for i in range(a, b):
            if i == leap_at:
                months[i] = (m, yr, True)
                continue
            if i != a:
                m += 1
                if m == 13:
                    m, yr = 1, y + 1
            months[i] = (m, yr, False)
    return starts, months, month_index


def to_lunar_oracle(d: dt.date, cal) -> tuple[int, int, int, bool]:
    starts, months, month_index = cal
    day = date_to_jdn(d)
    i = month_index(day)
    m, y, leap = months[i]
    return day - starts[i] + 1, m, y, leap


def write_random_table(path: Path, cal) -> int:
    rng = random.Random(SEED)
    span = (LAST - FIRST).days
    dates = sorted({FIRST + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(N_RANDOM)})
    # The ends of the range and the DOMAIN.md leap-month examples go in too.
    dates = sorted(set(dates) | {FIRST, LAST, dt.date(2006, 9, 12), dt.date(2012, 6, 12),
                                 dt.date(2033, 12, 22), dt.date(2034, 1, 19)})
    rows = [(d, "random") for d in dates]
    # Then day 1 of every month that starts in the range: together with the count of month
    # starts this pins down the whole calendar, day by day.
    starts, months, _ = cal
    lo, hi = date_to_jdn(FIRST), date_to_jdn(LAST)
    rows += [(jdn_to_date(starts[i]), "month_start") for i in sorted(months) if lo <= starts[i] <= hi]
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["solar", "day", "month", "year", "leap", "kind"])
        for d, kind in rows:
            day, m, y, leap = to_lunar_oracle(d, cal)
            w.writerow([d.isoformat(), day, m, y, int(leap), kind])
    return len(rows)


def write_full_check(path: Path, cal) -> int:
    starts, months, _ = cal
    lo, hi = date_to_jdn(FIRST), date_to_jdn(LAST)
    n = 0
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["start", "month", "year", "leap", "length"])
        for i in sorted(months):
            if i + 1 < len(starts) and starts[i + 1] > lo and starts[i] <= hi:
                m, y, leap = months[i]
                w.writerow([jdn_to_date(starts[i]).isoformat(), m, y, int(leap), starts[i + 1] - starts[i]])
                n += 1
    return n


def tz_days() -> float:
    return TZ / 24.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full-check", action="store_true")
    args = ap.parse_args()
    n = write_tet_table(HERE / "tet_vn_1901_2100.csv")
    print(f"tet_vn_1901_2100.csv: {n} years")
    cal = build_calendar(FIRST.year, LAST.year)
    n = write_random_table(HERE / "lunar_random_oracle.csv", cal)
    print(f"lunar_random_oracle.csv: {n} dates")
    if args.full_check:
        n = write_full_check(Path("/tmp/lunar_month_starts_ephem.csv"), cal)
        print(f"/tmp/lunar_month_starts_ephem.csv: {n} months")
        for secs, jd in build_calendar.close_calls:
            t = dt.datetime(2000, 1, 1, 12) + dt.timedelta(days=jd - 2451545.0 + tz_days())
            print(f"  new moon {secs:6.1f} s from local midnight: {t:%Y-%m-%d %H:%M:%S} UTC+7")


if __name__ == "__main__":
    main()
