"""Every measured figure of the seed is in the dataset, at its place in the seed.

The seed (Báo cáo 137/BC-UBND, Thanh Hóa H1/2024, exported to text) is read line by
line.  A *tokenizer* (below) finds the measured figures of

  * the narrative: sections I–V, every line before "**Phụ lục I**";
  * the cells of Phụ lục I and II (without the row-number cell);
  * the number cells of the rows of Phụ lục III and IV (every cell after the row's
    number and name: totals, online counts, rates, changes, beneficiaries, savings).

Phụ lục V (benefits, problems and solutions as prose in table cells) is outside this
test: the importer does not read it, and its few numbers ("76 DVC", "02 DVC liên thông",
"100% cơ sở giáo dục", "22 các cảng hàng không") are group names and descriptions.

A figure is **covered** when a record of the dataset both *cites* it and *holds* it:

  * cites: the record's `source.line` is the figure's line, and the figure is one of
    the tokens of the record's printed text (`published`, `published_value`,
    `change.published`).  For the observations the importer reads from Phụ lục III and
    IV, whose `published` is only the rate, the printed text is the span of cells
    that `source.quote` covers, and the figure's cell must lie in that span;
  * holds: the figure's value is one of the record's numbers (`numerator`,
    `denominator`, `value`, `of`, `count`, `declared_count`, `threshold`, the
    milestones' thresholds, `|change.delta|`, the number of `published_value`); a
    printed ratio "a/b" must be held as a pair (numerator/denominator, value/of or
    threshold/of).  For a target only its thresholds count, so a number that merely
    appears in a target's wording (its scope, say) is not covered by the target.

Records that can cover: observations, targets, claims and task groups (their
declared counts "(03 nhiệm vụ)").  Totals only link observations and cover nothing.

Figures deliberately not recorded are listed in tests/data/seed_uncovered_figures.tsv
(line, figure, reason).  The test fails on an uncovered figure that is not listed, and
on a listed figure that the tokenizer no longer finds on its line or that is now
covered (a stale entry).

The dataset checked is data/thanhhoa_2024h1.json, or the file named by the
environment variable DA06_DATASET (used to check that this test can fail).

THE TOKENIZER
-------------
A line is cleaned first: footnote markers (``<sup>1</sup>``) and URLs
(``<http://...>``) are removed, the export's HTML tags are stripped and entities
unescaped.  Then the spans that are not measurements are blanked, in this order
(each rule is a regular expression in EXCLUSIONS, with its reason):

  1. document numbers: a number followed by "/" and an upper-case letter
     ("19248/UBND-KSTTHCNC", "63/2024/NĐ-CP", "422/QĐ-TTg", "137 /BC-UBND",
     "Đề án 06/CP"), and a number right after a document word ("Đề án 06",
     "NQ 175", "Công văn 1552", "Nghị quyết 175", "Quyết định số 69");
  2. dates and periods: "ngày 28 tháng 6 năm 2024", "dd/mm/yyyy", "mm/yyyy" (also
     "quý 2/2024"), "tháng 6", "tháng 12 năm 2023", durations and period names
     "06 tháng", "02 năm", and years (an unseparated 4-digit number 1900–2099);
  3. enumerators: "(1)", a section number at the start of a line or heading
     ("2.2.", "**2.1.**", "##### **1."), "2/ " (a list item), class labels "Lớp 1";
  4. law article numbers ("Điều 112", "khoản 3"), should the seed have any;
  5. fixed names that contain a number, not a measurement: "CMND 9 số" (the 9-digit
     identity card), service/eID levels "mức 1", "mức độ 3, 4", "02 nhóm TTHC" /
     "02 nhóm thủ tục hành chính" / "02 nhóm dịch vụ công" (the programme of the two
     linked procedure groups), "05 nhóm tiện ích" (the five utility groups of Đề án
     06, which are the dataset's `utility_groups`), the "5-4-3-2-1" principle with
     its gloss, and the idiom "24/7".

Numbers glued to letters ("C06", "4G", "TCTĐA06") are not tokens.  What remains is
tokenized into ratios "a/b", percentages "x,y%" and plain numbers (counts, money,
days); Vietnamese separators: "." for thousands, "," for decimals.  The same figure
printed twice on one line is one figure (coverage is per line and figure text) —
except in Phụ lục III/IV, where each cell is its own figure.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATASET = Path(os.environ.get("DA06_DATASET") or REPO / "data" / "thanhhoa_2024h1.json")
ALLOWLIST = REPO / "tests" / "data" / "seed_uncovered_figures.tsv"

# --------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------

NUM = r"\d+(?:[.,]\d+)*"
_SUP = re.compile(r"<sup>.*?</sup>", re.I | re.S)
_URL = re.compile(r"<https?://[^>\s]*>")
_TAG = re.compile(r"</?(?:p|ul|ol|li|br|div|table|tr|td|th|h[1-6]|b|i|u|em|strong|span|sup|sub|font|a)"
                  r"\b[^>]*>", re.I)
_DOC_WORDS = (r"Đề án|Nghị quyết|NQ|Công văn|Quyết định|Thông báo|Chỉ thị|Kế hoạch|Nghị định|"
              r"Thông tư|Báo cáo|Tờ trình|Phiếu chuyển|Phiếu chuyên|văn bản")

# (reason, pattern); applied in order, each match is blanked.
EXCLUSIONS: list[tuple[str, re.Pattern]] = [
    ("document number", re.compile(NUM + r"(?:\s?/\s?" + NUM + r")*\s?/[A-ZĐ]")),
    ("document number", re.compile(r"(?:" + _DOC_WORDS + r")(?:\s+số)?:?\s*" + NUM, re.I)),
    ("date", re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)),
    ("date", re.compile(r"(?<!\d)\d{1,2}/\d{1,2}/\d{4}(?!\d)")),
    ("month or quarter of a year", re.compile(r"(?<!\d)\d{1,2}/\d{4}(?!\d)")),
    ("month", re.compile(r"tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?(?!\d)", re.I)),
    ("period length or name", re.compile(r"(?<![\w.,])\d+\s+(?:tháng|năm)\b", re.I)),
    ("year", re.compile(r"(?<![\w.,/])(?:19|20)\d{2}(?![\w/%]|[.,]\d)")),
    ("list enumerator", re.compile(r"\(\d+\)")),
    ("section number", re.compile(r"^[\s#*]*\d+(?:\.\d+)*\.(?=[\s*])")),
    ("list enumerator", re.compile(r"(?<![\w.,/])\d+/(?=\s)")),
    ("class label", re.compile(r"Lớp\s+\d+\b")),
    ("phase number", re.compile(r"giai\s+đoạn\s+\d+\b", re.I)),
    ("law article", re.compile(r"\b(?:Điều|khoản|điểm)\s+\d+", re.I)),
    ("name: 9-digit identity card", re.compile(r"CMND\s+9\s+số")),
    ("name: service or eID level", re.compile(r"mức(?:\s+độ)?\s+\d+(?:\s*,\s*\d+)*", re.I)),
    ("name: the two linked procedure groups",
     re.compile(r"\b02\s+nhóm\s+(?:TTHC|thủ tục hành chính|dịch vụ công|Dịch vụ công|DVC)")),
    ("name: the five utility groups", re.compile(r"\b05\s+nhóm\s+tiện ích")),
    ("name: the 5-4-3-2-1 principle", re.compile(r"“5-4-3-2-1”\s*\([^)]*\)")),
    ("idiom: around the clock", re.compile(r"(?<![\w.,/])24/7(?![\w/])")),
]

_TOKEN = re.compile(r"(?<![\w.,/])(" + NUM + r")(?:\s?/\s?(" + NUM + r"))?"
                    r"(?:(\s?%)|(?![\w/%]|[.,]\d))")
_NUMBER_TOKEN_IN_TEXT = re.compile(NUM + r"(?:\s?/\s?" + NUM + r")*(?:\s?%)?")


def vn_decimal(tok: str) -> Decimal:
    """'1.714' -> 1714, '42,2' -> 42.2, '03' -> 3."""
    return Decimal(tok.replace(".", "").replace(",", "."))


@dataclass(frozen=True)
class Figure:
    line: int
    text: str                 # normalised: no spaces ("724/1.714", "42,2%", "307.250")
    kind: str                 # ratio | percent | number
    cell: int | None = None   # Phụ lục III/IV: the cell index of the figure

    @property
    def value(self):
        if self.kind == "ratio":
            a, b = self.text.split("/")
            return vn_decimal(a), vn_decimal(b)
        return vn_decimal(self.text.rstrip("%"))


def clean(text: str) -> str:
    text = _SUP.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _TAG.sub(" ", text)
    return html.unescape(text)


def mask(text: str) -> str:
    for _reason, pat in EXCLUSIONS:
        text = pat.sub(lambda m: " " * len(m.group(0)), text)
    return text


def figures_in(text: str, line: int, cell: int | None = None) -> list[Figure]:
    out = []
    for m in _TOKEN.finditer(mask(clean(text))):
        if m.group(2):
            kind, t = "ratio", f"{m.group(1)}/{m.group(2)}"
        elif m.group(3):
            kind, t = "percent", m.group(1) + "%"
        else:
            kind, t = "number", m.group(1)
        if kind == "ratio" and m.group(3):
            # "a/b%" does not occur; refuse to guess.
            raise AssertionError(f"line {line}: unexpected token {m.group(0)!r}")
        out.append(Figure(line, t, kind, cell))
    return out


def text_tokens(text: str) -> set[str]:
    """The number tokens of a record's printed text, normalised like Figure.text."""
    return {re.sub(r"\s", "", m.group(0)) for m in _NUMBER_TOKEN_IN_TEXT.finditer(clean(text))}


