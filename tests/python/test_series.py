"""A series of reports: `da06 diff` and `da06.Series` against the hand-labelled oracle of the synthetic
follow-ups (tests/data/series/expected_changes.json), and pace over the series against an independent
computation with fractions and numpy."""
from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import da06

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "series"
SEED_FILE = REPO / "data" / "thanhhoa_2024h1.json"  # the embedded dataset's file
ORACLE = json.loads((DATA / "expected_changes.json").read_text(encoding="utf-8"))


def path_of(name: str) -> str:
    return str(SEED_FILE if name == "<embedded>" else DATA / name)


def cli_diff(run: Any, case: dict[str, Any], *extra: str) -> dict[str, Any]:
    args = ["diff", path_of(case["old"]), path_of(case["new"]), "--json", *extra]
    if case["mapping"]:
        args += ["--mapping", str(DATA / case["mapping"])]
    out: dict[str, Any] = json.loads(run(*args).stdout)
    return out


def exact(text: str) -> Fraction:
    """An oracle figure in display units: "a/b" is a ratio of a percentage indicator (×100)."""
    if "/" in text:
        n, d = text.split("/")
        return Fraction(int(n), int(d)) * 100
    return Fraction(text)


def fraction_of(text: str) -> Fraction:
    n, d = text.split("/")
    return Fraction(int(n), int(d))


@pytest.mark.parametrize("name", ["seed_to_2024h2", "2024h2_to_2025h1"])
def test_diff_lists_every_planted_change_and_nothing_else(run: Any, name: str) -> None:
    case = ORACLE[name]
    d = cli_diff(run, case)
    assert d["old_as_of"] == case["old_as_of"]
    assert d["new_as_of"] == case["new_as_of"]

    assert [[m["old_task"], m["new_task"]] for m in d["renumbered"]] == case["renumbered"]
    splits: dict[str, list[str]] = {}
    for m in d["tasks"]["matches"]:
        assert m["method"] != "merged"
        if m["method"] == "split":
            splits.setdefault(m["old_task"], []).append(m["new_task"])
    assert [[o, sorted(n)] for o, n in splits.items()] == case["split"]
    assert [u["task"] for u in d["tasks"]["added"]] == case["new_tasks"]
    assert [u["task"] for u in d["tasks"]["dropped"]] == case["dropped_tasks"]
    # Nothing unmatched is matched silently: what stays unmatched scored below the threshold.
    for u in d["tasks"]["added"] + d["tasks"]["dropped"]:
        assert u["best_score"] < 0.7

    for key in ("newly_done", "newly_overdue", "newly_waiting"):
        got = [[c["old_task"], c["new_task"], c["old_status"]] for c in d[key]]
        assert got == case[key], key
    assert [[c["old_task"], c["new_task"], c["old_due"], c["new_due"]] for c in d["deadline_moved"]] == case["deadline_moved"]

    # Indicators: the same set, each direction and exact change computed here from the printed figures.
    got_ind = {(m["indicator"], m["unit"], m["service"] or ""): m for m in d["indicators"]}
    want_ind = {(w["indicator"], w["unit"], w["service"]): w for w in case["indicators"]}
    assert set(got_ind) == set(want_ind)
    for k, w in want_ind.items():
        m = got_ind[k]
        assert m["movement"] == w["direction"], k
        assert fraction_of(m["change"]) == exact(w["to"]) - exact(w["from"]), k
        assert m["followed_from"] == w.get("followed_from", []), k
        if "/" in w["from"] and "/" in w["to"]:
            (on, od), (nn, nd) = (map(int, w["from"].split("/")), map(int, w["to"].split("/")))
            assert m["numerator_change"] == nn - on
            assert m["denominator_change"] == nd - od

    got_rev = [[r["indicator"], r["unit"], r["service"] or "", r["when"], r["old_value"], r["new_value"]] for r in d["revisions"]]
    want_rev = [[r["indicator"], r["unit"], r["service"], r["when"], r["from"], r["to"]] for r in case["revisions"]]
    assert got_rev == want_rev
    assert d["duplicates"] == case["duplicates"]

    assert [t["target"] for t in d["targets_newly_met"]] == case["targets_newly_met"]
    assert [[t["target"], t["shift"]] for t in d["targets_newly_missed"]] == case["targets_newly_missed"]
    assert [u["unit"] for u in d["units_entered"]] == case["units_entered"]
    assert [u["unit"] for u in d["units_left"]] == case["units_left"]
    for u in d["units_left"]:
        assert u["successors"] == case.get("successors", {}).get(u["unit"], [])
    got_ch = [{"observation": c["observation"], "against": c["against"], "of": c["of"], "implied": c["implied"],
               "earlier": c["earlier_value"], "agrees": c["agrees"], "revised_to": c["revised_to"]}
              for c in d["change_checks"]]
    assert got_ch == case["change_checks"]


