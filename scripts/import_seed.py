#!/usr/bin/env python3
"""Reproducible importer for the da06 seed report.

Reads the seed (Thanh Hóa's H1/2024 Đề án 06 report, Báo cáo 137/BC-UBND,
exported from Word to text) and the curated files under data/curated/, and
writes the framework file data/thanhhoa_2024h1.json (see docs/data-format.md).

    python3 scripts/import_seed.py [--seed PATH] [--out PATH] [--check]
                                   [--curated-dir DIR]

--check regenerates the file in memory and exits 1, with a diff summary, if
the file at --out differs from it.

The seed is read by the general importer (da06.importers: the text reader, the task tables found
by their header cells, the row walk with its groups, continuation lines and numbering gaps); this
script is the seed's overlay: its ids, Phụ lục II as resolution tasks, the service tables of
Phụ lục III and IV, and the curated files.

What is read from the seed (never typed in here):
  * Phụ lục I   -> task_groups (G1..G10) and tasks (T01..T72)      (general task-table reader)
  * Phụ lục II  -> resolution_tasks (R-<section>-<number>)          (general task-table reader)
  * Phụ lục III -> services S3-NN and their observations
  * Phụ lục IV  -> services S4-NN (sub-rows S4-NNa, ...) and their observations
  * rows whose numbering jumps -> gaps (GAP-<appendix>-<from>-<to>)

Curated files (all optional except appendix_indicators.json):
  * thanhhoa_2024h1.base.json      metadata, sources, utility_groups, units, indicators
  * appendix_indicators.json       the indicators the appendix observations use
  * thanhhoa_2024h1.narrative.json observations (numbers parsed here from
                                   `published` by their `parse` hint: "ratio",
                                   "value", "percent", "rank", {"number_at": K},
                                   or {"numerator_at": K, "denominator_at": L}), totals,
                                   targets, claims, gaps, task_indicators

Every record that cites the seed is checked: `source.quote` must be a verbatim
substring of seed line `source.line`, and a curated record's `published` must be
a substring of its quote.  Any violation is fatal (exit 1).

Notes (rates that do not match their numbers, and similar) go to stderr; they
do not change the data, which is kept as printed.

Python 3.11 with the da06 package of this repository (python/, the built core linked in by
tools/dev.sh); nothing else.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import html
import json
import re
import sys
from fractions import Fraction
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The general importer: python/ of this repository (tools/dev.sh links the built core into it).
sys.path.insert(0, str(REPO / "python"))
from da06 import importers  # noqa: E402
SEED_NAME = "000_0be6ffac82be08d1.txt"
DEFAULT_SEED = REPO.parent / "shared" / "seed" / SEED_NAME
DEFAULT_OUT = REPO / "data" / "thanhhoa_2024h1.json"
DEFAULT_CURATED = REPO / "data" / "curated"
BASE_NAME = "thanhhoa_2024h1.base.json"
NARRATIVE_NAME = "thanhhoa_2024h1.narrative.json"
APPENDIX_INDICATORS_NAME = "appendix_indicators.json"

SEED_ID = "seed"
PERIOD = "2024-S1"           # the report's period
UNIT = "TH"                  # Tỉnh Thanh Hóa
CHANGE_AGAINST = "2023-M12"  # "so với tháng 12 năm 2023" (table headers of III and IV)
RATE_INDICATOR = "dvc_service_online_rate"
BENEFICIARIES_INDICATOR = "dvc_service_beneficiaries"
QUOTE_LEN = 120

# Fallbacks used only while the curated base file does not exist yet.
FALLBACK_META = {
    "format": "da06-framework",
    "format_version": 1,
    "id": "thanhhoa-2024h1",
    "province": "Thanh Hóa",
    "report": {"number": "137/BC-UBND", "date": "2024-06-28",
               "issuer": "Tổ công tác Đề án 06 tỉnh Thanh Hóa"},
    "period": {"code": PERIOD, "text": "06 tháng đầu năm 2024"},
}
FALLBACK_UNIT_TH = {"id": UNIT, "name": "Tỉnh Thanh Hóa", "level": "province", "kind": "tỉnh",
                    "valid_from": None, "valid_to": None,
                    "parents": [{"parent": "VN", "from": None, "to": None}]}

META_KEYS = ["format", "format_version", "id", "title", "province", "plan", "report", "period"]
ARRAY_KEYS = ["sources", "utility_groups", "task_groups", "tasks", "resolution_tasks", "services",
              "units", "indicators", "observations", "totals", "targets", "claims", "gaps",
              "validation_rules"]
OBSERVATION_KEYS = ["id", "indicator", "unit", "period", "as_of", "service", "numerator",
                    "denominator", "value", "of", "qualifier", "published", "published_value",
                    "change", "source"]
SOURCE_KEYS = ["document", "section", "appendix", "row", "line", "quote"]
IMPORTER_ONLY_KEYS = {"parse", "number_at"}


class FatalError(Exception):
    """An error that must stop the import (exit 1)."""


def note(msg: str) -> None:
    print(f"import_seed: note: {msg}", file=sys.stderr)


# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------

# Tags of the Word->HTML export. Only these are stripped, so "<http://...>" stays text.
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|br|div|table|tr|td|th|h[1-6])\b[^>]*>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|sup|sub|font|a)\b[^>]*>", re.I)
_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    """Verbatim-text normalisation of the data format: strip the export's HTML tags
    (block boundaries become spaces), unescape entities, collapse whitespace, trim."""
    text = _BLOCK_TAG.sub(" ", text)
    text = _INLINE_TAG.sub("", text)
    text = html.unescape(text)
    return _WS.sub(" ", text).strip()


def join_parts(parts: list[str]) -> str:
    return _WS.sub(" ", " ".join(p for p in parts if p)).strip()


_LEADING_TAGS = re.compile(r"^(?:\s|<[^<>]*>)*")


def quote_of(raw_cell: str, maxlen: int = QUOTE_LEN) -> str:
    """A verbatim excerpt of a raw cell: its beginning, without leading tags, cut before
    the next tag and at `maxlen` characters."""
    s = raw_cell[_LEADING_TAGS.match(raw_cell).end():]
    cut = s.find("<")
    if cut > 0:
        s = s[:cut]
    s = s[:maxlen].rstrip()
    return s if s else raw_cell.strip()[:maxlen]


def is_page_break(line: str) -> bool:
    cells = line.split("\t")
    return any("-" in c for c in cells) and all(re.fullmatch(r"\s*-*\s*", c) for c in cells)


# --------------------------------------------------------------------------------------
# Vietnamese numbers
# --------------------------------------------------------------------------------------

_INT_VN = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_DEC_VN = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+),(\d+)")
NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")


def parse_int_vn(text: str) -> int:
    """'113.616' -> 113616, '2573' -> 2573, '03' -> 3. Anything else is fatal."""
    t = text.strip()
    if not _INT_VN.fullmatch(t):
        raise FatalError(f"not a Vietnamese integer: {text!r}")
    return int(t.replace(".", ""))


def number_value(token: str) -> int | str:
    """A number token as printed -> int, or exact decimal string ('9,293' -> '9.293')."""
    if _INT_VN.fullmatch(token):
        return int(token.replace(".", ""))
    m = _DEC_VN.fullmatch(token)
    if m:
        return f"{int(m.group(1).replace('.', ''))}.{m.group(2)}"
    raise FatalError(f"not a Vietnamese number: {token!r}")


def is_int_vn(text: str) -> bool:
    return bool(_INT_VN.fullmatch(text.strip()))


_PERCENT_CELL = re.compile(r"(\d+)(?:,(\d+))?%")


def parse_percent_cell(text: str) -> tuple[Fraction, int]:
    """'99,93%' -> (Fraction(9993, 100), 2)."""
    m = _PERCENT_CELL.fullmatch(text.strip())
    if not m:
        raise FatalError(f"not a printed percentage: {text!r}")
    frac = m.group(2) or ""
    return Fraction(int(m.group(1) + frac), 10 ** len(frac)), len(frac)


def round_half_up(x: Fraction, decimals: int) -> Fraction:
    scale = 10 ** decimals
    return Fraction((x * scale + Fraction(1, 2)).__floor__(), scale)


_CHANGE = re.compile(r"(Tăng|Giảm)\s+(\d{1,3}(?:\.\d{3})+|\d+)(?!\d)")


def parse_change(text: str) -> int:
    """'Tăng 95.698 hồ sơ' -> 95698, 'Giảm 3 hồ sơ' -> -3."""
    m = _CHANGE.match(text.strip())
    if not m:
        raise FatalError(f"not a printed change: {text!r}")
    value = parse_int_vn(m.group(2))
    return value if m.group(1) == "Tăng" else -value


# --------------------------------------------------------------------------------------
# The seed
# --------------------------------------------------------------------------------------

class Seed:
    def __init__(self, path: Path):
        raw = path.read_bytes()
        self.path = path
        self.sha256 = hashlib.sha256(raw).hexdigest()
        text = raw.decode("utf-8")
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        self.lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]

    def line(self, n: int) -> str:
        return self.lines[n - 1]

    def appendices(self) -> dict[str, tuple[int, int]]:
        """Roman numeral -> (first line, last line) of each 'Phụ lục' block."""
        starts = []
        for i, ln in enumerate(self.lines, start=1):
            m = re.fullmatch(r"\*\*Phụ lục ([IVX]+)\*\*\s*", ln)
            if m:
                starts.append((m.group(1), i))
        out = {}
        for k, (roman, start) in enumerate(starts):
            end = starts[k + 1][1] - 1 if k + 1 < len(starts) else len(self.lines)
            if roman in out:
                raise FatalError(f"Phụ lục {roman} appears twice in the seed")
            out[roman] = (start, end)
        for roman in ("I", "II", "III", "IV"):
            if roman not in out:
                raise FatalError(f"Phụ lục {roman} not found in the seed")
        return out


def src(appendix: str, row: str | None, line: int, quote: str) -> dict:
    s = {"document": SEED_ID, "appendix": appendix}
    if row is not None:
        s["row"] = row
    s["line"] = line
    s["quote"] = quote
    return s


# --------------------------------------------------------------------------------------
# Generic table reader
# --------------------------------------------------------------------------------------

class Row:
    """One table row: its first line plus the continuation fragments joined into it."""

    def __init__(self, kind: str, number: str, line: int, raw: str):
        self.kind = kind            # "row" | "sub"
        self.number = number        # as printed ("12"), or "1a" for sub-rows
        self.line = line
        self.raw = raw
        self.raw_cells = raw.split("\t")
        self.parts: list[list[str]] = [[c] if c else [] for c in (clean(x) for x in self.raw_cells)]
        self.continuations: list[int] = []
        self.parent: "Row | None" = None

    def cell(self, i: int) -> str:
        return join_parts(self.parts[i]) if i < len(self.parts) else ""

    def raw_cell(self, i: int) -> str:
        return self.raw_cells[i] if i < len(self.raw_cells) else ""

    def add(self, i: int, text: str) -> None:
        while len(self.parts) <= i:
            self.parts.append([])
        self.parts[i].append(text)


# Continuation lines whose cells are not aligned with the row they continue. Each fix
# is keyed by content (not line number) and must be used exactly once.
COLUMN_FIXES = [
    {
        # Phụ lục III row 25 continues on a 14-cell line after a page break: its cells 12
        # and 13 continue the row's cells 11 ("... nhận biên lai giấy,") and
        # 12 ("... có trách nhiệm tuyên, hướng"), not cells 12 and 13.
        "appendix": "III",
        "match": (12, "để thực hiện hồ sơ điện tử trên hệ thống DVC"),
        "map": {12: 11, 13: 12},
    },
]


class TableReader:
    """Walks the lines of one appendix table.

    `classify(cells, raw)` returns one of
      ("row", number) | ("sub", None) | ("header", payload) | ("cont", None)
    Continuation lines are held until the next numbered row: they are joined into the
    previous row only if that next row follows it (no numbering gap); otherwise they are
    orphans of a lost row and are reported with the gap.
    """

    def __init__(self, seed: Seed, appendix: str, first: int, last: int, classify,
                 restart_on_header: bool):
        self.seed = seed
        self.appendix = appendix
        self.first = first
        self.last = last
        self.classify = classify
        self.restart_on_header = restart_on_header
        self.rows: list[Row] = []
        self.headers: list[tuple[int, object]] = []
        self.gaps: list[dict] = []
        self.fixes_used: dict[int, int] = {}

    def header_before(self, line: int):
        """(line, payload) of the last header above `line`, or None."""
        found = None
        for n, payload in self.headers:
            if n < line:
                found = (n, payload)
        return found

    def run(self) -> None:
        last_main: Row | None = None
        last_row: Row | None = None
        pending: list[tuple[int, list[str]]] = []
        header_since_last = False
        for n in range(self.first, self.last + 1):
            raw = self.seed.line(n)
            if not raw.strip() or is_page_break(raw):
                continue
            cells = [clean(c) for c in raw.split("\t")]
            kind, payload = self.classify(cells, raw, last_main)
            if kind == "header":
                self.headers.append((n, payload))
                header_since_last = True
            elif kind == "row":
                number = int(payload)
                if last_main is not None:
                    prev = int(last_main.number)
                    restart = header_since_last and self.restart_on_header and number == 1
                    if number == prev + 1 or restart:
                        self._attach(last_row, pending)
                    elif number > prev + 1:
                        self.gaps.append({"from": prev + 1, "to": number - 1, "before_line": n,
                                          "before_raw": raw, "before_number": payload,
                                          "orphans": pending})
                    else:
                        raise FatalError(f"Phụ lục {self.appendix} line {n}: row {number} "
                                         f"does not follow row {prev}")
                elif pending:
                    raise FatalError(f"Phụ lục {self.appendix}: continuation lines before the "
                                     f"first row (lines {[p[0] for p in pending]})")
                pending = []
                row = Row("row", payload, n, raw)
                self.rows.append(row)
                last_main = last_row = row
                header_since_last = False
            elif kind == "sub":
                if last_main is None:
                    raise FatalError(f"Phụ lục {self.appendix} line {n}: sub-row without a parent")
                self._attach(last_row, pending)
                pending = []
                sub_index = sum(1 for r in self.rows if r.parent is last_main)
                row = Row("sub", f"{last_main.number}{chr(ord('a') + sub_index)}", n, raw)
                row.parent = last_main
                self.rows.append(row)
                last_row = row
            elif kind == "cont":
                pending.append((n, cells))
            else:
                raise FatalError(f"Phụ lục {self.appendix} line {n}: unrecognised line: {raw[:80]!r}")
        if pending:
            self._attach(last_row, pending)
        for k, fix in enumerate(COLUMN_FIXES):
            if fix["appendix"] == self.appendix and self.fixes_used.get(k, 0) != 1:
                raise FatalError(f"column fix {fix['match']} for Phụ lục {self.appendix} was used "
                                 f"{self.fixes_used.get(k, 0)} times, expected once")

    def _column_map(self, cells: list[str]) -> dict[int, int]:
        for k, fix in enumerate(COLUMN_FIXES):
            col, prefix = fix["match"]
            if fix["appendix"] == self.appendix and col < len(cells) and cells[col].startswith(prefix):
                self.fixes_used[k] = self.fixes_used.get(k, 0) + 1
                return fix["map"]
        return {}

    def _attach(self, row: Row | None, pending: list[tuple[int, list[str]]]) -> None:
        for n, cells in pending:
            if row is None:
                raise FatalError(f"Phụ lục {self.appendix} line {n}: continuation without a row")
            cmap = self._column_map(cells)
            nonempty = [i for i, c in enumerate(cells) if c]
            if len(cells) == 1:
                # A bare line: it can only continue the last non-empty cell.
                target = max((i for i, p in enumerate(row.parts) if p), default=1)
                row.add(target, cells[0])
                note(f"Phụ lục {self.appendix} line {n}: untabbed continuation joined into "
                     f"cell {target} of row {row.number}")
            else:
                for i in nonempty:
                    row.add(cmap.get(i, i), cells[i])
            row.continuations.append(n)


# --------------------------------------------------------------------------------------
# Phụ lục I and II: task tables, read by the general importer (da06.importers)
# --------------------------------------------------------------------------------------

# Log codes of the general row walk that mean the seed is not what this importer expects.
_FATAL_CODES = {"row.extra_cells", "row.not_understood", "row.unattached", "numbering.repeat", "numbering.back",
                "numbering.start", "task.no_title"}


def _task_table(doc, appendix: str, first: int, last: int):
    """The task table of one appendix, found by its header cells and walked by the general importer."""
    table = next((t for t in doc.tables if first <= t.line <= last), None)
    if table is None:
        raise FatalError(f"Phụ lục {appendix}: no table in lines {first}-{last}")
    log = importers.ImportLog()
    header = importers.find_header(table, "report", log, doc)
    if header is None or header.kind != "task":
        raise FatalError(f"Phụ lục {appendix} (line {table.line}): no task-table header")
    walk = importers.walk_table(doc, table, header, log)
    for e in log.entries:
        if e.code in _FATAL_CODES:
            raise FatalError(f"Phụ lục {appendix}: {e}")
        if e.code == "row.continued":
            note(f"Phụ lục {appendix} {e.where}: {e.message}")
    return header, walk


def _gap(skip) -> dict:
    """A numbering gap of the general walk, in the form make_gap takes."""
    return {"from": skip.first, "to": skip.last, "before_line": skip.before.row.line,
            "before_raw": skip.before.row.raw, "before_number": skip.before.printed,
            "orphans": [(r.line, [c.text for c in r.cells]) for r in skip.orphans]}


def import_appendix_i(doc, first: int, last: int):
    header, walk = _task_table(doc, "I", first, last)
    roles = header.roles
    groups = []
    gid_of: dict[int, str] = {}
    for g in walk.groups:
        if not g.numeral or not g.declared_count:
            raise FatalError(f"Phụ lục I line {g.row.line}: a group header without a numeral or a count: {g.published!r}")
        gid = f"G{len(groups) + 1}"
        gid_of[id(g)] = gid
        raw_cells = g.row.raw.split("\t")
        raw_title = raw_cells[1] if len(raw_cells) > 1 and raw_cells[1].strip() else raw_cells[0]
        groups.append({"id": gid, "number": g.numeral, "title": g.title, "declared_count": g.declared_count,
                       "published": g.published,
                       "source": src("I", g.numeral, g.row.line, quote_of(raw_title))})

    tasks = []
    for rec in walk.records:
        if rec.group is None:
            raise FatalError(f"Phụ lục I row {rec.printed} (line {rec.row.line}): no group header above it")
        num = int(rec.printed)
        tasks.append({
            "id": f"T{num:02d}",
            "number": num,
            "group": gid_of[id(rec.group)],
            "title": rec.cell(roles["title"]),
            "lead": rec.cell(roles["lead"]),
            "coordinating": rec.cell(roles["coordinating"]),
            "deadline_text": rec.cell(roles["deadline"]),
            "progress_text": rec.cell(roles["progress"]),
            "source": src("I", rec.printed, rec.row.line, quote_of(rec.row.cells[roles["title"]].raw)),
        })
    return groups, tasks, [_gap(s) for s in walk.skips]


def _find_table_header(seed: Seed, first: int, last: int, first_cell: str, min_cells: int) -> int:
    for n in range(first, last + 1):
        cells = seed.line(n).split("\t")
        if clean(cells[0]) == first_cell and len(cells) >= min_cells:
            return n
    raise FatalError(f"table header '{first_cell}' not found in lines {first}-{last}")


def _sub_header(seed: Seed, header_line: int, expected: list[str]) -> int:
    """The line after the header row holding the sub-column titles; returns the line
    after it. Every `expected` title must be present."""
    n = header_line + 1
    cells = [clean(c) for c in seed.line(n).split("\t")]
    if cells[0] or not all(e in cells for e in expected):
        raise FatalError(f"line {n}: expected the sub-header row with {expected}")
    return n + 1


def import_appendix_ii(doc, first: int, last: int):
    """Phụ lục II (the tasks of Nghị quyết 175): a task table whose rows are kept as resolution_tasks,
    its columns by position (the sub-header splits "Kết quả" into done / not done)."""
    header, walk = _task_table(doc, "II", first, last)
    for col, name in ((6, "Kết quả - Đã hoàn thành"), (7, "Kết quả - Chưa hoàn thành")):
        if col >= len(header.names) or header.names[col] != name:
            raise FatalError(f"Phụ lục II: expected the sub-header {name!r} in column {col + 1}")
    out = []
    seen = set()
    for rec in walk.records:
        if rec.group is None:
            raise FatalError(f"Phụ lục II line {rec.row.line}: no section header above it")
        sec = rec.group.numeral
        rid = f"R-{sec}-{rec.printed}"
        if rid in seen:
            raise FatalError(f"Phụ lục II: duplicate row {rid}")
        seen.add(rid)
        out.append({
            "id": rid,
            "section": sec,
            "number": rec.printed,
            "lead": rec.cell(1),
            "title": rec.cell(2),
            "coordinating": rec.cell(3),
            "directive": rec.cell(4),
            "deadline_text": rec.cell(5),
            "done_text": rec.cell(6),
            "not_done_text": rec.cell(7),
            "reason": rec.cell(8),
            "source": src("II", f"{sec}.{rec.printed}", rec.row.line, quote_of(rec.row.cells[2].raw)),
        })
    gaps = []
    for skip in walk.skips:
        g = _gap(skip)
        g["section"] = skip.before.group.numeral if skip.before.group else None
        gaps.append(g)
    return out, gaps


# --------------------------------------------------------------------------------------
# Phụ lục III and IV: services and their figures
# --------------------------------------------------------------------------------------

def import_services(seed: Seed, appendix: str, first: int, last: int):
    header_first = "Số TT" if appendix == "III" else "STT"
    header_line = _find_table_header(seed, first, last, header_first, 12)
    body = _sub_header(seed, header_line, ["Tổng số tiền tiết kiệm", "Chi phí tiết kiệm cho người dân"])
    # Columns: 0 number | 1 name | 2 total | 3 online | 4 rate | 5 change
    #          | (III only) 6 beneficiaries | other verbatim columns -> note
    note_from = 7 if appendix == "III" else 6

    def classify(cells, raw, last_main):
        if re.fullmatch(r"\d+", cells[0]):
            return "row", cells[0]
        nonempty = [c for c in cells if c]
        if appendix == "IV" and cells[0] and len(nonempty) == 1 and "<i>" in raw:
            return "header", cells[0]
        if (appendix == "IV" and not cells[0] and len(cells) > 1 and cells[1].startswith("- ")
                and last_main is not None and last_main.cell(1).endswith(":")):
            return "sub", None
        if not cells[0] and any(cells[1:]):
            return "cont", None
        return None, None

    reader = TableReader(seed, appendix, body, last, classify, restart_on_header=False)
    reader.run()

    services, observations = [], []
    prefix = f"S{3 if appendix == 'III' else 4}"
    for row in reader.rows:
        if row.kind == "sub":
            base = int(row.parent.number)
            sid = f"{prefix}-{base:02d}{row.number[len(row.parent.number):]}"
        else:
            sid = f"{prefix}-{int(row.number):02d}"
        department = None
        if appendix == "IV":
            hdr = reader.header_before(row.line)
            department = hdr[1] if hdr else None
        note_cells = [row.cell(i) for i in range(note_from, len(row.parts)) if row.cell(i)]
        svc = {
            "id": sid,
            "appendix": appendix,
            "number": row.number,
            "name": row.cell(1),
            "department": department,
            "parent": None if row.parent is None else f"{prefix}-{int(row.parent.number):02d}",
        }
        if note_cells:
            svc["note"] = " | ".join(note_cells)
        svc["source"] = src(appendix, row.number, row.line, quote_of(row.raw_cell(1)))
        services.append(svc)
        observations.extend(_service_observations(appendix, row, sid))
    return services, observations, reader.gaps


def _raw_span(row: Row, first: int, last: int) -> str:
    """Verbatim tab-joined raw cells first..last of the row's first line."""
    return "\t".join(row.raw_cells[first:last + 1]).strip()


