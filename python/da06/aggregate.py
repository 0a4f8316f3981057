"""Aggregation up the dated administrative hierarchy: Σnumerator ÷ Σdenominator, never a mean of percentages.

    >>> h = da06.Hierarchy.from_frame(pd.DataFrame({"id": ["TH", "X1", "X2"], "parent": ["", "TH", "TH"],
    ...                                             "level": ["province", "commune", "commune"]}))
    >>> obs = pd.DataFrame({"unit": ["X1", "X2"], "indicator": "online_rate", "period": "2025-S2",
    ...                     "numerator": [1, 30], "denominator": [2, 40]})
    >>> r = da06.aggregate(obs, h, to_level="province", as_of="2026-01-01", targets={"online_rate": "90%"})
    >>> r[["unit", "numerator", "denominator", "status"]].to_dict("records")   # 31/42, not the mean of 50% and 75%
    [{'unit': 'TH', 'numerator': 31, 'denominator': 42, 'status': 'not_met'}]

The observation columns cross into C++ without copies (see bindings/python/register_aggregate.cpp):
int64 numerators/denominators are read in place, and categorical or integer code columns are read in
place at whatever width pandas chose (the engine stages them 2048 rows at a time), with the GIL released.
"""
from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import io
import os
import warnings
from fractions import Fraction
from typing import Any, Mapping, NamedTuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._dates import DateLike, to_date
from ._errors import Diagnostic

__all__ = ["Hierarchy", "aggregate", "DataWarning"]


class DataWarning(UserWarning):
    """Rows that were not aggregated (units without an ancestor on the date, bad codes or counts)."""


class Hierarchy:
    """An immutable, dated hierarchy of units. Unit i is the i-th unit given (``ids[i]``)."""

    __slots__ = ("_h", "warnings", "_index", "_ids", "_last_map")

    def __init__(self, core: _core.Hierarchy, warnings: list[Diagnostic] | None = None) -> None:
        self._h = core
        self.warnings = list(warnings or [])
        self._index: dict[str, int] | None = None
        self._ids: pd.Index | None = None
        self._last_map: tuple[pd.Index, npt.NDArray[np.int32] | None] | None = None

    def _id_index(self) -> pd.Index:
        """The ids as a pandas Index (built once): vectorised id → unit index lookups."""
        if self._ids is None:
            self._ids = pd.Index(self._h.ids, dtype=object)
        return self._ids

    def _unit_map(self, names: pd.Index) -> npt.NDArray[np.int32] | None:
        """Unit ids (a categorical's categories) → unit indices; None when they are the units in order.

        The last answer is kept with its (immutable) Index: a notebook aggregates the same frame again and again.
        """
        if self._last_map is not None and self._last_map[0] is names:
            return self._last_map[1]
        pos = self._id_index().get_indexer(names.astype(str))
        if (pos < 0).any():
            from ._errors import DataError

            missing = [str(u) for u in names[pos < 0][:5]]
            raise DataError(f"aggregate: {int((pos < 0).sum())} unit id(s) are not in the hierarchy, e.g. {missing}",
                            field="unit")
        pos32 = pos.astype(np.int32)
        # None when the categories are the hierarchy's units in order: the codes are then unit indices.
        umap = None if np.array_equal(pos32, np.arange(len(pos32), dtype=np.int32)) else pos32
        self._last_map = (names, umap)
        return umap

    @classmethod
    def from_frame(cls, df: pd.DataFrame) -> Hierarchy:
        """Columns ``id, parent, level`` and optionally ``valid_from, valid_to`` (closed; empty = open), ``name``
        and ``kind``; other columns (``code``, …) are kept as text in ``attributes()``, as from a units CSV."""
        cols = ["id", "parent", "level", "valid_from", "valid_to"]
        out = pd.DataFrame({c: (df[c] if c in df else "") for c in cols})
        for c in df.columns:
            if c not in cols:
                out[str(c)] = df[c]
        for c in ("valid_from", "valid_to"):
            v = out[c]
            if pd.api.types.is_datetime64_any_dtype(v):
                out[c] = v.dt.strftime("%Y-%m-%d")
        return cls.from_csv(out.fillna("").to_csv(index=False), "<DataFrame>")

    @classmethod
    def from_csv(cls, text: str, file: str = "<csv>") -> Hierarchy:
        """CSV with the columns ``id, parent, level`` and optionally ``valid_from, valid_to, name, kind`` (by name,
        any order; other columns are kept in ``attributes()``); a bad row raises LoadError with its line."""
        h, w = _core.hierarchy_from_csv(text, file)
        return cls(h, [Diagnostic(*x) for x in w])

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Hierarchy:
        """A units CSV, or a JSON framework / array of units."""
        h, w = _core.hierarchy_from_file(os.fspath(path))
        return cls(h, [Diagnostic(*x) for x in w])

    @classmethod
    def from_framework(cls, fw: Any) -> Hierarchy:
        """The units of a ``da06.Framework``."""
        h, w = _core.hierarchy_from_framework(fw.core)
        return cls(h, [Diagnostic(*x) for x in w])

    def __len__(self) -> int:
        return len(self._h)

    @property
    def ids(self) -> list[str]:
        return list(self._h.ids)

    @property
    def names(self) -> list[str]:
        """Unit names (a units file's ``name`` column; the id when it has none), in unit order."""
        return list(self._h.names)

    def attributes(self) -> pd.DataFrame:
        """The units file's other columns (``code``, …) as text, one row per unit, indexed by id."""
        return pd.DataFrame({c: self._h.attribute(c) for c in self._h.attribute_names},
                            index=pd.Index(self._h.ids, name="id"), dtype=object)

    def index(self) -> dict[str, int]:
        """id → unit index."""
        if self._index is None:
            self._index = {u: i for i, u in enumerate(self._h.ids)}
        return self._index

    def codes(self, ids: Any) -> npt.NDArray[np.int32]:
        """Unit indices of ids (−1 for an unknown id): precompute a ``unit`` column once, aggregate many times."""
        ix = self.index()
        return np.fromiter((ix.get(str(u), -1) for u in ids), dtype=np.int32)

    def ancestor_map(self, level: str, as_of: DateLike) -> npt.NDArray[np.int32]:
        """Element i: the index of unit i's ancestor at ``level`` on ``as_of`` (itself at that level), or −1."""
        return self._h.ancestor_map(level, to_date(as_of))

    @property
    def core(self) -> _core.Hierarchy:
        return self._h

    def __repr__(self) -> str:
        return f"<da06.Hierarchy of {len(self)} units>"


