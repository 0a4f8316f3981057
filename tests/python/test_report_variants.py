"""da06.report: report variants from templates (docs/reports.md). DOCX/XLSX are reopened with python-docx/openpyxl."""
from __future__ import annotations

import io
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

jinja2 = pytest.importorskip("jinja2")
docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

import da06  # noqa: E402
import da06.report as rep  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "python" / "report_variants"
VERBATIM = ["title", "lead", "coordinating", "deadline_text", "progress_text"]
SUMMARY_LINE = "Tổng số dịch vụ công đã cung cấp: 1.714, trong đó toàn trình 990/1.714 (đạt 57,8%)"


@pytest.fixture(scope="module")
def fw() -> da06.Framework:
    return da06.load_default()


@pytest.fixture(scope="module")
def tasks(fw):
    return fw.tasks_frame()


@pytest.fixture(scope="module")
def xlsx(fw):
    return openpyxl.load_workbook(io.BytesIO(rep.render(fw, "full", "xlsx")))


@pytest.fixture(scope="module")
def document(fw):
    return docx.Document(io.BytesIO(rep.render(fw, "full", "docx")))


def test_context_verbatim_fidelity(fw, tasks):
    ctx = rep.context(fw)
    assert len(ctx["tasks"]) == 72
    for t, (_, row) in zip(ctx["tasks"], tasks.iterrows()):
        for c in VERBATIM:
            assert t[c] == row[c], (t["id"], c)


def test_xlsx_appendix1_cell_by_cell(xlsx, tasks):
    ws = xlsx["Phụ lục I"]
    head = [c.value for c in ws[1]]
    cols = {"title": head.index("Nhiệm vụ"), "lead": head.index("Cơ quan chủ trì"),
            "coordinating": head.index("Cơ quan phối hợp"), "deadline_text": head.index("Thời hạn"),
            "progress_text": head.index("Tiến độ")}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 72
    for r, (_, t) in zip(rows, tasks.iterrows()):
        assert r[0] == t["number"] and isinstance(r[0], int)
        for c, i in cols.items():
            assert (r[i] or "") == t[c], (t["id"], c)
    # structured columns: due dates are real dates
    due = ws.cell(row=2 + 1, column=10)  # task 2 (overdue): effective due 01/04/2024
    assert due.value.date().isoformat() == "2024-04-01" and due.number_format == "dd/mm/yyyy"


def test_xlsx_services_numbers_and_formats(xlsx):
    assert {"Phụ lục I", "Phụ lục III", "Phụ lục IV", "Tóm tắt", "Chỉ tiêu"} <= set(xlsx.sheetnames)
    ws = xlsx["Phụ lục III"]
    r = [c for c in ws[2]]
    assert r[2].value == 38755 and r[2].number_format == "#,##0"
    assert r[3].value == 37296 and r[3].number_format == "#,##0"
    assert r[4].value == pytest.approx(37296 / 38755) and r[4].number_format == "0.00%"
    assert r[5].value == "Tăng 37.296 (do tháng 12 không phát sinh)"
    assert r[6].value == 37296
    iv = xlsx["Phụ lục IV"]
    b = next(r for r in iv.iter_rows(min_row=2, values_only=True) if r[0] == "1b")
    assert list(b[2:5]) == [156, 9, pytest.approx(9 / 156)] and b[6] == -3


def test_xlsx_every_number_is_a_number(xlsx):
    """No cell of any sheet holds a number as text ("91,31%", "-8,69 điểm %", "15")."""
    import re

    number_text = re.compile(r"[≥≤<>=+\-−]?\s*(top\s*)?\d[\d.]*(,\d+)?\s*(%|điểm %)?")
    found = [(ws.title, c.coordinate, c.value) for ws in xlsx.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and number_text.fullmatch(c.value.strip())]
    assert not found, found[:10]


def test_xlsx_targets_sheet_values_are_exact_numbers(fw, xlsx):
    """The targets sheet holds the engine's exact values as numbers: a percent as a fraction of one, a gap
    in points with its unit in the format, a threshold with its comparator in the format."""
    from fractions import Fraction

    df = fw.indicators_frame(as_of=fw.report_date).set_index("target")
    ws = xlsx["Chỉ tiêu"]
    head = [c.value for c in ws[1]]
    col = {name: head.index(name) for name in ("Chỉ tiêu", "Giá trị", "Ngưỡng", "Chênh lệch")}
    checked = 0
    for row in ws.iter_rows(min_row=2):
        t = df.loc[row[col["Chỉ tiêu"]].value]
        value, thr, gap = row[col["Giá trị"]], row[col["Ngưỡng"]], row[col["Chênh lệch"]]
        percent = value.number_format.endswith("%")
        if isinstance(t["value_exact"], str) and t["value_exact"]:
            exact = Fraction(t["value_exact"]) / (100 if percent else 1)
            assert value.value == pytest.approx(float(exact), abs=0, rel=1e-15)
            checked += 1
        else:
            assert value.value is None
        assert isinstance(thr.value, (int, float))
        assert float(Fraction(t["threshold"])) / (100 if thr.number_format.endswith("%") else 1) == pytest.approx(thr.value)
        if isinstance(t["gap_exact"], str) and t["gap_exact"]:
            assert gap.value == pytest.approx(float(Fraction(t["gap_exact"])))
            if t["gap_unit"] == "pp":
                assert '" điểm %"' in gap.number_format
    assert checked >= 5
    # the digitisation rate of the seed: 91,31 %, 8,69 points short of 100 %
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "TG-T05-province-district")
    assert (row[2].value, row[2].number_format) == (pytest.approx(0.9131), "0.00%")
    assert (row[3].value, row[3].number_format) == (1, '"≥ "0%')
    assert row[4].value == pytest.approx(-8.69)


