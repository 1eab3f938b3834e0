"""Shared fixtures: the sample articles and a way to run the real `reader` command."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tmux import Tmux

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
SEED = ARTICLES / "russia-belarus-eurasian-security.txt"


@pytest.fixture(autouse=True)
def _private_library(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test (and every reader it starts) gets a library of its own, never the real one."""
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server for the test, killed after it (tests/tmux.py)."""
    session = Tmux(tmp_path)
    yield session
    session.kill()


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def run_reader(*args: str, input: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m reader ARGS` as a user would, capturing bytes."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=input if input is not None else b"",
        check=False,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
    )
