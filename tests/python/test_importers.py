"""da06.importers on documents generated here (python-docx, openpyxl, text exports): task tables found
by their header cells in any order, group rows, numbering that restarts, numbering errors, merged
cells, continued rows, repeated headers, blank cells; prose tasks; target tables and bullets; the
figures of the narrative as candidates; sources; the log; the command line."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import da06
from da06 import importers
from da06.importers import _office

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install da06[import])")
openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed (pip install da06[import])")

# The header of the fixture tables: the columns in an unusual order and wording, with two extra columns.
HEADER = ["Thời hạn hoàn thành", "TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Văn bản giao nhiệm vụ", "Đơn vị phối hợp",
          "Tình hình thực hiện"]


def _bold_paragraph(cell, text: str) -> None:
    p = cell.paragraphs[0]
    p.add_run(text).bold = True


def make_docx(path: Path) -> None:
    """A plan with one task table that does everything real tables do."""
    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN TỈNH A")
    d.add_paragraph("Số: 12/KH-UBND")
    d.add_paragraph("Tỉnh A, ngày 05 tháng 3 năm 2025")
    d.add_paragraph("KẾ HOẠCH").runs[0].bold = True
    d.add_paragraph("Triển khai Đề án 06 năm 2025")
    d.add_paragraph("PHỤ LỤC I").runs[0].bold = True
    rows = [
        HEADER,
        ["", "I", "Về pháp lý", "", "", "", ""],                                                   # 1 group (Roman)
        ["Quý II/2025", "1", "Rà soát văn bản", "Sở Tư pháp", "QĐ 06/QĐ-TTg", "Các sở", "Đã hoàn thành"],
        ["Quý III/2025", "2", "Ban hành quy chế", "Sở Tư pháp", "", "", ""],                     # 3 blank cells; lead merged
        ["Tháng 10-11/2025", "2", "Tập huấn cán bộ", "Sở Nội vụ", "", "Công an tỉnh", "Đang thực hiện"],  # 4 repeated number
        ["", "", "(tiếp) cho cấp xã", "", "", "", ""],                                            # 5 continued row
        HEADER,                                                                                    # 6 header repeated
        ["MERGED", "", "", "", "", "", ""],                                                       # 7 full-width group
        ["Hằng năm.", "1", "Báo cáo kết quả", "Văn phòng UBND", "", "", "Chờ hướng dẫn của Bộ Công an"],  # restart
        ["Khi có phát sinh.", "3", "Xử lý vướng mắc", "Các sở", "", "", "Đã hoàn thành quá hạn"],  # 9 skipped 2
    ]
    t = d.add_table(rows=len(rows), cols=len(HEADER))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v and v != "MERGED":
                t.cell(i, j).text = v
    # the lead of tasks 1 and 2 (rows 2-3) is one merged cell
    a, b = t.cell(2, 3), t.cell(3, 3)
    a.merge(b)
    a.text = "Sở Tư pháp"
    # row 7: one bold text merged across the table
    m = t.cell(7, 0).merge(t.cell(7, len(HEADER) - 1))
    m.text = ""
    _bold_paragraph(m, "Nhiệm vụ giao Giám đốc Sở chỉ đạo")
    d.add_paragraph("Tỷ lệ hồ sơ trực tuyến đạt 57,8%.")
    d.save(str(path))


def test_docx_task_table(tmp_path):
    p = tmp_path / "kh12.docx"
    make_docx(p)
    r = importers.import_file(p)
    fw = r.framework
    assert r.stats.kind == "plan"
    assert r.stats.task_tables == 1
    tasks = fw["tasks"]
    # every numbered row is kept, the numbering errors included (a repeat, then a skip)
    assert [t["number"] for t in tasks] == [1, 2, 2, 1, 3]
    assert [t["title"] for t in tasks] == ["Rà soát văn bản", "Ban hành quy chế", "Tập huấn cán bộ (tiếp) cho cấp xã",
                                           "Báo cáo kết quả", "Xử lý vướng mắc"]
    # the merged lead belongs to both rows; the blank cells stay blank
    assert tasks[0]["lead"] == tasks[1]["lead"] == "Sở Tư pháp"
    assert "coordinating" not in tasks[1] or tasks[1]["coordinating"] == ""
    assert tasks[1]["progress_text"] == ""
    # the extra column is an attribute, only where it has a value
    assert tasks[0]["attributes"] == {"Văn bản giao nhiệm vụ": "QĐ 06/QĐ-TTg"}
    assert "attributes" not in tasks[1]
    # groups: a Roman numeral row and a merged bold row; numbering restarts after the second
    groups = fw["task_groups"]
    assert [(g.get("number", ""), g["title"]) for g in groups] == [("I", "Về pháp lý"),
                                                                    ("", "Nhiệm vụ giao Giám đốc Sở chỉ đạo")]
    assert [t["group"] for t in tasks] == ["G1", "G1", "G1", "G2", "G2"]
    codes = [e.code for e in r.log.entries]
    assert codes.count("numbering.repeat") == 1
    assert codes.count("numbering.skip") == 1
    assert "header.repeated" in codes
    skip = next(e for e in r.log.entries if e.code == "numbering.skip")
    assert "table 1, row 10" in skip.where
    # sources: the file, the table and the row as printed, a verbatim quote
    src = tasks[2]["source"]
    assert src["document"] == "doc" and src["table"] == "1" and src["row"] == "2"
    assert src["quote"] == "Tập huấn cán bộ"
    assert fw["sources"][0]["file"] == "kh12.docx"
    assert fw["plan"]["number"] == "12/KH-UBND" and fw["plan"]["date"] == "2025-03-05"
    # deadlines: all six read (a span of months, "Hằng năm.", "Khi có phát sinh." included)
    assert (r.stats.deadline_cells, r.stats.deadlines_read) == (5, 5)
    # a plan's bare percentage after "đạt" is a candidate, marked for review
    [c] = fw["observation_candidates"]
    assert (c["kind"], c["value"], c["review"]) == ("percent", "57.8", "pending")
    # the file validates, and task status reads the new phrases and states
    f = da06.loads(r.framework_json())
    assert [w for w in f.warnings] == []
    st = f.task_status(as_of="2025-12-31")
    assert list(st["status"]) == ["done", "blank", "overdue", "waiting", "done_late"]
    assert f.core.tasks()[1].progress_text == ""


def test_blank_progress_is_its_own_state(tmp_path):
    p = tmp_path / "kh12.docx"
    make_docx(p)
    r = importers.import_file(p, kind="report")
    f = da06.loads(r.framework_json())
    st = f.task_status(as_of="2025-06-01")
    assert st.loc[1, "status"] == "blank"   # "Ban hành quy chế": the progress cell is empty
    assert st.attrs["summary"]["by_status"]["blank"] == 1


def make_xlsx(path: Path) -> None:
    """A workbook: a title row, a two-row header, a column-number row, merged cells, a continued row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ 2025"
    ws.append(["DANH MỤC NHIỆM VỤ NĂM 2025"])
    ws.merge_cells("A1:G1")
    ws.append(["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Kết quả", None])
    ws.append([None, None, None, None, None, "Sản phẩm", "Nguồn kinh phí"])
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    ws.append(["1", "Số hóa hồ sơ", "Sở Nội vụ", "UBND cấp xã", "Tháng 12/2025", "Kho dữ liệu", "Ngân sách tỉnh"])
    ws.append([2, "Kết nối dữ liệu", "Sở KH&CN", None, "31/10/2025", "Báo cáo", None])
    ws.append([None, "với Trung tâm dữ liệu quốc gia", None, None, None, None, None])
    ws.append([3, "Tuyên truyền", None, None, "Năm 2025 - 2026", None, None])
    ws.append([4, "Đánh giá", None, None, "xyz", None, None])
    ws["C8"] = "Sở Thông tin"
    ws.merge_cells("C8:C9")  # the lead of tasks 3 and 4 is one merged cell
    wb.save(str(path))


