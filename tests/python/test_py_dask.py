"""da06.dask on a LocalCluster: the counts over ≥ 4 Parquet partitions equal the single-process counts
exactly, including the distinct-procedure counters of (unit, month) cells split over partitions."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import core

core()
pytest.importorskip("dask.dataframe", reason="dask is not installed (pip install da06[dask])")
pytest.importorskip("dask.distributed", reason="distributed is not installed (pip install da06[dask])")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install da06[arrow])")
import da06  # noqa: E402
import da06.dask  # noqa: E402
import da06.synthetic  # noqa: E402


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, str]:
    shape = da06.synthetic.NationalShape(provinces=3, communes=40, procedures=60)
    df = da06.synthetic.dossiers(60_000, seed=4, shape=shape)
    df = df.sample(frac=1.0, random_state=1).reset_index(drop=True)  # cells split over every partition
    df.loc[17, "time_limit"] = -3   # bad rows, reported with their row in the whole table
    df.loc[40_001, "received_at"] = pd.NaT
    d = tmp_path_factory.mktemp("parquet")
    for k, part in enumerate(np.array_split(np.arange(len(df)), 5)):
        df.iloc[part].to_parquet(d / f"part-{k}.parquet", index=False)
    return df, str(d)


# distributed's worker processes may leave a socket for the garbage collector; that is not the result.
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_local_cluster_equals_single_process(table: tuple[pd.DataFrame, str]) -> None:
    from dask.distributed import Client, LocalCluster

    df, path = table
    want = da06.dossiers.counts(df, period="month").sort_values(["unit", "period"]).reset_index(drop=True)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster):
        import dask.dataframe as dd

        ddf = dd.read_parquet(path)
        assert ddf.npartitions >= 4
        got = da06.dask.counts(ddf, period="month")
    got = got.sort_values(["unit", "period"]).reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert got["services_with_online_dossier"].sum() > 0
    errs = got.attrs["errors"]
    assert set(errs["row"]) == {17, 40_001}
    assert set(errs["field"]) == {"time_limit", "received_at"}


# dask 2026.8's read_parquet (dask/dataframe/io/parquet/arrow.py) calls reset_index(inplace=True), which
# pandas 3.1 deprecates with a Pandas4Warning; in-process (synchronous scheduler) it reaches pytest.
@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
def test_scores_after_the_merge(table: tuple[pd.DataFrame, str]) -> None:
    import dask

    df, path = table
    with dask.config.set(scheduler="synchronous"):
        rows = da06.dask.index(path, period="quarter")
    want = da06.dossiers.index(df, period="quarter")
    key = ["unit", "period", "indicator"]
    a = rows.sort_values(key).reset_index(drop=True)
    b = want.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a[key + ["numerator", "denominator", "points"]], b[key + ["numerator", "denominator", "points"]],
                                  check_dtype=False)
