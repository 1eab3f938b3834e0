"""Every hostile input through every pipe command: no traceback, one-line errors, nothing leaks."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.sources.decode import decode
from reader.sources.text import normalise_text

from .cases import CASES, Case

LEAK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u206f\U000e0000-\U000e007f]")
WORD = re.compile(r"\w+")
COMMANDS = {
    "plain": ["cat", "--all"],
    "markdown": ["cat", "--all", "--format", "markdown"],
    "json": ["cat", "--format", "json"],
    "visual": ["cat", "--all", "--visual", "--bidi", "app", "--width", "40"],
    "visual json": ["cat", "--format", "json", "--visual", "--bidi", "app", "--width", "17"],
    "entities": ["entities"],
}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, float]:
    started = time.perf_counter()
    status = main(args)
    elapsed = time.perf_counter() - started
    captured = capsys.readouterr()
    return status, captured.out, captured.err, elapsed


def input_words(case: Case, path: str) -> list[str]:
    """The words a reader of the file would see, when the file is text that reader shows."""
    if case.kind in ("html", "paths", "size") or not Path(path).is_file():
        return []
    text, _ = decode(Path(path).read_bytes())
    # Escape sequences are not words: what they hold is dropped (tests/test_sanitize.py shows how).
    return WORD.findall(normalise_text(text))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
@pytest.mark.parametrize("command", list(COMMANDS), ids=list(COMMANDS))
def test_hostile_input_through_pipe_commands(case: Case, command: str, tmp_path: Path, capsys) -> None:
    path = case.make(tmp_path)
    extra = ["--max-size", "0"] if case.name == "file over the size limit" else []
    status, out, err, elapsed = run([*COMMANDS[command], *extra, path], capsys)
    assert elapsed < case.bound, f"took {elapsed:.1f}s"
    if case.expect == "error":
        assert status == 2
    if status == 2:
        assert case.expect != "ok", err
        assert err.startswith("reader: error: ") and err.count("\n") == 1 and out == ""
        return
    assert status == 0
    assert all(line.startswith("reader: warning: ") for line in err.splitlines()), err
    assert not LEAK.search(out + err), repr(LEAK.search(out + err))
    for payload in case.payloads:
        assert payload not in out
    if command == "plain":
        shown = WORD.findall(out)
        position = iter(shown)
        missing = [word for word in input_words(case, path) if not any(word == seen for seen in position)]
        assert not missing, missing[:5]
        for literal in case.literals:
            assert literal in out


def test_a_50_mb_article_prints_in_bounded_time(tmp_path: Path, capsys) -> None:
    paragraph = " ".join(f"كلمة{i % 997} في إطار (NATO) ٢٠٢٤" for i in range(60)) + "."
    path = tmp_path / "fifty.txt"
    with path.open("w", encoding="utf-8") as file:
        file.write("عنوان كبير\n\n")
        while file.tell() < 50_000_000:
            file.write(paragraph + "\n")
    status, out, err, elapsed = run(["cat", str(path)], capsys)
    assert status == 0 and err == ""
    assert out.count("\n") > 40_000
    assert elapsed < 30, f"took {elapsed:.1f}s"


def test_a_file_over_the_default_limit_is_refused_before_reading(tmp_path: Path, capsys) -> None:
    path = tmp_path / "sparse.txt"
    with path.open("wb") as file:
        file.truncate(51 * 1024 * 1024)
    status, _out, err, elapsed = run(["cat", str(path)], capsys)
    assert status == 2 and "over the size limit of 50.0 MB" in err and elapsed < 1
