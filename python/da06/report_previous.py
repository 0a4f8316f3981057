"""The report section "So với kỳ trước" (compared with the previous report), built from ``da06.Series.diff``.

    import da06, da06.report
    md = da06.report.render(fw, "previous", "md", previous=da06.load("bc_2024h1.json"))
    da06.report.write(fw, "bc.xlsx", previous=prev)     # the "full" workbook gets a "So với kỳ trước" sheet

``changes(previous, fw, as_of)`` is the context the templates see as ``changes``; the DOCX and XLSX parts
are ``docx_section`` and ``xlsx_rows``. Every number comes from the diff (docs/series.md); nothing is
computed here but the wording.
"""
from __future__ import annotations

import datetime as _dt
import json
from fractions import Fraction
from typing import Any, Callable

from . import _core
from ._errors import InvalidArgument
from .framework import Framework
from .numbers import format_number
from .series import Series

__all__ = ["changes", "docx_section", "xlsx_rows", "XLSX_HEAD", "XLSX_FORMATS"]

_STATUS_VI = {
    "done": "đã hoàn thành", "done_maintained": "đã và đang thực hiện thường xuyên",
    "done_late": "hoàn thành quá hạn", "in_progress": "đang thực hiện", "due_soon": "sắp đến hạn",
    "overdue": "quá hạn", "waiting": "đang chờ hướng dẫn", "not_started": "chưa thực hiện",
    "unknown": "chưa xác định", "blank": "để trống",
}
_MOVE_VI = {"up": "tăng", "down": "giảm", "same": "không đổi"}


def _d(x: Any) -> str:
    return x.strftime("%d/%m/%Y") if isinstance(x, _dt.date) else ""


def _signed(x: Fraction, decimals: int) -> str:
    s = format_number(abs(x), decimals)
    return ("+" if x > 0 else "-" if x < 0 else "") + s


def _places(x: Fraction, cap: int = 2) -> int:
    """The decimals x needs to be written exactly, or ``cap`` when it needs more."""
    for k in range(cap + 1):
        if (x * 10**k).denominator == 1:
            return k
    return cap


def _ids(rows: list[dict[str, Any]], key: str = "new_task") -> str:
    return ", ".join(str(r[key]) for r in rows)


def changes(previous: Framework, fw: Framework, as_of: Any = None, *, mapping: Any = None,
            pins: dict[str, str] | None = None) -> dict[str, Any]:
    """What changed from ``previous`` to ``fw`` as the templates show it: ``previous`` (its number, date and
    period), ``lines`` (Vietnamese summary sentences) and the rows of each list."""
    if not isinstance(previous, Framework):
        raise InvalidArgument(f"previous must be a da06.Framework, got {type(previous).__name__}", field="previous")
    d = Series([previous, fw], mapping=mapping, pins=pins).diff(0, 1, as_of=as_of)
    meta = json.loads(previous.to_json())
    rep = meta.get("report", {}) or {}
    decimals = {i.id: int(i.decimals) for i in fw.core.indicators()}
    names = {i.id: str(i.name) for i in fw.core.indicators()}

    c = d.core  # the typed result (da06._core.SeriesDiff)

    def task_rows(items: list[_core.TaskChange]) -> list[dict[str, Any]]:
        return [{"old_task": r.old_task, "new_task": r.new_task, "title": r.title,
                 "old_status_vi": _STATUS_VI.get(r.old_status, r.old_status),
                 "new_status_vi": _STATUS_VI.get(r.new_status, r.new_status),
                 "old_due_text": _d(r.old_due), "new_due_text": _d(r.new_due)} for r in items]

    done, overdue = task_rows(c.newly_done), task_rows(c.newly_overdue)
    waiting, moved = task_rows(c.newly_waiting), task_rows(c.deadline_moved)
    new_tasks = [{"task": r.task, "title": r.title} for r in c.tasks.added]
    dropped = [{"task": r.task, "title": r.title} for r in c.tasks.dropped]
    indicators: list[dict[str, Any]] = []
    for r in c.indicators:
        # The indicator's decimals, or more where the printed figures have more (88,5 % of a 0-decimal
        # indicator is not shown as 89 %, nor its change of −1,5 points as −2), at most 2.
        dec = max(decimals.get(r.indicator, 0), _places(r.old_value), _places(r.new_value))
        pct = " điểm %" if r.percentage_points else ""
        change_text = _signed(r.change, dec) + pct
        counts = ""
        if r.numerator_change is not None and r.denominator_change is not None:
            counts = f"{_signed(Fraction(r.numerator_change), 0)}/{_signed(Fraction(r.denominator_change), 0)}"
        indicators.append({"indicator": r.indicator, "indicator_name": names.get(r.indicator, r.indicator), "unit": r.unit, "service": r.service,
                           "old_text": format_number(r.old_value, dec, percent=bool(pct)),
                           "new_text": format_number(r.new_value, dec, percent=bool(pct)), "change": r.change,
                           "change_text": change_text, "counts_text": counts,
                           "movement": r.movement, "movement_vi": _MOVE_VI[r.movement],
                           "followed_from": ", ".join(r.followed_from)})
    met = [{"target": r.target, "old_value": r.old_value, "new_value": r.new_value}
           for r in c.targets_newly_met]
    missed = [{"target": r.target, "new_value": r.new_value,
               "why_vi": "không còn đạt" if r.shift == "no_longer_met" else f"hết hạn {_d(r.deadline)} chưa đạt"}
              for r in c.targets_newly_missed]
    entered = [{"unit": r.unit, "name": r.name} for r in c.units_entered]
    left = [{"unit": r.unit, "name": r.name, "into": ", ".join(r.successors)} for r in c.units_left]
    revisions = [{"indicator": r.key.indicator, "unit": r.key.unit, "when": r.key.when, "old": r.old_value,
                  "new": r.new_value} for r in c.revisions]

    lines: list[str] = []
    for label, rows, key in (("Nhiệm vụ mới hoàn thành", done, "new_task"), ("Nhiệm vụ mới quá hạn", overdue, "new_task"),
                             ("Nhiệm vụ chuyển sang chờ hướng dẫn", waiting, "new_task"),
                             ("Nhiệm vụ thay đổi thời hạn", moved, "new_task"), ("Nhiệm vụ mới", new_tasks, "task"),
                             ("Nhiệm vụ không còn trong danh mục", dropped, "task")):
        if rows:
            lines.append(f"{label}: {len(rows)} ({_ids(rows, key)})")
    up = sum(1 for i in indicators if i["movement"] == "up")
    down = sum(1 for i in indicators if i["movement"] == "down")
    if indicators:
        lines.append(f"Chỉ số thay đổi: {len(indicators)} (tăng {up}, giảm {down})")
    if met:
        lines.append(f"Chỉ tiêu mới đạt: {len(met)} ({_ids(met, 'target')})")
    if missed:
        lines.append(f"Chỉ tiêu không đạt: {len(missed)} ({_ids(missed, 'target')})")
    if revisions:
        lines.append(f"Số liệu kỳ trước được điều chỉnh: {len(revisions)}")
    mismatches = [{"observation": x.observation, "published": x.published, "implied": x.implied,
                   "earlier": x.earlier_value, "against": x.against} for x in c.change_checks if not x.agrees]
    if mismatches:
        lines.append(f"Số liệu \"tăng/giảm so với\" không khớp với báo cáo kỳ trước: {len(mismatches)} "
                     f"({_ids(mismatches, 'observation')})")
    if entered or left:
        lines.append(f"Đơn vị hành chính: {len(entered)} đơn vị mới, {len(left)} đơn vị không còn")
    if not lines:
        lines.append("Không có thay đổi so với kỳ trước.")
    return {
        "previous": {"id": previous.id, "number": rep.get("number", ""), "date_text": _d(previous.report_date),
                     "period_text": (meta.get("period", {}) or {}).get("text", "")},
        "as_of_text": _d(c.new_as_of),
        "lines": lines, "tasks_done": done, "tasks_overdue": overdue, "tasks_waiting": waiting,
        "deadlines_moved": moved, "new_tasks": new_tasks, "dropped_tasks": dropped, "indicators": indicators,
        "targets_met": met, "targets_missed": missed, "revisions": revisions, "change_mismatches": mismatches,
        "units_entered": entered, "units_left": left,
    }