def test_xlsx_generic_workbook(tmp_path):
    p = tmp_path / "nv.xlsx"
    make_xlsx(p)
    r = importers.import_file(p)
    tasks = r.framework["tasks"]
    assert [t["number"] for t in tasks] == [1, 2, 3, 4]
    assert tasks[1]["title"] == "Kết nối dữ liệu với Trung tâm dữ liệu quốc gia"
    # a two-row header: "Kết quả" over "Sản phẩm" and "Nguồn kinh phí"
    assert tasks[0]["attributes"] == {"Kết quả - Sản phẩm": "Kho dữ liệu", "Kết quả - Nguồn kinh phí": "Ngân sách tỉnh"}
    assert tasks[2]["lead"] == tasks[3]["lead"] == "Sở Thông tin"
    src = tasks[0]["source"]
    assert src["table"] == "Nhiệm vụ 2025" and src["line"] == 5 and src["row"] == "1"
    codes = [e.code for e in r.log.entries]
    assert "header.sub" in codes and "header.column_numbers" in codes
    # one deadline is not read: it is logged at its cell, and counted
    assert (r.stats.deadline_cells, r.stats.deadlines_read) == (4, 3)
    [miss] = r.stats.deadline_misses
    assert miss.where == "nv.xlsx!Nhiệm vụ 2025!E9" and miss.text == "xyz"
    warn = next(e for e in r.log.entries if e.code == "deadline.unread")
    assert warn.where == "nv.xlsx!Nhiệm vụ 2025!E9"
    da06.loads(r.framework_json())