def test_without_the_mapping_merged_units_are_not_followed(run: Any) -> None:
    case = dict(ORACLE["2024h2_to_2025h1"], mapping=None)
    d = cli_diff(run, case)
    assert "population_mgmt_files_online_rate" not in {m["indicator"] for m in d["indicators"]}
    assert all(u["successors"] == [] for u in d["units_left"])


def test_a_pin_matches_what_the_text_would_not(run: Any) -> None:
    d = cli_diff(run, ORACLE["seed_to_2024h2"], "--pin", "T09=T73")
    pinned = [m for m in d["tasks"]["matches"] if m["method"] == "pinned"]
    assert [(m["old_task"], m["new_task"]) for m in pinned] == [("T09", "T73")]
    assert pinned[0]["confidence"] < 0.7  # reported as low as it is
    assert d["tasks"]["added"] == [] and d["tasks"]["dropped"] == []


def test_text_output_and_usage_errors(run: Any) -> None:
    case = ORACLE["seed_to_2024h2"]
    out = run("diff", path_of(case["old"]), path_of(case["new"])).stdout
    assert "Tasks newly done: 4" in out and "T46: 2024-12-31 -> 2025-03-31" in out
    assert "Printed changes checked against the earlier report: 2 (1 disagree)" in out
    assert "implies numerator 20615 for 2024-S1; the earlier report printed 20651" in out
    bad = run("diff", path_of(case["old"]), check=False)
    assert bad.returncode == 2 and "usage: da06 diff" in bad.stderr
    pin = run("diff", path_of(case["old"]), path_of(case["new"]), "--pin", "T09", check=False)
    assert pin.returncode == 2 and "OLD=NEW" in pin.stderr
    # Reports out of order: named, not a crash.
    rev = run("diff", path_of(case["new"]), path_of(case["old"]), check=False)
    assert rev.returncode != 0 and "is not dated after report 1" in rev.stderr


def test_bad_file_is_located(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "da06-framework", "format_version": 1, "id": "x", "report": {"date": "2024-02-30"}}',
                   encoding="utf-8")
    p = run("diff", str(SEED_FILE), str(bad), check=False)
    assert p.returncode == 1
    assert "bad.json:1:" in p.stderr and "$.report.date" in p.stderr


def test_python_series_diff_agrees_with_the_cli(run: Any) -> None:
    case = ORACLE["seed_to_2024h2"]
    s = da06.Series([da06.load_default(), da06.load(DATA / "synthetic_2024h2.json")])
    d = s.diff(0, 1)
    assert json.loads(d.to_json()) == cli_diff(run, case)
    assert list(d.newly_done["new_task"]) == [c[1] for c in case["newly_done"]]
    ind = d.indicators.set_index(["indicator", "service"])
    row = ind.loc[("dvc_service_online_rate", "S3-02")]
    assert row["change"] == Fraction(25800, 25900) * 100 - Fraction(20651, 20723) * 100
    assert row["numerator_change"] == 5149
    assert d.duplicates == 1
    assert list(d.revisions["old_value"]) == ["20651/20723"]


def test_series_of_three_reports_and_its_observations() -> None:
    s = da06.Series([da06.load_default(), da06.load(DATA / "synthetic_2024h2.json"),
                     da06.load(DATA / "synthetic_2025h1.json")], mapping=DATA / "synthetic_reform_mapping.csv")
    obs = s.observations()
    # Every printing of the seed is kept once: the seed's repeated narrative figures are merged.
    seed = da06.load_default().observations_frame()
    keys = {(r.indicator, r.unit, r.service if isinstance(r.service, str) else "",
             r.as_of.isoformat() if isinstance(r.as_of, dt.date) else r.period) for r in seed.itertuples()}
    from_seed = obs[obs["printed_in"].map(lambda p: p[0] == "thanhhoa-2024h1")]
    assert len(from_seed) >= len(keys)  # one per key, more only where the seed itself prints two values
    assert len(from_seed) < len(seed)
    twice = obs[(obs["indicator"] == "dossier_ontime_rate") & (obs["when"] == "2024-06-28")]
    assert list(twice["times_printed"]) == [2]
    # The default diff is the last two reports.
    d = s.diff()
    assert (d.old_report, d.new_report) == ("synthetic-thanhhoa-2024h2", "synthetic-thanhhoa-2025h1")
    with pytest.raises(IndexError):
        s.diff(0, 5)
    with pytest.raises(da06.InvalidArgument, match="not dated after"):
        da06.Series([da06.load(DATA / "synthetic_2024h2.json"), da06.load_default()])