# --------------------------------------------------------------------------------------
# The seed
# --------------------------------------------------------------------------------------

def read_seed(seed: Path) -> list[str]:
    text = seed.read_text(encoding="utf-8")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def appendix_starts(lines: list[str]) -> dict[str, int]:
    out = {}
    for i, ln in enumerate(lines, start=1):
        m = re.fullmatch(r"\*\*Phụ lục ([IVX]+)\*\*\s*", ln)
        if m:
            out[m.group(1)] = i
    assert set("I II III IV V".split()) <= set(out), out
    return out


@dataclass
class SeedFigures:
    figures: list[Figure] = field(default_factory=list)
    region: dict[int, str] = field(default_factory=dict)   # line -> narrative | I | II | III | IV


def seed_figures(lines: list[str]) -> SeedFigures:
    app = appendix_starts(lines)
    sf = SeedFigures()
    seen: set[tuple[int, str]] = set()

    def add(figs):
        for f in figs:
            key = (f.line, f.text) if f.cell is None else (f.line, f.text, f.cell)
            if key not in seen:
                seen.add(key)
                sf.figures.append(f)

    for n in range(1, app["I"]):
        sf.region[n] = "narrative"
        add(figures_in(lines[n - 1], n))
    for roman, first, last in (("I", app["I"], app["II"] - 1), ("II", app["II"], app["III"] - 1)):
        for n in range(first, last + 1):
            sf.region[n] = roman
            cells = lines[n - 1].split("\t")
            if re.fullmatch(r"\s*\d+\.?\s*", clean(cells[0])):
                cells = cells[1:]                       # the row number
            add(figures_in("\t".join(cells), n))
    for roman, first, last in (("III", app["III"], app["IV"] - 1), ("IV", app["IV"], app["V"] - 1)):
        for n in range(first, last + 1):
            sf.region[n] = roman
            cells = lines[n - 1].split("\t")
            c0 = clean(cells[0]).strip()
            is_row = bool(re.fullmatch(r"\d+", c0))
            is_sub = (not c0 and len(cells) > 2 and clean(cells[1]).strip().startswith("- ")
                      and any(clean(c).strip() for c in cells[2:]))
            if not (is_row or is_sub):
                continue        # titles, headers, continuation text of notes
            for k in range(2, len(cells)):
                add(figures_in(cells[k], n, cell=k))
    return sf


