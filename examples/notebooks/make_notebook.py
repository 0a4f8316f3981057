"""Writes thanhhoa_2024h1.ipynb (unexecuted) from the cells below: edit here, then run this script."""
from __future__ import annotations

from pathlib import Path

import nbformat

CELLS = [
    ("md", """# Thanh Hóa, Đề án 06, first half of 2024

The embedded dataset is the Thanh Hóa report 137/BC-UBND of 28/6/2024. This notebook asks it four
questions: which tasks are done and which are overdue as of the report date; how far the indicators are
from their targets; what the audit finds inconsistent in the report; and working-day arithmetic under
the official public-sector calendar."""),
    ("code", """import datetime as dt

import matplotlib
import numpy as np
import pandas as pd

import da06

pd.set_option("display.max_colwidth", 80)
fw = da06.default_framework()
print(da06.__version__, fw.report_date, fw.period)"""),
    ("md", "## 1. Task status as of the report date"),
    ("code", """status = fw.task_status(as_of=fw.report_date)
status["status"].value_counts()"""),
    ("code", """overdue = status[status["status"] == "overdue"]
print(f"{len(overdue)} overdue tasks")
overdue[["task", "group", "due", "effective_due", "workdays_overdue", "deciding_phrase"]]"""),
    ("md", "## 2. Indicators against their targets"),
    ("code", """ind = fw.indicators_frame(as_of=fw.report_date)
ind[["target", "indicator", "value_display", "comparator", "threshold", "gap_pp", "needed", "status", "pace"]]"""),
    ("code", """print(ind["status"].value_counts().to_dict())
not_met = ind[ind["status"] == "not_met"].sort_values("gap_pp")
not_met[["target", "value_display", "threshold", "gap_pp", "needed", "needed_explanation"]]"""),
    ("md", "## 3. What the audit finds"),
    ("code", """findings = da06.audit(fw)
print(findings["severity"].value_counts().to_dict())
findings[findings["severity"] == "error"][["check", "message", "source_line"]]"""),
    ("md", """## 4. Working days

*If a dossier is received on 26/4/2024 with a 5-working-day limit, when is it due?* Monday 29/4 was
swapped off for the 30/4 – 1/5 holidays, and Saturday 4/5 was worked in exchange."""),
    ("code", """cal = da06.Calendar.vietnam_public()
received, due = cal.dossier_due("2024-04-26", 5)
print(f"received {received}, due {due}")"""),
    ("code", """days = np.arange(np.datetime64("2024-04-26"), np.datetime64("2024-05-08"), dtype="datetime64[D]")
pd.DataFrame({"day": days, "weekday": pd.to_datetime(days).day_name(), "working": cal.is_workday(days)})"""),
    ("code", """print("working days in 2024:", cal.count_workdays_closed("2024-01-01", "2024-12-31"))
cal.holidays(2026)"""),
    ("md", "## 5. Plots"),
    ("code", """import matplotlib.pyplot as plt

fig, axes = plt.subplots(2, 2, figsize=(14, 9))
with_series = [t for t, e in ind.attrs["targets"].items() if (e.get("pace") or {}).get("inputs", {}).get("points")]
da06.plot.progress(ind, with_series[0] if with_series else ind["target"].iloc[0], ax=axes[0, 0])
da06.plot.gap_by_unit(ind, unit="target", gap="gap_pp", ax=axes[0, 1])
da06.plot.task_status(status, ax=axes[1, 0])
da06.plot.days_off(cal, 2024, ax=axes[1, 1])
fig.tight_layout()"""),
]


def build() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, src in CELLS:
        nb.cells.append(nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src))
    return nb


if __name__ == "__main__":
    out = Path(__file__).with_name("thanhhoa_2024h1.ipynb")
    nbformat.write(build(), out)
    print(f"wrote {out}")