# --- pace over the series -------------------------------------------------------------------------

def open_sdg(points: list[tuple[dt.date, Fraction]], target: Fraction, deadline: dt.date) -> tuple[float, str]:
    """Open SDG: R = CAGR_observed / |CAGR_required| (higher is better), bands 0.95 / 0.60 / 0."""
    (d0, y0), (dc, yc) = points[0], points[-1]
    tc = (dc - d0).days / 365.25
    td = (deadline - d0).days / 365.25
    obs = (float(yc) / float(y0)) ** (1 / tc) - 1
    req = (float(target) / float(y0)) ** (1 / td) - 1
    r = obs / abs(req)
    cls = ("on_track" if r >= 0.95 else "acceleration_needed" if r >= 0.60 else
           "limited_progress" if r >= 0 else "deterioration")
    return r, cls


def test_pace_on_the_series_gives_a_class_to_every_target_with_two_points() -> None:
    s = da06.Series([da06.load_default(), da06.load(DATA / "synthetic_2024h2.json"),
                     da06.load(DATA / "synthetic_2025h1.json")])
    p = s.pace().set_index("target")
    two = p[p["points"] >= 2]
    assert len(two) >= 5
    assert (two["pace"] != "insufficient_data").all()
    # A single report gives most of these targets one point, hence no class.
    single = da06.load_default().indicators_frame(as_of="2024-06-28").set_index("target")
    assert (single.loc[["TG-T05-province-district"], "pace"] == "insufficient_data").all()

    # TG-T05-province-district: 91,31 % (seed, 28/06/2024), 96,5 % (H2, 10/12/2024), 98,0 % (H1/2025,
    # period ending 30/06/2025), target ≥ 100 by 31/12/2024.
    row = p.loc["TG-T05-province-district"]
    pts = [(dt.date(2024, 6, 28), Fraction("91.31")), (dt.date(2024, 12, 10), Fraction("96.5")),
           (dt.date(2025, 6, 30), Fraction("98.0"))]
    assert list(row["point_dates"]) == [d for d, _ in pts]
    assert np.allclose(row["point_values"], [float(v) for _, v in pts])
    assert list(row["point_reports"]) == ["thanhhoa-2024h1", "synthetic-thanhhoa-2024h2", "synthetic-thanhhoa-2025h1"]
    r, cls = open_sdg(pts, Fraction(100), dt.date(2024, 12, 31))
    assert row["pace"] == cls
    assert math.isclose(row["ratio"], r, rel_tol=1e-9)
    assert row["status"] == "not_met"
    assert p.loc["TG-T12-ontime", "pace"] == "achieved"


def test_needed_monthly_rate_against_fractions() -> None:
    s = da06.Series([da06.load_default(), da06.load(DATA / "synthetic_2024h2.json")])
    p = s.pace(as_of="2024-12-10").set_index("target")
    # TG-T05-province-district: 96,5 % on 10/12/2024, ≥ 100 % by 31/12/2024: 3,5 points in 21 days.
    months = Fraction((dt.date(2024, 12, 31) - dt.date(2024, 12, 10)).days) / (Fraction("365.25") / 12)
    want = (Fraction(100) - Fraction("96.5")) / months
    assert math.isclose(p.loc["TG-T05-province-district", "needed_per_month"], float(want), rel_tol=1e-12)
    # Achieved targets need nothing more.
    assert math.isnan(p.loc["TG-T22", "needed_per_month"])


