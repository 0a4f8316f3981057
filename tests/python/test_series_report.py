"""The report section "So với kỳ trước" (compared with the previous report): Markdown, HTML, DOCX, XLSX, and
`python -m da06 report --previous`, checked against the hand-labelled expected changes of the synthetic
follow-up (tests/data/series/expected_changes.json)."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import da06
import da06.report

pytest.importorskip("jinja2")

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "series"
ORACLE = json.loads((DATA / "expected_changes.json").read_text(encoding="utf-8"))["seed_to_2024h2"]


@pytest.fixture(scope="module")
def h2() -> da06.Framework:
    return da06.load(DATA / "synthetic_2024h2.json")


def test_markdown_section_names_every_planted_change(h2: da06.Framework) -> None:
    md = da06.report.render(h2, "previous", "md", previous=da06.load_default())
    assert isinstance(md, str)
    assert md.startswith("## So với kỳ trước (Báo cáo 137/BC-UBND ngày 28/06/2024, 06 tháng đầu năm 2024)")
    done = ", ".join(c[1] for c in ORACLE["newly_done"])
    assert f"- Nhiệm vụ mới hoàn thành: {len(ORACLE['newly_done'])} ({done})" in md
    assert f"- Nhiệm vụ mới quá hạn: 1 ({ORACLE['newly_overdue'][0][1]})" in md
    assert f"- Nhiệm vụ mới: 1 ({ORACLE['new_tasks'][0]})" in md
    assert f"- Nhiệm vụ không còn trong danh mục: 1 ({ORACLE['dropped_tasks'][0]})" in md
    ups = sum(1 for i in ORACLE["indicators"] if i["direction"] == "up")
    downs = len(ORACLE["indicators"]) - ups
    assert f"- Chỉ số thay đổi: {len(ORACLE['indicators'])} (tăng {ups}, giảm {downs})" in md
    # The printed 88,5 % of a 0-decimal indicator keeps its decimal, and so does its change.
    assert "| 90,0% | 88,5% | -1,5 điểm % |" in md
    assert "- T46: 31/12/2024 → 31/03/2025" in md
    mismatched = [c["observation"] for c in ORACLE["change_checks"] if not c["agrees"]]
    assert f'không khớp với báo cáo kỳ trước: {len(mismatched)} ({", ".join(mismatched)})' in md


def test_full_report_has_the_section_only_with_a_previous_report(h2: da06.Framework) -> None:
    with_prev = da06.report.render(h2, "full", "md", previous=da06.load_default())
    without = da06.report.render(h2, "full", "md")
    assert isinstance(with_prev, str) and isinstance(without, str)
    assert "So với kỳ trước" in with_prev and "So với kỳ trước" not in without
    html = da06.report.render(h2, "full", "html", previous=da06.load_default())
    assert isinstance(html, str) and "<h2>So với kỳ trước" in html
    with pytest.raises(da06.InvalidArgument, match="needs previous="):
        da06.report.render(h2, "previous", "md")


def test_xlsx_sheet_rows_and_exact_changes(h2: da06.Framework) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = da06.report.render(h2, "full", "xlsx", previous=da06.load_default())
    assert isinstance(data, bytes)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert "So với kỳ trước" in wb.sheetnames
    rows = list(wb["So với kỳ trước"].iter_rows(min_row=2, values_only=True))
    kinds = [r[0] for r in rows]
    assert kinds.count("Nhiệm vụ mới hoàn thành") == len(ORACLE["newly_done"])
    assert kinds.count("Đơn vị mới") == len(ORACLE["units_entered"])
    moves = {r[1]: r[4] for r in rows if str(r[0]).startswith("Chỉ số")}
    assert len(moves) == len(ORACLE["indicators"])

    def exact(t: str) -> Fraction:
        if "/" in t:
            n, d = t.split("/")
            return Fraction(int(n), int(d)) * 100
        return Fraction(t)

    for w in ORACLE["indicators"]:
        assert moves[f"{w['indicator']} ({w['unit']})"] == pytest.approx(float(exact(w["to"]) - exact(w["from"])))


def test_docx_has_the_section(h2: da06.Framework) -> None:
    docx = pytest.importorskip("docx")
    data = da06.report.render(h2, "previous", "docx", previous=da06.load_default())
    assert isinstance(data, bytes)
    doc = docx.Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("So với kỳ trước") for t in texts)
    assert any(t.startswith("Nhiệm vụ mới hoàn thành: 4") for t in texts)
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) == 1 + len(ORACLE["indicators"])


def test_command_line_previous_option(tmp_path: Path) -> None:
    out = tmp_path / "bc.md"
    p = subprocess.run([sys.executable, "-m", "da06", "report", "--template", "previous", "--data",
                        str(DATA / "synthetic_2024h2.json"), "--previous", str(REPO / "data" / "thanhhoa_2024h1.json"),
                        "--out", str(out)], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert p.returncode == 0, p.stderr
    assert "Nhiệm vụ mới hoàn thành: 4" in out.read_text(encoding="utf-8")
