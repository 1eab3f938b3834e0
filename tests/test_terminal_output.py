"""`reader cat` and `reader entities` to a terminal print display lines; to a pipe, logical text.

In tmux (which does no bidi, like xterm) the captured pane is what a person sees: shaped letters
in right-to-left order. The same commands piped keep logical Unicode.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.layout import layout_paragraph
from tests.conftest import ROOT, SEED, run_reader
from tests.tui.test_tmux_e2e import Tmux

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it)")

READER = Path(sys.executable).with_name("reader")
TITLE = "خبر رياضي"
SCORE = "قطر تحتفظ بلقب كأس آسيا بفوزها على الأردن 3-1 وعفيف يسجل ثلاثية"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


def shown(text: str) -> str:
    return layout_paragraph(text, 200)[0].text.plain


@needs_tmux
def test_entities_to_a_terminal_are_shaped_and_ordered_and_piped_stay_logical(tmux: Tmux) -> None:
    tmux.start(f"cd {ROOT} && {READER} entities {SEED}; echo EXIT=$?; sleep 30")
    screen = tmux.wait_for("EXIT=0")
    rows = [line for line in screen.splitlines() if "PER" in line or "LOC" in line]
    assert rows and any(line.startswith(shown("سيرجي لافروف") + " ") for line in rows), screen
    assert "لافروف" not in screen  # no logical, unshaped letters on the screen
    assert rows[0].split()[-2:] == ["LOC", "3"]  # the columns keep their order: name, type, count

    piped = run_reader("entities", str(SEED)).stdout.decode()
    assert "سيرجي لافروف\tPER\t3" in piped.splitlines()


@needs_tmux
def test_cat_to_a_terminal_prints_display_lines_right_aligned(tmux: Tmux, tmp_path: Path) -> None:
    article = tmp_path / "score.txt"
    article.write_text(f"{TITLE}\n\n{SCORE}\n", encoding="utf-8")
    tmux.start(f"cd {ROOT} && {READER} cat {article}; echo EXIT=$?; sleep 30")
    screen = tmux.wait_for("EXIT=0")
    lines = [line for line in screen.splitlines() if line.strip() and "EXIT" not in line]
    assert [line.strip() for line in lines] == [shown(TITLE), shown(SCORE)]
    assert all(len(line) == 120 for line in lines)  # flush right at the terminal's last column
    assert "1-3" in lines[1]

    assert run_reader("cat", str(article)).stdout.decode() == f"{TITLE}\n\n{SCORE}\n"
    tmux.run("kill-session", "-t", "e2e")
    tmux.start(f"cd {ROOT} && {READER} cat --no-visual {article}; echo EXIT=$?; sleep 30")
    assert SCORE in tmux.wait_for("EXIT=0")


@needs_tmux
def test_reading_standard_input_from_a_terminal_says_how_to_end_it(tmux: Tmux) -> None:
    tmux.start(f"cd {ROOT} && {READER} cat -; echo EXIT=$?; sleep 30")
    tmux.wait_for("reading an article from standard input (Ctrl+D to end)")
    tmux.keys(TITLE, literal=True)
    tmux.keys("Enter", "C-d")
    screen = tmux.wait_for("EXIT=0")
    assert shown(TITLE) in screen


def test_entity_rows_for_a_terminal_that_reorders_stay_logical_and_keep_their_columns() -> None:
    from reader.entities.report import EntityCount, format_rows
    from reader.layout import LRM, BidiMode
    from reader.writers.visual import VisualOptions, visual_cell

    rows = [EntityCount("سيرجي لافروف", "PER", 3), EntityCount("موسكو", "LOC", 1)]
    terminal = VisualOptions(0, BidiMode.TERMINAL)
    lines = format_rows(rows, aligned=True, cell=lambda name: visual_cell(name, terminal), row_start=LRM).splitlines()
    assert all(line.startswith(LRM) for line in lines)  # the row is left to right whatever its first word
    assert lines[1] == f"{LRM}سيرجي لافروف  PER          3"
    app = VisualOptions(0, BidiMode.APP)
    shaped = format_rows(rows, aligned=True, cell=lambda name: visual_cell(name, app)).splitlines()
    assert shaped[1].startswith(shown("سيرجي لافروف")) and shaped[2].startswith(shown("موسكو") + " ")
    assert len({line.index("PER") if "PER" in line else line.index("LOC") for line in shaped[1:]}) == 1


def test_entity_rows_in_konsole_terminal_mode_show_their_names_as_a_mirroring_terminal_does() -> None:
    """Konsole 22.12 reorders each row as one left-to-right paragraph but draws every bracket as sent
    (GNU FriBidi without mirroring stands in): each name shows as it would alone as a right-to-left
    paragraph, brackets turned and in their places, and the columns after it stay where they were."""
    from reader.entities.report import EntityCount, format_rows
    from reader.layout import LRM, BidiMode
    from reader.writers.visual import VisualOptions, visual_cell
    from tests.tui.test_shaped import shown_by

    names = ["«أوبك+»", "حركة (حماس)", "قمة G20", "موسكو"]
    rows = [EntityCount(name, "ORG", 2) for name in names]
    konsole = VisualOptions(0, BidiMode.TERMINAL, draws_as_sent=True)
    lines = format_rows(rows, aligned=True, cell=lambda name: visual_cell(name, konsole), row_start=LRM).splitlines()
    width = max(len(name) for name in names)
    for name, line in zip(names, lines[1:], strict=True):
        alone = shown_by(name, mirror=True, rtl=True)
        assert shown_by(line, mirror=False) == alone + " " * (width - len(name)) + "  ORG          2", line
    mlterm = VisualOptions(0, BidiMode.TERMINAL, mark_cells=True)
    lines = format_rows(rows, aligned=True, cell=lambda name: visual_cell(name, mlterm), row_start=LRM).splitlines()
    assert len({line.index("ORG") for line in lines[1:]}) == 1, "mlterm gives each mark a cell: counted"