def heading(ch: dict[str, Any]) -> str:
    p = ch["previous"]
    return f"So với kỳ trước (Báo cáo {p['number']} ngày {p['date_text']}, {p['period_text']})"


def docx_section(doc: Any, table: Callable[..., None], ch: dict[str, Any]) -> None:
    """The section in a python-docx document; ``table(head, rows)`` is the report's table helper."""
    doc.add_heading(heading(ch), level=2)
    for line in ch["lines"]:
        doc.add_paragraph(line, style="List Bullet")
    if ch["indicators"]:
        table(["Chỉ số", "Đơn vị", "Kỳ trước", "Kỳ này", "Thay đổi", "Tử số/mẫu số"],
              [[i["indicator_name"], i["unit"], i["old_text"], i["new_text"], i["change_text"], i["counts_text"]]
               for i in ch["indicators"]])


XLSX_HEAD = ["Nội dung", "Mã", "Kỳ trước", "Kỳ này", "Thay đổi"]
XLSX_FORMATS: dict[int, str] = {}


def xlsx_rows(ch: dict[str, Any]) -> list[list[Any]]:
    """One row per change, for a sheet "So với kỳ trước" with the columns XLSX_HEAD; a change of an
    indicator is a number (display units; percentage points for a percentage)."""
    rows: list[list[Any]] = []
    for label, key in (("Nhiệm vụ mới hoàn thành", "tasks_done"), ("Nhiệm vụ mới quá hạn", "tasks_overdue"),
                       ("Nhiệm vụ chuyển sang chờ hướng dẫn", "tasks_waiting")):
        for t in ch[key]:
            rows.append([label, t["new_task"], t["old_status_vi"], t["new_status_vi"], None])
    for t in ch["deadlines_moved"]:
        rows.append(["Nhiệm vụ thay đổi thời hạn", t["new_task"], t["old_due_text"], t["new_due_text"], None])
    for t in ch["new_tasks"]:
        rows.append(["Nhiệm vụ mới", t["task"], None, t["title"], None])
    for t in ch["dropped_tasks"]:
        rows.append(["Nhiệm vụ không còn trong danh mục", t["task"], t["title"], None, None])
    for i in ch["indicators"]:
        rows.append([f"Chỉ số {i['movement_vi']}", f"{i['indicator']} ({i['unit']})", i["old_text"], i["new_text"],
                     float(i["change"])])
    for t in ch["targets_met"]:
        rows.append(["Chỉ tiêu mới đạt", t["target"], t["old_value"], t["new_value"], None])
    for t in ch["targets_missed"]:
        rows.append([f"Chỉ tiêu {t['why_vi']}", t["target"], None, t["new_value"], None])
    for x in ch["change_mismatches"]:
        rows.append([f"Số liệu thay đổi không khớp ({x['published']})", x["observation"], x["earlier"], x["implied"],
                     None])
    for u in ch["units_entered"]:
        rows.append(["Đơn vị mới", u["unit"], None, u["name"], None])
    for u in ch["units_left"]:
        rows.append(["Đơn vị không còn", u["unit"], u["name"], u["into"] or None, None])
    return rows