def test_docx_layout_and_cells(document, tasks):
    sec = document.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    # (the summary's tables come first; some have two columns)
    t1 = next(t for t in document.tables if len(t.columns) > 2 and t.rows[0].cells[2].text == "Nhiệm vụ")
    assert len(t1.rows) == 73
    assert t1.style.name == "Table Grid"
    for row, (_, t) in zip(t1.rows[1:], tasks.iterrows()):
        cells = [c.text for c in row.cells]
        assert cells[0] == str(t["number"])
        assert cells[2:7] == [t[c] for c in VERBATIM]
    services = [t for t in document.tables if len(t.columns) > 1 and t.rows[0].cells[1].text == "Dịch vụ công"]
    first = [c.text for c in services[0].rows[1].cells]
    assert first[2:5] == ["38.755", "37.296", "96,24%"]
    paras = [p.text for p in document.paragraphs]
    assert SUMMARY_LINE + ", một phần 724/1.714 (đạt 42,2%)" in paras


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_formats_contain_engine_strings(fw, fmt):
    out = rep.render(fw, "full", fmt)
    assert isinstance(out, str)
    assert SUMMARY_LINE in out
    assert da06.format_percent(990, 1714, decimals=1) in out
    ind = fw.indicators_frame()
    for v in ind["value_display"].dropna():
        assert str(v) in out
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "</html>" in out
        assert out.count("<tr id=\"T") == 72


def test_markdown_appendix1_has_every_task(fw, tasks):
    md = rep.render(fw, "appendix1", "md")
    assert isinstance(md, str)
    for _, t in tasks.iterrows():
        assert f"| {t['number']} | {rep._md_cell(t['title'])} | {rep._md_cell(t['lead'])} |" in md


def test_overdue_grouped_by_lead(fw):
    ctx = rep.context(fw, "2024-06-28")
    leads = [g["lead"] for g in ctx["attention"]]
    assert len(leads) == len(set(leads))
    statuses = {t["status"] for g in ctx["attention"] for t in g["tasks"]}
    assert statuses <= {"overdue", "due_soon"} and "overdue" in statuses


def test_broken_template_names_file_and_line(fw, tmp_path):
    bad = tmp_path / "bad.md.j2"
    bad.write_text("line one\n{% for t in tasks %}\n{{ t.title }\n{% endfor %}\n", encoding="utf-8")
    with pytest.raises(da06.Error) as e:
        rep.render(fw, bad, "md")
    assert e.value.file.endswith("bad.md.j2") and e.value.line == 3

    undef = tmp_path / "undef.md.j2"
    undef.write_text("ok\n\n{{ no_such_variable }}\n", encoding="utf-8")
    with pytest.raises(rep.TemplateError) as e2:
        rep.render(fw, undef, "md")
    assert e2.value.file.endswith("undef.md.j2") and e2.value.line == 3
    assert "no_such_variable" in str(e2.value)


def test_bad_arguments(fw):
    with pytest.raises(da06.InvalidArgument):
        rep.render(fw, "appendix1", "pdf")
    with pytest.raises(da06.InvalidArgument):
        rep.render(fw, "no-such-template", "md")


