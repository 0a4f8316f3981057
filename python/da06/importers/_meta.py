"""What a document says about itself: its kind (a report or a plan), number, date and title."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ._document import Document, Paragraph, Place, fold

__all__ = ["DocumentMeta", "read_meta", "paragraph_place"]

_DOC_NUMBER = re.compile(r"Số(?:\s*hiệu)?\s*:?\s*\|?\s*(\d*\s*/\s*[\wĐđ.\-]+)", re.I)
_DATE_VN = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_KIND_WORDS = {"bao cao": "report", "ke hoach": "plan", "quyet dinh": "plan", "chuong trinh": "plan", "cong van": "plan",
               "chi thi": "plan", "de an": "plan", "nghi quyet": "plan", "thong bao": "plan"}
_KIND_CODES = {"BC": "report", "KH": "plan", "QĐ": "plan", "CT": "plan", "NQ": "plan", "TB": "plan", "CV": "plan"}


@dataclass
class DocumentMeta:
    kind: str
    kind_reason: str
    kind_place: Place | str
    number: str = ""
    date: _dt.date | None = None
    title: str = ""


def read_meta(doc: Document, kind: str | None) -> DocumentMeta:
    head = doc.paragraphs[:40]
    number, number_place = "", None
    for p in head:
        m = _DOC_NUMBER.search(p.text)
        if m and "/" in m.group(1):
            number = re.sub(r"\s+", "", m.group(1)).strip(".")
            number_place = paragraph_place(doc, p)
            break
    if not number:  # "Số hiệu: | 6225/BVHTTDL-VP": the value is the next paragraph
        for a, b in zip(head, head[1:]):
            if fold(a.text).rstrip(":") in ("so hieu", "so") and re.fullmatch(r"\d+/[\wĐđ.\-]+", b.text):
                number, number_place = b.text, paragraph_place(doc, b)
                break
    date: _dt.date | None = None
    for p in head:
        m = _DATE_VN.search(p.text)
        if m:
            date = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if date:
                break
    title = ""
    for i, p in enumerate(head):
        f = fold(p.text)
        if f in _KIND_WORDS and i + 1 < len(head):
            title = f"{p.text} {head[i + 1].text}"
            break
    # the kind
    if kind is not None:
        return DocumentMeta(kind, "given", "--kind", number, date, title)
    code = ""
    if number:
        m = re.search(r"/\s*([A-ZĐ]{2,3})\b", number)
        code = m.group(1) if m else ""
    if code in _KIND_CODES:
        return DocumentMeta(_KIND_CODES[code], f"the document number {number!r}", number_place or doc.name, number, date, title)
    for p in head:
        f = fold(p.text).strip(" .:")
        for w, k in _KIND_WORDS.items():
            if f == w or (f.startswith(w + " ") and len(f) < 200 and p.bold):
                return DocumentMeta(k, f"the title {p.text[:40]!r}", paragraph_place(doc, p), number, date, title)
        if f in ("loai van ban", "loai van ban:"):
            continue
    for a, b in zip(head, head[1:]):
        if fold(a.text).rstrip(":") == "loai van ban" and fold(b.text) in _KIND_WORDS:
            return DocumentMeta(_KIND_WORDS[fold(b.text)], f"its type {b.text!r}", paragraph_place(doc, b), number, date, title)
    return DocumentMeta("plan", "nothing says it is a report", doc.name, number, date, title)


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def paragraph_place(doc: Document, p: Paragraph) -> Place:
    """A paragraph's place: its line in a text export, its number in a Word document."""
    return doc.place(line=p.line, paragraph=p.index)
