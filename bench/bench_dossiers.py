#!/usr/bin/env python3
"""Benchmark: a national year of dossiers — due dates, statuses and the index counts per unit and month —
in da06, DuckDB and polars, each in its best form, in the same run, with identical counts and peak memory.

Data: SYNTHETIC (da06.synthetic, never real): --rows dossiers (default 100 M, a national year) over 3,321
communes and 34 provinces, written once as Parquet files under --data (reused when present).

Workload, the same for every engine (working days only, no pauses, the 15:00 intake cut-off):
  * received day R = the receipt's day if it is a working day and the time ≤ 15:00:00, else the next
    working day; due day = the time_limit-th working day after R; due moment = 23:59:59 of that day;
  * judged as of the last second of the receipt's month; on time ⟺ min(finished, as_of) ≤ due moment
    (finished after as_of, or not at all, counts as open);
  * per (unit, month): received, on_time, completed (finished by as_of), online (channel 2),
    fee_obligation (fee > 0), paid_online (fee > 0 and paid online), satisfied (on time and not rated
    dissatisfied).
Peers get the calendar as a table built by da06 (day → working-day ordinal, ordinal → day), since no peer
knows Vietnam's swapped days and make-up Saturdays: DuckDB joins it (two hash joins), polars gathers from
it by index (a vectorised lookup, faster than a join). da06 runs da06.dossiers' engine (count_dossiers).

Each engine runs in its own process (so its peak RSS is its own): load the Parquet files into its own
in-memory form (timed apart), then the workload --repeats times (best kept). --stream adds a run that reads
the files one at a time with bounded memory (da06: one file at a time; DuckDB: SQL over the files; polars:
the streaming engine over scan_parquet).

Usage:  .venv/bin/python bench/bench_dossiers.py [--rows 100000000] [--data /tmp/da06_bench_dossiers]
                                                 [--repeats 2] [--stream] [--engines da06,duckdb,polars]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
COUNTERS = ["received", "on_time", "completed", "online", "fee_obligation", "paid_online", "satisfied"]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cpu_s() -> float:
    """CPU seconds of this process, every thread (less sensitive than wall time to a busy machine)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def calendar_tables(year: int) -> dict[str, np.ndarray]:
    """Working-day tables over year−1 .. year+2 (receipts in `year`, limits up to 30 working days)."""
    import da06

    cal = da06.Calendar.vietnam_public()
    first = np.datetime64(f"{year - 1}-12-01", "D")
    days = np.arange(first, np.datetime64(f"{year + 2}-12-31", "D"), dtype="datetime64[D]")
    work = cal.is_workday(days)
    ordinal = np.cumsum(work).astype(np.int32)  # working days ≤ day
    by_ord = days[work].view(np.int64).astype(np.int32)  # ordinal k (1-based) → day: by_ord[k − 1]
    month = (days.astype("datetime64[M]").astype(np.int64) + 1970 * 12).astype(np.int32)  # year·12 + month − 1
    month_end = ((days.astype("datetime64[M]") + 1).astype("datetime64[s]").view(np.int64) - 1)
    return {"day": days.view(np.int64).astype(np.int32), "work": work, "ord": ordinal, "by_ord": by_ord,
            "month": month, "month_end": month_end, "first": np.int32(first.view(np.int64))}


