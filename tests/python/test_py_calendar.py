"""da06.Calendar: scalar and vectorised working-day arithmetic, against numpy.busday_count as an oracle."""
from __future__ import annotations

import datetime as dt
import threading

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import core, oracle_module

core()
import da06  # noqa: E402

CAL = da06.Calendar.vietnam()
STAT = da06.Calendar.vietnam_statutory()


def test_known_days() -> None:
    assert CAL.is_workday("2024-04-26") is True          # Friday
    assert CAL.is_workday("2024-04-29") is False         # swapped off (30/4 - 1/5 bridge)
    assert CAL.is_workday(dt.date(2024, 5, 4)) is True   # make-up Saturday
    assert CAL.is_workday(np.datetime64("2024-09-02")) is False
    assert CAL.workdays_between("2024-01-01", "2024-12-31") == 251
    assert CAL.workdays_between("2024-12-31", "2024-01-01") == -251
    assert CAL.add_workdays("2024-04-26", 3) == dt.date(2024, 5, 4)
    assert CAL.next_workday("2024-04-26") == dt.date(2024, 5, 2)
    assert CAL.roll("2024-04-27", "preceding") == dt.date(2024, 4, 26)


def test_dossier_question_of_the_notebook() -> None:
    # A dossier received on Fri 26/4/2024 with a 5-working-day limit: 2, 3, 4 (make-up Sat), 6, 7 May.
    received, due = CAL.dossier_due("2024-04-26", 5)
    assert received == dt.date(2024, 4, 26)
    assert due == dt.date(2024, 5, 7)
    assert CAL.workdays_between("2024-04-27", due) == 5
    # after the 15:00 cut-off it counts as received on the next working day
    assert CAL.dossier_due(dt.datetime(2024, 4, 26, 16, 30), 5) == (dt.date(2024, 5, 2), dt.date(2024, 5, 8))


def test_vectorised_matches_scalar_and_keeps_shape() -> None:
    days = np.arange(np.datetime64("2023-12-20"), np.datetime64("2025-02-10"), dtype="datetime64[D]")
    work = CAL.is_workday(days)
    assert work.dtype == np.bool_ and work.shape == days.shape
    assert [CAL.is_workday(d) for d in days.astype(object)[:80]] == list(work[:80])
    grid = days[:60].reshape(6, 10)
    assert CAL.is_workday(grid).shape == (6, 10)
    counts = CAL.workdays_between(days[0], days)
    assert counts.dtype == np.int64 and counts.shape == days.shape
    assert counts[-1] == CAL.workdays_between(days[0].item(), days[-1].item())
    added = CAL.add_workdays(days[:100], 5)
    assert added.dtype == np.dtype("datetime64[D]")
    assert all(added[i].item() == CAL.add_workdays(days[i].item(), 5) for i in range(0, 100, 7))
    offs = np.arange(-50, 50)
    assert (CAL.add_workdays("2024-06-28", offs)[50:] >= np.datetime64("2024-06-28")).all()


@pytest.mark.parametrize("cal", [CAL, STAT], ids=["public", "statutory"])
def test_next_previous_and_roll_take_arrays_like_the_scalar_calls(cal: da06.Calendar) -> None:
    # Oracle: the scalar C++ calls, day by day, over 2023-2026 (swaps, make-up Saturdays, Tết, month ends).
    days = np.arange(np.datetime64("2023-01-01"), np.datetime64("2027-01-01"), dtype="datetime64[D]")
    as_dates = days.astype(object)
    nxt, prev = cal.next_workday(days), cal.previous_workday(days)
    assert nxt.dtype == prev.dtype == np.dtype("datetime64[D]") and nxt.shape == days.shape
    assert nxt.astype(object).tolist() == [cal.next_workday(d) for d in as_dates]
    assert prev.astype(object).tolist() == [cal.previous_workday(d) for d in as_dates]
    for conv in ("following", "preceding", "modified_following"):
        rolled = cal.roll(days, conv)
        assert rolled.astype(object).tolist() == [cal.roll(d, conv) for d in as_dates], conv
    # modified_following really differs somewhere: Sun 2024-06-30 goes back to Fri 28/6, not on to 1/7
    assert cal.roll(["2024-06-30"], "modified_following").tolist() == [dt.date(2024, 6, 28)]
    assert cal.roll(days[:28].reshape(4, 7), "preceding").shape == (4, 7)
    assert CAL.roll(pd.Series(pd.to_datetime(["2024-04-29"]))).tolist() == [dt.date(2024, 5, 2)]  # swapped off