# ---------------------------------------------------------------------------------------------
# Input columns. Each kind of column is turned into what the engine reads (integer codes read in place
# and the labels they stand for; int64 counts) by one function per kind, so that a new input form (Arrow
# dictionary or string columns, say) is one more branch in `_codes`, not a change to `aggregate`.

# Integer label columns whose values span at most this many codes per row are read in place (code c is
# label c); sparser ones ([0, 10**9], negative labels) are numbered densely first, so that the engine's
# tables are sized by the labels present, never by the largest.
_DENSE_SPAN_PER_ROW = 2
_DENSE_SPAN_MIN = 1 << 16


def _string_codes(col: Any) -> tuple[npt.NDArray[Any], pd.Index, npt.NDArray[np.int32]] | None:
    """Codes of a string column hashed in C++ from its Arrow buffers (pandas ``str``, pyarrow, polars, or a
    dictionary-encoded column): (codes in first-appearance order, the names sorted, first-appearance code →
    sorted position). None when the column is not string-like or cannot cross as Arrow."""
    if not hasattr(col, "__arrow_c_stream__") and not hasattr(col, "__arrow_c_array__"):
        return None
    if isinstance(col, pd.Series) and not (pd.api.types.is_string_dtype(col.dtype)
                                           or isinstance(col.dtype, pd.CategoricalDtype)):
        return None
    try:
        codes, keys = _core.arrow_string_codes(col)
    except (TypeError, ValueError, _core_errors()):  # not strings (mixed objects, numbers): the caller factorizes
        return None
    order = np.argsort(np.asarray(keys, dtype=object), kind="stable")
    rank = np.empty(len(keys), dtype=np.int32)
    rank[order] = np.arange(len(keys), dtype=np.int32)
    return codes, pd.Index(np.asarray(keys, dtype=object)[order]), rank


def _core_errors() -> type[BaseException]:
    from ._errors import Error

    return Error


