"""Flattening analysis.hpp's target evaluations (indicators_json) into DataFrame rows."""
from __future__ import annotations

from fractions import Fraction
from typing import Any


def exact(x: Any) -> Fraction | None:
    """An exact JSON value ("4504/5530", "57.8", 12) as a Fraction; None when absent."""
    if x is None or x == "":
        return None
    if isinstance(x, float):
        return Fraction(repr(x))
    return Fraction(str(x))


def _f(x: Any) -> float | None:
    v = exact(x)
    return None if v is None else float(v)


def flatten_target(t: dict[str, Any]) -> dict[str, Any]:
    tg = t.get("target") or {}
    val = t.get("value") or {}
    gap = t.get("gap") or {}
    obs = t.get("observation") or {}
    pace = t.get("pace") or {}
    proj = pace.get("projection") or {}
    nd = t.get("needed_detail") or {}
    needed = t.get("needed")
    return {
        "target": t.get("id"),
        "indicator": t.get("indicator"),
        "indicator_name": t.get("indicator_name"),
        "task": t.get("task"),
        "unit": (t.get("scope") or {}).get("matched_unit"),
        "status": t.get("status"),
        "value": _f(val.get("exact")),
        "value_exact": val.get("exact"),
        "value_display": val.get("display"),
        "published": obs.get("published_value") or obs.get("published"),
        "observation": obs.get("id"),
        "current_date": t.get("observation_date"),
        "comparator": tg.get("comparator"),
        "target_value": _f(tg.get("threshold")),
        "threshold": tg.get("threshold"),
        "threshold_at_deadline": tg.get("threshold_at_deadline"),
        "deadline": tg.get("deadline"),
        "in_force": tg.get("in_force"),
        "workdays_left": t.get("workdays_left"),
        "gap_pp": _f(t.get("gap_pp")),
        "gap": _f(gap.get("exact")),
        "gap_exact": gap.get("exact"),
        "gap_display": gap.get("display"),
        "gap_unit": gap.get("unit"),
        "attainment": _f((t.get("attainment") or {}).get("exact")),
        "needed": int(needed) if needed is not None else None,
        "needed_action": nd.get("action"),
        "needed_explanation": nd.get("explanation"),
        "pace": pace.get("class"),
        "pace_ratio": pace.get("ratio"),
        "projected_at_deadline": proj.get("value_at_deadline"),
        "projected_attainment": proj.get("attainment_date"),
        "target_text": t.get("published"),
        "reason": t.get("reason"),
    }