def _service_observations(appendix: str, row: Row, sid: str) -> list[dict]:
    total_s, online_s, rate_s, change_s = (row.cell(i) for i in (2, 3, 4, 5))
    where = f"Phụ lục {appendix} row {row.number} (line {row.line})"
    for i in ((2, 3, 4, 5, 6) if appendix == "III" else (2, 3, 4, 5)):
        if i < len(row.parts) and len(row.parts[i]) > 1:
            raise FatalError(f"{where}: figure cell {i} spans several lines")
    if not (total_s or online_s or rate_s):
        if change_s or (appendix == "III" and row.cell(6)):
            raise FatalError(f"{where}: a change or beneficiary figure without totals")
        return []
    if not (total_s and online_s and rate_s):
        raise FatalError(f"{where}: incomplete figures {total_s!r} {online_s!r} {rate_s!r}")
    den = parse_int_vn(total_s)
    num = parse_int_vn(online_s)
    if den <= 0:
        raise FatalError(f"{where}: total {den} is not positive")
    if num > den:
        raise FatalError(f"{where}: online {num} exceeds total {den}")
    printed, decimals = parse_percent_cell(rate_s)
    exact = Fraction(100 * num, den)
    if round_half_up(exact, decimals) != printed:
        note(f"{where}: printed rate {rate_s} but {num}/{den} = "
             f"{float(exact):.{decimals + 3}f}% (kept as printed)")
    last_fig = 5 if change_s else 4
    obs = {
        "id": f"O-{sid}-online",
        "indicator": RATE_INDICATOR,
        "unit": UNIT,
        "period": PERIOD,
        "service": sid,
        "numerator": num,
        "denominator": den,
        "published": rate_s,
        "published_value": rate_s,
    }
    if change_s:
        delta = parse_change(change_s)
        # The change column does not say whether it refers to the online count or to the
        # total; it is recorded against the numerator (see the importer report).
        if num - delta < 0:
            note(f"{where}: change {change_s!r} gives a negative earlier online count")
        obs["change"] = {"against": CHANGE_AGAINST, "delta": delta, "of": "numerator",
                         "published": change_s}
    obs["source"] = src(appendix, row.number, row.line, _raw_span(row, 2, last_fig))
    out = [obs]
    if appendix == "III":
        ben_s = row.cell(6)
        if ben_s:
            if not is_int_vn(ben_s):
                raise FatalError(f"{where}: beneficiaries cell is not a number: {ben_s!r}")
            value = parse_int_vn(ben_s)
            if value != num:
                note(f"{where}: beneficiaries {value} differ from the online count {num}")
            out.append({
                "id": f"O-{sid}-beneficiaries",
                "indicator": BENEFICIARIES_INDICATOR,
                "unit": UNIT,
                "period": PERIOD,
                "service": sid,
                "value": value,
                "published": ben_s,
                "source": src(appendix, row.number, row.line, _raw_span(row, 4, 6)),
            })
    return out


