"""Readers for text exports of Word documents.

Two layouts are read:

* **tab** (the seed): one table row per line, cells separated by tabs, with the export's HTML
  tags (``<b>``, ``<i>``); a line without tabs inside a table continues the row above; lines of
  dashes are page breaks. A table runs from its first tabbed line to the next bold heading
  (``**Phụ lục II**``).
* **pipe** (the crawled corpus): markdown, one table cell per run of lines, a line holding only
  ``|`` between cells, and two such lines between rows. Rows are rebuilt from the header's column
  count (see ``_PipeTable``). Word layout tables (the letterhead, the signature) come out as
  paragraphs.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ._document import Block, Cell, Document, Paragraph, Row, Table, clean, fold

__all__ = ["read_text", "is_number_cell"]

_PAGE_BREAK = re.compile(r"\s*-*\s*")
_HEADING_LINE = re.compile(r"\s*(\*\*|#)")
# A list item or heading starts a new paragraph inside a run of wrapped lines.
_PARA_START = re.compile(r"\s*(?:[-+•]\s|\*\*|#|\(?\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[IVXLC]+\.\s)")
_NUMBERED_HEADING = re.compile(r"\s*(?:\d+(?:\.\d+)*\.|[IVXLC]+\.)\s")
# What a table's number cell holds: "1", "1.", "12a", "I", "II.", "III.1", "III.1.2", "a)".
_NUMBER_CELL = re.compile(r"(?:\d{1,3}[a-z]?|[IVXLC]{1,6}(?:\.\d{1,3})*|[a-zđ])[.)]?", re.I)


def is_number_cell(text: str) -> bool:
    """Does a first cell look like a row number ("1", "2.", "I", "III.1", "a)")?"""
    return bool(_NUMBER_CELL.fullmatch(text.strip().strip("*").strip()))


def read_text(path: str | Path) -> Document:
    """Read a text export (UTF-8, an optional byte-order mark). The layout is chosen from the
    content: lines holding only ``|`` make it the pipe layout, else tabs the tab layout, else it is
    plain text (paragraphs only; read as the tab layout)."""
    p = Path(path)
    raw = p.read_bytes()
    text = raw.decode("utf-8-sig")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    pipes = sum(1 for ln in lines if ln.strip() == "|")
    fmt = "pipe" if pipes >= 3 else "tab" if any("\t" in ln for ln in lines) else "text"
    blocks = _read_pipe(lines) if fmt == "pipe" else _read_tab(lines)
    return Document(path=str(path), name=p.name, format=fmt, sha256=hashlib.sha256(raw).hexdigest(),
                    blocks=blocks, lines=lines)


# ---------------------------------------------------------------------------------------------
# tab layout

def _is_page_break(line: str) -> bool:
    cells = line.split("\t")
    return any("-" in c for c in cells) and all(_PAGE_BREAK.fullmatch(c) for c in cells)


def _read_tab(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    table: Table | None = None
    headings: list[str] = []
    n_tables = 0
    for n, line in enumerate(lines, start=1):
        if "\t" in line:
            if table is None:
                n_tables += 1
                table = Table(number=n_tables, rows=[], line=n, heading=_heading(headings))
                blocks.append(table)
            if _is_page_break(line):
                continue
            cells = [Cell(clean(c), raw=c, line=n, bold=_is_bold(c)) for c in line.split("\t")]
            table.rows.append(Row(cells, index=len(table.rows) + 1, line=n, raw=line))
            continue
        if not line.strip():
            continue
        if table is not None and not _HEADING_LINE.match(line):
            # a bare line inside a table continues the row above
            table.rows.append(Row([Cell(clean(line), raw=line, line=n)], index=len(table.rows) + 1, line=n, raw=line,
                                  continuation=True))
            continue
        table = None
        t = clean(line, markdown=True)
        if t:
            blocks.append(Paragraph(t, raw=line, line=n, bold=line.lstrip().startswith("**"), lines=[(n, line)]))
            headings.append(t)
    return blocks


def _is_bold(raw: str) -> bool:
    s = raw.strip()
    return s.startswith("<b>") or s.startswith("<strong>") or (s.startswith("**") and s.endswith("**") and len(s) > 4)


def _heading(previous: list[str]) -> str:
    """The nearest "Phụ lục …" among the last paragraphs, else the last short one."""
    recent = previous[-6:]
    for t in reversed(recent):
        if fold(t).startswith("phu luc"):
            return t
    for t in reversed(recent):
        if len(t) <= 120:
            return t
    return ""


# ---------------------------------------------------------------------------------------------
# pipe layout

@dataclass
class _Seg:
    lines: list[tuple[int, str]]  # (line number, raw) of the non-blank and blank lines between pipes
    pipes_after: int              # how many '|' lines follow before the next segment
    first_pipe: int               # line of the first of those pipes (0 when none)

    @property
    def text(self) -> str:
        return clean(" ".join(r for _, r in self.lines), markdown=True)

    def cell(self) -> Cell:
        quote_line, quote = _quote_line(self.lines)
        bold = all(r.strip().startswith("**") or r.strip().startswith("*") for _, r in self.lines if r.strip())
        return Cell(self.text, raw=quote, line=quote_line, bold=bold)


def _quote_line(lines: list[tuple[int, str]]) -> tuple[int, str]:
    """The line a cell is quoted from: its first line of at least 12 characters, else its first."""
    body = [(n, r) for n, r in lines if r.strip()]
    if not body:
        return 0, ""
    for n, r in body:
        if len(r.strip()) >= 12:
            return n, r.strip()
    return body[0][0], body[0][1].strip()


def _segments(lines: list[str]) -> tuple[list[_Seg], int]:
    """The file as text segments between '|' lines; blank-only segments vanish into the pipe run.
    Leading '#' lines (the crawl's metadata) are skipped; returns the segments and the first line read."""
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    segs: list[_Seg] = []
    cur: list[tuple[int, str]] = []
    lead = _Seg([], 0, 0)  # pipes before the first segment
    for n in range(start + 1, len(lines) + 1):
        ln = lines[n - 1]
        if ln.strip() == "|":
            if any(r.strip() for _, r in cur):
                segs.append(_Seg(cur, 0, 0))
            cur = []
            target = segs[-1] if segs else lead
            if target.pipes_after == 0:
                target.first_pipe = n
            target.pipes_after += 1
        else:
            cur.append((n, ln))
    if any(r.strip() for _, r in cur):
        segs.append(_Seg(cur, 0, 0))
    return segs, start


def _is_header_start(seg: _Seg) -> bool:
    return fold(seg.text) in ("stt", "tt", "so tt", "so thu tu")


class _PipeTable:
    """Rows rebuilt from a flat run of cells.

    Between two cells there is a run of p '|' lines. One '|' separates cells of a row; a row ends
    with '|' and the next starts with '|', so p ≥ 2 is either p − 1 empty cells inside a row or a
    row boundary with p − 2 empty cells around it. With k cells in the row so far and n the header's
    column count: a boundary when the row is full (k + p > n) or when the next cell looks like a row
    number; then the row is padded to n, and leftover empty cells start the next row unless it starts
    with a number. One '|' after a full row ends the table (no row follows)."""

    def __init__(self, segs: list[_Seg], start: int) -> None:
        self.segs = segs
        self.start = start
        self.end = start  # one past the last segment used

    def read(self, number: int) -> Table | None:
        segs = self.segs
        h = self.start
        j = h
        while j < len(segs) and segs[j].pipes_after == 1:
            j += 1
        if j >= len(segs) or segs[j].pipes_after < 2:
            return None
        ncols = j - h + 1
        if ncols < 3:
            return None
        header = Row([s.cell() for s in segs[h:h + ncols]], index=1, line=segs[h].lines[0][0])
        table = Table(number=number, rows=[header], line=header.line)
        i = h + ncols  # first cell of the first body row
        p_prev = segs[j].pipes_after
        lead_empty = 0 if i < len(segs) and is_number_cell(segs[i].text) else max(0, p_prev - 2)
        while i < len(segs):
            cells: list[Cell] = [Cell("", merged=True) for _ in range(lead_empty)]
            first_line = segs[i].lines[0][0]
            ended = False
            while i < len(segs):
                seg = segs[i]
                cells.append(seg.cell())
                i += 1
                p = seg.pipes_after
                k = len(cells)
                if p == 0 or i >= len(segs):
                    ended = True
                    break
                if p == 1:
                    if k >= ncols:
                        ended = True  # a full row followed by one '|': the table ends here
                        break
                    continue
                nxt = segs[i]
                boundary = k + p > ncols or is_number_cell(nxt.text)
                if not boundary:
                    cells.extend(Cell("", merged=True) for _ in range(p - 1))
                    continue
                extra = p - 2
                pad = min(extra, max(0, ncols - k))
                cells.extend(Cell("", merged=True) for _ in range(pad))
                lead_empty = 0 if is_number_cell(nxt.text) else extra - pad
                break
            while len(cells) < ncols:
                cells.append(Cell("", merged=True))
            table.rows.append(Row(cells, index=len(table.rows) + 1, line=first_line))
            if ended:
                break
        self.end = i
        return table


def _ends_heading(cur: list[tuple[int, str]], nxt: str) -> bool:
    """A one-line numbered heading ("3. Thay đổi đột phá xếp hạng quốc gia") ends before a line that starts
    a sentence."""
    if len(cur) != 1:
        return False
    first = cur[0][1].strip()
    return (bool(_NUMBERED_HEADING.match(first)) and len(first) < 60 and not first.endswith((",", ":", ";"))
            and nxt.strip()[:1].isupper())


def _paragraphs(seg_lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Paragraphs of a run of lines: blank lines and list items / headings start new ones; wrapped
    lines are joined with a space."""
    out: list[Paragraph] = []
    cur: list[tuple[int, str]] = []

    def flush() -> None:
        if cur:
            t = clean(" ".join(r for _, r in cur), markdown=True)
            if t:
                n, q = _quote_line(cur)
                bold = cur[0][1].lstrip().startswith("**")
                out.append(Paragraph(t, raw=q, line=n, bold=bold, lines=list(cur)))
        cur.clear()

    for n, r in seg_lines:
        if not r.strip():
            flush()
            continue
        if cur and (_PARA_START.match(r) or _ends_heading(cur, r)):
            flush()
        cur.append((n, r))
    flush()
    return out


def _read_pipe(lines: list[str]) -> list[Block]:
    segs, _ = _segments(lines)
    blocks: list[Block] = []
    headings: list[str] = []
    n_tables = 0
    i = 0
    while i < len(segs):
        if _is_header_start(segs[i]):
            reader = _PipeTable(segs, i)
            table = reader.read(n_tables + 1)
            if table is not None:
                n_tables += 1
                table.heading = _heading(headings)
                blocks.append(table)
                i = reader.end
                continue
        for para in _paragraphs(segs[i].lines):
            blocks.append(para)
            headings.append(para.text)
        i += 1
    return blocks
