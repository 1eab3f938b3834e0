"""End to end, terminal mode: the installed `reader` in tmux with `--bidi terminal`.

tmux keeps every character as sent, so `capture-pane` shows each row's logical content and order:
what a terminal that reorders each row as one paragraph (VTE with mode 2501, mlterm, Konsole) is
given. A row must be a left-to-right paragraph (its first strong character Latin or an LRM), else
such a terminal turns the whole row round and its columns, the footer's keys or the help's frame
change places.
"""

from __future__ import annotations

import shutil
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from reader.layout import layout_paragraph, layout_plain, paragraph_is_rtl
from reader.sources import load_path
from reader.structure import build_article
from reader.tui.shaped import MARKS
from tests.conftest import ARTICLES, SEED
from tests.fribidi import load
from tests.tmux import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it)")

READER = Path(sys.executable).with_name("reader")
COLUMNS = ("File", "Sections", "Entities", "Length", "Title")


def start(tmux: Tmux, command: str, columns: int, rows: int) -> None:
    tmux.run("-f", "/dev/null", "new-session", "-d", "-x", str(columns), "-y", str(rows), "-s", "e2e", command)


def titles() -> dict[str, str]:
    """Each article's file name and title."""
    return {path.name: build_article(load_path(str(path))).title for path in sorted(ARTICLES.glob("*.*"))}


@pytest.mark.parametrize("mode", ["terminal", "app"])
def test_a_narrow_window_keeps_every_column_of_the_library_and_the_title_shows(tmux: Tmux, mode: str) -> None:
    # qterminal opens at 58 columns: the columns used to need 71, so the row's last column went off
    # the window's edge: the title itself in terminal mode, the length in app mode.
    tmux.env["READER_BIDI"] = mode
    start(tmux, f"cd {ARTICLES.parent} && {READER} articles/; sleep 60", 58, 14)
    names = titles()
    deadline = time.monotonic() + 20
    lines = tmux.wait_for("Library · 7 articles").splitlines()
    while sum(name[:8] in line for line in lines for name in names) < 7 and time.monotonic() < deadline:
        time.sleep(0.2)  # the rows come as the folder is indexed
        lines = tmux.screen().splitlines()
    header = lines[1]
    assert all(name in header for name in COLUMNS), f"every column's header is on screen: {header!r}"
    rows = [line for line in lines if " words" in line]
    assert len(rows) == 7
    for row in rows:
        assert len(row.rstrip()) <= 58
        title = next(title for name, title in names.items() if name[:8] in row)
        if mode == "terminal":
            assert not paragraph_is_rtl(row), "a left-to-right row: a file name first"
            shown = row.split(" words", 1)[1].strip(" \u200e\u200f")
            assert shown.endswith("…") and len(shown) > 3, f"the title's beginning, cut at its logical end: {row!r}"
            assert title.startswith(unicodedata.normalize("NFKC", shown[:-1]).strip("\u200e\u200f")), row
        else:
            assert row.rstrip().endswith(" words"), "the length column stays on the row"
            first_word = title.split()[0]
            assert layout_paragraph(first_word, 40)[0].text.plain.strip() in row, f"the title's first word: {row!r}"
    time.sleep(0.3)  # the background indexing settles before the server goes


def status_line(tmux: Tmux, text: str) -> str:
    """The library's status line (above the footer), once it shows `text`."""
    deadline = time.monotonic() + 20
    while True:
        line = tmux.wait_for(text).splitlines()[-2]
        if text in line or time.monotonic() > deadline:
            return line.rstrip()
        time.sleep(0.2)


