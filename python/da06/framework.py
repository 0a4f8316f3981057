"""A Đề án 06 framework and its tables: tasks, task status, indicators against targets, the audit."""
from __future__ import annotations

import datetime as _dt
import json
import os
from typing import Any

import pandas as pd

from . import _core
from ._dates import DateLike, optional_date, to_date
from ._errors import Diagnostic
from .calendar import Calendar

__all__ = ["Framework", "load", "loads", "load_default", "audit"]


def _dates(s: "pd.Series[Any]") -> "pd.Series[Any]":
    """ISO strings / dates / None -> datetime64 (NaT for missing)."""
    return pd.to_datetime(s, errors="raise", format="ISO8601") if len(s) else s.astype("datetime64[ns]")


class Framework:
    """An immutable framework. Build one with ``da06.load`` / ``da06.load_default``.

    ``warnings`` holds the loader's warnings (a file with errors does not load: ``LoadError``).
    """

    __slots__ = ("_fw", "warnings")

    def __init__(self, core: _core.Framework, warnings: list[Diagnostic] | None = None) -> None:
        self._fw = core
        self.warnings: list[Diagnostic] = list(warnings or [])

    # -- identity -------------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self._fw.id

    @property
    def title(self) -> str:
        return self._fw.title

    @property
    def province(self) -> str:
        return self._fw.province

    @property
    def report_date(self) -> _dt.date | None:
        """The date of the report the data were taken from (the default ``as_of``)."""
        return self._fw.report_date

    @property
    def period(self) -> str:
        """The reporting period's code, e.g. "2024-S1"."""
        return self._fw.period_code

    @property
    def reference_year(self) -> int | None:
        """The year for deadline texts without one: the period's, else the plan's, else the report's."""
        code = self._fw.period_code
        if len(code) >= 4 and code[:4].isdigit():
            return int(code[:4])
        for d in (self._fw.plan_date, self._fw.report_date):
            if d is not None:
                return d.year
        return None

    @property
    def core(self) -> _core.Framework:
        """The compiled framework (tasks(), indicators(), observations(), targets(), units() records)."""
        return self._fw

    def _as_of(self, as_of: DateLike | None) -> _dt.date:
        d = optional_date(as_of) or _core.default_as_of(self._fw)
        if d is None:
            raise ValueError("as_of is required: this framework has no report date and no period")
        return d

    # -- tables ---------------------------------------------------------------------------------
    def tasks_frame(self) -> pd.DataFrame:
        """One row per task: the verbatim columns, then the deadline text read into structured columns
        (``deadline_kind``, ``due``, ``start``, ``deadline_period``, ``recurrence``, ``condition``,
        ``authority``, ``tentative``, ``aspirational``, ``thresholds``). Nothing is guessed: a deadline that
        cannot be read has kind "unknown" and no dates."""
        groups = {g.id: g for g in self._fw.task_groups()}
        year = self.reference_year
        rows = []
        for t in self._fw.tasks():
            d = _core.parse_deadline(t.deadline_text, year)
            g = groups.get(t.group)
            rows.append({
                "id": t.id, "number": t.number, "group": t.group,
                "group_number": g.number if g else "", "group_title": g.title if g else "",
                "title": t.title, "lead": t.lead, "coordinating": t.coordinating,
                "deadline_text": t.deadline_text, "progress_text": t.progress_text,
                "indicators": "; ".join(t.indicators), "utility_group": t.utility_group,
                "source_line": t.source.line,
                "deadline_kind": d.kind, "due": d.due, "start": d.start, "deadline_period": d.period,
                "strictly_before": d.strictly_before, "recurrence": d.recurrence, "condition": d.condition,
                "authority": d.authority, "tentative": d.tentative, "aspirational": d.aspirational,
                "thresholds": "; ".join(f"{x.comparator} {x.value}{x.unit}" for x in d.thresholds),
            })
        df = pd.DataFrame(rows)
        for c in ("due", "start"):
            df[c] = pd.to_datetime(df[c])
        return df

    def task_status(self, as_of: DateLike | None = None, *, calendar: Calendar | None = None,
                    due_soon_workdays: int = 10) -> pd.DataFrame:
        """Each task's status as of a date (default: the report's date), one row per task:
        ``status``, ``due`` (as printed), ``effective_due`` (rolled to a working day), ``workdays_left``,
        ``workdays_overdue``, ``past_due_not_done``, the ``deciding_phrase`` and a one-line ``reason``."""
        cal = calendar or Calendar.vietnam()
        doc = json.loads(_core.task_status_json(self._fw, self._as_of(as_of), cal.core, due_soon_workdays, True))
        rows = []
        for t in doc["tasks"]:
            phrases = t.get("deciding_phrases") or []
            left = t.get("workdays_left")
            rows.append({
                "task": t["task"], "number": t["number"], "group": t["group"], "status": t["status"],
                "due": t.get("due"), "effective_due": t.get("effective_due"), "start": t.get("start"),
                "recurrence": t.get("recurrence"),
                "workdays_left": left if left is not None and left >= 0 else None,
                "workdays_overdue": -left if left is not None and left < 0 else (0 if left is not None else None),
                "past_due": t.get("past_due", False), "past_due_not_done": t.get("past_due_not_done", False),
                "deciding_phrase": phrases[0]["text"] if phrases else "",
                "deciding_field": phrases[0]["field"] if phrases else "",
                "deciding_phrases": " | ".join(p["text"] for p in phrases),
                "reason": t.get("reason", ""),
            })
        df = pd.DataFrame(rows)
        for c in ("due", "effective_due", "start"):
            df[c] = _dates(df[c])
        for c in ("workdays_left", "workdays_overdue"):
            df[c] = df[c].astype("Int64")
        order = ["done", "done_maintained", "in_progress", "due_soon", "overdue", "waiting", "not_started", "unknown"]
        df["status"] = pd.Categorical(df["status"], categories=order)
        df.attrs["as_of"] = doc.get("as_of")
        df.attrs["summary"] = doc.get("summary", {})
        return df

    def indicators_frame(self, as_of: DateLike | None = None, *, calendar: Calendar | None = None,
                         method: str = "open_sdg") -> pd.DataFrame:
        """Every target evaluated as of a date, one row per target: the current ``value`` (display units,
        exact as ``value_exact``), the ``published`` text, the ``target`` in force, ``gap_pp`` (percentage
        points for percentages), ``needed`` (how many more units reach the target), ``status`` and
        the ``pace`` class of the series."""
        cal = calendar or Calendar.vietnam()
        doc = json.loads(_core.indicators_json(self._fw, self._as_of(as_of), cal.core, method, 1.0, True))
        return _indicator_rows(doc)

    def audit(self, *, include_info: bool = True, as_of: DateLike | None = None) -> pd.DataFrame:
        """Every finding of the audit (see ``da06.audit``)."""
        doc = json.loads(_core.audit_json(self._fw, include_info, optional_date(as_of)))
        return _audit_rows(doc)

    def observations_frame(self) -> pd.DataFrame:
        """Every observation: indicator, unit, period or as-of date, exact numerator/denominator/value,
        the printed text and its source line."""
        rows = []
        for o in self._fw.observations():
            rows.append({
                "id": o.id, "indicator": o.indicator, "unit": o.unit, "period": o.period, "as_of": o.as_of,
                "service": o.service, "numerator": o.numerator, "denominator": o.denominator, "value": o.value,
                "published": o.published, "published_value": o.published_value, "qualifier": o.qualifier,
                "source_line": o.source.line,
            })
        df = pd.DataFrame(rows)
        for c in ("numerator", "denominator"):
            df[c] = df[c].astype("Int64")
        df["as_of"] = pd.to_datetime(df["as_of"])
        return df

    def units_frame(self) -> pd.DataFrame:
        """The framework's organisational units: id, name, level, kind, valid_from, valid_to, parent."""
        rows = []
        for u in self._fw.units():
            parent = u.parents[0][0] if u.parents else ""
            rows.append({"id": u.id, "name": u.name, "level": u.level, "kind": u.kind,
                         "valid_from": u.valid_from, "valid_to": u.valid_to, "parent": parent})
        return pd.DataFrame(rows)

    def report(self, as_of: DateLike | None = None) -> dict[str, Any]:
        """The report document of ``da06 report --json`` as a dict."""
        d: dict[str, Any] = json.loads(_core.report_json(self._fw, optional_date(as_of)))
        return d

    def report_text(self, as_of: DateLike | None = None) -> str:
        """The readable report of ``da06 report``."""
        return _core.report_text(self._fw, optional_date(as_of))

    def to_json(self) -> str:
        """The framework in the data format (``load`` of it gives an equal framework)."""
        return _core.write_json(self._fw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Framework) and bool(self._fw == other._fw)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._fw)


