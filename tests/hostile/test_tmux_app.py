"""The app in a real terminal under NO_COLOR, and when it crashes (issue 15, items 1 and 2)."""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.tui.test_tmux_e2e import SEARCH, Tmux, visual

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it)")
READER = Path(sys.executable).with_name("reader")
SEED = "articles/russia-belarus-eurasian-security.txt"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


def _sgr_codes(styled: str) -> set[str]:
    return {code for params in re.findall(r"\x1b\[([0-9;]*)m", styled) for code in params.split(";")}


def test_no_color_draws_no_colour_and_keeps_the_cues(tmux: Tmux) -> None:
    tmux.env["NO_COLOR"] = "1"
    tmux.start(f"cd {ROOT} && {READER} {SEED}; echo EXIT=$?; sleep 60")
    tmux.wait_for("§1/6")
    time.sleep(0.5)  # let the terminal's start-up replies settle before typing
    tmux.keys("/")
    tmux.wait_for(" /")
    tmux.keys(SEARCH, literal=True)
    tmux.wait_for(" /" + visual(SEARCH))  # in the search bar (the word is in the article too)
    tmux.keys("Enter")
    tmux.wait_for("search 1/3")
    styled = tmux.screen(styles=True)
    colours = {
        code for code in _sgr_codes(styled) if code not in ("39", "49") and re.fullmatch(r"3\d|4\d|9\d|10\d", code)
    }
    assert not colours and "38" not in _sgr_codes(styled), "no colour at all under NO_COLOR"
    hit = visual(SEARCH)
    assert any(hit in line and "\x1b[1;4;7m" in line for line in styled.splitlines()), "the current hit is reversed"
    assert "\x1b[4m" in styled or "\x1b[1;4m" in styled, "entities keep their underline"
    tmux.keys("q")
    tmux.wait_for("EXIT=0")


def test_a_crash_inside_the_app_exits_1_with_one_line_and_restores_the_terminal(tmux: Tmux, tmp_path: Path) -> None:
    tmux.env["PYTHONPATH"] = str(ROOT)  # the planted recogniser raises on the first paragraph it sees
    tmux.start(
        f"cd {ROOT} && {READER} --ner tests.hostile.crashing:Crashing {SEED} 2>{tmp_path}/err; "
        f"echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo; echo STTY-SHOWN; sleep 60"
    )
    screen = tmux.wait_for("STTY-SHOWN")  # not just EXIT=: under load stty's lines come a moment later
    assert "EXIT=1" in screen
    assert "icanon" in screen and "echo" in screen.split("EXIT=1", 1)[1], "the terminal is back in cooked mode"
    flags = tmux.run("display-message", "-p", "-t", "e2e", "#{alternate_on} #{cursor_flag} #{mouse_any_flag}")
    assert flags.split() == ["0", "1", "0"], "main screen, cursor shown, mouse reporting off"
    err = (tmp_path / "err").read_text(encoding="utf-8")
    # Textual writes the screen to standard error; the error line is the last thing written there.
    line = err.rsplit("\x1b[?1049l", 1)[-1].split("\x1b[?1004l")[-1]
    line = re.sub(r"\x1b\[[0-9;?<>]*[A-Za-z]|\x07", "", line)  # and the bell Textual rings
    match = re.fullmatch(r"reader: error: RuntimeError inside the app \(a bug\); the full trace is in (\S+)\n", line)
    assert match, repr(line)
    trace = Path(match.group(1)).read_text(encoding="utf-8")
    assert "planted crash" in trace and "Traceback" in trace
    assert "\x1b" not in trace, "the article's escapes are marks in the trace file too"
    assert Path(match.group(1)).stat().st_mode & 0o777 == 0o600
    assert str(tmp_path / "state") in match.group(1)


def _cells(text: str) -> int:
    """Cells as tmux draws them: it measures with the C library's wcwidth (Rich is what is tested)."""
    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    wcwidth = ctypes.CDLL(ctypes.util.find_library("c")).wcwidth
    wcwidth.argtypes = [ctypes.c_wchar]
    return sum(max(wcwidth(char), 0) for char in text)


WIDE_OR_NOT = "أ\u115fب ☺\ufe0f ❤\ufe0f #\ufe0f\u20e3 ت\u3164ث ﾠ ج\uffa0ح 😀\ufe0f"


def test_characters_of_disputed_width_leave_the_pane_border_in_its_column(tmux: Tmux, tmp_path: Path) -> None:
    """U+115F, U+3164, U+FFA0 and ☺ + VS16: terminals and Rich measured them differently (issue 15, item 16)."""
    article = tmp_path / "widths.txt"
    lines = [f"{WIDE_OR_NOT} كلمة{i} " * (1 + i % 4) + "نهاية." for i in range(12)]
    article.write_text("عنوان " + WIDE_OR_NOT + "\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    tmux.start(f"cd {ROOT} && {READER} {article}; echo EXIT=$?; sleep 60")
    screen = tmux.wait_for("§1/")
    time.sleep(1)
    screen = tmux.screen()
    rows = [row for row in screen.splitlines()[:-2] if "▏" in row]
    assert len(rows) > 10, screen
    columns = {_cells(row.split("▏")[0]) for row in rows}
    assert len(columns) == 1, [row for row in rows if _cells(row.split("▏")[0]) != min(columns)][:3]
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