def _codes(col: "pd.Series[Any]", what: str) -> tuple[npt.NDArray[Any], pd.Index]:
    """(integer codes as stored — no copy for a categorical or a dense integer column, names of the codes)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        cat = col.array
        return np.ascontiguousarray(cat.codes), cat.categories
    if pd.api.types.is_integer_dtype(col.dtype) and not pd.api.types.is_extension_array_dtype(col.dtype):
        return _integer_codes(np.ascontiguousarray(col.to_numpy()))
    codes, uniques = pd.factorize(col, sort=True)
    return codes, pd.Index(uniques)


def _integer_codes(a: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], pd.Index]:
    """Integer labels: in place when they are dense from 0 (label c is code c), else numbered densely in one
    pass (the labels, sorted, are the names of the codes: the result shows the caller's labels either way)."""
    if a.size == 0:
        return a, pd.RangeIndex(0)
    lo, hi = int(a.min()), int(a.max())
    if lo >= 0 and hi < max(_DENSE_SPAN_PER_ROW * a.size, _DENSE_SPAN_MIN):
        return a, pd.RangeIndex(hi + 1)
    codes, uniques = pd.factorize(a, sort=True)
    return codes.astype(np.int32, copy=False), pd.Index(uniques)


def _hash_keys(cols: Mapping[str, Any]) -> dict[str, Any]:
    """_string_codes of several columns at once (threads: the C++ hashing releases the GIL)."""
    if len(cols) <= 1:
        return {k: _string_codes(v) for k, v in cols.items()}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(cols)) as pool:
        futures = {k: pool.submit(_string_codes, v) for k, v in cols.items()}
        return {k: f.result() for k, f in futures.items()}


def _key_codes(col: Any, what: str, sc: Any = None) -> tuple[npt.NDArray[Any], pd.Index, npt.NDArray[np.int32] | None]:
    """Codes, names and (for hashed strings) the code → name-position map of an indicator or period column."""
    if sc is not None:
        return sc[0], sc[1], sc[2]
    codes, names = _codes(col, what)
    return codes, names, None


def _is_plain_integer(col: Any) -> bool:
    if isinstance(col, pd.Series):
        return bool(pd.api.types.is_integer_dtype(col.dtype) and not pd.api.types.is_extension_array_dtype(col.dtype))
    return np.asarray(col[:0]).dtype.kind in "iu" if hasattr(col, "__len__") else False


def _to_numpy(col: Any) -> npt.NDArray[Any]:
    if isinstance(col, pd.Series):
        return col.to_numpy()
    return np.asarray(col.to_numpy())


def _frame_of(df: Any) -> Any:
    """A polars DataFrame or a pyarrow Table is read column by column (string columns through Arrow in C++,
    counts as numpy); a pandas DataFrame as it is."""
    if isinstance(df, pd.DataFrame):
        return df
    mod = type(df).__module__
    if mod.startswith("polars"):
        return {c: df[c] for c in ("unit", "indicator", "period", "numerator", "denominator")}
    if mod.startswith("pyarrow"):
        return {c: df.column(c) for c in ("unit", "indicator", "period", "numerator", "denominator")}
    return df


_INT64_MAX = int(np.iinfo(np.int64).max)


def _row_name(col: Any, i: int) -> str:
    """'row 3', with the index label when it is not the position."""
    if not isinstance(col, pd.Series):
        return f"row {i}"
    label = col.index[i]
    return f"row {i}" if (isinstance(label, (int, np.integer)) and int(label) == i) else f"row {i} (index {label!r})"


def _bad_count(col: Any, a: npt.NDArray[Any], what: str, i: int, why: str) -> Exception:
    from ._errors import DataError

    v = a[i]
    shown = repr(v.item() if isinstance(v, np.generic) else v)
    return DataError(f"aggregate: {what} {shown} in {_row_name(col, i)} {why}", field=what)


