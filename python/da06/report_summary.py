"""The summary every report opens with, as template variables: the engine's ``ReportSummary`` (a bound
C++ struct, no JSON) placed into plain dicts of display strings, and its inline SVG charts.

    import da06, da06.report_summary
    fw = da06.default_framework()
    s = da06.report_summary.summary(fw)              # the bound da06._core.ReportSummary
    s.total_tasks, [t.task for t in s.overdue]       # 72, ['T02']
    ctx = da06.report_summary.context(fw)            # what the templates see as ``overview``
    ctx["charts"][0]["svg"]                          # '<svg xmlns=... role="img" ...>'

Every number is the engine's: counts are formatted with ``format_number``, target values and gaps are
the engine's display strings, the charts are drawn by the library (``da06._core.summary_chart_svg``).
"""
from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from . import _core
from .numbers import format_number

if TYPE_CHECKING:
    from .framework import Framework

__all__ = ["CHARTS", "summary", "context", "chart_svg"]

#: The summary's charts, in the order a report shows them.
CHARTS: tuple[str, ...] = ("headline", "status_by_group", "target_gaps", "index")

_TARGET_STATUS_VI = {"met": "Đạt", "not_met": "Chưa đạt", "no_data": "Chưa có số liệu"}


def summary(fw: Framework, as_of: Any = None) -> Any:
    """The engine's summary of ``fw`` as of ``as_of`` (default: the report's date), a bound
    ``da06._core.ReportSummary``."""
    from ._dates import optional_date

    return _core.report_summary(fw.core, optional_date(as_of))


def chart_svg(s: Any, chart: str) -> str:
    """One chart of a summary as an inline ``<svg>`` element ("" when it has nothing to draw)."""
    return str(_core.summary_chart_svg(s, chart))


def _date_text(d: _dt.date | None) -> str:
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year}"


def _task(t: Any) -> dict[str, Any]:
    if t.status == "overdue" or t.workdays_late:
        days = f"quá {format_number(t.workdays_late)} ngày làm việc"
    elif t.workdays_left is not None:
        days = f"còn {format_number(t.workdays_left)} ngày làm việc"
    else:
        days = ""
    return {
        "task": t.task, "number": t.number, "group_number": t.group_number, "title": t.title, "lead": t.lead,
        "deadline_text": t.deadline_text, "status": t.status, "status_vi": _core.status_label_vi(t.status),
        "due_text": _date_text(t.due), "effective_due_text": _date_text(t.effective_due),
        "effective_due": t.effective_due, "workdays_late": t.workdays_late, "workdays_left": t.workdays_left,
        "workdays_text": days,
    }


def _gap_unit_text(unit: str) -> str:
    return {"pp": "điểm %", "places": "bậc", "": ""}.get(unit, unit)


def _target(t: Any) -> dict[str, Any]:
    gap = f"{t.gap_display} {_gap_unit_text(t.gap_unit)}".strip() if t.gap is not None else ""
    return {
        "target": t.target, "indicator": t.indicator, "indicator_name": t.indicator_name, "task": t.task,
        "status": t.status, "status_vi": _TARGET_STATUS_VI.get(t.status, t.status), "met": t.status == "met",
        "threshold_display": t.threshold_display, "value_display": t.value_display, "gap_text": gap,
        "gap": t.gap, "gap_unit": t.gap_unit, "needed": t.needed,
        "value": t.value, "threshold": t.threshold, "comparator": t.comparator, "percent": t.percent,
        "needed_text": t.needed_display,
        "deadline": t.deadline, "deadline_text": _date_text(t.deadline),
        "pace": t.pace, "pace_vi": _core.pace_label_vi(t.pace),
    }


def _points(p: int, decimals: int) -> str:
    from fractions import Fraction

    return format_number(Fraction(p, 10**decimals), decimals=decimals)


