"""Calendar.dossier_due keeps the time of day of every input that carries one (the 15:00 intake cut-off).

The oracle is independent of da06's calendar: numpy's busday functions over the statutory holidays computed
by tests/data/gen_busday_oracle.py, and the cut-off rule written out here ("strictly after 15:00:00 local
time, or on a day off, counts as received the next working day; due = the n-th working day after that").
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import core, oracle_module

core()
import da06  # noqa: E402

STAT = da06.Calendar.vietnam_statutory()
CAL = da06.Calendar.vietnam()
_oracle = oracle_module("gen_busday_oracle")
_BDC = np.busdaycalendar(weekmask="1111100", holidays=_oracle.statutory_holiday_list(2004, 2043))
VN = dt.timezone(dt.timedelta(hours=7))


def oracle_due(local: dt.datetime | dt.date, n: int) -> tuple[dt.date, dt.date]:
    if isinstance(local, dt.datetime):
        day, late = local.date(), local.time() > dt.time(15, 0)
    else:
        day, late = local, False
    d = np.datetime64(day, "D")
    if not np.is_busday(d, busdaycal=_BDC) or late:
        rec = np.busday_offset(d, 1, roll="backward", busdaycal=_BDC) if np.is_busday(d, busdaycal=_BDC) \
            else np.busday_offset(d, 0, roll="forward", busdaycal=_BDC)
    else:
        rec = d
    due = np.busday_offset(rec, n, busdaycal=_BDC)
    return rec.item(), due.item()


def test_the_reported_case() -> None:
    # Fri 26/4/2024 16:30 is after the cut-off: received Thu 2/5 (29/4 swapped off, 30/4 and 1/5 holidays).
    want = (dt.date(2024, 5, 2), dt.date(2024, 5, 8))
    assert CAL.dossier_due("2024-04-26T16:30", 5) == want
    assert CAL.dossier_due("2024-04-26 16:30", 5) == want
    assert CAL.dossier_due(np.datetime64("2024-04-26T16:30"), 5) == want
    assert CAL.dossier_due(np.datetime64("2024-04-26T16:30:00.000000000"), 5) == want
    assert CAL.dossier_due(pd.Timestamp("2024-04-26 16:30"), 5) == want
    assert CAL.dossier_due(dt.datetime(2024, 4, 26, 16, 30), 5) == want
    # a date alone is a date: received that day
    assert CAL.dossier_due("2024-04-26", 5) == (dt.date(2024, 4, 26), dt.date(2024, 5, 7))
    assert CAL.dossier_due(np.datetime64("2024-04-26"), 5) == (dt.date(2024, 4, 26), dt.date(2024, 5, 7))
    assert CAL.dossier_due(dt.date(2024, 4, 26), 5) == (dt.date(2024, 4, 26), dt.date(2024, 5, 7))


def test_seconds_and_fractions_count_against_the_cutoff() -> None:
    on, after = (dt.date(2024, 4, 26), dt.date(2024, 5, 7)), (dt.date(2024, 5, 2), dt.date(2024, 5, 8))
    assert CAL.dossier_due("2024-04-26T15:00:00", 5) == on
    assert CAL.dossier_due("2024-04-26T15:00:01", 5) == after
    assert CAL.dossier_due(np.datetime64("2024-04-26T15:00:00.001"), 5) == after
    assert CAL.dossier_due(dt.datetime(2024, 4, 26, 15, 0, 0, 1), 5) == after
    assert CAL.dossier_due("2024-04-26T15:00:01", 5, cutoff=None) == on


def test_zones_are_converted_to_vietnam_time() -> None:
    # 08:30 UTC = 15:30 in Hà Nội: after the cut-off. 07:59 UTC = 14:59: before.
    after = (dt.date(2024, 5, 2), dt.date(2024, 5, 8))
    assert CAL.dossier_due("2024-04-26T08:30Z", 5) == after
    assert CAL.dossier_due("2024-04-26T08:30+00:00", 5) == after
    assert CAL.dossier_due(pd.Timestamp("2024-04-26 08:30", tz="UTC"), 5) == after
    assert CAL.dossier_due(dt.datetime(2024, 4, 26, 7, 59, tzinfo=dt.timezone.utc), 5)[0] == dt.date(2024, 4, 26)
    assert CAL.dossier_due("2024-04-26T16:30+07:00", 5) == after
    # 23:30 UTC on Thu 25/4 is 06:30 on Fri 26/4 in Vietnam
    assert CAL.dossier_due("2024-04-25T23:30Z", 5)[0] == dt.date(2024, 4, 26)


def test_bad_inputs_are_errors() -> None:
    with pytest.raises(da06.ParseError):
        CAL.dossier_due("2024-04-26T25:00", 5)
    with pytest.raises(da06.ParseError):
        CAL.dossier_due(np.datetime64("NaT"), 5)
    with pytest.raises(da06.ParseError):
        CAL.dossier_due(pd.NaT, 5)
    with pytest.raises(da06.ParseError):
        CAL.dossier_due("2024-04-26", 5, cutoff="3pm")


_moments = st.datetimes(min_value=dt.datetime(2005, 1, 1), max_value=dt.datetime(2040, 12, 31))


@settings(max_examples=300, deadline=None)
@given(_moments, st.integers(0, 60), st.sampled_from(["iso_t", "iso_space", "dt64_s", "dt64_ns", "dt64_m",
                                                      "datetime", "timestamp", "utc_string", "date"]))
def test_every_form_against_the_oracle(moment: dt.datetime, n: int, form: str) -> None:
    moment = moment.replace(microsecond=0)
    local: dt.datetime | dt.date = moment
    if form == "iso_t":
        x: object = moment.isoformat(timespec="seconds")
    elif form == "iso_space":
        x = moment.isoformat(sep=" ", timespec="seconds")
    elif form == "dt64_s":
        x = np.datetime64(moment, "s")
    elif form == "dt64_ns":
        x = np.datetime64(moment, "ns")
    elif form == "dt64_m":
        local = moment.replace(second=0)
        x = np.datetime64(local, "m")
    elif form == "datetime":
        x = moment
    elif form == "timestamp":
        x = pd.Timestamp(moment)
    elif form == "utc_string":
        x = (moment.replace(tzinfo=VN).astimezone(dt.timezone.utc)).isoformat().replace("+00:00", "Z")
    else:
        local = moment.date()
        x = local.isoformat()
    assert STAT.dossier_due(x, n) == oracle_due(local, n)  # type: ignore[arg-type]