PIPE_DOC = """# source: a crawl of a Word document
|
**Số: 7/KH-UBND**
|
|
**KẾ HOẠCH**
|
**STT**
|
**Nhiệm vụ**
|
**Cơ quan**
**chủ trì**
|
**Thời gian**
|
|
**I**
|
**Nhóm một**
|
|
1
|
Xây
dựng cơ sở dữ liệu
|
Sở A
|
Tháng 12/2025
|
|
2
|
Kết nối
|
|
Quý IV năm 2025 và duy trì thường xuyên
|
|
**II**
|
**Nhóm hai**
|
|
1
|
Tập huấn
|
Sở C
|
trước ngày 20 hằng tháng
|
Ghi chú sau bảng.
"""


def test_pipe_text_export(tmp_path):
    p = tmp_path / "kh7.txt"
    p.write_text(PIPE_DOC, encoding="utf-8")
    r = importers.import_file(p)
    tasks = r.framework["tasks"]
    assert [(t["number"], t["title"], t.get("lead", ""), t["deadline_text"]) for t in tasks] == [
        (1, "Xây dựng cơ sở dữ liệu", "Sở A", "Tháng 12/2025"),
        (2, "Kết nối", "", "Quý IV năm 2025 và duy trì thường xuyên"),
        (1, "Tập huấn", "Sở C", "trước ngày 20 hằng tháng")]
    assert [g["number"] for g in r.framework["task_groups"]] == ["I", "II"]
    assert r.stats.deadlines_read == 3
    lines = p.read_text(encoding="utf-8").split("\n")
    for t in tasks:  # every quote is verbatim on its line
        assert t["source"]["quote"] in lines[t["source"]["line"] - 1]
    assert not [e for e in r.log.entries if e.code.startswith("numbering")]  # restarts after group rows


def test_tab_text_export_with_continuations_and_a_gap(tmp_path):
    lines = ["**Phụ lục I**", "",
             "TT\tNội dung\tĐơn vị chủ trì\tThời gian hoàn thành\tTiến độ thực hiện",
             "<b>I</b>\t<b>Nhóm (02 nhiệm vụ)</b>\t\t\t",
             "1.\tViệc một\tSở A\tQuý I/2025\tĐã hoàn thành",
             "\tphần tiếp\t\t\t",
             "---\t---\t---\t---\t---",
             "2.\tViệc hai\tSở B\tNăm 2025\tĐang thực hiện",
             "\tmảnh của dòng bị mất\t\t\t",
             "5.\tViệc năm\tSở C\tNăm 2025\tĐang thực hiện",
             "**Phụ lục II**"]
    p = tmp_path / "bc.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = importers.import_file(p, kind="report")
    tasks = r.framework["tasks"]
    assert [t["number"] for t in tasks] == [1, 2, 5]
    assert tasks[0]["title"] == "Việc một phần tiếp"
    assert tasks[1]["title"] == "Việc hai"  # the fragment inside the gap is not attached
    [g] = r.framework["task_groups"]
    assert (g["number"], g["title"], g["declared_count"]) == ("I", "Nhóm", 2)
    skip = next(e for e in r.log.entries if e.code == "numbering.skip")
    assert skip.where == "bc.txt:10" and "3–4" in skip.message
    assert any(e.code == "row.orphan" and e.where == "bc.txt:9" for e in r.log.entries)
    assert tasks[0]["source"] == {"document": "doc", "section": "Phụ lục I", "table": "1", "row": "1", "line": 5,
                                  "quote": "Việc một"}


