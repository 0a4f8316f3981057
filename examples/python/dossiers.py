"""Dossiers and the QĐ 766 index from the sample CSV (examples/data/dossiers_sample.csv).

    python examples/python/dossiers.py

Due dates keep the time of day (16:30 is after the 15:00 intake cut-off), statuses are judged as of a
moment, and the index is scored with the national portal's 2026 rules; the "what it takes" line asks how
many more on-time dossiers a unit needs for one more point.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import da06

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "dossiers_sample.csv"


def main() -> None:
    cal = da06.Calendar.vietnam_public()
    rec = np.array(["2024-04-26T10:00", "2024-04-26T16:30"], "datetime64[m]")
    print("due:", da06.dossiers.due(rec, 5, calendar=cal))
    print("status:", list(da06.dossiers.status(rec, [5, 5], np.array(["2024-05-07T09:00", "NaT"], "datetime64[m]"),
                                                as_of="2024-05-20", calendar=cal)))
    rows = da06.dossiers.index(str(SAMPLE), period="month", as_of="2024-05-31", calendar=cal)
    print("bad rows:\n", rows.attrs["errors"].to_string(index=False))
    with pd.option_context("display.width", 140):
        print(da06.dossiers.scores(rows).to_string(index=False))
    counts = da06.dossiers.counts(str(SAMPLE), period="month", as_of="2024-05-31", calendar=cal)
    cell = counts[(counts["unit"] == "xa_dong_tien") & (counts["period"] == "2024-05")].iloc[0]
    print("what it takes (+1 point, on time):", da06.dossiers.what_it_takes(cell, "on_time", gain=1))


if __name__ == "__main__":
    main()
