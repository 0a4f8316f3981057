"""Report variants from Jinja2 templates: Appendix I, Appendices III/IV, the summary lines of section II,
the overdue/due-soon list and the gap dashboard, as Markdown, HTML, DOCX or XLSX.

    import da06, da06.report
    fw = da06.default_framework()
    md = da06.report.render(fw, "appendix1", "md")            # str
    da06.report.write(fw, "phu-luc-1.docx", "docx")            # python-docx, A4, Times New Roman
    da06.report.write(fw, "bao-cao.xlsx", "xlsx")              # openpyxl, one sheet per appendix

Every number is the engine's: counts and ratios are formatted by ``da06.format_number`` /
``da06.format_percent`` with the indicator's declared decimals and rounding, target values and gaps
are the engine's display strings. Templates only place them. ``context(fw, as_of)`` is the dict the
templates receive (docs/reports.md lists its keys). Markdown and HTML come from the templates in
``da06/templates`` (or a template file of yours); DOCX and XLSX are built with python-docx and openpyxl
from the same context, and a Word template of yours (``template="mau.docx"``) is rendered to DOCX by
docxtpl (``da06/report_word.py``). Needs ``jinja2`` (and ``python-docx`` / ``openpyxl`` / ``docxtpl``
for those formats).
"""
from __future__ import annotations

import datetime as _dt
import importlib
import io
import json
import os
import traceback
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pandas as pd

from ._errors import Error, InvalidArgument
from . import report_services, report_xlsx
from .numbers import format_number, format_percent
from .report_services import ratio_text as _ratio_text

if TYPE_CHECKING:
    from .framework import Framework

__all__ = ["TEMPLATES", "FORMATS", "TemplateError", "context", "render", "write", "template_dir"]

#: The templates shipped with the package (each as NAME.md.j2 and NAME.html.j2).
TEMPLATES: tuple[str, ...] = ("overview", "appendix1", "services", "summary", "overdue", "gaps", "full", "previous")
#: The output formats.
FORMATS: tuple[str, ...] = ("md", "html", "docx", "xlsx")

STATUS_VI: dict[str, str] = {
    "done": "Đã hoàn thành",
    "done_maintained": "Hoàn thành, duy trì thường xuyên",
    "in_progress": "Đang thực hiện",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "waiting": "Chờ Bộ, ngành triển khai, hướng dẫn",
    "not_started": "Chưa thực hiện",
    "unknown": "Chưa xác định",
    "done_late": "Đã hoàn thành quá hạn",
    "blank": "Chưa báo cáo",
}
PACE_VI: dict[str, str] = {
    "achieved": "Đã đạt",
    "on_track": "Đúng tiến độ",
    "acceleration_needed": "Cần đẩy nhanh",
    "limited_progress": "Tiến triển hạn chế",
    "deterioration": "Đi xuống",
    "insufficient_data": "Chưa đủ dữ liệu",
}
TARGET_STATUS_VI: dict[str, str] = {"met": "Đạt", "not_met": "Chưa đạt", "no_data": "Chưa có số liệu"}
COMPARATOR_VI: dict[str, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "top": "top"}


class TemplateError(Error):
    """A template that does not parse or does not render: ``file`` and ``line`` locate it."""


def template_dir() -> Path:
    """The directory of the shipped templates (copy one from here to make your own variant)."""
    return Path(__file__).resolve().parent / "templates"


class _Row:
    """Attribute access to one record of a frame (keeps the context code readable and typed)."""

    def __init__(self, rec: dict[Any, Any]) -> None:
        self._rec = rec

    def __getattr__(self, name: str) -> Any:
        return self._rec[name]


# -- the context -----------------------------------------------------------------------------------
def _vn_date(d: Any) -> str:
    if d is None or (not isinstance(d, str) and pd.isna(d)):
        return ""
    if isinstance(d, str):
        d = _dt.date.fromisoformat(d[:10])
    if isinstance(d, pd.Timestamp):
        d = d.date()
    assert isinstance(d, _dt.date)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _py_date(d: Any) -> _dt.date | None:
    if d is None or (not isinstance(d, str) and pd.isna(d)):
        return None
    if isinstance(d, pd.Timestamp):
        return d.date()
    if isinstance(d, str):
        return _dt.date.fromisoformat(d[:10])
    assert isinstance(d, _dt.date)
    return d


