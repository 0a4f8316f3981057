"""Independent oracle for `da06 indicators --json` (docs/analysis.md).

For every evaluated target the gap, the attainment and the needed count are recomputed here with
`fractions.Fraction` from the JSON's own numerator, denominator, value text, factor and threshold,
and compared exactly; the needed count is checked by its definition (x meets the target, x − 1 does
not), not by the C++ formula. The weighted least-squares projection is recomputed with numpy
(`np.polyfit` with weights √w) and compared to 1e-9, and so are the weights, the time axis and the
Open SDG ratio.

The seed has no target with two observations in time nor a ratio observation for a target, so a
copy of it with a few added observations (clearly synthetic, ids "X-…") exercises those paths.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO

AS_OF = "2024-06-28"


def _obs(oid: str, ind: str, at: str, n: int | None = None, d: int | None = None, value=None) -> dict:
    o = {"id": oid, "indicator": ind, "unit": "TH", "as_of": at}
    if n is not None:
        o["numerator"], o["denominator"] = n, d
    if value is not None:
        o["value"] = value
    return o


# Synthetic additions: (grows, staged 70 %/90 %), (fixed, 50 %), (grows, 100 % unreachable),
# (fixed, 100 %, no deadline), a count toward ≤ 0, a province-level target by levels.
EXTRA = [
    _obs("X-bd-1", "birth_death_linked_dvc_rate", "2023-12-31", 500, 1000),
    _obs("X-bd-2", "birth_death_linked_dvc_rate", "2024-03-31", 1300, 2200),
    _obs("X-bd-3", "birth_death_linked_dvc_rate", "2024-06-28", 2100, 3300),
    _obs("X-forms-1", "forms_standardized_rate", "2023-12-31", 30, 120),
    _obs("X-forms-2", "forms_standardized_rate", "2024-06-28", 45, 120),
    _obs("X-eid-1", "dvc_user_eid_rate", "2024-01-31", 900, 1000),
    _obs("X-eid-2", "dvc_user_eid_rate", "2024-06-28", 950, 1000),
    _obs("X-cccd-1", "cccd_issued_eligible_rate", "2024-01-31", 3000000, 3300000),
    _obs("X-cccd-2", "cccd_issued_eligible_rate", "2024-06-28", 3200000, 3300000),
    _obs("X-vill-1", "villages_without_mobile", "2023-12-31", value=11),
    _obs("X-pm-1", "population_mgmt_files_online_rate", "2024-02-29", 700, 1000),
    _obs("X-pm-2", "population_mgmt_files_online_rate", "2024-04-30", 800, 1000),
    _obs("X-pm-3", "population_mgmt_files_online_rate", "2024-06-28", 850, 1000),
]


@pytest.fixture(scope="module")
def seed_json(run):
    return json.loads(run("indicators", "--json").stdout)


@pytest.fixture(scope="module")
def aug_json(run, tmp_path_factory):
    data = json.loads((REPO / "data" / "thanhhoa_2024h1.json").read_text(encoding="utf-8"))
    data["observations"] += EXTRA
    path = tmp_path_factory.mktemp("analysis") / "augmented.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return json.loads(run("indicators", "--data", str(path), "--as-of", AS_OF, "--json").stdout)


def _value(o: dict) -> Fraction:
    if o["numerator"] is not None:
        return Fraction(o["numerator"] * o["factor"], o["denominator"])
    return Fraction(o["value_text"])


def _satisfies(v: Fraction, cmp: str, t: Fraction) -> bool:
    return {">=": v >= t, ">": v > t, "<=": v <= t, "<": v < t, "=": v == t, "top": v <= t}[cmp]


def _ratio_meets(n: int, d: int, x: int, cmp: str, t: Fraction, behaviour: str) -> bool:
    """Does adding (or removing) x units meet `cmp t`? t is a plain fraction (0.9 for 90 %)."""
    if cmp in (">=", ">"):
        if behaviour == "grows":
            v = Fraction(n + x, d + x)
        else:
            if n + x > d:
                return False
            v = Fraction(n + x, d)
    else:
        if behaviour == "grows":
            v = Fraction(n, d + x)
        else:
            if x > n:
                return False
            v = Fraction(n - x, d)
    return _satisfies(v, cmp, t)


def check_target(t: dict) -> str:
    """Checks one target result; returns which paths it exercised."""
    assert t["status"] in ("met", "not_met", "no_data")
    if t["status"] == "no_data":
        assert t["value"] is None and t["gap"] is None and t["needed"] is None and t["met"] is None
        assert t["reason"]
        return "no_data"
    o = t["observation"]
    value = _value(o)
    thr = Fraction(t["target"]["threshold"])
    cmp = t["target"]["comparator"]
    assert Fraction(t["value"]["exact"]) == value
    assert t["met"] == _satisfies(value, cmp, thr)
    assert t["status"] == ("met" if t["met"] else "not_met")
    assert Fraction(t["gap"]["exact"]) == value - thr
    if o["factor"] == 100 and t["gap"]["unit"] == "pp":
        assert Fraction(t["gap_pp"]) == value - thr
    if thr != 0:
        assert Fraction(t["attainment"]["exact"]) == value / thr
    else:
        assert t["attainment"] is None

    nd = t["needed_detail"]
    if o["numerator"] is not None and cmp not in ("=", "top"):
        n, d = o["numerator"], o["denominator"]
        frac = thr / o["factor"]
        beh = t["denominator"]
        assert beh in ("grows", "fixed")
        if nd["reachable"]:
            x = t["needed"]
            assert isinstance(x, int) and x >= 0
            assert _ratio_meets(n, d, x, cmp, frac, beh)
            assert x == 0 or not _ratio_meets(n, d, x - 1, cmp, frac, beh)
            return "ratio_needed"
        assert t["needed"] is None
        assert nd["explanation"].startswith("unreachable by adding")
        # Unreachable by definition: for grows and ≥ the ratio stays below 1 ≤ t while n < d;
        # for fixed the largest possible addition (d − n) is not enough.
        if cmp in (">=", ">") and beh == "grows":
            assert frac >= 1 and n < d
        elif cmp in (">=", ">"):
            assert not _ratio_meets(n, d, d - n, cmp, frac, beh)
        return "ratio_unreachable"
    if o["numerator"] is None and o["factor"] == 100:
        assert t["needed"] is None and not nd["computable"]
        return "percent_only"
    if cmp in (">=", ">", "<=", "<", "top") and nd["reachable"]:
        x = t["needed"]
        sign = 1 if cmp in (">=", ">") else -1
        assert _satisfies(value + sign * x, cmp, thr)
        assert x == 0 or not _satisfies(value + sign * (x - 1), cmp, thr)
        return "value_needed"
    return "other"


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def check_pace(t: dict) -> bool:
    """Recomputes the pace inputs and the WLS projection; True when a projection was checked."""
    p = t["pace"]
    proj = p["projection"]
    if t["status"] == "no_data":
        assert p["class"] == "insufficient_data"
        return False
    if proj["intercept"] is None:
        assert len({pt["date"] for pt in p["inputs"]["points"]}) < 2
        return False
    inp = p["inputs"]
    dpy, half = inp["days_per_year"], inp["half_life_years"]
    pts = inp["points"]
    origin = _date(proj["origin"])
    last = _date(pts[-1]["date"])
    t_ = np.array([(_date(pt["date"]) - origin).days / dpy for pt in pts])
    w = np.array([0.5 ** (((last - _date(pt["date"])).days / dpy) / half) for pt in pts])
    y = np.array([pt["y"] for pt in pts])
    assert np.allclose(t_, [pt["t"] for pt in pts], rtol=0, atol=1e-12)
    assert np.allclose(w, [pt["weight"] for pt in pts], rtol=1e-12, atol=0)
    # The y values are the exact values as doubles.
    if t["observation"]["id"] == pts[-1]["observation"]:
        assert y[-1] == pytest.approx(float(_value(t["observation"])), rel=1e-15)
    slope, intercept = np.polyfit(t_, y, 1, w=np.sqrt(w))
    assert proj["slope_per_year"] == pytest.approx(slope, rel=1e-9, abs=1e-9)
    assert proj["intercept"] == pytest.approx(intercept, rel=1e-9, abs=1e-9)
    target = inp["target"]
    if target["date"] is not None:
        td = (_date(target["date"]) - origin).days / dpy
        assert proj["value_at_deadline"] == pytest.approx(intercept + slope * td, rel=1e-9, abs=1e-9)
        base, cur = inp["base"], inp["current"]
        tb, tc = 0.0, (_date(cur["date"]) - _date(base["date"])).days / dpy
        assert p["observed_rate_per_year"] == pytest.approx((cur["value"] - base["value"]) / (tc - tb), rel=1e-9)
        if p["method"] == "open_sdg" and p["cagr_observed"] is not None:
            co = (cur["value"] / base["value"]) ** (1 / (tc - tb)) - 1
            cr = (target["value"] / base["value"]) ** (1 / td) - 1
            assert p["cagr_observed"] == pytest.approx(co, rel=1e-9, abs=1e-12)
            assert p["cagr_required"] == pytest.approx(cr, rel=1e-9, abs=1e-12)
            assert p["ratio"] == pytest.approx(inp["direction"] * co / abs(cr), rel=1e-9, abs=1e-12)
            bands = p["bands"]
            r = p["ratio"]
            expect = ("on_track" if r >= bands["on_track"] else "acceleration_needed"
                      if r >= bands["acceleration_needed"] else "limited_progress"
                      if r >= bands["limited_progress"] else "deterioration")
            assert p["class"] == expect
    return True


def test_seed_targets_against_fractions(seed_json):
    assert seed_json["as_of"] == AS_OF  # defaults to the report date
    targets = seed_json["targets"]
    assert len(targets) == 27
    paths = [check_target(t) for t in targets]
    for t in targets:
        check_pace(t)
    s = seed_json["summary"]
    assert s["met"] + s["not_met"] + s["no_data"] == 27
    assert s["met"] == sum(t["status"] == "met" for t in targets)
    assert paths.count("no_data") == s["no_data"] > 0
    assert "value_needed" in paths and "percent_only" in paths


def test_seed_derived_observations(seed_json):
    by_id = {o["id"]: o for o in seed_json["observations"]}
    derived = [o for o in seed_json["observations"] if o["derived_from"]]
    assert len(derived) == seed_json["summary"]["derived_observations"] > 0
    for e in derived:
        cur = by_id[e["derived_from"]]
        ch = cur["change"]
        assert ch["earlier_observation"] == e["id"]
        assert e["period"] == ch["against"] and e["published"] == ch["published"]
        assert e["source"] == cur["source"]
        if ch["of"] == "numerator":
            assert e["numerator"] == cur["numerator"] - ch["delta"]
    e = by_id["O-S3-02-online@2023-M12"]
    assert e["numerator"] == 20651 - 17034


def test_augmented_targets_and_projection(aug_json):
    targets = aug_json["targets"]
    paths = [check_target(t) for t in targets]
    projected = sum(check_pace(t) for t in targets)
    assert paths.count("ratio_needed") >= 3
    assert paths.count("ratio_unreachable") >= 1
    assert projected >= 4
    by = {t["id"]: t for t in targets}
    # Staged: 2.100/3.300 = 63,6 % against the 70 % in force on 28/06 (90 % from 01/07).
    t32 = by["TG-T32"]
    assert t32["target"]["threshold"] == "70" and t32["target"]["threshold_at_deadline"] == "90"
    assert t32["status"] == "not_met" and t32["denominator"] == "grows"
    assert t32["needed"] == 700  # (2100 + x)/(3300 + x) >= 0.7  ->  x = 700
    assert by["TG-T21"]["needed"] == 15  # fixed: (45 + x)/120 >= 0.5
    assert by["TG-T18"]["needed_detail"]["reachable"] is False  # 950/1000 to 100 % with grows
    assert by["TG-T24-province"]["observation"]["id"] == "X-pm-3"
    # The pace of every target with two dated points is classified, not left insufficient.
    for t in targets:
        if t["status"] == "not_met" and t["pace"]["projection"]["intercept"] is not None and t["target"]["deadline"]:
            assert t["pace"]["class"] in ("on_track", "acceleration_needed", "limited_progress", "deterioration")


def test_text_table_lists_every_target(run):
    out = run("indicators").stdout
    seed = json.loads((REPO / "data" / "thanhhoa_2024h1.json").read_text(encoding="utf-8"))
    for t in seed["targets"]:
        assert t["id"] in out
    assert "27 targets" in out


def test_bad_as_of_is_a_usage_error(run):
    p = run("indicators", "--as-of", "2024-13-01", check=False)
    assert p.returncode == 2