def _counts(col: Any, what: str) -> npt.NDArray[np.int64]:
    """A numerator or denominator column (pandas, polars or pyarrow) as int64 counts, in place when it is
    int64 already. Anything that is not a whole count within int64 is refused here, naming the column, the
    value and its row: booleans, missing values, fractions, values beyond 2**63 - 1 (a uint64 2**64 - 1 must
    not become -1)."""
    from ._errors import DataError

    if isinstance(col, pd.Series):
        dt = col.dtype
        if pd.api.types.is_bool_dtype(dt):
            raise DataError(f"aggregate: the {what} column holds booleans (True/False), not counts", field=what)
        if isinstance(dt, np.dtype) and dt.kind == "i":
            return np.ascontiguousarray(col.to_numpy(dtype=np.int64, copy=False))
        missing = col.isna().to_numpy()
        if missing.any():
            i = int(np.argmax(missing))
            raise DataError(f"aggregate: the {what} column has a missing value in {_row_name(col, i)}", field=what)
        if pd.api.types.is_extension_array_dtype(dt) and hasattr(dt, "numpy_dtype"):
            a = col.to_numpy(dtype=dt.numpy_dtype)
        else:
            a = col.to_numpy()
    else:  # polars / pyarrow: int64 without nulls is read in place
        if getattr(col, "null_count", 0):
            n = col.null_count() if callable(col.null_count) else col.null_count
            if n:
                raise DataError(f"aggregate: the {what} column has {n} missing value(s)", field=what)
        a = np.asarray(col.to_numpy())
        if a.dtype.kind == "b":
            raise DataError(f"aggregate: the {what} column holds booleans (True/False), not counts", field=what)
    if a.dtype.kind == "i":
        return np.ascontiguousarray(a, dtype=np.int64)
    if a.dtype.kind == "u":
        over = a > _INT64_MAX
        if over.any():
            raise _bad_count(col, a, what, int(np.argmax(over)), "does not fit in a signed 64-bit count (at most 2**63 - 1)")
        return np.ascontiguousarray(a, dtype=np.int64)
    if a.dtype.kind == "f":
        bad = ~np.isfinite(a) | (np.mod(a, 1) != 0) | (a >= 2.0**63) | (a < -(2.0**63))
        if bad.any():
            i = int(np.argmax(bad))
            why = "is not a whole count" if np.isfinite(a[i]) and np.mod(a[i], 1) != 0 else \
                "is missing" if np.isnan(a[i]) else "is not a count within the signed 64-bit range"
            raise _bad_count(col, a, what, i, why)
        return a.astype(np.int64)
    if a.dtype.kind == "O":
        out = np.empty(len(a), dtype=np.int64)
        for i, v in enumerate(a):
            if isinstance(v, (bool, np.bool_)):
                raise _bad_count(col, a, what, i, "is a boolean, not a count")
            if isinstance(v, (int, np.integer)):
                if not -_INT64_MAX - 1 <= int(v) <= _INT64_MAX:
                    raise _bad_count(col, a, what, i, "does not fit in a signed 64-bit count (at most 2**63 - 1)")
                out[i] = int(v)
            elif isinstance(v, (float, np.floating)) and np.isfinite(v) and float(v).is_integer() and \
                    abs(float(v)) < 2.0**63:
                out[i] = int(v)
            else:
                raise _bad_count(col, a, what, i, "is not a whole count")
        return out
    raise DataError(f"aggregate: the {what} column must hold integer counts, not {a.dtype}", field=what)


class _Encoded(NamedTuple):
    """A frame's five columns as the engine reads them: integer codes (read in place where possible) with
    the names they stand for and, for hashed strings, the code → name-position map; int64 counts."""

    unit: npt.NDArray[Any]
    unit_map: npt.NDArray[np.int32] | None  # unit code → hierarchy index; None when codes are indices
    indicator: npt.NDArray[Any]
    indicator_map: npt.NDArray[np.int32] | None
    indicator_names: pd.Index
    period: npt.NDArray[Any]
    period_map: npt.NDArray[np.int32] | None
    period_names: pd.Index
    numerator: npt.NDArray[np.int64]
    denominator: npt.NDArray[np.int64]


def _unit_codes(col: Any, h: Hierarchy, sc: Any = None) -> tuple[npt.NDArray[Any], npt.NDArray[np.int32] | None]:
    """Unit ids (strings, a categorical, hashed Arrow strings) → (codes, code → hierarchy index); integer
    columns are unit indices already."""
    if _is_plain_integer(col):
        return np.ascontiguousarray(_to_numpy(col)), None
    if sc is not None:
        names_in_order = pd.Index(np.asarray(sc[1])[sc[2]])  # first-appearance order: the codes' own names
        return sc[0], h._unit_map(names_in_order)
    codes, names = _codes(col, "unit")
    return codes, h._unit_map(names)


