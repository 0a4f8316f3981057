"""Tasks written as prose: "a) Nhiệm vụ: … b) Cơ quan thực hiện: - Đơn vị chủ trì: … - Đơn vị phối hợp: …
c) Thời gian thực hiện: …", under numbered headings ("1.1. Xây dựng …", "2. Về các nền tảng số").

A task starts at a paragraph labelled like a task title ("Nhiệm vụ", "Nội dung"); the paragraphs after
it that carry no label (bullets "- …") continue its title; each labelled paragraph fills a field by
the same header rules as task tables ("Đơn vị chủ trì" → lead, "Thời gian thực hiện" → deadline);
other labels become attributes. The task ends at the next task, the next heading, or an unlabelled
paragraph after its fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._document import Paragraph, fold
from ._tables import task_role

__all__ = ["ProseTask", "ProseGroup", "read_prose_tasks"]

# "a) Nhiệm vụ: …", "- Đơn vị chủ trì: …", "c) Thời gian thực hiện: …", "Nhiệm vụ: …"
_LABELLED = re.compile(r"(?:([a-zđ])\)\s*|[-+•]\s*)?([^:]{2,60}?)\s*:\s*(.*)", re.S)
_HEADING = re.compile(r"((?:\d{1,2}\.)*\d{1,2})\.?\s+(.+)")
_ROMAN_HEADING = re.compile(r"([IVXLC]{1,6})\.\s+(.+)")
# Labels that only introduce the next ones ("b) Cơ quan thực hiện:")
_CONTAINERS = ("co quan thuc hien", "don vi thuc hien", "to chuc thuc hien")


@dataclass
class ProseGroup:
    number: str
    title: str
    paragraph: Paragraph


@dataclass
class ProseTask:
    heading_number: str               # "1.1", "2"
    heading: str                      # the heading's text
    group: ProseGroup | None
    start: Paragraph                  # the paragraph that opens the task ("a) Nhiệm vụ: …")
    fields: dict[str, list[str]] = field(default_factory=dict)     # role -> texts
    attributes: dict[str, str] = field(default_factory=dict)
    places: dict[str, Paragraph] = field(default_factory=dict)     # role -> the paragraph it came from

    def text(self, role: str) -> str:
        return " ".join(t for t in self.fields.get(role, []) if t).strip()


def _label(p: Paragraph) -> tuple[str, str, str] | None:
    """(marker, label, rest) of a labelled paragraph, or None."""
    m = _LABELLED.fullmatch(p.text)
    if not m:
        return None
    label = m.group(2).strip()
    if len(label.split()) > 8 or not label[:1].isalpha():
        return None
    return m.group(1) or "", label, m.group(3).strip()


def read_prose_tasks(paragraphs: list[Paragraph]) -> list[ProseTask]:
    tasks: list[ProseTask] = []
    heading_number, heading = "", ""
    group: ProseGroup | None = None
    cur: ProseTask | None = None
    in_title = False
    for p in paragraphs:
        hm = _HEADING.fullmatch(p.text)
        if p.bold and hm and not _label(p):
            cur, in_title = None, False
            heading_number, heading = hm.group(1), hm.group(2).rstrip(":").strip()
            if "." not in heading_number:  # a top-level heading: a group
                group = ProseGroup(heading_number, heading, p)
            continue
        if p.bold and _ROMAN_HEADING.fullmatch(p.text):
            cur, in_title, group = None, False, None
            heading_number, heading = "", ""
            continue
        lab = _label(p)
        if lab is not None:
            marker, label, rest = lab
            role = task_role(label, "plan")
            if role == "title":
                cur = ProseTask(heading_number, heading, group, p)
                cur.fields["title"] = [rest] if rest else []
                cur.places["title"] = p
                tasks.append(cur)
                in_title = True
                continue
            if cur is None:
                continue
            in_title = False
            if fold(label) in _CONTAINERS and not rest:
                continue
            if role in ("lead", "coordinating", "deadline", "progress"):
                cur.fields.setdefault(role, []).append(rest)
                cur.places.setdefault(role, p)
            elif role is None and rest:
                cur.attributes[label] = (cur.attributes.get(label, "") + " " + rest).strip()
            continue
        if cur is not None and in_title:
            cur.fields.setdefault("title", []).append(p.text)  # "- Triển khai …" bullets of the task
            continue
        if cur is not None and not p.text.startswith(("-", "+", "•")):
            cur, in_title = None, False
    return [t for t in tasks if t.text("title")]
