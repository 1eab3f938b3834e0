"""`reader cat --visual`: display lines for pipes, as a person would read them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.layout import BidiMode
from reader.sources import load_path
from reader.structure import build_article
from reader.tui.shaped import MARKS
from reader.writers.visual import VisualOptions, visual_blocks, visual_text
from tests.conftest import ROOT, SEED, run_reader
from tests.fribidi import load

LEAD = SEED.read_text(encoding="utf-8").split("\n")[3]


def run_visual(*args: str, **env: str) -> str:
    """`reader cat --visual ARGS` in an environment without terminal hints, plus `env`."""
    hints = ("MLTERM", "KONSOLE_VERSION", "READER_BIDI", "TERM_PROGRAM")
    environ = {k: v for k, v in os.environ.items() if k not in hints} | env
    result = subprocess.run(
        [sys.executable, "-m", "reader", "cat", "--visual", *args],
        check=False,
        capture_output=True,
        env=environ,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.decode()


def test_rtl_lines_end_at_column_n_and_read_in_order() -> None:
    out = run_visual("--width", "40", str(SEED))
    lines = out.split("\n")
    lead = lines[lines.index(next(line for line in lines if line.endswith("ﺭﺎﻃﺇ ﻲﻓ"))) :]
    assert cell_len(lead[0]) == 40
    assert all(cell_len(line) == 40 for line in lines if line.strip())
    block = lead[: lead.index("")]
    assert ".ﻞﺒﻘﺘﺴﻤﻟﺍ ﻲﻓ" in block[-1]
    assert "\x1b" not in out  # not a terminal: no mode switching


def test_width_defaults_to_80_when_not_a_terminal() -> None:
    out = run_visual(str(SEED))
    assert {cell_len(line) for line in out.split("\n") if line.strip()} == {80}


def test_bidi_terminal_prints_logical_lines_for_the_terminal_to_reorder() -> None:
    out = run_visual("--width", "40", "--bidi", "terminal", str(SEED))
    assert "في إطار تأكيد" in out and "ﺭﺎﻃﺇ" not in out
    assert all(cell_len(line) <= 40 for line in out.split("\n"))


def test_terminal_mode_marks_lines_that_start_against_their_paragraph() -> None:
    [block] = visual_blocks(["قال الأمين NATO اليوم"], VisualOptions(10, BidiMode.TERMINAL))
    assert block.split("\n")[1] == "\u200fNATO اليوم"


def test_auto_in_mlterm_leaves_reordering_to_mlterm() -> None:
    out = run_visual("--width", "40", str(SEED), MLTERM="3.9.3")
    assert "في إطار تأكيد" in out


def test_json_lines_carry_logical_and_visual_lines_per_paragraph() -> None:
    result = run_reader("cat", "--visual", "--width", "40", "--format", "json", str(SEED))
    record = json.loads(result.stdout)
    section = record["sections"][0]
    lines = section["lines"][0]
    assert " ".join(line["logical"] for line in lines) == section["paragraphs"][0]
    assert lines[0]["visual"].endswith("ﺭﺎﻃﺇ ﻲﻓ")


def test_harakat_strip_drops_the_marks() -> None:
    [block] = visual_blocks(["مَرْحَبًا"], VisualOptions(10, BidiMode.APP, "strip"))
    assert block == "     ﺎﺒﺣﺮﻣ"


def test_items_and_headings_are_laid_out_too() -> None:
    article = build_article(load_path(str(SEED)))
    text = visual_text(article, VisualOptions(50))
    assert "ﻲﺋﺎﻨﺜﻟﺍ ﻥﻭﺎﻌﺘﻟﺍ ﺰﻳﺰﻌﺗ :ﺔﻴﺟﺭﺎﺨﻟﺍ ﻱﺮﻳﺯﻭ ءﺎﻘﻟ" in text


def test_bad_options_are_one_line_errors() -> None:
    for args in (["--width", "0"], ["--format", "markdown"]):
        result = run_reader("cat", "--visual", *args, str(SEED))
        assert result.returncode == 2 and result.stderr.decode().startswith("reader: error:")
    result = run_reader("cat", "--visual", "--bidi", "sideways", str(SEED))
    assert result.returncode == 2


BRACKETS = "«أوبك+» تمدد خفض الإنتاج\n\nقال المتحدث (رويترز) إن الاتفاق [أمس] نافذ حتى منتصف 2024 وربما «بعده»\n"


def test_bidi_terminal_in_konsole_shows_each_line_as_app_mode_does_in_xterm(tmp_path: Path) -> None:
    # Konsole 22.12 reorders each row as a left-to-right paragraph and draws every character as
    # sent: logical lines stood flush left and showed `)رويترز(` and `»أوبك+«` (screenshot, issue 14).
    # GNU FriBidi without mirroring stands in for it, as for the app's rows (tests/tui/test_shaped.py).
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    article = tmp_path / "brackets.txt"
    article.write_text(BRACKETS, encoding="utf-8")
    xterm = run_visual("--width", "40", str(article)).split("\n")
    sent = run_visual("--width", "40", "--bidi", "terminal", str(article), KONSOLE_VERSION="221203").split("\n")
    assert len(sent) == len(xterm)

    def shown(row: str) -> str:
        drawn = fribidi.display_lines(row, [(0, len(row))], False, mirror=False)[0]
        return unicodedata.normalize("NFKC", "".join(c for c in drawn if c not in MARKS))

    assert [shown(row) for row in sent] == [unicodedata.normalize("NFKC", line) for line in xterm]
    assert any("»أوبك+«" in row for row in sent), "sent mirrored, in logical order"
    elsewhere = run_visual("--width", "40", "--bidi", "terminal", str(article), MLTERM="3.9.3")
    assert "«أوبك+»" in elsewhere and not set(elsewhere) & MARKS, "a terminal that mirrors gets the logical line"
