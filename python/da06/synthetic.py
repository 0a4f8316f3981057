"""Synthetic dossier tables for tests and benchmarks. NOT real data: every value is drawn at random.

    df = da06.synthetic.dossiers(1_000_000, seed=1)                 # a pandas DataFrame (schema of docs/dossiers.md)
    da06.synthetic.write_parquet("year/", 100_000_000, rows_per_file=5_000_000)   # a national year, in files

The distributions (docs/dossiers.md, "Synthetic data") are plausible, not calibrated to any real unit:
they reproduce the orders of magnitude a national year has (3,321 communes and 34 provinces, about 100 M
dossiers, a few thousand procedures, most dossiers on time and online), so that the code paths and the
costs are those of real data. Nothing computed from them says anything about a real province.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["NationalShape", "dossiers", "dossier_columns", "unit_names", "write_parquet"]


@dataclass(frozen=True)
class NationalShape:
    """The shape of the synthetic country: units, procedures and the year."""

    provinces: int = 34
    communes: int = 3321
    procedures: int = 2000
    year: int = 2026


def unit_names(shape: NationalShape = NationalShape()) -> list[str]:
    """Commune ids "C0000".."C3320" then province ids "P00".."P33" (province-level units take dossiers too)."""
    return [f"C{c:04d}" for c in range(shape.communes)] + [f"P{p:02d}" for p in range(shape.provinces)]


_LIMITS = np.array([0, 1, 2, 3, 5, 7, 10, 15, 20, 30], dtype=np.int32)
_LIMIT_P = np.array([0.04, 0.10, 0.06, 0.20, 0.22, 0.12, 0.12, 0.08, 0.04, 0.02])


def dossier_columns(n: int, *, seed: int = 0, shape: NationalShape = NationalShape(), start: int = 0) -> dict[str, Any]:
    """n synthetic dossiers as numpy columns (the fast form): unit and procedure as int32 codes into
    ``unit_names(shape)`` and ``P0000``..; times as datetime64[s] local; flags as bool. ``start`` offsets the
    dossier ids and the random stream, so that chunks written one after another form one table."""
    rng = np.random.default_rng([seed, start])
    n_units = shape.communes + shape.provinces
    # unit sizes: a heavy tail (lognormal weights), provinces' own departments larger
    w = rng.lognormal(0.0, 1.0, n_units)
    w[shape.communes:] *= 25.0
    unit = rng.choice(n_units, size=n, p=w / w.sum()).astype(np.int32)
    # procedures: Zipf-like popularity; each procedure has a fixed limit and fee rule
    prng = np.random.default_rng([seed, 7])
    pw = 1.0 / np.arange(1, shape.procedures + 1) ** 1.1
    proc = rng.choice(shape.procedures, size=n, p=pw / pw.sum()).astype(np.int32)
    proc_limit = prng.choice(_LIMITS, size=shape.procedures, p=_LIMIT_P)
    proc_hours = prng.random(shape.procedures) < 0.03          # 3 % of procedures count working hours (4 or 8)
    proc_fee = prng.random(shape.procedures) < 0.35
    limit = proc_limit[proc]
    limit_unit = proc_hours[proc].astype(np.uint8)
    limit = np.where(limit_unit == 1, np.where(proc % 2 == 0, 4, 8), limit).astype(np.int32)
    # channel: online 65 %, direct 33 %, postal 2 %
    channel = rng.choice(np.array([1, 2, 3], dtype=np.uint8), size=n, p=[0.33, 0.65, 0.02])
    # receipt: a day of the year (weekdays 19× as likely as weekend days), a time of day: office hours for
    # direct and postal, any hour (peaking in the evening) for online
    year0 = np.datetime64(f"{shape.year}-01-01", "D")
    days = (np.datetime64(f"{shape.year + 1}-01-01", "D") - year0).astype(int)
    dw = np.array([19.0 if (year0 + d).astype("datetime64[D]").astype(object).weekday() < 5 else 1.0 for d in range(days)])
    day = rng.choice(days, size=n, p=dw / dw.sum())
    office = rng.integers(7 * 3600 + 1800, 17 * 3600, n)
    anytime = (rng.normal(15 * 3600, 4 * 3600, n).clip(0, 86399)).astype(np.int64)
    tod = np.where(channel == 2, anytime, office)
    received = (year0 + day).astype("datetime64[s]") + tod.astype("timedelta64[s]")
    # processing: calendar days ≈ limit × 1.4 × a lognormal factor (about 1 in 9 late); hours: hours × 3
    factor = rng.lognormal(-0.45, 0.45, n)
    span = np.where(limit_unit == 1, limit * 3 * 3600 * factor, np.maximum(limit, 0.3) * 1.4 * 86400 * factor)
    finished = received + span.astype(np.int64).astype("timedelta64[s]")
    still_open = rng.random(n) < 0.02
    finished = np.where(still_open, np.datetime64("NaT", "s"), finished)
    # supplementation: 5 % of dossiers, paused 1–10 days from a day after receipt
    supp = rng.random(n) < 0.05
    ps = received + np.timedelta64(86400, "s")
    pe = ps + (rng.integers(1, 11, n) * 86400).astype("timedelta64[s]")
    nat = np.datetime64("NaT", "s")
    fee = np.where(proc_fee[proc], rng.choice(np.array([10_000, 20_000, 50_000, 100_000, 300_000]), size=n), 0)
    digitised_components = rng.random(n) < 0.92
    return {
        "dossier_id": np.arange(start, start + n, dtype=np.int64),
        "unit": unit,
        "procedure": proc,
        "channel": channel,
        "received_at": received,
        "time_limit": limit,
        "limit_unit": limit_unit,
        "finished_at": finished,
        "supplement_requested_at": np.where(supp, ps, nat),
        "supplement_completed_at": np.where(supp, pe, nat),
        "supplement_requests": np.where(supp, rng.choice(np.array([1, 2]), size=n, p=[0.9, 0.1]), 0).astype(np.int32),
        "fee": fee.astype(np.int32),
        "paid_online": (fee > 0) & (rng.random(n) < 0.65),
        "synced": rng.random(n) < 0.98,
        "components_digitised": digitised_components,
        "result_digitised": digitised_components & (rng.random(n) < 0.95),
        "result_electronic": rng.random(n) < 0.85,
        "reused": rng.random(n) < 0.30,
        "personal_store": rng.random(n) < 0.02,
        "citizen_data": rng.random(n) < 0.40,
        "rating": rng.choice(np.array([0, 1, 2], dtype=np.int8), size=n, p=[0.85, 0.14, 0.01]),
    }


def dossiers(n: int, *, seed: int = 0, shape: NationalShape = NationalShape()) -> pd.DataFrame:
    """n synthetic dossiers as a pandas DataFrame with the schema's English column names; ``unit`` and
    ``procedure`` are categoricals of strings, ``rating`` a categorical of satisfied/neutral/dissatisfied."""
    c = dossier_columns(n, seed=seed, shape=shape)
    df = pd.DataFrame(c)
    df["dossier_id"] = pd.Series([f"HS{i:09d}" for i in c["dossier_id"]], dtype=object) if n <= 2_000_000 else c["dossier_id"]
    cat = pd.Categorical.from_codes
    df["unit"] = cat(np.asarray(c["unit"]), categories=unit_names(shape))  # type: ignore[call-overload]
    df["procedure"] = cat(np.asarray(c["procedure"]),  # type: ignore[call-overload]
                          categories=[f"P{k:04d}" for k in range(shape.procedures)])
    df["rating"] = cat(np.asarray(c["rating"]), categories=["satisfied", "neutral", "dissatisfied"])  # type: ignore[call-overload]
    df["limit_unit"] = np.where(c["limit_unit"] == 1, "working_hours", "working_days")
    return df


def write_parquet(directory: str | Path, n: int, *, rows_per_file: int = 5_000_000, seed: int = 0,
                  shape: NationalShape = NationalShape(), compression: str = "zstd") -> list[Path]:
    """n synthetic dossiers as Parquet files ``part-00000.parquet``.. of ``rows_per_file`` rows, written one
    chunk at a time (bounded memory). Unit and procedure are dictionary-encoded strings. Needs pyarrow
    (``pip install da06[arrow]``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError("writing Parquet needs pyarrow: pip install da06[arrow]") from None
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    units = pa.array(unit_names(shape))
    procs = pa.array([f"P{k:04d}" for k in range(shape.procedures)])
    ratings = pa.array(["satisfied", "neutral", "dissatisfied"])
    paths = []
    for k, start in enumerate(range(0, n, rows_per_file)):
        m = min(rows_per_file, n - start)
        c = dossier_columns(m, seed=seed, shape=shape, start=start)
        cols: dict[str, Any] = {}
        for name, v in c.items():
            if name == "unit":
                cols[name] = pa.DictionaryArray.from_arrays(pa.array(v), units)
            elif name == "procedure":
                cols[name] = pa.DictionaryArray.from_arrays(pa.array(v), procs)
            elif name == "rating":
                cols[name] = pa.DictionaryArray.from_arrays(pa.array(v), ratings)
            else:
                cols[name] = pa.array(v)
        p = out / f"part-{k:05d}.parquet"
        pq.write_table(pa.table(cols), p, compression=compression)
        paths.append(p)
    return paths

