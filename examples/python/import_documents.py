"""Import a Word plan into a da06 framework, then author one in the Excel template (docs/importers.md).

Run:  .venv/bin/python examples/python/import_documents.py [OUTDIR]
Needs the import extra: pip install da06[import]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import docx
import openpyxl

import da06
from da06 import importers, template


def write_plan(path: Path) -> None:
    """A small plan as a province writes it: the columns in its own order, a group row, a merged lead."""
    d = docx.Document()
    d.add_paragraph("Số: 12/KH-UBND")
    d.add_paragraph("Tỉnh A, ngày 05 tháng 3 năm 2025")
    d.add_paragraph("KẾ HOẠCH").runs[0].bold = True
    d.add_paragraph("Triển khai Đề án 06 năm 2025")
    rows = [["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Sản phẩm"],
            ["I", "Về pháp lý", "", "", ""],
            ["1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Quý II/2025", "Báo cáo rà soát"],
            ["2", "Ban hành quy chế khai thác dữ liệu dân cư", "", "Tháng 10-11/2025", "Quy chế"],
            ["II", "Về dịch vụ công", "", "", ""],
            ["1", "Tích hợp dịch vụ công lên Cổng quốc gia", "Văn phòng UBND tỉnh", "Quý IV năm 2025 và duy trì "
             "thường xuyên", ""]]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    lead = t.cell(2, 2).merge(t.cell(3, 2))  # one lead unit for tasks 1 and 2
    lead.text = "Sở Tư pháp"
    d.save(str(path))


def main(outdir: Path) -> None:
    plan = outdir / "kh12.docx"
    write_plan(plan)

    r = importers.import_file(plan)
    print(f"{plan.name}: {r.stats.tasks} tasks in {r.stats.task_groups} groups, "
          f"deadlines read {r.stats.deadlines_read}/{r.stats.deadline_cells}")
    for e in r.log.entries:
        print("  log:", e)
    fw = da06.loads(r.framework_json(), "kh12.json")
    print(fw.tasks_frame()[["id", "group_number", "title", "lead", "deadline_kind", "due"]].to_string(index=False))
    print(fw.task_status(as_of="2025-12-31")[["task", "status", "reason"]].to_string(index=False))
    print("attributes of T1:", fw.core.tasks()[0].attributes)

    # The same plan in the Excel template: edit a cell, read it back, see a located error.
    book = outdir / "khung.xlsx"
    template.write_workbook(fw, book)
    wb = openpyxl.load_workbook(book)
    wb["Nhiệm vụ"]["B3"] = "hai"            # the number of the second task, as a word
    wb.save(book)
    try:
        template.read_workbook(book)
    except template.WorkbookError as e:
        print("template error:", e)
    wb["Nhiệm vụ"]["B3"] = 2
    wb.save(book)
    assert template.read_workbook(book) == fw
    print(f"{book.name} reads back as the same framework")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
