"""da06.aggregate with string key columns (pandas str and object, pyarrow, polars, dictionary-encoded):
hashed in C++ through Arrow, the same result as categorical columns, and as a pandas groupby oracle."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from helpers import core

core()
import da06  # noqa: E402
from da06 import _core  # noqa: E402

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install da06[arrow])")

UNITS = pd.DataFrame(
    [("VN", "", "nation"), ("P1", "VN", "province"), ("P2", "VN", "province")]
    + [(f"C{c:03d}", f"P{1 + c % 2}", "commune") for c in range(40)],
    columns=["id", "parent", "level"])


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    den = rng.integers(1, 1000, n)
    return pd.DataFrame({
        "unit": pd.array([f"C{c:03d}" for c in rng.integers(0, 40, n)], dtype="str"),
        "indicator": pd.array([f"IND{k}" for k in rng.integers(0, 7, n)], dtype="str"),
        "period": pd.array([f"2026-M{m:02d}" for m in rng.integers(1, 13, n)], dtype="str"),
        "numerator": (den * rng.random(n)).astype(np.int64),
        "denominator": den.astype(np.int64),
    })


def _agg(df: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = da06.aggregate(df, da06.Hierarchy.from_frame(UNITS), to_level="province", as_of="2026-01-01")
    return (out.assign(unit=out["unit"].astype(str), indicator=out["indicator"].astype(str), period=out["period"].astype(str))
            .sort_values(["unit", "indicator", "period"]).reset_index(drop=True)[
                ["unit", "indicator", "period", "rows", "numerator", "denominator"]])


def test_string_forms_equal_categoricals_and_pandas() -> None:
    df = _frame(20_000, 3)
    want = _agg(df.astype({"unit": "category", "indicator": "category", "period": "category"}))
    # the pandas oracle: province of each commune, then groupby
    prov = df["unit"].map(dict(zip(UNITS["id"], UNITS["parent"])))
    g = (df.assign(unit=prov).groupby(["unit", "indicator", "period"])
         .agg(rows=("numerator", "size"), numerator=("numerator", "sum"), denominator=("denominator", "sum")).reset_index())
    pd.testing.assert_frame_equal(want, g.astype({"unit": str, "indicator": str, "period": str}), check_dtype=False)
    for form in (df, df.astype({"unit": object, "indicator": object, "period": object}),
                 pa.Table.from_pandas(df, preserve_index=False),
                 pa.Table.from_pandas(df, preserve_index=False).cast(pa.schema([
                     ("unit", pa.dictionary(pa.int16(), pa.string())), ("indicator", pa.dictionary(pa.int8(), pa.string())),
                     ("period", pa.string()), ("numerator", pa.int64()), ("denominator", pa.int64())]))):
        pd.testing.assert_frame_equal(_agg(form), want, check_dtype=False)
    pl = pytest.importorskip("polars")
    pd.testing.assert_frame_equal(_agg(pl.from_pandas(df)), want, check_dtype=False)
    pd.testing.assert_frame_equal(_agg(pl.from_pandas(df).with_columns(pl.col("unit").cast(pl.Categorical))), want,
                                  check_dtype=False)


def test_codes_and_nulls() -> None:
    codes, keys = _core.arrow_string_codes(pa.chunked_array([["b", None, "a"], ["a", "b", "c" * 40]]))
    assert keys == ["b", "a", "c" * 40]
    assert codes.tolist() == [0, -1, 1, 1, 0, 2]
    big = pa.array(["x" * 13, "y", "x" * 13], type=pa.string_view()) if hasattr(pa, "string_view") else None
    if big is not None:
        c, k = _core.arrow_string_codes(big)
        assert c.tolist() == [0, 1, 0] and k == ["x" * 13, "y"]
    with pytest.raises(da06.InvalidArgument):
        _core.arrow_string_codes(pa.array([1, 2, 3]))


def test_an_unknown_unit_is_named() -> None:
    df = _frame(100, 1)
    df.loc[5, "unit"] = "C999"
    with pytest.raises(da06.DataError, match="C999"):
        da06.aggregate(df, da06.Hierarchy.from_frame(UNITS), to_level="province", as_of="2026-01-01")
