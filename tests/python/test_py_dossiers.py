"""da06.dossiers: batch due dates and statuses against independent oracles, reading tables, the index.

Oracles: numpy's busday functions over the statutory holidays (tests/data/gen_busday_oracle.py) for due
dates; pandas for the counts; fractions.Fraction for the points; the portal's published group points.
"""
from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import core, oracle_module

core()
import da06  # noqa: E402
from da06 import dossiers as D  # noqa: E402

STAT = da06.Calendar.vietnam_statutory()
CAL = da06.Calendar.vietnam()
_oracle = oracle_module("gen_busday_oracle")
_BDC = np.busdaycalendar(weekmask="1111100", holidays=_oracle.statutory_holiday_list(2004, 2043))


def oracle_due(received: np.ndarray, n: np.ndarray) -> np.ndarray:
    """datetime64[s] local receipts → due days: a day off or after 15:00:00 → next working day; + n."""
    day = received.astype("datetime64[D]")
    tod = (received - day).astype(np.int64)
    late = tod > 15 * 3600
    work = np.is_busday(day, busdaycal=_BDC)
    start = np.where(work & ~late, day, np.busday_offset(day, 0, roll="forward", busdaycal=_BDC))
    start = np.where(work & late, np.busday_offset(day, 1, roll="backward", busdaycal=_BDC), start)
    return np.busday_offset(start, n, busdaycal=_BDC)


def test_the_names_of_the_issue() -> None:
    rec = np.array(["2024-04-26T10:00", "2024-04-26T16:30"], dtype="datetime64[m]")
    np.testing.assert_array_equal(D.due(rec, 5, calendar=CAL), np.array(["2024-05-07", "2024-05-08"], "datetime64[D]"))
    s = D.status(rec, [5, 5], np.array(["2024-05-07T09:00", "NaT"], "datetime64[m]"), as_of="2024-05-20", calendar=CAL)
    assert list(s) == ["on_time", "open_late"]
    assert list(s.categories) == list(D.STATES)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12000), st.integers(0, 86399), st.integers(0, 45)), min_size=1, max_size=200),
       st.sampled_from(["s", "ms", "ns", "m"]))
def test_due_against_numpy_busday(rows: list[tuple[int, int, int]], unit: str) -> None:
    base = np.datetime64("2006-01-01T00:00:00", "s")
    rec = np.array([base + np.timedelta64(d * 86400 + s, "s") for d, s, _ in rows], dtype="datetime64[s]")
    if unit == "m":
        rec = rec.astype("datetime64[m]")
    n = np.array([k for _, _, k in rows])
    got = D.due(rec.astype(f"datetime64[{unit}]"), n, calendar=STAT)
    np.testing.assert_array_equal(got, oracle_due(rec.astype("datetime64[s]"), n))


def test_every_input_form_keeps_the_time() -> None:
    want = np.array(["2024-05-08"], "datetime64[D]")
    forms = [
        ["2024-04-26T16:30"], ["2024-04-26 16:30:00"], [dt.datetime(2024, 4, 26, 16, 30)],
        pd.Series(pd.to_datetime(["2024-04-26 16:30"])),
        pd.Series(pd.to_datetime(["2024-04-26 09:30"])).dt.tz_localize("UTC"),
        np.array(["2024-04-26T16:30:00.000000001"], "datetime64[ns]"),
        ["2024-04-26T09:30Z"],
    ]
    for f in forms:
        np.testing.assert_array_equal(D.due(f, 5, calendar=CAL), want, err_msg=repr(f))
    # a date alone is a date (received that day)
    np.testing.assert_array_equal(D.due(["2024-04-26"], 5, calendar=CAL), np.array(["2024-05-07"], "datetime64[D]"))