# --------------------------------------------------------------------------------------
# The dataset
# --------------------------------------------------------------------------------------

def _dec(v) -> Decimal | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, str) and re.fullmatch(r"-?\d+(?:\.\d+)?", v):
        return Decimal(v)
    return None


@dataclass
class Cover:
    rid: str
    kind: str                       # observation | target | claim | task_group
    line: int
    tokens: set[str]                # printed tokens
    numbers: set[Decimal]           # held single numbers
    pairs: set[tuple[Decimal, Decimal]]
    cells: tuple[int, int] | None = None    # Phụ lục III/IV importer records: quoted cells


def _pv_number(pv) -> Decimal | None:
    if not isinstance(pv, str):
        return None
    m = re.search(NUM, pv)
    return vn_decimal(m.group(0)) if m else None


def covers_of(doc: dict, lines: list[str]) -> list[Cover]:
    out = []

    def mk(rec, kind):
        s = rec.get("source") or {}
        line = s.get("line")
        if s.get("document") != "seed" or not isinstance(line, int):
            return None
        texts = [rec.get("published"), rec.get("published_value")]
        ch = rec.get("change") or {}
        texts.append(ch.get("published"))
        tokens = set()
        for t in texts:
            if isinstance(t, str):
                tokens |= text_tokens(t)
        nums, pairs = set(), set()
        if kind == "target":
            th = [_dec(rec.get("threshold"))] + [_dec(m.get("threshold")) for m in rec.get("milestones") or []]
            nums |= {x for x in th if x is not None}
            of = _dec(rec.get("of"))
            if of is not None:
                nums.add(of)
                pairs |= {(x, of) for x in th if x is not None}
        else:
            for key in ("numerator", "denominator", "value", "of", "count", "declared_count"):
                x = _dec(rec.get(key))
                if x is not None:
                    nums.add(x)
            x = _dec(ch.get("delta"))
            if x is not None:
                nums.add(abs(x))
            x = _pv_number(rec.get("published_value"))
            if x is not None:
                nums.add(x)
            num, den = _dec(rec.get("numerator")), _dec(rec.get("denominator"))
            if num is not None and den is not None:
                pairs.add((num, den))
            val, of = _dec(rec.get("value")), _dec(rec.get("of"))
            if val is not None and of is not None:
                pairs.add((val, of))
        cells = None
        if kind == "observation" and s.get("appendix") in ("III", "IV") and "service" in rec:
            raw = lines[line - 1]
            q = s.get("quote", "")
            at = raw.find(q)
            if at >= 0 and q:
                first = raw.count("\t", 0, at)
                cells = (first, first + q.count("\t"))
        return Cover(rec.get("id", "?"), kind, line, tokens, nums, pairs, cells)

    for key, kind in (("observations", "observation"), ("targets", "target"),
                      ("claims", "claim"), ("task_groups", "task_group")):
        for rec in doc.get(key, []):
            c = mk(rec, kind)
            if c is not None:
                out.append(c)
    return out


