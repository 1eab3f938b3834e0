"""Answers saved per terminal, and the bidi test that asks for them."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from reader.bidi_mode import Output
from reader.bidi_test import ORDER, SAMPLE, run_bidi_test, sample_line
from reader.config import Config
from reader.errors import ConfigError
from reader.kitty import LEAD, kitty_line
from reader.konsole import konsole_line
from reader.terminal_probe import QUERY, parse_reply
from reader.terminals import TerminalAnswer, load_answers, save_answer, saved_answer, terminal_key
from reader.tui import app as app_module
from reader.tui.app import first_start_answer, terminal_output
from tests.pty_terminal import Session, run_in_pty, unread

QTERMINAL = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}  # qterminal names itself nowhere


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("READER_BIDI", raising=False)
    return tmp_path / "config"


@pytest.mark.parametrize(
    ("environ", "key"),
    [
        ({"TERM": "xterm-256color"}, "TERM=xterm-256color"),
        ({"TERM": "xterm-256color", "KONSOLE_VERSION": "221203"}, "KONSOLE_VERSION+TERM=xterm-256color"),
        ({"TERM": "xterm-256color", "VTE_VERSION": "7006"}, "VTE_VERSION+TERM=xterm-256color"),
        ({"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "TMUX": "x"}, "TERM_PROGRAM=tmux"),
        ({"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "3"}, "KITTY_WINDOW_ID+TERM=xterm-kitty"),
        ({}, "TERM=unknown"),
    ],
)
def test_a_terminal_is_named_by_the_variables_that_identify_it(environ: dict[str, str], key: str) -> None:
    assert terminal_key(environ) == key


def test_answers_are_kept_per_terminal_and_a_bad_file_is_one_error(config_dir: Path) -> None:
    save_answer("TERM=xterm-256color", TerminalAnswer(Output.APP, "strip"))
    save_answer("KONSOLE_VERSION+TERM=xterm-256color", TerminalAnswer(Output.TERMINAL))
    assert load_answers() == {
        "TERM=xterm-256color": TerminalAnswer(Output.APP, "strip"),
        "KONSOLE_VERSION+TERM=xterm-256color": TerminalAnswer(Output.TERMINAL, "keep"),
    }
    (config_dir / "terminals.toml").write_text('["TERM=x"]\nbidi = "sideways"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"terminals\.toml: \[TERM=x\]"):
        load_answers()


def test_each_sample_line_is_one_output_and_names_its_number() -> None:
    lines = [sample_line(SAMPLE.format(n=n), output, 62) for n, output in enumerate(ORDER, start=1)]
    assert lines[1] != SAMPLE.format(n=2) == unicodedata.normalize("NFKC", lines[1]), (
        "terminal mode sends the logical text, a word with lam-alef in its presentation forms"
    )
    assert lines[0].endswith("ﺮﻄﺴﻟﺍ") and lines[0].startswith(" "), "app mode: shaped, reordered, flush right"
    kitty = sample_line(SAMPLE.format(n=3), Output.APP, 62)
    assert lines[2] == kitty_line(kitty) != kitty, "kitty's is app mode's, led or turned run by run"
    app_four = sample_line(SAMPLE.format(n=4), Output.APP, 62)
    assert lines[3] == konsole_line(app_four) != app_four, "Konsole's is app mode's, each stretch in logical order"


def test_the_bidi_test_saves_the_answer_and_the_next_start_uses_it(config_dir: Path) -> None:
    screen = io.StringIO()
    answer = run_bidi_test(io.StringIO("x\n2\nn\n"), screen, QTERMINAL, 80, parse_reply(b"\x1b[?62;22c"))
    shown = screen.getvalue()
    assert answer == TerminalAnswer(Output.TERMINAL, "strip")
    assert "Please type one of 1, 2, 3, 4" in shown and "no answer to DECRQM for mode 8" in shown
    assert 'bidi = "terminal"' in (config_dir / "terminals.toml").read_text(encoding="utf-8")
    assert saved_answer(QTERMINAL) == answer
    assert saved_answer({"TERM": "xterm-256color", "VTE_VERSION": "7006"}) is None, "another terminal's"


def test_the_saved_answer_decides_unless_the_user_says_otherwise(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "environ", {**QTERMINAL, "READER_CONFIG_DIR": str(config_dir)})
    save_answer(terminal_key(QTERMINAL), TerminalAnswer(Output.TERMINAL, "strip"))
    assert terminal_output(Config(), harakat_given=False) == (Output.TERMINAL, "strip")
    assert terminal_output(Config(harakat="keep"), harakat_given=True) == (Output.TERMINAL, "keep")
    assert terminal_output(Config(bidi="app"), harakat_given=False) == (Output.APP, "keep")
    os.environ["READER_BIDI"] = "kitty"
    assert terminal_output(Config(), harakat_given=False)[0] is Output.KITTY


def test_konsole_with_its_bidi_on_answers_4_and_gets_konsole_output(config_dir: Path) -> None:
    konsole = {"TERM": "xterm-256color", "KONSOLE_VERSION": "221203"}
    screen = io.StringIO()
    assert run_bidi_test(io.StringIO("4\ny\n"), screen, konsole, 80) == TerminalAnswer(Output.KONSOLE, "keep")
    assert "read line 4" in screen.getvalue()
    assert saved_answer(konsole) == TerminalAnswer(Output.KONSOLE, "keep")


def test_an_empty_reply_saves_nothing(config_dir: Path) -> None:
    screen = io.StringIO()
    assert run_bidi_test(io.StringIO("\n"), screen, {"KONSOLE_VERSION": "1"}, 80) is None
    assert "Advanced > Bi-Directional text" in screen.getvalue(), "Konsole is told how to see its bidi"
    screen = io.StringIO()
    run_bidi_test(io.StringIO(""), screen, {"XTERM_VERSION": "XTerm(379)"}, 80)
    assert "Bi-Directional" not in screen.getvalue(), "a terminal known to do no bidi needs no hint"
    assert not (config_dir / "terminals.toml").exists()


@pytest.mark.parametrize(
    ("reply", "state", "knows"),
    [
        (b"\x1b[8;2$y\x1b[?65;1;9c", 2, True),  # VTE
        (b"\x1b[8;0$y\x1b[?62;c", 0, False),
        (b"\x1b[?62;c", None, False),
        (b"", None, False),
    ],
)
def test_decrqm_replies_are_read_with_or_without_the_mode(reply: bytes, state: int | None, knows: bool) -> None:
    report = parse_reply(reply)
    assert report.state == state and report.knows_bdsm is knows


def test_cat_visual_in_kitty_sends_kitty_lines_with_their_harakat_led(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nكَتَبَ مُحَمَّدٌ الدَّرْسَ (اليوم)\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("READER_BIDI", "KITTY_WINDOW_ID")}

    def cat(*args: str, term: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "cat", "--visual", "--width", "30", *args, str(article)],
            capture_output=True,
            env={**env, "TERM": term, "READER_CONFIG_DIR": str(tmp_path / "config")},
            check=True,
        )
        return result.stdout.decode()

    kitty = cat(term="xterm-kitty")
    app = cat("--bidi", "app", term="xterm-kitty")
    assert kitty == "\n".join(map(kitty_line, app.split("\n"))) and kitty != app
    assert "\u064e" in kitty and LEAD in kitty, "auto keeps the marks in kitty: their words are led"
    stripped = cat("--harakat", "strip", term="xterm-kitty")
    assert "\u064e" not in stripped and LEAD not in stripped, "without marks or Latin every word is turned"


def test_cat_visual_in_konsole_sends_each_stretch_in_logical_order(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nقال لا فرق بين العلاقات بلا سبب (اليوم)\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "READER_BIDI"}

    def cat(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "cat", "--visual", "--width", "30", *args, str(article)],
            capture_output=True,
            env={
                **env,
                "TERM": "xterm-256color",
                "KONSOLE_VERSION": "221203",
                "READER_CONFIG_DIR": str(tmp_path / "c"),
            },
            check=True,
        )
        return result.stdout.decode()

    konsole, app = cat(), cat("--bidi", "app")
    sent = "\n".join(konsole_line(line, mirror=False) for line in app.split("\n"))
    assert konsole == sent and konsole != app, "auto: KONSOLE_VERSION, brackets as Konsole draws them"
    assert "ﻻ" in konsole and "لا" not in konsole, "lam-alef as one presentation form: no gap in Konsole"


QTERMINAL_REPLY = b"\x1b[>0;115;0c\x1b[?1;2c"  # qterminal 1.2 under Xvfb: DA2, then DA1; DECRQM unanswered


def test_qterminal_is_told_by_its_da2_answer_and_no_other_terminal_measured_is() -> None:
    report = parse_reply(QTERMINAL_REPLY)
    assert report.state is None and report.answered_da1 and report.da2 == (0, 115, 0) and report.qtermwidget
    assert report.describe() == "no answer to DECRQM for mode 8; DA2 0;115;0 (qterminal's)"
    others = (  # Konsole 22.12, xterm 379, mlterm 3.9, VTE 0.70, and a terminal that answers DA1 only
        b"\x1b[>1;115;0c\x1b[?62;1;4c",
        b"\x1b[>41;379;0c\x1b[?64;1;2c",
        b"\x1b[>24;279;0c\x1b[?63;1;2c",
        b"\x1b[8;1$y\x1b[>65;7006;1c\x1b[?65;1;9c",
        b"\x1b[?62;c",
    )
    assert not any(parse_reply(reply).qtermwidget for reply in others)


class Answers(io.StringIO):
    """Typed answers, standing for the terminal's input (the probe is given its descriptor)."""

    def fileno(self) -> int:
        return 0