# --------------------------------------------------------------------------------------
# Gaps
# --------------------------------------------------------------------------------------

def make_gap(appendix: str, g: dict, seed: Seed) -> dict:
    rows = f"{g['from']}-{g['to']}" if g["to"] > g["from"] else f"{g['from']}"
    dash_rows = rows.replace("-", "–")
    before = g["before_number"]
    text = (f"Rows {dash_rows} of Appendix {appendix} were lost in the export; not reconstructed.")
    if appendix == "II":
        text += (f" The export goes from row {g['from'] - 1} to row {before} without a section "
                 f"header in between; rows {before}.. are kept under the last printed section "
                 f"({g.get('section')}), although a lost section header may have preceded them.")
    for n, cells in g["orphans"]:
        frag = " | ".join(c for c in cells if c)
        text += (f" A fragment of the lost rows survives at line {n} (\"{frag}\"); it is not "
                 f"attached to row {g['from'] - 1}.")
    raw_cells = g["before_raw"].split("\t")
    name_cell = raw_cells[2] if appendix == "II" and len(raw_cells) > 2 else (
        raw_cells[1] if len(raw_cells) > 1 else raw_cells[0])
    return {
        "id": f"GAP-{appendix}-{rows}",
        "appendix": appendix,
        "rows": rows,
        "note": text,
        "source": src(appendix, f"{g['section']}.{before}" if appendix == "II" else before,
                      g["before_line"], quote_of(name_cell)),
    }


