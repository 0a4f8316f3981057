"""The QĐ 766 counts over a partitioned dossier table, with Dask: per partition, then combined exactly.

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")                      # or LocalCluster() on one machine
    counts = da06.dask.counts("s3://bucket/dossiers/*.parquet", period="month")
    rows = da06.dask.index("dossiers/*.parquet")                  # scored after the merge

Each partition is counted where it lives (``da06.dossiers.counts`` on a pandas partition: the C++ engine,
GIL released); only the small count tables travel. The combination is exact: the per-dossier counters
add, and the distinct-procedure counters (services with an online dossier, procedures with fees paid
online, ...) are recomputed from the union of each partition's (unit, period, procedure) flags, so a
(unit, period) split over many partitions is counted once. Scores are computed after the merge, never
averaged. The result equals ``da06.dossiers.counts`` on the whole table (a test checks it on a
LocalCluster with several partitions). Needs ``pip install da06[dask]``.
"""
from __future__ import annotations

from typing import Any, Literal, Sequence

import numpy as np
import pandas as pd

from . import dossiers as _d
from .calendar import Calendar

__all__ = ["counts", "index", "partition_counts", "combine"]

_DISTINCT = {"services_with_online_dossier": "online", "procedures_with_fee_dossier": "fee",
             "procedures_with_paid_online": "paid", "procedures_with_citizen_data": "citizen"}


def _require_dask() -> Any:
    try:
        import dask
        import dask.dataframe  # noqa: F401
    except ImportError:
        raise ImportError("da06.dask needs Dask: pip install da06[dask]") from None
    return dask


def _labels(seconds: np.ndarray, period: str) -> np.ndarray:
    t = seconds.astype("datetime64[s]")
    if period == "month":
        return np.datetime_as_string(t.astype("datetime64[M]"), unit="M")
    years = t.astype("datetime64[Y]").astype(np.int64) + 1970
    if period == "year":
        return years.astype(str)
    months = t.astype("datetime64[M]").astype(np.int64) % 12
    return np.char.add(np.char.add(years.astype(str), "-Q"), (months // 3 + 1).astype(str))


def partition_counts(part: pd.DataFrame, *, period: str = "month", as_of: Any = None, calendar: Calendar | None = None,
                     offset: int = 0) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One partition: (counts per unit and period, the partition's distinct (unit, period, procedure) flags,
    its bad rows with ``row`` shifted by ``offset``)."""
    t = _d.read(part)
    c = _d.counts(t, period=period, as_of=as_of, calendar=calendar)  # type: ignore[arg-type]
    errors = c.attrs["errors"].copy()
    errors["row"] += offset
    c.attrs = {}  # pandas compares attrs when concatenating; the errors travel separately
    cols = t.columns
    if "procedure" not in cols or not t.procedures:
        return c, pd.DataFrame(columns=["unit", "period", "procedure", *_DISTINCT.values()]), errors
    # the rows that the engine counted: valid unit, no error, received by the moment of evaluation
    bad = np.zeros(t.n, dtype=bool)
    bad[errors["row"].to_numpy(dtype=np.int64) - offset] = True
    rec = cols["received_at"]
    ok = (cols["unit"] >= 0) & ~bad & (rec != _d.NAT) & (cols["procedure"] >= 0)
    if as_of is not None:
        ok &= rec <= _d._moment(as_of)
    flags = cols["flags"]
    zero = np.zeros(t.n, dtype=np.uint8)
    online = flags.get("channel", zero) == 2
    fee = flags.get("fee_obligation", zero) != 0
    paid = fee & (flags.get("paid_online", zero) != 0)
    citizen = flags.get("citizen_data", zero) != 0
    keep = ok & (online | fee | citizen)
    idx = np.flatnonzero(keep)
    pairs = pd.DataFrame({
        "unit": np.asarray(t.units, dtype=object)[cols["unit"][idx]],
        "period": _labels(rec[idx], period),
        "procedure": np.asarray(t.procedures, dtype=object)[cols["procedure"][idx]],
        "online": online[idx], "fee": fee[idx], "paid": paid[idx], "citizen": citizen[idx],
    }).groupby(["unit", "period", "procedure"], sort=False).max().reset_index()
    return c, pairs, errors


def combine(parts: Sequence[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]) -> pd.DataFrame:
    """The exact combination of partition results: counters summed, distinct counters from the union."""
    counts_ = pd.concat([p[0] for p in parts], ignore_index=True)
    value_cols = [c for c in counts_.columns if c not in ("unit", "period")]
    total = counts_.groupby(["unit", "period"], sort=True)[value_cols].sum().astype(np.int64)
    pairs = pd.concat([p[1] for p in parts], ignore_index=True)
    if len(pairs):
        union = pairs.groupby(["unit", "period", "procedure"], sort=False)[list(_DISTINCT.values())].max()
        distinct = union.groupby(level=["unit", "period"]).sum().astype(np.int64)
        for name, flag in _DISTINCT.items():
            total[name] = distinct[flag].reindex(total.index, fill_value=0).to_numpy()
    out = total.reset_index()
    out.attrs["errors"] = pd.concat([p[2] for p in parts], ignore_index=True).sort_values("row").reset_index(drop=True)
    return out


def counts(source: Any, *, period: Literal["month", "quarter", "year"] = "month", as_of: Any = None,
           calendar: Calendar | None = None, columns: Sequence[str] | None = None, compute: bool = True) -> Any:
    """Index counters per unit and period over a Dask DataFrame or a Parquet path / glob / directory.

    ``compute=False`` returns the Dask delayed object (to combine with other work). Bad rows are in
    ``.attrs["errors"]`` with their row number in the whole table (partitions in order)."""
    dask = _require_dask()
    import dask.dataframe as dd

    ddf = source if isinstance(source, dd.DataFrame) else dd.read_parquet(source, columns=list(columns) if columns else None)
    lengths = ddf.map_partitions(len).compute()
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    parts = [dask.delayed(partition_counts)(p, period=period, as_of=as_of, calendar=calendar, offset=int(off))
             for p, off in zip(ddf.to_delayed(), offsets)]
    result = dask.delayed(combine)(parts)
    return result.compute() if compute else result


def index(source: Any, *, period: Literal["month", "quarter", "year"] = "month", as_of: Any = None,
          calendar: Calendar | None = None, rules: Any = None) -> pd.DataFrame:
    """The QĐ 766 index rows (as ``da06.dossiers.index``) from the combined counts."""
    c = counts(source, period=period, as_of=as_of, calendar=calendar)
    rows = _d.score_counts(c, rules)
    rows.attrs["errors"] = c.attrs["errors"]
    return rows
