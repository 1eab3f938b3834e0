"""`reader cat DIR | head -1` prints the first article while later ones are still being read (issue 15, item 17)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

from .cases import _article


def test_cat_writes_each_article_before_reading_the_next(tmp_path: Path) -> None:
    folder = tmp_path / "art"
    folder.mkdir()
    (folder / "a.txt").write_text(_article("أول"), encoding="utf-8")
    (folder / "b.txt").write_text("عنوان\n\n" + "\n".join("ب" for _ in range(300_000)) + "\n", encoding="utf-8")
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "reader", "cat", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    ) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        first_at = time.perf_counter() - started
        process.stdout.read()
        process.wait(timeout=120)
        whole = time.perf_counter() - started
    assert first.decode() == "عنوان المقال\n"
    assert process.returncode == 0
    assert first_at < whole / 2, f"first line after {first_at:.1f}s of {whole:.1f}s"
