"""`da06 dossiers due|status|index|rules` (docs/dossiers.md): the CLI agrees with the Python package on
the same CSV, reports bad rows with file, line, column and field, and exits 1 after the valid rows."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "data" / "dossiers_sample.csv"


def test_due_and_status_agree_with_python(run) -> None:  # type: ignore[no-untyped-def]
    da06 = pytest.importorskip("da06")
    pytest.importorskip("da06._core")
    p = run("dossiers", "due", str(SAMPLE), "--json", check=False)
    assert p.returncode == 1
    assert 'dossiers_sample.csv:10:33: received_at: "2024-04-31T09:00": day 31 does not exist in 2024-04' in p.stderr
    doc = json.loads(p.stdout)
    t = da06.dossiers.read(str(SAMPLE))
    assert list(t.errors["row"]) == [8]
    rows = [r for r in doc["rows"] if not r.get("error")]
    assert len(rows) == 9
    import pandas as pd
    df = pd.read_csv(SAMPLE, dtype=str)
    days = df["DonViTinh"] == "working_days"
    py = da06.dossiers.due(df["NgayTiepNhan"][days], df["ThoiHanGiaiQuyet"][days].astype(int),
                           supplement_requested_at=df["NgayYeuCauBoSung"][days],
                           supplement_completed_at=df["NgayHoanThanhBoSung"][days], calendar=da06.Calendar.vietnam())
    cli_due = {r["row"]: r["due"] for r in rows}
    for i, d in zip(df.index[days], py):
        if i != 8:
            assert cli_due[i] == str(d)
    st = json.loads(run("dossiers", "status", str(SAMPLE), "--as-of", "2024-05-20", "--json", check=False).stdout)
    got = {r["dossier_id"]: r["status"] for r in st["rows"] if not r.get("error")}
    assert got["H0002"] == "on_time"   # 16:30 on 26/4 → received 2/5 → due 8/5, finished 8/5
    assert got["H0003"] == "late"      # 10:00 on 26/4 → due 7/5, finished 8/5
    assert got["H0004"] == "on_time"   # 4 working hours from 08:15 → 13:45; finished 11:00
    assert got["H0008"] == "late"      # 8 working hours from 07:45 → 07:45 next day; finished 09:00
    assert got["H0005"] == "open"
    assert st["summary"]["late"] == 2


def test_index_ranks_and_matches_python(run) -> None:  # type: ignore[no-untyped-def]
    da06 = pytest.importorskip("da06")
    pytest.importorskip("da06._core")
    p = run("dossiers", "index", str(SAMPLE), "--as-of", "2024-05-31", "--json", check=False)
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    assert doc["rules"] == "portal-2026-10"
    py = da06.dossiers.index(str(SAMPLE), as_of="2024-05-31")
    for r in doc["indicators"]:
        m = py[(py["unit"] == r["unit"]) & (py["period"] == r["period"]) & (py["indicator"] == r["indicator"])]
        assert len(m) == 1
        assert (int(m["numerator"].iloc[0]), int(m["denominator"].iloc[0])) == (r["numerator"], r["denominator"])
        assert f'{m["points"].iloc[0]:.2f}' == r["points"]
    ranks = {(x["period"], x["unit"]): x["rank"] for x in doc["ranking"]}
    s = da06.dossiers.scores(py)
    for _, row in s.iterrows():
        assert ranks[(row["period"], row["unit"])] == row["rank"]


def test_rules_round_trip_and_a_new_rule_set(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = run("dossiers", "rules").stdout
    rules = json.loads(text)
    assert rules["version"] == "portal-2026-10"
    on_time = next(i for i in rules["indicators"] if i["code"] == "ON_TIME")
    on_time["threshold"] = "0.5"
    rules["version"] = "my-next-set"
    f = tmp_path / "rules.json"
    f.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    doc = json.loads(run("dossiers", "index", str(SAMPLE), "--rules", str(f), "--as-of", "2024-05-31", "--json",
                         check=False).stdout)
    assert doc["rules"] == "my-next-set"
    # April, xã Đồng Tiến: 2 of 3 on time → 20 × min(1, 0.667 / 0.5) = 20
    row = next(r for r in doc["indicators"] if r["indicator"] == "ON_TIME" and r["unit"] == "xa_dong_tien"
               and r["period"] == "2024-04")
    assert row["points"] == "20.00"
    on_time["threshold"] = 0.5  # a JSON float is refused, with its location
    f.write_text(json.dumps(rules), encoding="utf-8")
    p = run("dossiers", "index", str(SAMPLE), "--rules", str(f), check=False)
    assert p.returncode != 0
    assert "threshold" in p.stderr and "rules.json" in p.stderr


def test_usage_errors(run) -> None:  # type: ignore[no-untyped-def]
    p = run("dossiers", "nope", str(SAMPLE), check=False)
    assert p.returncode == 2
    p = run("dossiers", "index", str(SAMPLE), "--period", "week", check=False)
    assert p.returncode == 2


def test_index_with_whole_point_rules(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # decimals 0: points are whole numbers, printed without a decimal point (this once ended in an internal error)
    rules = {"version": "whole", "decimals": 0, "groups": [{"code": "TDGQ", "max_points": "20"}],
             "indicators": [{"code": "ON_TIME", "group": "TDGQ", "numerator": "on_time", "denominator": "received",
                             "max_points": "20", "threshold": "1"}]}
    path = tmp_path / "whole.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    p = run("dossiers", "index", str(SAMPLE), "--rules", str(path), "--as-of", "2024-05-31", check=False)
    assert p.returncode == 1, p.stderr  # the sample's one bad row
    lines = p.stdout.splitlines()
    assert lines[0].startswith("period,rank,unit,total,TDGQ")
    for line in lines[1:]:
        total, tdgq = line.split(",")[3:5]
        assert total == tdgq and total.isdigit() and 0 <= int(total) <= 20, line
