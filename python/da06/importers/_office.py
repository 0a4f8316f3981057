"""Readers for Word (.docx, python-docx) and Excel (.xlsx, openpyxl) files.

Merged cells are filled in: every cell a merge covers carries the merged text with ``merged=True``
(the text is read once, from the merge's first cell), so a lead unit merged over three task rows is
the lead of all three, and a row merged across the table's width has one non-empty cell. Both
libraries are optional: without them the reader says which extra to install.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ._document import Block, Cell, Document, Paragraph, Row, Table, clean

__all__ = ["read_docx", "read_xlsx", "require"]


class MissingDependency(ImportError):
    """An optional dependency of the importers is not installed."""


def require(module: str) -> Any:
    """Import an optional dependency or say which extra brings it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        pkg = {"docx": "python-docx", "openpyxl": "openpyxl"}.get(module, module)
        raise MissingDependency(
            f"reading this file needs {pkg}, which is not installed: pip install da06[import]") from None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------
# .docx

def _runs_bold(paragraphs: list[Any]) -> bool:
    runs = [r for p in paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(bool(r.bold) for r in runs)


def read_docx(path: str | Path) -> Document:
    """Read the paragraphs and tables of a .docx in document order."""
    docx = require("docx")
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    from docx.opc.exceptions import OpcError

    p = Path(path)
    try:
        d = docx.Document(str(p))
    except OpcError as e:  # python-docx's "Package not found": not a .docx package
        raise ValueError(str(e)) from None
    blocks: list[Block] = []
    n_par = n_tab = 0
    recent: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            par = DocxParagraph(child, d)
            n_par += 1
            text = clean(par.text)
            if text:
                blocks.append(Paragraph(text, raw=par.text.strip(), index=n_par, bold=_runs_bold([par])))
                recent.append(text)
        elif tag == "tbl":
            n_tab += 1
            blocks.append(_docx_table(DocxTable(child, d), n_tab, recent))
    return Document(path=str(path), name=p.name, format="docx", sha256=_sha256(p), blocks=blocks)


def _docx_table(t: Any, number: int, recent: list[str]) -> Table:
    from ._text import _heading

    rows: list[Row] = []
    seen: dict[int, Any] = {}  # the merged cells already read (a vertical merge repeats in later rows);
    # the values hold the elements, so that an id is never reused while the table is read
    for ri, r in enumerate(t.rows, start=1):
        cells: list[Cell] = []
        prev_tc: Any = None
        for c in r.cells:
            tc = c._tc
            text = clean(c.text)
            first_line = c.text.strip().split("\n", 1)[0].strip()
            bold = _runs_bold(list(c.paragraphs))
            if tc is prev_tc:  # a horizontal merge: the text belongs to the first grid column
                cells.append(Cell("", merged=True, bold=bold))
                continue
            prev_tc = tc
            merged = seen.get(id(tc)) is tc
            seen[id(tc)] = tc
            cells.append(Cell(text, raw=first_line, merged=merged, bold=bold))
        rows.append(Row(cells, index=ri))
    return Table(number=number, rows=rows, heading=_heading(recent))


# ---------------------------------------------------------------------------------------------
# .xlsx

def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    import datetime as dt

    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0, 0):
            return v.date().isoformat()
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_xlsx(path: str | Path) -> Document:
    """Read every worksheet as one table (its used range), merged ranges filled in."""
    openpyxl = require("openpyxl")
    p = Path(path)
    wb = openpyxl.load_workbook(str(p), data_only=True)
    blocks: list[Block] = []
    for n, ws in enumerate(wb.worksheets, start=1):
        merged_value: dict[tuple[int, int], tuple[Any, bool]] = {}
        for rng in ws.merged_cells.ranges:
            top = ws.cell(rng.min_row, rng.min_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        # horizontal merges: the text stays in the first column only
                        merged_value[(r, c)] = (top.value if c == rng.min_col else None, bool(top.font and top.font.b))
        rows: list[Row] = []
        for r in range(1, (ws.max_row or 0) + 1):
            cells: list[Cell] = []
            for c in range(1, (ws.max_column or 0) + 1):
                if (r, c) in merged_value:
                    v, bold = merged_value[(r, c)]
                    cells.append(Cell(clean(_cell_text(v)), raw=_cell_text(v).split("\n", 1)[0], line=r, merged=True,
                                      bold=bold))
                    continue
                cell = ws.cell(r, c)
                t = _cell_text(cell.value)
                cells.append(Cell(clean(t), raw=t.split("\n", 1)[0].strip(), line=r,
                                  bold=bool(cell.font and cell.font.b)))
            if any(x.text for x in cells):
                rows.append(Row(cells, index=r, line=r))
        blocks.append(Table(number=n, rows=rows, sheet=ws.title, heading=ws.title))
    return Document(path=str(path), name=p.name, format="xlsx", sha256=_sha256(p), blocks=blocks)
