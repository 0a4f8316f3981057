"""The report summary (``overview``) in DOCX and XLSX: the same values as the HTML and Markdown
templates (``da06.report_summary.context``), with charts — matplotlib images with captions in Word,
native openpyxl charts over the cells that hold the numbers in Excel. Nothing is computed here."""
from __future__ import annotations

import io
from typing import Any, Callable

from . import report_xlsx
from ._errors import Error


def _need(module: str, extra: str) -> None:
    try:
        __import__(module)
    except ModuleNotFoundError as e:
        raise Error(f"the report charts need {module}: pip install da06[{extra}]") from e


def _png(draw: Callable[[Any], Any], summary: Any) -> bytes | None:
    """One chart of ``da06.plot_summary`` as PNG bytes (None when it has nothing to draw)."""
    _need("matplotlib", "plot")
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    ax = draw(summary)
    if ax is None:
        return None
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=150)
    plt.close(ax.figure)
    return buf.getvalue()


def _late_rows(ov: dict[str, Any]) -> list[dict[str, Any]]:
    return list(ov["overdue"]) + list(ov["due_soon"]) + list(ov["past_due_open"])


def _missed(ov: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in ov["targets"] if t["status"] == "not_met"]


def _lede(ov: dict[str, Any]) -> str:
    if not ov["has_status"]:
        return f"{ov['chart']['headline']['note']} Kiểm tra số liệu: {ov['audit_findings_text']} phát hiện."
    parts = [f"{ov['total_text']} nhiệm vụ"]
    parts += [f"{h['status_vi_inline']}: {h['count_text']}" for h in ov["headline"] if h["count"]]
    s = "; ".join(parts) + "."
    if ov["has_targets"] and ov["targets"]:
        s += (f" Chỉ tiêu: {ov['targets_met']} đạt, {ov['targets_not_met']} chưa đạt, "
              f"{ov['targets_no_data']} chưa có số liệu.")
    return s + f" Kiểm tra số liệu: {ov['audit_findings_text']} phát hiện."


# -- DOCX -------------------------------------------------------------------------------------------
def docx(doc: Any, ctx: dict[str, Any], table: Callable[..., None]) -> None:
    """The summary as the first part of a python-docx document; ``table(head, rows)`` is the report's
    table writer (Table Grid, column widths by content)."""
    from docx.shared import Mm

    from . import plot_summary

    ov = ctx["overview"]
    s = ov["summary"]
    figure = 0

    def chart(name: str, draw: Callable[[Any], Any]) -> None:
        nonlocal figure
        png = _png(draw, s)
        if png is None:
            doc.add_paragraph(ov["chart"][name]["note"])
            return
        figure += 1
        doc.add_picture(io.BytesIO(png), width=Mm(160))
        doc.add_paragraph(f"Hình {figure}. {ov['chart'][name]['title']}", style="Caption")

    doc.add_heading(f"Tóm tắt (tính đến ngày {ov['as_of_text']})", level=2)
    doc.add_paragraph(_lede(ov))
    if ov["has_status"]:
        chart("headline", plot_summary.summary_headline)
        table(["Tình trạng", "Số nhiệm vụ"],
              [[h["status_vi"], h["count_text"]] for h in ov["headline"]] + [["Tổng số", ov["total_text"]]])
        if ov["claims"]:
            doc.add_paragraph("Số liệu báo cáo nêu và số da06 tính:")
            table(["Báo cáo nêu", "Báo cáo", "da06", "Chênh lệch"],
                  [[c["published"], c["claimed_text"], c["ours_text"], c["difference_text"]] for c in ov["claims"]])
        doc.add_heading("Nhiệm vụ quá hạn và sắp đến hạn", level=3)
        late = _late_rows(ov)
        if late:
            table(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn (như báo cáo)", "Hạn", "Ngày làm việc", "Tình trạng"],
                  [[str(t["number"]), t["title"], t["lead"], t["deadline_text"], t["effective_due_text"],
                    t["workdays_text"], t["status_vi"]] for t in late])
        else:
            doc.add_paragraph("Không có nhiệm vụ quá hạn hoặc sắp đến hạn.")
    doc.add_heading("Chỉ tiêu", level=3)
    chart("target_gaps", plot_summary.summary_target_gaps)
    missed = _missed(ov)
    if missed:
        table(["Chỉ số", "Ngưỡng", "Giá trị", "Chênh lệch", "Để đạt", "Hạn", "Tốc độ"],
              [[t["indicator_name"], t["threshold_display"], t["value_display"], t["gap_text"], t["needed_text"],
                t["deadline_text"], t["pace_vi"]] for t in missed])
    if ov["has_status"]:
        doc.add_heading("Tình trạng theo nhóm nhiệm vụ", level=3)
        chart("status_by_group", plot_summary.summary_status_by_group)
        table(["Nhóm"] + [x["status_vi"] for x in ov["group_statuses"]] + ["Tổng"],
              [[f"{g['number']}. {g['title']}"] + [c["count_text"] for c in g["counts"]] + [g["total_text"]]
               for g in ov["by_group"]])
    if ov["index"]:
        ix = ov["index"]
        doc.add_heading("Bộ chỉ số QĐ 766", level=3)
        doc.add_paragraph(f"{ix['unit']}, kỳ {ix['period']}: {ix['total_text']}/{ix['max_total_text']} điểm "
                          f"(quy tắc {ix['rules_version']}).")
        table(["Nhóm", "Điểm", "Tối đa"],
              [[f"{g['code']} — {g['name_vi']}", g["points_text"], g["max_points_text"]] for g in ix["groups"]])
    doc.add_page_break()


