"""The report summary's charts with matplotlib (for DOCX and notebooks; the HTML report uses the
library's inline SVG of the same charts). Each takes the engine's summary
(``da06.report_summary.summary(fw)``), draws on ``ax`` (or a new figure's axes) and returns the Axes.
Re-exported by ``da06.plot``; needs matplotlib (``pip install da06[plot]``).

    s = da06.report_summary.summary(fw)
    da06.plot.summary_headline(s)           # one bar per headline status, with its count
    da06.plot.summary_status_by_group(s)    # stacked bars: tasks by status in each group
    da06.plot.summary_target_gaps(s)        # the gap of each target with a value, one panel per unit
"""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from . import _core
from .numbers import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
else:
    Axes = Any

__all__ = ["summary_headline", "summary_status_by_group", "summary_target_gaps"]


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def summary_headline(summary: Any, *, ax: Axes | None = None) -> Axes:
    """The task counts by status (``summary.headline``), one horizontal bar each with its count."""
    rows = list(summary.headline)
    ax = _axes(ax, (7.5, 0.42 * len(rows) + 1.0))
    labels = [_core.status_label_vi(st) for st, _ in rows][::-1]
    counts = [n for _, n in rows][::-1]
    bars = ax.barh(labels, counts, color=[_core.status_color(st) for st, _ in rows][::-1])
    ax.bar_label(bars, labels=[format_number(n) for n in counts], padding=3)
    ax.set_xlabel("số nhiệm vụ")
    ax.set_title(_core.summary_chart_title("headline"), loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(counts + [1]) * 1.15)
    return ax


def summary_status_by_group(summary: Any, *, ax: Axes | None = None) -> Axes:
    """Tasks by status in each group (``summary.by_group``), stacked horizontal bars with their counts."""
    groups = list(summary.by_group)[::-1]
    statuses = [st for st in _core.status_names() if any(g.by_status[st] for g in groups)]
    ax = _axes(ax, (7.5, 0.42 * len(groups) + 1.6))
    labels = [_clip(f"{g.number}. {g.title}", 38) for g in groups]
    left = [0] * len(groups)
    for st in statuses:
        vals = [g.by_status[st] for g in groups]
        bars = ax.barh(labels, vals, left=left, color=_core.status_color(st), label=_core.status_label_vi(st),
                       edgecolor="white", linewidth=0.5)
        ax.bar_label(bars, labels=[format_number(v) if v else "" for v in vals], label_type="center", fontsize=8)
        left = [a + b for a, b in zip(left, vals)]
    ax.set_xlabel("số nhiệm vụ")
    ax.set_title(_core.summary_chart_title("status_by_group"), loc="left", fontsize=11)
    ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.4 / max(len(groups), 1)),
              frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def summary_target_gaps(summary: Any, *, ax: Axes | None = None) -> Axes | None:
    """The gap of each target with a value: one horizontal bar each (red: missed, green: met), labelled
    with the engine's gap text. Units differ (percentage points, places, counts), so each unit's bars
    are scaled to that unit's largest gap and the axis shows no common scale. None when no target has a
    value (``da06._core.summary_chart_note(summary, "target_gaps")`` says why)."""
    rows = [t for t in summary.targets if t.status != "no_data" and t.gap is not None]
    if not rows:
        return None
    units: list[str] = []
    for t in rows:
        if t.gap_unit not in units:
            units.append(t.gap_unit)
    rows.sort(key=lambda t: units.index(t.gap_unit))
    scale = {u: max(abs(float(t.gap)) for t in rows if t.gap_unit == u) or 1.0 for u in units}
    ax = _axes(ax, (7.5, 0.4 * len(rows) + 1.0))
    rows = rows[::-1]
    labels = [textwrap.shorten(f"{t.indicator_name} ({t.threshold_display})", 48, placeholder="…") for t in rows]
    vals = [float(t.gap) / scale[t.gap_unit] for t in rows]
    bars = ax.barh(range(len(rows)), vals, color=["#2e7d32" if t.status == "met" else "#c62828" for t in rows])
    unit_vi = {"pp": "điểm %", "places": "bậc"}
    ax.bar_label(bars, labels=[f"{t.gap_display} {unit_vi.get(t.gap_unit, t.gap_unit)}".strip() for t in rows],
                 padding=3, fontsize=8)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlim(-1.6, 1.6)
    ax.set_xticks([])
    ax.set_title(_core.summary_chart_title("target_gaps"), loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
