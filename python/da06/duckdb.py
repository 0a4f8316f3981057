"""da06's working days and dossier rules as vectorised DuckDB SQL functions (Arrow batches, not rows).

    import duckdb, da06.duckdb
    con = duckdb.connect()
    da06.duckdb.register(con)                                  # Calendar.vietnam_public() by default
    con.sql("SELECT da06_workdays_between(DATE '2024-01-01', DATE '2024-12-31')")            -- 251
    con.sql("SELECT da06_dossier_due(TIMESTAMP '2024-04-26 16:30', 5)")                       -- 2024-05-08
    con.sql("SELECT da06_dossier_status(received_at, time_limit, finished_at, TIMESTAMP '2024-06-30 23:59:59')"
            " FROM 'dossiers.parquet'")

Functions (NULL in, NULL out):
  da06_workdays_between(a DATE, b DATE) -> BIGINT    working days a ≤ d ≤ b (negative when a > b)
  da06_busday_count(a DATE, b DATE) -> BIGINT        numpy.busday_count's [a, b)
  da06_add_workdays(d DATE, n INTEGER) -> DATE       Calendar.add_workdays
  da06_is_workday(d DATE) -> BOOLEAN
  da06_dossier_due(received TIMESTAMP, n INTEGER) -> DATE        working days, 15:00 intake cut-off
  da06_dossier_status(received TIMESTAMP, n INTEGER, finished TIMESTAMP, as_of TIMESTAMP) -> VARCHAR
                                                     early, on_time, late, open, open_late
TIMESTAMP values are Vietnam's local time (TIMESTAMPTZ values are converted first by DuckDB's casts).
DuckDB hands each function a whole vector (2,048 rows) as Arrow arrays; da06 computes it in one C++ call.
Needs ``pip install da06[duckdb]``.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from . import dossiers as _d
from .calendar import Calendar

__all__ = ["register"]

_NAT = np.iinfo(np.int64).min


def _require() -> tuple[Any, Any]:
    try:
        import duckdb
        import pyarrow as pa
    except ImportError:
        raise ImportError("da06.duckdb needs duckdb and pyarrow: pip install da06[duckdb]") from None
    return duckdb, pa


def register(con: Any, calendar: Calendar | None = None, *, prefix: str = "da06_", rules: _d.Rules = _d.Rules()) -> Any:
    """Adds the functions to a DuckDB connection and returns it. ``calendar``: default Calendar.vietnam_public()."""
    duckdb, pa = _require()
    cal = calendar or Calendar.vietnam_public()
    eng = rules.engine(cal)

    def arr(x: Any) -> Any:
        return x.combine_chunks() if isinstance(x, pa.ChunkedArray) else x

    def days(x: Any) -> tuple[np.ndarray, np.ndarray]:
        a = arr(x)
        valid = ~np.asarray(a.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        d = a.cast(pa.int32()).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        return d, valid

    def ints(x: Any) -> tuple[np.ndarray, np.ndarray]:
        a = arr(x)
        valid = ~np.asarray(a.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        return a.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64), valid

    def seconds(x: Any) -> tuple[np.ndarray, np.ndarray]:
        a = arr(x)
        valid = ~np.asarray(a.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        unit = a.type.unit
        raw = a.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        per = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[unit]
        s = raw // per
        if a.type.tz is not None:
            s = s + 25200
        return np.where(valid, s, _NAT).astype(np.int64), valid

    def date_out(d: np.ndarray, valid: np.ndarray) -> Any:
        return pa.array(d.astype(np.int32), type=pa.int32(), mask=~valid).cast(pa.date32())

    def workdays_between(a: Any, b: Any) -> Any:
        (x, vx), (y, vy) = days(a), days(b)
        v = vx & vy
        out = cal.count_workdays_closed(np.where(v, x, 0).view("datetime64[D]"), np.where(v, y, 0).view("datetime64[D]"))
        return pa.array(np.asarray(out, dtype=np.int64), mask=~v)

    def busday_count(a: Any, b: Any) -> Any:
        (x, vx), (y, vy) = days(a), days(b)
        v = vx & vy
        out = cal.busday_count(np.where(v, x, 0).view("datetime64[D]"), np.where(v, y, 0).view("datetime64[D]"))
        return pa.array(np.asarray(out, dtype=np.int64), mask=~v)

    def add_workdays(d: Any, n: Any) -> Any:
        (x, vx), (k, vk) = days(d), ints(n)
        v = vx & vk
        out = cal.add_workdays(np.where(v, x, 0).view("datetime64[D]"), np.where(v, k, 0))
        return date_out(np.asarray(out).view(np.int64), v)

    def is_workday(d: Any) -> Any:
        x, v = days(d)
        return pa.array(np.asarray(cal.is_workday(np.where(v, x, 0).view("datetime64[D]"))), mask=~v)

    def dossier_due(received: Any, n: Any) -> Any:
        (r, vr), (k, vk) = seconds(received), ints(n)
        v = vr & vk & (k >= 0)
        _, due_day, _, _, _ = eng.due(np.where(v, r, _NAT), np.where(v, k, 0).astype(np.int32))
        due_day = np.asarray(due_day)
        v &= due_day != np.iinfo(np.int32).min
        return date_out(np.where(v, due_day, 0), v)

    def dossier_status(received: Any, n: Any, finished: Any, as_of: Any) -> Any:
        (r, vr), (k, vk), (f, _), (a, va) = seconds(received), ints(n), seconds(finished), seconds(as_of)
        v = vr & vk & va & (k >= 0)
        if len(a) and np.all(a == a[0]):
            state, _, _, _ = eng.status(np.where(v, r, _NAT), np.where(v, k, 0).astype(np.int32), 0, None, None, f,
                                        None, None, None, int(a[0]))
            state = np.asarray(state)
        else:
            state = np.full(len(r), 255, dtype=np.uint8)
            for moment in np.unique(a[va]):
                sel = a == moment
                st, _, _, _ = eng.status(np.where(v & sel, r, _NAT), np.where(v, k, 0).astype(np.int32), 0, None, None, f,
                                         None, None, None, int(moment))
                state[sel] = np.asarray(st)[sel]
        names = np.array(list(_d.STATES) + [None], dtype=object)
        return pa.array(names[np.where(v & (state < 5), state, 5)], type=pa.string())

    # duckdb 1.x has the types in duckdb.typing, duckdb 2.x in duckdb.sqltypes; sqltype() names them in both
    D, I, B, T = (duckdb.sqltype(n) for n in ("DATE", "INTEGER", "BIGINT", "TIMESTAMP"))
    BOOLEAN, VARCHAR = duckdb.sqltype("BOOLEAN"), duckdb.sqltype("VARCHAR")
    specs = [
        ("workdays_between", workdays_between, [D, D], B),
        ("busday_count", busday_count, [D, D], B),
        ("add_workdays", add_workdays, [D, I], D),
        ("is_workday", is_workday, [D], BOOLEAN),
        ("dossier_due", dossier_due, [T, I], D),
        ("dossier_status", dossier_status, [T, I, T, T], VARCHAR),
    ]
    for name, fn, params, ret in specs:
        con.create_function(prefix + name, fn, params, ret, type="arrow", null_handling="special")
    return con
