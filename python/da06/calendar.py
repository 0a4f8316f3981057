"""The Vietnamese public-sector working-day calendar, vectorised over numpy arrays.

    >>> cal = da06.Calendar.vietnam_public()
    >>> cal.is_workday("2024-04-29")              # swapped off for the 30/4 - 1/5 holidays
    False
    >>> cal.count_workdays_closed("2024-01-01", "2024-12-31")   # closed interval [a, b]
    251
    >>> cal.add_workdays(np.array(["2024-04-26"], "datetime64[D]"), 3)   # a make-up Saturday
    array(['2024-05-04'], dtype='datetime64[D]')

Arrays cross into C++ without copies: a C-contiguous ``datetime64[D]`` array is viewed as int64 days
(``a.view(np.int64)``) and read in place; the GIL is released while the batch runs, so threads scale.
"""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Literal, Mapping, Sequence, Union, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._dates import DateLike, as_days, as_int64, days_to_dates, is_scalar, to_date, to_local_moment
from ._errors import ParseError

#: Arrays of dates: a numpy array (datetime64 of any unit, strings, dates), a pandas Series or Index, a list.
# (lists and tuples rather than any Sequence: a str is a Sequence too, and is a single date here)
DateArray = Union[npt.NDArray[Any], "pd.Series[Any]", pd.Index, list[DateLike], tuple[DateLike, ...]]
IntArray = Union[npt.NDArray[Any], "pd.Series[Any]", list[int], tuple[int, ...]]
RollConvention = Literal["following", "preceding", "modified_following"]

__all__ = ["Calendar", "DateArray", "IntArray"]


def _pair(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], tuple[int, ...]]:
    """Flat operands of length n or 1 for the core, and the broadcast shape of the result."""
    shape = np.broadcast_shapes(a.shape, b.shape)
    fa, fb = a.ravel(), b.ravel()
    if fa.size not in (1, int(np.prod(shape))) or fb.size not in (1, int(np.prod(shape))):
        # General broadcasting (e.g. a column against a row) needs materialised operands: a copy.
        fa = np.ascontiguousarray(np.broadcast_to(a, shape)).ravel()
        fb = np.ascontiguousarray(np.broadcast_to(b, shape)).ravel()
    return fa, fb, shape


