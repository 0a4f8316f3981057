"""Tables found by their header cells, and their rows walked into groups and numbered records.

A header cell is folded (lower case, no diacritics) and given a role by the rules below, whatever
the column order and wording. What has no role is kept: it becomes a named attribute (task tables)
or a note (target tables). The walker then reads the body rows:

* **group rows**: a Roman numeral or "III.1"-style number, or one text across the table (a merged
  row, a bold row without a number);
* **numbered rows**: one record each; the numbering is checked (a number repeated, skipped or
  going back is logged, the row kept); it may restart at 1 after a group row;
* **continued rows**: a row without a number, or a bare line of a tab export, continues the record
  above, cell by cell;
* **repeated header rows** (after a page break), the column-number row "(1) (2) …", blank rows:
  skipped, and logged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._document import Cell, Document, Place, Row, Table, fold
from ._log import ImportLog

__all__ = ["Header", "GroupItem", "RecordItem", "find_header", "walk", "TASK", "TARGET"]

TASK = "task"
TARGET = "target"

# ---------------------------------------------------------------------------------------------
# header roles

_NUMBER = {"stt", "tt", "so tt", "so thu tu", "thu tu", "no", "no."}
_TITLE_STARTS = ("noi dung", "nhiem vu", "ten nhiem vu", "ten cong viec", "cong viec", "ten de an", "ten du an",
                 "ten hoat dong", "hoat dong", "giai phap")
_PROGRESS_STARTS = ("tien do", "tinh hinh thuc hien", "tinh hinh trien khai", "ket qua thuc hien", "ket qua trien khai",
                    "danh gia tien do", "ket qua")
_INDICATOR_STARTS = ("chi tieu", "ten chi tieu", "noi dung chi tieu", "chi so", "ten chi so")
_UNIT = {"don vi", "don vi tinh", "dvt", "don vi do"}
_VALUE_STARTS = ("ket qua", "muc tieu", "gia tri", "chi tieu", "ke hoach", "muc phan dau")


def task_role(h: str, kind: str) -> str | None:
    """The role of a task-table header cell: number, title, lead, coordinating, deadline, progress,
    or None (an attribute). "Kết quả (thực hiện)" is the progress in a report and the expected
    product (an attribute) in a plan."""
    f = fold(h).strip(" .:*")
    if f in _NUMBER:
        return "number"
    if "phoi hop" in f:
        return "coordinating"
    if "chu tri" in f or f in ("don vi thuc hien", "co quan thuc hien", "co quan, don vi thuc hien", "don vi"):
        return "lead"
    if f.startswith("thoi gian") or f.startswith("thoi han") or f == "han hoan thanh":
        return "deadline"
    if f.startswith("ket qua"):
        return "progress" if kind == "report" else None
    if any(f.startswith(p) for p in _PROGRESS_STARTS):
        return "progress"
    if any(f.startswith(p) for p in _TITLE_STARTS):
        return "title"
    return None


def target_role(h: str) -> str | None:
    """The role of a target-table header cell: number, indicator, unit, value, deadline, or None (a note)."""
    f = fold(h).strip(" .:*")
    if f in _NUMBER:
        return "number"
    if f in _UNIT:
        return "unit"
    if "chu tri" in f or "theo doi" in f or "phoi hop" in f:
        return None
    if f.startswith("thoi gian") or f.startswith("thoi han") or f.startswith("lo trinh"):
        return "deadline"
    if any(f.startswith(p) for p in _INDICATOR_STARTS) and not re.search(r"\d{4}", f):
        return "indicator"
    if any(f.startswith(p) for p in _VALUE_STARTS):
        return "value"
    return None


@dataclass
class Header:
    kind: str                          # TASK or TARGET
    first_row: int                     # index into table.rows of the header row
    row: int                           # index into table.rows of the last header row (a sub-header)
    names: list[str]                   # every column's name ("Kết quả - Đã hoàn thành" under a sub-header)
    roles: dict[str, int]              # role -> column
    extra: list[int]                   # columns without a role, kept as attributes / notes
    body: int                          # index into table.rows of the first body row


def _names_with_subheader(top: Row, sub: Row | None) -> list[str]:
    names = [c.text for c in top.cells]
    if sub is None:
        return names
    out = list(names)
    parent = ""
    for i in range(len(out)):
        if names[i]:
            parent = names[i]
        s = sub.text(i)
        if s:
            out[i] = f"{parent} - {s}" if parent else s
    return out


def _is_subheader(row: Row, number_col: int) -> bool:
    cells = [c.text for c in row.cells]
    if number_col < len(cells) and cells[number_col]:
        return False
    body = [t for t in cells if t]
    return bool(body) and all(len(t) <= 60 for t in body)


def find_header(table: Table, kind_hint: str, log: ImportLog, doc: Document) -> Header | None:
    """The first row of `table` that reads as a task or target header, with its roles."""
    for ri, row in enumerate(table.rows[:12]):
        names = [c.text for c in row.cells]
        if not any(names):
            continue
        for kind in (TASK, TARGET):
            roles = _roles(names, kind, kind_hint)
            if kind == TASK and {"number", "title"} <= roles.keys() and (
                    {"lead", "deadline", "coordinating", "progress"} & roles.keys()):
                pass
            elif kind == TARGET and {"indicator", "value"} <= roles.keys() and "title" not in _roles(names, TASK, kind_hint):
                pass
            else:
                continue
            body = ri + 1
            sub = None
            if body < len(table.rows) and _is_subheader(table.rows[body], roles.get("number", 0)):
                sub = table.rows[body]
                body += 1
            full = _names_with_subheader(row, sub)
            if sub is not None:
                roles = _roles(full, kind, kind_hint)
                log.info("header.sub", _row_place(doc, table, table.rows[ri + 1]),
                         "a second header row names sub-columns: " + "; ".join(n for n in full if n))
            used = set(roles.values())
            extra = [i for i, n in enumerate(full) if n and i not in used]
            return Header(kind, ri, ri if sub is None else ri + 1, full, roles, extra, body)
    return None


def _roles(names: list[str], kind: str, kind_hint: str) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, n in enumerate(names):
        if not n:
            continue
        r = task_role(n, kind_hint) if kind == TASK else target_role(n)
        if r == "progress" and " - " in n:
            r = None  # "Kết quả - Đã hoàn thành": one part of a split result column is not the progress
        if r is not None and r not in roles:
            roles[r] = i
    return roles


# ---------------------------------------------------------------------------------------------
# the body walk

_ROMAN = re.compile(r"[IVXLC]{1,6}")
_GROUP_NUMBER = re.compile(r"([IVXLC]{1,6}(?:\.\d{1,3})*|\d{1,3}(?:\.\d{1,3})+|[A-Z])\.?")
_SUB_ITEM = re.compile(r"[a-zđ][.)]?|[-+•]")
_GROUP_IN_CELL = re.compile(r"([IVXLC]{1,6})\.?\s+(.+)")
_TASK_NUMBER = re.compile(r"(\d{1,4})([a-z]?)\.?")
_DECLARED = re.compile(r"(.*?)\s*\((\d+)\s+nhiệm vụ\)\s*", re.I)


@dataclass
class GroupItem:
    numeral: str            # "I", "III.1", or "" for an unnumbered group row
    title: str
    declared_count: int     # "(03 nhiệm vụ)" → 3, else 0
    published: str          # the whole header text
    row: Row
    title_col: int


@dataclass
class RecordItem:
    number: int
    printed: str                       # the number as printed ("12", "12a")
    row: Row
    parts: list[list[str]]             # per column: the text of the row, then of its continuations
    continuations: list[Row] = field(default_factory=list)
    group: GroupItem | None = None

    def cell(self, i: int) -> str:
        return " ".join(p for p in self.parts[i] if p).strip() if 0 <= i < len(self.parts) else ""


@dataclass
class Skip:
    """A jump in the numbering: the rows between are missing."""
    first: int              # the first missing number
    last: int               # the last missing number
    before: RecordItem      # the row after the jump
    orphans: list[Row]      # continuation rows found in the jump (fragments of the missing rows)


@dataclass
class Walk:
    groups: list[GroupItem] = field(default_factory=list)
    records: list[RecordItem] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)


def _row_place(doc: Document, table: Table, row: Row) -> Place:
    if table.sheet:
        return doc.place(line=row.line, sheet=table.sheet)
    if row.line:
        return doc.place(line=row.line)
    return doc.place(table=table.number, row=row.index)


def _group(row: Row, header: Header) -> GroupItem | None:
    ncol = header.roles.get("number", 0)
    tcol = header.roles.get("title", header.roles.get("indicator", 1))
    first = row.text(ncol).strip("*").strip()
    own = [i for i, c in enumerate(row.cells) if c.text]
    m = _GROUP_IN_CELL.fullmatch(first)
    if m and len(own) == 1:   # "I. Nhiệm vụ chung …" in the number cell alone
        return _make_group(m.group(1), m.group(2), row, ncol)
    if first and _GROUP_NUMBER.fullmatch(first) and not _TASK_NUMBER.fullmatch(first):
        rest = [i for i in own if i != ncol]
        title = row.text(rest[0]) if rest else ""
        return _make_group(first.rstrip("."), title, row, rest[0] if rest else tcol)
    if not first:
        texts = {row.text(i) for i in own}
        full_width = len(texts) == 1 and (len(own) == 1 and (row.cells[own[0]].bold or _merged_across(row, own[0])))
        if full_width:
            return _make_group("", row.text(own[0]), row, own[0])
    elif len(own) == 1 and not _TASK_NUMBER.fullmatch(first) and (row.cells[ncol].bold or _merged_across(row, ncol)):
        return _make_group("", first, row, ncol)
    return None


def _merged_across(row: Row, i: int) -> bool:
    """Is cell i followed by merged padding to the row's end (a row merged across the table)?"""
    rest = row.cells[i + 1:]
    return bool(rest) and all(c.merged and not c.text for c in rest)


