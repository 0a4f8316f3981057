#!/usr/bin/env python3
"""Benchmark: da06's batch working-day count against numpy.busday_count.

5,000,000 random date pairs (both orders) in 2021–2030 with the statutory-only profile, which
has no make-up Saturdays, so numpy can express the same calendar with weekmask Mon–Fri and a
`holidays=` list. The holiday list is computed independently of da06 by
tests/data/gen_busday_oracle.py (the same code that writes the test oracle).

Both sides count [begin, end) with numpy's sign convention. numpy gets a prebuilt
np.busdaycalendar (its fastest path). The C++ side runs bench_workdays as a subprocess that reads
the pairs from a binary file and times only the counting loop. The counts must be identical.

Usage:
  .venv/bin/python bench/bench_workdays.py [--exe build/bench/bench_workdays] [--n 5000000]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from benchlib import ROOT, bench_exe

sys.path.insert(0, os.path.join(ROOT, "tests", "data"))
import gen_busday_oracle as oracle  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe")
    ap.add_argument("--n", type=int, default=5_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    exe = bench_exe(args.exe, "bench_workdays")

    rng = np.random.default_rng(args.seed)
    lo = np.datetime64("2021-01-01", "D").astype(np.int64)
    hi = np.datetime64("2030-12-31", "D").astype(np.int64)
    begin = rng.integers(lo, hi + 1, size=args.n).astype(np.int32)
    end = rng.integers(lo, hi + 1, size=args.n).astype(np.int32)
    hol = oracle.statutory_holiday_list(2020, 2031)
    bdc = np.busdaycalendar(weekmask="1111100", holidays=hol)
    b64, e64 = begin.astype("datetime64[D]"), end.astype("datetime64[D]")

    np_times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        np_counts = np.busday_count(b64, e64, busdaycal=bdc)
        np_times.append((time.perf_counter() - t0) / args.n * 1e9)

    with tempfile.TemporaryDirectory() as tmp:
        pairs = os.path.join(tmp, "pairs.bin")
        out = os.path.join(tmp, "out.bin")
        with open(pairs, "wb") as f:
            f.write(np.uint64(args.n).tobytes())
            f.write(begin.tobytes())
            f.write(end.tobytes())
        res = subprocess.run([exe, pairs, out, "statutory", str(args.repeats)], check=True, capture_output=True, text=True)
        cpp = json.loads(res.stdout)
        cpp_counts = np.fromfile(out, dtype=np.int32)

    identical = cpp_counts.shape == np_counts.shape and bool(np.array_equal(cpp_counts, np_counts.astype(np.int32)))
    np_best = min(np_times)
    np_median = sorted(np_times)[len(np_times) // 2]
    cpp_best = cpp["best_ns_per_pair"]
    report = {
        "pairs": args.n,
        "years": "2021-2030",
        "profile": "statutory (no make-up Saturdays)",
        "numpy_version": np.__version__,
        "numpy_busday_count_ns_per_pair": {"best": round(np_best, 3), "median": round(np_median, 3)},
        "da06_batch_half_open_ns_per_pair": {"best": round(cpp_best, 3), "median": round(cpp["median_ns_per_pair"], 3)},
        "speedup_best": round(np_best / cpp_best, 1),
        "counts_identical": identical,
        "mismatches": int(np.count_nonzero(cpp_counts != np_counts)) if cpp_counts.shape == np_counts.shape else -1,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
