"""Shared fixtures: where the built CLI is, where the repo and the seed are."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "000_0be6ffac82be08d1.txt"


def _find_cli() -> str | None:
    env = os.environ.get("DA06_CLI")
    if env and Path(env).exists():
        return env
    for cand in (REPO / "build" / "release" / "da06", REPO / "build" / "dev" / "da06"):
        if cand.exists():
            return str(cand)
    return shutil.which("da06")


@pytest.fixture(scope="session")
def cli() -> str:
    path = _find_cli()
    if path is None:
        pytest.skip("the da06 CLI is not built (run tools/dev.sh test)")
    return path


@pytest.fixture(scope="session")
def run(cli):
    def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        p = subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            raise AssertionError(f"da06 {' '.join(args)} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
        return p
    return _run