def _make_group(numeral: str, text: str, row: Row, col: int) -> GroupItem:
    m = _DECLARED.fullmatch(text)
    if m:
        return GroupItem(numeral, m.group(1), int(m.group(2)), text, row, col)
    return GroupItem(numeral, text, 0, text, row, col)


def _is_header_again(row: Row, header_row: Row) -> bool:
    a = [fold(c.text) for c in row.cells if c.text]
    b = [fold(c.text) for c in header_row.cells if c.text]
    return bool(a) and a == b


def _is_column_numbers(row: Row) -> bool:
    texts = [c.text.strip("()") for c in row.cells if c.text]
    return len(texts) >= 3 and all(t.isdigit() for t in texts) and [int(t) for t in texts] == list(
        range(int(texts[0]), int(texts[0]) + len(texts)))


def walk(doc: Document, table: Table, header: Header, log: ImportLog) -> Walk:
    """Walk the body rows of a table whose header is known."""
    out = Walk()
    ncol = header.roles.get("number", 0)
    tcol = header.roles.get("title", header.roles.get("indicator", 1))
    width = len(header.names)
    header_row = table.rows[header.row]
    top_header = table.rows[header.first_row]
    group: GroupItem | None = None
    last: RecordItem | None = None
    after_group = True  # numbering may restart at 1 at the table's start and after a group row
    pending: list[Row] = []

    def attach(rec: RecordItem | None, rows: list[Row]) -> None:
        for r in rows:
            if rec is None:
                log.warning("row.unattached", _row_place(doc, table, r),
                            "a row without a number before any numbered row; not imported", _row_text(r))
                continue
            if r.continuation:  # a bare line: it continues the last non-empty cell
                target = max((i for i, p in enumerate(rec.parts) if p), default=1)
                rec.parts[target].append(r.cells[0].text)
                log.info("row.continued", _row_place(doc, table, r),
                         f"a line without cells is joined into column {target + 1} of row {rec.printed}")
            else:
                marker = r.text(ncol) if not r.cells[ncol].merged else ""
                for i, c in enumerate(r.cells):
                    if c.text and not c.merged and i != ncol:
                        while len(rec.parts) <= i:
                            rec.parts.append([])
                        # a sub-item keeps its marker ("a) …") in the title
                        rec.parts[i].append(f"{marker} {c.text}" if marker and i == tcol else c.text)
            rec.continuations.append(r)

    for row in table.rows[header.body:]:
        place = _row_place(doc, table, row)
        if not row.continuation and not any(c.text for c in row.cells):
            continue
        if not row.continuation and (_is_header_again(row, header_row) or _is_header_again(row, top_header)):
            log.info("header.repeated", place, "the header row is repeated (a page break); skipped")
            continue
        if not row.continuation and last is None and group is None and _is_column_numbers(row):
            log.info("header.column_numbers", place, "a row of column numbers; skipped")
            continue
        if row.continuation:
            pending.append(row)
            continue
        extra_cells = [i for i, c in enumerate(row.cells) if i >= width and c.text]
        if extra_cells:
            log.warning("row.extra_cells", place,
                        f"cells beyond the header's {width} columns: "
                        + "; ".join(row.cells[i].text[:40] for i in extra_cells) + " (not imported)")
        number_text = row.text(ncol).strip("*").strip()
        m = _TASK_NUMBER.fullmatch(number_text)
        if m and not row.cells[ncol].merged:
            n = int(m.group(1))
            # merged values (a lead merged over several rows) belong to each row
            rec = RecordItem(n, number_text.rstrip("."), row, [[c.text] if c.text else [] for c in row.cells],
                             group=group)
            prev = last.number if last is not None else 0
            if last is None or n == prev + 1 or (after_group and n == 1):
                attach(last, pending)
            elif n > prev + 1:
                out.skips.append(Skip(prev + 1, n - 1, rec, list(pending)))
                missing = f"{prev + 1}" if n - 1 == prev + 1 else f"{prev + 1}–{n - 1}"
                log.warning("numbering.skip", place, f"row {n} follows row {prev}: row(s) {missing} missing; "
                            f"row {n} kept" + (f"; {len(pending)} continued row(s) before it are not attached"
                                               if pending else ""), _row_text(row))
                for r in pending:
                    log.warning("row.orphan", _row_place(doc, table, r),
                                f"a continued row inside the gap before row {n}: not attached to row {prev}",
                                _row_text(r))
            else:
                attach(last, pending)
                what = "repeats" if n == prev else "goes back after"
                log.warning("numbering.repeat" if n == prev else "numbering.back", place,
                            f"row number {n} {what} row {prev}; row kept", _row_text(row))
            if last is None and n != 1 and not out.skips:
                log.warning("numbering.start", place, f"the numbering starts at {n}")
            pending = []
            out.records.append(rec)
            last = rec
            after_group = False
            continue
        g = _group(row, header)
        if g is not None:
            attach(last, pending)
            pending = []
            out.groups.append(g)
            group = g
            after_group = True
            continue
        if not number_text or row.cells[ncol].merged or number_text in ("…", "...") or _SUB_ITEM.fullmatch(number_text):
            if number_text and not row.cells[ncol].merged:
                log.info("row.sub_item", place, f"a sub-item {number_text!r} is joined into the row above",
                         _row_text(row))
            pending.append(row)  # a task continued on this row
            continue
        log.warning("row.not_understood", place,
                    f"the number cell {number_text!r} is neither a row number nor a group; row not imported",
                    _row_text(row))
    attach(last, pending)
    return out


def _row_text(row: Row) -> str:
    return " | ".join(c.text for c in row.cells if c.text)


def cell_place(doc: Document, table: Table, row: Row, col: int) -> Place:
    """The place of one cell (a worksheet cell reference, or the row's line / table row)."""
    if table.sheet:
        return doc.place(line=row.line, sheet=table.sheet, column=col + 1)
    if row.line:
        line = row.cells[col].line if col < len(row.cells) and row.cells[col].line else row.line
        return doc.place(line=line)
    return doc.place(table=table.number, row=row.index, column=col + 1)


def quote_cell(row: Row, col: int) -> Cell:
    return row.cells[col] if 0 <= col < len(row.cells) else Cell("")