def test_roll_arrays_keep_the_scalar_errors() -> None:
    with pytest.raises(da06.InvalidArgument, match="roll convention"):
        CAL.roll(np.array(["2024-04-29"], "datetime64[D]"), "nearest")  # type: ignore[arg-type]
    with pytest.raises(da06.RangeError, match="element 1"):
        CAL.next_workday(np.array(["2024-01-01", "2199-12-31"], "datetime64[D]"))
    with pytest.raises(da06.RangeError, match="NaT"):
        CAL.roll(np.array(["NaT"], "datetime64[D]"))
    # At the start of the range: 1900-01-02 is a working day, so preceding keeps it without looking before
    # it; 1900-01-01 (Tết Dương lịch) has no working day before it in range, an error as in the scalar call.
    assert CAL.roll(np.array(["1900-01-02"], "datetime64[D]"), "preceding").tolist() == [dt.date(1900, 1, 2)]
    with pytest.raises(da06.RangeError):
        CAL.roll("1900-01-01", "preceding")
    with pytest.raises(da06.RangeError):
        CAL.roll(np.array(["1900-01-02", "1900-01-01"], "datetime64[D]"), "preceding")


def test_array_likes() -> None:
    s = pd.Series(pd.to_datetime(["2024-04-29", "2024-05-04", "2024-05-06"]))  # datetime64[ns]
    assert CAL.is_workday(s).tolist() == [False, True, True]
    assert CAL.is_workday(["2024-04-29", dt.date(2024, 5, 4)]).tolist() == [False, True]
    assert CAL.workdays_between(pd.Index(s), "2024-05-31").tolist() == [
        CAL.workdays_between(d, "2024-05-31") for d in ("2024-04-29", "2024-05-04", "2024-05-06")]
    # general broadcasting: a column against a row
    a = np.array(["2024-01-01", "2024-06-01"], dtype="datetime64[D]")[:, None]
    b = np.array(["2024-12-31", "2025-12-31", "2026-12-31"], dtype="datetime64[D]")[None, :]
    assert CAL.workdays_between(a, b).shape == (2, 3)
    # a non-contiguous view works too
    days = np.arange(np.datetime64("2024-01-01"), np.datetime64("2024-03-01"), dtype="datetime64[D]")
    assert CAL.is_workday(days[::2]).tolist() == CAL.is_workday(days)[::2].tolist()


def test_out_of_range_and_nat_raise_range_error() -> None:
    days = np.array(["2024-01-01", "NaT"], dtype="datetime64[D]")
    with pytest.raises(da06.RangeError, match="element 1 is NaT"):
        CAL.is_workday(days)
    with pytest.raises(da06.RangeError, match="element 2"):
        CAL.workdays_between(np.array(["2024-01-01"] * 3, "datetime64[D]"),
                             np.array(["2024-01-01", "2024-01-02", "2300-01-01"], "datetime64[D]"))
    with pytest.raises(da06.RangeError, match="element 1"):
        CAL.add_workdays(np.array(["2024-01-01", "2199-12-20"], "datetime64[D]"), 30)
    with pytest.raises(da06.RangeError):
        CAL.is_workday("1899-12-31")


def test_holidays_frame_and_days_off() -> None:
    h = CAL.holidays(2026)
    assert list(h.columns[:3]) == ["date", "name", "kind"]
    assert pd.api.types.is_datetime64_any_dtype(h["date"])
    assert h["date"].is_monotonic_increasing
    assert "Giỗ Tổ Hùng Vương" in set(h["name"])
    assert set(h["kind"]) <= {"statutory", "compensatory", "swap_day_off", "makeup_workday", "schedule_extra"}
    off = CAL.days_off(2024)
    assert len(off) == 366 - 251


