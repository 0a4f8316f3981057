"""The package's basics: import, version, errors with locations, loading, the tasks table, the report."""
from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pandas as pd
import pytest

from helpers import DATA, REPO, core, cpp_test_hooks

core()
import da06  # noqa: E402


def test_helpers_find_the_repo() -> None:
    assert (REPO / "pyproject.toml").exists()
    assert (DATA / "tet_vn_1901_2100.csv").exists()


def test_version_matches_the_cpp_header() -> None:
    text = (REPO / "include" / "da06" / "version.hpp").read_text()
    assert f'#define DA06_VERSION_STRING "{da06.__version__}"' in text


@pytest.mark.parametrize(
    "kind, cls",
    [("parse", da06.ParseError), ("data", da06.DataError), ("range", da06.RangeError),
     ("invalid", da06.InvalidArgument), ("load", da06.LoadError), ("error", da06.Error)],
)
def test_cpp_exceptions_become_located_python_exceptions(kind: str, cls: type) -> None:
    with pytest.raises(cls) as ei:
        cpp_test_hooks().raise_error(kind)
    e = ei.value
    assert type(e) is cls
    assert isinstance(e, da06.Error)
    assert (e.file, e.line, e.column, e.path, e.field) == ("f.json", 3, 7, "$.tasks[2].deadline_text", "deadline_text")
    assert str(e).startswith("f.json:3:7: $.tasks[2].deadline_text: ")
    if kind != "error":
        assert isinstance(e, ValueError)
    # the location survives pickling (multiprocessing)
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is cls and (e2.line, e2.field) == (3, "deadline_text")
    if kind == "load":
        assert [d.message for d in e.diagnostics] == ["bad record"]
        assert e.diagnostics[0].line == 3


def test_load_default() -> None:
    fw = da06.load_default()
    assert fw.province
    assert fw.report_date == dt.date(2024, 6, 28)
    assert fw.period == "2024-S1"
    assert fw.reference_year == 2024
    assert da06.load_default() is fw  # parsed once


def test_load_roundtrip_and_equality(tmp_path: Path) -> None:
    fw = da06.load_default()
    p = tmp_path / "fw.json"
    p.write_text(fw.to_json(), encoding="utf-8")
    fw2 = da06.load(p)
    assert fw2 == fw
    assert da06.loads(fw.to_json()) == fw


def test_load_raises_located_errors(tmp_path: Path) -> None:
    doc = json.loads(da06.load_default().to_json())
    doc["observations"][0]["denominator"] = "not a number"
    p = tmp_path / "broken.json"
    p.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(da06.LoadError) as ei:
        da06.load(p)
    e = ei.value
    assert e.file.endswith("broken.json")
    assert e.line > 1
    assert "observations[0]" in e.path
    assert e.diagnostics and all(d.file.endswith("broken.json") for d in e.diagnostics)
    # the line points at the bad field in the file
    line = p.read_text(encoding="utf-8").splitlines()[e.line - 1]
    assert "denominator" in line or "not a number" in line


def test_load_syntax_error_and_missing_file(tmp_path: Path) -> None:
    p = tmp_path / "syntax.json"
    p.write_text('{"format": "da06-framework",\n  "tasks": [ }', encoding="utf-8")
    with pytest.raises(da06.LoadError) as ei:
        da06.load(p)
    assert ei.value.line == 2
    with pytest.raises(da06.LoadError):
        da06.load(tmp_path / "nope.json")


def test_tasks_frame() -> None:
    fw = da06.load_default()
    df = fw.tasks_frame()
    assert len(df) == len(fw.core.tasks())
    assert df["id"].is_unique
    for c in ("id", "number", "group", "title", "lead", "coordinating", "deadline_text", "progress_text",
              "deadline_kind", "due", "start", "recurrence", "condition"):
        assert c in df.columns
    assert pd.api.types.is_datetime64_any_dtype(df["due"])
    # verbatim columns are the model's
    t0 = fw.core.tasks()[0]
    assert df.loc[0, "deadline_text"] == t0.deadline_text and df.loc[0, "title"] == t0.title
    # "Thực hiện thường xuyên" is recurring work with no due date
    row = df[df["deadline_text"] == "Thực hiện thường xuyên"].iloc[0]
    assert row["recurrence"] == "continuous" and pd.isna(row["due"])
    # every structured due date agrees with parse_deadline of the text
    for _, r in df.dropna(subset=["due"]).iterrows():
        assert da06.parse_deadline(r["deadline_text"], 2024).due == r["due"].date()


def test_report() -> None:
    fw = da06.load_default()
    rep = fw.report()
    assert rep["as_of"] == "2024-06-28"
    assert rep["counts"]["tasks"] == len(fw.core.tasks())
    assert "Nhiệm vụ" in fw.report_text()
    assert fw.report("2024-07-01")["as_of"] == "2024-07-01"


def test_observations_and_units_frames() -> None:
    fw = da06.load_default()
    obs = fw.observations_frame()
    assert len(obs) == len(fw.core.observations())
    assert str(obs["numerator"].dtype) == "Int64"
    units = fw.units_frame()
    assert set(units.columns) >= {"id", "level", "parent"}
