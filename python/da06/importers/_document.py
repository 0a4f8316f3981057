"""What a document reader gives the importers: paragraphs and tables, each cell with its place.

Every reader (text exports, .docx, .xlsx) turns a file into a ``Document``: a list of blocks in
reading order. A ``Paragraph`` is one paragraph of prose; a ``Table`` is a list of ``Row``s of
``Cell``s. Text is kept twice: ``text`` is normalised the way the data format stores verbatim text
(export tags removed, whitespace collapsed, trimmed) and ``raw`` is the first source line as it is
in the file, for ``source.quote``.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Union

__all__ = ["Cell", "Row", "Table", "Paragraph", "Block", "Document", "clean", "fold", "Place"]

# Tags of Word->HTML exports. Only these are stripped, so "<http://...>" stays text.
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|br|div|table|tr|td|th|h[1-6])\b[^>]*>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|sup|sub|font|a)\b[^>]*>", re.I)
_WS = re.compile(r"\s+")


def clean(text: str, markdown: bool = False) -> str:
    """The data format's verbatim-text normalisation: the export's HTML tags removed (block
    boundaries become spaces), entities unescaped, whitespace collapsed, trimmed. With
    ``markdown``, the crawl's emphasis markers (``**``, ``*``) are removed too."""
    text = _BLOCK_TAG.sub(" ", text)
    text = _INLINE_TAG.sub("", text)
    text = html.unescape(text)
    if markdown:
        text = re.sub(r"^\s*#+\s*", "", text.replace("*", ""))
    return _WS.sub(" ", text).strip()


_FOLD = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower case, without diacritics, single spaces: for matching header cells and phrases."""
    import unicodedata

    s = unicodedata.normalize("NFD", text.translate(_FOLD).lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return _WS.sub(" ", s).strip()


@dataclass(frozen=True)
class Place:
    """Where something is in the file: a text line, a Word table cell or paragraph, a sheet cell."""

    file: str
    line: int = 0          # 1-based line of a text file, or row of a worksheet; 0 when none
    sheet: str = ""        # worksheet name
    column: int = 0        # 1-based column (worksheet) or cell (table), 0 when none
    table: int = 0         # 1-based table of the document, 0 when none
    row: int = 0           # 1-based row of that table (header included), 0 when none
    paragraph: int = 0     # 1-based paragraph of a Word document, 0 when none

    def __str__(self) -> str:
        if self.sheet:
            ref = f"{_column_letter(self.column)}{self.line}" if self.column else f"{self.line}"
            return f"{self.file}!{self.sheet}!{ref}"
        if self.line:
            return f"{self.file}:{self.line}"
        parts = [self.file]
        if self.table:
            parts.append(f"table {self.table}")
            if self.row:
                parts.append(f"row {self.row}")
            if self.column:
                parts.append(f"cell {self.column}")
        elif self.paragraph:
            parts.append(f"paragraph {self.paragraph}")
        return ": ".join(parts[:1]) + (": " + ", ".join(parts[1:]) if len(parts) > 1 else "")


def _column_letter(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("A") + r) + s
    return s


@dataclass
class Cell:
    text: str                 # normalised text
    raw: str = ""             # the first source line of the cell, verbatim
    line: int = 0             # line of `raw` (text), sheet row (xlsx), 0 (docx)
    merged: bool = False      # a copy of a merged cell's value (docx, xlsx), or padding
    bold: bool = False


@dataclass
class Row:
    cells: list[Cell]
    index: int                # 1-based row of its table (header rows included)
    line: int = 0             # first line (text) or sheet row (xlsx); 0 for .docx
    raw: str = ""             # the whole first line, verbatim (tab exports)
    continuation: bool = False  # a bare line without cells (tab exports): continues the last cell

    def text(self, i: int) -> str:
        return self.cells[i].text if 0 <= i < len(self.cells) else ""

    def nonempty(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c.text]

    @property
    def bold(self) -> bool:
        cells = [c for c in self.cells if c.text]
        return bool(cells) and all(c.bold for c in cells)


@dataclass
class Table:
    number: int               # 1-based among the document's tables
    rows: list[Row]
    line: int = 0             # first line (text exports)
    heading: str = ""         # the nearest heading above it ("PHỤ LỤC II", "Phụ lục I")
    sheet: str = ""           # worksheet name (xlsx)


@dataclass
class Paragraph:
    text: str
    raw: str
    line: int = 0             # 1-based line of a text export
    index: int = 0            # 1-based paragraph of a Word document
    bold: bool = False
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line, raw) of every line (text exports)


Block = Union[Paragraph, Table]


@dataclass
class Document:
    path: str                 # as given
    name: str                 # file name
    format: str               # "tab", "pipe", "text" (text exports), "docx", "xlsx"
    sha256: str
    blocks: list[Block]
    lines: list[str] = field(default_factory=list)  # text exports: every line, verbatim

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def place(self, *, line: int = 0, table: int = 0, row: int = 0, column: int = 0, sheet: str = "",
              paragraph: int = 0) -> Place:
        return Place(self.name, line=line, sheet=sheet, column=column, table=table if not sheet else 0,
                     row=row if not sheet else 0, paragraph=paragraph)
