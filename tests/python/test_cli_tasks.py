"""`da06 tasks`: every task's status as of a date (docs/task-status.md)."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from conftest import REPO

# In numbering order (by_status lists its keys so); done_late and blank were appended.
STATUSES = ["done", "done_maintained", "in_progress", "due_soon", "overdue", "waiting", "not_started", "unknown",
            "done_late", "blank"]
TASK_KEYS = ["task", "number", "group", "status", "due", "effective_due", "start", "recurrence", "workdays_left",
             "past_due", "past_due_not_done", "deciding_phrases", "reason"]
CLAIM_MAP = {"done_and_maintained": {"done", "done_maintained", "done_late"}, "waiting_for_ministries": {"waiting"},
             "planned": set(STATUSES)}


def _dataset() -> dict:
    return json.loads((REPO / "data" / "thanhhoa_2024h1.json").read_text(encoding="utf-8"))


def _oracle() -> dict[str, tuple[str, bool]]:
    rows = {}
    lines = (REPO / "tests" / "data" / "seed_task_status.tsv").read_text(encoding="utf-8").splitlines()
    body = [l for l in lines if l and not l.startswith("#")][1:]  # drop the header
    for line in body:
        task, status, flag, *_ = line.split("\t")
        rows[task] = (status, flag == "1")
    return rows


@pytest.fixture(scope="module")
def doc(run) -> dict:
    return json.loads(run("tasks", "--json").stdout)


def test_json_shape(doc):
    assert list(doc) == ["as_of", "due_soon_workdays", "provisional_years", "tasks", "summary"]
    assert doc["as_of"] == "2024-06-28"  # the report's date is the default
    assert doc["due_soon_workdays"] == 10
    assert len(doc["tasks"]) == 72
    for t in doc["tasks"]:
        assert list(t) == TASK_KEYS
        assert t["status"] in STATUSES
        assert isinstance(t["reason"], str) and t["reason"]
        for p in t["deciding_phrases"]:
            assert set(p) == {"text", "field", "role", "begin", "end"}
            assert p["field"] in ("progress_text", "deadline_text")
        if t["workdays_left"] is not None:
            assert t["effective_due"] is not None
    assert list(doc["summary"]) == ["total", "by_status", "by_group", "claims", "past_due_not_done", "overdue"]


def test_deciding_phrases_are_byte_spans_of_the_texts(doc):
    tasks = {t["id"]: t for t in _dataset()["tasks"]}
    for t in doc["tasks"]:
        assert t["status"] == "unknown" or t["deciding_phrases"], t["task"]
        for p in t["deciding_phrases"]:
            raw = tasks[t["task"]][p["field"]].encode("utf-8")
            assert raw[p["begin"]:p["end"]].decode("utf-8") == p["text"]


def test_summary_counts_equal_the_per_task_statuses(doc):
    s = doc["summary"]
    counts = Counter(t["status"] for t in doc["tasks"])
    assert s["total"] == 72
    assert list(s["by_status"]) == STATUSES
    assert s["by_status"] == {k: counts.get(k, 0) for k in STATUSES}
    per_group = Counter((t["group"], t["status"]) for t in doc["tasks"])
    assert [g["group"] for g in s["by_group"]] == [f"G{i}" for i in range(1, 11)]
    for g in s["by_group"]:
        assert g["by_status"] == {k: per_group.get((g["group"], k), 0) for k in STATUSES}
        assert g["total"] == sum(g["by_status"].values())
    assert s["past_due_not_done"] == [t["task"] for t in doc["tasks"] if t["past_due_not_done"]]
    assert s["overdue"] == [t["task"] for t in doc["tasks"] if t["status"] == "overdue"]


def test_claims_appear_beside_ours_with_the_difference(doc, run):
    s = doc["summary"]
    claims = {c["status"]: c for c in s["claims"]}
    assert claims["done_and_maintained"]["claimed"] == 54
    assert claims["waiting_for_ministries"]["claimed"] == 18
    for c in s["claims"]:
        assert set(c["statuses"]) == CLAIM_MAP[c["status"]]
        assert c["ours"] == sum(s["by_status"][k] for k in c["statuses"])
        assert c["difference"] == c["ours"] - c["claimed"]
    # the report counts everything that is not waiting as "done and maintained"; we do not
    assert claims["done_and_maintained"]["difference"] < 0
    text = run("tasks").stdout
    for c in s["claims"]:
        d = c["difference"]
        assert f"claimed {c['claimed']}, ours {c['ours']}" in text
        assert f"difference {'+' if d > 0 else ''}{d}" in text
        assert c["published"] in text


def test_cli_agrees_with_the_human_labels(doc):
    oracle = _oracle()
    assert len(oracle) == 72
    got = {t["task"]: (t["status"], t["past_due_not_done"]) for t in doc["tasks"]}
    assert got == oracle


def test_past_due_not_done_means_a_passed_due_date(doc):
    as_of = date.fromisoformat(doc["as_of"])
    flagged = [t for t in doc["tasks"] if t["past_due_not_done"]]
    assert flagged, "the seed has tasks past due and not done"
    for t in flagged:
        assert date.fromisoformat(t["effective_due"]) < as_of
        assert t["status"] not in ("done", "done_maintained", "unknown")
        assert t["workdays_left"] <= 0


def test_text_output_groups_and_lists(run, doc):
    text = run("tasks").stdout
    assert "I. Về pháp lý (3 tasks)" in text
    assert "Summary" in text and "By group" in text
    for task in doc["summary"]["past_due_not_done"]:
        assert f"  {task}  " in text


@pytest.mark.parametrize("form", [["--due-soon=0"], ["--due-soon", "0"]])
def test_due_soon_option(run, form):
    d = json.loads(run("tasks", "--json", "--as-of", "2024-06-28", *form).stdout)
    assert d["due_soon_workdays"] == 0
    # T40 has 1 working day left: due soon with N = 10, on time with N = 0
    t40 = next(t for t in d["tasks"] if t["task"] == "T40")
    assert t40["workdays_left"] == 1 and t40["status"] == "in_progress"


def test_as_of_moves_the_deadlines(run):
    d = json.loads(run("tasks", "--json", "--as-of", "2024-07-02").stdout)
    assert d["as_of"] == "2024-07-02"
    byid = {t["task"]: t for t in d["tasks"]}
    assert byid["T40"]["status"] == "overdue"       # due June 2024, rolled to Mon 1/7
    assert byid["T42"]["past_due_not_done"] is True  # waiting, and now past due
    assert byid["T42"]["status"] == "waiting"


@pytest.mark.parametrize("bad", [["--due-soon=x"], ["--due-soon=-1"], ["--as-of", "2024-13-01"], ["--nope"]])
def test_bad_options_are_usage_errors(run, bad):
    p = run("tasks", *bad, check=False)
    assert p.returncode == 2, p.stdout + p.stderr
