"""The import log: everything the importer decided, skipped or did not understand, with its place."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ._document import Place

__all__ = ["Entry", "ImportLog"]


@dataclass
class Entry:
    level: str      # "error" (not imported), "warning" (imported, check it), "info" (a decision)
    code: str       # a stable id: "numbering.skip", "deadline.unread", "table.unknown", ...
    where: str      # "file:line", "file!sheet!C12", "file: table 2, row 5"
    message: str
    text: str = ""  # the verbatim text concerned, when there is one

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}" + (f" [{self.text[:100]}]" if self.text else "")


@dataclass
class ImportLog:
    entries: list[Entry] = field(default_factory=list)

    def add(self, level: str, code: str, where: Place | str, message: str, text: str = "") -> None:
        self.entries.append(Entry(level, code, str(where), message, text))

    def info(self, code: str, where: Place | str, message: str, text: str = "") -> None:
        self.add("info", code, where, message, text)

    def warning(self, code: str, where: Place | str, message: str, text: str = "") -> None:
        self.add("warning", code, where, message, text)

    def error(self, code: str, where: Place | str, message: str, text: str = "") -> None:
        self.add("error", code, where, message, text)

    def count(self, level: str | None = None, code: str | None = None) -> int:
        return sum(1 for e in self.entries if (level is None or e.level == level) and (code is None or e.code == code))

    def to_list(self) -> list[dict[str, Any]]:
        return [asdict(e) for e in self.entries]
