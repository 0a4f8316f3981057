#!/usr/bin/env python3
"""Benchmark: da06.aggregate from string key columns (what read_csv gives), against pandas and polars.

The data of bench/bench_python_aggregate.py — 3,321 communes × 200 indicators × 36 months = 23.9 M rows,
aggregated to the 34 provinces as of 2026-01-01 — but the unit, indicator and period columns hold plain
strings ("C0001", "IND001", "2023-M01"), as a CSV export read by pandas gives them (pandas `str`, backed
by Arrow), by polars (String) and by pyarrow (string). In the same process, interleaved rounds, best kept:
  * da06 (pandas str)  — da06.aggregate(df): the string columns cross as Arrow and are hashed in C++;
  * da06 (polars)      — da06.aggregate(polars DataFrame): the same, from polars' Arrow buffers;
  * pandas             — the best pandas form: factorize the unit column, map its codes to provinces,
                         groupby(province, indicator, period) on the string columns, sum, size;
  * polars             — join unit → province (a small table), group_by(province, indicator, period), sum, len.
The results must be identical (groups, rows, numerators, denominators).

Usage:  .venv/bin/python bench/bench_aggregate_string_keys.py [--repeats 3] [--scale 1.0]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import da06  # noqa: E402
from bench_python_aggregate import N_COMMUNES, N_PERIODS, make_units  # noqa: E402

N_INDICATORS = 200
AS_OF = dt.date(2026, 1, 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the 200 indicators (for quick runs)")
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    import polars as pl
    import pyarrow as pa

    rng = np.random.default_rng(args.seed)
    units = make_units(rng)
    h = da06.Hierarchy.from_frame(units)
    n_ind = max(1, int(N_INDICATORS * args.scale))
    communes = [f"C{c:04d}" for c in range(N_COMMUNES)]
    U, I, P = np.meshgrid(np.arange(N_COMMUNES, dtype=np.int32), np.arange(n_ind, dtype=np.int32),
                          np.arange(N_PERIODS, dtype=np.int32), indexing="ij")
    u32, i32, p32 = U.ravel(), I.ravel(), P.ravel()
    del U, I, P
    n = u32.size
    den = rng.integers(1, 1_000_000, n, dtype=np.int64)
    num = (den * rng.random(n)).astype(np.int64)
    ind_names = [f"IND{k:03d}" for k in range(n_ind)]
    per_names = [f"{2023 + m // 12}-M{m % 12 + 1:02d}" for m in range(N_PERIODS)]

    def strings(codes: np.ndarray, names: list[str]) -> Any:  # a plain (not dictionary) Arrow string column
        return pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(names)).cast(pa.large_string())

    table = pa.table({"unit": strings(u32, communes), "indicator": strings(i32, ind_names),
                      "period": strings(p32, per_names), "numerator": num, "denominator": den})
    del u32, i32, p32
    df = table.to_pandas()  # pandas `str` columns (Arrow-backed), as read_csv gives with pyarrow installed
    pdf = pl.from_arrow(table)
    del table
    assert str(df["unit"].dtype) == "str", df["unit"].dtype
    print(f"{n:,} rows; key columns: pandas {df['unit'].dtype}, polars {pdf['unit'].dtype}")

    anc = h.ancestor_map("province", AS_OF)
    ids = np.array(h.ids, dtype=object)
    index = h.index()
    commune_prov = {c: (ids[anc[index[c]]] if anc[index[c]] >= 0 else None) for c in communes}
    map_df = pl.DataFrame({"unit": communes, "province": [commune_prov[c] for c in communes]})

    def run_da06(frame: Any) -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", da06.DataWarning)
            return da06.aggregate(frame, h, to_level="province", as_of=AS_OF)

    def run_pandas() -> pd.DataFrame:
        codes, uniques = pd.factorize(df["unit"])
        prov_of_unique = np.array([commune_prov[u] for u in uniques], dtype=object)
        prov = prov_of_unique[codes]
        d = df.assign(province=prov)
        d = d[d["province"].notna()]
        g = d.groupby(["province", "indicator", "period"], sort=True)[["numerator", "denominator"]].agg(["sum", "size"])
        return pd.DataFrame({"numerator": g[("numerator", "sum")], "denominator": g[("denominator", "sum")],
                             "rows": g[("numerator", "size")]}).reset_index()

    def run_polars() -> Any:
        return (pdf.lazy().join(map_df.lazy(), on="unit", how="inner").filter(pl.col("province").is_not_null())
                .group_by("province", "indicator", "period")
                .agg(pl.col("numerator").sum(), pl.col("denominator").sum(), pl.len().alias("rows")).collect())

    runs = {"da06 (pandas str)": lambda: run_da06(df), "da06 (polars)": lambda: run_da06(pdf),
            "pandas": run_pandas, "polars": run_polars}
    times: dict[str, list[float]] = {k: [] for k in runs}
    out: dict[str, Any] = {}
    for _ in range(max(1, args.repeats)):
        for k, f in runs.items():
            t = time.perf_counter()
            out[k] = f()
            times[k].append(time.perf_counter() - t)
    best = {k: min(v) for k, v in times.items()}

    # identical results
    a = out["da06 (pandas str)"]
    a = pd.DataFrame({"province": a["unit"].astype(str), "indicator": a["indicator"].astype(str),
                      "period": a["period"].astype(str), "numerator": a["numerator"], "denominator": a["denominator"],
                      "rows": a["rows"]}).sort_values(["province", "indicator", "period"]).reset_index(drop=True)
    b = out["pandas"].astype({"province": str, "indicator": str, "period": str}).sort_values(
        ["province", "indicator", "period"]).reset_index(drop=True)[a.columns]
    c = out["polars"].to_pandas().astype({"province": str, "indicator": str, "period": str}).sort_values(
        ["province", "indicator", "period"]).reset_index(drop=True)[a.columns]
    d = out["da06 (polars)"]
    for x in (b, c):
        assert len(x) == len(a)
        for col in a.columns:
            assert (x[col].to_numpy() == a[col].to_numpy()).all(), col
    assert int(d["numerator"].sum()) == int(a["numerator"].sum()) and len(d) == len(a)

    for k, t in best.items():
        print(f"{k:20} {t * 1e3:9.1f} ms")
    base = best["da06 (pandas str)"]
    print(f"da06 from pandas str columns: {best['pandas'] / base:.1f}x faster than pandas, "
          f"{best['polars'] / base:.1f}x faster than polars")
    print(f"da06 from a polars DataFrame: {best['polars'] / best['da06 (polars)']:.1f}x faster than polars")
    print(f"groups: {len(a)}, identical in all four")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