def _inline(status: str) -> str:
    """The status label inside a sentence: only its first letter lowered ("chờ Bộ, ngành …", not "bộ")."""
    label = str(_core.status_label_vi(status))
    return label[:1].lower() + label[1:]


def context_of(s: Any) -> dict[str, Any]:
    """The template variables of a bound summary (see ``context``)."""
    statuses = [st for st, _ in s.headline]
    by_group_statuses = [st for st in _core.status_names()
                         if any(g.by_status[st] for g in s.by_group)]
    groups = [{
        "group": g.group, "number": g.number, "title": g.title, "total": g.total,
        "total_text": format_number(g.total),
        "counts": [{"status": st, "count": g.by_status[st],
                    "count_text": format_number(g.by_status[st]) if g.by_status[st] else ""}
                   for st in by_group_statuses],
    } for g in s.by_group]
    claims = [{
        "claim": c.claim, "published": c.published, "claimed": c.claimed, "claimed_text": format_number(c.claimed),
        "ours": c.ours, "ours_text": "" if c.ours is None else format_number(c.ours),
        "difference": c.difference,
        "difference_text": "" if c.difference is None else
        ("+" if c.difference > 0 else "") + format_number(c.difference),
        "statuses_vi": ", ".join(_core.status_label_vi(x) for x in c.statuses),
    } for c in s.claims]
    index = None
    if s.index is not None:
        ix = s.index
        index = {
            "unit": ix.unit, "period": ix.period, "rules_version": ix.rules_version, "rank": ix.rank or None,
            "total_text": _points(ix.total, ix.decimals), "max_total_text": _points(ix.max_total, ix.decimals),
            "groups": [{"code": g.code, "name_vi": g.name_vi, "points_text": _points(g.points, ix.decimals),
                        "max_points_text": _points(g.max_points, ix.decimals)} for g in ix.groups],
        }
    charts = []
    for name in CHARTS:
        if name == "index" and s.index is None:
            continue
        charts.append({"name": name, "title": _core.summary_chart_title(name), "svg": chart_svg(s, name),
                       "note": _core.summary_chart_note(s, name), "bars": _core.summary_chart_bars(s, name)})
    return {
        "summary": s,
        "as_of": s.as_of, "as_of_text": _date_text(s.as_of),
        "has_status": s.has_status, "total": s.total_tasks, "total_text": format_number(s.total_tasks),
        "headline": [{"status": st, "status_vi": _core.status_label_vi(st), "status_vi_inline": _inline(st), "count": n,
                      "count_text": format_number(n), "color": _core.status_color(st)} for st, n in s.headline],
        "headline_statuses": statuses,
        "claims": claims,
        "overdue": [_task(t) for t in s.overdue],
        "due_soon": [_task(t) for t in s.due_soon],
        "past_due_open": [_task(t) for t in s.past_due_open],
        "group_statuses": [{"status": st, "status_vi": _core.status_label_vi(st)} for st in by_group_statuses],
        "by_group": groups,
        "has_targets": s.has_targets,
        "targets": [_target(t) for t in s.targets],
        "targets_met": s.targets_met, "targets_not_met": s.targets_not_met, "targets_no_data": s.targets_no_data,
        "audit_findings": s.audit_findings, "audit_findings_text": format_number(s.audit_findings),
        "audit_counts": s.audit_counts,
        "index": index,
        "charts": charts,
        "chart": {c["name"]: c for c in charts},
    }


def context(fw: Framework, as_of: Any = None) -> dict[str, Any]:
    """The summary as template variables (the report templates' ``overview``): display strings for the
    headline counts beside the report's claims, the overdue, due-soon and past-due lists, the targets,
    the status counts by group, the audit count, the QĐ 766 index when present, and the charts
    (``charts``: ``[{name, title, svg, note, bars}]``; ``svg`` is "" and ``note`` one line when a chart
    has nothing to draw)."""
    return context_of(summary(fw, as_of))