# --------------------------------------------------------------------------------------
# Curated files
# --------------------------------------------------------------------------------------

def _strip_json_comments(text: str) -> str:
    out, i, n = [], 0, len(text)
    in_str = False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_str = False
            i += 1
        elif c == '"':
            in_str = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise FatalError("unterminated /* comment")
            out.append(" ")
            i = j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load_json(path: Path):
    try:
        return json.loads(_strip_json_comments(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as e:
        raise FatalError(f"{path}: invalid JSON: {e}") from None


_RATIO = re.compile(r"(\d+(?:[.,]\d+)*)\s*/\s*(\d+(?:[.,]\d+)*)")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)*)\s?%")
_RANK = re.compile(r"(?:top\s*)?(\d+)\s*/\s*(\d+)", re.I)


def _as_int(token: str, rid: str) -> int:
    v = number_value(token)
    if not isinstance(v, int):
        raise FatalError(f"observation {rid}: {token!r} is not an integer")
    return v


def apply_parse(obs: dict) -> dict:
    """Fill the numbers of a curated observation from its `published` text."""
    rid = obs.get("id", "?")
    pub = obs.get("published")
    hint = obs.get("parse")
    k = obs.get("number_at")
    at: dict = {}
    if isinstance(hint, dict):
        unknown = set(hint) - {"number_at", "numerator_at", "denominator_at"}
        if unknown or not hint:
            raise FatalError(f"observation {rid}: unknown parse hint keys {sorted(unknown) or hint}")
        if ("numerator_at" in hint) != ("denominator_at" in hint) or (
                "number_at" in hint and "numerator_at" in hint):
            raise FatalError(f"observation {rid}: parse needs number_at, or both numerator_at "
                             f"and denominator_at")
        k = hint.get("number_at", k)
        at = {key: hint[key] for key in ("numerator_at", "denominator_at") if key in hint}
        hint = None
    elif hint is not None and not isinstance(hint, str):
        raise FatalError(f"observation {rid}: parse must be a string or an object")
    if hint is None and k is None and not at:
        return {}
    if not isinstance(pub, str):
        raise FatalError(f"observation {rid}: a parse hint needs a `published` text")
    filled: dict = {}
    for key, pos in list(at.items()) + ([("number_at", k)] if k is not None else []):
        if not isinstance(pos, int) or isinstance(pos, bool) or pos < 0:
            raise FatalError(f"observation {rid}: {key} must be a non-negative integer")
    if at:
        # Extension: a ratio not printed as "A/B" ("A ... trên tổng số B"): the K-th
        # numbers (0-based) of `published` are the numerator and the denominator.
        tokens = NUMBER_TOKEN.findall(pub)
        if max(at.values()) >= len(tokens):
            raise FatalError(f"observation {rid}: {at} but {pub!r} has {len(tokens)} numbers")
        filled["numerator"] = _as_int(tokens[at["numerator_at"]], rid)
        filled["denominator"] = _as_int(tokens[at["denominator_at"]], rid)
        if filled["denominator"] <= 0:
            raise FatalError(f"observation {rid}: denominator is not positive")
        if filled["numerator"] > filled["denominator"]:
            raise FatalError(f"observation {rid}: numerator exceeds denominator in {pub!r}")
    elif k is not None:
        tokens = NUMBER_TOKEN.findall(pub)
        if k >= len(tokens):
            raise FatalError(f"observation {rid}: number_at {k} but {pub!r} has "
                             f"{len(tokens)} numbers")
        filled["value"] = number_value(tokens[k])
    elif hint == "ratio":
        m = _RATIO.search(pub)
        if not m:
            raise FatalError(f"observation {rid}: no 'A/B' in {pub!r}")
        filled["numerator"] = _as_int(m.group(1), rid)
        filled["denominator"] = _as_int(m.group(2), rid)
        if filled["denominator"] <= 0:
            raise FatalError(f"observation {rid}: denominator is not positive")
        if filled["numerator"] > filled["denominator"]:
            raise FatalError(f"observation {rid}: numerator exceeds denominator in {pub!r}")
    elif hint == "value":
        tokens = NUMBER_TOKEN.findall(pub)
        if not tokens:
            raise FatalError(f"observation {rid}: no number in {pub!r}")
        filled["value"] = number_value(tokens[0])
    elif hint == "percent":
        m = _PERCENT.search(pub)
        if not m:
            raise FatalError(f"observation {rid}: no percentage in {pub!r}")
        v = number_value(m.group(1))
        filled["value"] = str(v) if isinstance(v, int) else v
    elif hint == "rank":
        m = _RANK.search(pub)
        if not m:
            raise FatalError(f"observation {rid}: no rank 'N/M' in {pub!r}")
        filled["value"] = int(m.group(1))
        filled["of"] = int(m.group(2))
    else:
        raise FatalError(f"observation {rid}: unknown parse hint {hint!r}")
    if hint in ("ratio", "percent") and "published_value" not in obs:
        m = _PERCENT.search(pub)
        if m:
            filled["published_value"] = m.group(0)
    for key, val in filled.items():
        if key in obs and obs[key] != val:
            raise FatalError(f"observation {rid}: curated {key}={obs[key]!r} but published "
                             f"{pub!r} reads {val!r}")
    return filled