def _opt_int(x: Any) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


def _text(x: Any) -> str:
    return "" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)


def context(fw: Framework, as_of: Any = None) -> dict[str, Any]:
    """Everything the templates see, as plain Python values (str, int, date, Fraction, lists, dicts)."""
    rep = fw.report(as_of)
    data = json.loads(fw.to_json())
    as_of_d = _dt.date.fromisoformat(rep["as_of"])
    tasks_df = fw.tasks_frame()
    status_rows: dict[str, dict[Any, Any]] = {
        str(r["task"]): r for r in fw.task_status(as_of=as_of_d).to_dict("records")}
    indicators = {i["id"]: i for i in data.get("indicators", [])}

    tasks: list[dict[str, Any]] = []
    for rec in tasks_df.to_dict("records"):
        r = _Row(rec)
        s = status_rows[r.id]
        status = str(s["status"])
        left, over = _opt_int(s["workdays_left"]), _opt_int(s["workdays_overdue"])
        tasks.append({
            "id": r.id, "number": int(r.number), "group": r.group, "group_number": r.group_number,
            "group_title": r.group_title,
            # verbatim from the source document
            "title": r.title, "lead": r.lead, "coordinating": r.coordinating,
            "deadline_text": r.deadline_text, "progress_text": r.progress_text,
            # read by the engine
            "deadline_kind": r.deadline_kind, "recurrence": _text(r.recurrence),
            "due": _py_date(r.due), "due_text": _vn_date(r.due),
            "effective_due": _py_date(s["effective_due"]), "effective_due_text": _vn_date(s["effective_due"]),
            "status": status, "status_vi": STATUS_VI.get(status, status),
            "workdays_left": left, "workdays_overdue": over,
            "workdays_text": _workdays_text(status, left, over),
            "deciding_phrase": _text(s["deciding_phrase"]), "reason": _text(s["reason"]),
            "source_line": int(r.source_line),
        })

    groups: list[dict[str, Any]] = []
    for t in tasks:
        if not groups or groups[-1]["id"] != t["group"]:
            groups.append({"id": t["group"], "number": t["group_number"], "title": t["group_title"], "tasks": []})
        groups[-1]["tasks"].append(t)

    # overdue and due soon, by lead unit (first appearance order)
    by_lead: dict[str, list[dict[str, Any]]] = {}
    for t in tasks:
        if t["status"] in ("overdue", "due_soon"):
            by_lead.setdefault(t["lead"], []).append(t)
    attention = [{"lead": lead, "tasks": ts} for lead, ts in by_lead.items()]

    services = report_services.services(data, indicators)
    summary = rep["task_status"]["summary"]
    lines = _summary_lines(data, indicators, summary, rep)
    targets = _targets(fw, as_of_d, indicators)
    from . import report_summary

    overview = report_summary.context(fw, as_of_d)

    return {
        "framework": {"id": fw.id, "title": fw.title, "province": fw.province},
        "plan": rep.get("plan", {}), "report": rep.get("report", {}), "period": rep.get("period", {}),
        "report_date": fw.report_date, "report_date_text": _vn_date(fw.report_date),
        "as_of": as_of_d, "as_of_text": _vn_date(as_of_d),
        "tasks": tasks, "groups": groups, "attention": attention,
        "status_summary": summary, "status_vi": STATUS_VI,
        "services": services, "summary_lines": lines, "targets": targets,
        "audit_counts": rep.get("audit", {}).get("counts", {}),
        "gaps_in_source": rep.get("gaps", []),
        "report_data": rep,
        "overview": overview,
    }


#: The states whose work is still open: only these have working days left or lost. A done task is
#: never printed as late from its deadline alone.
OPEN_STATES = frozenset({"in_progress", "due_soon", "overdue", "waiting", "not_started", "unknown"})


def _workdays_text(status: str, left: int | None, over: int | None) -> str:
    if status not in OPEN_STATES:
        return ""
    if status == "overdue" or (left is not None and left < 0):
        return f"quá {format_number(over)} ngày làm việc" if over else ""
    return f"còn {format_number(left)} ngày làm việc" if left is not None else ""