def _encode(df_in: Any, h: Hierarchy) -> _Encoded:
    """The five columns of a pandas or polars DataFrame or a pyarrow Table, encoded for the engine."""
    cols = df_in.columns if not type(df_in).__module__.startswith("pyarrow") else df_in.column_names
    for c in ("unit", "indicator", "period", "numerator", "denominator"):
        if c not in cols:
            raise KeyError(f"aggregate: the DataFrame has no {c!r} column")
    df = _frame_of(df_in)
    # String key columns are hashed in C++ with the GIL released: the three run side by side.
    hashed = _hash_keys({k: df[k] for k in ("unit", "indicator", "period")
                         if not isinstance(getattr(df[k], "dtype", None), pd.CategoricalDtype)
                         and not (k == "unit" and _is_plain_integer(df[k]))})
    ucodes, umap = _unit_codes(df["unit"], h, hashed.get("unit"))
    icodes, inames, imap = _key_codes(df["indicator"], "indicator", hashed.get("indicator"))
    pcodes, pnames, pmap = _key_codes(df["period"], "period", hashed.get("period"))
    return _Encoded(ucodes, umap, icodes, imap, inames, pcodes, pmap, pnames, _counts(df["numerator"], "numerator"),
                    _counts(df["denominator"], "denominator"))


# ---------------------------------------------------------------------------------------------
# Targets. The result's ratio and gap are fractions (0.55 is 55 %), so targets are fractions too:
# 0.9, or explicitly in percent as "90%". A bare number above 1 (90) would be read as 9 000 % if it were
# taken as a fraction and as 90 % if it were taken as a percentage: it is refused, with both spellings.

_OPS = (">=", "<=", "==", ">", "<", "=")


def _target(indicator: Any, v: Any) -> tuple[str, Fraction]:
    """0.9 → (">=", 9/10); "90%" → (">=", 9/10); "<=5%" → ("<=", 1/20); 90 and "<=5" are ambiguous."""
    from ._errors import DataError

    def refuse(why: str) -> Exception:
        return DataError(f"aggregate: the target {v!r} of indicator {indicator!r} {why}", field="targets")

    if isinstance(v, (bool, np.bool_)):
        raise refuse("is a boolean; write a fraction such as 0.9, or a percentage such as \"90%\"")
    op = ">="
    if isinstance(v, str):
        s = v.strip().replace(" ", "")
        for o in _OPS:
            if s.startswith(o):
                op, s = ("=" if o == "==" else o), s[len(o):]
                break
        percent = s.endswith("%")
        if percent:
            s = s[:-1]
        try:
            value = Fraction(_decimal.Decimal(s.replace(",", ".") if s.count(",") == 1 and "." not in s else s))
        except (ValueError, ArithmeticError):
            raise refuse("is not a number (write 0.9, \">=0.9\" or \"90%\")") from None
    elif isinstance(v, (int, np.integer)):
        value, percent = Fraction(int(v)), False
    elif isinstance(v, (float, np.floating)):
        if not np.isfinite(v):
            raise refuse("is not a finite number")
        value, percent = Fraction(_decimal.Decimal(repr(float(v)))), False
    elif isinstance(v, (Fraction, _decimal.Decimal)):
        value, percent = Fraction(v), False
    else:
        raise refuse("must be a number (0.9) or a string (\">=0.9\", \"90%\")")
    if percent:
        return op, value / 100
    if value > 1:
        shown = f"{float(value):g}"
        raise refuse(f"is ambiguous: ratios and gaps are fractions here (0.55 is 55 %); for {shown} % write "
                     f"{float(value / 100):g} or \"{shown}%\" (a ratio above 1, as a fraction, in percent: "
                     f"\"{float(value * 100):g}%\")")
    return op, value


UnitsLike = Union[Hierarchy, "pd.DataFrame", str, "os.PathLike[str]", Any]


