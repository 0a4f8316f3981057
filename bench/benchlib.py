"""What the benchmark scripts share: the repository root, finding a built file, best-of-N timing."""
from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_built(given: str | None, candidates: list[str], what: str) -> str:
    """`given`, or the first of `candidates` (paths relative to the repository) that exists."""
    if given:
        return given
    for cand in candidates:
        p = os.path.join(ROOT, cand)
        if os.path.exists(p):
            return p
    sys.exit(f"{what} not found: build it (tools/dev.sh builds the benchmarks) or pass its path")


def bench_exe(given: str | None, name: str) -> str:
    """A benchmark executable of bench/CMakeLists.txt in one of the usual build trees."""
    return find_built(given, [f"build/{d}bench/{name}" for d in ("release/", "", "dev/")], name)


def best(f: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """(fastest wall time in seconds over `repeats` calls of f, the last result)."""
    t, out = float("inf"), None
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        out = f()
        t = min(t, time.perf_counter() - t0)
    return t, out