def test_arrow_and_polars_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    arr = pa.array([dt.datetime(2024, 4, 26, 16, 30)], type=pa.timestamp("us"))
    np.testing.assert_array_equal(D.due(arr, 5, calendar=CAL), np.array(["2024-05-08"], "datetime64[D]"))
    aware = pa.array([dt.datetime(2024, 4, 26, 9, 30)], type=pa.timestamp("ms", tz="UTC"))
    np.testing.assert_array_equal(D.due(aware, 5, calendar=CAL), np.array(["2024-05-08"], "datetime64[D]"))
    pl = pytest.importorskip("polars")
    s = pl.Series([dt.datetime(2024, 4, 26, 16, 30)])
    np.testing.assert_array_equal(D.due(s, 5, calendar=CAL), np.array(["2024-05-08"], "datetime64[D]"))


def test_working_hours_and_pauses() -> None:
    got = D.due(["2024-04-26T16:00"], 4, unit="working_hours", calendar=CAL)
    assert got[0] == np.datetime64("2024-05-02T10:30:00")
    got = D.due(["2024-06-03T09:00"], 5, supplement_requested_at=["2024-06-04T10:00"],
                supplement_completed_at=["2024-06-06T16:00"], calendar=CAL)
    assert got[0] == np.datetime64("2024-06-12")


def test_bad_rows_are_reported_and_the_rest_kept() -> None:
    got = D.due(["2024-04-26T10:00", "not a date", "2024-04-26T10:00"], [5, 5, -2], calendar=CAL)
    assert got[0] == np.datetime64("2024-05-07")
    assert np.isnat(got[1]) and np.isnat(got[2])
    errs = D.due.last_errors  # type: ignore[attr-defined]
    assert list(errs["row"]) == [1, 1, 2] or list(errs["row"]) == [1, 2]
    assert set(errs["field"]) <= {"received_at", "time_limit"}
    assert "time_limit" in set(errs["field"])


