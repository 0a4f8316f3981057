#!/usr/bin/env python3
"""Benchmark: da06.Calendar's vectorised working-day counts from numpy datetime64[D] arrays.

5,000,000 random date pairs in 2021–2030, statutory profile (numpy can express it: weekmask Mon–Fri
and a holiday list computed independently by tests/data/gen_busday_oracle.py). Timed, best of --repeats:
  * da06 int64 path — Calendar.busday_count(a, b) on datetime64[D] arrays: viewed as int64 (no copy),
                      narrowed chunk-wise through 2,048-element int32 buffers, GIL released;
  * da06 int32 raw  — the C++ batch call on int32 day arrays straight (no staging): the floor;
  * numpy           — numpy.busday_count with a prebuilt busdaycalendar.
Counts must be identical.

Usage:  .venv/bin/python bench/bench_python_calendar.py [--n 5000000] [--repeats 5]
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np

import da06

from benchlib import ROOT, best

sys.path.insert(0, os.path.join(ROOT, "tests", "data"))
import gen_busday_oracle as oracle  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    rng = np.random.default_rng(6)
    lo, hi = np.datetime64("2021-01-01", "D").astype(np.int64), np.datetime64("2030-12-31", "D").astype(np.int64)
    a = rng.integers(lo, hi + 1, args.n).astype("datetime64[D]")
    b = rng.integers(lo, hi + 1, args.n).astype("datetime64[D]")
    a32, b32 = a.astype(np.int64).astype(np.int32), b.astype(np.int64).astype(np.int32)
    cal = da06.Calendar.vietnam_statutory()
    bdc = np.busdaycalendar(weekmask="1111100", holidays=oracle.statutory_holiday_list(2020, 2031))

    t64, r64 = best(lambda: cal.busday_count(a, b), args.repeats)
    t32, _ = best(lambda: cal.core._count_closed_int32(a32, b32), args.repeats)
    tcl, _ = best(lambda: cal.count_workdays_closed(a, b), args.repeats)
    tnp, rnp = best(lambda: np.busday_count(a, b, busdaycal=bdc), max(1, args.repeats - 2))
    assert np.array_equal(r64, rnp)
    n = args.n
    print(f"{n:,} pairs")
    print(f"da06 busday_count, datetime64[D] (int64 view, chunked int32) {t64 / n * 1e9:6.2f} ns/pair")
    print(f"da06 workdays_between (closed), datetime64[D]              {tcl / n * 1e9:6.2f} ns/pair")
    print(f"da06 raw C++ batch on int32 arrays (closed, no staging)     {t32 / n * 1e9:6.2f} ns/pair")
    print(f"numpy.busday_count (prebuilt busdaycalendar)               {tnp / n * 1e9:6.2f} ns/pair "
          f"({tnp / t64:.0f}x slower than da06)")
    print("counts identical to numpy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