def _indicator_rows(doc: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for t in doc.get("targets", []):
        rows.append(_flatten_target(t))
    df = pd.DataFrame(rows)
    if len(df):
        for c in ("current_date", "deadline", "projected_attainment"):
            df[c] = _dates(df[c])
        for c in ("needed", "workdays_left"):
            df[c] = df[c].astype("Int64")
    # The full evaluations (pace inputs, projection line) for da06.plot, by target id.
    df.attrs["targets"] = {t["id"]: t for t in doc.get("targets", [])}
    df.attrs["as_of"] = doc.get("as_of")
    df.attrs["summary"] = doc.get("summary", {})
    return df


def _flatten_target(t: dict[str, Any]) -> dict[str, Any]:
    from ._targets import flatten_target

    return flatten_target(t)


def _values(v: Any) -> dict[str, str]:
    """A finding's compared values: {"name": "exact text"} (also accepts a [{name, value}] list)."""
    if isinstance(v, dict):
        return {str(k): str(x) for k, x in v.items()}
    return {str(x["name"]): str(x["value"]) for x in (v or [])}


def _audit_rows(doc: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for f in doc.get("findings", []):
        src = f.get("source") or {}
        rows.append({
            "id": f.get("id"), "check": f.get("check"), "severity": f.get("severity"),
            "message": f.get("message"), "published": f.get("published", ""),
            "values": _values(f.get("values")),
            "records": "; ".join(f.get("records", [])),
            "source_line": src.get("line"), "quote": src.get("quote", ""),
        })
    df = pd.DataFrame(rows, columns=["id", "check", "severity", "message", "published", "values", "records",
                                     "source_line", "quote"])
    df["severity"] = pd.Categorical(df["severity"], categories=["error", "warning", "info"])
    df["source_line"] = df["source_line"].astype("Int64")
    df.attrs["counts"] = doc.get("counts", {})
    df.attrs["status_check"] = doc.get("status_check")
    return df


def load(path: str | os.PathLike[str]) -> Framework:
    """Load a framework file (JSON with comments, docs/data-format.md).

    Raises ``da06.LoadError`` (a ``DataError``) when the file has errors: its ``file``, ``line``, ``column``,
    ``path`` and ``field`` locate the first one and ``diagnostics`` lists all of them. Warnings are kept
    in ``Framework.warnings``."""
    fw, warns = _core.load_file(os.fspath(path))
    return Framework(fw, [Diagnostic(*w) for w in warns])


def loads(text: str, file_name: str = "<string>") -> Framework:
    """Same as ``load`` from JSON text; ``file_name`` is used in error locations."""
    fw, warns = _core.load_json(text, file_name)
    return Framework(fw, [Diagnostic(*w) for w in warns])


_DEFAULT: Framework | None = None


def load_default() -> Framework:
    """The embedded dataset: Thanh Hóa, report 137/BC-UBND of 28/6/2024 on the first half of 2024."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Framework(_core.default_framework())
    return _DEFAULT


def audit(fw: Framework, *, include_info: bool = True, as_of: DateLike | None = None) -> pd.DataFrame:
    """The audit's findings, one row per finding: ``id``, ``check``, ``severity`` (error, warning, info),
    ``message``, the ``published`` text, the exact ``values`` compared, the ``records`` involved and the
    ``source_line`` and ``quote`` of the source document."""
    return fw.audit(include_info=include_info, as_of=as_of)
