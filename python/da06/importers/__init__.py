"""Import documents and spreadsheets into the da06 data format (docs/importers.md).

    from da06 import importers
    r = importers.import_file("kh308.docx")                # .docx, .xlsx, or a text export (.txt, .md)
    r.framework                                            # a dict in the data format (da06.loads(r.framework_json()))
    r.log.entries                                          # every decision and everything not understood, with its place
    r.stats.tasks, r.stats.deadlines_read                  # what was found

Task tables are found by their header cells (STT, Nội dung / Nhiệm vụ, Đơn vị chủ trì, Đơn vị phối hợp,
Thời gian / Thời hạn, Tiến độ / Kết quả thực hiện), whatever their order and wording; other columns
are kept as task attributes. Tasks written as prose ("a) Nhiệm vụ: … b) Cơ quan thực hiện: … c) Thời
gian thực hiện: …"), target tables and bullets, and the figures of the narrative (as observation
candidates, marked for review) are read too. Every record carries its source: the file, the table and
row or the line / paragraph, and a verbatim quote.

A workbook written by ``da06.template`` (``python -m da06 template``) is read back by its sheets, with
errors located as ``khung.xlsx!Chỉ tiêu!C12``.

.docx and .xlsx need the ``import`` extra: ``pip install da06[import]``.
"""
from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from .._errors import ParseError
from ._build import DeadlineMiss, ImportOptions, ImportResult, Stats, build
from ._document import Cell, Document, Paragraph, Place, Row, Table, clean, fold
from ._log import Entry, ImportLog
from ._office import MissingDependency, read_docx, read_xlsx
from ._tables import GroupItem, Header, RecordItem, Skip, Walk, find_header
from ._tables import walk as walk_table
from ._text import read_text

__all__ = ["import_file", "read_document", "ImportOptions", "ImportResult", "ImportLog", "Entry", "Stats",
           "DeadlineMiss", "Document", "Table", "Row", "Cell", "Paragraph", "Place", "MissingDependency",
           "clean", "fold", "read_text", "read_docx", "read_xlsx", "find_header", "walk_table", "Header", "Walk",
           "GroupItem", "RecordItem", "Skip"]

TEXT_SUFFIXES = (".txt", ".md", ".tsv", ".text")


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read a file into paragraphs and tables (by its extension: .docx, .xlsx, else a text export).
    A file that is not what its extension says raises ``da06.ParseError`` naming it."""
    import zipfile

    p = Path(path)
    suffix = p.suffix.lower()
    if not p.is_file():
        raise FileNotFoundError(2, "no such file", str(p))
    what = {".docx": "a Word document (.docx)", ".xlsx": "an Excel workbook (.xlsx)",
            ".xlsm": "an Excel workbook (.xlsm)"}.get(suffix, "UTF-8 text")
    try:
        if suffix == ".docx":
            return read_docx(p)
        if suffix in (".xlsx", ".xlsm"):
            return read_xlsx(p)
        return read_text(p)
    except MissingDependency:
        raise
    except UnicodeDecodeError as e:
        raise ParseError(f"{p.name}: not {what}: byte {e.start + 1} is not UTF-8 ({e.reason})", file=p.name) from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as e:
        if isinstance(e, ParseError):
            raise
        raise ParseError(f"{p.name}: not {what} ({type(e).__name__}: {e})", file=p.name) from None


def import_file(path: str | os.PathLike[str], *, kind: str | None = None, as_of: _dt.date | str | None = None,
                document_id: str = "doc", rank_of: dict[str, int] | None = None,
                framework_id: str | None = None) -> ImportResult:
    """Import one document. See ``ImportOptions`` for the options. A workbook made from the da06
    template is read as a framework (``da06.template.read_workbook``)."""
    if kind not in (None, "report", "plan"):
        raise ValueError(f"kind must be 'report' or 'plan', not {kind!r}")
    d = _dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    opts = ImportOptions(kind=kind, as_of=d, document_id=document_id, rank_of=dict(rank_of or {}),
                         framework_id=framework_id)
    p = Path(path)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        from ..template import is_template_workbook, read_workbook_result

        try:
            template_book = is_template_workbook(p)
        except Exception:  # not a workbook at all: read_document says so, with the file's name
            template_book = False
        if template_book:
            return read_workbook_result(p)
    return build(read_document(p), opts)
