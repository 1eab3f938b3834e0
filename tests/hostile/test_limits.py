"""Closed and full standard output, absurd numbers and bad recogniser names (issue 15, items 5 and 6).

Each is one line on standard error and a non-zero exit, never a traceback, a MemoryError or a
program that starts 100,000 trainings or waits on standard input.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import ROOT, SEED

READER = [sys.executable, "-m", "reader"]


def _one_error_line(stderr: bytes) -> str:
    text = stderr.decode()
    assert "Traceback" not in text and "Exception ignored" not in text, text
    assert text.startswith("reader: error: ") and text.count("\n") == 1, text
    return text


@pytest.mark.parametrize(
    "args",
    [["cat", str(SEED)], ["cat", "--format", "json", str(SEED)], ["--version"], ["entities", str(SEED)]],
    ids=["cat", "json", "version", "entities"],
)
def test_a_full_disk_is_one_line_and_exit_1(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            check=False, args=[*READER, *args], stdout=full, stderr=subprocess.PIPE, cwd=ROOT, timeout=60
        )
    assert result.returncode == 1
    assert _one_error_line(result.stderr) == "reader: error: cannot write output: No space left on device\n"


def test_closed_standard_output_is_one_line_and_exit_1() -> None:
    command = " ".join(READER) + f" cat '{SEED}' >&-"
    result = subprocess.run(check=False, args=["sh", "-c", command], stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert _one_error_line(result.stderr) == "reader: error: cannot write output: standard output is closed\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["cat", "--visual", "--width", "1000000000"],
            "argument --width: must be a whole number of cells from 1 to 1000",
        ),
        (["cat", "--visual", "--width", "9" * 23], "argument --width: must be a whole number of cells from 1 to 1000"),
        (["cat", "--visual", "--width", "0"], "argument --width: must be a whole number of cells from 1 to 1000"),
        (["cat", "--max-size", "99999999999999999999G"], "is over the largest limit, 1GB"),
        (["cat", "--max-size", "9" * 400], "is over the largest limit, 1GB"),
        (["read", "--max-width", "0"], "argument --max-width: must be a whole number of cells from 20 to 1000"),
        (["read", "--max-width", "-5"], "argument --max-width: must be a whole number of cells from 20 to 1000"),
        (["cat", "--ner", ":"], "not a recogniser name: ':'"),
        (["cat", "--ner", "json:JSONDecoder"], "JSONDecoder has no spans(text) method"),
        (["cat", "--ner", "reader.cli:main"], "main is not a class"),
    ],
)
def test_absurd_numbers_and_names_are_one_line(args: list[str], message: str, capsys) -> None:
    assert main([*args, str(SEED)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("reader: error: ") and captured.err.count("\n") == 1
    assert message in captured.err


def test_cross_validation_folds_are_bounded(tmp_path: Path, capsys) -> None:
    conll = tmp_path / "a.conll"
    conll.write_text("باريس\tB-LOC\n\n", encoding="utf-8")
    assert main(["eval-ner", "--cv", "100000", str(conll)]) == 2
    assert "--cv: must be a whole number of folds from 2 to 50" in capsys.readouterr().err
