"""Shared fixtures: where the built CLI is, where the repo and the seed are.

Tests that need the seed report (``../shared/`` beside the repository, which a fresh clone does not have)
take the ``seed`` fixture, or call ``seed_path()``: without the file they skip with one line naming it.
CI has ``../shared/`` and sets ``DA06_REQUIRE_SHARED=1``, which turns that skip into a failure, so CI runs
them all."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "000_0be6ffac82be08d1.txt"
SEED_NEEDED = f"needs the seed report ../shared/seed/{SEED.name} (absent in this checkout)"


def seed_path() -> Path:
    """The seed report, or skip the calling test (fail it under DA06_REQUIRE_SHARED=1) when it is absent."""
    if SEED.exists():
        return SEED
    if os.environ.get("DA06_REQUIRE_SHARED") == "1":
        pytest.fail(f"DA06_REQUIRE_SHARED=1 but {SEED} is absent")
    pytest.skip(SEED_NEEDED)


@pytest.fixture(scope="session")
def seed() -> Path:
    return seed_path()


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