def _summary_lines(data: dict[str, Any], indicators: dict[str, dict[str, Any]], summary: dict[str, Any],
                   rep: dict[str, Any]) -> list[str]:
    """The Vietnamese summary lines of section II, every figure formatted by the engine."""
    by_ind: dict[str, dict[str, Any]] = {}
    for o in data.get("observations", []):
        if not o.get("service"):
            by_ind.setdefault(o["indicator"], o)
    lines: list[str] = []
    bs = summary.get("by_status", {})
    lines.append(f"Tổng số nhiệm vụ: {format_number(int(summary.get('total', 0)))} nhiệm vụ thuộc "
                 f"{format_number(len(rep.get('task_groups', [])))} nhóm nội dung")
    done = int(bs.get("done", 0)) + int(bs.get("done_maintained", 0))
    lines.append(f"Số nhiệm vụ đã hoàn thành và duy trì thường xuyên: {format_number(done)} nhiệm vụ "
                 f"(đã hoàn thành {format_number(int(bs.get('done', 0)))}, duy trì thường xuyên "
                 f"{format_number(int(bs.get('done_maintained', 0)))})")
    lines.append(f"Số nhiệm vụ đang thực hiện: {format_number(int(bs.get('in_progress', 0)))} nhiệm vụ; "
                 f"sắp đến hạn: {format_number(int(bs.get('due_soon', 0)))}; "
                 f"quá hạn: {format_number(int(bs.get('overdue', 0)))}")
    lines.append(f"Số nhiệm vụ đang chờ Bộ, ngành triển khai, hướng dẫn: {format_number(int(bs.get('waiting', 0)))} "
                 f"nhiệm vụ")
    # Every task is in exactly one line: the states above, and these when any task has them.
    if int(bs.get("not_started", 0)):
        lines.append(f"Số nhiệm vụ chưa thực hiện: {format_number(int(bs['not_started']))} nhiệm vụ")
    if int(bs.get("unknown", 0)):
        lines.append(f"Số nhiệm vụ chưa xác định được tình trạng (báo cáo không nêu rõ): "
                     f"{format_number(int(bs['unknown']))} nhiệm vụ")
    provided = by_ind.get("dvc_services_provided")
    full, partial = by_ind.get("dvc_full_online_rate"), by_ind.get("dvc_partial_online_rate")
    if provided is not None and provided.get("value") is not None:
        line = f"Tổng số dịch vụ công đã cung cấp: {format_number(provided['value'])}"
        parts = []
        for label, o, iid in (("toàn trình", full, "dvc_full_online_rate"),
                              ("một phần", partial, "dvc_partial_online_rate")):
            if o is not None and o.get("numerator") is not None and o.get("denominator"):
                n, d = int(o["numerator"]), int(o["denominator"])
                parts.append(f"{label} {format_number(n)}/{format_number(d)} "
                             f"(đạt {_ratio_text(n, d, indicators.get(iid))})")
        if parts:
            line += ", trong đó " + ", ".join(parts)
        lines.append(line)
    return lines


