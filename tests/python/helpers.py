"""Helpers shared by the tests of the da06 Python package (test_py_*.py): skip without _core, import an oracle."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


def core() -> Any:
    """The compiled module, or skip the calling test module when it is not built."""
    return pytest.importorskip("da06._core", reason="da06._core is not built (pip install --no-build-isolation -e .)")


def oracle_module(name: str) -> Any:
    """Import a generator of tests/data (an independent oracle)."""
    if str(DATA) not in sys.path:
        sys.path.insert(0, str(DATA))
    return __import__(name)



def cpp_test_hooks() -> Any:
    """da06_test_hooks, the tests' own C++ module (bindings/python/test_hooks), from the build folder
    ($DA06_BUILD_DIR, else build/release); skip the calling test when it is not built."""
    import os

    core()
    dirs = [os.environ.get("DA06_BUILD_DIR"), REPO / "build" / "release"]
    for d in dirs:
        if d and (Path(d) / "bindings" / "python").is_dir():
            where = str(Path(d) / "bindings" / "python")
            if where not in sys.path:
                sys.path.insert(0, where)
            break
    return pytest.importorskip("da06_test_hooks", reason="da06_test_hooks is not built (a build with DA06_BUILD_TESTS=ON)")