def _table(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rec = np.datetime64("2024-01-01T00:00:00") + rng.integers(0, 366 * 86400, n).astype("timedelta64[s]")
    lim = rng.integers(1, 20, n)
    fin_off = rng.integers(0, 40 * 86400, n).astype("timedelta64[s]")
    fin = np.where(rng.random(n) < 0.85, rec + fin_off, np.datetime64("NaT"))
    return pd.DataFrame({
        "dossier_id": [f"H{i}" for i in range(n)],
        "unit": rng.choice(["xa_a", "xa_b", "phuong_c", "xa_d"], n),
        "procedure": rng.choice([f"P{k}" for k in range(30)], n),
        "channel": rng.choice([1, 2, 3], n, p=[0.3, 0.65, 0.05]),
        "received_at": rec,
        "time_limit": lim,
        "finished_at": fin,
        "fee": np.where(rng.random(n) < 0.4, 50000, 0),
        "paid_online": rng.random(n) < 0.5,
        "synced": rng.random(n) < 0.97,
        "result_electronic": rng.random(n) < 0.8,
        "reused": rng.random(n) < 0.3,
        "citizen_data": rng.random(n) < 0.5,
        "rating": rng.choice(["satisfied", "neutral", "dissatisfied"], n, p=[0.8, 0.15, 0.05]),
    })


def test_counts_against_pandas() -> None:
    df = _table(5000, 1)
    c = D.counts(df, period="month", calendar=CAL)
    # oracle: statuses from the batch status function as of each month's end, grouped by pandas
    month = df["received_at"].dt.to_period("M")
    end = (month.dt.end_time.dt.floor("s")).to_numpy()
    states = np.empty(len(df), dtype=object)
    for m in month.unique():
        sel = (month == m).to_numpy()
        st_ = D.status(df["received_at"][sel], df["time_limit"][sel], df["finished_at"][sel], as_of=end[sel][0],
                       calendar=CAL, rules=D.Rules(repeated_supplementation_is_late=True))
        states[sel] = np.asarray(st_, dtype=object)
    on_time = pd.Series(states).isin(["early", "on_time", "open"])
    fee = df["fee"] > 0
    g = pd.DataFrame({"unit": df["unit"], "period": month.astype(str), "received": 1, "on_time": on_time.astype(int),
                      "online": (df["channel"] == 2).astype(int), "fee_obligation": fee.astype(int),
                      "paid_online": (fee & df["paid_online"]).astype(int),
                      "satisfied": (on_time & (df["rating"] != "dissatisfied")).astype(int)}).groupby(["unit", "period"]).sum()
    got = c.set_index(["unit", "period"])[g.columns].sort_index()
    pd.testing.assert_frame_equal(got, g.sort_index(), check_dtype=False)
    # distinct procedures with an online dossier
    online = df[df["channel"] == 2]
    want = online.groupby(["unit", month[df["channel"] == 2].astype(str)])["procedure"].nunique()
    got_s = c.set_index(["unit", "period"])["services_with_online_dossier"]
    assert (got_s.reindex(want.index) == want).all()


def test_points_against_fractions() -> None:
    rules = D.IndexRules.portal_2026()
    rng = np.random.default_rng(3)
    rows = []
    for _ in range(400):
        d = int(rng.integers(0, 5000))
        n = int(rng.integers(0, d + 1)) if d else 0
        rows.append({"unit": f"u{_}", "period": "2026", "received": d, "reused": n, "on_time": n})
    cells = pd.DataFrame(rows)
    out = D.score_counts(cells, rules)
    reused = out[out["indicator"] == "REUSED_DIGITIZED_DATA"].reset_index(drop=True)
    for r, p in zip(rows, reused["points"]):
        if r["received"] == 0:
            assert p == 0
            continue
        exact = min(Fraction(2), Fraction(2) * Fraction(r["reused"], r["received"]) / Fraction(4, 5))
        want = int(exact * 100 + Fraction(1, 2))  # half up
        assert round(p * 100) == want


def test_points_exact_for_counts_up_to_int64_max() -> None:
    # max × n × fn × threshold's denominator overflows 128 bits here; the points must stay exact.
    rules = D.IndexRules.from_json(json.dumps({
        "version": "t", "decimals": 2, "groups": [{"code": "G", "max_points": "1000000"}],
        "indicators": [{"code": "I", "group": "G", "numerator": "n", "denominator": "d", "factor": ["fn", "fd"],
                        "max_points": "1000000", "threshold": "999999999999/1000000000000"}]}))
    top = 2**63 - 1
    rng = np.random.default_rng(11)
    rows = [(top, top, top, top), (top - 1, top, top - 7, top), (1, top, 1, 1)]
    for _ in range(200):
        d = int(rng.integers(1, top, dtype=np.int64))
        fd = int(rng.integers(1, top, dtype=np.int64))
        rows.append((int(rng.integers(0, d, dtype=np.int64)), d, int(rng.integers(0, fd, dtype=np.int64)), fd))
    points, _ = rules.score_matrix(["n", "d", "fn", "fd"], np.array(rows, dtype=np.int64))
    for (n, d, fn, fd), got in zip(rows, points[:, 0]):
        ratio = min(Fraction(1), Fraction(n, d) * Fraction(fn, fd) / Fraction(999999999999, 10**12))
        assert int(got) == int(ratio * 100_000_000 + Fraction(1, 2)), (n, d, fn, fd)


def test_score_counts_refuses_counts_it_cannot_hold() -> None:
    cells = pd.DataFrame({"unit": ["u"], "period": ["2026"], "received": pd.Series([2**64 - 1], dtype="uint64"),
                          "on_time": [1]})
    with pytest.raises(da06.DataError, match="whole numbers within int64"):
        D.score_counts(cells)
    with pytest.raises(da06.DataError, match="whole numbers within int64"):
        D.score_counts(pd.DataFrame({"unit": ["u"], "period": ["2026"], "received": [10.5], "on_time": [1]}))


def test_frame_rows_with_unreadable_values_are_errors_not_zeros() -> None:
    df = pd.DataFrame({"unit": ["a", "b", "c", "d", "e"],
                       "received_at": ["2024-04-26T10:00"] * 5,
                       "time_limit": [5, 3_000_000_000, 5, 5, 5],      # 3e9 wrapped to a negative int32 once
                       "paid_online": ["1", "0", "maybe", "có", ""],   # "maybe" was read as 0
                       "fee": ["50000", "0", "0", "abc", ""],           # "abc" was read as no fee
                       "supplement_requests": [0, 1, 2, 3, "x"]})       # "x" was read as 0
    t = D.read(df)
    bad = t.errors.groupby("row")["field"].apply(set).to_dict()
    assert bad == {1: {"time_limit"}, 2: {"paid_online"}, 3: {"fee"}, 4: {"supplement_requests"}}
    assert list(t.columns["unit"] >= 0) == [True, False, False, False, False]
    assert list(t.columns["flags"]["paid_online"][:1]) == [1]


def test_csv_rows_are_read_by_the_library_reader(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "hoso.csv"
    p.write_text("MaHoSo,MaDonVi,NgayTiepNhan,ThoiHanGiaiQuyet,DaThanhToan,DuocThanhToanTrucTuyen\n"
                 "H1,xa_a,2024-04-26T10:00,5,1,có\n"
                 "H2,xa_b,2024-04-26T10:00,abc,1,1\n", encoding="utf-8")
    t = D.read(p)
    assert t.n == 2 and t.units == ["xa_a", "xa_b"]
    assert list(t.errors["row"]) == [1]
    assert t.errors["message"][0].startswith(f"{p}:3:26: time_limit: ")
    assert list(t.columns["flags"]["paid_online"]) == [1, 1]
    p.write_text("unit\nx\n", encoding="utf-8")
    with pytest.raises(da06.LoadError, match="required column") as e:
        D.read(p)
    assert (e.value.line, e.value.column) == (1, 1)


HN = {"procedures_published_on_time": 0, "procedures_published": 79, "procedures_updated_on_time": 65,
      "procedures_update_due": 80, "procedures_public_full": 78, "procedures_public": 80, "synced": 859324,
      "received": 1065150, "procedures_online": 53, "procedures_competent": 81, "services_with_online_dossier": 781,
      "online_services": 1965, "online": 886491, "channel_total": 1065048, "paid_online": 229394,
      "fee_obligation": 427521, "procedures_with_paid_online": 125, "procedures_with_fee_dossier": 70,
      "procedures_with_fees": 331, "result_electronic": 536776, "digitised": 164908, "reused": 344455,
      "personal_store": 7727, "citizen_data": 412784, "procedures_with_citizen_data": 500,
      "procedures_for_individuals": 1327, "satisfied": 785199, "complaints": 4506, "complaints_on_time": 1000,
      "complaints_satisfied": 791}


def test_portal_groups_reproduced_and_scores_frame() -> None:
    cells = pd.DataFrame([{"unit": "Hà Nội", "period": "2026", **HN},
                          {"unit": "xã Ba Vì", "period": "2026", "received": 4474, "on_time": 4358,
                           "services_with_online_dossier": 31, "online_services": 403, "online": 3294,
                           "channel_total": 4474, "paid_online": 2558, "fee_obligation": 3292,
                           "procedures_with_paid_online": 3, "procedures_with_fee_dossier": 3,
                           "procedures_with_fees": 31, "satisfied": 4357}])
    rows = D.score_counts(cells)
    assert set(rows.columns) >= {"unit", "period", "group", "indicator", "numerator", "denominator", "points",
                                 "max_points", "rules"}
    s = D.scores(rows).set_index("unit")
    assert s.loc["Hà Nội", "CLGQ"] == pytest.approx(9.23)
    assert s.loc["Hà Nội", "TTTT"] == pytest.approx(4.69)
    assert s.loc["Hà Nội", "MDSH"] == pytest.approx(8.01)
    assert s.loc["Hà Nội", "MDHL"] == pytest.approx(7.29)
    assert s.loc["xã Ba Vì", "TDGQ"] == pytest.approx(19.48)
    assert s.loc["xã Ba Vì", "TTTT"] == pytest.approx(5.14)
    assert s.loc["xã Ba Vì", "CLGQ"] == pytest.approx(6.31)
    assert s.loc["xã Ba Vì", "MDHL"] == pytest.approx(18)
    assert (rows["rules"] == "portal-2026-10").all()
    inferred = rows[rows["evidence"] == "inferred"]["indicator"].unique()
    assert set(inferred) == {"PROVIDE_ONLINE", "HAS_ONLINE", "ONLINE_DOSSIERS"}


def test_what_it_takes_brute_force() -> None:
    cell = {"received": 300, "on_time": 231, "satisfied": 225}
    for gain in (0.5, 1, 2.37, 5):
        w = D.what_it_takes(cell, "on_time", gain=gain)
        base = D.score_counts(pd.DataFrame([{"unit": "u", "period": "p", **cell}]))["points"].sum()
        want = None
        for k in range(0, 300 - 231 + 1):
            c2 = dict(cell, on_time=231 + k)
            tot = D.score_counts(pd.DataFrame([{"unit": "u", "period": "p", **c2}]))["points"].sum()
            if round(tot * 100) >= round(base * 100) + round(gain * 100):
                want = k
                break
        assert w["extra"] == want, gain


def test_index_from_a_csv_with_vietnamese_names_and_bad_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "hoso.csv"
    p.write_text("MaHoSo,MaDonVi,MaTTHC,KenhThucHien,NgayTiepNhan,ThoiHanGiaiQuyet,NgayKetThucXuLy\n"
                 "H1,xa_a,P1,2,2024-04-26T16:30,5,2024-05-08T10:00\n"
                 "H2,xa_a,P1,1,2024-04-26T10:00,5,2024-05-08T10:00\n"
                 "H3,xa_b,P2,2,2024-04-31T10:00,5,\n"
                 "H4,xa_b,P2,9,2024-04-20T10:00,5,\n", encoding="utf-8")
    rows = D.index(str(p), period="month", calendar=CAL)
    errs = rows.attrs["errors"]
    assert list(errs["row"]) == [2, 3]
    assert list(errs["field"]) == ["received_at", "channel"]
    on_time = rows[(rows["indicator"] == "ON_TIME") & (rows["unit"] == "xa_a")].iloc[0]
    # judged at the end of April both are still open and within their limits
    assert (on_time["numerator"], on_time["denominator"]) == (2, 2)
    rows = D.index(str(p), period="month", calendar=CAL, as_of="2024-05-31")
    on_time = rows[(rows["indicator"] == "ON_TIME") & (rows["unit"] == "xa_a")].iloc[0]
    assert (on_time["numerator"], on_time["denominator"]) == (1, 2)  # H1 on time (due 8/5), H2 late (due 7/5)
    assert on_time["points"] == 10.0


def test_counts_flag_the_years_without_an_official_schedule() -> None:
    """Dossiers whose dates reach a year without a published holiday schedule (2027 on, read from the
    schedule file) say so; those that stay in scheduled years do not."""
    import json
    from pathlib import Path

    doc = json.loads((Path(__file__).resolve().parents[2] / "data" / "holidays" / "vn_public_schedules.json")
                     .read_text(encoding="utf-8"))
    scheduled = {s["year"] for s in doc["schedules"]}
    assert 2026 in scheduled and 2027 not in scheduled

    def table(received: str, finished: str | None) -> pd.DataFrame:
        return pd.DataFrame({"unit": ["X"], "received_at": [pd.Timestamp(received)], "time_limit": [5],
                             "finished_at": [pd.Timestamp(finished) if finished else pd.NaT]})

    cal = da06.Calendar.vietnam_public()
    assert D.counts(table("2026-03-02 09:00", "2026-03-05 10:00"), calendar=cal).attrs["provisional_years"] == []
    assert D.counts(table("2026-12-28 09:00", "2027-01-05 10:00"), calendar=cal).attrs["provisional_years"] == [2027]
    # an open dossier judged as of a later date: the count runs to that date
    c = D.counts(table("2026-12-01 09:00", None), calendar=cal, as_of="2028-01-10")
    assert c.attrs["provisional_years"] == [2027, 2028]
    assert D.index(table("2026-12-28 09:00", "2027-01-05 10:00"), calendar=cal).attrs["provisional_years"] == [2027]
    # the statutory calendar never follows schedules
    st_cal = da06.Calendar.vietnam_statutory()
    assert D.counts(table("2026-12-28 09:00", "2027-01-05 10:00"), calendar=st_cal).attrs["provisional_years"] == []