def ensure_data(data: Path, rows: int, per_file: int) -> list[Path]:
    files = sorted(data.glob("part-*.parquet"))
    meta = data / "rows.txt"
    if files and meta.exists() and meta.read_text().strip() == str(rows):
        return files
    import pyarrow as pa
    import pyarrow.parquet as pq

    import da06.synthetic as S

    for f in files:
        f.unlink()
    data.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    units = pa.array(S.unit_names())
    for k, start in enumerate(range(0, rows, per_file)):
        m = min(per_file, rows - start)
        c = S.dossier_columns(m, seed=1, start=start)
        tbl = pa.table({
            "unit": pa.DictionaryArray.from_arrays(pa.array(c["unit"]), units),
            "received_s": pa.array(c["received_at"].view(np.int64)),
            "time_limit": pa.array(c["time_limit"]),
            "finished_s": pa.array(c["finished_at"].view(np.int64), mask=np.isnat(c["finished_at"])),
            "channel": pa.array(c["channel"]),
            "fee": pa.array(c["fee"]),
            "paid_online": pa.array(c["paid_online"]),
            "dissatisfied": pa.array(c["rating"] == 2),
        })
        pq.write_table(tbl, data / f"part-{k:05d}.parquet", compression="zstd")
        print(f"  wrote part {k} ({start + m:,} rows, {time.perf_counter() - t:.0f} s)", file=sys.stderr, flush=True)
    meta.write_text(str(rows))
    return sorted(data.glob("part-*.parquet"))


# --- the engines (each in its own process) ---------------------------------------------------------
def counts_frame(unit: np.ndarray, month: np.ndarray, values: dict[str, np.ndarray]) -> Any:
    import pandas as pd

    df = pd.DataFrame({"unit": unit, "month": month, **{k: np.asarray(values[k], dtype=np.int64) for k in COUNTERS}})
    return df.sort_values(["unit", "month"]).reset_index(drop=True)


def run_da06(files: list[Path], repeats: int, stream: bool, year: int) -> dict[str, Any]:
    import pyarrow.parquet as pq

    import da06
    from da06 import dossiers as D

    eng = D._PORTAL.engine(da06.Calendar.vietnam_public())
    names = pq.read_table(files[0], columns=["unit"]).column("unit").chunk(0).dictionary.to_pylist()
    n_units = len(names)

    def file_columns(f: Path) -> dict[str, Any]:
        """One file as numpy columns: int64, int32 and bool columns without nulls are views of the Arrow
        buffers; finished_s (nullable) and the fee test are computed once."""
        tbl = pq.read_table(f)
        col = lambda name: tbl.column(name).combine_chunks()  # noqa: E731
        u = col("unit")
        if u.dictionary.to_pylist() != names:
            raise SystemExit(f"{f}: another unit dictionary")
        return {"unit": u.indices.to_numpy().astype(np.int32, copy=False),
                "rec": col("received_s").to_numpy(), "lim": col("time_limit").to_numpy(),
                "fin": col("finished_s").fill_null(np.iinfo(np.int64).min).to_numpy(),
                "channel": col("channel").to_numpy(),
                "fee": (col("fee").to_numpy() > 0).view(np.uint8),
                "paid": col("paid_online").to_numpy(zero_copy_only=False).view(np.uint8),
                "dis": col("dissatisfied").to_numpy(zero_copy_only=False).view(np.uint8)}

    def count(c: dict[str, Any]) -> tuple[list[str], Any, list[str], Any]:
        flags = {"channel": c["channel"], "fee_obligation": c["fee"], "paid_online": c["paid"], "dissatisfied": c["dis"]}
        out = eng.count(c["rec"], c["lim"], 0, None, None, c["fin"], None, None, None, c["unit"], n_units, None, 0,
                        flags, "month", D.NAT)
        return out[0], out[1], out[2], out[3]

    grid_months = 14 * 12  # year−1 .. year+12 months of receipts

    def to_grid(res: tuple[list[str], Any, list[str], Any], grid: np.ndarray) -> None:
        cn, cu, labels, vals = res
        idx = [cn.index(k) for k in COUNTERS]
        month = np.array([int(x[:4]) * 12 + int(x[5:7]) - 1 - (year - 1) * 12 for x in labels], dtype=np.int64)
        np.add.at(grid, (np.asarray(cu), month), np.asarray(vals)[:, idx])

    def frame(grid: np.ndarray) -> Any:
        u, m = np.nonzero(grid[:, :, 0])
        return counts_frame(np.array(names, dtype=object)[u], (m + (year - 1) * 12).astype(np.int32),
                            {k: grid[u, m, j] for j, k in enumerate(COUNTERS)})

    out: dict[str, Any] = {}
    if not stream:
        import pyarrow.parquet as pq2

        n = sum(pq2.ParquetFile(f).metadata.num_rows for f in files)
        t = time.perf_counter()
        c: dict[str, Any] = {}
        at = 0
        for f in files:  # one file at a time into preallocated columns: the table never exists twice
            part = file_columns(f)
            if not c:
                c = {k: np.empty(n, dtype=v.dtype) for k, v in part.items()}
            m = len(part["rec"])
            for k, v in part.items():
                c[k][at:at + m] = v
            at += m
        out["load_s"] = time.perf_counter() - t
        times = []
        grid = np.zeros((n_units, grid_months, len(COUNTERS)), dtype=np.int64)
        cpus = []
        for _ in range(repeats):
            grid[:] = 0
            t, c0 = time.perf_counter(), cpu_s()
            to_grid(count(c), grid)
            times.append(time.perf_counter() - t)
            cpus.append(cpu_s() - c0)
        out["compute_s"] = min(times)
        out["compute_cpu_s"] = min(cpus)
        out["frame"] = frame(grid)
    else:
        t = time.perf_counter()
        grid = np.zeros((n_units, grid_months, len(COUNTERS)), dtype=np.int64)
        for f in files:  # bounded memory: one file's columns at a time; counts add exactly
            to_grid(count(file_columns(f)), grid)
        out["stream_s"] = time.perf_counter() - t
        out["frame"] = frame(grid)
    out["peak_mib"] = peak_mib()
    return out


