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

__all__ = ["Framework", "load", "loads", "default_framework", "load_default", "audit", "STATUS_ORDER"]

#: Every task status in display order (the C++ ``da06::status_display_order``).
STATUS_ORDER: tuple[str, ...] = tuple(_core.status_names())


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
        ``workdays_overdue``, ``past_due_not_done``, the ``deciding_phrase`` and a one-line ``reason``.
        ``df.attrs["provisional_years"]``: the years whose working days were counted without an official
        holiday schedule (``Calendar.is_provisional``); a published schedule may still change them."""
        cal = calendar or Calendar.vietnam_public()
        rep = _core.task_status_report(self._fw, self._as_of(as_of), cal.core, due_soon_workdays, True)
        rows = []
        for t in rep.tasks:
            phrases = t.deciding_phrases
            left = t.workdays_left
            rows.append({
                "task": t.task, "number": t.number, "group": t.group, "status": t.status,
                "due": t.due, "effective_due": t.effective_due, "start": t.start,
                "recurrence": t.recurrence,
                "workdays_left": left if left is not None and left >= 0 else None,
                "workdays_overdue": -left if left is not None and left < 0 else (0 if left is not None else None),
                "past_due": t.past_due, "past_due_not_done": t.past_due_not_done,
                "deciding_phrase": phrases[0].text if phrases else "",
                "deciding_field": phrases[0].field if phrases else "",
                "deciding_phrases": " | ".join(p.text for p in phrases),
                "reason": t.reason,
            })
        df = pd.DataFrame(rows)
        for c in ("due", "effective_due", "start"):
            df[c] = _dates(df[c])
        for c in ("workdays_left", "workdays_overdue"):
            df[c] = df[c].astype("Int64")
        df["status"] = pd.Categorical(df["status"], categories=list(STATUS_ORDER))
        df.attrs["as_of"] = rep.summary.as_of.isoformat()
        df.attrs["summary"] = _status_summary(rep.summary)
        # years whose working days were counted without an official schedule (Calendar.is_provisional)
        df.attrs["provisional_years"] = list(rep.provisional_years)
        return df

    def indicators_frame(self, as_of: DateLike | None = None, *, calendar: Calendar | None = None,
                         method: str = "open_sdg") -> pd.DataFrame:
        """Every target evaluated as of a date, one row per target: the current ``value`` (display units,
        exact as ``value_exact``), the ``published`` text, the ``target`` in force, ``gap_pp`` (percentage
        points for percentages), ``needed`` (how many more units reach the target), ``status`` and
        the ``pace`` class of the series."""
        cal = calendar or Calendar.vietnam_public()
        rep = _core.indicators_report(self._fw, self._as_of(as_of), cal.core, method, 1.0, True)
        return _indicator_rows(self, rep)

    def audit(self, *, include_info: bool = True, as_of: DateLike | None = None,
              calendar: Calendar | None = None) -> pd.DataFrame:
        """Every finding of the audit (see ``da06.audit``)."""
        rep = _core.audit_report(self._fw, include_info, optional_date(as_of), calendar.core if calendar else None)
        return _audit_rows(rep)

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

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Every table of the framework as a DataFrame: ``meta`` (one row), ``tasks``, ``task_groups``,
        ``indicators``, ``observations``, ``targets``, ``target_milestones``, ``units``, ``unit_parents``, …
        (``da06.frames``). ``Framework.from_frames(**fw.to_frames()) == fw``."""
        from . import frames

        return frames.to_frames(self)

    @classmethod
    def from_frames(cls, meta: Any = None, **tables: Any) -> "Framework":
        """A framework from tables (DataFrames or lists of dicts), e.g.
        ``Framework.from_frames(tasks=df_tasks, indicators=df_ind, observations=df_obs, targets=df_tg,
        units=df_units, meta={"id": "kh-2025", "title": "…"})``. Columns are the data format's field names,
        nested ones dotted (``source.line``); extra columns of ``tasks`` become task attributes; a ``units``
        table may carry a ``parent`` column instead of ``unit_parents``. Bad cells raise
        ``da06.frames.FrameError`` naming each as ``table[row].field``; the loader's checks raise ``LoadError``."""
        from . import frames

        doc = frames.from_frames(tables, meta)
        return loads(json.dumps(doc, ensure_ascii=False), "<frames>")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Framework) and bool(self._fw == other._fw)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._fw)


