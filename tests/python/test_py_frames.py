"""Task status, indicators against targets and the audit, as DataFrames (status and indicators from the C++
JSON builders, the audit from the C++ structs)."""
from __future__ import annotations

import json

import pandas as pd

from helpers import core

core()
import da06  # noqa: E402

FW = da06.load_default()


def test_task_status(run) -> None:
    df = FW.task_status(as_of="2024-06-28")
    assert len(df) == len(FW.core.tasks())
    assert df["task"].tolist() == [t.id for t in FW.core.tasks()]
    for c in ("status", "due", "effective_due", "workdays_left", "workdays_overdue", "deciding_phrase", "reason"):
        assert c in df.columns
    assert set(df["status"].astype(str)) <= set(df["status"].cat.categories)
    over = df[df["status"] == "overdue"]
    assert len(over) > 0
    assert (over["workdays_overdue"] >= 0).all() and over["effective_due"].notna().all()
    assert (over["effective_due"] < pd.Timestamp("2024-06-28")).all()
    # every overdue task's working days overdue is the calendar's count of (effective_due, as_of]
    cal = da06.Calendar.vietnam()
    for r in over.itertuples():
        want = cal.workdays_between(r.effective_due.date(), "2024-06-28") - int(cal.is_workday(r.effective_due.date()))
        assert r.workdays_overdue == want, r.task
    # the same statuses and days as the CLI's JSON, task by task
    doc = json.loads(run("tasks", "--json", "--as-of", "2024-06-28").stdout)
    assert df.attrs["summary"] == {k: v for k, v in doc["summary"].items()}
    for r, t in zip(df.itertuples(), doc["tasks"]):
        assert (r.task, str(r.status)) == (t["task"], t["status"])
        left = t["workdays_left"]
        assert (None if pd.isna(r.workdays_left) else int(r.workdays_left)) == (left if left is None or left >= 0 else None)
    # deciding phrases are substrings of the task's texts
    texts = {t.id: t.progress_text + t.deadline_text for t in FW.core.tasks()}
    for r in df.itertuples():
        assert r.deciding_phrase == "" or r.deciding_phrase in texts[r.task]


def test_indicators_frame() -> None:
    df = FW.indicators_frame(as_of="2024-06-28")
    assert len(df) == len(FW.core.targets())
    for c in ("value", "published", "target_value", "gap_pp", "needed", "pace", "status"):
        assert c in df.columns
    assert set(df["status"]) <= {"met", "not_met", "no_data"}
    with_value = df.dropna(subset=["value", "target_value"])
    assert len(with_value) > 0
    # gap_pp = value − threshold for percentages
    pp = df.dropna(subset=["gap_pp"])
    assert len(pp) > 0
    assert ((pp["value"] - pp["target_value"] - pp["gap_pp"]).abs() < 1e-9).all()
    # a not-met '>=' target needs a positive number more; a met one needs none
    nm = df[(df["status"] == "not_met") & (df["comparator"] == ">=") & df["needed"].notna()]
    assert (nm["needed"] > 0).all()


def test_audit() -> None:
    df = da06.audit(FW)
    assert list(df.columns[:4]) == ["id", "check", "severity", "message"]
    assert df["id"].is_unique
    assert set(df["severity"].astype(str)) <= {"error", "warning", "info"}
    counts = df["severity"].astype(str).value_counts().to_dict()
    assert {k: counts.get(k, 0) for k in df.attrs["counts"]} == df.attrs["counts"]
    assert (df["source_line"].dropna() > 0).all()
    assert len(da06.audit(FW, include_info=False)) == len(df) - counts.get("info", 0)
    assert "status_check" not in df.attrs


def test_audit_frame_is_the_cli_document(run) -> None:
    """The frame (built from the C++ structs) holds what `da06 audit --json` prints, value for value."""
    doc = json.loads(run("audit", "--json").stdout)
    df = da06.audit(FW)
    assert df.attrs["counts"] == doc["counts"]
    assert len(df) == len(doc["findings"]) > 0
    for row, f in zip(df.itertuples(index=False), doc["findings"]):
        assert (row.id, row.check, str(row.severity), row.message, row.published) == (
            f["id"], f["check"], f["severity"], f["message"], f["published"])
        assert row.values == f["values"] and list(row.values) == list(f["values"])
        assert row.records == "; ".join(f["records"])
        assert (None if pd.isna(row.source_line) else row.source_line) == f["source"]["line"]
        assert row.quote == f["source"]["quote"]


def test_audit_calendar_and_date() -> None:
    # The claimed task counts are read as of a date, with a calendar; the seed's claims (done, waiting)
    # depend on neither working days nor the date, so both give the same findings.
    base = da06.audit(FW)
    statutory = da06.audit(FW, calendar=da06.Calendar.vietnam_statutory())
    pd.testing.assert_frame_equal(base, statutory)
    assert statutory.attrs == base.attrs
    early = FW.audit(as_of="2024-01-15", calendar=da06.Calendar.vietnam())
    pd.testing.assert_frame_equal(base, early)