def run_duckdb(files: list[Path], repeats: int, stream: bool, year: int) -> dict[str, Any]:
    import duckdb
    import pandas as pd

    cal = calendar_tables(year)
    con = duckdb.connect()
    con.execute(f"SET threads TO {os.cpu_count()}")
    cal_df = pd.DataFrame({"day": cal["day"], "work": cal["work"], "ord": cal["ord"], "month": cal["month"],
                           "month_end": cal["month_end"]})
    byord_df = pd.DataFrame({"ord": np.arange(1, cal["by_ord"].size + 1, dtype=np.int32), "day": cal["by_ord"]})
    con.execute("CREATE TABLE cal AS SELECT * FROM cal_df")
    con.execute("CREATE TABLE byord AS SELECT * FROM byord_df")
    glob = [str(f) for f in files]

    def sql(source: str) -> str:
        return f"""
        WITH d AS (
          SELECT t.unit, t.finished_s, t.channel, t.fee, t.paid_online, t.dissatisfied, c.month, c.month_end,
                 c.ord + CASE WHEN c.work AND t.received_s - (t.received_s // 86400) * 86400 <= 54000 THEN 0 ELSE 1 END
                   + t.time_limit AS due_ord
          FROM {source} t JOIN cal c ON c.day = t.received_s // 86400
        ), s AS (
          SELECT d.*, (b.day::BIGINT * 86400 + 86399) AS due_end,
                 LEAST(COALESCE(d.finished_s, d.month_end), d.month_end) AS judged
          FROM d JOIN byord b ON b.ord = d.due_ord
        )
        SELECT CAST(unit AS VARCHAR) AS unit, month,
               count(*) AS received,
               sum(CASE WHEN judged <= due_end THEN 1 ELSE 0 END) AS on_time,
               sum(CASE WHEN finished_s <= month_end THEN 1 ELSE 0 END) AS completed,
               sum(CASE WHEN channel = 2 THEN 1 ELSE 0 END) AS online,
               sum(CASE WHEN fee > 0 THEN 1 ELSE 0 END) AS fee_obligation,
               sum(CASE WHEN fee > 0 AND paid_online THEN 1 ELSE 0 END) AS paid_online,
               sum(CASE WHEN judged <= due_end AND NOT dissatisfied THEN 1 ELSE 0 END) AS satisfied
        FROM s GROUP BY ALL"""

    if stream:
        t = time.perf_counter()
        df = con.execute(sql(f"read_parquet({glob!r})")).df()
        return {"stream_s": time.perf_counter() - t, "peak_mib": peak_mib(),
                "frame": counts_frame(df["unit"].to_numpy(), df["month"].to_numpy(), df)}
    t = time.perf_counter()
    con.execute(f"CREATE TABLE dossiers AS SELECT * FROM read_parquet({glob!r})")
    load = time.perf_counter() - t
    times, cpus = [], []
    df = None
    for _ in range(repeats):
        t, c0 = time.perf_counter(), cpu_s()
        df = con.execute(sql("dossiers")).df()
        times.append(time.perf_counter() - t)
        cpus.append(cpu_s() - c0)
    return {"load_s": load, "compute_s": min(times), "compute_cpu_s": min(cpus), "peak_mib": peak_mib(),
            "frame": counts_frame(df["unit"].to_numpy(), df["month"].to_numpy(), df)}


