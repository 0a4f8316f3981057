"""Targets: target tables (an indicator per row, its value per stage), target bullets ("+ 95% người dân …"
under "- Giai đoạn 2025-2027"), several targets in one bullet, and rank targets ("thuộc nhóm 4 nước
dẫn đầu ASEAN … vào năm 2028"). Each becomes a da06 target: a comparator, a threshold in display
units, the first stage's start as `effective`, the last stage's end as `deadline`, and one milestone
per later stage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ._document import Paragraph, fold
from ._numbers import NUMBER, to_decimal

__all__ = ["Stage", "TargetValue", "parse_value", "StagedTarget", "bullet_targets", "rank_targets",
           "RANK_POPULATIONS", "similar"]

# How many are ranked, for the groups that ranking targets name without the number.
# ASEAN: 11 member states since Timor-Leste's admission (26 October 2025).
# "thế giới": the United Nations E-Government Survey ranks the 193 UN member states.
RANK_POPULATIONS: dict[str, tuple[int, str]] = {
    "asean": (11, "ASEAN member states (11 since 26/10/2025)"),
    "the gioi": (193, "UN member states ranked by the UN E-Government Survey"),
}


@dataclass
class Stage:
    text: str                # "Giai đoạn 2025-2027"
    start: str | None        # ISO dates
    due: str | None


@dataclass
class TargetValue:
    comparator: str          # >=, <=, >, <, =, top
    threshold: str           # exact decimal, display units
    unit: str                # "%" or the printed unit or ""
    of: int | None = None    # top: out of how many, when printed ("15/63")


_VALUE = re.compile(
    rf"\s*(?P<pre>tối thiểu|ít nhất|không dưới|không thấp hơn|từ|trên|dưới|tối đa|không quá|không vượt quá|đạt|≥|>=|≤|<=|>|<)?\s*"
    rf"(?P<num>{NUMBER})\s*(?P<pct>%)?\s*(?P<post>trở lên|trở xuống)?\s*\.?\s*", re.I)
_RANK = re.compile(r"\s*(?:top|nhóm|thứ|hạng)\s+(\d{1,4})(?:\s*/\s*(\d{1,4}))?\s*\.?\s*", re.I)
_CMP = {"tối thiểu": ">=", "ít nhất": ">=", "không dưới": ">=", "không thấp hơn": ">=", "từ": ">=", "trên": ">",
        "dưới": "<", "tối đa": "<=", "không quá": "<=", "không vượt quá": "<=", "đạt": ">=", "≥": ">=", ">=": ">=",
        "≤": "<=", "<=": "<=", ">": ">", "<": "<"}


def parse_value(text: str) -> TargetValue | None:
    """A target cell: "100%", "≥ 90%", "tối thiểu 50%", "Top 3", "15/63" (rank), "3.000". None when not
    one value (nothing is guessed)."""
    m = _RANK.fullmatch(text)
    if m:
        return TargetValue("top", m.group(1).lstrip("0") or "0", "rank", int(m.group(2)) if m.group(2) else None)
    m = _VALUE.fullmatch(text)
    if not m:
        return None
    pre = (m.group("pre") or "").lower()
    post = (m.group("post") or "").lower()
    cmp = _CMP.get(pre, ">=")
    if post == "trở lên":
        cmp = ">="
    elif post == "trở xuống":
        cmp = "<="
    try:
        value = to_decimal(m.group("num"))
    except ValueError:
        return None
    return TargetValue(cmp, value, "%" if m.group("pct") else "")


@dataclass
class StagedTarget:
    name: str
    unit: str
    stages: list[tuple[Stage, TargetValue]] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    note: str = ""
    place_line: int = 0
    quote: str = ""
    paragraph: int = 0


def similar(a: str, b: str) -> float:
    """Jaccard similarity of the folded words of two indicator names, "tỉ lệ"/"tỷ lệ" dropped."""
    def words(s: str) -> set[str]:
        f = re.sub(r"[^\w\s]", " ", fold(s))
        f = re.sub(r"^\s*(ti|ty) le\s+", "", f)
        return set(f.split())
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


_BULLET = re.compile(rf"[+•]\s*(?P<num>{NUMBER})\s*%\s+(?P<rest>.+)")
_SECOND = re.compile(rf"(?P<first>.+?)\s+và\s+(?P<num>{NUMBER})\s*%\s+(?P<second>.+)")


def _split_two(first: str, second: str) -> tuple[str, str]:
    """Complete the names of two targets printed in one bullet from each other. The second target's
    subject is the words of the first before the word the second starts with; the first target takes
    the second's tail only when its own predicate lines up with the start of the second word for word
    (numbers standing for numbers):
    "bộ, ngành, địa phương đạt cấp độ 4" + "đạt cấp độ 5 mức độ trưởng thành …" →
    "bộ, ngành, địa phương đạt cấp độ 4 mức độ trưởng thành …", "bộ, ngành, địa phương đạt cấp độ 5 mức độ …";
    "hồ sơ được số hóa" + "được khai thác lại" → "hồ sơ được số hóa", "hồ sơ được khai thác lại"."""
    a, b = first.split(), second.split()
    anchor = next((i for i, w in enumerate(a) if b and w == b[0]), None)
    if anchor is None:
        return first, second
    subject, predicate = a[:anchor], a[anchor:]
    lines_up = len(b) > len(predicate) and all(
        x == y or (x.isdigit() and y.isdigit()) for x, y in zip(predicate, b))
    tail = b[len(predicate):] if lines_up else []
    return " ".join(a + tail), " ".join(subject + b)


def bullet_targets(paragraphs: list[Paragraph], stage_of: Callable[[str], Stage | None]) -> tuple[
        list[StagedTarget], list[Paragraph]]:
    """Targets of "+ X% …" bullets under stage lines ("- Giai đoạn 2025-2027"); returns the targets and
    the paragraphs they came from."""
    out: list[StagedTarget] = []
    used: list[Paragraph] = []
    stage: Stage | None = None
    for p in paragraphs:
        t = p.text
        if t.startswith("-") and len(t) <= 60:
            s = stage_of(t.lstrip("- ").strip())
            if s is not None:
                stage = s
                continue
        m = _BULLET.fullmatch(t)
        if not m or stage is None:
            if not t.startswith("+"):
                stage = None if not t.startswith(("-", "Một số", "a)", "b)", "c)")) else stage
            continue
        rest = m.group("rest").rstrip(".").strip()
        items = [(m.group("num"), rest)]
        two = _SECOND.fullmatch(rest)
        if two:
            n1, n2 = _split_two(two.group("first"), two.group("second"))
            items = [(m.group("num"), n1), (two.group("num"), n2)]
        for num, name in items:
            st = StagedTarget(name=name, unit="%", note="two targets in one bullet" if two else "")
            st.stages.append((stage, TargetValue(">=", to_decimal(num), "%")))
            st.published.append(t)
            st.place_line, st.quote, st.paragraph = p.line, p.raw, p.index
            out.append(st)
        used.append(p)
    return out, used


_RANK_CLAUSE = re.compile(r"nhóm\s+(\d{1,4})\s+(?:nước|quốc gia|tỉnh|địa phương)\s+dẫn đầu\s+(.+?)"
                          r"(?=\s+và\s+nhóm|\s+vào năm|\s+trong năm|\s+đến năm|\s+theo\s|;|$)")
_YEAR = re.compile(r"(?:vào|trong|đến)\s+năm\s+(\d{4})")


@dataclass
class RankTarget:
    subject: str                     # what is ranked ("Xếp hạng của Việt Nam về phát triển Chính phủ …")
    group: str                       # among whom ("Hiệp hội các quốc gia Đông Nam Á (ASEAN)")
    key: str                         # folded short name ("asean")
    stages: list[tuple[int, int]] = field(default_factory=list)  # (year, top N)
    paragraph: Paragraph | None = None
    text: str = ""


def rank_targets(paragraphs: list[Paragraph]) -> list[RankTarget]:
    """Rank targets: "thuộc nhóm 4 nước dẫn đầu ASEAN và nhóm 60 nước dẫn đầu thế giới vào năm 2028; …"."""
    out: list[RankTarget] = []
    for p in paragraphs:
        if "nhóm" not in p.text or "dẫn đầu" not in p.text:
            continue
        subject = re.split(r"\s+có\s+|\s+đạt\s+|,\s+Việt Nam|\s+(?:thuộc|nằm trong|vào)\s+nhóm", p.text,
                           maxsplit=1)[0].strip()
        by_key: dict[str, RankTarget] = {}
        for clause in re.split(r";\s*", p.text):
            years = _YEAR.findall(clause)
            if not years:
                continue
            year = int(years[-1])
            for m in _RANK_CLAUSE.finditer(clause):
                group = m.group(2).strip().rstrip(".,")
                acronym = re.search(r"\(([A-Z]{2,})\)", group)
                key = fold(acronym.group(1)) if acronym else fold(group)
                rt = by_key.get(key)
                if rt is None:
                    rt = RankTarget(subject, group, key, paragraph=p, text=p.text)
                    by_key[key] = rt
                    out.append(rt)
                rt.stages.append((year, int(m.group(1))))
    return out
