"""Custom report variant 4: a Word template (.docx with Jinja tags), rendered to DOCX by da06 with docxtpl.

Run:  .venv/bin/python examples/python/report_variants/word_template.py [OUT_DIR]

A Word user writes the template in Word; here python-docx writes it, so the example needs no binary file.
It has a heading with the report's title and period, a paragraph of summary numbers, the summary lines as
one paragraph each ({%p for %}) and the task table, one row per task ({%tr for %}). The variables are the
ones every template receives (docs/reports.md, "Variables available to templates").
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import docx

import da06
import da06.report


def make_template(path: Path) -> Path:
    """Write the Word template: text and Jinja tags, as a Word user would type them."""
    doc = docx.Document()
    doc.add_heading("{{ framework.title }}", level=1)
    doc.add_paragraph("Kỳ báo cáo: {{ period.text }}. Báo cáo số {{ report.number }}, "
                      "tình hình tính đến ngày {{ as_of_text }}.")
    doc.add_paragraph("Tổng số {{ status_summary.total | vn_number }} nhiệm vụ: "
                      "{{ status_summary.by_status.done + status_summary.by_status.done_maintained }} đã hoàn thành, "
                      "{{ status_summary.by_status.in_progress }} đang thực hiện, "
                      "{{ status_summary.by_status.overdue }} quá hạn, "
                      "{{ status_summary.by_status.waiting }} chờ Bộ, ngành hướng dẫn.")
    doc.add_heading("Tóm tắt kết quả thực hiện", level=2)
    # {%p ... %} paragraphs disappear; the paragraph between them repeats once per line
    doc.add_paragraph("{%p for line in summary_lines %}")
    doc.add_paragraph("{{ line }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("Danh mục nhiệm vụ", level=2)
    table = doc.add_table(rows=4, cols=5)
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Hạn", "Trạng thái"]):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    # {%tr ... %} rows disappear; the row between them repeats once per task
    table.rows[1].cells[0].text = "{%tr for t in tasks %}"
    for cell, text in zip(table.rows[2].cells, ["{{ t.number }}", "{{ t.title }}", "{{ t.lead }}",
                                                "{{ t.effective_due_text }}", "{{ t.status_vi }}"]):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.save(str(path))
    return path


def main(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    template = make_template(out_dir / "mau-bao-cao.docx")
    fw = da06.default_framework()
    out = da06.report.write(fw, out_dir / "bao-cao.docx", template=template)
    rows = len(docx.Document(str(out)).tables[0].rows) - 1
    print(f"{template.name} -> {out.name}: {rows} task rows, as of {da06.report.context(fw)['as_of_text']}")
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="da06-word-")))
