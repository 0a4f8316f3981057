"""Plots with matplotlib (optional dependency: ``pip install da06[plot]``). Each function draws on ``ax``
(or a new figure's axes) and returns the Axes; none needs a display (Agg works).

    da06.plot.progress(fw.indicators_frame(), "TG-T32")      # series, projected line, target, deadline
    da06.plot.gap_by_unit(da06.aggregate(...))               # sorted bars
    da06.plot.task_status(fw.task_status())                  # stacked bars by task group
    da06.plot.days_off(da06.Calendar.vietnam_public(), 2026)        # a year's days off
    da06.plot.series_progress(series.pace(), "TG-T22")      # one target across reports, points labelled
    da06.plot.summary_headline(da06.report_summary.summary(fw))   # the report summary's charts (plot_summary)
"""
from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .calendar import Calendar
from .plot_summary import summary_headline, summary_status_by_group, summary_target_gaps

if TYPE_CHECKING:
    from matplotlib.axes import Axes
else:
    Axes = Any

__all__ = ["progress", "series_progress", "gap_by_unit", "task_status", "days_off", "STATUS_COLORS", "summary_headline",
           "summary_status_by_group", "summary_target_gaps"]

#: Colours of the task statuses (done → green, overdue → red, unknown → grey).
STATUS_COLORS: dict[str, str] = {
    "done": "#2e7d32", "done_maintained": "#66bb6a", "done_late": "#9ccc65", "in_progress": "#42a5f5",
    "due_soon": "#ffb300", "overdue": "#e53935", "waiting": "#8e24aa", "not_started": "#6d4c41",
    "unknown": "#9e9e9e", "blank": "#e0e0e0",
}


def _axes(ax: Axes | None, size: tuple[float, float] = (8, 4.5)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size)
    return new


def _x(dates: list[_dt.date]) -> Any:
    """Dates as matplotlib's float day numbers (the axis is then formatted as dates)."""
    from matplotlib.dates import date2num

    return date2num(dates)  # type: ignore[no-untyped-call]  # matplotlib leaves date2num unannotated


def progress(indicators: pd.DataFrame, target: str, *, ax: Axes | None = None) -> Axes:
    """Progress of one target's indicator over time: the observed points, the weighted least-squares
    line projected to the deadline (dashed), the target (horizontal) and the deadline (vertical).
    ``indicators`` is ``Framework.indicators_frame()``; ``target`` a target id of it."""
    evals: dict[str, Any] = indicators.attrs.get("targets", {})
    if target not in evals:
        raise KeyError(f"no target {target!r} in this indicators frame")
    t = evals[target]
    ax = _axes(ax)
    if t["points"]:
        ax.plot(_x([d for d, _ in t["points"]]), [y for _, y in t["points"]], "o-", color="#1565c0", label="observed")
    elif t["current"] is not None:
        ax.plot(_x([t["current"][0]]), [t["current"][1]], "o", color="#1565c0", label="observed")
    thr = t["threshold"]
    deadline = t["deadline"]
    origin = t["origin"]
    if origin and t["slope_per_year"] is not None and t["intercept"] is not None:
        end = deadline or _dt.date.fromisoformat(str(indicators.attrs.get("as_of") or origin.isoformat()))
        days = np.linspace(0, max((end - origin).days, 1), 50)
        xs2 = [origin + _dt.timedelta(days=float(d)) for d in days]
        ys2 = float(t["intercept"]) + float(t["slope_per_year"]) * days / float(t["days_per_year"])
        ax.plot(_x(xs2), ys2, "--", color="#90a4ae", label="projection")
    if thr:
        ax.axhline(float(thr), color="#e53935", lw=1, label=f"target {t['comparator']} {thr}")
    if deadline:
        ax.axvline(float(_x([deadline])[0]), color="#6d4c41", lw=1, ls=":", label=f"deadline {deadline}")
    ax.xaxis_date()
    ax.set_title(f"{target}: {t['indicator_name'] or t['indicator']}"[:90], fontsize=10)
    ax.set_ylabel("value")
    ax.legend(fontsize=8, loc="best")
    ax.figure.autofmt_xdate()
    return ax


