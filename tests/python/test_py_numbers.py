"""Exact rounding and Vietnamese number text, against fractions.Fraction as the oracle."""
from __future__ import annotations

import decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DATA, core

core()
import da06  # noqa: E402


def test_examples() -> None:
    assert da06.format_number(42.2456, decimals=1, percent=True) == "42,2%"
    assert da06.format_number(1620967) == "1.620.967"
    assert da06.format_number(1620967, grouped=False) == "1620967"
    assert da06.format_number(2.675, decimals=2) == "2,68"          # the decimal typed, not the binary double
    assert da06.format_number(decimal.Decimal("0.125"), decimals=2, rounding="half_even") == "0,12"
    assert da06.format_number("-0.05", decimals=1) == "-0,1"
    assert da06.format_number(Fraction(1, 3), decimals=4) == "0,3333"
    assert da06.format_number(Fraction(1, 8)) == "0,125"
    assert da06.format_percent(990, 1714) == "57,8%"
    assert da06.format_percent(1, 1, decimals=2) == "100,00%"
    assert da06.format_percent(Fraction(1, 8), decimals=2) == "12,50%"
    assert da06.round_ratio(990, 1714, 4) == decimal.Decimal("0.5776")
    assert da06.parse_number("1.714") == 1714
    assert da06.parse_number("42,2%") == decimal.Decimal("42.2")
    assert da06.parse_number_ex("9,293 tỷ đồng") == (decimal.Decimal("9.293"), 3, "tỷ đồng")


def test_errors() -> None:
    with pytest.raises(da06.ParseError) as ei:
        da06.parse_number("1,714.5")
    assert ei.value.column > 0
    with pytest.raises(ValueError):
        da06.format_number(float("nan"))
    with pytest.raises(ValueError):
        da06.format_number(Fraction(1, 3))  # no finite decimal form and no `decimals`
    with pytest.raises(da06.ParseError):
        da06.format_number(1.5, decimals=1, rounding="bankers")  # type: ignore[arg-type]
    with pytest.raises(ZeroDivisionError):
        da06.format_percent(1, 0)


# ---- the oracle --------------------------------------------------------------------------------
def _round(q: Fraction, decimals: int, mode: str) -> Fraction:
    """q rounded to `decimals` with `mode`, in Fractions only."""
    s = q * 10**decimals
    fl = s.numerator // s.denominator
    rem = s - fl
    if rem == 0:
        n = fl
    elif mode == "floor":
        n = fl
    elif mode == "ceiling":
        n = fl + 1
    elif mode == "toward_zero":
        n = fl if s > 0 else fl + 1
    elif mode == "away_from_zero":
        n = fl + 1 if s > 0 else fl
    else:
        half = Fraction(1, 2)
        if rem > half:
            n = fl + 1
        elif rem < half:
            n = fl
        elif mode == "half_up":
            n = fl + 1 if s > 0 else fl
        elif mode == "half_down":
            n = fl if s > 0 else fl + 1
        else:  # half_even
            n = fl if fl % 2 == 0 else fl + 1
    return Fraction(n, 10**decimals)


def _vn(v: Fraction, decimals: int, suffix: str = "") -> str:
    """The Vietnamese text of an exactly representable value: '.' groups, ',' decimals."""
    scaled = v * 10**decimals
    assert scaled.denominator == 1
    m = abs(scaled.numerator)
    digits = str(m).rjust(decimals + 1, "0")
    int_part, frac = digits[: len(digits) - decimals], digits[len(digits) - decimals:]
    groups = f"{int(int_part):,}".replace(",", ".")
    text = groups + ("," + frac if decimals else "")
    return ("-" if scaled.numerator < 0 else "") + text + suffix


MODES = list(da06.ROUNDING_MODES)


@settings(max_examples=400, deadline=None)
@given(st.integers(-10**15, 10**15), st.integers(1, 10**9), st.integers(0, 6), st.sampled_from(MODES))
def test_format_percent_against_fraction(n: int, d: int, decimals: int, mode: str) -> None:
    want = _round(Fraction(n, d) * 100, decimals, mode)
    assert da06.format_percent(n, d, decimals, rounding=mode) == _vn(want, decimals, "%")  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**12, max_value=10**12),
       st.integers(0, 5), st.sampled_from(MODES))
def test_format_number_against_fraction(x: decimal.Decimal, decimals: int, mode: str) -> None:
    want = _round(Fraction(x), decimals, mode)
    assert da06.format_number(x, decimals, rounding=mode) == _vn(want, decimals)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.integers(-10**30, 10**30), st.integers(1, 10**30), st.integers(0, 12), st.sampled_from(MODES))
def test_round_ratio_beyond_int64(n: int, d: int, decimals: int, mode: str) -> None:
    got = da06.round_ratio(n, d, decimals, mode)  # type: ignore[arg-type]
    assert Fraction(got) == _round(Fraction(n, d), decimals, mode)


@settings(max_examples=200, deadline=None)
@given(st.integers(-10**12, 10**12), st.integers(0, 4))
def test_parse_inverts_format(m: int, decimals: int) -> None:
    v = Fraction(m, 10**decimals)
    text = da06.format_number(v, decimals)
    assert Fraction(da06.parse_number(text)) == v


def test_checked_in_rounding_oracle() -> None:
    df = pd.read_csv(DATA / "rounding_oracle.csv", dtype=str)
    for r in df.itertuples():
        got = da06.round_ratio(int(r.numerator), int(r.denominator), int(r.decimals), r.mode)  # type: ignore[arg-type]
        assert got == decimal.Decimal(r.expected), r
