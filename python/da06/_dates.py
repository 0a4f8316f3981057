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


#: Vietnam's civil time, Asia/Ho_Chi_Minh: UTC+07:00 without daylight saving since 13 June 1975.
VN_UTC_OFFSET = _dt.timedelta(hours=7)
_VN_TZ = _dt.timezone(VN_UTC_OFFSET, "Asia/Ho_Chi_Minh")


def to_local_moment(x: Any) -> tuple[_dt.date, _dt.time | None]:
    """One moment of receipt as (local date, local time of day or None).

    An input that carries a time keeps it: a ``datetime`` or ``pandas.Timestamp``, a ``numpy.datetime64``
    finer than a day (``[h]``, ``[m]``, ``[s]``, ``[ms]``, ``[us]``, ``[ns]``), an ISO string with a time
    ("2024-04-26T16:30", "2024-04-26 16:30:05", with or without "Z" or "+07:00"). A naive time is local
    (Vietnam) time; a time with a zone is converted to Asia/Ho_Chi_Minh (UTC+7). An input without a time
    (``datetime.date``, ``datetime64[D]``, "2024-04-26") is a date, and the time is None.
    """
    from ._errors import ParseError

    if isinstance(x, _dt.datetime):
        if x != x:  # pandas.NaT is a datetime that is not equal to itself
            raise ParseError("NaT is not a moment")
        if x.tzinfo is not None and x.utcoffset() is not None:
            x = x.astimezone(_VN_TZ)
        return x.date(), x.time().replace(tzinfo=None)
    if isinstance(x, _dt.date):
        return x, None
    if isinstance(x, np.datetime64):
        if np.isnat(x):
            raise ParseError("NaT is not a moment")
        unit = np.datetime_data(x.dtype)[0]
        if unit in ("Y", "M", "W", "D"):
            return to_date(x), None
        us = int(x.astype("datetime64[us]").astype(np.int64))
        moment = _dt.datetime(1970, 1, 1) + _dt.timedelta(microseconds=us)
        return moment.date(), moment.time()
    if isinstance(x, str):
        s = x.strip()
        if len(s) == 10:
            return to_date(s), None
        try:
            moment = _dt.datetime.fromisoformat(s)
        except ValueError:
            raise ParseError(f'expected an ISO date "YYYY-MM-DD" or date and time "YYYY-MM-DDTHH:MM[:SS][+07:00]", '
                             f"got {x!r}") from None
        return to_local_moment(moment)
    raise TypeError(f"expected a date, a datetime, a numpy.datetime64 or an ISO string, got {type(x).__name__}")
