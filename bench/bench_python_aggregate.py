#!/usr/bin/env python3
"""Benchmark: da06.aggregate from a pandas DataFrame, against the bare C++ engine and pandas groupby.

National scale after the 2025 reform (the data of bench/bench_aggregate.py): 3.321 communes × 200
indicators × 36 months = 23.9 M rows with int64 numerator and denominator, aggregated to the 34
provinces as of 2026-01-01 with a 90 % target (ratio, gap, status); 20 communes under 10 abolished
districts must come back as dropped, not counted.

The DataFrame holds what an analyst would hold: categorical unit / indicator / period columns (pandas
picks int16, int16 and int8 codes) and int64 counts. Timed, best of --repeats interleaved rounds, in one process:
  * C++ engine   — AggregationPlan::run on int32 codes (the plan built outside the timing), i.e. the
                   C++ time of the same work (engine_seconds of da06_test_hooks, the tests' C++
                   module in the build folder: bindings/python/test_hooks);
  * da06 (df)    — da06.aggregate(df, hierarchy, ...) wall time, categorical columns read in place;
  * da06 (int32) — the same with int32 code columns (the engine reads them directly, one run);
  * pandas       — commune → province through the category codes, groupby(observed=True).sum(), ratio, gap.
The results must be identical (groups, rows, sums).

The rows are in export order (commune, indicator, period) by default: the same data as
bench/bench_aggregate.py. --order shuffled puts them in random order, the engine's slow
case (the run path cannot apply).

Usage:  .venv/bin/python bench/bench_python_aggregate.py [--repeats 3] [--scale 1.0] [--order sorted|shuffled]
"""
from __future__ import annotations

import argparse
import os
import sys
import datetime as dt
import warnings
from typing import Any

import numpy as np
import pandas as pd

import da06
from benchlib import best, find_built

# The tests' and benchmarks' own C++ module (never shipped), from the build folder.
sys.path.insert(0, find_built(None, [f"build/{d}bindings/python" for d in ("release/", "", "dev/")],
                              "the build folder's bindings/python (da06_test_hooks)"))
import da06_test_hooks as hooks  # noqa: E402

N_COMMUNES, N_PROVINCES, N_INDICATORS, N_PERIODS = 3321, 34, 200, 36
AS_OF = dt.date(2026, 1, 1)


