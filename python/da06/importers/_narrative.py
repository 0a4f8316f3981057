"""Figures of the narrative as observation candidates: "990/1.714", "đạt 57,8%", "307.250 hồ sơ",
"tăng 17.034 hồ sơ so với tháng 12/2023". A candidate says what was printed and where (its sentence,
its line); it is marked for review and never used as data until a person makes it an observation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ._document import Paragraph
from ._numbers import NUMBER, to_decimal, to_int

__all__ = ["Figure", "find_figures", "COUNT_UNITS"]

#: Words that make a number a count worth a candidate ("307.250 hồ sơ").
COUNT_UNITS = ("hồ sơ", "tài khoản", "người", "lượt", "dịch vụ công", "dịch vụ", "thủ tục", "giao dịch", "doanh nghiệp",
               "hộ", "thôn", "chữ ký số", "chữ ký", "căn cước", "thẻ", "tỷ đồng", "triệu đồng", "nghìn đồng",
               "camera", "điểm", "cơ sở dữ liệu", "trường hợp", "học sinh", "bệnh nhân", "thuê bao", "văn bản")

_UNIT_RE = "|".join(sorted((re.escape(u) for u in COUNT_UNITS), key=len, reverse=True))
_RATIO = re.compile(rf"(?<![\d/.,])(?P<a>{NUMBER})\s*/\s*(?P<b>{NUMBER})(?![\d/]|\s*[A-ZĐ]{{2}}|-)")
_PERCENT_DAT = re.compile(rf"(?P<lead>đạt(?: tỷ lệ| tỉ lệ)?|chiếm(?: tỷ lệ| tỉ lệ)?|\()\s*(?P<num>{NUMBER})\s*%")
_PERCENT = re.compile(rf"(?<![\d.,])(?P<num>{NUMBER})\s*%")
_COUNT = re.compile(rf"(?<![\d/.,])(?P<num>{NUMBER})\s+(?P<unit>{_UNIT_RE})(?!\w)")
_CHANGE = re.compile(rf"(?P<dir>[Tt]ăng|[Gg]iảm)\s+(?:thêm\s+)?(?P<num>{NUMBER})\s*(?P<unit>%|{_UNIT_RE})?"
                     rf"(?:\s+\S+){{0,6}}?\s+so với\s+(?P<against>[^,;.()]+)")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[-+A-ZĐÀ-Ỹ(])")


@dataclass
class Figure:
    kind: str                    # "ratio", "percent", "count", "change"
    published: str               # the figure as printed
    sentence: str                # its sentence, normalised text
    paragraph: Paragraph
    numerator: int | None = None
    denominator: int | None = None
    value: str = ""              # exact decimal (percent in percent, change signed)
    unit: str = ""
    against: str = ""            # change: what it is compared with, as printed


def _is_date_or_number(a: str, b: str, before: str) -> bool:
    """"ngày 15/5" of a date, "6/2024" (a month), a decimal: not a ratio."""
    if "," in a or "," in b:
        return True
    if len(b) == 4 and b.isdigit() and 1900 <= int(b) <= 2100:
        return True
    if re.search(r"(?:ngày|tháng|số)\s*$", before, re.I):
        return True
    try:
        ia, ib = to_int(a), to_int(b)
    except ValueError:
        return True
    return ib == 0 or ia > ib


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def find_figures(paragraphs: list[Paragraph], kind: str) -> list[Figure]:
    """Every figure of the paragraphs. Bare percentages are read in reports only: in a plan "100% hồ sơ"
    is a target, not a result."""
    out: list[Figure] = []
    for p in paragraphs:
        for sent in _sentences(p.text):
            taken: list[tuple[int, int]] = []

            def free(a: int, b: int) -> bool:
                return all(b <= x or a >= y for x, y in taken)

            for m in _CHANGE.finditer(sent):
                sign = -1 if m.group("dir").lower() == "giảm" else 1
                try:
                    v = to_decimal(m.group("num"))
                except ValueError:
                    continue
                out.append(Figure("change", m.group(0).strip(), sent, p,
                                  value=("-" if sign < 0 and v != "0" else "") + v, unit=m.group("unit") or "",
                                  against=m.group("against").strip()))
                taken.append(m.span())
            for m in _RATIO.finditer(sent):
                if not free(*m.span()) or _is_date_or_number(m.group("a"), m.group("b"), sent[:m.start()]):
                    continue
                out.append(Figure("ratio", m.group(0), sent, p, numerator=to_int(m.group("a")),
                                  denominator=to_int(m.group("b"))))
                taken.append(m.span())
            pct = _PERCENT_DAT if kind != "report" else _PERCENT
            for m in pct.finditer(sent):
                span = m.span("num")
                if not free(*span):
                    continue
                out.append(Figure("percent", sent[span[0]:m.end()].strip(), sent, p, value=to_decimal(m.group("num")),
                                  unit="%"))
                taken.append((span[0], m.end()))
            if kind == "report":
                for m in _COUNT.finditer(sent):
                    if not free(*m.span()):
                        continue
                    try:
                        v = to_decimal(m.group("num"))
                    except ValueError:
                        continue
                    out.append(Figure("count", m.group(0), sent, p, value=v, unit=m.group("unit")))
                    taken.append(m.span())
    return out
