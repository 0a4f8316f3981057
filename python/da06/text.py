"""Vietnamese dates and phrases: deadlines, reporting periods, the lunar calendar, Civil Code time limits."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

import pandas as pd

from . import _core
from ._errors import ParseError
from ._dates import DateLike, as_days, is_scalar, to_date
from .calendar import Calendar, DateArray

__all__ = ["Deadline", "Period", "PeriodSpan", "LunarDate", "parse_deadline", "parse_period", "to_lunar",
           "from_lunar", "tet", "lunar_leap_month", "add_months", "named_point"]

Deadline = _core.Deadline
Period = _core.Period


def _refuse_nul(text: str, what: str) -> None:
    """Text arguments hold no NUL (the C ABI refuses one too): a ParseError at its byte column."""
    i = text.find("\0")
    if i >= 0:
        col = len(text[:i].encode("utf-8", "surrogatepass")) + 1
        raise ParseError(f"{what} holds a NUL byte at byte {col}; text holds none", column=col, field="text")


def parse_deadline(text: str, year: int | None = None) -> _core.Deadline:
    """Read a free-text deadline ("Thời gian hoàn thành"). Never raises for bad text (a NUL byte aside: ParseError) and never guesses:
    what cannot be read has ``kind == "unknown"``, no dates, and ``diagnostics`` saying why.

    >>> d = da06.parse_deadline("Quý I/2024 và thực hiện thường xuyên")
    >>> d.due, d.recurring, d.kind
    (datetime.date(2024, 3, 31), True, 'mixed')

    ``year`` is used for texts without one ("Quý II"); ``d.matched`` lists the phrase behind each field.
    """
    _refuse_nul(text, "a deadline")
    return _core.parse_deadline(text, year)


@dataclass(frozen=True)
class PeriodSpan:
    """A reporting period and the days it covers, both ends included.

    ``first``/``last`` are the calendar window, or with ``cutoff=True`` the data cut-off window of
    Nghị định 09/2019/NĐ-CP, Điều 12 (from the 15th of the month before to the 14th of the last month).
    """

    period: _core.Period
    text: str
    cutoff: bool
    first: _dt.date
    last: _dt.date

    @property
    def code(self) -> str:
        return self.period.code

    @property
    def kind(self) -> str:
        return self.period.kind

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def submission_deadline(self, n_working_days: int, calendar: Calendar | None = None) -> _dt.date:
        """The report's due day: the cut-off's last day plus n working days."""
        return self.period.submission_deadline(n_working_days, (calendar or Calendar.vietnam_public()).core)


def parse_period(text: str, year: int | None = None, *, cutoff: bool = False) -> PeriodSpan:
    """A period phrase or code: "6 tháng đầu năm 2024" → 2024-S1, "Quý II/2024", "tháng 5/2024", "2024-Q3".

    >>> p = da06.parse_period("6 tháng đầu năm 2024", cutoff=True)
    >>> p.code, p.first, p.last
    ('2024-S1', datetime.date(2023, 12, 15), datetime.date(2024, 6, 14))
    """
    _refuse_nul(text, "a period phrase")
    p = _core.parse_period(text, year)
    first, last = p.cutoff_window if cutoff else p.calendar_window
    return PeriodSpan(p, text, cutoff, first, last)


class LunarDate(NamedTuple):
    """A day of the Vietnamese lunisolar calendar; ``year`` is the lunar year (the solar year of its Tết)."""

    day: int
    month: int
    year: int
    leap: bool = False


@overload
def to_lunar(date: DateLike, *, tz_hours: float = 7.0) -> LunarDate: ...
@overload
def to_lunar(date: DateArray, *, tz_hours: float = 7.0) -> pd.DataFrame: ...
def to_lunar(date: DateLike | DateArray, *, tz_hours: float = 7.0) -> LunarDate | pd.DataFrame:
    """The lunar date (day, month, year, leap) of a solar date, months starting at UTC+7 (Vietnam).
    An array gives a DataFrame with columns day, month, year, leap.

    >>> da06.to_lunar("2025-01-29")
    LunarDate(day=1, month=1, year=2025, leap=False)
    """
    if is_scalar(date):
        return LunarDate(*_core.to_lunar(to_date(date), tz_hours))
    d = as_days(date).ravel()
    day, month, year, leap = _core.to_lunar_days(d, tz_hours)
    return pd.DataFrame({"day": day, "month": month, "year": year, "leap": leap})


def from_lunar(day: int, month: int, year: int, leap: bool = False, *, tz_hours: float = 7.0) -> _dt.date:
    """The solar date of a lunar date: ``from_lunar(10, 3, 2025)`` is Giỗ Tổ Hùng Vương, 2025-04-07.
    Raises ``da06.InvalidArgument`` for a lunar date that does not exist (day 30 of a short month, a
    leap month that year does not have)."""
    return _core.from_lunar(day, month, year, leap, tz_hours)


def tet(year: int) -> _dt.date:
    """Tết Nguyên Đán (mùng 1 tháng Giêng) of a year, UTC+7."""
    return _core.tet(year)


def lunar_leap_month(lunar_year: int) -> int:
    """The leap month of a lunar year (1..12), 0 when it has none: ``lunar_leap_month(2033) == 11``."""
    return _core.lunar_leap_month(lunar_year)


def add_months(event_day: DateLike, n: int) -> _dt.date:
    """The same day n months later, clamped to the month's end (Civil Code Đ.148): 31/1 + 1 → 29/2."""
    return _core.add_months(to_date(event_day), n)


def named_point(text: str, year: int, month: int = 1) -> _dt.date:
    """"đầu/giữa/cuối tháng" (1st/15th/last day) or "đầu/giữa/cuối năm" (1/1, 30/6, 31/12), Đ.146."""
    return _core.named_point(text, year, month)
