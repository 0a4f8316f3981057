#!/usr/bin/env python3
"""Benchmark: a batch call into libda06 from Python ctypes, against the same work in C++.

The work is numpy.busday_count's: working days in [begin, end) for random date pairs in 2021–2030 on
the statutory calendar. The C++ side is bench_workdays (Calendar::count_workdays_half_open on the same
pairs, timed inside the process); the ctypes side calls da06_calendar_busday_count on numpy int32
arrays (no copy: `arr.ctypes.data_as`). Both must produce identical counts.

What it shows:
  * the fixed cost of one ctypes call into the C ABI (batch of 1), and of the C firewall around it;
  * the per-pair cost of large batches, which should equal C++'s: the FFI is paid once per batch;
  * the per-pair cost of calling once per pair from a Python loop, for contrast.

Usage:
  .venv/bin/python bench/bench_ctypes.py [--lib build/release/libda06.so.1] [--exe build/release/bench/bench_workdays]
                                         [--n 5000000] [--repeats 5]
"""
from __future__ import annotations

import argparse
import ctypes as C
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

from benchlib import bench_exe, best, find_built


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib")
    ap.add_argument("--exe")
    ap.add_argument("--n", type=int, default=5_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    lib_path = find_built(args.lib, ["build/release/libda06.so.1", "build/dev/libda06.so.1"], "libda06.so.1")
    exe = bench_exe(args.exe, "bench_workdays")

    lib = C.CDLL(lib_path)
    I32P = C.POINTER(C.c_int32)
    lib.da06_calendar_vietnam_statutory.argtypes = [C.POINTER(C.c_void_p)]
    lib.da06_calendar_busday_count.argtypes = [C.c_void_p, I32P, I32P, C.c_size_t, I32P]
    lib.da06_calendar_busday_count.restype = C.c_int
    cal = C.c_void_p()
    assert lib.da06_calendar_vietnam_statutory(C.byref(cal)) == 0

    rng = np.random.default_rng(args.seed)
    lo = np.datetime64("2021-01-01", "D").astype(np.int64)
    hi = np.datetime64("2030-12-31", "D").astype(np.int64)
    begin = rng.integers(lo, hi + 1, size=args.n).astype(np.int32)
    end = rng.integers(lo, hi + 1, size=args.n).astype(np.int32)
    out = np.empty(args.n, dtype=np.int32)
    f = lib.da06_calendar_busday_count
    pb, pe, po = (a.ctypes.data_as(I32P) for a in (begin, end, out))

    # 1. C++ on the same pairs (in-process timing of the batch loop).
    with tempfile.TemporaryDirectory() as tmp:
        pairs, res = os.path.join(tmp, "pairs.bin"), os.path.join(tmp, "out.bin")
        with open(pairs, "wb") as fh:
            fh.write(np.uint64(args.n).tobytes())
            fh.write(begin.tobytes())
            fh.write(end.tobytes())
        cpp = json.loads(subprocess.run([exe, pairs, res, "statutory", str(args.repeats)], check=True,
                                        capture_output=True, text=True).stdout)
        cpp_counts = np.fromfile(res, dtype=np.int32)

    # 2. ctypes, one call for the whole batch.
    f(cal, pb, pe, args.n, po)  # warm-up
    big, _ = best(lambda: f(cal, pb, pe, args.n, po), args.repeats)
    identical = bool(np.array_equal(out, cpp_counts))

    # 3. The fixed cost per call: batches of 1, 10, 100, 1000 (many calls, best of repeats).
    sizes = {}
    for k in (1, 10, 100, 1000, 100_000):
        calls = max(1, 200_000 // k)
        t, _ = best(lambda: [f(cal, pb, pe, k, po) for _ in range(calls)], args.repeats)
        sizes[k] = t / calls
    # 4. One ctypes call per pair from a Python loop (what a batch API avoids).
    m = 100_000
    per_pair = best(lambda: [f(cal, C.byref(C.c_int32(int(begin[i]))), C.byref(C.c_int32(int(end[i]))), 1,
                             C.byref(C.c_int32())) for i in range(m)], 3)[0] / m

    cpp_ns = cpp["best_ns_per_pair"]
    call_us = sizes[1] * 1e6
    report = {
        "pairs": args.n,
        "profile": "statutory, [begin, end) as numpy.busday_count",
        "cpp_batch_ns_per_pair": round(cpp_ns, 3),
        "ctypes_batch_ns_per_pair": round(big / args.n * 1e9, 3),
        "ctypes_batch_overhead_vs_cpp_percent": round((big / args.n * 1e9 / cpp_ns - 1) * 100, 1),
        "ctypes_call_fixed_cost_us": round(call_us, 3),
        "ctypes_call_us_by_batch_size": {str(k): round(v * 1e6, 3) for k, v in sizes.items()},
        "ctypes_one_call_per_pair_ns": round(per_pair * 1e9, 1),
        "one_call_per_pair_slowdown_vs_batch": round(per_pair / (big / args.n), 1),
        "counts_identical": identical,
    }
    print(json.dumps(report, indent=2))
    print(f"\nBatch of {args.n:,} pairs: C++ {cpp_ns:.2f} ns/pair, ctypes {big / args.n * 1e9:.2f} ns/pair "
          f"({report['ctypes_batch_overhead_vs_cpp_percent']:+.1f} %); one ctypes call costs {call_us:.2f} µs; "
          f"a Python loop of single calls costs {per_pair * 1e9:.0f} ns/pair.", file=sys.stderr)
    lib.da06_calendar_free.argtypes = [C.c_void_p]
    lib.da06_calendar_free(cal)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
