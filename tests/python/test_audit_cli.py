"""`da06 audit` and `da06 export sdmx`: JSON shape, every percentage finding re-checked with
fractions.Fraction, --strict exit codes, and the SDMX-CSV read back exactly by csv and pandas."""
from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import REPO

EXPECTED = REPO / "tests" / "data" / "seed_audit_expected.tsv"
COLUMNS = ["STRUCTURE", "STRUCTURE_ID", "ACTION", "INDICATOR", "REF_AREA", "TIME_PERIOD", "SERVICE", "OBS_ID",
           "UNIT_MEASURE", "UNIT_MULT", "OBS_VALUE", "DECIMALS", "OBS_STATUS", "QUALIFIER", "NUMERATOR",
           "DENOMINATOR", "PUBLISHED", "PUBLISHED_VALUE", "AUDIT", "SOURCE_LINE"]


def round_half_up(x: Fraction, decimals: int) -> Fraction:
    q = Fraction(1, 10 ** decimals)
    n = (x / q)
    whole = n.numerator // n.denominator
    if n - whole >= Fraction(1, 2):
        whole += 1
    return whole * q


def audit(run, *extra: str) -> dict:
    return json.loads(run("audit", "--json", *extra).stdout)


def expected_ids() -> tuple[set[str], set[str]]:
    """(required, disputed): a disputed id ('?' in the file) may be present or absent."""
    required, disputed = set(), set()
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            i = line.split("\t")[0]
            (disputed if i.startswith("?") else required).add(i.lstrip("?"))
    return required, disputed


def test_json_shape(run):
    doc = audit(run)
    assert doc["framework"] == "thanhhoa-2024h1"
    assert set(doc["counts"]) == {"error", "warning", "info"}
    assert sum(doc["counts"].values()) == len(doc["findings"])
    ids = [f["id"] for f in doc["findings"]]
    assert len(ids) == len(set(ids))
    required, disputed = expected_ids()
    assert required <= set(ids) <= required | disputed
    for f in doc["findings"]:
        assert list(f) == ["id", "check", "severity", "message", "published", "values", "records", "source", "related"]
        assert f["severity"] in ("error", "warning", "info")
        assert f["id"].startswith(f["check"] + "/")
        assert isinstance(f["values"], dict) and f["values"]
        assert all(isinstance(v, str) for v in f["values"].values())
        assert f["records"]
        assert isinstance(f["source"]["line"], int) and f["source"]["quote"]


def test_quotes_are_on_their_seed_lines(run, seed):
    lines = seed.read_text(encoding="utf-8").split("\n")
    for f in audit(run)["findings"]:
        for s in [f["source"], *f["related"]]:
            assert s["quote"] in lines[s["line"] - 1], (f["id"], s["line"])