def _status_summary(s: _core.StatusSummary) -> dict[str, Any]:
    """A task-status summary as plain values (DataFrame.attrs must be deep-copyable)."""
    return {
        "total": s.total, "by_status": dict(s.by_status),
        "by_group": [{"group": g.group, "number": g.number, "title": g.title, "total": g.total,
                      "by_status": dict(g.by_status)} for g in s.by_group],
        "claims": [{"claim": c.claim, "status": c.status, "published": c.published, "claimed": c.claimed,
                    "statuses": list(c.statuses), "ours": c.ours, "difference": c.difference} for c in s.claims],
        "past_due_not_done": list(s.past_due_not_done), "overdue": list(s.overdue),
    }


def _indicator_rows(fw: Framework, rep: _core.IndicatorsReport) -> pd.DataFrame:
    from ._targets import flatten_target, plot_inputs

    names = {i.id: i.name for i in fw.core.indicators()}
    rows = [flatten_target(e, names.get(e.indicator)) for e in rep.targets]
    df = pd.DataFrame(rows)
    if len(df):
        for c in ("current_date", "deadline", "projected_attainment"):
            df[c] = _dates(df[c])
        for c in ("needed", "workdays_left"):
            df[c] = df[c].astype("Int64")
    # What da06.plot draws for each target (the series, the projection line, the target), by target id.
    df.attrs["targets"] = {e.target: plot_inputs(e, names.get(e.indicator)) for e in rep.targets}
    df.attrs["as_of"] = rep.as_of.isoformat()
    df.attrs["provisional_years"] = list(rep.provisional_years)
    s = rep.summary
    df.attrs["summary"] = {"observations": s.observations, "derived_observations": s.derived_observations,
                           "targets": s.targets, "met": s.met, "not_met": s.not_met, "no_data": s.no_data,
                           "pace": dict(s.pace)}
    return df


_AUDIT_COLUMNS = ["id", "check", "severity", "message", "published", "values", "records", "source_line", "quote"]


def _audit_rows(rep: _core.AuditReport) -> pd.DataFrame:
    rows = []
    for f in rep.findings:
        src = f.source
        rows.append({
            "id": f.id, "check": f.check, "severity": f.severity, "message": f.message, "published": f.published,
            "values": {v.name: v.value for v in f.values},
            "records": "; ".join(f.records),
            "source_line": src.line if src.line > 0 else None, "quote": src.quote,
        })
    df = pd.DataFrame(rows, columns=_AUDIT_COLUMNS)
    df["severity"] = pd.Categorical(df["severity"], categories=["error", "warning", "info"])
    df["source_line"] = df["source_line"].astype("Int64")
    df.attrs["counts"] = {"error": rep.counts.error, "warning": rep.counts.warning, "info": rep.counts.info}
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


def default_framework() -> Framework:
    """The embedded dataset: Thanh Hóa, report 137/BC-UBND of 28/6/2024 on the first half of 2024."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Framework(_core.default_framework())
    return _DEFAULT


#: The same as :func:`default_framework` (its first name; kept).
load_default = default_framework


def audit(fw: Framework, *, include_info: bool = True, as_of: DateLike | None = None,
          calendar: Calendar | None = None) -> pd.DataFrame:
    """The audit's findings, one row per finding: ``id``, ``check``, ``severity`` (error, warning, info),
    ``message``, the ``published`` text, the exact ``values`` compared, the ``records`` involved and the
    ``source_line`` and ``quote`` of the source document. ``df.attrs["counts"]`` counts them by severity.
    ``as_of`` (default: the report's date) and ``calendar`` (default: ``Calendar.vietnam_public()``) are those
    the task states are classified at and with, for the report's claims of completion."""
    return fw.audit(include_info=include_info, as_of=as_of, calendar=calendar)