# -- XLSX -------------------------------------------------------------------------------------------
def xlsx(wb: Any, ws: Any, ctx: dict[str, Any]) -> None:
    """The "Tóm tắt" sheet: the summary's numbers in cells (numbers as numbers), and native bar charts
    over them: task counts by status, status by group (stacked), and the gap of each target (one chart
    per unit: percentage points, places, counts)."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.styles import Alignment, Font

    ov = ctx["overview"]
    bold = Font(bold=True, name="Times New Roman")
    title = Font(bold=True, name="Times New Roman", size=14)
    ws.title = "Tóm tắt"
    ws["A1"] = f"{ctx['framework']['title']} — tóm tắt (tính đến ngày {ov['as_of_text']})"
    ws["A1"].font = title
    ws["A2"] = _lede(ov)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A2:H2")
    ws.row_dimensions[2].height = 48
    ws.column_dimensions["A"].width = 48
    for col in "BCDEFGH":
        ws.column_dimensions[col].width = 14
    row = 4
    chart_col = "J"
    next_anchor = 4  # charts stack down column J, each below the last (a default row is about 0.53 cm)

    def head(r: int, names: list[str]) -> None:
        for i, n in enumerate(names, start=1):
            c = ws.cell(row=r, column=i, value=n)
            c.font = bold
            c.alignment = Alignment(wrap_text=True, vertical="top")

    def bar(title_: str, n_rows: int, first: int, cols: tuple[int, int], cats_col: int, stacked: bool = False,
            x_title: str = "") -> None:
        nonlocal next_anchor
        ch = BarChart()
        ch.type = "bar"
        ch.style = 10
        ch.title = title_
        if stacked:
            ch.grouping = "stacked"
            ch.overlap = 100
        data = Reference(ws, min_col=cols[0], max_col=cols[1], min_row=first - 1, max_row=first + n_rows - 1)
        cats = Reference(ws, min_col=cats_col, min_row=first, max_row=first + n_rows - 1)
        ch.add_data(data, titles_from_data=True)
        ch.set_categories(cats)
        ch.dataLabels = DataLabelList()
        ch.dataLabels.showVal = True
        ch.y_axis.title = x_title
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
        ch.height = max(6.0, 0.65 * n_rows + 2.5)  # cm
        ch.width = 18  # cm
        if not stacked:
            ch.legend = None
        ws.add_chart(ch, f"{chart_col}{next_anchor}")
        next_anchor += int(ch.height / 0.53) + 2

    if ov["has_status"]:
        head(row, ["Tình trạng", "Số nhiệm vụ"])
        first = row + 1
        for h in ov["headline"]:
            row += 1
            ws.cell(row=row, column=1, value=h["status_vi"])
            ws.cell(row=row, column=2, value=h["count"]).number_format = "#,##0"
        bar("Số nhiệm vụ theo tình trạng", len(ov["headline"]), first, (2, 2), 1)
        row += 1
        ws.cell(row=row, column=1, value="Tổng số").font = bold
        ws.cell(row=row, column=2, value=ov["total"]).number_format = "#,##0"
        if ov["claims"]:
            row += 2
            head(row, ["Báo cáo nêu", "Báo cáo", "da06", "Chênh lệch"])
            for c in ov["claims"]:
                row += 1
                ws.cell(row=row, column=1, value=c["published"]).alignment = Alignment(wrap_text=True, vertical="top")
                ws.cell(row=row, column=2, value=c["claimed"]).number_format = "#,##0"
                ws.cell(row=row, column=3, value=c["ours"]).number_format = "#,##0"
                ws.cell(row=row, column=4, value=c["difference"]).number_format = "+#,##0;-#,##0;0"
        row += 2
        ws.cell(row=row, column=1, value="Nhiệm vụ quá hạn và sắp đến hạn").font = bold
        row += 1
        late = _late_rows(ov)
        if late:
            head(row, ["Nhiệm vụ", "STT", "Cơ quan chủ trì", "Thời hạn (như báo cáo)", "Hạn", "Ngày làm việc còn lại",
                       "Ngày làm việc quá hạn", "Tình trạng"])
            for t in late:
                row += 1
                values = [t["title"], t["number"], t["lead"], t["deadline_text"], t["effective_due"],
                          t["workdays_left"], t["workdays_late"] or None, t["status_vi"]]
                for i, v in enumerate(values, start=1):
                    c = ws.cell(row=row, column=i, value=v)
                    c.alignment = Alignment(wrap_text=True, vertical="top")
                ws.cell(row=row, column=5).number_format = "dd/mm/yyyy"
        else:
            ws.cell(row=row, column=1, value="Không có nhiệm vụ quá hạn hoặc sắp đến hạn.")
        # status by group: a table, then a stacked chart over it
        row += 2
        groups, statuses = ov["by_group"], ov["group_statuses"]
        head(row, ["Nhóm"] + [x["status_vi"] for x in statuses] + ["Tổng"])
        first = row + 1
        for g in groups:
            row += 1
            ws.cell(row=row, column=1, value=f"{g['number']}. {g['title']}")
            for i, c in enumerate(g["counts"], start=2):
                ws.cell(row=row, column=i, value=c["count"]).number_format = "#,##0"
            ws.cell(row=row, column=len(statuses) + 2, value=g["total"]).number_format = "#,##0"
        if groups and statuses:
            bar("Tình trạng nhiệm vụ theo nhóm", len(groups), first, (2, len(statuses) + 1), 1, stacked=True)
    # targets: every target with its numbers; one gap chart per unit
    row += 2
    ws.cell(row=row, column=1, value="Chỉ tiêu").font = bold
    row += 1
    if not ov["chart"]["target_gaps"]["svg"]:
        ws.cell(row=row, column=1, value=ov["chart"]["target_gaps"]["note"])
        row += 1
    targets = [t for t in ov["targets"] if t["status"] != "no_data" and t["gap"] is not None]
    units: list[str] = []
    for t in targets:
        if t["gap_unit"] not in units:
            units.append(t["gap_unit"])
    for u in units:
        rows_u = [t for t in targets if t["gap_unit"] == u]
        unit_text = {"pp": "điểm %", "places": "bậc"}.get(u, u)
        head(row, ["Chỉ số", f"Chênh lệch ({unit_text})", "Ngưỡng", "Giá trị", "Để đạt", "Đánh giá", "Tốc độ", "Hạn"])
        first = row + 1
        for t in rows_u:
            row += 1
            values = [t["indicator_name"], report_xlsx.gap_cell(t["gap"], "", report_xlsx.decimals_of(t["gap_text"])),
                      report_xlsx.threshold_cell(t["threshold"], t["comparator"], t["percent"]),
                      report_xlsx.value_cell(t["value"], t["percent"], report_xlsx.decimals_of(t["value_display"])),
                      report_xlsx.count_cell(t["needed"], t["needed_text"]),
                      t["status_vi"], t["pace_vi"], (t["deadline"], "dd/mm/yyyy")]
            for i, v in enumerate(values, start=1):
                c = report_xlsx.put(ws, row, i, v) if isinstance(v, tuple) else ws.cell(row=row, column=i, value=v)
                c.alignment = Alignment(wrap_text=(i == 1), vertical="top")
        bar(f"Khoảng cách đến chỉ tiêu ({unit_text})", len(rows_u), first, (2, 2), 1, x_title=unit_text)
        row += 2
    row += 1
    ws.cell(row=row, column=1, value="Kiểm tra số liệu: số phát hiện").font = bold
    ws.cell(row=row, column=2, value=ov["audit_findings"]).number_format = "#,##0"
    ws.freeze_panes = "A3"