def make_units(rng: np.random.Generator) -> pd.DataFrame:
    rows = [("VN", "", "nation", "", "")]
    rows += [(f"P{p:02d}", "VN", "province", "", "") for p in range(N_PROVINCES)]
    rows += [(f"D{d:02d}", f"P{d:02d}", "district", "", "2025-06-30") for d in range(10)]
    prov_of = np.concatenate([np.arange(N_PROVINCES), rng.integers(0, N_PROVINCES, N_COMMUNES - N_PROVINCES)])
    for c in range(N_COMMUNES):
        if c >= N_COMMUNES - 20:
            rows.append((f"C{c:04d}", f"D{(c - (N_COMMUNES - 20)) % 10:02d}", "commune", "", "2025-06-30"))
        else:
            rows.append((f"C{c:04d}", f"P{int(prov_of[c]):02d}", "commune", "2025-07-01", ""))
    return pd.DataFrame(rows, columns=["id", "parent", "level", "valid_from", "valid_to"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the 200 indicators (for quick runs)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--order", choices=["sorted", "shuffled"], default="sorted",
                    help="row order: random, or sorted by commune, indicator, period (as an export per unit)")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    units = make_units(rng)
    h = da06.Hierarchy.from_frame(units)
    n_ind = max(1, int(N_INDICATORS * args.scale))
    communes = np.array([h.index()[f"C{c:04d}"] for c in range(N_COMMUNES)], dtype=np.int32)
    # every (commune, indicator, period) once, in a shuffled or the sorted order
    U, I, P = np.meshgrid(communes, np.arange(n_ind, dtype=np.int32), np.arange(N_PERIODS, dtype=np.int32),
                          indexing="ij")
    order = rng.permutation(U.size) if args.order == "shuffled" else np.arange(U.size)
    u32, i32, p32 = U.ravel()[order], I.ravel()[order], P.ravel()[order]
    del U, I, P, order
    n = u32.size
    den = rng.integers(1, 1_000_000, n, dtype=np.int64)
    num = (den * rng.random(n)).astype(np.int64)
    ids = np.array(h.ids, dtype=object)
    ind_names = np.array([f"IND{k:03d}" for k in range(n_ind)], dtype=object)
    per_names = np.array([f"2023-M{m + 1:02d}" if m < 12 else f"{2024 + (m - 12) // 12}-M{(m - 12) % 12 + 1:02d}"
                          for m in range(N_PERIODS)], dtype=object)
    df = pd.DataFrame({
        "unit": pd.Categorical.from_codes(u32, categories=pd.Index(ids)),
        "indicator": pd.Categorical.from_codes(i32, categories=pd.Index(ind_names)),
        "period": pd.Categorical.from_codes(p32, categories=pd.Index(per_names)),
        "numerator": num, "denominator": den,
    })
    df_int = pd.DataFrame({"unit": u32, "indicator": i32, "period": p32, "numerator": num, "denominator": den})
    print(f"{n:,} rows ({args.order}); da06 kernel {da06._core.aggregation_kernel()}; unit/indicator/period codes as {df['unit'].cat.codes.dtype}/"
          f"{df['indicator'].cat.codes.dtype}/{df['period'].cat.codes.dtype}")
    targets = {name: "90%" for name in ind_names}

    def run_engine() -> Any:
        return hooks.engine_seconds(h.core, "province", AS_OF, u32, i32, p32, num, den, n_ind, N_PERIODS, "90")

    def run_da06(frame: pd.DataFrame) -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", da06.DataWarning)
            return da06.aggregate(frame, h, to_level="province", as_of=AS_OF, targets=targets)

    anc = h.ancestor_map("province", AS_OF)

    def run_pandas() -> pd.DataFrame:
        prov = anc[df["unit"].cat.codes.to_numpy()]
        d = df.assign(prov=prov)
        d = d[d["prov"] >= 0]
        g = d.groupby(["prov", "indicator", "period"], observed=True, sort=True)[["numerator", "denominator"]].agg(
            ["sum", "size"])
        out = pd.DataFrame({"numerator": g[("numerator", "sum")], "denominator": g[("denominator", "sum")],
                            "rows": g[("numerator", "size")]}).reset_index()
        out["ratio"] = out["numerator"] / out["denominator"]
        out["gap"] = out["ratio"] - 0.9
        out["status"] = np.where(out["ratio"] >= 0.9, "met", "not_met")
        return out

    # Interleaved rounds (engine, DataFrame, int32 columns, pandas), so that all four see the same phases
    # of a noisy machine; the engine time is its own clock inside the call (no Python around it).
    times: dict[str, list[float]] = {"engine": [], "df": [], "int": [], "pandas": []}
    res: Any = None
    r_df: Any = None
    r_int: Any = None
    r_pd: Any = None
    for k in range(max(1, args.repeats)):
        res = run_engine()
        times["engine"].append(res[1])
        t, r_df = best(lambda: run_da06(df), 1)
        times["df"].append(t)
        t, r_int = best(lambda: run_da06(df_int), 1)
        times["int"].append(t)
        if k < max(1, args.repeats - 1):
            t, r_pd = best(run_pandas, 1)
            times["pandas"].append(t)
    engine, t_df, t_int, t_pd = (min(times[x]) for x in ("engine", "df", "int", "pandas"))
    per_round = sorted(d / e for d, e in zip(times["df"], times["engine"]))
    median_ratio = per_round[len(per_round) // 2]

    # identical results
    a = r_df.sort_values(["unit", "indicator", "period"]).reset_index(drop=True)  # type: ignore[union-attr]
    b = r_pd.sort_values(["prov", "indicator", "period"]).reset_index(drop=True)  # type: ignore[union-attr]
    assert len(a) == len(b) == res[2], (len(a), len(b), res[2])  # type: ignore[index]
    assert (a["unit"].astype(str).to_numpy() == ids[b["prov"].to_numpy()]).all()
    for c in ("numerator", "denominator", "rows"):
        assert (a[c].to_numpy() == b[c].to_numpy()).all(), c
    assert (a["status"].astype(str).to_numpy() == b["status"].to_numpy()).all()
    assert r_int["numerator"].sum() == a["numerator"].sum()  # type: ignore[index]
    assert r_df.attrs["rows_dropped"] == 20 * n_ind * N_PERIODS  # type: ignore[union-attr]

    print(f"C++ engine (AggregationPlan::run, int32 codes)  {engine * 1e3:8.1f} ms")
    print(f"da06.aggregate(df), categorical columns        {t_df * 1e3:8.1f} ms  "
          f"({t_df / engine:.2f}x the C++ time; median of the rounds' ratios {median_ratio:.2f}x)")
    print(f"da06.aggregate(df), int32 code columns         {t_int * 1e3:8.1f} ms  ({t_int / engine:.2f}x)")
    print(f"pandas groupby (observed=True)                 {t_pd * 1e3:8.1f} ms  "
          f"(da06 from the DataFrame is {t_pd / t_df:.1f}x faster)")
    print(f"groups: {len(a)}, identical to pandas")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