def gap_by_unit(df: pd.DataFrame, *, unit: str = "unit", gap: str = "gap", percent_points: bool | None = None,
                ax: Axes | None = None) -> Axes:
    """The gap to target of each unit as sorted horizontal bars (red below target, green at or above).

    Works on ``da06.aggregate`` results (``gap`` is a fraction: shown in percentage points) and on
    ``indicators_frame`` (``gap="gap_pp", unit="target"``). Rows without a gap are left out."""
    d = df[[unit, gap]].dropna()
    scale = 100.0 if (percent_points if percent_points is not None else gap == "gap") else 1.0
    d = d.assign(_g=d[gap].astype(float) * scale).sort_values("_g")
    ax = _axes(ax, (8, max(2.5, 0.28 * len(d) + 1)))
    colors = ["#e53935" if g < 0 else "#2e7d32" for g in d["_g"]]
    ax.barh([str(u) for u in d[unit]], d["_g"], color=colors)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("gap to target (percentage points)" if scale == 100.0 or gap == "gap_pp" else "gap to target")
    return ax


def task_status(status: pd.DataFrame, *, by: str = "group", ax: Axes | None = None) -> Axes:
    """Task counts per status, stacked, one bar per ``by`` (task group). ``status`` is ``Framework.task_status()``."""
    counts = pd.crosstab(status[by].astype(str), status["status"].astype(str))
    order = [s for s in STATUS_COLORS if s in counts.columns]
    counts = counts[order]
    ax = _axes(ax)
    bottom = np.zeros(len(counts))
    for s in order:
        ax.bar(counts.index, counts[s].to_numpy(), bottom=bottom, color=STATUS_COLORS[s], label=s)
        bottom += counts[s].to_numpy()
    ax.set_ylabel("tasks")
    ax.set_xlabel(by)
    ax.legend(fontsize=8, ncol=2)
    return ax


def days_off(calendar: Calendar, year: int, *, ax: Axes | None = None) -> Axes:
    """A year as a 12 × 31 grid: working days white, weekends light grey, holidays and swapped days off
    red, make-up working days (làm bù) blue."""
    from matplotlib.colors import ListedColormap

    grid = np.full((12, 31), np.nan)
    days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"), dtype="datetime64[D]")
    work = calendar.is_workday(days)
    hol = calendar.holidays(year)
    kind = {d.date(): k for d, k in zip(hol["date"], hol["kind"])}
    for d, w in zip(days.astype(object), work):
        wk = d.weekday() >= 5
        k = kind.get(d)
        v = 3 if k == "makeup_workday" else (2 if (not w and not wk) or (k and k != "makeup_workday") else (1 if wk else 0))
        grid[d.month - 1, d.day - 1] = v
    ax = _axes(ax, (10, 4))
    cmap = ListedColormap(["#ffffff", "#e0e0e0", "#e53935", "#1e88e5"])
    ax.imshow(grid, cmap=cmap, vmin=0, vmax=3, aspect="auto")
    ax.set_yticks(range(12), [f"{m}" for m in range(1, 13)])
    ax.set_xticks(range(0, 31, 5), [str(d) for d in range(1, 32, 5)])
    ax.set_xlabel("day")
    ax.set_ylabel("month")
    ax.set_title(f"Days off {year} (red: holidays and swaps, grey: weekends, blue: make-up working days)", fontsize=9)
    return ax


def series_progress(pace: pd.DataFrame, target: str, *, ax: Axes | None = None) -> Axes:
    """Progress of one target across the reports of a series: every point labelled with the report it
    comes from, the target (horizontal) and the deadline (vertical). ``pace`` is ``da06.Series.pace()``."""
    rows = pace[pace["target"] == target]
    if rows.empty:
        raise KeyError(f"no target {target!r} in this pace frame")
    r = rows.iloc[0]
    ax = _axes(ax)
    dates, values, reports = list(r["point_dates"]), list(r["point_values"]), list(r["point_reports"])
    if dates:
        xs = _x(dates)
        ax.plot(xs, values, "o-", color="#1565c0", label="observed")
        for x, y, rep in zip(xs, values, reports):
            ax.annotate(str(rep), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)
    if r["target_value"] is not None and not pd.isna(r["target_value"]):
        ax.axhline(float(r["target_value"]), color="#e53935", lw=1, label=f"target {r['target_value']:g}")
    if r["deadline"] is not None and not pd.isna(r["deadline"]):
        ax.axvline(float(_x([r["deadline"]])[0]), color="#6d4c41", lw=1, ls=":", label=f"deadline {r['deadline']}")
    ax.xaxis_date()
    ax.set_title(f"{target}: {r['indicator']} ({r['pace']})"[:90], fontsize=10)
    ax.set_ylabel("value")
    ax.legend(fontsize=8, loc="best")
    ax.figure.autofmt_xdate()
    return ax
