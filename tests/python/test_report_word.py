"""Word templates (da06/report_word.py, docs/reports.md "Word templates"): a .docx with Jinja tags rendered by
docxtpl. Each test writes its template with python-docx, renders it, reopens the DOCX with python-docx and
compares the text with the framework's own data (its JSON, tasks_frame, task_status), not with the context
the renderer used."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import runpy
import subprocess
import sys
import zipfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

docx = pytest.importorskip("docx")
pytest.importorskip("docxtpl")
pytest.importorskip("jinja2")

import da06  # noqa: E402
import da06.report as rep  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "python" / "report_variants" / "word_template.py"
H2 = REPO / "tests" / "data" / "series" / "synthetic_2024h2.json"


@pytest.fixture(scope="module")
def fw() -> da06.Framework:
    return da06.load_default()


def vn(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def loop_table(doc: Any, head: list[str], var: str, seq: str, cells: list[str]) -> None:
    """A table whose second row repeats once per item: a {%tr for %} row, the row, a {%tr endfor %} row."""
    table = doc.add_table(rows=4, cols=len(head))
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
    table.rows[1].cells[0].text = f"{{%tr for {var} in {seq} %}}"
    for cell, text in zip(table.rows[2].cells, cells):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def template(path: Path, *paragraphs: str) -> Path:
    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    doc.save(str(path))
    return path


def reopen(data: bytes | Path) -> Any:
    return docx.Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def test_the_document_holds_the_frameworks_own_data(fw: da06.Framework, tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_heading("{{ framework.title }}", level=1)
    doc.add_paragraph("{{ period.text }}|{{ report.number }}|{{ as_of_text }}")
    loop_table(doc, ["STT", "Nhiệm vụ", "Chủ trì", "Tiến độ"], "t", "tasks",
               ["{{ t.number }}", "{{ t.title }}", "{{ t.lead }}", "{{ t.progress_text }}"])
    loop_table(doc, ["Mã", "Tỷ lệ", "Tỷ lệ (in)"], "s", "services.III",
               ["{{ s.id }}", "{{ s.rate }}", "{{ s.rate_text }}"])
    path = tmp_path / "mau.docx"
    doc.save(str(path))

    out = rep.render(fw, path, "docx")
    assert isinstance(out, bytes)
    got = reopen(out)
    data = json.loads(fw.to_json())
    assert got.paragraphs[0].text == fw.title == data["title"]
    assert got.paragraphs[1].text == "|".join([data["period"]["text"], data["report"]["number"], vn(fw.report_date)])

    tasks = fw.tasks_frame()
    rows = [[c.text for c in r.cells] for r in got.tables[0].rows[1:]]
    assert len(rows) == len(tasks) > 0
    for row, (_, t) in zip(rows, tasks.iterrows()):
        assert row == [str(t["number"]), t["title"], t["lead"], t["progress_text"]]

    # a ratio: the Fraction of the observation's numerator and denominator, and the percent text at the
    # indicator's declared decimals
    ind = next(i for i in data["indicators"] if i["id"] == "dvc_service_online_rate")
    obs = {o["service"]: o for o in data["observations"]
           if o.get("indicator") == "dvc_service_online_rate" and o.get("service")}
    appendix3 = [s["id"] for s in data["services"] if s.get("appendix") == "III"]
    rates = [[c.text for c in r.cells] for r in got.tables[1].rows[1:]]
    assert [r[0] for r in rates] == appendix3 and len(rates) > 0
    for sid, rate, rate_text in rates:
        num, den = obs[sid]["numerator"], obs[sid]["denominator"]
        assert rate == str(Fraction(num, den))
        assert rate_text == da06.format_percent(num, den, decimals=ind["decimals"], rounding=ind["rounding"])


def test_a_word_template_sees_what_a_text_template_sees(tmp_path: Path) -> None:
    """The same tags in a .md.j2 and in a .docx give the same text: one context (extras, previous=, as_of,
    the filters), and values escaped for XML come back verbatim."""
    line = ("{{ as_of_text }}|{{ summary_lines[-1] }}|{{ 1234567 | vn_number }}|{{ 990 | vn_percent(1714, decimals=1) }}|"
            "{{ tasks[1].effective_due | vn_date }}|{{ department }}|{{ changes_heading }}|{{ changes.tasks_done | length }}")
    md = tmp_path / "mau.md.j2"
    md.write_text(line, encoding="utf-8")
    word = template(tmp_path / "mau.docx", line)
    h2, previous = da06.load(H2), da06.load_default()
    kw: dict[str, Any] = {"as_of": "2024-12-31", "department": 'Sở A & B <c> "d"', "previous": previous}
    text = rep.render(h2, md, "md", **kw)
    got = reopen(rep.render(h2, word, "docx", **kw)).paragraphs[0].text  # type: ignore[arg-type]
    assert got == text
    fields = got.split("|")
    assert fields[0] == "31/12/2024" and fields[2] == "1.234.567" and fields[3] == "57,8%"
    assert fields[5] == 'Sở A & B <c> "d"'
    assert fields[6].startswith("So với kỳ trước") and int(fields[7]) > 0


def test_a_misspelt_variable_names_the_file_and_the_paragraph(fw: da06.Framework, tmp_path: Path) -> None:
    path = template(tmp_path / "sai.docx", "{{ framework.title }}", "Đơn vị: {{ framework.province }}",
                    "Kỳ: {{ framwork.title }} (hết)")
    with pytest.raises(rep.TemplateError) as e:
        rep.render(fw, path, "docx")
    err = e.value
    assert err.file == str(path) and err.path == "word/document.xml" and err.line > 0
    assert "'framwork' is undefined" in str(err) and "«Kỳ: {{ framwork.title }} (hết)»" in str(err)
    assert str(err).startswith(f"{path}:{err.line}: template error: ")

    # the line counts paragraphs: an error two paragraphs later is two lines later
    later = template(tmp_path / "sau.docx", "{{ framework.title }}", "Đơn vị: {{ framework.province }}",
                     "Kỳ: {{ framework.title }}", "Ghi chú", "{{ framwork.title }}")
    with pytest.raises(rep.TemplateError) as e2:
        rep.render(fw, later, "docx")
    assert e2.value.line == err.line + 2


def test_a_tag_that_does_not_parse_is_a_template_error(fw: da06.Framework, tmp_path: Path) -> None:
    path = template(tmp_path / "hong.docx", "Đầu", "{% for t in tasks %}{{ t.title }{% endfor %}")
    with pytest.raises(rep.TemplateError) as e:
        rep.render(fw, path, "docx")
    assert e.value.file == str(path) and e.value.line > 0
    assert "«{% for t in tasks %}{{ t.title }{% endfor %}»" in str(e.value)


def test_an_error_in_a_header_names_the_part(fw: da06.Framework, tmp_path: Path) -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "{{ framework.tittle }}"
    doc.add_paragraph("{{ framework.title }}")
    path = tmp_path / "dau-trang.docx"
    doc.save(str(path))
    with pytest.raises(rep.TemplateError) as e:
        rep.render(fw, path, "docx")
    assert e.value.path == "word/header1.xml" and "tittle" in str(e.value)


def _not_zip(p: Path) -> None:
    p.write_text("{{ framework.title }}", encoding="utf-8")


def _workbook(p: Path) -> None:
    import openpyxl

    openpyxl.Workbook().save(p)


def _other_zip(p: Path) -> None:
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")


@pytest.mark.parametrize("make, why", [(_not_zip, "not a zip archive"), (_workbook, "is not a Word file"),
                                       (_other_zip, "[Content_Types].xml")])
def test_a_file_that_is_not_a_docx_is_a_template_error(fw: da06.Framework, tmp_path: Path, make: Any,
                                                       why: str) -> None:
    path = tmp_path / "mau.docx"
    make(path)
    with pytest.raises(rep.TemplateError) as e:
        rep.render(fw, path, "docx")
    assert e.value.file == str(path)
    assert str(e.value).startswith(f"{path}: template error: not a Word document (.docx): ") and why in str(e.value)


def test_formats_and_paths(fw: da06.Framework, tmp_path: Path) -> None:
    word = template(tmp_path / "mau.docx", "{{ framework.id }}")
    with pytest.raises(da06.InvalidArgument, match="Word template: it gives docx, not md"):
        rep.render(fw, word, "md")
    with pytest.raises(da06.InvalidArgument, match="no template"):
        rep.render(fw, tmp_path / "khong-co.docx", "docx")
    text = tmp_path / "mau.md.j2"
    text.write_text("{{ framework.id }}", encoding="utf-8")
    assert rep.render(fw, text, "md") == fw.id                  # a text template still gives md
    with pytest.raises(da06.InvalidArgument, match="a template file gives md or html"):
        rep.render(fw, text, "docx")
    upper = template(tmp_path / "MAU.DOCX", "{{ framework.id }}")
    assert reopen(rep.render(fw, upper, "docx")).paragraphs[0].text == fw.id  # type: ignore[arg-type]
    out = rep.write(fw, tmp_path / "bao-cao.docx", template=word)  # format from the extension
    assert reopen(out).paragraphs[0].text == fw.id


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "python"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "da06", "report", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


def test_command_line(fw: da06.Framework, tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("{{ as_of_text }}")
    loop_table(doc, ["STT"], "t", "tasks", ["{{ t.id }}"])
    word = tmp_path / "mau.docx"
    doc.save(str(word))
    out = tmp_path / "bao-cao.docx"
    r = _cli("--template", str(word), "--format", "docx", "--as-of", "2024-09-30", "--out", str(out))
    assert r.returncode == 0, r.stderr
    got = reopen(out)
    assert got.paragraphs[0].text == "30/09/2024"
    assert [row.cells[0].text for row in got.tables[0].rows[1:]] == list(fw.tasks_frame()["id"])

    # without --format and an --out with no extension: a Word template gives docx
    r = _cli("--template", str(word), "--out", str(tmp_path / "bao-cao"))
    assert r.returncode == 0, r.stderr
    assert reopen(tmp_path / "bao-cao").paragraphs[0].text == vn(fw.report_date)

    bad = template(tmp_path / "sai.docx", "{{ as_of_txt }}")
    r = _cli("--template", str(bad), "--out", str(tmp_path / "x.docx"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"python -m da06 report: {bad}:") and "'as_of_txt' is undefined" in r.stderr


def test_without_docxtpl_the_error_names_the_extra(fw: da06.Framework, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    word = template(tmp_path / "mau.docx", "{{ framework.id }}")
    monkeypatch.setitem(sys.modules, "docxtpl", None)  # import docxtpl now raises ImportError
    with pytest.raises(da06.Error, match=r"reports need docxtpl, which is not installed: pip install da06\[report\]"):
        rep.render(fw, word, "docx")


def test_the_example_runs(fw: da06.Framework, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", [str(EXAMPLE), str(tmp_path)])
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    tasks = fw.tasks_frame()
    status = fw.task_status(as_of=fw.report_date)["status"].value_counts()
    assert capsys.readouterr().out.strip() == \
        f"mau-bao-cao.docx -> bao-cao.docx: {len(tasks)} task rows, as of {vn(fw.report_date)}"
    # the template is a template: its tags are still there
    assert "{%tr for t in tasks %}" in [c.text for r in reopen(tmp_path / "mau-bao-cao.docx").tables[0].rows
                                         for c in r.cells]
    got = reopen(tmp_path / "bao-cao.docx")
    texts = [p.text for p in got.paragraphs]
    assert texts[0] == fw.title
    assert texts[2].startswith(f"Tổng số {len(tasks)} nhiệm vụ: "
                               f"{status.get('done', 0) + status.get('done_maintained', 0)} đã hoàn thành, "
                               f"{status.get('in_progress', 0)} đang thực hiện, {status.get('overdue', 0)} quá hạn")
    assert not any("{{" in t or "{%" in t for t in texts)
    rows = [[c.text for c in r.cells] for r in got.tables[0].rows[1:]]
    assert [(r[0], r[1], r[2]) for r in rows] == [(str(n), t, lead) for n, t, lead in
                                                   zip(tasks["number"], tasks["title"], tasks["lead"])]
    due = {str(r["task"]): r["effective_due"] for r in fw.task_status(as_of=fw.report_date).to_dict("records")}
    assert [r[3] for r in rows] == ["" if pd.isna(due[t]) else vn(due[t]) for t in tasks["id"]]
