"""A tour of the da06 Python package on the embedded Thanh Hóa H1/2024 report.

Run:  .venv/bin/python examples/python/overview.py
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

import da06


def main() -> None:
    fw = da06.default_framework()
    print(f"{fw.title} — report of {fw.report_date}, period {fw.period}")

    tasks = fw.tasks_frame()
    print(tasks[["id", "deadline_text", "deadline_kind", "due"]].head(8).to_string(index=False))

    status = fw.task_status(as_of="2024-06-28")
    print(status["status"].value_counts().to_string())
    overdue: pd.DataFrame = status[status["status"] == "overdue"]
    print(overdue[["task", "due", "workdays_overdue", "deciding_phrase"]].to_string(index=False))

    ind = fw.indicators_frame(as_of="2024-06-28")
    print(ind[["target", "value_display", "threshold", "gap_pp", "needed", "pace"]].to_string(index=False))

    findings = da06.audit(fw)
    print(findings["severity"].value_counts().to_string())

    cal = da06.Calendar.vietnam_public()
    received, due = cal.dossier_due("2024-04-26", 5)
    print(f"received {received}, 5 working days -> due {due}")
    days = np.arange(np.datetime64("2024-04-25"), np.datetime64("2024-05-08"), dtype="datetime64[D]")
    print(dict(zip(days.astype(str), cal.is_workday(days))))
    n: int = cal.count_workdays_closed(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    print(f"working days in 2024: {n}")
    print(cal.holidays(2026).to_string(index=False))

    print(da06.to_lunar("2025-01-29"), da06.from_lunar(10, 3, 2026))
    d = da06.parse_deadline("Quý I/2024 và thực hiện thường xuyên")
    print(d.due, d.recurring, d.kind, d.describe())
    p = da06.parse_period("6 tháng đầu năm 2024", cutoff=True)
    print(p.code, p.first, p.last)
    print(da06.format_number(42.2456, decimals=1, percent=True), da06.format_percent(990, 1714))


if __name__ == "__main__":
    main()
