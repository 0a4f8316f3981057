"""Deadlines, periods, the lunar calendar and time limits, through the Python API."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DATA, core

core()
import da06  # noqa: E402


def test_parse_deadline() -> None:
    d = da06.parse_deadline("Quý I/2024 và thực hiện thường xuyên")
    assert d.due == dt.date(2024, 3, 31)
    assert d.recurring is True and d.recurrence == "continuous"
    assert d.condition is None
    assert d.kind == "mixed"
    assert any(m.field.startswith("due") for m in d.matched)
    c = da06.parse_deadline("Khi có yêu cầu của Chính phủ, Bộ Công an")
    assert c.condition == "on_request" and c.due is None and "Bộ Công an" in c.authority
    u = da06.parse_deadline("xyz abc")
    assert u.kind == "unknown" and u.due is None and u.diagnostics
    assert da06.parse_deadline("Quý II").kind == "unknown"
    assert da06.parse_deadline("Quý II", 2024).due == dt.date(2024, 6, 30)
    t = da06.parse_deadline("Đạt từ 70% trở lên từ quý II/2024")
    assert t.thresholds and t.thresholds[0].value == "70" and t.thresholds[0].comparator == "at_least"


def test_parse_period() -> None:
    p = da06.parse_period("6 tháng đầu năm 2024", cutoff=True)
    assert (p.code, p.kind, p.year) == ("2024-S1", "half_year", 2024)
    assert (p.first, p.last) == (dt.date(2023, 12, 15), dt.date(2024, 6, 14))
    q = da06.parse_period("Quý II/2024")
    assert (q.first, q.last) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30)) and q.days == 91
    assert q.submission_deadline(3) == dt.date(2024, 6, 19)
    assert da06.parse_period("9 tháng đầu năm", 2024).code == "2024-9M"
    assert q.period.next().code == "2024-Q3"
    assert da06.Period.parse_code("2024-Q2") == q.period
    with pytest.raises(da06.ParseError) as ei:
        da06.parse_period("quý năm")
    assert ei.value.column >= 1


def test_lunar_examples() -> None:
    assert da06.to_lunar("2025-01-29") == da06.LunarDate(1, 1, 2025, False)
    assert da06.to_lunar(dt.date(2006, 9, 12)) == (20, 7, 2006, True)
    assert da06.from_lunar(10, 3, 2025) == dt.date(2025, 4, 7)
    assert da06.from_lunar(20, 7, 2006, leap=True) == dt.date(2006, 9, 12)
    assert da06.lunar_leap_month(2033) == 11
    with pytest.raises(da06.InvalidArgument):
        da06.from_lunar(1, 1, 2025, leap=True)
    with pytest.raises(da06.RangeError):
        da06.to_lunar("2200-01-01")


def test_lunar_against_the_published_tet_table() -> None:
    df = pd.read_csv(DATA / "tet_vn_1901_2100.csv")
    for r in df.itertuples():
        tet = dt.date.fromisoformat(r.tet)
        assert da06.tet(r.year) == tet, r.year
        assert da06.from_lunar(1, 1, r.year) == tet
        assert da06.to_lunar(tet) == (1, 1, r.year, False)
        assert da06.from_lunar(10, 3, r.year) == dt.date.fromisoformat(r.gio_to)
    # the array form agrees, for every Tết and the eve before it
    tets = df["tet"].to_numpy(dtype="datetime64[D]")
    lf = da06.to_lunar(tets)
    assert (lf["day"] == 1).all() and (lf["month"] == 1).all() and (lf["year"] == df["year"]).all()
    eve = da06.to_lunar(tets - np.timedelta64(1, "D"))
    assert (eve["month"] == 12).all() and (eve["year"] == df["year"] - 1).all()


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_lunar_roundtrip(d: dt.date) -> None:
    day, month, year, leap = da06.to_lunar(d)
    assert da06.from_lunar(day, month, year, leap) == d


def test_time_limits() -> None:
    cal = da06.Calendar.vietnam()
    assert da06.add_months("2024-01-31", 1) == dt.date(2024, 2, 29)
    assert da06.add_months("2024-04-30", 1) == dt.date(2024, 5, 30)
    assert cal.time_limit("2024-04-27", 3) == (dt.date(2024, 4, 30), dt.date(2024, 5, 2))
    assert da06.named_point("cuối tháng", 2024, 2) == dt.date(2024, 2, 29)
    s = cal.dossier_status("2024-05-07", "2024-05-09")
    assert s["status"] == "late" and s["status_vi"] == "quá hạn" and s["working_days"] == 2