PROSE = """**II. NHIỆM VỤ**

**1. Về dữ liệu**

**1.1. Xây dựng chiến lược:**

a) Nhiệm vụ: Tham mưu xây dựng Chiến lược dữ liệu.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Sở Khoa học
và Công nghệ.

- Đơn vị phối hợp: Các Sở, ban, ngành.

c) Thời gian thực hiện: Hoàn thành trong năm 2025.

d) Sản phẩm: Quyết định phê duyệt.

**2. Về nền tảng số**

a) Nhiệm vụ:

- Triển khai nền tảng dùng chung.

- Kết nối dữ liệu.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Các Sở.

c) Thời gian thực hiện: Thực hiện thường xuyên.

**III. TỔ CHỨC THỰC HIỆN**

1. Sở Khoa học và Công nghệ theo dõi.
"""


def test_prose_tasks(tmp_path):
    p = tmp_path / "kh.txt"
    p.write_text("|\n**KẾ HOẠCH**\n|\n|\n" + PROSE, encoding="utf-8")
    r = importers.import_file(p)
    tasks = r.framework["tasks"]
    assert len(tasks) == 2
    a, b = tasks
    assert a["title"] == "Tham mưu xây dựng Chiến lược dữ liệu."
    assert a["lead"] == "Sở Khoa học và Công nghệ."
    assert a["coordinating"] == "Các Sở, ban, ngành."
    assert a["deadline_text"] == "Hoàn thành trong năm 2025."
    assert a["attributes"] == {"Sản phẩm": "Quyết định phê duyệt.", "Mục": "1.1. Xây dựng chiến lược"}
    assert b["title"] == "- Triển khai nền tảng dùng chung. - Kết nối dữ liệu."
    assert b["deadline_text"] == "Thực hiện thường xuyên."
    assert [g["title"] for g in r.framework["task_groups"]] == ["Về dữ liệu", "Về nền tảng số"]
    assert a["source"]["row"] == "1.1" and "a) Nhiệm vụ" in a["source"]["quote"]
    assert r.stats.prose_tasks == 2 and r.stats.deadlines_read == 2
    da06.loads(r.framework_json())