def holds(c: Cover, f: Figure) -> bool:
    v = f.value
    if f.kind == "ratio":
        return v in c.pairs
    return v in c.numbers


def cites(c: Cover, f: Figure) -> bool:
    if c.line != f.line:
        return False
    if f.cell is not None:
        return c.cells is not None and c.cells[0] <= f.cell <= c.cells[1]
    return f.text in c.tokens


def is_covered(f: Figure, by_line: dict[int, list[Cover]]) -> list[str]:
    return [c.rid for c in by_line.get(f.line, []) if cites(c, f) and holds(c, f)]


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lines(seed: Path) -> list[str]:
    return read_seed(seed)


@pytest.fixture(scope="module")
def sf(lines) -> SeedFigures:
    return seed_figures(lines)


@pytest.fixture(scope="module")
def doc() -> dict:
    assert DATASET.exists(), f"{DATASET} is missing; run scripts/import_seed.py"
    return json.loads(DATASET.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_line(doc, lines) -> dict[int, list[Cover]]:
    out: dict[int, list[Cover]] = {}
    for c in covers_of(doc, lines):
        out.setdefault(c.line, []).append(c)
    return out


@pytest.fixture(scope="module")
def allowlist() -> dict[tuple[int, str], str]:
    out = {}
    with ALLOWLIST.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    assert rows and rows[0] == ["line", "figure", "reason"], "header must be: line, figure, reason"
    for r in rows[1:]:
        assert len(r) == 3, f"{ALLOWLIST}: bad row {r}"
        line, fig, reason = int(r[0]), r[1].strip(), r[2].strip()
        assert reason, f"{ALLOWLIST}: line {line} figure {fig}: a reason is required"
        assert (line, fig) not in out, f"{ALLOWLIST}: duplicate entry {line} {fig}"
        out[(line, fig)] = reason
    return out


# --------------------------------------------------------------------------------------
# Tests of the tokenizer itself
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Công văn số 19248/UBND-KSTTHCNC ngày 21/12/2023 báo cáo", []),
    ("Nghị định số 63/2024/NĐ-CP ngày 10/6/2024", []),
    ("theo Quyết định 422/QĐ-TTg ngày 4/4/2022 của Thủ tướng", []),
    ("(kèm theo Báo cáo số: 137 /BC-UBND ngày 28 tháng 6 năm 2024 của Tổ công tác", []),
    ("Tổ công tác Đề án 06 tỉnh; Đề án 06/CP; NQ 175; Công văn 1552", []),
    ("trong 06 tháng đầu năm 2024, quý 2/2024, tháng 7, Quý I/2024, 2022 - 2025", []),
    ("(1) Công văn; (35) Các Báo cáo", []),
    ("##### **2. Đánh giá các tiện ích", []),
    ("**2.2.** Tiếp tục chỉ đạo", []),
    ("CCCD và CMND 9 số; mức độ 3, 4; mức 1 là: 1.073.676 hồ sơ", ["1.073.676"]),
    ("Cục C06 - Bộ Công an; 4G, 5G; duy trì hoạt động ổn định 24/7.", []),
    ("có 27/27 Tổ công tác cấp huyện, 4.353/4.353 tổ; đạt 100%.", ["27/27", "4.353/4.353", "100%"]),
    ("724/1.714 (đạt 42,2%)", ["724/1.714", "42,2%"]),
    ("vốn đã giao là 78,3 tỷ đồng; 120 triệu đồng", ["78,3", "120"]),
    ("đạt tối thiểu 45%theo yêu cầu", ["45%"]),
    ("top 15/63 tỉnh", ["15/63"]),
    ("Từ ngày 16/12/2023-15/06/2024, tại 670/684 Cơ sở", ["670/684"]),
    ("tập huấn 02 lớp với 3.306 học viên (Lớp 1: dành cho; Lớp 2: dành cho)", ["02", "3.306"]),
    ("kiểm duyệt từ 2 đến 3 ngày. 2/ Hệ thống thông tin", ["2", "3"]),
])
def test_tokenizer(text, expected):
    assert [f.text for f in figures_in(text, 1)] == expected


