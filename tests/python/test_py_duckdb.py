"""da06.duckdb: the SQL functions over tables of many vectors equal da06's Python functions (and the
numpy busday oracle for the working-day counts), NULLs in give NULLs out."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import core, oracle_module

core()
duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (pip install da06[duckdb])")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install da06[arrow])")
import da06  # noqa: E402
import da06.duckdb  # noqa: E402

CAL = da06.Calendar.vietnam()
STAT = da06.Calendar.vietnam_statutory()


@pytest.fixture(scope="module")
def con() -> object:
    c = duckdb.connect()
    da06.duckdb.register(c, CAL)
    da06.duckdb.register(c, STAT, prefix="stat_")
    rng = np.random.default_rng(8)
    n = 10_000  # five DuckDB vectors
    a = np.datetime64("2020-01-01") + rng.integers(0, 3000, n).astype("timedelta64[D]")
    b = a + rng.integers(-400, 400, n).astype("timedelta64[D]")
    rec = a.astype("datetime64[s]") + rng.integers(0, 86400, n).astype("timedelta64[s]")
    fin = rec + rng.integers(0, 40 * 86400, n).astype("timedelta64[s]")
    df = pd.DataFrame({"a": a, "b": b, "n": rng.integers(0, 30, n).astype(np.int32), "rec": rec, "fin": fin})
    df.loc[::97, "a"] = pd.NaT
    df.loc[::89, "fin"] = pd.NaT
    c.register("t", df)
    c.execute("CREATE TABLE tt AS SELECT CAST(a AS DATE) AS a, CAST(b AS DATE) AS b, n, rec, fin FROM t")
    return c


def test_working_days_against_numpy(con) -> None:  # type: ignore[no-untyped-def]
    hol = oracle_module("gen_busday_oracle").statutory_holiday_list(2004, 2043)
    bdc = np.busdaycalendar(weekmask="1111100", holidays=hol)
    df = con.execute("SELECT a, b, stat_busday_count(a, b) AS h, stat_workdays_between(a, b) AS c FROM tt").df()
    ok = df["a"].notna()
    a = df.loc[ok, "a"].to_numpy().astype("datetime64[D]")
    b = df.loc[ok, "b"].to_numpy().astype("datetime64[D]")
    np.testing.assert_array_equal(df.loc[ok, "h"].to_numpy(), np.busday_count(a, b, busdaycal=bdc))
    assert df.loc[~ok, "h"].isna().all() and df.loc[~ok, "c"].isna().all()
    np.testing.assert_array_equal(df.loc[ok, "c"].to_numpy(), STAT.workdays_between(a, b))


def test_add_workdays_and_due_equal_python(con) -> None:  # type: ignore[no-untyped-def]
    df = con.execute("SELECT a, n, rec, da06_add_workdays(a, n) AS added, da06_dossier_due(rec, n) AS due FROM tt").df()
    ok = df["a"].notna()
    want = CAL.add_workdays(df.loc[ok, "a"].to_numpy().astype("datetime64[D]"), df.loc[ok, "n"].to_numpy())
    np.testing.assert_array_equal(df.loc[ok, "added"].to_numpy().astype("datetime64[D]"), want)
    due = da06.dossiers.due(df["rec"].to_numpy(), df["n"].to_numpy(), calendar=CAL)
    np.testing.assert_array_equal(df["due"].to_numpy().astype("datetime64[D]"), due)


def test_status_equals_python(con) -> None:  # type: ignore[no-untyped-def]
    df = con.execute("SELECT rec, n, fin, da06_dossier_status(rec, n, fin, TIMESTAMP '2026-01-01 00:00:00') AS s FROM tt").df()
    want = da06.dossiers.status(df["rec"].to_numpy(), df["n"].to_numpy(), df["fin"].to_numpy(),
                                as_of=np.datetime64("2026-01-01T00:00:00"), calendar=CAL)
    got = [None if pd.isna(x) else x for x in df["s"]]
    assert got == [None if pd.isna(x) else x for x in np.asarray(want, dtype=object)]
    assert set(df["s"].dropna()) >= {"early", "on_time", "late", "open_late"}