def make_targets_docx(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Số: 9/QĐ-UBND")
    d.add_paragraph("2. Mục tiêu cụ thể")
    d.add_paragraph("- Giai đoạn 2025-2027")
    d.add_paragraph("+ 95% người dân hài lòng khi sử dụng dịch vụ công trực tuyến.")
    d.add_paragraph("+ 100% hồ sơ được số hóa và 80% được khai thác lại trên hệ thống.")
    d.add_paragraph("- Giai đoạn 2028-2030")
    d.add_paragraph("+ 99% người dân hài lòng khi sử dụng dịch vụ công trực tuyến.")
    d.add_paragraph("Xếp hạng của tỉnh về chuyển đổi số thuộc nhóm 10 tỉnh dẫn đầu cả nước vào năm 2027; "
                    "thuộc nhóm 5 tỉnh dẫn đầu cả nước vào năm 2030.")
    rows = [["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Cơ quan chủ trì theo dõi"],
            ["I", "Giai đoạn 2025-2027", "", "", ""],
            ["1", "Tỉ lệ người dân hài lòng khi sử dụng dịch vụ công trực tuyến.", "%", "95%", "Sở KH&CN"],
            ["2", "Tỉ lệ cán bộ được đào tạo kỹ năng số", "%", "tối thiểu 50%", "Sở Nội vụ"],
            ["II", "Giai đoạn 2028-2030", "", "", ""],
            ["1", "Tỉ lệ người dân hài lòng khi sử dụng dịch vụ công trực tuyến.", "%", "99%", "Sở KH&CN"],
            ["2", "Xếp hạng chỉ số chuyển đổi số", "", "Top 3/34", "Sở KH&CN"],
            ["3", "Số nền tảng dùng chung", "nền tảng", "khoảng vài", ""]]
    t = d.add_table(rows=len(rows), cols=5)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.save(str(path))


def test_targets_tables_bullets_and_ranks(tmp_path):
    p = tmp_path / "qd9.docx"
    make_targets_docx(p)
    r = importers.import_file(p, rank_of={"cả nước": 34})
    fw = r.framework
    ind = {i["id"]: i for i in fw["indicators"]}
    tg = {ind[t["indicator"]]["name"]: t for t in fw["targets"]}
    # a staged target: one indicator, 95% for 2025–2027, then 99% from 2028
    sat = tg["Tỉ lệ người dân hài lòng khi sử dụng dịch vụ công trực tuyến."]
    assert (sat["comparator"], sat["threshold"], sat["effective"], sat["deadline"]) == (">=", "95", "2025-01-01",
                                                                                       "2030-12-31")
    assert sat["milestones"] == [{"from": "2028-01-01", "threshold": "99"}]
    assert "Cơ quan chủ trì theo dõi: Sở KH&CN" in sat["note"]
    assert tg["Tỉ lệ cán bộ được đào tạo kỹ năng số"]["threshold"] == "50"
    # a rank cell with its count
    rank = tg["Xếp hạng chỉ số chuyển đổi số"]
    assert (rank["comparator"], rank["threshold"], rank["of"]) == ("top", "3", 34)
    assert ind[rank["indicator"]]["kind"] == "rank"
    # a value that is not one number is logged, not guessed
    assert any(e.code == "target.value_unread" and "khoảng vài" in e.text for e in r.log.entries)
    # bullets: the satisfaction bullets are the table's; the two targets of one bullet are new
    names = set(tg)
    assert "hồ sơ được số hóa" in names
    assert "hồ sơ được khai thác lại trên hệ thống" in names  # the subject completed from the first target
    assert tg["hồ sơ được khai thác lại trên hệ thống"]["threshold"] == "80"
    assert sum(1 for e in r.log.entries if e.code == "target.in_table") == 2
    # the rank sentence: top 10 in 2027, top 5 from 2030, out of 34 (--rank-of)
    prov = next(t for n, t in tg.items() if n.endswith("nhóm dẫn đầu cả nước"))
    assert (prov["threshold"], prov["of"], prov["effective"]) == ("10", 34, "2027-01-01")
    assert prov["milestones"] == [{"from": "2030-01-01", "threshold": "5"}]
    da06.loads(r.framework_json())


def test_rank_target_without_its_count_is_not_imported(tmp_path):
    p = tmp_path / "qd9.docx"
    make_targets_docx(p)
    r = importers.import_file(p)
    assert not any(t.get("of") is None and t["comparator"] == "top" for t in r.framework["targets"])
    assert any(e.code == "target.rank_of" and e.level == "warning" for e in r.log.entries)


REPORT = """## BÁO CÁO

Số: 5/BC-UBND

- Dịch vụ công trực tuyến toàn trình: 990/1.714 (đạt 57,8%); tiếp nhận 307.250 hồ sơ, tăng 17.034 hồ sơ so với tháng 12/2023.
- Ngày 15/5/2024 đã ban hành Kế hoạch 43/KH-UBND, tháng 6/2024 tổ chức hội nghị.
"""


def test_narrative_figures_are_candidates_for_review(tmp_path):
    p = tmp_path / "bc5.txt"
    p.write_text(REPORT, encoding="utf-8")
    r = importers.import_file(p)
    assert r.stats.kind == "report"
    cs = r.framework["observation_candidates"]
    got = {(c["kind"], c["published"]) for c in cs}
    assert got == {("ratio", "990/1.714"), ("percent", "57,8%"), ("count", "307.250 hồ sơ"),
                   ("change", "tăng 17.034 hồ sơ so với tháng 12/2023")}
    ratio = next(c for c in cs if c["kind"] == "ratio")
    assert (ratio["numerator"], ratio["denominator"]) == (990, 1714)
    change = next(c for c in cs if c["kind"] == "change")
    assert (change["value"], change["unit"], change["against"]) == ("17034", "hồ sơ", "tháng 12/2023")
    for c in cs:
        assert c["review"] == "pending"
        assert c["source"]["line"] == 5 and c["source"]["quote"] in REPORT.split("\n")[4]
        assert c["published"] in c["sentence"]
    f = da06.loads(r.framework_json())
    assert len(f.core.observation_candidates()) == 4
    assert f.core.observations() == []  # never promoted to data


def test_cli_import_writes_a_valid_framework_and_a_log(tmp_path, cli):
    p = tmp_path / "kh12.docx"
    make_docx(p)
    out, log = tmp_path / "fw.json", tmp_path / "log.json"
    res = subprocess.run([sys.executable, "-m", "da06", "import", str(p), "--as-of", "2025-06-30", "--out", str(out),
                          "--log", str(log)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "5 task(s)" in res.stderr and "deadlines read 5/5" in res.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["report"]["date"] == "2025-06-30"
    lg = json.loads(log.read_text(encoding="utf-8"))
    assert lg["summary"]["tasks"] == 5 and any(e["code"] == "numbering.skip" for e in lg["entries"])
    v = subprocess.run([cli, "validate", str(out)], capture_output=True, text=True)
    assert v.returncode == 0, v.stdout + v.stderr


def test_cli_import_usage_errors(tmp_path):
    res = subprocess.run([sys.executable, "-m", "da06", "import", str(tmp_path / "x.txt"), "--as-of", "30/6/2025",
                          "--out", str(tmp_path / "o.json")], capture_output=True, text=True)
    assert res.returncode == 2 and "YYYY-MM-DD" in res.stderr
    res = subprocess.run([sys.executable, "-m", "da06", "import", str(tmp_path / "missing.txt"), "--out",
                          str(tmp_path / "o.json")], capture_output=True, text=True)
    assert res.returncode == 1 and "missing.txt" in res.stderr


def test_a_missing_extra_is_named(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    with pytest.raises(importers.MissingDependency, match=r"pip install da06\[import\]"):
        _office.read_docx(tmp_path / "x.docx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(importers.MissingDependency, match=r"openpyxl.*pip install da06\[import\]"):
        _office.read_xlsx(tmp_path / "x.xlsx")


def test_the_example_runs(tmp_path):
    example = Path(__file__).resolve().parents[2] / "examples" / "python" / "import_documents.py"
    res = subprocess.run([sys.executable, str(example), str(tmp_path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "3 tasks in 2 groups, deadlines read 3/3" in res.stdout
    assert "khung.xlsx!Nhiệm vụ!B3: expected a whole number, not 'hai'" in res.stdout
    assert "reads back as the same framework" in res.stdout


@pytest.mark.parametrize("name, content, what", [
    ("bad.docx", b"not a zip", "not a Word document (.docx)"),
    ("bad.xlsx", b"not a zip", "not an Excel workbook (.xlsx)"),
    ("bad.txt", b"\xff\xfe abc", "not UTF-8 text: byte 1 is not UTF-8"),
])
def test_a_file_that_is_not_what_it_says_is_a_named_error(tmp_path, name, content, what):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(da06.ParseError, match="^" + re.escape(f"{name}: {what}")):
        importers.import_file(p)
    res = subprocess.run([sys.executable, "-m", "da06", "import", str(p), "--out", str(tmp_path / "o.json")],
                         capture_output=True, text=True)
    assert res.returncode == 1 and f"python -m da06 import: {name}: {what}" in res.stderr
    assert "Traceback" not in res.stderr


def test_imported_files_validate_against_the_json_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parents[2] / "data" / "schema" / "framework.schema.json")
                        .read_text(encoding="utf-8"))
    v = jsonschema.Draft202012Validator(schema)
    p = tmp_path / "kh12.docx"
    make_docx(p)
    docs = [importers.import_file(p).framework]
    q = tmp_path / "bc5.txt"
    q.write_text(REPORT, encoding="utf-8")
    docs.append(importers.import_file(q).framework)
    for doc in docs:  # task attributes, table and paragraph sources, observation candidates
        assert [e.message for e in v.iter_errors(doc)] == []
    assert docs[0]["tasks"][0]["attributes"] and docs[1]["observation_candidates"]
    bad = json.loads(json.dumps(docs[1]))
    bad["observation_candidates"][0]["review"] = "maybe"
    bad["tasks"] = [{"id": "T1", "number": 1, "title": "x", "attributes": {"a": 1}}]
    assert len(list(v.iter_errors(bad))) == 2