def test_tokenizer_finds_figures(sf):
    # A sanity floor: the seed has well over a hundred measured figures.
    assert len(sf.figures) > 150
    regions = {sf.region[f.line] for f in sf.figures}
    assert {"narrative", "I", "III", "IV"} <= regions


# --------------------------------------------------------------------------------------
# Coverage
# --------------------------------------------------------------------------------------

def _fmt(f: Figure, lines) -> str:
    ln = clean(lines[f.line - 1])
    i = ln.find(f.text.split("/")[0])
    ctx = ln[max(0, i - 50): i + 60].replace("\t", " | ") if i >= 0 else ""
    where = f"line {f.line}" + (f" cell {f.cell}" if f.cell is not None else "")
    return f"{where}: {f.text!r} ({f.kind})  …{ctx}…"


def test_every_figure_is_covered_or_allowlisted(sf, by_line, allowlist, lines):
    missing = [f for f in sf.figures
               if not is_covered(f, by_line) and (f.line, f.text) not in allowlist]
    assert not missing, (
        f"{len(missing)} measured figure(s) of the seed are in no record of {DATASET} "
        f"(add a curated observation, or list them with a reason in {ALLOWLIST.name}):\n  "
        + "\n  ".join(_fmt(f, lines) for f in missing))


def test_allowlist_is_not_stale(sf, by_line, allowlist):
    found: dict[tuple[int, str], list[Figure]] = {}
    for f in sf.figures:
        found.setdefault((f.line, f.text), []).append(f)
    problems = []
    for (line, fig), reason in sorted(allowlist.items()):
        figs = found.get((line, fig))
        if not figs:
            problems.append(f"line {line} {fig!r}: the tokenizer finds no such figure on that line")
        elif all(is_covered(f, by_line) for f in figs):
            problems.append(f"line {line} {fig!r}: now covered by "
                            f"{sorted({r for f in figs for r in is_covered(f, by_line)})}; "
                            f"remove the entry")
    assert not problems, f"stale entries in {ALLOWLIST.name}:\n  " + "\n  ".join(problems)


def test_appendix_iii_iv_rows_have_their_observations(sf, by_line):
    """Each row of Phụ lục III/IV with figures yields the importer's rate observation."""
    rows = {f.line for f in sf.figures if f.cell is not None}
    for n in sorted(rows):
        ids = [c.rid for c in by_line.get(n, []) if c.rid.endswith("-online")]
        assert ids, f"line {n}: no dvc_service_online_rate observation"