def test_with_schedule_returns_a_new_calendar() -> None:
    sched = {"year": 2030, "swaps": [{"day_off": "2030-04-29", "workday": "2030-05-04", "source": "test"}]}
    before = STAT.is_workday("2030-04-29")
    cal2 = STAT.with_schedule(sched)
    assert cal2.is_workday("2030-04-29") is False and cal2.is_workday("2030-05-04") is True
    assert STAT.is_workday("2030-04-29") is before  # unchanged
    assert 2030 in cal2.schedule_years and 2030 not in STAT.schedule_years
    with pytest.raises(da06.Error) as ei:
        STAT.with_schedule('{"year": 2030, "swaps": [{"day_off": "2030-02-30"}]}')
    assert "swaps" in str(ei.value)


def test_threads_share_one_calendar() -> None:
    # The GIL is released in the batch calls; concurrent readers of one calendar agree with a serial run.
    rng = np.random.default_rng(1)
    a = rng.integers(np.datetime64("2020-01-01").astype(int), np.datetime64("2030-01-01").astype(int), 200_000)
    b = a + rng.integers(-400, 400, a.size)
    a, b = a.astype("datetime64[D]"), b.astype("datetime64[D]")
    want = CAL.workdays_between(a, b)
    out: list[np.ndarray] = [np.empty(0)] * 4

    def work(i: int) -> None:
        out[i] = CAL.workdays_between(a, b)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(np.array_equal(o, want) for o in out)


# ---- oracle: numpy.busday_count with an independently computed statutory holiday list -----------
_oracle = oracle_module("gen_busday_oracle")
_HOL = _oracle.statutory_holiday_list(2004, 2043)  # dates up to 2040 plus 300 working days
_BDC = np.busdaycalendar(weekmask="1111100", holidays=_HOL)
_dates = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2040, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_dates, _dates), min_size=1, max_size=50))
def test_busday_count_oracle(pairs: list[tuple[dt.date, dt.date]]) -> None:
    a = np.array([p[0] for p in pairs], dtype="datetime64[D]")
    b = np.array([p[1] for p in pairs], dtype="datetime64[D]")
    np.testing.assert_array_equal(STAT.busday_count(a, b), np.busday_count(a, b, busdaycal=_BDC))
    # closed [min, max], sign of the order: numpy counts [lo, hi + 1)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    closed = np.busday_count(lo, hi + np.timedelta64(1, "D"), busdaycal=_BDC) * np.where(a <= b, 1, -1)
    np.testing.assert_array_equal(STAT.workdays_between(a, b), closed)


@settings(max_examples=200, deadline=None)
@given(_dates, st.integers(-300, 300))
def test_add_workdays_oracle(d: dt.date, n: int) -> None:
    got = STAT.add_workdays(np.array([d], "datetime64[D]"), n)[0]
    if n == 0:
        want = np.busday_offset(np.datetime64(d), 0, roll="forward", busdaycal=_BDC)
    else:
        # n-th working day after d (d not counted) == numpy's offset from d rolled backward...
        start = np.busday_offset(np.datetime64(d), 0, roll="backward" if n > 0 else "forward", busdaycal=_BDC)
        want = np.busday_offset(start, n, busdaycal=_BDC)
    assert got == want


def test_checked_in_busday_oracle_file() -> None:
    from helpers import DATA

    df = pd.read_csv(DATA / "busday_oracle.csv")
    for profile, cal in (("statutory", STAT), ("public", CAL)):
        sub = df[df["profile"] == profile]
        if sub.empty:
            continue
        a = sub["begin"].to_numpy(dtype="datetime64[D]")
        b = sub["end"].to_numpy(dtype="datetime64[D]")
        np.testing.assert_array_equal(cal.busday_count(a, b), sub["half_open"].to_numpy())
        np.testing.assert_array_equal(cal.workdays_between(a, b), sub["closed"].to_numpy())


# ---- what is a date: one time-zone rule, and refusals that name the element -----------------------
from da06 import _dates  # noqa: E402


