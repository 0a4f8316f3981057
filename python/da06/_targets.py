"""Target evaluations (the engine's typed ``TargetEvaluation``) as DataFrame rows and plot inputs."""
from __future__ import annotations

from fractions import Fraction
from typing import Any


def exact(x: Any) -> Fraction | None:
    """An exact value ("4504/5530", "57.8", 12, a Fraction) as a Fraction; None when absent."""
    if x is None or x == "":
        return None
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return Fraction(repr(x))
    return Fraction(str(x))


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _text(x: Fraction | None) -> str | None:
    """The exact form of the JSON results: "p/q" reduced."""
    return None if x is None else f"{x.numerator}/{x.denominator}"


def flatten_target(e: Any, indicator_name: str | None) -> dict[str, Any]:
    """One row of ``Framework.indicators_frame``."""
    obs = e.observation
    pace = e.pace
    value, gap = e.value, e.gap
    return {
        "target": e.target,
        "indicator": e.indicator,
        "indicator_name": indicator_name,
        "task": e.task or None,
        "unit": e.matched_unit or None,
        "status": e.status,
        "value": _f(value),
        "value_exact": _text(value),
        "value_display": e.value_display if value is not None else None,
        "published": (obs.published_value or obs.published or None) if obs is not None else None,
        "observation": obs.id if obs is not None else None,
        "current_date": e.current_date,
        "comparator": e.comparator,
        "target_value": float(e.threshold_value),
        "threshold": e.threshold,
        "threshold_at_deadline": e.threshold_at_deadline,
        "deadline": e.deadline,
        "in_force": e.in_force,
        "workdays_left": e.workdays_left,
        "gap_pp": _f(gap) if e.gap_unit == "pp" else None,
        "gap": _f(gap),
        "gap_exact": _text(gap),
        "gap_display": e.gap_display if gap is not None else None,
        "gap_unit": e.gap_unit if gap is not None else None,
        "attainment": _f(e.attainment),
        "needed": e.needed.count,
        "needed_action": e.needed.action,
        "needed_explanation": e.needed.explanation or None,
        "pace": pace.cls,
        "pace_ratio": pace.ratio,
        "projected_at_deadline": pace.projected_at_deadline,
        "projected_attainment": pace.projected_attainment,
        "target_text": e.published,
        "reason": e.reason or None,
    }


def plot_inputs(e: Any, indicator_name: str | None) -> dict[str, Any]:
    """What ``da06.plot.progress`` draws for one target, as plain values."""
    pace = e.pace
    fit = pace.fit
    return {
        "indicator": e.indicator,
        "indicator_name": indicator_name,
        "points": [(p.date, p.y) for p in pace.points],
        "current": (e.current_date, _f(e.value)) if e.current_date is not None and e.value is not None else None,
        "comparator": e.comparator,
        "threshold": e.threshold_at_deadline or e.threshold,
        "deadline": e.deadline or pace.target_date,
        "origin": pace.base_date,
        "intercept": fit.intercept if fit is not None else None,
        "slope_per_year": fit.slope if fit is not None else None,
        "days_per_year": pace.days_per_year,
    }
