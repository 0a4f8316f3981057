"""Aggregation up the dated administrative hierarchy: Σnumerator ÷ Σdenominator, never a mean of percentages.

    >>> h = da06.Hierarchy.from_frame(pd.DataFrame({"id": ["TH", "X1", "X2"], "parent": ["", "TH", "TH"],
    ...                                             "level": ["province", "commune", "commune"]}))
    >>> obs = pd.DataFrame({"unit": ["X1", "X2"], "indicator": "online_rate", "period": "2025-S2",
    ...                     "numerator": [1, 30], "denominator": [2, 40]})
    >>> r = da06.aggregate(obs, h, to_level="province", as_of="2026-01-01", targets={"online_rate": 90})
    >>> r[["unit", "numerator", "denominator", "status"]].to_dict("records")   # 31/42, not the mean of 50% and 75%
    [{'unit': 'TH', 'numerator': 31, 'denominator': 42, 'status': 'not_met'}]

The observation columns cross into C++ without copies (see bindings/python/register_aggregate.cpp):
int64 numerators/denominators are read in place, and categorical or integer code columns are read in
place at whatever width pandas chose (the engine stages them 2048 rows at a time), with the GIL released.
"""
from __future__ import annotations

import datetime as _dt
import io
import os
import warnings
from typing import Any, Mapping, Union

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
        """Columns ``id, parent, level`` and optionally ``valid_from, valid_to`` (closed; empty = open)."""
        cols = ["id", "parent", "level", "valid_from", "valid_to"]
        out = pd.DataFrame({c: (df[c] if c in df else "") for c in cols})
        for c in ("valid_from", "valid_to"):
            v = out[c]
            if pd.api.types.is_datetime64_any_dtype(v):
                out[c] = v.dt.strftime("%Y-%m-%d")
        return cls.from_csv(out.fillna("").to_csv(index=False), "<DataFrame>")

    @classmethod
    def from_csv(cls, text: str, file: str = "<csv>") -> Hierarchy:
        """CSV with the header ``id,parent,level,valid_from,valid_to``; a bad row raises LoadError with its line."""
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


def _codes(col: "pd.Series[Any]", what: str) -> tuple[npt.NDArray[Any], pd.Index]:
    """(integer codes as stored — no copy for a categorical or an integer column, names of the codes)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        cat = col.array
        return np.ascontiguousarray(cat.codes), cat.categories
    if pd.api.types.is_integer_dtype(col.dtype) and not pd.api.types.is_extension_array_dtype(col.dtype):
        a = np.ascontiguousarray(col.to_numpy())
        hi = int(a.max()) + 1 if a.size else 0
        return a, pd.RangeIndex(hi)
    codes, uniques = pd.factorize(col, sort=True)
    return codes, pd.Index(uniques)


def _counts(col: "pd.Series[Any]", what: str) -> npt.NDArray[np.int64]:
    if not pd.api.types.is_integer_dtype(col.dtype) or pd.api.types.is_extension_array_dtype(col.dtype):
        if col.isna().any():
            raise ValueError(f"aggregate: the {what} column has missing values")
        if pd.api.types.is_float_dtype(col.dtype) and not np.all(np.mod(col.to_numpy(), 1) == 0):
            raise ValueError(f"aggregate: the {what} column must hold whole counts")
    return np.ascontiguousarray(col.to_numpy(dtype=np.int64, copy=False))


def _threshold(v: Any) -> tuple[str, str]:
    """90 → (">=", "90"); "<=5" → ("<=", "5"): a target in percent."""
    s = str(v).strip().replace(" ", "").replace("%", "")
    for op in (">=", "<=", ">", "<", "="):
        if s.startswith(op):
            return op, s[len(op):]
    return ">=", s


UnitsLike = Union[Hierarchy, "pd.DataFrame", str, "os.PathLike[str]", Any]


def aggregate(df: pd.DataFrame, units: UnitsLike, to_level: str = "province", as_of: DateLike | None = None, *,
              targets: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Sum numerators and denominators up the hierarchy to ``to_level`` as of a date, then divide.

    ``df`` has columns ``unit, indicator, period, numerator, denominator``. ``unit`` holds unit ids
    (strings or a categorical — fastest), or int32 unit indices of ``units`` (``Hierarchy.codes``).
    ``units`` is a ``Hierarchy``, a units DataFrame (``id, parent, level, valid_from, valid_to``), a
    units file, or a ``Framework``. ``as_of`` defaults to today. ``targets`` maps an indicator to a
    percentage target (``90`` or ``">=90"``, ``"<=5"``) for the ``gap`` and ``status`` columns.

    Returns one row per (unit at the level, indicator, period) with rows: ``unit``, ``indicator``,
    ``period``, ``rows`` (observations summed), exact ``numerator`` and ``denominator``, ``ratio``
    (float, for display), ``gap`` (ratio − target, float; ×100 for percentage points) and ``status``
    (met, not_met, no_target, no_denominator). Rows that could not be aggregated (a unit with no
    ancestor at the level on the date, an unknown unit, a negative count) are listed in
    ``result.attrs["dropped_units"]`` / ``["bad_rows"]`` and announced by a ``da06.DataWarning``.
    """
    for c in ("unit", "indicator", "period", "numerator", "denominator"):
        if c not in df.columns:
            raise KeyError(f"aggregate: the DataFrame has no {c!r} column")
    h = _hierarchy(units)
    day = to_date(as_of) if as_of is not None else _dt.date.today()

    ucol = df["unit"]
    if pd.api.types.is_integer_dtype(ucol.dtype) and not pd.api.types.is_extension_array_dtype(ucol.dtype):
        ucodes: npt.NDArray[Any] = np.ascontiguousarray(ucol.to_numpy())  # already unit indices
        umap = None
    else:
        ucodes, unames = _codes(ucol, "unit")
        umap = h._unit_map(unames)
    icodes, inames = _codes(df["indicator"], "indicator")
    pcodes, pnames = _codes(df["period"], "period")
    num = _counts(df["numerator"], "numerator")
    den = _counts(df["denominator"], "denominator")
    th = []
    if targets:
        code_of = {str(n): i for i, n in enumerate(inames)}
        for name, v in targets.items():
            if str(name) in code_of:
                op, val = _threshold(v)
                th.append((code_of[str(name)], op, val))
    r = _core.aggregate_columns(h.core, to_level, day, ucodes, umap, icodes, None, pcodes, None, num, den,
                                len(inames), len(pnames), th)
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
        "bad_row_count": r["bad_row_count"], "seconds": r["seconds"],
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