def run_polars(files: list[Path], repeats: int, stream: bool, year: int) -> dict[str, Any]:
    import polars as pl

    cal = calendar_tables(year)
    first = int(cal["first"])
    ord_s = pl.Series("ord", cal["ord"])
    work_s = pl.Series("work", cal["work"])
    month_s = pl.Series("month", cal["month"])
    end_s = pl.Series("month_end", cal["month_end"])
    by_ord = pl.Series("by_ord", np.concatenate([[0], cal["by_ord"]]).astype(np.int64))  # 1-based ordinals

    def query(lf: pl.LazyFrame) -> pl.LazyFrame:
        i = (pl.col("received_s") // 86400 - first).cast(pl.Int64)
        tod = pl.col("received_s") % 86400
        lf = lf.with_columns(
            pl.lit(ord_s).gather(i).alias("ord"), pl.lit(work_s).gather(i).alias("work"),
            pl.lit(month_s).gather(i).alias("month"), pl.lit(end_s).gather(i).alias("month_end"))
        due_ord = (pl.col("ord") + pl.when(pl.col("work") & (tod <= 54000)).then(0).otherwise(1) + pl.col("time_limit"))
        lf = lf.with_columns((pl.lit(by_ord).gather(due_ord.cast(pl.Int64)) * 86400 + 86399).alias("due_end"))
        judged = pl.min_horizontal(pl.col("finished_s").fill_null(pl.col("month_end")), pl.col("month_end"))
        on_time = judged <= pl.col("due_end")
        return lf.group_by("unit", "month").agg(
            pl.len().alias("received"),
            on_time.sum().alias("on_time"),
            (pl.col("finished_s") <= pl.col("month_end")).sum().alias("completed"),
            (pl.col("channel") == 2).sum().alias("online"),
            (pl.col("fee") > 0).sum().alias("fee_obligation"),
            ((pl.col("fee") > 0) & pl.col("paid_online")).sum().alias("paid_online"),
            (on_time & ~pl.col("dissatisfied")).sum().alias("satisfied"))

    def to_frame(df: pl.DataFrame) -> Any:
        p = df.with_columns(pl.col("unit").cast(pl.Utf8)).to_pandas()
        return counts_frame(p["unit"].to_numpy(), p["month"].to_numpy(), p)

    if stream:
        t = time.perf_counter()
        df = query(pl.scan_parquet([str(f) for f in files])).collect(engine="streaming")
        return {"stream_s": time.perf_counter() - t, "peak_mib": peak_mib(), "frame": to_frame(df)}
    t = time.perf_counter()
    data = pl.read_parquet([str(f) for f in files])
    load = time.perf_counter() - t
    times, cpus = [], []
    df = None
    for _ in range(repeats):
        t, c0 = time.perf_counter(), cpu_s()
        df = query(data.lazy()).collect()
        times.append(time.perf_counter() - t)
        cpus.append(cpu_s() - c0)
    assert df is not None
    return {"load_s": load, "compute_s": min(times), "compute_cpu_s": min(cpus), "peak_mib": peak_mib(),
            "frame": to_frame(df)}


ENGINES = {"da06": run_da06, "duckdb": run_duckdb, "polars": run_polars}


def child(engine: str, data: Path, repeats: int, stream: bool, year: int, out: Path) -> int:
    files = sorted(data.glob("part-*.parquet"))
    res = ENGINES[engine](files, repeats, stream, year)
    res["frame"].to_parquet(out.with_suffix(".counts.parquet"))
    summary = {k: v for k, v in res.items() if k != "frame"}
    summary["peak_mib"] = peak_mib()
    out.write_text(json.dumps(summary))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000_000)
    ap.add_argument("--per-file", type=int, default=5_000_000)
    ap.add_argument("--data", type=Path, default=Path("/tmp/da06_bench_dossiers"))
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--stream", action="store_true")
    ap.add_argument("--engines", default="da06,duckdb,polars")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    year = 2026
    if args.child:
        return child(args.child, args.data, args.repeats, args.stream, year, args.out)
    files = ensure_data(args.data, args.rows, args.per_file)
    size = sum(f.stat().st_size for f in files) / 2**20
    print(f"{args.rows:,} synthetic dossiers in {len(files)} Parquet files ({size:,.0f} MiB), "
          f"{os.cpu_count()} cores, repeats {args.repeats}")
    import pandas as pd

    results: dict[str, dict[str, Any]] = {}
    modes = ["memory"] + (["stream"] if args.stream else [])
    for e in args.engines.split(","):
        for mode in modes:  # each (engine, mode) in its own process: its peak memory is its own
            out = args.data / f"result-{e}-{mode}.json"
            cmd = [sys.executable, __file__, "--child", e, "--data", str(args.data), "--repeats", str(args.repeats),
                   "--out", str(out)] + (["--stream"] if mode == "stream" else [])
            subprocess.run(cmd, check=True)
            r = json.loads(out.read_text())
            r["frame"] = pd.read_parquet(out.with_suffix(".counts.parquet"))
            results.setdefault(e, {})[mode] = r
    base = results[next(iter(results))]["memory"]["frame"]
    same = {e: all(r[m]["frame"].equals(base) for m in r) for e, r in results.items()}
    print(f"{'engine':8} {'load s':>8} {'compute s':>10} {'compute CPU s':>14} {'peak MiB':>9} {'stream s':>9} "
          f"{'stream MiB':>10}  identical counts")
    nan = float("nan")
    for e, r in results.items():
        mem, st = r["memory"], r.get("stream", {})
        print(f"{e:8} {mem['load_s']:8.2f} {mem['compute_s']:10.2f} {mem['compute_cpu_s']:14.2f} {mem['peak_mib']:9.0f} "
              f"{st.get('stream_s', nan):9.2f} {st.get('peak_mib', nan):10.0f}  {same[e]}")
    if "da06" in results:
        d = results["da06"]
        for e, r in results.items():
            if e != "da06":
                line = (f"da06 vs {e}: compute {r['memory']['compute_s'] / d['memory']['compute_s']:.1f}× (wall), "
                        f"{r['memory']['compute_cpu_s'] / d['memory']['compute_cpu_s']:.1f}× (CPU)")
                if args.stream:
                    line += f", from Parquet with bounded memory {r['stream']['stream_s'] / d['stream']['stream_s']:.1f}×"
                print(line)
    tot = base[COUNTERS].sum()
    print("totals:", ", ".join(f"{k} {int(v):,}" for k, v in tot.items()))
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
