"""Vietnamese numbers as documents print them: "1.714" (thousands), "57,8" (decimal comma)."""
from __future__ import annotations

import re

__all__ = ["NUMBER", "to_int", "to_decimal", "is_int"]

# A printed number: thousands with dots, an optional decimal comma.
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_INT = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_DEC = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+),(\d+)")


def is_int(text: str) -> bool:
    return bool(_INT.fullmatch(text.strip()))


def to_int(text: str) -> int:
    """"113.616" → 113616, "03" → 3. ValueError for anything else (never a guess)."""
    t = text.strip()
    if not _INT.fullmatch(t):
        raise ValueError(f"not a Vietnamese integer: {text!r}")
    return int(t.replace(".", ""))


def to_decimal(text: str) -> str:
    """A printed number as a plain exact decimal: "57,8" → "57.8", "1.714" → "1714", "99,50" → "99.50"."""
    t = text.strip()
    if _INT.fullmatch(t):
        return str(int(t.replace(".", "")))
    m = _DEC.fullmatch(t)
    if not m:
        raise ValueError(f"not a Vietnamese number: {text!r}")
    return f"{int(m.group(1).replace('.', ''))}.{m.group(2)}"
