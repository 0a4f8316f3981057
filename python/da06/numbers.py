"""Exact rounding and Vietnamese number text: '.' groups thousands, ',' is the decimal point.

    >>> da06.format_number(42.2456, decimals=1, percent=True)
    '42,2%'
    >>> da06.format_number(1620967)
    '1.620.967'
    >>> da06.format_percent(990, 1714, decimals=1)      # 990/1.714 online dossiers
    '57,8%'

Values are never rounded through binary floating point. A ``float`` is taken as the decimal it prints
as (``repr``: 2.675 is 2.675, not 2.67499999…), which is what a person who typed it meant; pass a
``decimal.Decimal``, a ``fractions.Fraction``, an ``int`` or a plain decimal string for full control.
"""
from __future__ import annotations

import decimal
import math
import numbers as _numbers
from fractions import Fraction
from typing import Literal, Union

from . import _core

Rounding = Literal["half_up", "half_even", "half_down", "floor", "ceiling", "toward_zero", "away_from_zero"]
#: Anything format_number accepts.
Number = Union[int, float, str, decimal.Decimal, Fraction, _numbers.Rational, _numbers.Real]

__all__ = ["Rounding", "Number", "format_number", "format_percent", "parse_number", "parse_number_ex",
           "round_ratio", "ROUNDING_MODES"]

#: The rounding modes, named as in Python's decimal module (half_up = ROUND_HALF_UP, ...).
ROUNDING_MODES: tuple[str, ...] = ("half_up", "half_even", "half_down", "floor", "ceiling", "toward_zero",
                                   "away_from_zero")


def _plain(x: Number) -> str | Fraction:
    """x as plain decimal text ("-12.50"), or as a Fraction when it has no finite decimal form."""
    if isinstance(x, bool):
        raise TypeError("format_number: a bool is not a number")
    if isinstance(x, int):
        return str(x)
    if isinstance(x, Fraction) or (isinstance(x, _numbers.Rational) and not isinstance(x, int)):
        f = Fraction(int(x.numerator), int(x.denominator))
        d = f.denominator
        while d % 2 == 0:
            d //= 2
        while d % 5 == 0:
            d //= 5
        if d != 1:
            return f
        with decimal.localcontext() as ctx:
            ctx.prec = 10_000  # enough for any finite expansion the core accepts: exact, never rounded
            return format(decimal.Decimal(f.numerator) / decimal.Decimal(f.denominator), "f")
    if isinstance(x, decimal.Decimal):
        if not x.is_finite():
            raise ValueError(f"format_number: {x} is not a finite number")
        return format(x, "f")
    if isinstance(x, str):
        return str(x.strip())
    if isinstance(x, _numbers.Integral):
        return str(int(x))
    if isinstance(x, _numbers.Real):
        v = float(x)
        if not math.isfinite(v):
            raise ValueError(f"format_number: {v} is not a finite number")
        return format(decimal.Decimal(repr(v)), "f")
    raise TypeError(f"format_number: expected a number, got {type(x).__name__}")


def format_number(x: Number, decimals: int | None = None, *, percent: bool = False,
                  rounding: Rounding = "half_up", grouped: bool = True) -> str:
    """``x`` rounded once to ``decimals`` (default: as many as it has) and printed the Vietnamese way.

    ``percent=True`` appends '%': x is already in percent units (42.2456 → "42,2%"). For a fraction
    of a whole (990/1714) use ``format_percent``. ``grouped=False`` prints "2573" instead of "2.573".
    """
    p = _plain(x)
    if isinstance(p, Fraction):
        if decimals is None:
            raise ValueError(f"format_number: {p} has no finite decimal form; give `decimals`")
        return _core.format_ratio(str(p.numerator), str(p.denominator), decimals, rounding, percent, grouped, 1)
    return _core.format_decimal(p, decimals, rounding, percent, grouped)


def format_percent(numerator: Number, denominator: Number | None = None, decimals: int = 1, *,
                   rounding: Rounding = "half_up", factor: int = 100) -> str:
    """``factor × numerator ÷ denominator`` rounded once, with '%': ``format_percent(990, 1714) == "57,8%"``.
    With one argument it is the fraction itself: ``format_percent(Fraction(1, 8), decimals=2) == "12,50%"``."""
    num = Fraction(_fraction(numerator))
    if denominator is not None:
        den = Fraction(_fraction(denominator))
        if den == 0:
            raise ZeroDivisionError("format_percent: the denominator is 0")
        num = num / den
    return _core.format_ratio(str(num.numerator), str(num.denominator), decimals, rounding, True, True, factor)


def _fraction(x: Number) -> Fraction:
    p = _plain(x)
    return p if isinstance(p, Fraction) else Fraction(p)


def round_ratio(numerator: int, denominator: int, decimals: int, rounding: Rounding = "half_up") -> decimal.Decimal:
    """``numerator / denominator`` rounded to ``decimals`` with the named mode, exactly (integers only)."""
    return decimal.Decimal(_core.round_ratio(str(int(numerator)), str(int(denominator)), decimals, rounding))


def parse_number(text: str) -> decimal.Decimal:
    """The exact value of Vietnamese number text: "1.714" → 1714, "42,2%" → 42.2, "9,293 tỷ đồng" → 9.293.
    Raises ``da06.ParseError`` (with the column) for anything else. See ``parse_number_ex`` for the unit."""
    value, _, _ = _core.parse_vn_number(text)
    return decimal.Decimal(value)


def parse_number_ex(text: str) -> tuple[decimal.Decimal, int, str]:
    """(value, printed decimals, unit): "100,00%" → (Decimal("100.00"), 2, "%")."""
    value, dec, unit = _core.parse_vn_number(text)
    return decimal.Decimal(value), dec, unit
