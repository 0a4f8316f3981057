"""Turning dates of every common kind into what the compiled core takes, without copies when possible.

Scalars become ``datetime.date``; arrays become int64 days since 1970-01-01, which is exactly the memory
of a numpy ``datetime64[D]`` array: ``a.view(np.int64)`` is a view, not a copy. Other inputs (strings,
``datetime.date`` objects, ``datetime64[ns]`` columns of pandas) are converted once, here.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Union

import numpy as np
import numpy.typing as npt

#: A single date: ``datetime.date`` (or ``datetime``/``pandas.Timestamp``), ``numpy.datetime64``, or "YYYY-MM-DD".
DateLike = Union[_dt.date, np.datetime64, str]

_EPOCH = _dt.date(1970, 1, 1)


def to_date(x: Any) -> _dt.date:
    """One date from any DateLike; ``ValueError`` (da06.ParseError) for anything else."""
    from ._errors import ParseError

    if isinstance(x, _dt.datetime):
        return x.date()
    if isinstance(x, _dt.date):
        return x
    if isinstance(x, np.datetime64):
        if np.isnat(x):
            raise ParseError("NaT is not a date")
        days = int(x.astype("datetime64[D]").astype(np.int64))
        return _EPOCH + _dt.timedelta(days=days)
    if isinstance(x, str):
        try:
            return _dt.date.fromisoformat(x.strip()[:10])
        except ValueError:
            raise ParseError(f'expected an ISO date "YYYY-MM-DD", got {x!r}') from None
    raise TypeError(f"expected a date, a numpy.datetime64 or an ISO string, got {type(x).__name__}")


def optional_date(x: Any) -> _dt.date | None:
    return None if x is None else to_date(x)


def is_scalar(x: Any) -> bool:
    return isinstance(x, (_dt.date, np.datetime64, str)) or (np.ndim(x) == 0 and not isinstance(x, (list, tuple)))


def as_days(x: Any) -> npt.NDArray[np.int64]:
    """Days since 1970-01-01 as an int64 array of x's shape. No copy for a datetime64[D] array."""
    a = np.asarray(x)
    if a.dtype.kind == "M":
        a = a.astype("datetime64[D]", copy=False)  # a no-op for datetime64[D]
    elif a.dtype.kind in "iu":
        return a.astype(np.int64, copy=False)  # already day numbers
    else:
        if a.dtype == object:
            a = np.array([to_date(v) if v is not None else np.datetime64("NaT") for v in a.ravel()],
                         dtype="datetime64[D]").reshape(a.shape)
        else:
            a = a.astype("datetime64[D]")
    return a.view(np.int64)


def as_int64(x: Any) -> npt.NDArray[np.int64]:
    a = np.asarray(x)
    if a.dtype.kind not in "iu" and a.size:
        if a.dtype.kind == "f" and not np.all(np.isfinite(a) & (a == np.round(a))):
            raise TypeError("working-day offsets must be whole numbers")
    return a.astype(np.int64, copy=False)


def days_to_dates(days: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    """The inverse of as_days: a view as datetime64[D]."""
    return days.view("datetime64[D]")
