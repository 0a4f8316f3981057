"""The HTML report as a person sees it: rendered by headless Chromium (Debian's `chromium`, installed by
tools/dev.sh), driven over the DevTools protocol (cdp_pipe.py). For the embedded dataset and a synthetic
300-task framework of another province: the summary comes first, nothing is requested from the network,
the console has no error, each chart has the bars of the data with its labels, the page fits a phone's
width, and printing to A4 PDF puts the summary on page 1 and each appendix at the top of a new page."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import da06
import da06.report
import da06.report_summary
import da06.synthetic_framework

CHROMIUM = shutil.which(os.environ.get("DA06_CHROMIUM", "chromium"))
if CHROMIUM is None:  # one clear line; CI installs it (tools/dev.sh)
    pytest.skip("chromium not installed (apt-get install --no-install-recommends chromium): browser test skipped",
                allow_module_level=True)

from cdp_pipe import Browser, Page  # noqa: E402

FRAMEWORKS = {
    "seed": lambda: da06.default_framework(),
    "synthetic-300": lambda: da06.synthetic_framework.framework(300, seed=3),
    "synthetic-no-targets": lambda: da06.synthetic_framework.framework(40, seed=4, targets=False),
}

# What the page says about itself, read in the browser after load.
FACTS_JS = r"""
(() => {
  const main = document.querySelector('main');
  const firstSection = main.firstElementChild;
  const charts = {};
  for (const svg of document.querySelectorAll('svg.da06-chart')) {
    const name = svg.getAttribute('data-chart');
    const r = svg.getBoundingClientRect();
    charts[name] = {
      bars: svg.querySelectorAll('rect.bar').length,
      labels: [...svg.querySelectorAll('rect.bar')].map(b => b.getAttribute('data-label')),
      values: [...svg.querySelectorAll('rect.bar')].map(b => b.getAttribute('data-value')),
      statuses: [...svg.querySelectorAll('rect.bar')].map(b => b.getAttribute('data-status')),
      texts: [...svg.querySelectorAll('text')].map(t => t.textContent),
      title: svg.querySelector('title') && svg.querySelector('title').textContent,
      labelledby: svg.getAttribute('aria-labelledby'),
      role: svg.getAttribute('role'),
      width: r.width, height: r.height,
      caption: svg.closest('figure') && svg.closest('figure').querySelector('figcaption').textContent,
    };
  }
  const h2 = [...document.querySelectorAll('h2')].map(h => h.textContent.trim());
  return {
    firstId: firstSection && firstSection.id,
    h2,
    charts,
    notes: [...document.querySelectorAll('.overview p.note')].map(p => p.textContent.trim()),
    scripts: document.querySelectorAll('script').length,
    tablesWithoutHead: [...document.querySelectorAll('table')].filter(t => !t.tHead).length,
    tables: document.querySelectorAll('table').length,
    lateRows: document.querySelectorAll('table.late tbody tr').length,
  };
})()
"""


@pytest.fixture(scope="module")
def browser() -> Any:
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as b:
        yield b


_OPENED: dict[str, dict[str, Any]] = {}


def _open(name: str, browser: Browser, tmp_path_factory: Any) -> dict[str, Any]:
    """The report of FRAMEWORKS[name] written to a file and opened once per module."""
    if name not in _OPENED:
        fw = FRAMEWORKS[name]()
        out = tmp_path_factory.mktemp("html") / f"{name}.html"
        da06.report.write(fw, out)  # the default: the full report, summary first
        page = browser.open(out.as_uri())
        _OPENED[name] = {"name": name, "fw": fw, "path": out, "page": page, "facts": page.evaluate(FACTS_JS),
                         "summary": da06.report_summary.summary(fw)}
    return _OPENED[name]


@pytest.fixture(scope="module", params=list(FRAMEWORKS))
def case(request: Any, tmp_path_factory: Any, browser: Browser) -> dict[str, Any]:
    return _open(request.param, browser, tmp_path_factory)


def test_the_summary_comes_first(case: dict[str, Any]) -> None:
    f = case["facts"]
    assert f["firstId"] == "tom-tat"
    assert f["h2"][0].startswith("Tóm tắt")
    appendix = [i for i, h in enumerate(f["h2"]) if h.startswith("Phụ lục I.")]
    assert appendix and appendix[0] > 0


def test_no_network_no_console_errors_no_script(case: dict[str, Any]) -> None:
    page: Page = case["page"]
    own = case["path"].as_uri()
    assert [u for u in page.requests() if u != own and not u.startswith("data:")] == []
    assert page.console_errors() == []
    assert case["facts"]["scripts"] == 0


def test_tables_have_headers(case: dict[str, Any]) -> None:
    f = case["facts"]
    assert f["tables"] > 0
    assert f["tablesWithoutHead"] == 0


def test_charts_have_the_bars_and_labels_of_the_data(case: dict[str, Any]) -> None:
    s = case["summary"]
    charts = case["facts"]["charts"]
    # headline: one bar per headline status, labelled with its Vietnamese name and count
    head = charts["headline"]
    assert head["bars"] == len(s.headline)
    assert head["labels"] == [da06._core.status_label_vi(st) for st, _ in s.headline]
    assert head["values"] == [str(n) for _, n in s.headline]
    assert head["role"] == "img" and head["title"] == "Số nhiệm vụ theo tình trạng" and head["labelledby"]
    assert sum(int(v) for v in head["values"]) == s.total_tasks
    # stacked bars: one segment per non-zero (group, status), counts adding up to each group's total
    grp = charts["status_by_group"]
    expected = [(f"{g.number}. {g.title}", st, str(g.by_status[st])) for g in s.by_group
                for st in da06._core.status_names() if g.by_status[st]]
    # the segments are drawn in display order; compare as multisets per group
    assert sorted(zip(grp["labels"], grp["statuses"], grp["values"])) == sorted(expected)
    # targets: a bar for each target with a value, none for the rest
    with_value = [t for t in s.targets if t.status != "no_data" and t.gap is not None]
    if with_value:
        tg = charts["target_gaps"]
        assert tg["bars"] == len(with_value)
        assert sorted(tg["labels"]) == sorted(t.indicator_name for t in with_value)
        assert sorted(tg["values"]) == sorted(t.gap_display for t in with_value)
    else:
        assert "target_gaps" not in charts
        assert len(case["facts"]["notes"]) == 1
    for c in charts.values():
        assert c["width"] > 0 and c["height"] > 0
        assert c["caption"]


def test_no_targets_says_so_in_one_line(browser: Browser, tmp_path_factory: Any) -> None:
    case = _open("synthetic-no-targets", browser, tmp_path_factory)
    assert "target_gaps" not in case["facts"]["charts"]
    assert case["facts"]["notes"] == [da06._core.summary_chart_note(case["summary"], "target_gaps")]


def test_300_tasks_stay_readable(browser: Browser, tmp_path_factory: Any) -> None:
    case = _open("synthetic-300", browser, tmp_path_factory)
    charts = case["facts"]["charts"]
    # every group has its own row of at least the bar height, whatever the task count
    assert charts["status_by_group"]["height"] >= 26 * len(case["summary"].by_group)
    # data labels are counts, not overlapping fragments: each group total is printed once
    totals = [t for t in charts["status_by_group"]["texts"] if t.replace(".", "").isdigit()]
    assert len(totals) >= len(case["summary"].by_group)


def test_fits_a_phone(browser: Browser, case: dict[str, Any]) -> None:
    phone = browser.open(case["path"].as_uri(), width=390, height=844, mobile=True)
    # (a mobile viewport widens to its content: compare with the device's 390 px, not innerWidth)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the page scrolls sideways on a 390 px phone ({width} px)"
    # the summary's small tables and the late-task cards are whole on the screen (no hidden column)
    overflow = phone.evaluate("""[...document.querySelectorAll('table.headline, table.claims, table.late')]
        .filter(t => t.getBoundingClientRect().right > 391).map(t => t.className)""")
    assert overflow == []


def test_print_to_pdf_puts_the_summary_on_page_1(case: dict[str, Any], tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: print check skipped")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(case["page"].pdf())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert "Tóm tắt" in pages[0]
    assert "Số nhiệm vụ theo tình trạng" in pages[0]
    assert "Phụ lục I." not in pages[0]
    # each appendix begins a page (break-before: page)
    for heading in ("Phụ lục I. Danh mục nhiệm vụ", "Kiểm tra số liệu ("):
        starts = [p for p in pages if heading in p]
        assert starts, heading
        first_line = next(line for line in starts[0].splitlines() if line.strip())
        assert heading in first_line, (heading, first_line)
    # Appendix I spans pages; each page it continues on repeats its header row (thead)
    start = next(i for i, p in enumerate(pages) if "Phụ lục I. Danh mục nhiệm vụ" in p)
    # it ends where the next appendix begins (the services, or the audit list without services)
    end = next(i for i, p in enumerate(pages) if i > start and ("Phụ lục III." in p or "Kiểm tra số liệu (" in p))
    assert end - start >= 2
    for p in pages[start + 1:end]:
        first_line = next(line for line in p.splitlines() if line.strip())
        assert first_line.split()[:3] == ["STT", "Nhiệm", "vụ"], first_line
