"""Turning dates of every common kind into what the compiled core takes, without copies when possible.

Scalars become ``datetime.date``; arrays become int64 days since 1970-01-01, which is exactly the memory
of a numpy ``datetime64[D]`` array: ``a.view(np.int64)`` is a view, not a copy. Other inputs (strings,
``datetime.date`` objects, ``datetime64[ns]`` columns of pandas) are converted once, here.

One rule for time zones, whatever the form: a time-zone-aware value (a ``datetime`` with ``tzinfo``, a
tz-aware ``pandas.Timestamp``, Series or DatetimeIndex) is converted to Vietnam's time
(Asia/Ho_Chi_Minh) before its date is taken; a naive value is already local time. So
2024-01-01T23:30-05:00 is 2024-01-02 in Vietnam, in every form.

What is not a date is refused, naming the element: booleans, complex numbers, day numbers that are
not whole (1.5) or do not fit in int64 (a uint64 2**64-1 would wrap to 1969-12-31).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Union

import numpy as np
import numpy.typing as npt

#: A single date: ``datetime.date`` (or ``datetime``/``pandas.Timestamp``), ``numpy.datetime64``, or "YYYY-MM-DD".
DateLike = Union[_dt.date, np.datetime64, str]

_EPOCH = _dt.date(1970, 1, 1)
_INT64_MAX = np.iinfo(np.int64).max


def vietnam_tz() -> _dt.tzinfo:
    """Asia/Ho_Chi_Minh (the IANA zone when the system has it; UTC+7 otherwise, as since 1975)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # no tz database on this system
        return _dt.timezone(_dt.timedelta(hours=7), "ICT")


def to_local_datetime(x: _dt.datetime) -> _dt.datetime:
    """A naive datetime in Vietnam's time: aware values are converted, naive ones are kept."""
    if x.tzinfo is not None and x.tzinfo.utcoffset(x) is not None:
        return x.astimezone(vietnam_tz()).replace(tzinfo=None)
    return x


def to_date(x: Any) -> _dt.date:
    """One date from any DateLike; da06.ParseError for bad text, TypeError for what is not a date."""
    from ._errors import ParseError

    if isinstance(x, _dt.datetime):  # pandas.Timestamp too
        return to_local_datetime(x).date()
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
            raise ParseError(f'expected an ISO date "YYYY-MM-DD", got {x[:60]!r}') from None
    raise TypeError(f"expected a date, a numpy.datetime64 or an ISO string, got {type(x).__name__}")


def optional_date(x: Any) -> _dt.date | None:
    return None if x is None else to_date(x)


def is_scalar(x: Any) -> bool:
    return isinstance(x, (_dt.date, np.datetime64, str)) or (np.ndim(x) == 0 and not isinstance(x, (list, tuple)))


def _tz_aware_to_local(x: Any) -> Any:
    """A tz-aware pandas Series or DatetimeIndex as naive Vietnam time; anything else unchanged."""
    dtype = getattr(x, "dtype", None)
    if getattr(dtype, "tz", None) is None:
        return x
    if hasattr(x, "dt"):  # Series
        return x.dt.tz_convert("Asia/Ho_Chi_Minh").dt.tz_localize(None)
    return x.tz_convert("Asia/Ho_Chi_Minh").tz_localize(None)  # DatetimeIndex


def _first_bad(mask: npt.NDArray[np.bool_]) -> int:
    return int(np.flatnonzero(mask.ravel())[0])


def as_days(x: Any, what: str = "dates") -> npt.NDArray[np.int64]:
    """Days since 1970-01-01 as an int64 array of x's shape. No copy for a datetime64[D] array.

    Integer arrays are day numbers; whole floats are accepted as day numbers too. Booleans, complex
    numbers, fractional or non-finite floats and integers beyond int64 are refused with the index of
    the first bad element.
    """
    from ._errors import InvalidArgument

    a = np.asarray(_tz_aware_to_local(x))
    kind = a.dtype.kind
    if kind == "M":
        return a.astype("datetime64[D]", copy=False).view(np.int64)  # floors to the day; a no-op for [D]
    if kind == "i":
        return a.astype(np.int64, copy=False)
    if kind == "u":
        if a.size and a.dtype.itemsize == 8 and (a > _INT64_MAX).any():
            i = _first_bad(a > _INT64_MAX)
            raise InvalidArgument(f"{what}[{i}] = {a.ravel()[i]} is not a day number (it does not fit in int64)")
        return a.astype(np.int64, copy=False)
    if kind == "f":
        bad = ~np.isfinite(a) | (a != np.round(a)) | (np.abs(a) > 2.0**62)
        if a.size and bad.any():
            i = _first_bad(bad)
            raise InvalidArgument(f"{what}[{i}] = {a.ravel()[i].item()!r} is not a whole day number")
        return a.astype(np.int64)
    if kind in "bc":
        name = "booleans" if kind == "b" else "complex numbers"
        raise InvalidArgument(f"{what} are {name} ({a.dtype}), not dates or day numbers")
    if kind == "O":
        out = np.empty(a.shape, dtype="datetime64[D]")
        flat = out.reshape(-1)
        for i, v in enumerate(a.ravel()):
            if v is None:
                flat[i] = np.datetime64("NaT")
                continue
            if isinstance(v, (bool, np.bool_, complex, float, int)) and not isinstance(v, np.datetime64):
                raise InvalidArgument(f"{what}[{i}] = {v!r} is not a date")
            flat[i] = np.datetime64(to_date(v), "D")
        return out.view(np.int64)
    return a.astype("datetime64[D]").view(np.int64)  # ISO strings


def as_int64(x: Any, what: str = "offsets") -> npt.NDArray[np.int64]:
    """Whole numbers as int64 (working-day offsets); anything else is refused, naming the element."""
    from ._errors import InvalidArgument

    a = np.asarray(x)
    kind = a.dtype.kind
    if kind == "i":
        return a.astype(np.int64, copy=False)
    if kind == "u":
        if a.size and a.dtype.itemsize == 8 and (a > _INT64_MAX).any():
            i = _first_bad(a > _INT64_MAX)
            raise InvalidArgument(f"{what}[{i}] = {a.ravel()[i]} does not fit in int64")
        return a.astype(np.int64, copy=False)
    if kind == "f":
        bad = ~np.isfinite(a) | (a != np.round(a)) | (np.abs(a) > 2.0**62)
        if a.size and bad.any():
            i = _first_bad(bad)
            raise TypeError(f"working-day offsets must be whole numbers: {what}[{i}] = {a.ravel()[i].item()!r}")
        return a.astype(np.int64)
    raise TypeError(f"{what} must be whole numbers, not {a.dtype}")


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