def test_the_library_status_line_keeps_whole_pieces_at_any_width(tmux: Tmux) -> None:
    # qterminal opens at 58 columns, where the hint was cut to `... · ? for h`.
    start(tmux, f"cd {ARTICLES.parent} && {READER} articles/; sleep 60", 58, 14)
    line = status_line(tmux, "Indexed 7")
    assert line == " Indexed 7, unchanged 0, removed 0, failed 0 · ? for help", "what fits, help kept"
    tmux.run("resize-window", "-t", "e2e", "-x", "110", "-y", "14")
    line = status_line(tmux, "Type to filter")
    assert line == " Indexed 7, unchanged 0, removed 0, failed 0 · Type to filter by title · ? for help"
    tmux.run("resize-window", "-t", "e2e", "-x", "40", "-y", "14")
    time.sleep(1)
    line = status_line(tmux, "Indexed")
    assert line == " Indexed 7, unchanged 0, removed 0, fai…", "the first piece alone, cut where it must be"
    assert len(line) == 40
    time.sleep(0.3)


def test_the_footer_in_terminal_mode_fits_80_columns_and_reads_left_to_right(tmux: Tmux) -> None:
    tmux.env["READER_BIDI"] = "terminal"
    start(tmux, f"{READER} {SEED}; sleep 60", 80, 24)
    footer = tmux.wait_for("? Help").splitlines()[-1]
    assert not paragraph_is_rtl(footer), "a left-to-right row"
    assert footer.rstrip().endswith("? Help"), f"the footer fits 80 columns, help last: {footer!r}"
    keys = ["/ Search", "n p Section", "e E Mention", "q Quit", "s Panes", "? Help"]
    assert all(key in footer for key in keys), footer
    assert [footer.index(key) for key in keys] == sorted(footer.index(key) for key in keys), (
        "the keys in their order from the left, each before what it does"
    )
    tmux.keys("s")  # the panes: the footer still fits beside them
    time.sleep(0.5)
    footer = tmux.wait_for("§").splitlines()[-1]
    assert footer.rstrip().endswith("? Help") and not paragraph_is_rtl(footer), footer


def test_the_help_screen_in_terminal_mode_keeps_every_row_left_to_right_over_the_article(tmux: Tmux) -> None:
    tmux.env["READER_BIDI"] = "terminal"
    start(tmux, f"{READER} {SEED}; sleep 60", 80, 24)
    tmux.wait_for("? Help")
    tmux.keys("?")
    screen = tmux.wait_for("Keys")
    seen: list[str] = []
    for _ in range(4):
        seen += screen.splitlines()
        tmux.keys("PageDown")
        time.sleep(0.5)
        screen = tmux.screen()
    for row in seen:
        # The article behind the help: its rows' Arabic beside the frame. A right-to-left row would
        # swap the frame's sides and put the help's English words in right-to-left order.
        assert not paragraph_is_rtl(row), f"a left-to-right row: {row!r}"
    assert any(unicodedata.bidirectional(char) == "AL" for row in seen for char in row), (
        "the article showed beside the frame (else the check could not fail)"
    )
    row = next(line for line in seen if "entities.toggle_per" in line)
    assert row.index("1") < row.index("PER") < row.index("entities.toggle_per"), "key, what it does, its id"
    tmux.keys("Escape")
    tmux.wait_for("§")


def test_konsole_in_terminal_mode_is_sent_each_bracket_as_it_draws_it(tmux: Tmux) -> None:
    # Konsole 22.12 reorders each row but draws every character as sent: a logical `«أوبك+»` came
    # out `»أوبك+«` (screenshot, issue 14). GNU FriBidi without mirroring stands in for it.
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    tmux.env["READER_BIDI"] = "terminal"
    tmux.env["KONSOLE_VERSION"] = "221203"
    start(tmux, f"cd {ARTICLES.parent} && {READER} articles/; sleep 60", 110, 14)
    row = next(line for line in tmux.wait_for("opec-plus").splitlines() if "opec-plus" in line)
    assert row.index("»") < row.index("أوبك") < row.index("«"), "sent mirrored, in logical order"
    shown = "".join(c for c in fribidi.display_lines(row, [(0, len(row))], False, mirror=False)[0] if c not in MARKS)
    expected = layout_plain("«أوبك+» تمدد خفض", 200, rtl=True)[0].visual.strip()  # as xterm shows it
    assert unicodedata.normalize("NFKC", expected) in unicodedata.normalize("NFKC", shown)
    time.sleep(0.3)
