"""End to end: the installed `reader articles/` in a real terminal (tmux), driven by keys.

tmux does no bidi, like xterm: what `capture-pane` shows is what a person sees there, so the
assertions are on shaped, visually ordered text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.layout import layout_paragraph, paragraph_is_rtl
from reader.sources import load_path
from reader.structure import build_article
from tests.conftest import ARTICLES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it)")

TITLE = "تعزيز العلاقات الروسية البيلاروسية للأمن الأوراسي"
HEADING = "مباحثات شاملة حول القضايا الدولية"  # the third section: n, n from the top
SHAPED_TITLE_FRAGMENT = "ﺰﻳﺰﻌﺗ"  # تعزيز in presentation forms: the title's first word, drawn rightmost
SEARCH = "لافروف"
# The background of search hits (article-view--hit and --current-hit in reader.tcss: #ffd75f and
# #ff8700) as tmux reports them to a 256-colour terminal, or in true colour.
HIT_SGR = re.compile(r"\x1b\[[0-9;]*48;(?:5;221|5;208|2;255;215;95|2;255;135;0)[0-9;]*m")


def visual(text: str) -> str:
    return layout_paragraph(text, 200)[0].text.plain


class Tmux:
    """A private tmux server (its own socket) running one session."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"reader-test-{os.getpid()}-{tmp_path.name}"  # a server per test
        self.env = {
            **os.environ,
            "TERM": "xterm-256color",
            "READER_CONFIG_DIR": str(tmp_path / "config"),
            "READER_STATE_DIR": str(tmp_path / "state"),
            "READER_BIDI": "app",
        }

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], check=False, capture_output=True, text=True, env=self.env, timeout=20
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self, command: str) -> None:
        args = ["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40"]
        for _ in range(20):
            result = subprocess.run(
                [*args, "-s", "e2e", command], check=False, capture_output=True, text=True, env=self.env, timeout=20
            )
            # A server whose last session was just killed exits on its own; the next start retries.
            if "server exited unexpectedly" not in result.stderr:
                break
            time.sleep(0.1)
        assert result.returncode == 0, result.stderr

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "e2e", *(["-l"] if literal else []), *keys)

    def screen(self, styles: bool = False) -> str:
        return self.run("capture-pane", "-t", "e2e", "-p", *(["-e"] if styles else []))

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """Poll the pane until `text` shows; the pane as last seen otherwise (for the failure)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the pane shows:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False, capture_output=True, timeout=20)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


def test_reading_the_seed_in_tmux_shows_shaped_title_heading_and_search_hit(tmux: Tmux) -> None:
    reader = Path(sys.executable).with_name("reader")
    assert reader.exists(), "the package is not installed in this environment"
    tmux.start(f"cd {ROOT} && {reader} articles/; sleep 60")
    tmux.wait_for("Type to filter")
    time.sleep(0.5)  # let the terminal's start-up replies settle before typing

    # Open the seed by typing a filter that matches only its title, then Enter.
    tmux.keys("الاوراسي", literal=True)
    tmux.wait_for("1 of ")
    tmux.keys("Enter")
    screen = tmux.wait_for("§1/6")
    title = visual(TITLE)
    assert title == layout_paragraph(TITLE, 80)[0].text.plain
    assert SHAPED_TITLE_FRAGMENT in title and title.rstrip().endswith(SHAPED_TITLE_FRAGMENT)
    assert title in screen.splitlines()[0], "the shaped title heads the article"

    deadline = time.monotonic() + 30  # `e` before the entities are found only says so, in a toast over the status
    while "finding entities" in tmux.screen() and time.monotonic() < deadline:
        time.sleep(0.2)
    for key in ("n", "n", "e"):
        tmux.keys(key)
        time.sleep(0.3)
    tmux.keys("/" + SEARCH, literal=True)
    # The search bar's own line, prompt and query: the word is in the article's text too, and Enter
    # sent before the bar has opened would go to the article instead (seen on a loaded machine).
    tmux.wait_for("/" + visual(SEARCH))
    time.sleep(0.5)  # the bar takes Enter once the typed query has reached it (slow on a loaded machine)
    tmux.keys("Enter")
    tmux.wait_for("search 3/3")
    tmux.keys("m")
    screen = tmux.wait_for("noise shown")
    lines = screen.splitlines()

    heading = visual(HEADING)
    assert heading in lines[0], "n, n put the third section's heading at the top"
    status = lines[-2]
    assert heading in status and "§3/6" in status, "the status line names the section in view"
    assert "search 3/3" in status

    hit = visual(SEARCH)
    styled = tmux.screen(styles=True)
    hit_lines = [line for line in styled.splitlines() if hit in line and HIT_SGR.search(line)]
    assert hit_lines, "the search hit is shown highlighted"
    assert any(HIT_SGR.search(line.split(hit)[0][-40:]) for line in hit_lines)

    assert visual("تعزيز العلاقات الروسية") in screen, "the section pane still shows the shaped title"


def test_reader_dash_reads_the_article_from_a_pipe_and_keys_from_the_terminal(tmux: Tmux) -> None:
    reader = Path(sys.executable).with_name("reader")
    tmux.start(f"cd {ROOT} && cat articles/russia-belarus-eurasian-security.txt | {reader} -; echo EXIT=$?; sleep 60")
    screen = tmux.wait_for("§1/6")
    assert visual(TITLE) in screen.splitlines()[0]
    tmux.keys("n")
    screen = tmux.wait_for("§2/6")
    assert visual("لقاء وزيري الخارجية: تعزيز التعاون الثنائي") in screen.splitlines()[0]
    tmux.keys("q")
    tmux.wait_for("EXIT=0")


# Terminal mode: tmux keeps every character as sent, so `capture-pane` shows the logical content and
# order of each row: columns in their places (a row that begins with a Latin file name needs no LRM to
# be a left-to-right paragraph, as mlterm takes a row's direction from its first strong letter), titles
# flush right with their ellipsis at their logical end and an RLM after it (the ellipsis stays inside
# the right-to-left run), an Arabic file name held in an embedding and followed by an LRM.
LRM, RLM, RLE, PDF = "\u200e", "\u200f", "\u202b", "\u202c"
FIRST = ARTICLES / "asian-cup-final-qatar-jordan.md"  # the library's first row; its title is cut at 110 columns


def test_terminal_mode_rows_keep_their_columns_title_last_and_cut_titles_at_their_logical_end(
    tmux: Tmux, tmp_path: Path
) -> None:
    reader = Path(sys.executable).with_name("reader")
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    shutil.copy(ARTICLES / "who-cholera-warning-yemen.txt", folder / "الكوليرا في اليمن.txt")
    tmux.env["READER_BIDI"] = "terminal"
    tmux.run(
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "110",
        "-y",
        "30",
        "-s",
        "e2e",
        f"cd {tmp_path} && {reader} articles/; sleep 60",
    )
    lines = tmux.wait_for("Type to filter").splitlines()
    title = build_article(load_path(str(FIRST))).title

    header = lines[1]
    assert header.index("File") < header.index("Length") < header.index("Title"), (
        "in terminal mode the title comes last"
    )
    assert header.rstrip().endswith("Title"), "its header stands over its right edge, as the titles do"
    row = next(line for line in lines if "asian-cup-final" in line)
    assert not paragraph_is_rtl(row), "the row is a left-to-right paragraph: its first strong letter is Latin"
    cut = row.index("…" + RLM)  # the ellipsis is kept inside the right-to-left run
    shown = row[:cut].split(" words", 1)[1].lstrip(" ")
    assert "ﺍﻷﺭﺩﻥ" in shown, "a word with lam-alef goes out shaped: one character, one cell, as mlterm draws it"
    logical = unicodedata.normalize("NFKC", shown)
    assert title.startswith(logical) and len(logical) < len(title), "cut at the logical end, the words in logical order"
    assert row.index("asian-cup-final") < row.index("429 words") < row.index(shown), "columns stay in their order"
    assert row.rstrip().endswith(RLM) and len(row.rstrip()) == len(header.rstrip()) + 1, (
        "the title stands flush right, under its header"
    )

    arabic = next(line for line in lines if "txt" + PDF in line)
    name = arabic.split(RLE, 1)[1].split(PDF, 1)[0]
    assert unicodedata.normalize("NFKC", name) == "الكوليرا في اليمن.txt", "the file name, logical, in one embedding"
    assert arabic.lstrip(" ").startswith(LRM + RLE), "an LRM first: else its Arabic would make the row right to left"
    after = arabic.split(PDF, 1)[1]
    assert after.startswith(LRM) and after.index(" 6 ") < after.index(" 24 ") < after.index(" 566 words"), (
        "an LRM after the name: the numbers keep their order instead of joining its run"
    )

    tmux.keys("Enter")
    status = tmux.wait_for("§1/6").splitlines()[-2]
    assert status.startswith(" " + LRM + "§1/6"), "the status line is a left-to-right row"
    words = unicodedata.normalize("NFKC", " ".join(status.split(LRM)[-1].replace(RLM, "").split()))
    assert words == title or title.startswith(words.rstrip("…")), "the heading, logical"
    time.sleep(0.2)


def test_the_bidi_test_in_a_terminal_saves_its_answer_for_the_next_start(tmux: Tmux, tmp_path: Path) -> None:
    reader = Path(sys.executable).with_name("reader")
    del tmux.env["READER_BIDI"]
    tmux.start(f"{reader} --bidi-test; {reader} --version; sleep 60")
    screen = tmux.wait_for("Line that reads right")
    assert "السطر 2" in screen, "line 2 is the logical sentence, readable as sent in tmux's capture"
    tmux.keys("1", "Enter")
    tmux.wait_for("short-vowel mark")
    tmux.keys("n", "Enter")
    screen = tmux.wait_for("bidi: ")
    assert "Saved for TERM_PROGRAM=tmux" in screen
    assert "bidi: app (saved by reader --bidi-test for this terminal)" in screen
    saved = (tmp_path / "config" / "terminals.toml").read_text(encoding="utf-8")
    assert '["TERM_PROGRAM=tmux"]\nbidi = "app"\nharakat = "strip"' in saved


def test_the_first_start_in_a_terminal_auto_cannot_name_asks_once(tmux: Tmux, tmp_path: Path) -> None:
    reader = Path(sys.executable).with_name("reader")
    del tmux.env["READER_BIDI"]
    # Inside tmux, but with the variables that name it gone: a terminal that sets only TERM (qterminal).
    unnamed = "env -u TMUX -u TERM_PROGRAM -u TERM_PROGRAM_VERSION TERM=xterm-256color"
    tmux.start(f"{unnamed} {reader} {ROOT}/articles/; {unnamed} {reader} --version; sleep 60")
    tmux.wait_for("Line that reads right")
    tmux.keys("1", "Enter")
    tmux.wait_for("short-vowel mark")
    tmux.keys("y", "Enter")
    screen = tmux.wait_for(visual("قطر تحتفظ"))  # the library's rows, as they are indexed
    assert visual("قطر تحتفظ") in screen, "the app starts in the mode chosen: display order"
    saved = (tmp_path / "config" / "terminals.toml").read_text(encoding="utf-8")
    assert '["TERM=xterm-256color"]\nbidi = "app"\nharakat = "keep"' in saved
    time.sleep(0.5)
    tmux.keys("q")
    tmux.wait_for("bidi: app (saved by reader --bidi-test for this terminal)")
