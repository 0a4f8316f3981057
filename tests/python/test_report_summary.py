"""The summary every report opens with (da06.report_summary, the `overview` template and the DOCX/XLSX
builders): its numbers against pandas over the status engine's task table, and its place and form in
Markdown, HTML, DOCX and XLSX, for the seed and for synthetic frameworks of another province."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import da06
import da06.report as rep
import da06.report_summary as rs
import da06.synthetic_framework as sf


@pytest.fixture(scope="module")
def fw() -> da06.Framework:
    return da06.default_framework()


@pytest.fixture(scope="module")
def no_targets() -> da06.Framework:
    return sf.framework(40, seed=4, targets=False)


def test_counts_agree_with_pandas_over_the_task_table(fw):
    s = rs.summary(fw)
    status = fw.task_status()
    assert s.total_tasks == len(status)
    counts = status["status"].astype(str).value_counts()
    assert {k: v for k, v in s.by_status.items() if v} == {k: int(v) for k, v in counts.items()}
    # by group: pandas crosstab of group × status
    tab = pd.crosstab(status["group"].astype(str), status["status"].astype(str))
    for g in s.by_group:
        assert {k: v for k, v in g.by_status.items() if v} == {k: int(v) for k, v in tab.loc[g.group].items() if v}
    # the late lists are exactly the tasks with those statuses, in task order
    assert [t.task for t in s.overdue] == list(status.loc[status["status"] == "overdue", "task"])
    assert [t.task for t in s.due_soon] == list(status.loc[status["status"] == "due_soon", "task"])
    tasks = fw.tasks_frame().set_index("id")
    for t in s.overdue + s.due_soon:
        assert t.lead == tasks.loc[t.task, "lead"] and t.deadline_text == tasks.loc[t.task, "deadline_text"]
    # targets: the indicators frame, row for row
    ind = fw.indicators_frame()
    assert [t.target for t in s.targets] == list(ind["target"])
    assert [t.status for t in s.targets] == list(ind["status"])
    assert s.targets_met == int((ind["status"] == "met").sum())


def test_summary_json_is_the_cli_reports_summary(fw, run):
    cli = json.loads(run("report", "--json").stdout)
    assert list(cli)[0] == "summary"
    assert json.loads(rs.summary(fw).to_json()) == cli["summary"]


def test_charts_from_the_library(fw):
    s = rs.summary(fw)
    for name in ("headline", "status_by_group", "target_gaps"):
        svg = rs.chart_svg(s, name)
        assert svg.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"") and svg.endswith("</svg>")
        assert len(re.findall(r'<rect class="bar', svg)) == da06._core.summary_chart_bars(s, name)
        assert "<script" not in svg and "href" not in svg
    assert rs.chart_svg(s, "index") == ""  # no dossier data
    with pytest.raises(da06.InvalidArgument):
        rs.chart_svg(s, "pie")


def test_index_score_is_placed_when_given(fw):
    rules = da06._core.IndexRules.portal_2026()
    groups = {code: max_points // 2 for code, _, _, max_points in rules.groups}
    s = da06._core.summary_with_index(rs.summary(fw), rules, "TH", "2026-Q3", groups, sum(groups.values()), 7)
    assert s.index is not None and s.index.max_total == sum(m for *_, m in rules.groups)
    ctx = rs.context_of(s)
    assert ctx["index"]["rank"] == 7 and len(ctx["index"]["groups"]) == len(groups)
    assert ctx["chart"]["index"]["bars"] == len(groups)
    svg = ctx["chart"]["index"]["svg"]
    assert svg.count('<rect class="bar"') == len(groups)
    assert json.loads(s.to_json())["index"]["rank"] == 7


def test_markdown_opens_with_the_summary(fw):
    md = rep.render(fw, fmt="md")  # the default template is the full report
    first_h2 = re.findall(r"^## (.+)$", md, flags=re.M)
    assert first_h2[0].startswith("Tóm tắt (tính đến ngày 28/06/2024)")
    assert md.index("## Tóm tắt (") < md.index("## Phụ lục I.")
    summary = md[md.index("## Tóm tắt ("):md.index("## Tóm tắt kết quả")]
    assert "| 2 | Tham mưu, đề xuất" in summary and "| Sở Tài Chính | Quý I/2024 | 01/04/2024 |" in summary
    assert "quá 61 ngày làm việc" in summary
    assert "| Tổng số nhiệm vụ đã hoàn thành và duy trì thường xuyên: 54 nhiệm vụ | 54 | 38 | -16 |" in summary
    assert "chờ Bộ, ngành" in summary  # a label inside a sentence keeps its capitals


def test_html_opens_with_the_summary_and_its_charts(fw):
    html = rep.render(fw, fmt="html")
    main = html[html.index("<main>"):]
    assert main.index('<section id="tom-tat"') < main.index("Phụ lục I.")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="da06-chart') == 3
    assert html.count("<figcaption>") == 3
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "@media print" in html and "break-before: page" in html and "thead { display: table-header-group; }" in html
    assert 'name="viewport"' in html


def test_no_targets_says_so_in_one_line(no_targets):
    note = da06._core.summary_chart_note(rs.summary(no_targets), "target_gaps")
    assert note and "\n" not in note
    md = rep.render(no_targets, fmt="md")
    assert md.count(note) == 1
    html = rep.render(no_targets, fmt="html")
    assert f'<p class="note">{note}</p>' in html and "da06-chart-target_gaps" not in html
    assert "Chỉ tiêu: 0 đạt" not in md


def test_docx_summary_first_with_captioned_charts(fw, no_targets):
    docx = pytest.importorskip("docx")
    pytest.importorskip("matplotlib")
    doc = docx.Document(io.BytesIO(rep.render(fw, fmt="docx")))
    texts = [p.text for p in doc.paragraphs]
    first = next(i for i, t in enumerate(texts) if t.startswith("Tóm tắt ("))
    appendix = next(i for i, t in enumerate(texts) if t.startswith("Phụ lục I."))
    captions = [i for i, t in enumerate(texts) if t.startswith("Hình ")]
    assert first < min(captions) and max(captions) < appendix
    assert [texts[i] for i in captions] == ["Hình 1. Số nhiệm vụ theo tình trạng", "Hình 2. Khoảng cách đến chỉ tiêu",
                                            "Hình 3. Tình trạng nhiệm vụ theo nhóm"]
    assert all(doc.paragraphs[i].style.name == "Caption" for i in captions)
    assert len(doc.inline_shapes) == 3
    doc2 = docx.Document(io.BytesIO(rep.render(no_targets, fmt="docx")))
    note = da06._core.summary_chart_note(rs.summary(no_targets), "target_gaps")
    assert note in [p.text for p in doc2.paragraphs] and len(doc2.inline_shapes) == 2


def test_xlsx_summary_sheet_first_with_native_charts_over_its_cells(fw):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(rep.render(fw, fmt="xlsx")))
    assert wb.sheetnames[0] == "Tóm tắt"
    ws = wb["Tóm tắt"]
    s = rs.summary(fw)
    # the headline table: labels and counts as numbers
    head = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Tình trạng")
    got = [(ws.cell(row=head + 1 + i, column=1).value, ws.cell(row=head + 1 + i, column=2).value)
           for i in range(len(s.headline))]
    assert got == [(da06._core.status_label_vi(st), n) for st, n in s.headline]
    # the charts are native and read those cells (openpyxl keeps the references when it writes)
    raw = rep.render(fw, fmt="xlsx")
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        xml = z.read(charts[0]).decode()
    assert len(charts) == 4  # headline, by group, gaps in percentage points, gaps in villages
    assert f"'Tóm tắt'!$B${head + 1}:$B${head + len(s.headline)}" in xml


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "xlsx"])
def test_300_tasks_render_in_every_format(fmt):
    if fmt == "docx":
        pytest.importorskip("matplotlib")
    fw = sf.framework(300, seed=3)
    out = rep.render(fw, fmt=fmt)
    assert out
    s = rs.summary(fw)
    assert s.total_tasks == 300 and len(s.by_group) == 15
    assert "giả lập" in fw.title  # marked synthetic


def test_matplotlib_charts(fw, no_targets):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = rs.summary(fw)
    ax = da06.plot.summary_headline(s)
    assert len(ax.patches) == len(s.headline)
    ax = da06.plot.summary_status_by_group(s)
    assert sum(1 for p in ax.patches if p.get_width() > 0) == da06._core.summary_chart_bars(s, "status_by_group")
    ax = da06.plot.summary_target_gaps(s)
    assert ax is not None and len(ax.patches) == da06._core.summary_chart_bars(s, "target_gaps")
    assert da06.plot.summary_target_gaps(rs.summary(no_targets)) is None
    plt.close("all")


def test_the_docs_example_runs(capsys):
    """The example in docs/reports.md, executed as written; its printed results are the ones it shows."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text(encoding="utf-8")
    block = text.split("<!-- example: summary", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(block, "docs/reports.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("72 {'done': 2, 'done_maintained': 36,") and "'overdue': 1, 'waiting': 17}" in out[0]
    assert out[1] == "T02 Sở Tài Chính Quý I/2024 2024-04-01 61"
    assert out[2] == "[(72, 72, 0), (54, 38, -16), (18, 17, -1)]"
    for line in out:  # every printed line is quoted in the block's comments
        assert line.split(" ")[0] in block
