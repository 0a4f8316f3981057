"""The exceptions of da06. Each keeps where the bad input was: file, line, column, JSON path, field.

The compiled core raises these (bindings/python/register_errors.cpp maps each C++ type)::

    try:
        da06.load("broken.json")
    except da06.LoadError as e:
        print(e.file, e.line, e.field, e.message)
        for d in e.diagnostics:
            print(d)
"""
from __future__ import annotations

from typing import Any, NamedTuple


class Diagnostic(NamedTuple):
    """One problem found while loading a framework file."""

    severity: str  #: "error" or "warning"
    message: str
    file: str
    line: int
    column: int
    path: str
    field: str

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        if self.path:
            where += f": {self.path}"
        warn = "warning: " if self.severity == "warning" else ""
        return f"{where}: {warn}{self.message}"


class Error(Exception):
    """Base of every da06 exception. ``str(e)`` is the full located message; ``e.message`` the bare one."""

    def __init__(
        self,
        what: str,
        *,
        message: str | None = None,
        file: str = "",
        line: int = 0,
        column: int = 0,
        path: str = "",
        field: str = "",
    ) -> None:
        super().__init__(what)
        self.message: str = what if message is None else message
        self.file: str = file
        self.line: int = line
        self.column: int = column
        self.path: str = path
        self.field: str = field

    def __reduce__(self) -> tuple[Any, ...]:  # keep the location through pickling (multiprocessing)
        kw = {k: getattr(self, k) for k in ("message", "file", "line", "column", "path", "field")}
        return (_rebuild, (type(self), str(self), kw))


def _rebuild(cls: type[Error], what: str, kw: dict[str, Any]) -> Error:
    return cls(what, **kw)


class ParseError(Error, ValueError):
    """Text that does not follow its grammar (a number, a date, a period, JSON syntax)."""


class DataError(Error, ValueError):
    """Well-formed input whose content is wrong (dangling reference, 0 denominator, ...)."""


class RangeError(Error, ValueError):
    """A value outside the range the operation supports (a date outside 1900..2199, overflow)."""


class InvalidArgument(Error, ValueError):
    """An argument that violates a documented precondition."""


class LoadError(DataError):
    """A framework file with errors. ``diagnostics`` lists every problem; the location is the first error's."""

    def __init__(self, what: str, *, diagnostics: list[tuple[Any, ...]] | None = None, **kw: Any) -> None:
        super().__init__(what, **kw)
        self.diagnostics: list[Diagnostic] = [Diagnostic(*d) for d in (diagnostics or [])]

    def __reduce__(self) -> tuple[Any, ...]:
        kw = {k: getattr(self, k) for k in ("message", "file", "line", "column", "path", "field")}
        kw["diagnostics"] = [tuple(d) for d in self.diagnostics]
        return (_rebuild, (type(self), str(self), kw))


__all__ = ["Diagnostic", "Error", "ParseError", "DataError", "RangeError", "InvalidArgument", "LoadError"]

# Their public home is the package: tracebacks and doctests say da06.RangeError, the name users import.
for _cls in (Error, ParseError, DataError, RangeError, InvalidArgument, LoadError):
    _cls.__module__ = "da06"