def test_write_and_cli(fw, tmp_path):
    p = rep.write(fw, tmp_path / "a.xlsx")
    assert openpyxl.load_workbook(p)["Phụ lục I"].max_row == 73
    out = tmp_path / "s.md"
    r = subprocess.run([sys.executable, "-m", "da06", "report", "--format", "md", "--template", "summary",
                        "--as-of", "2024-06-28", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert SUMMARY_LINE in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.md.j2"
    bad.write_text("{{ oops }\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "da06", "report", "--template", str(bad), "--out", "-"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "bad.md.j2:1" in r.stderr


@pytest.mark.parametrize("script", ["per_department", "overdue_only", "leadership_brief"])
def test_examples_run(script, tmp_path, monkeypatch, capsys):
    target = tmp_path / "brief.md" if script == "leadership_brief" else tmp_path
    monkeypatch.setattr(sys, "argv", [script, str(target)])
    runpy.run_path(str(EXAMPLES / f"{script}.py"), run_name="__main__")
    out = capsys.readouterr().out
    if script == "per_department":
        assert len(list(tmp_path.glob("*.md"))) > 10
    elif script == "overdue_only":
        assert (tmp_path / "qua-han.docx").exists() and "Quá hạn" in out
    else:
        assert SUMMARY_LINE in out


def _ten_tasks(tmp_path: Path) -> da06.Framework:
    """A framework of ten tasks, one per progress text kind, two of them done long after their deadline."""
    import json

    texts = ["Đã hoàn thành", "Đã hoàn thành", "Đang thực hiện", "Đang thực hiện", "Chưa thực hiện",
             "Đang chờ hướng dẫn của Bộ Công an", "Đã và đang thực hiện thường xuyên", "Đang thực hiện",
             "Xem phụ lục kèm theo", "Không rõ"]
    deadlines = ["Quý I/2024", "Tháng 1/2024", "Quý IV/2024", "Quý I/2024", "Quý IV/2024", "Quý IV/2024",
                 "Thường xuyên", "Tháng 7/2024", "Quý IV/2024", "Quý IV/2024"]
    doc = {
        "format": "da06-framework", "format_version": 1, "id": "ten", "title": "Mười nhiệm vụ",
        "report": {"number": "1/BC", "date": "2024-06-28"}, "period": {"code": "2024-S1", "text": "6 tháng đầu năm 2024"},
        "task_groups": [{"id": "G1", "number": "I", "title": "Nhóm", "declared_count": 10}],
        "tasks": [{"id": f"T{i + 1:02d}", "number": i + 1, "group": "G1", "title": f"Nhiệm vụ {i + 1}",
                   "lead": "Sở A", "deadline_text": deadlines[i], "progress_text": texts[i]} for i in range(10)],
    }
    p = tmp_path / "ten.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return da06.load(p)


def test_summary_lines_count_every_task_and_done_is_never_late(tmp_path):
    import re

    fw = _ten_tasks(tmp_path)
    ctx = rep.context(fw)
    by_status = ctx["status_summary"]["by_status"]
    assert sum(by_status.values()) == 10
    # every task is counted in exactly one place of the summary lines (the first line is the total)
    counted = 0
    for line in ctx["summary_lines"][1:]:
        if m := re.search(r"đang thực hiện: (\d+) nhiệm vụ; sắp đến hạn: (\d+); quá hạn: (\d+)", line):
            counted += sum(int(g) for g in m.groups())
        elif m := re.search(r": (\d+) nhiệm vụ", line):
            counted += int(m.group(1))
    assert counted == 10, ctx["summary_lines"]
    for t in ctx["tasks"]:
        if t["status"] in ("done", "done_maintained"):
            assert t["workdays_text"] == "", t
    late = {t["id"]: t["workdays_text"] for t in ctx["tasks"] if t["workdays_text"].startswith("quá")}
    assert set(late) == {"T04"}  # the one under way past its deadline (Quý I/2024); T01 and T02 are done


def test_sections_follow_the_data(tmp_path, fw):
    """A framework without services prints no services appendix in any format; the seed's change column
    is titled from the period its changes compare against (2023-M12 in the data)."""
    import docx
    import openpyxl

    ten = _ten_tasks(tmp_path)
    assert "Phụ lục III" not in rep.render(ten, "full", "md")
    assert "Phụ lục III" not in rep.render(ten, "full", "html")
    assert "Phụ lục III" not in rep.render(ten, "services", "md")
    sheets = openpyxl.load_workbook(io.BytesIO(rep.render(ten, "full", "xlsx"))).sheetnames
    assert not [s for s in sheets if s.startswith("Phụ lục III") or s.startswith("Phụ lục IV")], sheets
    d = docx.Document(io.BytesIO(rep.render(ten, "full", "docx")))
    assert not [p.text for p in d.paragraphs if p.text.startswith("Phụ lục III")]

    against = {o["change"]["against"] for o in __import__("json").loads(fw.to_json())["observations"]
               if o.get("service") and o.get("change")}
    assert against == {"2023-M12"}
    assert "| So với tháng 12/2023 |" in rep.render(fw, "services", "md")
    # the same data compared with another period gets that period's title
    import json

    data = json.loads(fw.to_json())
    for o in data["observations"]:
        if o.get("change"):
            o["change"]["against"] = "2024-Q1"
    p = tmp_path / "q1.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    md = rep.render(da06.load(p), "services", "md")
    assert "| So với quý I/2024 |" in md and "12/2023 |" not in md