def test_the_first_start_in_qterminal_points_at_line_4_and_takes_it_when_nobody_answers(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "query_bdsm", lambda fd: parse_reply(QTERMINAL_REPLY))
    monkeypatch.setattr(os, "environ", {**QTERMINAL, "READER_CONFIG_DIR": str(config_dir)})
    monkeypatch.setattr(sys, "stdin", Answers("\n"))
    screen = io.StringIO()
    assert first_start_answer(screen) == TerminalAnswer(Output.KONSOLE)
    assert "answers as qterminal does: with its bidi on (the default), line 4" in screen.getvalue()
    assert not (config_dir / "terminals.toml").exists(), "nothing saved: the next start asks again"
    monkeypatch.setattr(sys, "stdin", Answers("1\ny\n"))
    assert first_start_answer(io.StringIO()) == TerminalAnswer(Output.APP), "its bidi off: the answer holds"
    assert saved_answer(QTERMINAL) == TerminalAnswer(Output.APP)
    monkeypatch.setattr(app_module, "query_bdsm", lambda fd: parse_reply(b"\x1b[?62;c"))
    monkeypatch.setattr(sys, "stdin", Answers("\n"))
    screen = io.StringIO()
    assert first_start_answer(screen) is None, "a terminal nothing names: no answer, nothing chosen"
    assert "qterminal does" not in screen.getvalue()


