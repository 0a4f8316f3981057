"""Author a framework in Excel: the da06 workbook template (``python -m da06 template --out khung.xlsx``).

One sheet per table of ``da06.frames`` with a Vietnamese name ("Nhiệm vụ", "Chỉ tiêu", "Số liệu",
"Mục tiêu", "Đơn vị", …), a Vietnamese header row whose comments name the data-format field and say
what goes in it, drop-down lists for the fields with a fixed set of values (levels, comparators,
quantities, kinds), and one worked example row per sheet (a small framework that validates as it
is). Columns added to "Nhiệm vụ" by the user are kept as task attributes.

``read_workbook("khung.xlsx")`` reads it back and checks every cell; errors are located as
``khung.xlsx!Chỉ tiêu!C12: …``, and the loader's own checks (references, arithmetic) are mapped back
to their cells. ``write_workbook(fw, path)`` writes a framework into the template:
framework → workbook → framework gives an equal framework.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import DataError
from .frames import META_FIELDS, RECORDS, Field, document_to_rows, records_to_document, rows_to_records
from .importers._document import Place, fold
from .importers._log import ImportLog

if TYPE_CHECKING:
    from .framework import Framework
    from .importers._build import ImportResult

__all__ = ["SHEETS", "write_workbook", "read_workbook", "read_workbook_result", "is_template_workbook",
           "WorkbookError"]

#: Sheet name of every table (Excel allows 31 characters, no []:*?/\).
SHEETS: dict[str, str] = {
    "meta": "Báo cáo",
    "sources": "Nguồn",
    "utility_groups": "Nhóm tiện ích",
    "task_groups": "Nhóm nhiệm vụ",
    "tasks": "Nhiệm vụ",
    "resolution_tasks": "Nhiệm vụ Nghị quyết",
    "services": "Dịch vụ công",
    "units": "Đơn vị",
    "unit_parents": "Đơn vị cấp trên",
    "indicators": "Chỉ tiêu",
    "observations": "Số liệu",
    "totals": "Tổng và thành phần",
    "targets": "Mục tiêu",
    "target_milestones": "Mốc mục tiêu",
    "claims": "Số báo cáo tự nêu",
    "gaps": "Phần bị mất",
    "validation_rules": "Quy tắc kiểm tra",
    "observation_candidates": "Số liệu chờ duyệt",
}

# Column titles: (Vietnamese title, what goes in it). Shared by the tables; a table may override.
_LABELS: dict[str, tuple[str, str]] = {
    "id": ("Mã", "Mã duy nhất trong bảng: chữ, số, _ . : - (không dấu, không khoảng trắng)."),
    "title": ("Tên / nội dung", "Nguyên văn."),
    "name": ("Tên", "Nguyên văn."),
    "number": ("Số thứ tự", "Số thứ tự như in trong văn bản."),
    "note": ("Ghi chú", ""),
    "published": ("Nguyên văn trong báo cáo", "Con số / câu đúng như in."),
    "source.document": ("Nguồn: văn bản", "Mã văn bản trong sheet Nguồn."),
    "source.section": ("Nguồn: mục", "Mục của văn bản (\"II.3.2\", \"Phụ lục I\")."),
    "source.appendix": ("Nguồn: phụ lục", "I, II, III…"),
    "source.row": ("Nguồn: dòng bảng", "Số thứ tự của dòng như in."),
    "source.line": ("Nguồn: dòng", "Số dòng trong văn bản (số nguyên)."),
    "source.quote": ("Nguồn: trích dẫn", "Đoạn trích nguyên văn của dòng đó."),
    "source.table": ("Nguồn: bảng", "Bảng số mấy trong văn bản, hoặc tên sheet."),
    "source.paragraph": ("Nguồn: đoạn", "Đoạn thứ mấy của văn bản Word."),
    "group": ("Nhóm nhiệm vụ", "Mã nhóm trong sheet Nhóm nhiệm vụ."),
    "lead": ("Đơn vị chủ trì", "Nguyên văn; nhiều đơn vị cách nhau bằng dấu ;"),
    "coordinating": ("Đơn vị phối hợp", "Nguyên văn."),
    "deadline_text": ("Thời gian hoàn thành", "Nguyên văn, ví dụ \"Quý IV/2025\", \"Thực hiện thường xuyên\"."),
    "progress_text": ("Tiến độ thực hiện", "Nguyên văn, ví dụ \"Đã hoàn thành\", \"Đang thực hiện\"."),
    "indicators": ("Chỉ tiêu liên quan", "Mã chỉ tiêu, cách nhau bằng dấu ;"),
    "utility_group": ("Nhóm tiện ích", "Mã nhóm tiện ích."),
    "attributes": ("Thuộc tính", ""),
    "declared_count": ("Số nhiệm vụ công bố", "Số nhiệm vụ ghi trong tiêu đề nhóm (\"(03 nhiệm vụ)\")."),
    "section": ("Mục", ""),
    "directive": ("Văn bản chỉ đạo", ""),
    "done_text": ("Đã hoàn thành", ""),
    "not_done_text": ("Chưa hoàn thành", ""),
    "reason": ("Nguyên nhân", ""),
    "appendix": ("Phụ lục", "I, II, III…"),
    "department": ("Sở, ngành", ""),
    "parent": ("Cấp trên", "Mã của bản ghi cấp trên."),
    "level": ("Cấp", "nation (trung ương), province (tỉnh), district (huyện), commune (xã), village (thôn)."),
    "kind": ("Loại", ""),
    "valid_from": ("Hiệu lực từ", "Ngày (YYYY-MM-DD); để trống nếu không giới hạn."),
    "valid_to": ("Hiệu lực đến", "Ngày (YYYY-MM-DD); để trống nếu không giới hạn."),
    "unit": ("Đơn vị", ""),
    "from": ("Từ ngày", "Ngày (YYYY-MM-DD); để trống nếu không giới hạn."),
    "to": ("Đến ngày", "Ngày (YYYY-MM-DD); để trống nếu không giới hạn."),
    "direction": ("Chiều tốt", "higher (càng cao càng tốt), lower, none."),
    "factor": ("Hệ số hiển thị", "100 cho tỷ lệ phần trăm."),
    "decimals": ("Số chữ số thập phân", ""),
    "rounding": ("Cách làm tròn", "half_up: làm tròn như báo cáo (0,5 lên)."),
    "aggregation": ("Cách tổng hợp", "ratio_of_sums: tổng tử số / tổng mẫu số."),
    "temporal": ("Loại số liệu", "stock (tại một thời điểm) hoặc flow (trong kỳ)."),
    "denominator": ("Mẫu số", ""),
    "indicator": ("Chỉ tiêu", "Mã chỉ tiêu trong sheet Chỉ tiêu."),
    "period": ("Kỳ", "Mã kỳ: 2024, 2024-S1, 2024-9M, 2024-Q2, 2024-M06."),
    "as_of": ("Tại ngày", "Ngày (YYYY-MM-DD) cho số liệu tại một thời điểm."),
    "service": ("Dịch vụ công", "Mã dịch vụ trong sheet Dịch vụ công."),
    "numerator": ("Tử số", "Số nguyên."),
    "value": ("Giá trị", "Số nguyên, số thập phân chính xác (viết dạng văn bản: 99.95) hoặc TRUE/FALSE."),
    "of": ("Trên tổng số", "Với xếp hạng: trên bao nhiêu (63 tỉnh)."),
    "published_value": ("Tỷ lệ in trong báo cáo", "Ví dụ 57,8%."),
    "qualifier": ("Định tính", "over (trên), about (khoảng), at_least, at_most."),
    "denominator_ref": ("Số liệu làm mẫu số", "Mã số liệu chứa mẫu số."),
    "change.against": ("So với kỳ", "Mã kỳ so sánh, ví dụ 2023-M12."),
    "change.delta": ("Tăng (+) / giảm (−)", "Số nguyên có dấu."),
    "change.of": ("Tăng/giảm của", "numerator, denominator hoặc value."),
    "change.published": ("Tăng/giảm như in", ""),
    "total": ("Số liệu tổng", "Mã số liệu tổng."),
    "parts": ("Các thành phần", "Mã các số liệu thành phần, cách nhau bằng dấu ;"),
    "quantity": ("Đại lượng", "value, numerator hoặc denominator."),
    "total_quantity": ("Đại lượng của tổng", ""),
    "part_quantities": ("Đại lượng từng thành phần", "Cách nhau bằng dấu ;"),
    "task": ("Nhiệm vụ", "Mã nhiệm vụ đặt ra mục tiêu."),
    "comparator": ("So sánh", ">=, <=, =, >, <, top (xếp hạng ≤ ngưỡng)."),
    "threshold": ("Ngưỡng", "Số thập phân chính xác theo đơn vị hiển thị (90 cho 90%)."),
    "scope.unit": ("Phạm vi: đơn vị", "Mã đơn vị."),
    "scope.levels": ("Phạm vi: cấp", "Các cấp, cách nhau bằng dấu ;"),
    "effective": ("Hiệu lực từ", "Ngày (YYYY-MM-DD)."),
    "deadline": ("Hạn", "Ngày (YYYY-MM-DD)."),
    "target": ("Mục tiêu", "Mã mục tiêu trong sheet Mục tiêu."),
    "subject": ("Đối tượng", ""),
    "status": ("Trạng thái", ""),
    "count": ("Số lượng", "Số nguyên."),
    "rows": ("Các dòng", ""),
    "description": ("Mô tả", ""),
    "left": ("Vế trái (JSON)", "{\"terms\": [{\"indicator\": \"…\", \"quantity\": \"numerator\"}]}"),
    "operator": ("Phép so sánh", ">=, <=, =, >, <"),
    "right": ("Vế phải (JSON)", ""),
    "importance": ("Mức độ", "high, medium, low."),
    "missing_value_policy": ("Khi thiếu số liệu", "skip_if_any_missing, skip_if_all_missing, never_skip."),
    "levels": ("Các cấp", "Cách nhau bằng dấu ;"),
    "against": ("So với", ""),
    "sentence": ("Câu trong văn bản", ""),
    "review": ("Duyệt", "pending (chờ), accepted (đã thành số liệu), rejected (bỏ)."),
    "observation": ("Số liệu đã tạo", "Mã số liệu người duyệt đã tạo."),
    "file": ("Tệp", ""),
    "sha256": ("SHA-256", ""),
    "lines": ("Số dòng", ""),
    "province": ("Tỉnh", ""),
    "period.code": ("Mã kỳ báo cáo", "2024-S1, 2025, …"),
    "period.text": ("Kỳ báo cáo như in", ""),
}
_TABLE_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("units", "kind"): ("Loại đơn vị", "tỉnh, thành phố, huyện, xã, phường…"),
    ("units", "name"): ("Tên đơn vị", ""),
    ("indicators", "kind"): ("Loại chỉ tiêu", "ratio (tỷ lệ), count, money, rank, boolean, value."),
    ("indicators", "unit"): ("Đơn vị đếm", "Cái mà tử số, mẫu số đếm (hồ sơ, người) hoặc đơn vị tiền."),
    ("indicators", "denominator"): ("Mẫu số tăng theo tử số", "grows hoặc fixed."),
    ("indicators", "name"): ("Tên chỉ tiêu", ""),
    ("observations", "unit"): ("Đơn vị hành chính", "Mã đơn vị trong sheet Đơn vị."),
    ("observation_candidates", "kind"): ("Loại con số", "ratio, percent, count, change."),
    ("observation_candidates", "unit"): ("Đơn vị tính", ""),
    ("observation_candidates", "value"): ("Giá trị", "Số thập phân chính xác."),
    ("task_groups", "number"): ("Số La Mã", ""),
    ("tasks", "title"): ("Nội dung nhiệm vụ", "Nguyên văn."),
    ("sources", "title"): ("Tên văn bản", ""),
    ("claims", "status"): ("Trạng thái", "done_and_maintained, waiting_for_ministries, planned…"),
    ("unit_parents", "unit"): ("Đơn vị", "Mã đơn vị."),
    ("unit_parents", "parent"): ("Đơn vị cấp trên", "Mã đơn vị cấp trên."),
}
_META_LABELS = {
    "id": "Mã bộ dữ liệu", "title": "Tên báo cáo", "province": "Tỉnh", "period.code": "Mã kỳ báo cáo",
    "period.text": "Kỳ báo cáo như in",
}
_DOC_WORDS = {"plan": "Kế hoạch", "report": "Báo cáo"}
_DOCREF_WORDS = {"id": "mã", "number": "số hiệu", "date": "ngày", "title": "trích yếu", "issuer": "cơ quan ban hành",
                 "note": "ghi chú"}
ATTRIBUTE_PREFIX = "Thuộc tính: "


def _label(table: str, f: Field) -> tuple[str, str]:
    if table == "meta":
        if f.path in _META_LABELS:
            return _META_LABELS[f.path], _LABELS.get(f.path, ("", ""))[1]
        doc, rest = f.path.split(".", 1)
        word = _DOCREF_WORDS.get(rest) or _LABELS.get(rest, (rest, ""))[0]
        return f"{_DOC_WORDS[doc]}: {word}", ""
    if (table, f.path) in _TABLE_LABELS:
        return _TABLE_LABELS[(table, f.path)]
    return _LABELS.get(f.path, (f.path, ""))


def _comment(table: str, f: Field) -> str:
    _, what = _label(table, f)
    kind = {"int": "số nguyên", "decimal": "số thập phân chính xác", "date": "ngày YYYY-MM-DD",
            "list": "danh sách, cách nhau bằng ;", "value": "số, số thập phân (văn bản) hoặc TRUE/FALSE",
            "json": "JSON", "map": "", "text": "văn bản"}[f.kind]
    parts = [f"Trường dữ liệu: {f.path} ({kind})" + (" — bắt buộc" if f.required else "")]
    if what:
        parts.append(what)
    if f.choices:
        parts.append("Giá trị: " + ", ".join(f.choices))
    return "\n".join(parts)


def _fields(table: str) -> tuple[Field, ...]:
    return META_FIELDS if table == "meta" else RECORDS[table]


# ---------------------------------------------------------------------------------------------
# the example rows: a small framework that validates as it is

_EXAMPLE: dict[str, Any] = {
    "format": "da06-framework", "format_version": 1, "id": "vd-khung", "title": "Ví dụ: báo cáo 6 tháng đầu năm 2025",
    "province": "Tỉnh A",
    "report": {"number": "01/BC-UBND", "date": "2025-06-30"},
    "period": {"code": "2025-S1", "text": "06 tháng đầu năm 2025"},
    "sources": [{"id": "VD-BC", "title": "Báo cáo 01/BC-UBND", "file": "bao-cao.docx"}],
    "utility_groups": [{"id": "VD-U1", "number": 1, "name": "Nhóm tiện ích phục vụ giải quyết thủ tục hành chính"}],
    "task_groups": [{"id": "VD-G1", "number": "I", "title": "Về pháp lý", "declared_count": 1,
                     "published": "Về pháp lý (01 nhiệm vụ)"}],
    "tasks": [{"id": "VD-T1", "number": 1, "group": "VD-G1", "title": "Rà soát văn bản quy phạm pháp luật",
               "lead": "Sở Tư pháp", "coordinating": "Các sở, ngành", "deadline_text": "Quý IV/2025",
               "progress_text": "Đang thực hiện", "indicators": ["VD-CT1"],
               "source": {"document": "VD-BC", "section": "Phụ lục I", "row": "1", "line": 12,
                          "quote": "Rà soát văn bản quy phạm pháp luật"}}],
    "resolution_tasks": [{"id": "VD-R1", "section": "I", "number": "1", "title": "Rà soát dữ liệu",
                          "deadline_text": "Năm 2025"}],
    "services": [{"id": "VD-S1", "appendix": "III", "number": "1", "name": "Đăng ký thường trú"}],
    "units": [{"id": "VD-TINH", "name": "Tỉnh A", "level": "province", "kind": "tỉnh"},
              {"id": "VD-XA", "name": "Xã B", "level": "commune", "kind": "xã", "valid_from": "2025-07-01",
               "parents": [{"parent": "VD-TINH", "from": "2025-07-01"}]}],
    "indicators": [{"id": "VD-CT1", "name": "Tỷ lệ hồ sơ trực tuyến toàn trình", "kind": "ratio", "unit": "hồ sơ",
                    "direction": "higher", "factor": 100, "decimals": 1, "rounding": "half_up",
                    "aggregation": "ratio_of_sums", "temporal": "flow", "denominator": "grows"}],
    "observations": [{"id": "VD-SL1", "indicator": "VD-CT1", "unit": "VD-TINH", "period": "2025-S1",
                      "service": "VD-S1", "numerator": 990, "denominator": 1714,
                      "published": "990/1.714 (đạt 57,8%)", "published_value": "57,8%",
                      "change": {"against": "2024-M12", "delta": 95, "of": "numerator",
                                 "published": "Tăng 95 hồ sơ"}}],
    "totals": [{"id": "VD-TONG", "total": "VD-SL1", "parts": ["VD-SL1"], "quantity": "numerator"}],
    "targets": [{"id": "VD-MT1", "indicator": "VD-CT1", "task": "VD-T1", "comparator": ">=", "threshold": "80",
                 "scope": {"unit": "VD-TINH"}, "effective": "2025-01-01", "deadline": "2025-12-31",
                 "milestones": [{"from": "2025-07-01", "threshold": "90"}], "published": "Đạt từ 80% trở lên"}],
    "claims": [{"id": "VD-C1", "subject": "tasks", "status": "done_and_maintained", "count": 1,
                "published": "01 nhiệm vụ đã hoàn thành"}],
    "gaps": [{"id": "VD-GAP", "appendix": "III", "rows": "2-3", "note": "Các dòng 2–3 bị mất khi xuất văn bản."}],
    "validation_rules": [{"id": "VD-QT1", "name": "trực tuyến ≤ tổng số",
                          "left": {"terms": [{"indicator": "VD-CT1", "quantity": "numerator"}]}, "operator": "<=",
                          "right": {"terms": [{"indicator": "VD-CT1", "quantity": "denominator"}]},
                          "importance": "high", "missing_value_policy": "skip_if_any_missing"}],
    "observation_candidates": [{"id": "VD-OC1", "kind": "count", "value": "307250", "unit": "hồ sơ",
                                "published": "307.250 hồ sơ", "sentence": "Đã tiếp nhận 307.250 hồ sơ.",
                                "review": "pending", "source": {"document": "VD-BC", "line": 40}}],
}


def example_document() -> dict[str, Any]:
    """The worked example of the template: one row per sheet, a framework that validates."""
    out: dict[str, Any] = json.loads(json.dumps(_EXAMPLE))
    return out


# ---------------------------------------------------------------------------------------------
# writing

def _cell_value(v: Any, f: Field) -> Any:
    if v is None:
        return None
    if f.kind == "date":
        return _dt.date.fromisoformat(v)
    if f.kind == "list":
        return "; ".join(v)
    if f.kind == "json":
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    if f.kind == "decimal":
        return str(v)
    if f.kind == "value":
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2 ** 53:
            raise ValueError(f"the value {v} is beyond what a spreadsheet number holds exactly (2^53)")
        return v
    if f.kind == "int" and isinstance(v, int) and abs(v) > 2 ** 53:
        return str(v)  # read back as a whole number from its text
    return v


def write_workbook(fw: "Framework | None", path: str | os.PathLike[str]) -> None:
    """Write a framework into the template workbook; ``None`` writes the empty template with its worked
    example rows."""
    from .importers._office import require

    openpyxl = require("openpyxl")
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    doc = example_document() if fw is None else json.loads(fw.to_json())
    rows = document_to_rows(doc)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    example_font = Font(italic=True, color="808080")
    for table, sheet in SHEETS.items():
        ws = wb.create_sheet(sheet)
        fields = _fields(table)
        if table == "meta":
            _write_meta(ws, fields, rows["meta"][0], fw is None, head_font, head_fill, example_font, Comment)
            continue
        cols = list(fields)
        attr_names: list[str] = []
        if table == "tasks":
            for r in rows["tasks"]:
                for k in (r.get("attributes") or {}):
                    if k not in attr_names:
                        attr_names.append(k)
            cols = [c for c in cols if c.path != "attributes"]
        labels = [_label(table, f)[0] for f in cols]
        known = {fold(x) for x in labels}
        attr_titles = [(ATTRIBUTE_PREFIX + a if fold(a) in known or fold(a).startswith(fold(ATTRIBUTE_PREFIX)) else a)
                       for a in attr_names]
        for j, (f, title) in enumerate(zip(cols, labels), start=1):
            c = ws.cell(1, j, title)
            c.font, c.fill = head_font, head_fill
            c.comment = Comment(_comment(table, f), "da06")
            ws.column_dimensions[c.column_letter].width = max(12, min(40, len(title) + 4))
            if f.choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(f.choices) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle=title,
                                    error="Giá trị: " + ", ".join(f.choices))
                ws.add_data_validation(dv)
                dv.add(f"{c.column_letter}2:{c.column_letter}1048576")
        for k, title in enumerate(attr_titles, start=len(cols) + 1):
            c = ws.cell(1, k, title)
            c.font, c.fill = head_font, head_fill
            c.comment = Comment(f"Thuộc tính của nhiệm vụ (cột thêm của bảng gốc): {attr_names[k - len(cols) - 1]}",
                                "da06")
            ws.column_dimensions[c.column_letter].width = 24
        if table == "tasks":
            ws.cell(1, 1).comment = Comment(_comment(table, cols[0]) + "\nCột thêm vào sheet này được giữ làm "
                                            "thuộc tính của nhiệm vụ (attributes).", "da06")
        for i, r in enumerate(rows[table], start=2):
            for j, f in enumerate(cols, start=1):
                v = _cell_value(r.get(f.path), f)
                if v is None:
                    continue
                c = ws.cell(i, j, v)
                if f.kind == "date":
                    c.number_format = "yyyy-mm-dd"
                elif f.kind in ("decimal", "text", "list", "json") or (f.kind == "value" and isinstance(v, str)):
                    c.number_format = "@"
                if fw is None:
                    c.font = example_font
            for k, a in enumerate(attr_names, start=len(cols) + 1):
                v = (r.get("attributes") or {}).get(a)
                if v is not None:
                    c = ws.cell(i, k, v)
                    c.number_format = "@"
        ws.freeze_panes = "B2"
        for row in ws.iter_rows(min_row=2):
            for c in row:
                c.alignment = Alignment(vertical="top", wrap_text=False)
    wb.save(os.fspath(path))


def _write_meta(ws: Any, fields: tuple[Field, ...], row: dict[str, Any], example: bool, head_font: Any,
                head_fill: Any, example_font: Any, comment: Any) -> None:
    for j, t in enumerate(("Mục", "Giá trị", "Trường dữ liệu"), start=1):
        c = ws.cell(1, j, t)
        c.font, c.fill = head_font, head_fill
    ws.cell(1, 3).comment = comment("Tên trường trong định dạng dữ liệu (docs/data-format.md); đừng sửa cột này.",
                                    "da06")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 24
    for i, f in enumerate(fields, start=2):
        ws.cell(i, 1, _label("meta", f)[0])
        v = _cell_value(row.get(f.path), f)
        if v is not None:
            c = ws.cell(i, 2, v)
            if f.kind == "date":
                c.number_format = "yyyy-mm-dd"
            else:
                c.number_format = "@"
            if example:
                c.font = example_font
        ws.cell(i, 3, f.path)


# ---------------------------------------------------------------------------------------------
# reading

class WorkbookError(DataError):
    """A template workbook with errors; ``problems`` lists each as (``file!sheet!A1``, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        head = "\n".join(f"{p}: {m}" for p, m in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(head + more)


def is_template_workbook(path: str | os.PathLike[str]) -> bool:
    """Does the workbook have the template's sheets ("Báo cáo" with its field column, and "Nhiệm vụ" or "Chỉ tiêu")?"""
    from .importers._office import require

    openpyxl = require("openpyxl")
    wb = openpyxl.load_workbook(os.fspath(path), read_only=True)
    try:
        names = set(wb.sheetnames)
        if SHEETS["meta"] not in names or not ({SHEETS["tasks"], SHEETS["indicators"]} & names):
            return False
        ws = wb[SHEETS["meta"]]
        head = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
        return "Trường dữ liệu" in head
    finally:
        wb.close()


def _column_letter(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("A") + r) + s
    return s


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.problems: list[tuple[str, str]] = []
        self.cells: dict[tuple[str, int, str], str] = {}   # (table, record index, field) -> "file!sheet!A1"
        self.rows: dict[tuple[str, int], str] = {}          # (table, record index) -> "file!sheet!row"

    def where(self, sheet: str, row: int, col: int = 0) -> str:
        return str(Place(self.name, line=row, sheet=sheet, column=col))

    def locate(self, table: str, i: int, field: str) -> str:
        return self.cells.get((table, i, field)) or self.rows.get((table, i)) or f"{self.name}!{SHEETS[table]}"

    def read(self) -> dict[str, Any]:
        from .importers._office import require

        openpyxl = require("openpyxl")
        wb = openpyxl.load_workbook(os.fspath(self.path), data_only=True)
        tables: dict[str, list[dict[str, Any]]] = {}
        by_sheet = {v: k for k, v in SHEETS.items()}
        for ws in wb.worksheets:
            table = by_sheet.get(ws.title)
            if table is None:
                self.problems.append((self.where(ws.title, 1), f"unknown sheet {ws.title!r} (ignored: the template's "
                                      f"sheets are {', '.join(SHEETS.values())})"))
                continue
            raw = self.meta_rows(ws) if table == "meta" else self.table_rows(ws, table)
            tables[table] = rows_to_records(table, raw, self.locate, self.problems)
        return records_to_document(tables, self.locate, self.problems)

    def meta_rows(self, ws: Any) -> list[dict[str, Any]]:
        by_path = {f.path: f for f in META_FIELDS}
        by_label = {fold(_label("meta", f)[0]): f for f in META_FIELDS}
        row: dict[str, Any] = {}
        for r in range(2, (ws.max_row or 1) + 1):
            key, label, value = ws.cell(r, 3).value, ws.cell(r, 1).value, ws.cell(r, 2).value
            f = by_path.get(str(key).strip()) if key else None
            if f is None and label:
                f = by_label.get(fold(str(label)))
            if f is None:
                if value is not None:
                    self.problems.append((self.where(ws.title, r, 1), f"unknown field {key or label!r}"))
                continue
            row[f.path] = value
            self.cells[("meta", 0, f.path)] = self.where(ws.title, r, 2)
        return [row]

    def table_rows(self, ws: Any, table: str) -> list[dict[str, Any]]:
        fields = _fields(table)
        by_key: dict[str, Field] = {}
        for f in fields:
            by_key[fold(_label(table, f)[0])] = f
            by_key[fold(f.path)] = f
        header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
        cols: list[tuple[int, Field | None, str]] = []
        for j, h in enumerate(header, start=1):
            if h is None or not str(h).strip():
                continue
            title = str(h).strip()
            fld = by_key.get(fold(title))
            if fld is None:
                if table == "tasks":
                    name = title[len(ATTRIBUTE_PREFIX):] if fold(title).startswith(fold(ATTRIBUTE_PREFIX)) else title
                    cols.append((j, None, name))
                    continue
                self.problems.append((self.where(ws.title, 1, j), f"unknown column {title!r}"))
                continue
            cols.append((j, fld, fld.path))
        out: list[dict[str, Any]] = []
        for r in range(2, (ws.max_row or 1) + 1):
            values = [(j, f, key, ws.cell(r, j).value) for j, f, key in cols]
            if all(v is None or (isinstance(v, str) and not v.strip()) for *_, v in values):
                continue
            i = len(out)
            rec: dict[str, Any] = {}
            attrs: dict[str, str] = {}
            self.rows[(table, i)] = self.where(ws.title, r)
            for j, col, key, v in values:
                if col is None:
                    if v is not None and str(v).strip():
                        attrs[key] = str(v) if not isinstance(v, float) or not v.is_integer() else str(int(v))
                    continue
                rec[col.path] = v
                self.cells[(table, i, col.path)] = self.where(ws.title, r, j)
            if attrs:
                rec["attributes"] = attrs
            out.append(rec)
        return out

    def map_loader_path(self, path: str) -> str | None:
        """`$.tasks[3].source.line` -> the cell it came from."""
        m = re.fullmatch(r"\$\.(\w+)\[(\d+)\](?:\.(.+))?", path or "")
        if m is None:
            m2 = re.fullmatch(r"\$\.(\w+)(?:\.(.+))?", path or "")
            if m2 and m2.group(1) in ("plan", "report", "period", "id", "title", "province"):
                field = m2.group(1) + ("." + m2.group(2) if m2.group(2) else "")
                return self.cells.get(("meta", 0, field))
            return None
        table, i, rest = m.group(1), int(m.group(2)), m.group(3) or ""
        if table not in SHEETS:
            return None
        rest = re.sub(r"\[\d+\]", "", rest)
        sub = re.match(r"(milestones|parents)\b", rest)
        if sub:  # a milestone or a parent link: the row of its own sheet is not tracked per element
            return self.rows.get((table, i))
        for cand in (rest, rest.split(".")[0]):
            if (table, i, cand) in self.cells:
                return self.cells[(table, i, cand)]
        return self.rows.get((table, i))


def read_workbook(path: str | os.PathLike[str]) -> "Framework":
    """Read a template workbook into a framework; ``WorkbookError`` lists every problem at its cell
    (``khung.xlsx!Chỉ tiêu!C12: …``), the loader's checks included."""
    from . import _core
    from .framework import Framework
    from ._errors import Diagnostic, LoadError

    r = _Reader(Path(path))
    doc = r.read()
    problems = list(r.problems)
    if problems:
        raise WorkbookError(problems)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    try:
        core, warns = _core.load_json(text, r.name)
    except LoadError as e:
        for d in e.diagnostics:
            if d.severity != "error":
                continue
            where = r.map_loader_path(d.path) or f"{r.name}: {d.path}"
            problems.append((where, d.message))
        raise WorkbookError(problems) from None
    return Framework(core, [Diagnostic(*w) for w in warns])


def read_workbook_result(path: str | os.PathLike[str]) -> "ImportResult":
    """``read_workbook`` as an import: the framework document, a log, counts (used by ``import``)."""
    import hashlib

    from .importers._build import ImportResult, Stats
    from .importers._document import Document

    p = Path(path)
    log = ImportLog()
    fw = read_workbook(p)
    doc = json.loads(fw.to_json())
    stats = Stats(p.name, "xlsx-template", "template")
    stats.table_tasks = len(doc.get("tasks", []))
    stats.task_groups = len(doc.get("task_groups", []))
    stats.indicators = len(doc.get("indicators", []))
    stats.targets = len(doc.get("targets", []))
    stats.tables = len(SHEETS)
    log.info("template", p.name, "a da06 template workbook: read by its sheets")
    document = Document(path=str(p), name=p.name, format="xlsx-template",
                        sha256=hashlib.sha256(p.read_bytes()).hexdigest(), blocks=[])
    return ImportResult(doc, log, stats, document)

