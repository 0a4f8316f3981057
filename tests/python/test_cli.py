"""The da06 command-line program: validate, show, report (docs/cli.md)."""
from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import REPO

BAD = REPO / "tests" / "data" / "bad"
LINE_RE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<path>\$[^ ]*): (?P<msg>.+)$")


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("*.json")))
def test_validate_bad_input_is_located(run, name):
    p = run("validate", str(BAD / name), check=False)
    assert p.returncode == 1, p.stdout + p.stderr
    lines = [l for l in p.stdout.splitlines() if "warning:" not in l]
    assert lines, "no error printed"
    for line in lines:
        m = LINE_RE.match(line)
        assert m, f"not FILE:LINE:COL: PATH: message -> {line!r}"
        assert m["file"] == str(BAD / name)
        assert int(m["line"]) >= 1 and int(m["col"]) >= 1


def test_validate_good_file(run):
    p = run("validate", str(REPO / "examples" / "data" / "minimal.json"))
    assert p.stdout == ""
    assert "valid" in p.stderr


def test_validate_json_output(run):
    p = run("validate", "--json", str(BAD / "feb30.json"), check=False)
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    assert doc["valid"] is False and doc["errors"] == 1
    d = doc["diagnostics"][0]
    assert (d["line"], d["path"], d["field"]) == (5, "$.observations[0].as_of", "as_of")


def test_show_tasks_json(run):
    doc = json.loads(run("show", "tasks", "--json").stdout)
    assert doc["task_count"] == 72 == len(doc["tasks"])
    assert [t["number"] for t in doc["tasks"]] == list(range(1, 73))
    assert [g["declared_count"] for g in doc["groups"]] == [3, 29, 5, 5, 14, 4, 4, 2, 2, 4]
    for g in doc["groups"]:
        assert g["actual_count"] == sum(1 for t in doc["tasks"] if t["group"] == g["id"])
        assert g["matches"] is True
    t1 = doc["tasks"][0]
    assert set(t1) >= {"id", "number", "group", "title", "lead", "lead_units", "coordinating",
                       "coordinating_units", "deadline_text", "progress_text", "indicators", "source"}


def _vn_half_up(value: Fraction, decimals: int) -> str:
    """Independent oracle: round half away from zero with Fraction, print with ',' and '.' groups."""
    scaled = value * 10**decimals
    q, r = divmod(abs(scaled.numerator), scaled.denominator)
    if 2 * r >= scaled.denominator:
        q += 1
    digits = str(q).rjust(decimals + 1, "0")
    int_part, frac = digits[: len(digits) - decimals] if decimals else digits, digits[len(digits) - decimals:] if decimals else ""
    groups = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    s = ".".join(groups) + ("," + frac if decimals else "")
    return ("-" if value < 0 and q else "") + s


def test_show_indicators_computed_values_match_fraction_oracle(run):
    doc = json.loads(run("show", "indicators", "--json").stdout)
    inds = {i["id"]: i for i in doc["indicators"]}
    checked = 0
    for o in doc["observations"]:
        if o["numerator"] is None:
            continue
        ind = inds[o["indicator"]]
        want = _vn_half_up(Fraction(o["numerator"] * ind["factor"], o["denominator"]), ind["decimals"])
        if ind["factor"] == 100:
            want += "%"
        assert o["computed"] == want, o["id"]
        checked += 1
    assert checked >= 40


def test_show_indicators_lists_every_observation_with_source(run):
    doc = json.loads(run("show", "indicators", "--json").stdout)
    assert len(doc["observations"]) >= 150
    for o in doc["observations"]:
        assert o["published"], o["id"]
        assert o["source"]["document"] == "seed" and o["source"]["line"] >= 1, o["id"]


def test_report_text_and_json(run):
    text = run("report").stdout
    assert "72" in text and "Thanh Hóa" in text
    doc = json.loads(run("report", "--json").stdout)
    assert doc["counts"]["tasks"] == 72
    assert doc["report"]["number"] == "137/BC-UBND"
    assert doc["as_of"] == "2024-06-28"
    assert json.loads(run("report", "--json", "--as-of", "2024-07-15").stdout)["as_of"] == "2024-07-15"


@pytest.mark.parametrize("args", [["report", "--as-of", "2024-02-30"], ["report", "--bogus"], ["show", "nothing"], ["frobnicate"]])
def test_usage_errors_exit_2(run, args):
    p = run(*args, check=False)
    assert p.returncode == 2
    assert p.stderr.startswith("da06:") or "usage" in p.stderr


def test_data_option_with_errors_exits_1(run):
    p = run("show", "tasks", "--data", str(BAD / "duplicate_id.json"), check=False)
    assert p.returncode == 1
    assert "duplicate task id" in p.stderr


def _framework_files() -> list[Path]:
    """Every framework file of the examples and the test data, but the bad-input cases."""
    out = []
    for root in (REPO / "examples", REPO / "tests" / "data"):
        for p in sorted(root.rglob("*.json")):
            if BAD in p.parents:
                continue
            if b'"da06-framework"' in p.read_bytes()[:4096]:
                out.append(p)
    return out


@pytest.mark.parametrize("path", _framework_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_report_runs_on_every_valid_framework(run, path):
    run("validate", str(path))
    text = run("report", "--data", str(path))
    assert text.stdout.startswith("BÁO CÁO"), text.stdout[:200]
    doc = json.loads(run("report", "--json", "--data", str(path)).stdout)
    assert {"framework", "counts", "audit"} <= doc.keys()


def test_report_without_a_report_date_is_as_of_the_period_end(run):
    # minimal.json has no report date; its period is Quý II/2024, which ends on 30/6/2024.
    doc = json.loads(run("report", "--json", "--data", str(REPO / "examples" / "data" / "minimal.json")).stdout)
    assert doc["as_of"] == "2024-06-30"
    assert doc["task_status"]["summary"]["total"] == 1