def test_fixtures_are_marked_synthetic_and_regenerate() -> None:
    for name in ("synthetic_2024h2.json", "synthetic_2025h1.json"):
        fw = json.loads((DATA / name).read_text(encoding="utf-8"))
        assert "SYNTHETIC" in fw["title"] and "SYNTHETIC" in fw["report"]["note"]
        assert fw["id"].startswith("synthetic-")
    p = subprocess.run([sys.executable, str(REPO / "scripts" / "make_series_fixtures.py"), "--check"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr


def test_the_docs_example_runs_and_prints_what_the_page_says() -> None:
    import re

    page = (REPO / "docs" / "series.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", page, re.S)
    shown = re.search(r"prints\n\n```text\n(.*?)```", page, re.S)
    assert code and shown
    p = subprocess.run([sys.executable, "-c", code.group(1)], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert p.returncode == 0, p.stderr
    assert p.stdout == shown.group(1)


def test_c_abi_gives_the_cli_document(run: Any) -> None:
    import ctypes as C
    import os

    lib_path = os.environ.get("DA06_LIB") or next(
        (str(Path(d) / "libda06.so.1") for d in (os.environ.get("DA06_BUILD_DIR"), REPO / "build" / "release")
         if d and (Path(d) / "libda06.so.1").exists()), None)
    if lib_path is None:
        pytest.skip("libda06.so.1 is not built")
    lib = C.CDLL(lib_path)
    P = C.c_void_p
    lib.da06_framework_load_file.argtypes = [C.POINTER(P), C.c_char_p]
    lib.da06_framework_free.argtypes = [P]
    lib.da06_string_free.argtypes = [P]
    lib.da06_series_diff_json.argtypes = [C.POINTER(P), C.POINTER(C.c_size_t), P, P, C.c_int32, C.c_char_p]
    case = ORACLE["2024h2_to_2025h1"]
    a, b = P(), P()
    assert lib.da06_framework_load_file(C.byref(a), path_of(case["old"]).encode()) == 0
    assert lib.da06_framework_load_file(C.byref(b), path_of(case["new"]).encode()) == 0
    out, n = P(), C.c_size_t()
    mapping = (DATA / case["mapping"]).read_bytes()
    try:
        assert lib.da06_series_diff_json(C.byref(out), C.byref(n), a, b, -(2**31), mapping) == 0
        text = C.string_at(out, n.value).decode()
        lib.da06_string_free(out)
        args = ["diff", path_of(case["old"]), path_of(case["new"]), "--json", "--mapping", str(DATA / case["mapping"])]
        assert text + "\n" == run(*args).stdout
        # Out of order: an error code, not a crash.
        assert lib.da06_series_diff_json(C.byref(out), None, b, a, -(2**31), None) == -1
        assert lib.da06_series_diff_json(C.byref(out), None, None, a, -(2**31), None) == -1
    finally:
        lib.da06_framework_free(a)
        lib.da06_framework_free(b)


def test_series_progress_plot_labels_every_point_with_its_report() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import da06.plot

    s = da06.Series([da06.load_default(), da06.load(DATA / "synthetic_2024h2.json"),
                     da06.load(DATA / "synthetic_2025h1.json")])
    ax = da06.plot.series_progress(s.pace(), "TG-T05-province-district")
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["thanhhoa-2024h1", "synthetic-thanhhoa-2024h2", "synthetic-thanhhoa-2025h1"]
    assert list(ax.lines[0].get_ydata()) == pytest.approx([91.31, 96.5, 98.0])
    with pytest.raises(KeyError):
        da06.plot.series_progress(s.pace(), "no-such-target")
    import matplotlib.pyplot as plt

    plt.close("all")


# --- properties -------------------------------------------------------------------------------------

def _seed_json() -> dict[str, Any]:
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))


def test_a_report_against_itself_changes_nothing() -> None:
    d = _seed_json()
    d["report"]["date"] = "2024-06-29"
    d["id"] = "seed-again"
    diff = da06.Series([da06.load_default(), da06.loads(json.dumps(d))]).diff(0, 1, as_of="2024-06-28")
    for name in ("renumbered", "newly_done", "newly_overdue", "newly_waiting", "deadline_moved", "indicators",
                 "revisions", "targets_newly_met", "targets_newly_missed", "units_entered", "units_left",
                 "new_tasks", "dropped_tasks"):
        assert getattr(diff, name).empty, name
    assert diff.duplicates == len(d["observations"])
    assert (diff.matches["method"] == "number").all() and len(diff.matches) == len(d["tasks"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_dropped_tasks_and_renumbering_are_recovered(data: Any) -> None:
    d = _seed_json()
    tasks = d["tasks"]
    drop = set(data.draw(st.lists(st.integers(0, len(tasks) - 1), max_size=8, unique=True)))
    kept = [t for i, t in enumerate(tasks) if i not in drop]
    # The later report numbers its tasks 1..n and gives them the ids an importer would.
    renamed = {}
    for n, t in enumerate(kept, start=1):
        renamed[t["id"]] = f"T{n:02d}"
        t["number"], t["id"] = n, f"T{n:02d}"
    d["tasks"] = kept
    for tg in d["targets"]:
        tg["task"] = renamed.get(tg.get("task") or "", "")
    for g in d["task_groups"]:
        g["declared_count"] = sum(1 for t in kept if t["group"] == g["id"])
    d["report"]["date"], d["id"] = "2024-06-29", "renumbered"
    diff = da06.Series([da06.load_default(), da06.loads(json.dumps(d))]).diff(0, 1, as_of="2024-06-28")
    m = diff.matches
    assert dict(zip(m["old_task"], m["new_task"])) == renamed
    assert sorted(diff.dropped_tasks["task"]) == sorted(tasks_id for i, tasks_id in
                                                       enumerate(t["id"] for t in _seed_json()["tasks"]) if i in drop)
    assert diff.new_tasks.empty
