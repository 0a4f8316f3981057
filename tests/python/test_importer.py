"""Tests of scripts/import_seed.py and of the committed data/thanhhoa_2024h1.json.

The figures of Appendices III and IV are re-read here from the raw seed lines with a
different method (split on tabs, strip the dots) than the importer's (cleaned cells
and strict regular expressions), so a parsing bug in either shows up as a mismatch.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from conftest import SEED

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "import_seed.py"
DATA = REPO / "data" / "thanhhoa_2024h1.json"
CURATED = REPO / "data" / "curated"
needs_seed = pytest.mark.usefixtures("seed")

EXPECTED_DECLARED = [3, 29, 5, 5, 14, 4, 4, 2, 2, 4]
# The actual number of rows under each group header of Phụ lục I.
EXPECTED_ACTUAL = [3, 29, 5, 5, 14, 4, 4, 2, 2, 4]
# Rows whose printed rate differs from their own numbers at the printed precision.
# The seed has none; a change here must be a deliberate finding.
KNOWN_RATE_MISMATCHES: set[str] = set()


def run(*args, check=False):
    r = subprocess.run([sys.executable, str(SCRIPT), *map(str, args)],
                       capture_output=True, text=True, encoding="utf-8")
    if check:
        assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def seed_lines(seed: Path) -> list[str]:
    text = seed.read_text(encoding="utf-8")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, seed_lines) -> dict:
    out = tmp_path_factory.mktemp("import") / "out.json"
    run("--seed", SEED, "--out", out, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def committed() -> dict:
    if not DATA.exists():
        pytest.fail(f"{DATA} is missing; run scripts/import_seed.py")
    return json.loads(DATA.read_text(encoding="utf-8"))


def records_with_source(node, path="$"):
    """Every dict in the document that carries a `source`, with its JSON path."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), dict):
            yield path, node
        for k, v in node.items():
            if k != "source":
                yield from records_with_source(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from records_with_source(v, f"{path}[{i}]")


def appendix_range(lines: list[str], roman: str) -> tuple[int, int]:
    """1-based (first, last) line of 'Phụ lục <roman>' found by a plain scan."""
    heads = [(i + 1, ln.strip().strip("*").strip()) for i, ln in enumerate(lines)
             if ln.startswith("**Phụ lục ")]
    for k, (n, title) in enumerate(heads):
        if title == f"Phụ lục {roman}":
            return n, (heads[k + 1][0] - 1 if k + 1 < len(heads) else len(lines))
    raise AssertionError(f"Phụ lục {roman} not found")


def plain_int(cell: str) -> int:
    return int(cell.strip().replace(".", ""))


def looks_int(cell: str) -> bool:
    return cell.strip().replace(".", "").isdigit()


# ----------------------------------------------------------------------------- reproducibility

@needs_seed
def test_check_passes_against_committed_file():
    r = run("--check")
    assert r.returncode == 0, r.stderr


@needs_seed
def test_fresh_import_equals_committed(fresh, committed):
    assert fresh == committed


@needs_seed
def test_check_detects_a_stale_file(tmp_path, committed):
    stale = json.loads(json.dumps(committed))
    stale["tasks"][0]["title"] += " (edited)"
    out = tmp_path / "stale.json"
    out.write_text(json.dumps(stale, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    r = run("--check", "--out", out)
    assert r.returncode == 1
    assert "out of date" in r.stderr


def test_committed_file_is_canonical_json(committed):
    text = DATA.read_text(encoding="utf-8")
    assert text == json.dumps(committed, ensure_ascii=False, indent=1) + "\n"
    assert list(committed)[:2] == ["format", "format_version"]
    arrays = [k for k in committed if isinstance(committed[k], list)]
    assert arrays == ["sources", "utility_groups", "task_groups", "tasks", "resolution_tasks",
                      "services", "units", "indicators", "observations", "totals", "targets",
                      "claims", "gaps", "validation_rules"]


@needs_seed
def test_seed_source_sha_and_lines(committed, seed_lines):
    seed_src = [s for s in committed["sources"] if s["id"] == "seed"]
    assert len(seed_src) == 1
    assert seed_src[0]["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert seed_src[0]["lines"] == len(seed_lines)


# ----------------------------------------------------------------------------- Phụ lục I

def test_72_tasks_numbered_1_to_72(committed):
    tasks = committed["tasks"]
    assert [t["number"] for t in tasks] == list(range(1, 73))
    assert [t["id"] for t in tasks] == [f"T{n:02d}" for n in range(1, 73)]
    for t in tasks:
        for k in ("title", "lead", "coordinating", "deadline_text", "progress_text"):
            assert isinstance(t[k], str), (t["id"], k)
        assert t["title"] and t["lead"] and t["progress_text"], t["id"]


def test_group_counts(committed):
    groups = committed["task_groups"]
    assert [g["id"] for g in groups] == [f"G{i}" for i in range(1, 11)]
    assert [g["number"] for g in groups] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    assert [g["declared_count"] for g in groups] == EXPECTED_DECLARED
    actual = [sum(1 for t in committed["tasks"] if t["group"] == g["id"]) for g in groups]
    assert actual == EXPECTED_ACTUAL
    for g in groups:
        assert "nhiệm vụ)" not in g["title"]
        assert g["published"].startswith(g["title"])
        assert g["published"].endswith(f"({g['declared_count']:02d} nhiệm vụ)")


@needs_seed
def test_task_groups_follow_the_headers(committed, seed_lines):
    # Independently: a task belongs to the last header line above its first line.
    header_lines = [g["source"]["line"] for g in committed["task_groups"]]
    for t in committed["tasks"]:
        above = [i for i, n in enumerate(header_lines) if n < t["source"]["line"]]
        assert t["group"] == f"G{above[-1] + 1}", t["id"]
        assert seed_lines[t["source"]["line"] - 1].startswith(f"{t['number']}.\t")


def test_continuations_are_joined(committed):
    by_id = {t["id"]: t for t in committed["tasks"]}
    # Page-break continuation lines (cells after five empty ones) end up in "Tiến độ".
    assert "Giao thông vận tải, Tư pháp, Lao động - Thương binh và Xã hộ, Bộ Y tế." in by_id["T17"]["progress_text"]
    assert by_id["T46"]["progress_text"].endswith("trên địa bàn huyện Bá Thước, TP Thanh Hóa, TX Nghi Sơn")
    assert "Lớp 2: dành cho cán bộ, công chức, viên chức, các sở, ban, ngành cấp tỉnh)" in by_id["T66"]["progress_text"]
    assert "+ Tổng kinh phí đã bố trí là: 9,293 tỷ đồng" in by_id["T65"]["progress_text"]
    # The HTML entity of row 11 is unescaped.
    assert "138/THH-TH,NS&KSNB" in by_id["T11"]["progress_text"]


def test_verbatim_text_is_clean(committed):
    bad = []
    for what in ("task_groups", "tasks", "resolution_tasks", "services"):
        for rec in committed[what]:
            for k, v in rec.items():
                if isinstance(v, str) and k != "id":
                    if ("<p>" in v or "</" in v or "<li>" in v or "<b>" in v or "&amp;" in v
                            or "  " in v or "\t" in v or v != v.strip()):
                        bad.append((rec["id"], k))
    assert not bad


# ----------------------------------------------------------------------------- sources

@needs_seed
def test_every_quote_is_verbatim(committed, seed_lines):
    n = 0
    for path, rec in records_with_source(committed):
        s = rec["source"]
        if s.get("document") != "seed":
            continue
        n += 1
        assert 1 <= s["line"] <= len(seed_lines), path
        assert s["quote"], path
        assert s["quote"] in seed_lines[s["line"] - 1], (path, s["line"], s["quote"][:60])
    assert n >= 72 + 10 + 14 + 31 + 41 + 2


@needs_seed
def test_published_is_inside_the_quote(committed):
    for what in ("observations", "targets", "claims"):
        for rec in committed[what]:
            if isinstance(rec.get("published"), str) and rec.get("source", {}).get("document") == "seed":
                assert rec["published"] in rec["source"]["quote"], rec["id"]


# ----------------------------------------------------------------------------- Phụ lục III / IV

@needs_seed
def test_appendix_figures_reread_from_raw_cells(committed, seed_lines):
    obs = [o for o in committed["observations"] if o["source"].get("appendix") in ("III", "IV")]
    assert len(obs) == 41
    for o in obs:
        cells = seed_lines[o["source"]["line"] - 1].split("\t")
        if o["indicator"] == "dvc_service_online_rate":
            assert o["denominator"] == plain_int(cells[2]), o["id"]
            assert o["numerator"] == plain_int(cells[3]), o["id"]
            assert o["published"] == cells[4].strip() == o["published_value"], o["id"]
            assert o["period"] == "2024-S1" and o["unit"] == "TH"
            change = cells[5].strip()
            if change:
                words = change.split()
                sign = {"Tăng": 1, "Giảm": -1}[words[0]]
                assert o["change"]["delta"] == sign * plain_int(words[1]), o["id"]
                assert o["change"]["published"] == change
                assert o["change"]["of"] == "numerator" and o["change"]["against"] == "2023-M12"
            else:
                assert "change" not in o, o["id"]
        else:
            assert o["indicator"] == "dvc_service_beneficiaries"
            assert o["source"]["appendix"] == "III"
            assert o["value"] == plain_int(cells[6]), o["id"]
            assert o["published"] == cells[6].strip()


@needs_seed
def test_every_numeric_row_has_observations(committed, seed_lines):
    expected_rate, expected_benef = set(), set()
    for roman in ("III", "IV"):
        first, last = appendix_range(seed_lines, roman)
        for n in range(first, last + 1):
            cells = seed_lines[n - 1].split("\t")
            if len(cells) > 4 and looks_int(cells[2]) and looks_int(cells[3]):
                expected_rate.add(n)
                if roman == "III" and looks_int(cells[6]):
                    expected_benef.add(n)
    got_rate = {o["source"]["line"] for o in committed["observations"]
                if o["indicator"] == "dvc_service_online_rate"}
    got_benef = {o["source"]["line"] for o in committed["observations"]
                 if o["indicator"] == "dvc_service_beneficiaries"}
    assert got_rate == expected_rate
    assert got_benef == expected_benef
    assert len(expected_rate) == 17 + 7


@needs_seed
def test_printed_rates_against_numbers(committed):
    mismatches = set()
    for o in committed["observations"]:
        if o["indicator"] != "dvc_service_online_rate":
            continue
        printed = o["published"].rstrip("%")
        places = len(printed.split(",")[1]) if "," in printed else 0
        exact = Decimal(100 * o["numerator"]) / Decimal(o["denominator"])
        shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if shown != Decimal(printed.replace(",", ".")):
            mismatches.add(o["id"])
        assert 0 <= o["numerator"] <= o["denominator"] and o["denominator"] > 0
    assert mismatches == KNOWN_RATE_MISMATCHES


def test_services(committed):
    s3 = [s for s in committed["services"] if s["appendix"] == "III"]
    s4 = [s for s in committed["services"] if s["appendix"] == "IV"]
    assert [s["number"] for s in s3] == [str(n) for n in list(range(1, 14)) + list(range(22, 26))]
    assert [s["id"] for s in s3] == [f"S3-{int(s['number']):02d}" for s in s3]
    assert [s["number"] for s in s4] == ["1", "1a", "1b"] + [str(n) for n in range(2, 13)]
    by_id = {s["id"]: s for s in committed["services"]}
    assert by_id["S4-01a"]["parent"] == "S4-01" and by_id["S4-01b"]["parent"] == "S4-01"
    assert by_id["S4-01a"]["name"] == "- Cấp giấy giới thiệu thăm viếng mộ liệt sĩ"
    assert by_id["S4-10"]["department"] == "Sở Tư pháp"
    assert by_id["S4-05"]["note"] == "Bộ Y tế chưa hoàn thành cung cấp trên Cổng DVC quốc gia."
    assert all(s["department"] is None for s in s3)
    # The fragment of the lost row 21 is not glued onto row 13.
    assert "con dấu" not in by_id["S3-13"]["name"]
    assert "con dấu" not in by_id["S3-13"].get("note", "")
    # Row 25's continuation (a 14-cell line) goes to the problem and solution columns.
    assert "nhận biên lai giấy, để thực hiện hồ sơ điện tử" in by_id["S3-25"]["note"]
    assert "có trách nhiệm tuyên, hướng dẫn trực tiếp" in by_id["S3-25"]["note"]


def test_numbers_without_separators_and_leading_zeros(committed):
    by_id = {o["id"]: o for o in committed["observations"]}
    assert by_id["O-S3-04-online"]["change"]["delta"] == 2573      # "Tăng 2573 Hồ sơ"
    assert by_id["O-S3-25-online"]["change"]["delta"] == 3         # "Tăng 03 hồ sơ"
    assert by_id["O-S4-01b-online"]["change"]["delta"] == -3       # "Giảm 3 hồ sơ"
    assert by_id["O-S3-03-online"]["numerator"] == 113616


def test_gaps_recorded(committed):
    gaps = {g["id"]: g for g in committed["gaps"]}
    g = gaps["GAP-III-14-21"]
    assert g["appendix"] == "III" and g["rows"] == "14-21"
    assert "GAP-II-11-15" in gaps
    assert not any(s["id"] in {f"S3-{n}" for n in range(14, 22)} for s in committed["services"])


def test_resolution_tasks(committed):
    r = committed["resolution_tasks"]
    assert [x["id"] for x in r] == [f"R-I-{n}" for n in list(range(1, 11)) + [16, 17, 18]] + ["R-III-1"]
    by_id = {x["id"]: x for x in r}
    assert by_id["R-I-3"]["not_done_text"] == "Chờ HD của BCA" and by_id["R-I-3"]["done_text"] == ""
    assert by_id["R-I-6"]["done_text"].endswith("tầm nhìn đến năm 2030”,")
    assert by_id["R-III-1"]["lead"] == "UBND các địa phương"
    assert by_id["R-III-1"]["reason"] == "Đang thực hiện"


# ----------------------------------------------------------------------------- curated merge

def _curated_dir(tmp_path: Path, narrative: dict) -> Path:
    d = tmp_path / "curated"
    d.mkdir()
    shutil.copy(CURATED / "appendix_indicators.json", d)
    base = CURATED / "thanhhoa_2024h1.base.json"
    if base.exists():
        shutil.copy(base, d)
    (d / "thanhhoa_2024h1.narrative.json").write_text(
        json.dumps(narrative, ensure_ascii=False), encoding="utf-8")
    return d


def _obs(oid, line, quote, published, parse, **extra):
    rec = {"id": oid, "indicator": "x", "unit": "TH", "period": "2024-S1", "published": published,
           "source": {"document": "seed", "line": line, "quote": quote}}
    if isinstance(parse, dict):
        rec.update(parse)
    else:
        rec["parse"] = parse
    rec.update(extra)
    return rec


@needs_seed
def test_curated_parse_hints(tmp_path):
    narrative = {
        "observations": [
            _obs("O-ratio", 94, "+ Dịch vụ công trực tuyến toàn trình: 990/1.714 (đạt 57,8%)",
                 "990/1.714 (đạt 57,8%)", "ratio"),
            _obs("O-value", 162, "Đã cấp phát trên 307.250 chữ ký số", "trên 307.250", "value"),
            _obs("O-money", 218, "Kinh phí đã bố trí là 9,293 tỷ đồng", "9,293 tỷ đồng", "value"),
            _obs("O-pct", 100, "tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 91,31%",
                 "đạt 91,31%", "percent"),
            _obs("O-rank", 419, "cung cấp dịch vụ công năm 2024 đứng ở top 15/63 tỉnh",
                 "top 15/63", "rank"),
            _obs("O-at", 126, "1.636.977 lượt tra cứu thông tin thẻ BHYT bằng CCCD trên tổng số 2.353.457 hồ sơ",
                 "1.636.977 lượt tra cứu thông tin thẻ BHYT bằng CCCD trên tổng số 2.353.457 hồ sơ",
                 {"parse": {"numerator_at": 0, "denominator_at": 1}}),
            _obs("O-nth", 146, "26.541 người (đạt 10,39% tổng số người hưởng chính sách, trong đó: 19.262",
                 "26.541 người (đạt 10,39% tổng số người hưởng chính sách, trong đó: 19.262",
                 {"number_at": 2}),
        ],
        "task_indicators": {"T05": ["so_hoa_rate"]},
    }
    out = tmp_path / "out.json"
    r = run("--seed", SEED, "--out", out, "--curated-dir", _curated_dir(tmp_path, narrative))
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    by_id = {o["id"]: o for o in doc["observations"]}
    assert (by_id["O-ratio"]["numerator"], by_id["O-ratio"]["denominator"]) == (990, 1714)
    assert by_id["O-ratio"]["published_value"] == "57,8%"
    assert by_id["O-value"]["value"] == 307250
    assert by_id["O-money"]["value"] == "9.293"
    assert by_id["O-pct"]["value"] == "91.31"
    assert (by_id["O-rank"]["value"], by_id["O-rank"]["of"]) == (15, 63)
    assert by_id["O-nth"]["value"] == 19262
    assert (by_id["O-at"]["numerator"], by_id["O-at"]["denominator"]) == (1636977, 2353457)
    assert "published_value" not in by_id["O-at"]
    assert not any("parse" in o or "number_at" in o for o in doc["observations"])
    # Curated observations come after the appendix ones.
    assert [o["id"] for o in doc["observations"]][-7:] == list(by_id)[-7:]
    assert doc["observations"][0]["id"].startswith("O-S3-")
    assert next(t for t in doc["tasks"] if t["id"] == "T05")["indicators"] == ["so_hoa_rate"]


@needs_seed
@pytest.mark.parametrize("quote,published,message", [
    ("990/1.715 (đạt 57,8%)", "990/1.715 (đạt 57,8%)", "not a verbatim substring"),
    ("990/1.714 (đạt 57,8%)", "990/1.714 (đạt 57,9%)", "not a substring of its source.quote"),
])
def test_curated_bad_source_fails_loudly(tmp_path, quote, published, message):
    narrative = {"observations": [_obs("O-bad", 94, quote, published, "ratio")]}
    r = run("--seed", SEED, "--out", tmp_path / "out.json", "--curated-dir",
            _curated_dir(tmp_path, narrative))
    assert r.returncode == 1
    assert "O-bad" in r.stderr and "line 94" in r.stderr and message in r.stderr
    assert not (tmp_path / "out.json").exists()


@needs_seed
def test_curated_unknown_parse_hint_fails(tmp_path):
    narrative = {"observations": [_obs("O-hint", 94, "990/1.714 (đạt 57,8%)", "990/1.714 (đạt 57,8%)",
                                       {"parse": {"nth": 0}})]}
    r = run("--seed", SEED, "--out", tmp_path / "out.json", "--curated-dir",
            _curated_dir(tmp_path, narrative))
    assert r.returncode == 1 and "O-hint" in r.stderr


def test_every_observation_has_numbers(committed):
    missing = [o["id"] for o in committed["observations"]
               if not any(k in o for k in ("numerator", "value"))]
    assert not missing


@needs_seed
def test_curated_unknown_task_fails(tmp_path):
    r = run("--seed", SEED, "--out", tmp_path / "out.json", "--curated-dir",
            _curated_dir(tmp_path, {"task_indicators": {"T99": ["x"]}}))
    assert r.returncode == 1 and "T99" in r.stderr
