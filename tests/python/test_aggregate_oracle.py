"""`da06 aggregate --csv` against pandas groupby().sum() on random hierarchies and data (hypothesis).

Independent oracle: the ancestor of each unit on the as-of date is computed here in Python from the
units CSV (walking parents, checking each unit's closed [valid_from, valid_to] interval), then pandas
sums numerator and denominator per (ancestor, indicator, period). The CLI's Σ must be equal exactly and
its ratio "n/d" equal as a Fraction. Some units expire on 2025-06-30 (districts of the 2025 reform) or
start on 2025-07-01; rows of units without an ancestor on the date must be left out (and reported).
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from fractions import Fraction
from io import StringIO

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEVELS = ["nation", "province", "district", "commune"]
END, START = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def find_cli() -> str | None:
    for cand in ("build/release/da06", "build/dev/da06", "build/da06"):
        p = os.path.join(ROOT, cand)
        if os.path.exists(p):
            return p
    return None


CLI = find_cli()
pytestmark = pytest.mark.skipif(CLI is None, reason="da06 CLI not built")


@st.composite
def scenario(draw):
    units = [("VN", "", "nation", None, None)]
    provinces = [f"P{i}" for i in range(draw(st.integers(1, 3)))]
    units += [(p, "VN", "province", None, None) for p in provinces]
    districts = []
    for i in range(draw(st.integers(0, 4))):
        d = f"D{i}"
        units.append((d, draw(st.sampled_from(provinces)), "district", None, draw(st.sampled_from([None, END]))))
        districts.append(d)
    for i in range(draw(st.integers(1, 10))):
        parent = draw(st.sampled_from(provinces + districts))
        kind = draw(st.sampled_from(["open", "old", "new"]))
        vf, vt = (None, END) if kind == "old" else (START, None) if kind == "new" else (None, None)
        units.append((f"C{i}", parent, "commune", vf, vt))
    ids = [u[0] for u in units]
    rows = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(["a", "b,c", "d"]),
                                   st.sampled_from(["2024-M01", "2026-M01"]),
                                   st.integers(0, 2**40), st.integers(0, 2**40)), min_size=1, max_size=60))
    level = draw(st.sampled_from(["province", "district", "commune"]))
    as_of = draw(st.sampled_from([dt.date(2024, 12, 31), END, START, dt.date(2026, 1, 1)]))
    return units, rows, level, as_of


def ancestor(units: dict, uid: str, level: str, d: dt.date) -> str | None:
    def valid(u):
        _, _, vf, vt = units[u]
        return (vf is None or vf <= d) and (vt is None or d <= vt)
    if not valid(uid) or LEVELS.index(units[uid][1]) < LEVELS.index(level):
        return None
    cur = uid
    while units[cur][1] != level:
        parent = units[cur][0]
        # CSV parent links span the child's own dates; the child is valid here, so the link covers d.
        if not parent or not valid(parent) or LEVELS.index(units[parent][1]) < LEVELS.index(level):
            return None
        cur = parent
    return cur


def csv_quote(s: str) -> str:
    return f'"{s}"' if "," in s else s


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_cli_equals_pandas(tmp_path_factory, sc):
    units, rows, level, as_of = sc
    tmp = tmp_path_factory.mktemp("agg")
    ucsv, ocsv = tmp / "units.csv", tmp / "obs.csv"
    iso = lambda x: x.isoformat() if x else ""  # noqa: E731
    ucsv.write_text("id,parent,level,valid_from,valid_to\n" +
                    "".join(f"{i},{p},{lv},{iso(vf)},{iso(vt)}\n" for i, p, lv, vf, vt in units))
    ocsv.write_text("unit,indicator,period,numerator,denominator\n" +
                    "".join(f"{u},{csv_quote(k)},{p},{n},{d}\n" for u, k, p, n, d in rows))
    res = subprocess.run([CLI, "aggregate", str(ocsv), f"--units={ucsv}", f"--to-level={level}",
                          "--as-of", as_of.isoformat(), "--csv"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    got = pd.read_csv(StringIO(res.stdout), dtype={"unit": str, "indicator": str, "period": str, "ratio": str},
                      keep_default_na=False)

    umap = {i: (p, lv, vf, vt) for i, p, lv, vf, vt in units}
    df = pd.DataFrame(rows, columns=["unit", "indicator", "period", "numerator", "denominator"])
    df["anc"] = [ancestor(umap, u, level, as_of) for u in df["unit"]]
    dropped = df["anc"].isna()
    want = (df[~dropped].groupby(["anc", "indicator", "period"])[["numerator", "denominator"]].sum().reset_index()
            .rename(columns={"anc": "unit"}))

    key = ["unit", "indicator", "period"]
    assert sorted(map(tuple, got[key].values.tolist())) == sorted(map(tuple, want[key].values.tolist()))
    m = got.merge(want, on=key, suffixes=("", "_pd"))
    assert len(m) == len(want)
    assert (m["numerator"] == m["numerator_pd"]).all()
    assert (m["denominator"] == m["denominator_pd"]).all()
    for _, r in m.iterrows():
        if r["denominator_pd"] == 0:
            assert r["ratio"] == ""
        else:
            n, d = r["ratio"].split("/")
            assert Fraction(int(n), int(d)) == Fraction(int(r["numerator_pd"]), int(r["denominator_pd"]))
    # Every dropped unit is named on stderr.
    for u in set(df.loc[dropped, "unit"]):
        assert f"unit '{u}'" in res.stderr


def test_cli_located_errors(tmp_path):
    (tmp_path / "u.csv").write_text("id,parent,level,valid_from,valid_to\nP,,province,,\nA,P,commune,,\n")
    (tmp_path / "o.csv").write_text("unit,indicator,period,numerator,denominator\nA,x,2024,1,2\nA,x,2024,x,2\n")
    res = subprocess.run([CLI, "aggregate", str(tmp_path / "o.csv"), f"--units={tmp_path / 'u.csv'}",
                          "--to-level=province", "--as-of", "2024-01-01", "--csv"], capture_output=True, text=True)
    assert res.returncode == 1
    assert f"{tmp_path / 'o.csv'}:3:10: numerator: \"x\" is not an integer" in res.stderr
    assert res.stdout.splitlines() == ["unit,indicator,period,numerator,denominator,ratio", "P,x,2024,1,2,1/2"]
