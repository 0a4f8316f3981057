"""A series of reports, report over report: what changed, and pace over every report's figures.

    import da06
    s = da06.Series([da06.load_default(), da06.load("bc_2024h2.json")])
    d = s.diff(0, 1)              # or s.diff(-2, -1): the last two reports
    d.newly_done                  # DataFrame: old_task, new_task, title, old_status, new_status, old_due, new_due
    d.indicators                  # DataFrame: indicator, unit, service, movement, old/new value (Fraction), change
    s.pace()                      # DataFrame: one row per target of the latest report, pace on the whole series

The work is done by the C++ library (da06/series.hpp); docs/series.md describes the matching rules.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from . import _core
from ._dates import DateLike, to_date
from .calendar import Calendar
from .framework import Framework

__all__ = ["Series", "SeriesDiff"]


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


_TASK_CHANGE = ("old_task", "new_task", "title", "old_status", "new_status", "old_due", "new_due")


def _task_changes(items: Iterable[Any]) -> pd.DataFrame:
    return _frame([{c: getattr(x, c) for c in _TASK_CHANGE} for x in items], _TASK_CHANGE)


@dataclass(frozen=True)
class SeriesDiff:
    """What changed from one report to a later one. Every table is a DataFrame; ``core`` is the typed
    result (da06._core.SeriesDiff) and ``to_json()`` its JSON, the same document as ``da06 diff --json``."""

    core: _core.SeriesDiff

    @property
    def old_report(self) -> str:
        return str(self.core.old_report)

    @property
    def new_report(self) -> str:
        return str(self.core.new_report)

    @property
    def matches(self) -> pd.DataFrame:
        """Every task match: old_task, new_task, numbers, groups, method (number, text, pinned, split,
        merged) and confidence."""
        cols = ("old_task", "new_task", "old_number", "new_number", "old_group", "new_group", "method", "confidence")
        return _frame([{c: getattr(m, c) for c in cols} for m in self.core.tasks.matches], cols)

    def _unmatched(self, items: Iterable[Any]) -> pd.DataFrame:
        cols = ("task", "number", "title", "best_candidate", "best_score")
        return _frame([{c: getattr(u, c) for c in cols} for u in items], cols)

    @property
    def new_tasks(self) -> pd.DataFrame:
        """Tasks of the later report that match none of the earlier one, with their best candidate."""
        return self._unmatched(self.core.tasks.added)

    @property
    def dropped_tasks(self) -> pd.DataFrame:
        """Tasks of the earlier report that match none of the later one, with their best candidate."""
        return self._unmatched(self.core.tasks.dropped)

    @property
    def renumbered(self) -> pd.DataFrame:
        cols = ("old_task", "new_task", "old_number", "new_number", "method", "confidence")
        return _frame([{c: getattr(m, c) for c in cols} for m in self.core.renumbered], cols)

    @property
    def newly_done(self) -> pd.DataFrame:
        return _task_changes(self.core.newly_done)

    @property
    def newly_overdue(self) -> pd.DataFrame:
        return _task_changes(self.core.newly_overdue)

    @property
    def newly_waiting(self) -> pd.DataFrame:
        return _task_changes(self.core.newly_waiting)

    @property
    def deadline_moved(self) -> pd.DataFrame:
        return _task_changes(self.core.deadline_moved)

    @property
    def indicators(self) -> pd.DataFrame:
        """Indicators that moved: exact old/new values and change (Fraction, display units; the change is in
        percentage points when ``percentage_points``), the changes of numerator and denominator (int), the
        displayed values, and the earlier units followed into this one (a merge)."""
        cols = ("indicator", "unit", "service", "movement", "old_value", "new_value", "change", "percentage_points",
                "numerator_change", "denominator_change", "old_display", "new_display", "old_date", "new_date",
                "followed_from", "old_observations", "new_observation")
        df = _frame([{c: getattr(m, c) for c in cols} for m in self.core.indicators], cols)
        for c in ("numerator_change", "denominator_change"):
            df[c] = df[c].astype("Int64")  # counts: integers, <NA> when a figure is not a ratio
        return df

    @property
    def revisions(self) -> pd.DataFrame:
        """Figures the later report printed again with another value (same indicator, unit, service, period)."""
        cols = ("indicator", "unit", "service", "when", "old_value", "new_value", "old_observation", "new_observation")
        rows = []
        for r in self.core.revisions:
            k = r.key
            rows.append({"indicator": k.indicator, "unit": k.unit, "service": k.service, "when": k.when,
                         "old_value": r.old_value, "new_value": r.new_value,
                         "old_observation": r.old_observation, "new_observation": r.new_observation})
        return _frame(rows, cols)

    @property
    def duplicates(self) -> int:
        """Figures of the later report that repeat one of the earlier report with the same value."""
        return int(self.core.duplicates)

    def _targets(self, items: Iterable[Any]) -> pd.DataFrame:
        cols = ("target", "indicator", "shift", "old_status", "new_status", "old_value", "new_value", "deadline")
        return _frame([{c: getattr(t, c) for c in cols} for t in items], cols)

    @property
    def targets_newly_met(self) -> pd.DataFrame:
        return self._targets(self.core.targets_newly_met)

    @property
    def targets_newly_missed(self) -> pd.DataFrame:
        """``shift`` says why: ``no_longer_met`` or ``deadline_passed`` (between the two reports, unmet)."""
        return self._targets(self.core.targets_newly_missed)

    def _units(self, items: Iterable[Any]) -> pd.DataFrame:
        cols = ("unit", "name", "level", "reason", "successors")
        return _frame([{c: getattr(u, c) for c in cols} for u in items], cols)

    @property
    def units_entered(self) -> pd.DataFrame:
        return self._units(self.core.units_entered)

    @property
    def units_left(self) -> pd.DataFrame:
        """``successors``: the units the reform mapping merged a unit into."""
        return self._units(self.core.units_left)

    @property
    def change_checks(self) -> pd.DataFrame:
        """The later report's printed changes ("tăng x so với <period>") against the earlier report's figure
        for that period: ``implied`` = current − delta, ``earlier_value``, ``agrees``; ``revised_to`` when
        the later report itself prints another figure for that period."""
        cols = ("observation", "published", "against", "of", "delta", "implied", "earlier_observation",
                "earlier_value", "agrees", "revised_to")
        return _frame([{c: getattr(x, c) for c in cols} for x in self.core.change_checks], cols)

    def to_json(self) -> str:
        return str(self.core.to_json())


def _mapping_text(mapping: Any) -> tuple[str | None, str]:
    if mapping is None:
        return None, "<mapping>"
    if isinstance(mapping, (str, os.PathLike)):
        path = os.fspath(mapping)
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    if isinstance(mapping, pd.DataFrame):
        rows = mapping[["old_id", "new_id", "share"]].itertuples(index=False)
    else:
        rows = iter(mapping)
    lines = ["old_id,new_id,share"] + [f"{o},{n},{s}" for o, n, s in rows]
    return "\n".join(lines) + "\n", "<mapping>"


class Series:
    """Reports of one working group, oldest first (each needs a report date; the dates must increase).

    ``mapping``: the reform's old unit → new unit table, as a CSV path (``old_id,new_id,share``), a DataFrame
    with those columns or (old, new, share) tuples; a unit gone from a later report is followed into it.
    ``pins``: ``{old_task_id: new_task_id}`` matches decided by a person, applied before any text matching.
    ``match_threshold``: text similarity (Dice of word pairs of title and lead) below which tasks are never
    matched; ``part_threshold``: how much of a task must lie inside another to be a part of a split or merge.
    """

    def __init__(self, reports: Sequence[Framework], *, mapping: Any = None, pins: Mapping[str, str] | None = None,
                 match_threshold: float = 0.7, part_threshold: float = 0.8, calendar: Calendar | None = None) -> None:
        self._reports = list(reports)
        for i, r in enumerate(self._reports):
            if not isinstance(r, Framework):
                raise TypeError(f"Series: report {i} is a {type(r).__name__}, not a da06.Framework")
        text, name = _mapping_text(mapping)
        cal = (calendar or Calendar.vietnam_public()).core
        self._s = _core.Series([r.core for r in self._reports], text, name, list((pins or {}).items()),
                               float(match_threshold), float(part_threshold), cal)

    def __len__(self) -> int:
        return len(self._reports)

    def __getitem__(self, i: int) -> Framework:
        return self._reports[i]

    def _index(self, i: int) -> int:
        n = len(self._reports)
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise IndexError(f"report index {i} out of range (the series has {n} reports)")
        return j

    def diff(self, a: int = -2, b: int = -1, *, as_of: DateLike | None = None) -> SeriesDiff:
        """What changed from report ``a`` to report ``b`` (default: the last two), as of ``as_of``
        (default: report b's date)."""
        return SeriesDiff(self._s.diff(self._index(a), self._index(b), None if as_of is None else to_date(as_of)))

    def observations(self) -> pd.DataFrame:
        """Every figure once: indicator, unit, service, when (period or date), value (exact text), the
        reports that printed it and whether a later report revised it."""
        rows = []
        for so in self._s.observations():
            o = so.observation
            rows.append({"indicator": so.key.indicator, "unit": so.key.unit, "service": so.key.service,
                         "when": so.key.when, "reference_date": so.reference_date, "observation": o.id,
                         "printed_in": [self._reports[r].id for r, _ in so.printed_in],
                         "times_printed": len(so.printed_in), "superseded": so.superseded})
        return pd.DataFrame(rows, columns=["indicator", "unit", "service", "when", "reference_date", "observation",
                                           "printed_in", "times_printed", "superseded"])

    def pace(self, as_of: DateLike | None = None) -> pd.DataFrame:
        """Every target of the latest report on the whole series as of ``as_of`` (default: its date):
        status, value, pace class (Open SDG bands), the number of points, each point's date, value and
        report, and the monthly rate still needed to reach the target on its deadline."""
        rows = []
        for p in self._s.pace(None if as_of is None else to_date(as_of)):
            e = p.evaluation
            pc = e.pace
            rows.append({"target": e.target, "indicator": e.indicator, "status": e.status,
                         "value": e.value_display or None, "deadline": e.deadline, "pace": pc.cls,
                         "points": len(pc.points), "ratio": pc.ratio,
                         "needed_per_month": p.needed_per_month,
                         "point_dates": [pt.date for pt in pc.points], "point_values": [pt.y for pt in pc.points],
                         "point_reports": [s.report for s in p.sources],
                         "target_value": pc.target_value, "reason": pc.reason})
        cols = ["target", "indicator", "status", "value", "deadline", "pace", "points", "ratio", "needed_per_month",
                "point_dates", "point_values", "point_reports", "target_value", "reason"]
        return pd.DataFrame(rows, columns=cols)

    def __repr__(self) -> str:
        return f"<da06.Series of {len(self)} reports: {', '.join(r.id for r in self._reports)}>"