def _pty_cat(tmp_path: Path, *args: str, **terminal: bytes | float) -> Session:
    """`reader cat --visual` in a pseudo-terminal that names itself nowhere, as qterminal does."""
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nقال لا فرق بين العلاقات (اليوم)\n", encoding="utf-8")
    env = {"PATH": os.environ["PATH"], **QTERMINAL, "READER_CONFIG_DIR": str(tmp_path / "config")}
    argv = [sys.executable, "-m", "reader", "cat", "--visual", "--width", "30", *args, str(article)]
    return run_in_pty(argv, env, **terminal)  # type: ignore[arg-type]


def _shown(session: Session) -> str:
    """The lines reader printed, without the probe's own clearing of its row."""
    assert session.status == 0, session.stderr
    return session.text.replace(QUERY, "").replace("\r\x1b[2K", "")


def test_cat_visual_in_qterminal_asks_the_terminal_and_sends_konsole_lines(tmp_path: Path) -> None:
    asked = _pty_cat(tmp_path, answer=QTERMINAL_REPLY)
    assert asked.asked_at is not None, "nothing names the terminal and nothing is saved: it is asked"
    konsole = _pty_cat(tmp_path, "--bidi", "konsole")
    app = _pty_cat(tmp_path, "--bidi", "app")
    assert konsole.asked_at is None and app.asked_at is None, "--bidi says: nobody is asked"
    assert _shown(asked) == _shown(konsole) != _shown(app), "qterminal's DA2 answer: konsole output"
    save_answer(terminal_key(QTERMINAL), TerminalAnswer(Output.APP), tmp_path / "config" / "terminals.toml")
    saved = _pty_cat(tmp_path, answer=QTERMINAL_REPLY)
    assert saved.asked_at is None and _shown(saved) == _shown(app), "the saved answer (its bidi off) decides"


