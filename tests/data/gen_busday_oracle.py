#!/usr/bin/env python3
"""Write tests/data/busday_oracle.csv: numpy.busday_count on random date pairs.

The oracle is independent of da06:
  * lunar dates (Tết, Giỗ Tổ) come from the `holidays` package's Vietnamese lunisolar tables
    (holidays.calendars.chinese, VIETNAMESE_CALENDAR, UTC+7), not from da06's Meeus code, and
    are cross-checked here against the tables of docs DOMAIN.md §3;
  * the statutory rules (fixed days, Tết 4 days before 2013 / 5 from 2013, Giỗ Tổ from 2007,
    the second National Day from 2021, nghỉ bù on the next working day from 1995) are
    re-implemented below from the text of DOMAIN.md §3, not read from da06's JSON;
  * the counts are numpy's (weekmask Mon–Fri, `holidays=` the list computed here).

numpy cannot express a make-up Saturday (a weekend day that is worked), so the pairs stay in
years without one: the statutory profile over 2005–2040 (no schedules, so no swaps), and the
public profile only within 2023, whose official schedule (DOMAIN.md) has no swap.

Run:  .venv/bin/python tests/data/gen_busday_oracle.py   (fixed seed: output is reproducible)
Columns: profile, begin, end, half_open, closed
  half_open = numpy.busday_count(begin, end)        — [begin, end), negative when begin > end
  closed    = working days in [min, max], negated when begin > end (da06's closed convention)
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import sys

import numpy as np
from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

_LUNAR = _ChineseLunisolar(VIETNAMESE_CALENDAR)

# DOMAIN.md §3 tables, used to check the lunar source.
DOMAIN_TET = {2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
              2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 2)}
DOMAIN_GIO_TO = {2023: (4, 29), 2024: (4, 18), 2025: (4, 7), 2026: (4, 26), 2027: (4, 16)}


def tet(year: int) -> dt.date:
    d, _ = _LUNAR.lunar_new_year_date(year)
    return d


def gio_to(year: int) -> dt.date:
    d, _ = _LUNAR.hung_kings_date(year)
    return d


for _y, (_m, _d) in DOMAIN_TET.items():
    assert tet(_y) == dt.date(_y, _m, _d), (_y, tet(_y))
for _y, (_m, _d) in DOMAIN_GIO_TO.items():
    assert gio_to(_y) == dt.date(_y, _m, _d), (_y, gio_to(_y))

ONE = dt.timedelta(days=1)


def statutory_days_off(year: int) -> set[dt.date]:
    """Days off of the statutory-only profile in `year` (weekend days included where listed)."""
    hol: list[dt.date] = [dt.date(year, 1, 1), dt.date(year, 4, 30), dt.date(year, 5, 1), dt.date(year, 9, 2)]
    t = tet(year)
    n_tet = 5 if year >= 2013 else 4          # the last day of the old year + mùng 1..3 (or 1..4)
    hol += [t + k * ONE for k in range(-1, n_tet - 1)]
    if year >= 2007:
        hol.append(gio_to(year))
    if year >= 2021:                            # 2/9 + one adjacent day, joining the weekend
        nd = dt.date(year, 9, 2)
        before = nd.weekday() in (1, 2, 4, 5)   # Tue, Wed, Fri, Sat → 1/9; else 3/9
        hol.append(nd - ONE if before else nd + ONE)
    off = set(hol)
    if year >= 1995:                            # nghỉ bù: next working day, in date order
        for h in sorted(set(hol)):
            if h.weekday() >= 5:
                c = h + ONE
                while c.weekday() >= 5 or c in off:
                    c += ONE
                off.add(c)
    return off


# DOMAIN.md §3, 2023 row, verbatim: Tết 20/01–26/01; 2/1; 2/5, 3/5; 1/9 and 4/9; plus the
# statutory days themselves (1/1 Sun, Giỗ Tổ 29/4 Sat, 30/4 Sun, 1/5 Mon, 2/9 Sat).
PUBLIC_2023 = {dt.date(2023, 1, 20) + k * ONE for k in range(7)} | {
    dt.date(2023, 1, 1), dt.date(2023, 1, 2), dt.date(2023, 4, 29), dt.date(2023, 4, 30), dt.date(2023, 5, 1),
    dt.date(2023, 5, 2), dt.date(2023, 5, 3), dt.date(2023, 9, 1), dt.date(2023, 9, 2), dt.date(2023, 9, 4)}


def statutory_holiday_list(first_year: int, last_year: int) -> np.ndarray:
    days = sorted(d for y in range(first_year, last_year + 1) for d in statutory_days_off(y))
    return np.array(days, dtype="datetime64[D]")


def random_pairs(rng: np.random.Generator, lo: dt.date, hi: dt.date, n: int) -> tuple[np.ndarray, np.ndarray]:
    a0 = np.datetime64(lo, "D").astype(np.int64)
    a1 = np.datetime64(hi, "D").astype(np.int64)
    a = rng.integers(a0, a1 + 1, size=n)
    # Mostly short spans (days to months), some long ones, some a == b, both orders.
    span = np.where(rng.random(n) < 0.7, rng.integers(-120, 121, size=n), rng.integers(-4000, 4001, size=n))
    span[rng.random(n) < 0.03] = 0
    b = np.clip(a + span, a0, a1)
    return a.astype("datetime64[D]"), b.astype("datetime64[D]")


def closed_counts(a: np.ndarray, b: np.ndarray, hol: np.ndarray) -> np.ndarray:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    c = np.busday_count(lo, hi + np.timedelta64(1, "D"), weekmask="1111100", holidays=hol)
    return np.where(a <= b, c, -c)


def main() -> int:
    rng = np.random.default_rng(20240628)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "busday_oracle.csv")
    rows = []
    hol = statutory_holiday_list(2004, 2041)
    a, b = random_pairs(rng, dt.date(2005, 1, 1), dt.date(2040, 12, 31), 1600)
    ho = np.busday_count(a, b, weekmask="1111100", holidays=hol)
    cl = closed_counts(a, b, hol)
    rows += [("statutory", str(x), str(y), int(h), int(c)) for x, y, h, c in zip(a, b, ho, cl)]
    hol23 = np.array(sorted(PUBLIC_2023), dtype="datetime64[D]")
    a, b = random_pairs(rng, dt.date(2023, 1, 1), dt.date(2023, 12, 31), 400)
    ho = np.busday_count(a, b, weekmask="1111100", holidays=hol23)
    cl = closed_counts(a, b, hol23)
    rows += [("public", str(x), str(y), int(h), int(c)) for x, y, h, c in zip(a, b, ho, cl)]
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["profile", "begin", "end", "half_open", "closed"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out} (numpy {np.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