def _month(days: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    return days.view("datetime64[D]").astype("datetime64[M]")


class Calendar:
    """An immutable working-day calendar. ``with_schedule`` returns a new one; the old one is unchanged."""

    __slots__ = ("_c",)

    def __init__(self, core: _core.Calendar) -> None:
        self._c = core

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def vietnam_public(cls) -> Calendar:
        """The public-sector calendar: statutory holidays plus the official yearly schedules
        (Tết breaks, swaps, make-up Saturdays; 2023–2026 built in)."""
        return cls(_core.Calendar.vietnam_public())

    #: The same as :meth:`vietnam_public` (its first name; kept).
    vietnam = vietnam_public

    @classmethod
    def vietnam_statutory(cls) -> Calendar:
        """The Labour Code's holidays only (Điều 112), with compensatory days, no yearly schedules."""
        return cls(_core.Calendar.vietnam_statutory())

    def with_schedule(self, schedule: str | Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> Calendar:
        """A new calendar with a yearly schedule (JSON text, a dict, or a list of dicts) added.

        The format is docs/calendar.md's: ``{"year": 2027, "tet": ["2027-02-04", "2027-02-10"], "swaps": [...]}``.
        Raises ParseError / DataError naming the JSON path and field.
        """
        text = schedule if isinstance(schedule, str) else json.dumps(schedule, ensure_ascii=False, default=str)
        return Calendar(self._c.with_schedule(text))

    @property
    def schedule_years(self) -> list[int]:
        return list(self._c.schedule_years())

    def is_provisional(self, year: int) -> bool:
        """True when results in ``year`` rest on the statutory rules alone: this calendar follows
        official yearly schedules but has none for ``year`` (``Calendar.vietnam_public()`` in 2027 and later,
        until the government publishes that year's schedule)."""
        return bool(self._c.is_provisional(int(year)))

    def provisional_years(self, first: DateLike, last: DateLike) -> list[int]:
        """The provisional years among those of [first, last] (both included)."""
        return list(self._c.provisional_years(to_date(first), to_date(last)))

    # -- vectorised queries ---------------------------------------------------------------------
    @overload
    def is_workday(self, dates: DateLike) -> bool: ...
    @overload
    def is_workday(self, dates: DateArray) -> npt.NDArray[np.bool_]: ...
    def is_workday(self, dates: DateLike | DateArray) -> bool | npt.NDArray[np.bool_]:
        """Is each date a working day? A scalar gives a bool, an array a bool array of its shape."""
        if is_scalar(dates):
            return bool(self._c.is_workday(to_date(dates)))
        d = as_days(dates)
        return self._c.is_workday_days(d.ravel()).reshape(d.shape)

    @overload
    def count_workdays_closed(self, first: DateLike, last: DateLike) -> int: ...
    @overload
    def count_workdays_closed(self, first: DateArray | DateLike, last: DateArray) -> npt.NDArray[np.int64]: ...
    @overload
    def count_workdays_closed(self, first: DateArray, last: DateArray | DateLike) -> npt.NDArray[np.int64]: ...
    def count_workdays_closed(self, first: DateLike | DateArray, last: DateLike | DateArray) -> int | npt.NDArray[np.int64]:
        """Working days d with first ≤ d ≤ last (closed at both ends), element-wise with broadcasting.
        If first > last the count is negative: −count_workdays_closed(last, first)."""
        if is_scalar(first) and is_scalar(last):
            return int(self._c.count_workdays_closed(to_date(first), to_date(last)))
        a, b, shape = _pair(as_days(first), as_days(last))
        return self._c.count_closed_days(a, b).reshape(shape)

    @overload
    def count_workdays_half_open(self, begin: DateLike, end: DateLike) -> int: ...
    @overload
    def count_workdays_half_open(self, begin: DateArray | DateLike, end: DateArray) -> npt.NDArray[np.int64]: ...
    @overload
    def count_workdays_half_open(self, begin: DateArray, end: DateArray | DateLike) -> npt.NDArray[np.int64]: ...
    def count_workdays_half_open(self, begin: DateLike | DateArray, end: DateLike | DateArray) -> int | npt.NDArray[np.int64]:
        """numpy.busday_count's convention: [begin, end), negative (counting begin, not end) when begin > end."""
        if is_scalar(begin) and is_scalar(end):
            return int(self._c.count_workdays_half_open(to_date(begin), to_date(end)))
        a, b, shape = _pair(as_days(begin), as_days(end))
        return self._c.count_half_open_days(a, b).reshape(shape)

    #: numpy's name for :meth:`count_workdays_half_open` (kept, for numpy users).
    busday_count = count_workdays_half_open
    #: The deprecated name of :meth:`count_workdays_closed` (kept while the 0.x series lasts).
    workdays_between = count_workdays_closed

    @overload
    def add_workdays(self, dates: DateLike, n: int) -> _dt.date: ...
    @overload
    def add_workdays(self, dates: DateArray, n: IntArray | int) -> npt.NDArray[np.datetime64]: ...
    @overload
    def add_workdays(self, dates: DateLike, n: IntArray) -> npt.NDArray[np.datetime64]: ...
    def add_workdays(self, dates: DateLike | DateArray, n: IntArray | int) -> _dt.date | npt.NDArray[np.datetime64]:
        """n > 0: the n-th working day after the date (the date not counted); n = 0: the first
        working day ≥ the date; n < 0: the |n|-th working day before. Vectorised over both."""
        if is_scalar(dates) and np.ndim(n) == 0:
            return self._c.add_workdays(to_date(dates), int(n))  # type: ignore[arg-type]  # n is 0-d here
        a, b, shape = _pair(as_days(dates), as_int64(n))
        return days_to_dates(self._c.add_workdays_days(a, b)).reshape(shape)

    @overload
    def next_workday(self, dates: DateLike) -> _dt.date: ...
    @overload
    def next_workday(self, dates: DateArray) -> npt.NDArray[np.datetime64]: ...
    def next_workday(self, dates: DateLike | DateArray) -> _dt.date | npt.NDArray[np.datetime64]:
        """The first working day strictly after each date (``add_workdays(dates, 1)``)."""
        if is_scalar(dates):
            return self._c.next_workday(to_date(dates))
        return self.add_workdays(dates, 1)

    @overload
    def previous_workday(self, dates: DateLike) -> _dt.date: ...
    @overload
    def previous_workday(self, dates: DateArray) -> npt.NDArray[np.datetime64]: ...
    def previous_workday(self, dates: DateLike | DateArray) -> _dt.date | npt.NDArray[np.datetime64]:
        """The last working day strictly before each date (``add_workdays(dates, -1)``)."""
        if is_scalar(dates):
            return self._c.previous_workday(to_date(dates))
        return self.add_workdays(dates, -1)

    @overload
    def roll(self, dates: DateLike, convention: RollConvention = "following") -> _dt.date: ...
    @overload
    def roll(self, dates: DateArray, convention: RollConvention = "following") -> npt.NDArray[np.datetime64]: ...
    def roll(self, dates: DateLike | DateArray, convention: RollConvention = "following") -> _dt.date | npt.NDArray[np.datetime64]:
        """A non-working day moved to a working day; a working day is returned unchanged.
        ``following``: the next working day; ``preceding``: the previous one; ``modified_following``:
        the next one unless it is in another month, then the previous one. Vectorised like add_workdays."""
        if is_scalar(dates):
            return self._c.roll(to_date(dates), convention)
        if convention not in ("following", "preceding", "modified_following"):
            self._c.roll(_dt.date(2024, 1, 1), convention)  # raises InvalidArgument naming the conventions
        days = as_days(dates)
        flat = days.ravel()
        # The scalar rule on the batch call: add_workdays(d, 0) is the first working day ≥ d (following),
        # and for a day off add_workdays(d, -1) is the last working day before it (preceding).
        out = self._c.add_workdays_days(flat, np.zeros(1, np.int64))
        off = np.flatnonzero(out != flat)
        if convention != "following" and off.size:
            before = self._c.add_workdays_days(flat[off], np.full(1, -1, np.int64))
            if convention == "modified_following":
                keep = _month(out[off]) == _month(flat[off])
                off, before = off[~keep], before[~keep]
            out[off] = before
        return days_to_dates(out).reshape(days.shape)

    def holidays(self, year: int) -> pd.DataFrame:
        """Every entry of a year, by date: columns ``date`` (datetime64), ``name``, ``kind``
        (statutory, compensatory, swap_day_off, makeup_workday, schedule_extra) and ``day_off``."""
        rows = self._c.holidays(int(year))
        df = pd.DataFrame(rows, columns=["date", "name", "kind"])
        df["date"] = pd.to_datetime(df["date"])
        df["day_off"] = df["kind"] != "makeup_workday"
        return df

    def holidays_on(self, date: DateLike) -> list[tuple[_dt.date, str, str]]:
        return list(self._c.holidays_on(to_date(date)))

    def days_off(self, year: int) -> npt.NDArray[np.datetime64]:
        """Every day of the year that is not a working day (weekends included), as datetime64[D]."""
        days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"), dtype="datetime64[D]")
        return days[~self.is_workday(days)]

    # -- time limits ----------------------------------------------------------------------------
    def dossier_due(self, received_at: DateLike | _dt.datetime, working_days: int, *, cutoff: str | None = "15:00") -> tuple[_dt.date, _dt.date]:
        """(counted-as-received day, due day) of a dossier under Nghị định 61/2018 & 107/2021:
        processing starts the working day after receipt; a dossier received on a day off, or after
        the cut-off time (default 15:00; None = no cut-off), counts as received the next working day.

        ``received_at`` keeps its time of day in every form that carries one: a ``datetime`` or
        ``pandas.Timestamp``, a ``numpy.datetime64`` finer than a day, an ISO string with a time
        ("2024-04-26T16:30", "2024-04-26 16:30:05+07:00"). Naive times are Vietnam's local time; a time
        with a zone is converted to Asia/Ho_Chi_Minh (UTC+7). An input without a time ("2024-04-26", a
        ``datetime.date``, ``datetime64[D]``) is a date: the dossier counts as received on that day if it
        is a working day (the cut-off does not apply to a date).

        >>> cal.dossier_due("2024-04-26", 5)
        (datetime.date(2024, 4, 26), datetime.date(2024, 5, 7))
        >>> cal.dossier_due("2024-04-26T16:30", 5)      # after 15:00: counted as received on Thu 2/5
        (datetime.date(2024, 5, 2), datetime.date(2024, 5, 8))
        """
        day, tod = to_local_moment(received_at)
        if tod is None:
            tod = _dt.time(0, 0)  # a date: received within the day, before any cut-off
        if cutoff is None:
            ch, cm = 15, 0
        else:
            try:
                ch, cm = (int(p) for p in cutoff.split(":"))
            except ValueError:
                raise ParseError(f'cutoff must be "HH:MM", got {cutoff!r}') from None
        return _core.dossier_due(day, tod.hour, tod.minute, int(working_days), self._c, ch, cm, cutoff is not None,
                                 second=tod.second, microsecond=tod.microsecond)

    def dossier_status(self, promised: DateLike, returned: DateLike) -> dict[str, Any]:
        """early / on_time / late (trước hạn / đúng hạn / quá hạn), and by how many working and calendar days."""
        s, vi, wd, cd = _core.dossier_status(to_date(promised), to_date(returned), self._c)
        return {"status": s, "status_vi": vi, "working_days": wd, "calendar_days": cd}

    def time_limit(self, event_day: DateLike, count: int, unit: Literal["day", "week", "month", "year"] = "day") -> tuple[_dt.date, _dt.date]:
        """(nominal end, end) of a Civil Code time limit (Điều 144–148): the event day is not counted,
        months clamp to the month's end, and an end on a day off moves to the next working day."""
        _, nominal, end = _core.time_limit(to_date(event_day), int(count), unit, self._c)
        return nominal, end

    @property
    def core(self) -> _core.Calendar:
        """The compiled calendar (for other da06 functions)."""
        return self._c

    def __repr__(self) -> str:
        return f"<da06.Calendar schedules={self.schedule_years}>"
