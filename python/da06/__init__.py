"""da06 — Vietnam's "Đề án 06" framework for analysts: deadlines, working days, exact indicators, target gaps.

    import da06
    fw = da06.default_framework()                       # Thanh Hóa, report 137/BC-UBND, first half of 2024
    fw.task_status(as_of="2024-06-28")             # one row per task
    fw.indicators_frame(as_of="2024-06-28")        # value, target, gap, needed, pace
    da06.audit(fw)                                 # inconsistencies in the report
    cal = da06.Calendar.vietnam_public()
    cal.count_workdays_closed("2024-01-01", "2024-12-31")

The work is done by the C++ library (da06._core); this package turns it into pandas and numpy.
Documentation: docs/python.md.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

# The exception classes first: the compiled module looks them up when it is imported.
from ._errors import DataError, Diagnostic, Error, InvalidArgument, LoadError, ParseError, RangeError
from . import _core
from .aggregate import DataWarning, Hierarchy, aggregate
from .calendar import Calendar
from . import dossiers
from .framework import Framework, audit, default_framework, load, load_default, loads
from .series import Series, SeriesDiff
from .numbers import ROUNDING_MODES, format_number, format_percent, parse_number, parse_number_ex, round_ratio
from .text import (
    Deadline,
    LunarDate,
    Period,
    PeriodSpan,
    add_months,
    from_lunar,
    lunar_leap_month,
    named_point,
    parse_deadline,
    parse_period,
    tet,
    to_lunar,
)

if TYPE_CHECKING:  # at run time da06.plot is imported on first use (matplotlib is optional)
    from . import plot as plot

__version__: str = _core.__version__

__all__ = [
    "__version__",
    # errors
    "Error", "ParseError", "DataError", "RangeError", "InvalidArgument", "LoadError", "Diagnostic", "DataWarning",
    # framework
    "Framework", "load", "loads", "default_framework", "load_default", "audit",
    # calendar and dates
    "Calendar", "to_lunar", "from_lunar", "tet", "lunar_leap_month", "LunarDate", "add_months", "named_point",
    # text
    "parse_deadline", "Deadline", "parse_period", "PeriodSpan", "Period",
    # numbers
    "format_number", "format_percent", "parse_number", "parse_number_ex", "round_ratio", "ROUNDING_MODES",
    # aggregation
    "aggregate", "Hierarchy",
    # dossiers and the QĐ 766 index
    "dossiers",
    # a series of reports
    "Series", "SeriesDiff",
]


def __getattr__(name: str) -> object:
    if name == "plot":  # matplotlib is optional: import da06.plot only when asked for
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'da06' has no attribute {name!r}")