def ordered(rec: dict, keys: list[str]) -> dict:
    out = {k: rec[k] for k in keys if k in rec}
    for k, v in rec.items():
        if k not in out and k not in IMPORTER_ONLY_KEYS:
            out[k] = v
    if isinstance(out.get("source"), dict):
        out["source"] = ordered(out["source"], SOURCE_KEYS)
    return out


def check_source(rec: dict, what: str, seed: Seed, errors: list[str], curated: bool) -> None:
    rid = rec.get("id", "?")
    s = rec.get("source")
    if not isinstance(s, dict):
        if curated:
            errors.append(f"{what} {rid}: no source")
        return
    if s.get("document") != SEED_ID:
        note(f"{what} {rid}: source document {s.get('document')!r} not checked")
        return
    line, quote = s.get("line"), s.get("quote")
    if not isinstance(line, int) or isinstance(line, bool) or not 1 <= line <= len(seed.lines):
        errors.append(f"{what} {rid}: source.line {line!r} is not a line of the seed")
        return
    if not isinstance(quote, str) or not quote:
        errors.append(f"{what} {rid} (line {line}): source.quote is missing")
        return
    if quote not in seed.line(line):
        errors.append(f"{what} {rid} (line {line}): source.quote is not a verbatim substring "
                      f"of seed line {line}: {quote[:80]!r}")
        return
    pub = rec.get("published")
    if curated and isinstance(pub, str) and pub not in quote:
        errors.append(f"{what} {rid} (line {line}): published {pub!r} is not a substring of "
                      f"its source.quote")


# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------

def build(seed: Seed, curated_dir: Path) -> dict:
    app = seed.appendices()
    doc = importers.read_text(seed.path)
    groups, tasks, gaps_i = import_appendix_i(doc, *app["I"])
    resolution, gaps_ii = import_appendix_ii(doc, *app["II"])
    services_iii, obs_iii, gaps_iii = import_services(seed, "III", *app["III"])
    services_iv, obs_iv, gaps_iv = import_services(seed, "IV", *app["IV"])

    gaps = ([make_gap("I", g, seed) for g in gaps_i] + [make_gap("II", g, seed) for g in gaps_ii]
            + [make_gap("III", g, seed) for g in gaps_iii] + [make_gap("IV", g, seed) for g in gaps_iv])

    # Group counts: declared vs actual.
    for g in groups:
        actual = sum(1 for t in tasks if t["group"] == g["id"])
        if actual != g["declared_count"]:
            note(f"task group {g['id']} ({g['number']}) declares {g['declared_count']} tasks "
                 f"but has {actual}")

    # ---- curated: base
    base_path = curated_dir / BASE_NAME
    if base_path.exists():
        base = load_json(base_path)
    else:
        note(f"{base_path} does not exist yet; using fallback metadata")
        base = None
    ind_path = curated_dir / APPENDIX_INDICATORS_NAME
    if not ind_path.exists():
        raise FatalError(f"{ind_path} is missing")
    my_indicators = load_json(ind_path)["indicators"]

    doc: dict = {}
    meta_src = base if base is not None else FALLBACK_META
    for k in META_KEYS:
        if k in meta_src:
            doc[k] = meta_src[k]
    if base is not None:
        for k, v in base.items():
            if k not in META_KEYS and k not in ARRAY_KEYS and not k.startswith("_"):
                doc[k] = v

    sources = list(base.get("sources", [])) if base else []
    seed_source = {"id": SEED_ID, "title": "Báo cáo 137/BC-UBND ngày 28/06/2024 (bản xuất từ Word)",
                   "file": SEED_NAME}
    for i, s in enumerate(sources):
        if s.get("id") == SEED_ID:
            seed_source = dict(s)
            sources[i] = seed_source
            break
    else:
        sources.insert(0, seed_source)
    seed_source.setdefault("file", SEED_NAME)
    seed_source["sha256"] = seed.sha256
    seed_source["lines"] = len(seed.lines)
    idx = next(i for i, s in enumerate(sources) if s.get("id") == SEED_ID)
    sources[idx] = ordered(seed_source, ["id", "title", "file", "sha256", "lines"])
    doc["sources"] = sources

    if base is not None:
        doc["utility_groups"] = base.get("utility_groups", [])
    else:
        doc["utility_groups"] = [{"id": "U1", "number": 1, "name": "Nhóm tiện ích phục vụ giải "
                                  "quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến"}]
    doc["task_groups"] = groups
    doc["tasks"] = tasks
    doc["resolution_tasks"] = resolution
    doc["services"] = services_iii + services_iv

    units = list(base.get("units", [])) if base else []
    if not any(u.get("id") == UNIT for u in units):
        if base is not None:
            note(f"the base file has no unit {UNIT!r}; adding a fallback one")
        units.insert(0, FALLBACK_UNIT_TH)
    doc["units"] = units

    indicators = list(base.get("indicators", [])) if base else []
    known = {i.get("id"): i for i in indicators}
    for ind in my_indicators:
        if ind["id"] in known:
            if known[ind["id"]] != ind:
                note(f"indicator {ind['id']} is defined by the base file too; keeping the base's")
        else:
            indicators.append(ind)
    doc["indicators"] = indicators

    # ---- curated: narrative
    nar_path = curated_dir / NARRATIVE_NAME
    narrative = load_json(nar_path) if nar_path.exists() else {}
    if not nar_path.exists():
        note(f"{nar_path} does not exist yet; no narrative records")

    errors: list[str] = []
    curated_obs = []
    for rec in narrative.get("observations", []):
        try:
            filled = apply_parse(rec)
        except FatalError as e:
            errors.append(str(e))
            filled = {}
        merged = dict(rec)
        merged.update(filled)
        curated_obs.append(ordered(merged, OBSERVATION_KEYS))
    doc["observations"] = obs_iii + obs_iv + curated_obs
    # Totals whose total and parts are different quantities (1.714 = the numerators of 724/1.714 and
    # 990/1.714) use total_quantity / part_quantities; they are ordinary totals in the output.
    doc["totals"] = list(narrative.get("totals", [])) + list(narrative.get("totals_mixed", []))
    doc["targets"] = list(narrative.get("targets", []))
    doc["claims"] = list(narrative.get("claims", []))
    doc["gaps"] = gaps + list(narrative.get("gaps", []))
    if narrative.get("validation_rules"):
        doc["validation_rules"] = list(narrative["validation_rules"])

    for what in ("observations", "totals", "targets", "claims", "gaps"):
        n_own = (len(obs_iii) + len(obs_iv)) if what == "observations" else (
            len(gaps) if what == "gaps" else 0)
        for k, rec in enumerate(doc[what]):
            check_source(rec, what[:-1], seed, errors, curated=k >= n_own)

    task_by_id = {t["id"]: t for t in tasks}
    for tid, inds in narrative.get("task_indicators", {}).items():
        if tid not in task_by_id:
            errors.append(f"task_indicators: unknown task {tid!r}")
            continue
        if not isinstance(inds, list) or not all(isinstance(x, str) for x in inds):
            errors.append(f"task_indicators[{tid}] must be a list of indicator ids")
            continue
        t = task_by_id[tid]
        t_new = {k: v for k, v in t.items() if k != "source"}
        t_new["indicators"] = inds
        t_new["source"] = t["source"]
        t.clear()
        t.update(t_new)

    # Own records must cite the seed verbatim too (a bug here is a bug in the importer).
    for what in ("task_groups", "tasks", "resolution_tasks", "services"):
        for rec in doc[what]:
            check_source(rec, what[:-1], seed, errors, curated=False)

    # Unique ids per array.
    for what in ARRAY_KEYS:
        seen = set()
        for rec in doc.get(what, []):
            rid = rec.get("id")
            if rid in seen:
                errors.append(f"{what}: duplicate id {rid!r}")
            seen.add(rid)

    if errors:
        raise FatalError("curated/source check failed:\n  " + "\n  ".join(errors))
    return doc


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED, help=f"seed text (default {DEFAULT_SEED})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output (default {DEFAULT_OUT})")
    ap.add_argument("--curated-dir", type=Path, default=DEFAULT_CURATED,
                    help=f"directory of the curated files (default {DEFAULT_CURATED})")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if --out differs from a fresh import")
    args = ap.parse_args(argv)

    try:
        if not args.seed.exists():
            raise FatalError(f"seed not found: {args.seed}")
        seed = Seed(args.seed)
        text = render(build(seed, args.curated_dir))
    except FatalError as e:
        print(f"import_seed: error: {e}", file=sys.stderr)
        return 1

    if args.check:
        if not args.out.exists():
            print(f"import_seed: check: {args.out} does not exist", file=sys.stderr)
            return 1
        current = args.out.read_text(encoding="utf-8")
        if current == text:
            return 0
        diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(),
                                         fromfile=str(args.out), tofile="regenerated", lineterm="", n=1))
        changed = sum(1 for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---")))
        print(f"import_seed: check: {args.out} is out of date ({changed} changed lines); "
              f"rerun scripts/import_seed.py", file=sys.stderr)
        for d in diff[:60]:
            print(d, file=sys.stderr)
        if len(diff) > 60:
            print(f"... ({len(diff) - 60} more diff lines)", file=sys.stderr)
        return 1

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    d = json.loads(text)
    print(f"import_seed: wrote {args.out}: {len(d['task_groups'])} task groups, {len(d['tasks'])} tasks, "
          f"{len(d['resolution_tasks'])} resolution tasks, {len(d['services'])} services, "
          f"{len(d['observations'])} observations, {len(d['gaps'])} gaps", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
