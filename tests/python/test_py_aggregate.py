"""da06.aggregate against pandas groupby on random dated hierarchies (the oracle), and its input forms."""
from __future__ import annotations

import datetime as dt
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import core

core()
import da06  # noqa: E402

AS_OF = dt.date(2026, 1, 1)


def _units(seed: int, n_prov: int, n_dist: int, n_comm: int) -> pd.DataFrame:
    """A random hierarchy: provinces, districts (some ended 2025-06-30), communes under a district or
    straight under a province, some created 2025-07-01, some ended."""
    rng = np.random.default_rng(seed)
    rows = [("VN", "", "nation", "", "")]
    rows += [(f"P{i}", "VN", "province", "", "") for i in range(n_prov)]
    for i in range(n_dist):
        ended = "2025-06-30" if rng.random() < 0.4 else ""
        rows.append((f"D{i}", f"P{rng.integers(n_prov)}", "district", "", ended))
    for i in range(n_comm):
        under_d = n_dist > 0 and rng.random() < 0.5
        parent = f"D{rng.integers(n_dist)}" if under_d else f"P{rng.integers(n_prov)}"
        start = "2025-07-01" if rng.random() < 0.3 else ""
        end = "2025-06-30" if (not start and rng.random() < 0.2) else ""
        rows.append((f"C{i}", parent, "commune", start, end))
    return pd.DataFrame(rows, columns=["id", "parent", "level", "valid_from", "valid_to"])


def _oracle_ancestor(units: pd.DataFrame, level: str, day: dt.date) -> dict[str, str | None]:
    """Ancestor at `level` on `day`, computed here independently of da06."""
    order = ["nation", "province", "district", "commune", "village"]
    by = units.set_index("id")

    def valid(u: str) -> bool:
        f, t = by.at[u, "valid_from"], by.at[u, "valid_to"]
        return (not f or dt.date.fromisoformat(f) <= day) and (not t or day <= dt.date.fromisoformat(t))

    def anc(u: str) -> str | None:
        while True:
            if not valid(u):
                return None
            lv = by.at[u, "level"]
            if lv == level:
                return u
            if order.index(lv) < order.index(level):
                return None
            p = by.at[u, "parent"]
            if not p:
                return None
            u = p

    return {u: anc(u) for u in by.index}


def _rows(units: pd.DataFrame, seed: int, n: int, n_ind: int, n_per: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed + 1)
    ids = units["id"].to_numpy()
    den = rng.integers(0, 1000, n)
    return pd.DataFrame({
        "unit": ids[rng.integers(0, len(ids), n)],
        "indicator": np.array([f"ind{k}" for k in range(n_ind)])[rng.integers(0, n_ind, n)],
        "period": np.array([f"2025-M{m + 1:02d}" for m in range(n_per)])[rng.integers(0, n_per, n)],
        "numerator": (den * rng.random(n)).astype(np.int64),
        "denominator": den.astype(np.int64),
    })


def _pandas(units: pd.DataFrame, df: pd.DataFrame, level: str, day: dt.date) -> pd.DataFrame:
    anc = _oracle_ancestor(units, level, day)
    d = df.assign(anc=df["unit"].map(anc)).dropna(subset=["anc"])
    g = d.groupby(["anc", "indicator", "period"], sort=True).agg(
        rows=("numerator", "size"), numerator=("numerator", "sum"), denominator=("denominator", "sum")).reset_index()
    return g.rename(columns={"anc": "unit"})


def _compare(got: pd.DataFrame, want: pd.DataFrame) -> None:
    g = got.assign(unit=got["unit"].astype(str))[["unit", "indicator", "period", "rows", "numerator", "denominator"]]
    g = g.sort_values(["unit", "indicator", "period"]).reset_index(drop=True)
    w = want.sort_values(["unit", "indicator", "period"]).reset_index(drop=True)
    assert g["unit"].tolist() == w["unit"].tolist()
    assert g["indicator"].tolist() == w["indicator"].tolist()
    assert g["period"].tolist() == w["period"].tolist()
    assert g["rows"].tolist() == w["rows"].tolist()
    assert g["numerator"].tolist() == w["numerator"].tolist()
    assert g["denominator"].tolist() == w["denominator"].tolist()


