"""Numbers in XLSX cells: every figure of a workbook is a number with a number format, never text.

A rate of a percent indicator is stored as a fraction of one (0.9131) with a percent format of the
indicator's decimals ("0.00%"), so Excel shows "91.31%" and computes with the value; a gap in
percentage points is stored in points with its unit in the format (``+0.00" điểm %"``); a threshold
keeps its comparator in the format (``"≥ "0%``). The exact values come from the engine (``Fraction``);
a cell holds the nearest double.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

COMPARATOR_SIGN: dict[str, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "top": "top"}
GAP_UNIT_TEXT: dict[str, str] = {"pp": "điểm %", "places": "bậc"}


def decimals_of(display: str) -> int:
    """The decimals a Vietnamese display shows: "91,31%" → 2, "1.714" → 0 (the dot groups thousands)."""
    digits = display.rsplit(",", 1)
    if len(digits) < 2:
        return 0
    n = 0
    for ch in digits[1]:
        if not ch.isdigit():
            break
        n += 1
    return n


def _digits(decimals: int, grouped: bool = True) -> str:
    base = "#,##0" if grouped else "0"
    return base + ("." + "0" * decimals if decimals > 0 else "")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "") + '"' if text else ""


def value_cell(value: Fraction | None, percent: bool, decimals: int) -> tuple[float | None, str]:
    """A value in its indicator's unit (91.31 for 91,31 %) as (cell value, number format)."""
    if value is None:
        return None, "General"
    if percent:
        return float(Fraction(value) / 100), _digits(decimals, grouped=False) + "%"
    return float(value), _digits(decimals)


def threshold_cell(threshold: Fraction | None, comparator: str, percent: bool) -> tuple[float | None, str]:
    """A threshold with its comparator kept in the format: 90 (≥, percent) → (0.9, '"≥ "0%')."""
    if threshold is None:
        return None, "General"
    t = Fraction(threshold)
    decimals = 0
    while (t * 10**decimals).denominator != 1 and decimals < 6:
        decimals += 1
    prefix = _quoted(COMPARATOR_SIGN.get(comparator, comparator) + " ")
    if percent:
        return float(t / 100), prefix + _digits(decimals, grouped=False) + "%"
    return float(t), prefix + _digits(decimals)


def gap_cell(gap: Fraction | None, unit: str, decimals: int) -> tuple[float | None, str]:
    """A signed gap with its unit in the format: -8.69 pp → (-8.69, '+0.00" điểm %";-0.00" điểm %";…')."""
    if gap is None:
        return None, "General"
    suffix = _quoted(" " + GAP_UNIT_TEXT.get(unit, unit)) if unit else ""
    d = _digits(decimals)
    return float(gap), f"+{d}{suffix};-{d}{suffix};0{suffix}"


def count_cell(count: int | None, text: str) -> tuple[int | None, str]:
    """A count printed with words before it ("cần giảm 2"): the count, with the words in the format."""
    if count is None:
        return None, "General"
    words = text.rsplit(" ", 1)[0] + " " if " " in text else ""
    return count, _quoted(words) + "#,##0"


def put(ws: Any, row: int, column: int, cell: tuple[Any, str]) -> Any:
    """Writes (value, format) into ``ws`` at (row, column); returns the cell."""
    c = ws.cell(row=row, column=column, value=cell[0])
    if cell[0] is not None:
        c.number_format = cell[1]
    return c