def test_percentage_findings_rechecked_with_fractions(run):
    doc = audit(run)
    pct = [f for f in doc["findings"] if f["check"] == "printed_percentage"]
    assert pct, "the seed has percentage findings (98,74%)"
    for f in pct:
        v = f["values"]
        num = Fraction(v.get("numerator", v.get("value")))
        den = Fraction(v.get("denominator", v.get("denominator_ref_value")))
        exact = num * 100 / den
        assert Fraction(v["exact"]) == exact
        decimals = int(v["decimals"])
        computed = round_half_up(exact, decimals)
        assert Fraction(v["computed"]) == computed
        assert Fraction(v["printed"]) != computed  # a finding only when they differ
        # Cross-check the rounding with the decimal module as a second oracle.
        d = (Decimal(num.numerator) * 100 / Decimal(den.numerator)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        assert Fraction(str(d)) == computed


def test_every_printed_ratio_of_the_seed_agrees_unless_reported(run):
    """Independent oracle: recompute every printed percentage of every ratio observation."""
    data = json.loads((REPO / "data" / "thanhhoa_2024h1.json").read_text(encoding="utf-8"))
    reported = {r for f in audit(run)["findings"] if f["check"] == "printed_percentage" for r in f["records"]}
    for o in data["observations"]:
        pv = o.get("published_value")
        if not pv or "numerator" not in o:
            continue
        txt = pv.rstrip("%").replace(".", "").replace(",", ".")
        decimals = len(txt.split(".")[1]) if "." in txt else 0
        ok = round_half_up(Fraction(o["numerator"] * 100, o["denominator"]), decimals) == Fraction(txt)
        assert ok == (o["id"] not in reported), o["id"]


def test_strict_exit_codes(run, tmp_path):
    p = run("audit", check=False)
    assert p.returncode == 0 and "finding" in p.stdout
    p = run("audit", "--strict", check=False)
    assert p.returncode == 3  # the seed has errors
    clean = {"format": "da06-framework", "format_version": 1, "id": "clean",
             "units": [{"id": "TH", "name": "T", "level": "province"}],
             "indicators": [{"id": "r", "name": "r", "kind": "ratio", "unit": "x", "decimals": 1}],
             "observations": [{"id": "O", "indicator": "r", "unit": "TH", "period": "2024-S1",
                               "numerator": 1155, "denominator": 2000, "published_value": "57,8%"}]}
    f = tmp_path / "clean.json"
    f.write_text(json.dumps(clean, ensure_ascii=False), encoding="utf-8")
    p = run("audit", "--strict", "--data", str(f), check=False)
    assert p.returncode == 0, p.stdout + p.stderr
    assert json.loads(run("audit", "--json", "--data", str(f)).stdout)["findings"] == []
    clean["observations"][0]["published_value"] = "57,9%"
    f.write_text(json.dumps(clean, ensure_ascii=False), encoding="utf-8")
    assert run("audit", "--strict", "--data", str(f), check=False).returncode == 3
    assert run("audit", "--data", str(f), check=False).returncode == 0
    # A warning only (57,7% matches half_down): --strict still exits 0.
    clean["observations"][0]["published_value"] = "57,7%"
    f.write_text(json.dumps(clean, ensure_ascii=False), encoding="utf-8")
    assert run("audit", "--strict", "--data", str(f), check=False).returncode == 0
    assert run("audit", "--bogus", check=False).returncode == 2


def test_sdmx_roundtrip_csv_and_pandas(run):
    text = run("export", "sdmx").stdout
    data = json.loads((REPO / "data" / "thanhhoa_2024h1.json").read_text(encoding="utf-8"))
    indicators = {i["id"]: i for i in data["indicators"]}
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0].keys()) == COLUMNS
    by_id = {r["OBS_ID"]: r for r in rows}
    n_changes = sum(1 for o in data["observations"] if o.get("change"))
    assert len(rows) == len(data["observations"]) + n_changes
    for o in data["observations"]:
        r = by_id[o["id"]]
        assert r["STRUCTURE"] == "dataflow" and r["ACTION"] == "I"
        assert r["INDICATOR"] == o["indicator"] and r["REF_AREA"] == o["unit"]
        assert r["TIME_PERIOD"] == (o.get("period") or o.get("as_of"))
        assert r["PUBLISHED"] == o.get("published", "")  # Vietnamese text, commas and quotes, exact
        assert r["SOURCE_LINE"] == str(o["source"]["line"])
        if "numerator" in o:
            ind = indicators[o["indicator"]]
            assert int(r["NUMERATOR"]) == o["numerator"] and int(r["DENOMINATOR"]) == o["denominator"]
            expect = round_half_up(Fraction(o["numerator"] * ind.get("factor", 100), o["denominator"]), ind.get("decimals", 0))
            assert Fraction(r["OBS_VALUE"]) == expect
        elif "value" in o:
            assert Fraction(str(o["value"])) == Fraction(r["OBS_VALUE"])
        assert r["OBS_STATUS"] == ("E" if o.get("qualifier") else "A")
        if o.get("change"):
            e = by_id[o["id"] + "@" + o["change"]["against"]]
            assert e["OBS_STATUS"] == "E" and e["TIME_PERIOD"] == o["change"]["against"]
            assert int(e["NUMERATOR"]) == o["numerator"] - o["change"]["delta"]
    assert by_id["N-bhxh-data"]["AUDIT"] == "error:printed_percentage/N-bhxh-data"
    assert by_id["N-budget-infosec-training"]["UNIT_MEASURE"] == "VND"
    assert by_id["N-budget-infosec-training"]["UNIT_MULT"] == "6"

    pd = pytest.importorskip("pandas")
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(df.columns) == COLUMNS
    assert len(df) == len(rows)
    for r, (_, p) in zip(rows, df.iterrows()):
        assert dict(p) == r
    assert sum(Fraction(v) for v in df[(df["INDICATOR"] == "dvc_service_online_rate") & (df["OBS_STATUS"] == "A")]["NUMERATOR"]) == sum(
        o["numerator"] for o in data["observations"] if o["indicator"] == "dvc_service_online_rate")