def _aggregate(*args: object, **kw: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", da06.DataWarning)
        return da06.aggregate(*args, **kw)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n_prov=st.integers(1, 6), n_dist=st.integers(0, 8), n_comm=st.integers(1, 40),
       n=st.integers(0, 400), level=st.sampled_from(["province", "district"]),
       day=st.sampled_from([dt.date(2024, 6, 30), dt.date(2026, 1, 1)]), order=st.sampled_from(["random", "sorted"]),
       form=st.sampled_from(["str", "category", "codes"]))
def test_against_pandas_groupby(seed: int, n_prov: int, n_dist: int, n_comm: int, n: int, level: str, day: dt.date,
                                order: str, form: str) -> None:
    units = _units(seed, n_prov, n_dist, n_comm)
    df = _rows(units, seed, n, 3, 4)
    if order == "sorted":
        df = df.sort_values(["unit", "indicator", "period"], kind="stable").reset_index(drop=True)
    h = da06.Hierarchy.from_frame(units)
    if form == "category":
        df = df.astype({"unit": "category", "indicator": "category", "period": "category"})
    elif form == "codes":
        df = df.assign(unit=h.codes(df["unit"]))
    got = _aggregate(df, h, to_level=level, as_of=day)
    want = _pandas(units, df.assign(unit=np.asarray(h.ids, dtype=object)[df["unit"]]) if form == "codes" else
                   df.astype({"unit": str, "indicator": str, "period": str}), level, day)
    _compare(got, want)
    assert got.attrs["rows_used"] + got.attrs["rows_dropped"] == n
    # exact ratio
    ok = got["denominator"] > 0
    np.testing.assert_allclose(got.loc[ok, "ratio"], got.loc[ok, "numerator"] / got.loc[ok, "denominator"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n_comm=st.integers(1, 30), holes=st.floats(0, 0.05), dups=st.floats(0, 0.05),
       form=st.sampled_from(["str", "category", "codes"]))
def test_sorted_exports_against_pandas(seed: int, n_comm: int, holes: float, dups: float, form: str) -> None:
    """Exports sorted by unit, indicator, period (8 × 12 = 96 cells per unit) take the engine's run path
    (64 rows at a time on consecutive cells); holes and repeated rows break runs and must fall back exactly."""
    units = _units(seed, 3, 4, n_comm)
    rng = np.random.default_rng(seed + 2)
    ids = units["id"].to_numpy()[1:]
    cube = pd.MultiIndex.from_product([ids, [f"ind{k}" for k in range(8)], [f"2025-M{m + 1:02d}" for m in range(12)]],
                                      names=["unit", "indicator", "period"]).to_frame(index=False)
    keep = rng.random(len(cube)) >= holes
    rep = np.where(rng.random(len(cube)) < dups, 2, 1)
    df = cube[keep].loc[lambda d: d.index.repeat(rep[keep])].reset_index(drop=True)
    den = rng.integers(0, 10**6, len(df))
    df = df.assign(numerator=(den * rng.random(len(df))).astype(np.int64), denominator=den.astype(np.int64))
    h = da06.Hierarchy.from_frame(units)
    src = df
    if form == "category":
        df = df.astype({"unit": "category", "indicator": "category", "period": "category"})
    elif form == "codes":
        df = df.assign(unit=h.codes(df["unit"]))
    got = _aggregate(df, h, to_level="province", as_of=AS_OF)
    _compare(got, _pandas(units, src, "province", AS_OF))
    assert got.attrs["rows_used"] + got.attrs["rows_dropped"] == len(df)


def test_dropped_rows_warn_and_are_listed() -> None:
    units = pd.DataFrame([("VN", "", "nation", "", ""), ("P", "VN", "province", "", ""),
                          ("D", "P", "district", "", "2025-06-30"), ("C", "D", "commune", "", "2025-06-30"),
                          ("N", "P", "commune", "2025-07-01", "")],
                         columns=["id", "parent", "level", "valid_from", "valid_to"])
    df = pd.DataFrame({"unit": ["C", "N", "N"], "indicator": ["x"] * 3, "period": ["2026-M01"] * 3,
                       "numerator": [5, 9, 1], "denominator": [10, 10, 10]})
    with pytest.warns(da06.DataWarning, match="1 row"):
        r = da06.aggregate(df, units, to_level="province", as_of="2026-01-01", targets={"x": "90%"})
    assert r["unit"].astype(str).tolist() == ["P"]
    assert (r["numerator"].tolist(), r["denominator"].tolist(), r["rows"].tolist()) == ([10], [20], [2])
    assert r["status"].tolist() == ["not_met"]
    assert r["gap"].iloc[0] == pytest.approx(0.5 - 0.9)
    [drop] = r.attrs["dropped_units"]
    assert (drop["unit"], drop["rows"], drop["numerator"], drop["denominator"]) == ("C", 1, 5, 10)
    assert "not valid" in drop["reason"]


def test_unknown_unit_and_bad_counts() -> None:
    units = pd.DataFrame({"id": ["VN", "P"], "parent": ["", "VN"], "level": ["nation", "province"]})
    with pytest.raises(da06.DataError, match="not in the hierarchy"):
        da06.aggregate(pd.DataFrame({"unit": ["Q"], "indicator": ["x"], "period": ["p"], "numerator": [1],
                                     "denominator": [1]}), units, as_of="2024-01-01")
    df = pd.DataFrame({"unit": ["P", "P"], "indicator": ["x", "x"], "period": ["p", "p"], "numerator": [1, -1],
                       "denominator": [2, 2]})
    with pytest.warns(da06.DataWarning, match="1 row\\(s\\) are invalid"):
        r = da06.aggregate(df, units, as_of="2024-01-01")
    assert r.attrs["bad_rows"][0]["row"] == 1 and "negative" in r.attrs["bad_rows"][0]["message"]


def test_sums_beyond_int64_stay_exact() -> None:
    units = pd.DataFrame({"id": ["VN", "P", "C"], "parent": ["", "VN", "P"], "level": ["nation", "province", "commune"]})
    big = 2**62
    df = pd.DataFrame({"unit": ["C"] * 4, "indicator": ["x"] * 4, "period": ["p"] * 4,
                       "numerator": [big] * 4, "denominator": [big] * 4})
    r = da06.aggregate(df, units, as_of="2024-01-01")
    assert r["numerator"].tolist() == [4 * big] and r["rows"].tolist() == [4]
    assert r["ratio"].tolist() == [1.0]


def test_framework_units_as_hierarchy() -> None:
    fw = da06.load_default()
    h = da06.Hierarchy.from_framework(fw)
    assert len(h) == len(fw.core.units())
    prov = h.ancestor_map("province", "2024-06-28")
    assert prov.dtype == np.int32 and len(prov) == len(h)


def test_result_columns_outlive_the_call_and_do_not_alias() -> None:
    """The result columns are views of the engine's result (no copy): they must stay valid after the call,
    and two calls must not share memory. The categories → unit map is cached per categories Index: a
    frame with the same ids in another order must not reuse it."""
    import gc

    units = _units(3, 3, 2, 30)
    df = _rows(units, 3, 3000, 4, 3)
    want = _pandas(units, df, "province", AS_OF)
    cat = df.assign(unit=df["unit"].astype("category"))
    a = _aggregate(cat, da06.Hierarchy.from_frame(units), to_level="province", as_of=AS_OF)
    gc.collect()
    _compare(a, want)
    h = da06.Hierarchy.from_frame(units)
    b = _aggregate(cat, h, to_level="province", as_of=AS_OF)
    b2 = _aggregate(cat, h, to_level="province", as_of=AS_OF)  # the cached map
    assert not np.shares_memory(a["numerator"].to_numpy(), b["numerator"].to_numpy())
    b.loc[:, "numerator"] = 0  # a user edit touches that frame only
    _compare(b2, want)
    _compare(a, want)
    reordered = cat.assign(unit=cat["unit"].cat.reorder_categories(cat["unit"].cat.categories[::-1]))
    _compare(_aggregate(reordered, h, to_level="province", as_of=AS_OF), want)
    del a, b, cat
    gc.collect()
    _compare(b2, want)


def test_sparse_integer_labels_keep_their_values() -> None:
    """Integer indicator and period labels are labels, not table sizes: [0, 10**9] on two rows must not
    size a table by 10**9 (it raised MemoryError), and negative labels are labels too. Against pandas."""
    units = pd.DataFrame({"id": ["VN", "P", "C"], "parent": ["", "VN", "P"], "level": ["nation", "province", "commune"]})
    df = pd.DataFrame({"unit": ["C", "C"], "indicator": [0, 10**9], "period": [2024, 2024],
                       "numerator": [1, 2], "denominator": [2, 3]})
    r = da06.aggregate(df, units, as_of="2024-01-01")
    assert r["indicator"].tolist() == [0, 10**9]
    assert (r["numerator"].tolist(), r["denominator"].tolist()) == ([1, 2], [2, 3])
    rng = np.random.default_rng(11)
    n = 500
    for labels in (rng.integers(-(2**62), 2**62, 7), np.array([-1, 0, 5, 2**31 - 1, 2**31, 2**40]),
                   np.array([2**63 + 5, 3, 2**64 - 1], dtype=np.uint64)):
        df = pd.DataFrame({"unit": rng.choice(["C", "P"], n), "indicator": rng.choice(labels, n),
                           "period": rng.choice(np.array([7, 10**12]), n),
                           "numerator": rng.integers(0, 100, n), "denominator": rng.integers(100, 200, n)})
        got = da06.aggregate(df, units, as_of="2024-01-01")
        want = df.assign(unit="P").groupby(["unit", "indicator", "period"], sort=True).agg(
            rows=("numerator", "size"), numerator=("numerator", "sum"), denominator=("denominator", "sum")).reset_index()
        assert got["indicator"].tolist() == want["indicator"].tolist()
        assert got["period"].tolist() == want["period"].tolist()
        assert got["numerator"].tolist() == want["numerator"].tolist()
        assert got["denominator"].tolist() == want["denominator"].tolist()
        assert got["rows"].tolist() == want["rows"].tolist()


def test_counts_must_be_whole_int64_counts_and_say_which() -> None:
    units = pd.DataFrame({"id": ["VN", "P"], "parent": ["", "VN"], "level": ["nation", "province"]})
    base = {"unit": ["P", "P", "P"], "indicator": ["x"] * 3, "period": ["p"] * 3}

    def run(num: object, den: object = (2, 2, 2)) -> pd.DataFrame:
        return da06.aggregate(pd.DataFrame({**base, "numerator": num, "denominator": den}), units, as_of="2024-01-01")

    with pytest.raises(da06.DataError, match="numerator column holds booleans") as e:
        run(np.array([True, False, True]))
    assert e.value.field == "numerator"
    with pytest.raises(da06.DataError, match="denominator column holds booleans"):
        run([1, 1, 1], pd.array([True, False, True], dtype="boolean"))
    with pytest.raises(da06.DataError, match=r"numerator True in row 1 is a boolean"):
        run(pd.Series([1, True, 0], dtype=object))
    # uint64 above 2**63: the value and its row (it was reported as "negative numerator -1").
    with pytest.raises(da06.DataError, match=r"numerator 18446744073709551615 in row 2 does not fit"):
        run(np.array([1, 2, 2**64 - 1], dtype=np.uint64))
    with pytest.raises(da06.DataError, match=r"denominator 9223372036854775808 in row 0 \(index 'a'\) does not fit"):
        da06.aggregate(pd.DataFrame({**base, "numerator": [1, 1, 1],
                                     "denominator": np.array([2**63, 1, 1], dtype=np.uint64)}, index=["a", "b", "c"]),
                       units, as_of="2024-01-01")
    with pytest.raises(da06.DataError, match=r"numerator 1180591620717411303424 in row 1 does not fit"):
        run(pd.Series([1, 2**70, 0], dtype=object))
    with pytest.raises(da06.DataError, match=r"numerator 1.5 in row 1 is not a whole count"):
        run([1.0, 1.5, 2.0])
    with pytest.raises(da06.DataError, match=r"numerator 1e\+19 in row 0 is not a count within"):
        run([1e19, 1.0, 2.0])
    with pytest.raises(da06.DataError, match=r"missing value in row 2"):
        run([1.0, 1.0, np.nan])
    with pytest.raises(da06.DataError, match=r"missing value in row 1"):
        run(pd.array([1, None, 1], dtype="Int64"))
    # What is fine: uint64 within int64, whole floats, nullable integers without NA, Python ints.
    for num in (np.array([1, 2, 3], dtype=np.uint64), [1.0, 2.0, 3.0], pd.array([1, 2, 3], dtype="Int64"),
                pd.Series([1, 2, 3], dtype=object), np.array([1, 2, 3], dtype=np.int8)):
        r = run(num)
        assert (r["numerator"].tolist(), r["denominator"].tolist()) == ([6], [6])


def test_targets_use_the_units_of_the_ratio_column_against_pandas() -> None:
    """The ratio and gap columns are fractions; a target is a fraction (0.9) or a percentage with its sign
    ("90%"); 90 and "<=5" are ambiguous and refused (90 once meant 90 % while the ratio read 0.55)."""
    units = _units(5, 3, 2, 25)
    df = _rows(units, 5, 3000, 3, 2)
    h = da06.Hierarchy.from_frame(units)
    targets = {"ind0": 0.55, "ind1": "<=45%", "ind2": ">0.5"}
    got = _aggregate(df, h, to_level="province", as_of=AS_OF, targets=targets)
    want = _pandas(units, df, "province", AS_OF)
    _compare(got, want)
    frac = {"ind0": (">=", Fraction(55, 100)), "ind1": ("<=", Fraction(45, 100)), "ind2": (">", Fraction(1, 2))}
    for g, w in zip(got.sort_values(["unit", "indicator", "period"]).itertuples(),
                    want.sort_values(["unit", "indicator", "period"]).itertuples()):
        op, t = frac[w.indicator]
        if w.denominator == 0:
            assert g.status == "no_denominator"
            continue
        q = Fraction(int(w.numerator), int(w.denominator))
        met = {">=": q >= t, "<=": q <= t, ">": q > t}[op]
        assert g.status == ("met" if met else "not_met")
        assert g.gap == pytest.approx(float(q - t), abs=1e-15)
        assert g.ratio == pytest.approx(float(q), abs=1e-15)
    same = _aggregate(df, h, to_level="province", as_of=AS_OF,
                      targets={"ind0": Fraction(11, 20), "ind1": "<=0.45", "ind2": "> 50 %"})
    assert same["status"].tolist() == got["status"].tolist()
    assert same["gap"].tolist() == got["gap"].tolist()
    for bad in (90, "90", "<=5", 1.5, "ninety", True):
        with pytest.raises(da06.DataError, match="target") as e:
            da06.aggregate(df, h, to_level="province", as_of=AS_OF, targets={"ind0": bad})
        assert e.value.field == "targets"
    with pytest.raises(da06.DataError, match=r'is ambiguous.*for 90 % write 0.9 or "90%"'):
        da06.aggregate(df, h, to_level="province", as_of=AS_OF, targets={"ind0": 90})


def test_units_with_names_and_other_columns(tmp_path: "os.PathLike[str]") -> None:
    """A units file's name column is the units' names; other columns are kept; the same from a file, a CSV
    text and a DataFrame (a name column was refused by from_file and the CLI, accepted by from_frame)."""
    import os
    import subprocess

    units = pd.DataFrame({"id": ["VN", "TH", "BS"], "name": ["Việt Nam", "Thanh Hóa", "Bỉm Sơn"],
                          "code": ["VN", "38", "380"], "parent": ["", "VN", "TH"],
                          "level": ["nation", "province", "district"]})
    path = os.path.join(str(tmp_path), "units.csv")
    units.to_csv(path, index=False)
    for h in (da06.Hierarchy.from_frame(units), da06.Hierarchy.from_file(path),
              da06.Hierarchy.from_csv(units.to_csv(index=False))):
        assert h.names == ["Việt Nam", "Thanh Hóa", "Bỉm Sơn"]
        assert h.attributes()["code"].tolist() == ["VN", "38", "380"]
        assert h.attributes().index.tolist() == h.ids
    cli = os.environ.get("DA06_CLI")
    if cli:
        obs = os.path.join(str(tmp_path), "obs.csv")
        with open(obs, "w", encoding="utf-8") as f:
            f.write("unit,indicator,period,numerator,denominator\nBS,x,2024,1,4\n")
        out = subprocess.run([cli, "aggregate", obs, "--units", path, "--to-level", "province", "--as-of", "2024-12-31"],
                             capture_output=True, text=True, check=True).stdout
        assert "  TH (Thanh Hóa)  x  2024  1/4  25,00%" in out