def test_non_dates_are_refused_naming_the_element() -> None:
    with pytest.raises(da06.InvalidArgument, match=r"dates\[0\] = 18446744073709551615"):
        CAL.is_workday(np.array([2**64 - 1], dtype=np.uint64))
    with pytest.raises(da06.InvalidArgument, match="booleans"):
        CAL.is_workday(np.array([True, False]))
    with pytest.raises(da06.InvalidArgument, match="complex"):
        CAL.is_workday(np.array([19000 + 1j]))
    with pytest.raises(da06.InvalidArgument, match=r"dates\[1\] = 19000.5"):
        CAL.is_workday(np.array([19000.0, 19000.5]))
    with pytest.raises(da06.InvalidArgument, match=r"dates\[0\] = nan"):
        CAL.is_workday(np.array([np.nan]))
    # whole floats and unsigned day numbers are day numbers
    days = np.array([19723, 19724])  # 2024-01-01 (New Year), 2024-01-02
    np.testing.assert_array_equal(CAL.is_workday(days.astype(float)), [False, True])
    np.testing.assert_array_equal(CAL.is_workday(days.astype(np.uint64)), [False, True])
    with pytest.raises(TypeError, match=r"offsets\[1\] = 1.5"):
        CAL.add_workdays("2024-01-02", np.array([1.0, 1.5]))


def test_a_tz_aware_value_is_a_date_in_vietnam_in_every_form() -> None:
    ny = dt.timezone(dt.timedelta(hours=-5))
    instant = dt.datetime(2024, 1, 1, 23, 30, tzinfo=ny)  # 2024-01-02 11:30 in Hà Nội
    forms = [
        instant,
        pd.Timestamp(instant),
        pd.Series([instant]),
        pd.DatetimeIndex([instant]),
        np.array([instant], dtype=object),
        pd.Series([pd.Timestamp(instant)]).dt.tz_convert("UTC"),
    ]
    for f in forms:
        got = _dates.to_date(f) if not hasattr(f, "__len__") else _dates.days_to_dates(_dates.as_days(f))[0].item()
        assert got == dt.date(2024, 1, 2), (type(f), got)
        assert bool(np.all(CAL.is_workday(f))) is True  # 1/1 is New Year's Day, 2/1 a working Tuesday
    # a naive value is already local time
    assert _dates.to_date(dt.datetime(2024, 1, 1, 23, 30)) == dt.date(2024, 1, 1)
    assert bool(CAL.is_workday(pd.Series([pd.Timestamp("2024-01-01 23:30")]))[0]) is False


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2150, 1, 1)),
       st.integers(-14 * 60, 14 * 60))
def test_tz_forms_agree_with_zoneinfo(naive: dt.datetime, offset_minutes: int) -> None:
    from zoneinfo import ZoneInfo

    aware = naive.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset_minutes)))
    want = aware.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert _dates.to_date(aware) == want
    assert _dates.to_date(pd.Timestamp(aware)) == want
    assert _dates.days_to_dates(_dates.as_days(pd.Series([aware])))[0].item() == want
    assert _dates.days_to_dates(_dates.as_days(np.array([aware], dtype=object)))[0].item() == want


def test_old_names_are_aliases_of_the_canonical_ones() -> None:
    """The names of docs/api-stability.md's table: the old ones answer exactly as the C++-named ones."""
    rng = np.random.default_rng(6)
    a = np.datetime64("2023-01-01") + rng.integers(0, 1400, 300).astype("timedelta64[D]")
    b = np.datetime64("2023-01-01") + rng.integers(0, 1400, 300).astype("timedelta64[D]")
    cal = da06.Calendar.vietnam_public()
    old = da06.Calendar.vietnam()
    assert np.array_equal(cal.count_workdays_closed(a, b), old.workdays_between(a, b))
    assert np.array_equal(cal.count_workdays_half_open(a, b), old.busday_count(a, b))
    # the closed count is the half-open one plus the last day when it is a working day (a ≤ b)
    fwd = a <= b
    plus_last = cal.count_workdays_half_open(a[fwd], b[fwd] + np.timedelta64(1, "D"))
    assert np.array_equal(cal.count_workdays_closed(a[fwd], b[fwd]), plus_last)
    assert da06.default_framework() is da06.load_default()