def _targets(fw: Framework, as_of: _dt.date, indicators: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    df = fw.indicators_frame(as_of=as_of)
    out = []
    for r in df.to_dict("records"):
        ind = indicators.get(str(r["indicator"]), {})
        percent = ind.get("kind") == "ratio" and int(ind.get("factor", 1)) == 100
        thr = _text(r["threshold"])
        thr_text = (format_number(thr) + ("%" if percent else "")) if thr else ""
        gap = _text(r["gap_display"])
        unit = _text(r["gap_unit"])
        gap_text = (gap + (" điểm %" if unit == "pp" else f" {unit}" if unit else "")) if gap else ""
        needed = _opt_int(r["needed"])
        status, pace = _text(r["status"]), _text(r["pace"])
        value, gap_exact = _text(r["value_exact"]), _text(r["gap_exact"])
        out.append({
            # exact numbers in the indicator's unit (91.31 for 91,31 %), for cells and computations
            "value": Fraction(value) if value else None, "gap": Fraction(gap_exact) if gap_exact else None,
            "threshold_value": Fraction(thr) if thr else None, "percent": percent,
            "decimals": report_xlsx.decimals_of(_text(r["value_display"]) or _text(r["gap_display"])),
            "id": r["target"], "indicator": r["indicator"], "indicator_name": _text(r["indicator_name"]),
            "task": _text(r["task"]), "unit": _text(r["unit"]), "status": status,
            "status_vi": TARGET_STATUS_VI.get(status, status),
            "value_text": _text(r["value_display"]), "published": _text(r["published"]),
            "comparator": _text(r["comparator"]), "threshold": thr,
            "threshold_text": (COMPARATOR_VI.get(_text(r["comparator"]), _text(r["comparator"])) + " " + thr_text
                               if thr_text else ""),
            "gap_text": gap_text, "gap_unit": unit, "needed": needed,
            "needed_text": format_number(needed) if needed is not None else "",
            "deadline": _py_date(r["deadline"]), "deadline_text": _vn_date(r["deadline"]),
            "pace": pace, "pace_vi": PACE_VI.get(pace, pace), "target_text": _text(r["target_text"]),
        })
    return out


def _need(module: str) -> None:
    """Reports need Jinja2, python-docx, openpyxl and matplotlib: the extra `report` brings them."""
    try:
        importlib.import_module(module)
    except ImportError as e:
        name = {"docx": "python-docx"}.get(module, module)
        raise Error(f"reports need {name}, which is not installed: pip install da06[report]") from e


# -- Markdown and HTML from templates ----------------------------------------------------------------
def _md_cell(x: Any) -> str:
    s = "" if x is None else str(x)
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def _environment(search: list[str], html: bool) -> Any:
    _need("jinja2")
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(_filters())
    return env


def _filters() -> dict[str, Callable[..., Any]]:
    """The filters every template environment has (Markdown, HTML and Word): ``md``, ``vn_number``,
    ``vn_percent``, ``vn_date``."""
    return {"md": _md_cell, "vn_number": format_number, "vn_percent": format_percent, "vn_date": _vn_date}


def _resolve(template: str | os.PathLike[str], fmt: str) -> tuple[list[str], str]:
    """(loader search path, template name) for a shipped NAME or a file PATH."""
    t = os.fspath(template)
    if t in TEMPLATES:
        return [str(template_dir())], f"{t}.{fmt}.j2"
    p = Path(t)
    if not p.is_file():
        raise InvalidArgument(f"no template {t!r}: give one of {', '.join(TEMPLATES)} or a template file",
                              field="template")
    return [str(p.resolve().parent), str(template_dir())], p.name


def _template_error(e: Exception, name: str, search: list[str]) -> TemplateError:
    _need("jinja2")
    import jinja2

    file, line = "", 0
    if isinstance(e, jinja2.TemplateSyntaxError):
        file, line = e.filename or e.name or name, e.lineno or 0
    else:  # a runtime error: the innermost traceback frame that is a template
        roots = [os.path.abspath(s) for s in search]
        for fr in reversed(traceback.extract_tb(e.__traceback__)):
            if any(os.path.abspath(fr.filename).startswith(r + os.sep) for r in roots):
                file, line = fr.filename, fr.lineno or 0
                break
    file = file or os.path.join(search[0], name)
    msg = str(getattr(e, "message", None) or e)
    return TemplateError(f"{file}:{line}: template error: {msg}", message=msg, file=file, line=line)


def _render_text(fw: Framework, template: str | os.PathLike[str], fmt: str, as_of: Any,
                 extra: dict[str, Any] | None) -> str:
    _need("jinja2")
    import jinja2

    search, name = _resolve(template, fmt)
    env = _environment(search, html=(fmt == "html"))
    try:
        tpl = env.get_template(name)
    except jinja2.TemplateSyntaxError as e:
        raise _template_error(e, name, search) from e
    ctx = _template_context(fw, as_of, extra, os.fspath(template))
    try:
        return str(tpl.render(**ctx))
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as e:
        raise _template_error(e, name, search) from e


# -- DOCX -------------------------------------------------------------------------------------------
_SECTIONS: dict[str, tuple[str, ...]] = {
    "overview": ("overview",), "appendix1": ("appendix1",), "services": ("services",), "summary": ("summary",),
    "overdue": ("overdue",), "gaps": ("gaps",), "full": ("overview", "summary", "overdue", "gaps", "appendix1", "services"),
    "previous": ("previous",),
}


def _template_context(fw: Framework, as_of: Any, extra: dict[str, Any] | None, template: str) -> dict[str, Any]:
    """``context(fw, as_of)`` with the caller's extra variables and, given ``previous=``, its section."""
    ctx = context(fw, as_of)
    ctx.update(extra or {})
    _with_previous(ctx, fw, as_of, template)
    return ctx


def _with_previous(ctx: dict[str, Any], fw: Framework, as_of: Any, template: str) -> None:
    """``previous=<Framework>``: the "So với kỳ trước" section's context (da06/report_previous.py)."""
    if ctx.get("previous") is None:
        if template == "previous":
            raise InvalidArgument("the 'previous' template needs previous=<the earlier report's da06.Framework>",
                                  field="previous")
        return
    from . import report_previous

    ch = report_previous.changes(ctx["previous"], fw, as_of, mapping=ctx.get("previous_mapping"),
                                 pins=ctx.get("previous_pins"))
    ctx["changes"], ctx["changes_heading"] = ch, report_previous.heading(ch)


def _task_rows(ctx: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    head = ["STT", "Nhóm", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Tiến độ",
            "Loại thời hạn", "Hạn", "Hạn (ngày làm việc)", "Trạng thái", "Ngày làm việc"]
    rows = [[t["number"], t["group_number"], t["title"], t["lead"], t["coordinating"], t["deadline_text"],
             t["progress_text"], t["deadline_kind"], t["due"], t["effective_due"], t["status_vi"],
             t["workdays_left"] if t["workdays_left"] is not None else
             (-t["workdays_overdue"] if t["workdays_overdue"] else None)] for t in ctx["tasks"]]
    return head, rows


def _target_head() -> list[str]:
    return ["Chỉ tiêu", "Chỉ số", "Giá trị", "Ngưỡng", "Chênh lệch", "Cần thêm", "Hạn", "Đánh giá", "Tốc độ"]


def _docx(ctx: dict[str, Any], sections: tuple[str, ...]) -> bytes:
    _need("docx")
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Emu, Mm, Pt

    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)
    for style_name in ("Normal", "Heading 1", "Heading 2", "Table Grid"):
        st = doc.styles[style_name]
        font = st.font
        font.name = "Times New Roman"
        font.size = Pt(14 if style_name != "Table Grid" else 13)
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(a), "Times New Roman")
        for a in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            rfonts.attrib.pop(qn(a), None)

    def table(head: list[str], rows: list[list[str]], landscape: bool = False) -> None:
        if landscape:
            s = doc.add_section()
            s.orientation = WD_ORIENT.LANDSCAPE
            s.page_width, s.page_height = Mm(297), Mm(210)
        tbl = doc.add_table(rows=1, cols=len(head))
        tbl.style = doc.styles["Table Grid"]
        for i, h in enumerate(head):
            cell = tbl.rows[0].cells[i]
            cell.text = h
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for r in rows:
            cells = tbl.add_row().cells
            for i, v in enumerate(r):
                cells[i].text = v
        # Column widths follow the typical length of each column's text (Word would otherwise give every
        # column the same width, and a long title column would run one task to a page).
        usable = (Mm(297) if landscape else Mm(210)) - Mm(45)
        weights = []
        for i, h in enumerate(head):
            lengths = sorted(len(r[i]) for r in rows) or [0]
            typical = lengths[len(lengths) // 2]
            weights.append(max(6.0, min(float(typical), 400.0)) ** 0.6 + len(h) ** 0.5)
        total = sum(weights)
        tbl.autofit = False
        widths = [Emu(int(usable * w / total)) for w in weights]
        for i, col in enumerate(tbl.columns):  # the table grid (what LibreOffice reads)
            col.width = widths[i]
        for row in tbl.rows:  # and each cell (what Word reads)
            for i, cell in enumerate(row.cells):
                cell.width = widths[i]
        if landscape:
            s2 = doc.add_section()
            s2.orientation = WD_ORIENT.PORTRAIT
            s2.page_width, s2.page_height = Mm(210), Mm(297)

    doc.add_heading(ctx["framework"]["title"], level=1)
    doc.add_paragraph(f"Tính đến ngày {ctx['as_of_text']}")
    if "changes" in ctx and "previous" not in sections:
        sections = (*sections, "previous")  # a report with its predecessor gets the section too
    for part in sections:
        if part == "overview":
            from . import _report_overview

            _report_overview.docx(doc, ctx, table)
        elif part == "summary":
            doc.add_heading("Tóm tắt kết quả thực hiện", level=2)
            for line in ctx["summary_lines"]:
                doc.add_paragraph(line, style="List Bullet")
        elif part == "appendix1":
            doc.add_heading("Phụ lục I. Danh mục nhiệm vụ", level=2)
            head, rows = _task_rows(ctx)
            table(head, [[str(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], _vn_date(r[8]), _vn_date(r[9]),
                          r[10], "" if r[11] is None else format_number(r[11])] for r in rows], landscape=True)
        elif part == "services":
            for app in ctx["services"]["appendices"]:
                doc.add_heading(app["title"], level=2)
                table(ctx["services"]["head"], [report_services.row_texts(s) for s in app["rows"]])
        elif part == "overdue":
            doc.add_heading("Nhiệm vụ quá hạn và sắp đến hạn", level=2)
            if not ctx["attention"]:
                doc.add_paragraph("Không có nhiệm vụ quá hạn hoặc sắp đến hạn.")
            for g in ctx["attention"]:
                doc.add_paragraph(g["lead"], style="Heading 3")
                for t in g["tasks"]:
                    doc.add_paragraph(f"{t['number']}. {t['title']} — {t['status_vi']}; thời hạn: "
                                      f"{t['deadline_text']} ({t['effective_due_text']}); {t['workdays_text']}",
                                      style="List Bullet")
        elif part == "previous":
            from . import report_previous
            report_previous.docx_section(doc, table, ctx["changes"])
        elif part == "gaps":
            doc.add_heading("Khoảng cách đến chỉ tiêu", level=2)
            table(_target_head(), [[t["id"], t["indicator_name"], t["value_text"], t["threshold_text"],
                                    t["gap_text"], t["needed_text"], t["deadline_text"], t["status_vi"],
                                    t["pace_vi"]] for t in ctx["targets"]], landscape=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# -- XLSX -------------------------------------------------------------------------------------------
def _xlsx(ctx: dict[str, Any], sections: tuple[str, ...]) -> bytes:
    _need("openpyxl")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    first = True
    bold = Font(bold=True, name="Times New Roman")

    def sheet(title: str, head: list[str], rows: list[list[Any]], formats: dict[int, str]) -> None:
        nonlocal first
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = title
        ws.append(head)
        for c in ws[1]:
            c.font = bold
        for r in rows:
            # a (value, number format) pair is a number whose format varies by row (report_xlsx)
            ws.append([v[0] if isinstance(v, tuple) else float(v) if isinstance(v, Fraction) else v for v in r])
            for cell, v in zip(ws[ws.max_row], r):
                if isinstance(v, tuple) and v[0] is not None:
                    cell.number_format = v[1]
        for col, fmtx in formats.items():
            for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                if cell.value is not None:
                    cell.number_format = fmtx
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"

    if "changes" in ctx and "previous" not in sections:
        sections = (*sections, "previous")  # a workbook of a report with its predecessor gets the sheet too
    for part in sections:
        if part == "previous":
            from . import report_previous
            sheet("So với kỳ trước", report_previous.XLSX_HEAD, report_previous.xlsx_rows(ctx["changes"]),
                  report_previous.XLSX_FORMATS)
        elif part == "overview":
            from . import _report_overview

            ws0 = wb.active if first else wb.create_sheet()
            first = False
            _report_overview.xlsx(wb, ws0, ctx)
        elif part == "summary":
            sheet("Kết quả thực hiện", ["Nội dung"], [[line] for line in ctx["summary_lines"]], {})
        elif part == "appendix1":
            head, rows = _task_rows(ctx)
            sheet("Phụ lục I", head, rows, {1: "0", 9: "dd/mm/yyyy", 10: "dd/mm/yyyy", 12: "#,##0;-#,##0;0"})
        elif part == "services":
            pct = "0." + "0" * ctx["services"]["decimals"] + "%" if ctx["services"]["decimals"] else "0%"
            for app in ctx["services"]["appendices"]:
                sheet(f"Phụ lục {app['key']}"[:31], ctx["services"]["head"] + [report_services.XLSX_DELTA_HEAD],
                      [[int(s["number"]) if str(s["number"]).isdigit() else s["number"], s["name"], s["total"],
                        s["online"], s["rate"], s["change_text"],
                        s["change_delta"]] for s in app["rows"]],
                      {3: "#,##0", 4: "#,##0", 5: pct, 7: "+#,##0;-#,##0;0"})
        elif part == "overdue":
            sheet("Quá hạn, sắp đến hạn", ["Cơ quan chủ trì", "STT", "Nhiệm vụ", "Thời hạn", "Hạn", "Trạng thái",
                                           "Ngày làm việc"],
                  [[g["lead"], t["number"], t["title"], t["deadline_text"], t["effective_due"], t["status_vi"],
                    t["workdays_left"] if t["status"] != "overdue" else -(t["workdays_overdue"] or 0)]
                   for g in ctx["attention"] for t in g["tasks"]],
                  {5: "dd/mm/yyyy", 7: "#,##0;-#,##0;0"})
        elif part == "gaps":
            sheet("Chỉ tiêu", _target_head(),
                  [[t["id"], t["indicator_name"],
                    report_xlsx.value_cell(t["value"], t["percent"], t["decimals"]),
                    report_xlsx.threshold_cell(t["threshold_value"], t["comparator"], t["percent"]),
                    report_xlsx.gap_cell(t["gap"], t["gap_unit"], t["decimals"]), t["needed"],
                    t["deadline"], t["status_vi"], t["pace_vi"]] for t in ctx["targets"]],
                  {6: "#,##0", 7: "dd/mm/yyyy"})
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- public API -------------------------------------------------------------------------------------
def render(fw: Framework, template: str | os.PathLike[str] | None = None, fmt: str = "md",
           as_of: Any = None, **extra: Any) -> str | bytes:
    """The report variant ``template`` (a shipped name or a template file) as ``fmt``: md and html give
    ``str``, docx and xlsx ``bytes``. ``extra`` keyword arguments are added to the template context.
    For the shipped templates DOCX and XLSX are built from the context; a template file gives md or
    html, and a Word template (a path ending in ``.docx``, rendered by docxtpl: da06/report_word.py)
    gives docx. ``template=None`` is ``full``: every format opens with the summary (``overview``)."""
    if fmt not in FORMATS:
        raise InvalidArgument(f"unknown report format {fmt!r}: expected one of {', '.join(FORMATS)}", field="fmt")
    if template is None:
        template = "full"
    t = os.fspath(template)
    if _is_word_template(t):
        if fmt != "docx":
            raise InvalidArgument(f"{t!r} is a Word template: it gives docx, not {fmt}", field="fmt")
        _resolve(t, fmt)  # an existing file, or the error that names the shipped templates
        from . import report_word

        return report_word.render(t, _template_context(fw, as_of, extra, t))
    if fmt in ("md", "html"):
        return _render_text(fw, template, fmt, as_of, extra)
    if t not in _SECTIONS:
        raise InvalidArgument(f"{fmt} output is built from the shipped templates ({', '.join(TEMPLATES)}); "
                              f"{t!r} is not one of them (a template file gives md or html, a Word template "
                              f"(.docx) gives docx)", field="template")
    ctx = _template_context(fw, as_of, extra, t)
    build: Callable[[dict[str, Any], tuple[str, ...]], bytes] = _docx if fmt == "docx" else _xlsx
    return build(ctx, _SECTIONS[t])


def _is_word_template(template: str | os.PathLike[str]) -> bool:
    """A template path ending in ``.docx`` (any case) is a Word template: docx output, by docxtpl."""
    return os.fspath(template).lower().endswith(".docx")


def write(fw: Framework, path: str | os.PathLike[str], fmt: str | None = None,
          template: str | os.PathLike[str] | None = None, as_of: Any = None, **extra: Any) -> Path:
    """``render`` into the file ``path``; ``fmt`` defaults to its extension (.md, .html, .docx, .xlsx)."""
    p = Path(path)
    if fmt is None:
        fmt = {".markdown": "md", ".htm": "html"}.get(p.suffix.lower(), p.suffix.lower().lstrip("."))
    out = render(fw, template, fmt, as_of, **extra)
    if isinstance(out, bytes):
        p.write_bytes(out)
    else:
        p.write_text(out, encoding="utf-8")
    return p