def test_cat_visual_waits_at_most_150_ms_for_a_terminal_that_answers_nothing(tmp_path: Path) -> None:
    silent = _pty_cat(tmp_path)
    assert silent.asked_at is not None and silent.next_at is not None
    assert 0.1 <= silent.next_at - silent.asked_at <= 0.15 + 0.25, "the wait, and the write that ends it"
    assert _shown(silent) == _shown(_pty_cat(tmp_path, "--bidi", "app")), "no answer: auto's guess, app"
    piped = subprocess.run(
        [sys.executable, "-m", "reader", "cat", "--visual", "--width", "30", str(tmp_path / "a.txt")],
        capture_output=True,
        env={"PATH": os.environ["PATH"], **QTERMINAL, "READER_CONFIG_DIR": str(tmp_path / "config")},
        check=True,
    )
    assert QUERY.encode() not in piped.stdout, "standard output a pipe: the terminal is not asked"


def test_a_late_answer_to_the_first_start_probe_is_not_left_for_the_app_to_read(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal that reports BDSM at once (so nobody is asked) but whose DA2 and DA1 answers come
    after the probe's 0.3 s (a terminal over ssh): once the app is handed the terminal, its input
    holds none of them, which Textual would read as the keys `>`, `0`, `;`, `1`, ..."""
    master, slave = os.openpty()
    monkeypatch.setattr(os, "environ", {**QTERMINAL, "READER_CONFIG_DIR": str(config_dir)})
    monkeypatch.setattr(sys, "stdin", open(slave, encoding="utf-8", closefd=False))  # noqa: SIM115
    monkeypatch.setattr(sys, "__stdout__", open(slave, "w", encoding="utf-8", closefd=False))  # noqa: SIM115
    terminal = threading.Thread(target=_slow_terminal, args=(master, b"\x1b[8;2$y", QTERMINAL_REPLY, 0.4))
    terminal.start()
    try:
        assert terminal_output(Config(), harakat_given=False) == (Output.APP, "keep"), "BDSM reset: app"
        terminal.join()
        assert unread(slave) == b"", "the late answers were drained before the app got the terminal"
    finally:
        terminal.join()
        os.close(master)
        os.close(slave)


def _slow_terminal(master: int, answer: bytes, late: bytes, late_after: float) -> None:
    """Answer the probe at once with `answer`, then `late` after `late_after` seconds."""
    sent, deadline = b"", time.monotonic() + 10
    while QUERY.encode() not in sent:
        if time.monotonic() > deadline:
            return  # never asked: the test's assertions say so
        if select.select([master], [], [], 0.1)[0]:
            sent += os.read(master, 1024)
    os.write(master, answer)
    time.sleep(late_after)
    os.write(master, late)
    time.sleep(0.1)  # the late answer reaches the terminal's input before anyone looks


def test_cat_visual_leaves_no_late_answer_for_the_shell(tmp_path: Path) -> None:
    """The answers come after `reader cat`'s 0.15 s: they are read before it exits, not left for the
    shell to read as typed text (or echoed after the article as `^[[>0;115;0c`)."""
    late = _pty_cat(tmp_path, late=QTERMINAL_REPLY, late_after=0.25)
    assert late.asked_at is not None and late.status == 0, late.stderr
    assert late.unread == b"", "nothing left in the terminal's input"
    assert "^[[" not in late.text and "115" not in late.text, "nor echoed on the screen"
    assert _shown(late) == _shown(_pty_cat(tmp_path, "--bidi", "app")), "too late to choose: auto's guess"