def aggregate(df: pd.DataFrame, units: UnitsLike, to_level: str = "province", as_of: DateLike | None = None, *,
              targets: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Sum numerators and denominators up the hierarchy to ``to_level`` as of a date, then divide.

    ``df`` (a pandas or polars DataFrame, or a pyarrow Table) has columns ``unit, indicator, period,
    numerator, denominator``. ``unit`` holds unit ids (strings — hashed in C++ from their Arrow buffers —
    or a categorical), or int32 unit indices of ``units`` (``Hierarchy.codes``).
    ``units`` is a ``Hierarchy``, a units DataFrame (``id, parent, level, valid_from, valid_to``), a
    units file, or a ``Framework``. ``as_of`` defaults to today. ``targets`` maps an indicator to its
    target for the ``gap`` and ``status`` columns, in the units of the ``ratio`` column (fractions):
    ``0.9`` or ``">=0.9"``, or in percent with the sign: ``"90%"``, ``"<=5%"``. A bare number above 1
    (``90``) is ambiguous and refused. Integer ``indicator`` and ``period`` labels may be sparse
    (``[0, 10**9]``); the result shows them as given.

    Returns one row per (unit at the level, indicator, period) with rows: ``unit``, ``indicator``,
    ``period``, ``rows`` (observations summed), exact ``numerator`` and ``denominator``, ``ratio``
    (float, for display), ``gap`` (ratio − target, float; ×100 for percentage points) and ``status``
    (met, not_met, no_target, no_denominator). Rows that could not be aggregated (a unit with no
    ancestor at the level on the date, an unknown unit, a negative count) are listed in
    ``result.attrs["dropped_units"]`` / ``["bad_rows"]`` and announced by a ``da06.DataWarning``.
    """
    h = _hierarchy(units)
    day = to_date(as_of) if as_of is not None else _dt.date.today()
    x = _encode(df, h)
    th = []
    if targets:
        code_of = {str(n): i for i, n in enumerate(x.indicator_names)}
        for name, v in targets.items():
            op, val = _target(name, v)
            if str(name) in code_of:
                th.append((code_of[str(name)], op, str(val.numerator), str(val.denominator)))
    r = _core.aggregate_columns(h.core, to_level, day, x.unit, x.unit_map, x.indicator, x.indicator_map, x.period,
                                x.period_map, x.numerator, x.denominator, len(x.indicator_names),
                                len(x.period_names), th)
    inames, pnames = x.indicator_names, x.period_names
    ids = h._id_index()
    # Groups come ordered by unit index: a unit's category code is the number of unit changes before it.
    gu = r["unit"]
    starts = np.empty(len(gu), dtype=bool)
    starts[:1] = True
    np.not_equal(gu[1:], gu[:-1], out=starts[1:])
    ucat = np.cumsum(starts, dtype=np.int32)
    ucat -= 1
    statuses = pd.Index(["met", "not_met", "no_target", "no_denominator"])
    # copy=False: the count and ratio columns stay the engine's arrays (no block consolidation copy).
    out = pd.DataFrame({
        "unit": pd.Categorical.from_codes(ucat, categories=ids[gu[starts]]),
        "indicator": pd.Categorical.from_codes(r["indicator"], categories=inames),
        "period": pd.Categorical.from_codes(r["period"], categories=pnames),
        "rows": r["rows"],
        "numerator": r["numerator"],
        "denominator": r["denominator"],
        "ratio": r["ratio"],
        "gap": r["gap"],
        "status": pd.Categorical.from_codes(r["status"].view(np.int8), categories=statuses),
    }, copy=False)
    dropped = [{"unit": ids[u], "reason": why, "rows": rows, "numerator": n, "denominator": d}
               for (u, why, rows, n, d) in r["dropped"]]
    out.attrs.update({
        "level": to_level, "as_of": day.isoformat(), "rows_used": r["rows_used"], "rows_dropped": r["rows_dropped"],
        "dropped_units": dropped, "bad_rows": [{"row": i, "message": m} for i, m in r["bad_rows"]],
        "bad_row_count": r["bad_row_count"],
    })
    if r["rows_dropped"] or r["bad_row_count"]:
        warnings.warn(
            f"da06.aggregate: {r['rows_dropped']} row(s) of {len(dropped)} unit(s) have no {to_level} on {day} and "
            f"{r['bad_row_count']} row(s) are invalid; see result.attrs['dropped_units'] and ['bad_rows']",
            DataWarning, stacklevel=2)
    return out


def _hierarchy(units: Any) -> Hierarchy:
    if isinstance(units, Hierarchy):
        return units
    if isinstance(units, pd.DataFrame):
        return Hierarchy.from_frame(units)
    if isinstance(units, (str, os.PathLike)):
        return Hierarchy.from_file(units)
    if hasattr(units, "core") and hasattr(units, "tasks_frame"):
        return Hierarchy.from_framework(units)
    if isinstance(units, io.StringIO):
        return Hierarchy.from_csv(units.getvalue())
    raise TypeError("aggregate: units must be a Hierarchy, a units DataFrame, a file path or a Framework")
