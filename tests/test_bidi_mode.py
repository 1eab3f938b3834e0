"""Choosing who reorders: the user's word first, then READER_BIDI, then the saved answer, then the terminal's hints."""

from __future__ import annotations

import pytest

from reader.bidi_mode import EXPLICIT_MODE, IMPLICIT_MODE, Output, guess_output, marks_take_cells, resolve_bidi_mode
from reader.errors import UsageError
from reader.layout import BidiMode
from tests.conftest import run_reader


@pytest.mark.parametrize(
    ("environ", "output", "why", "known"),
    [
        ({"MLTERM": "3.9.3"}, Output.TERMINAL, "MLTERM", True),
        ({"TERM": "xterm-kitty"}, Output.KITTY, "kitty", True),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, Output.KITTY, "KITTY_WINDOW_ID", True),
        ({"KONSOLE_VERSION": "221203"}, Output.KONSOLE, "KONSOLE_VERSION", False),
        ({"TERM_PROGRAM": "Apple_Terminal"}, Output.TERMINAL, "Apple_Terminal", True),
        ({"VTE_VERSION": "7006", "TERM": "xterm-256color"}, Output.APP, "VTE_VERSION", True),
        ({"XTERM_VERSION": "XTerm(379)", "TERM": "xterm-256color"}, Output.APP, "xterm", True),
        ({"TERM": "alacritty"}, Output.APP, "TERM=alacritty", True),
        ({"TERM": "screen", "TMUX": "/tmp/x,1,0"}, Output.APP, "tmux", True),
        ({"TERM_PROGRAM": "iTerm.app"}, Output.APP, "iTerm.app", True),
        ({"TERM": "xterm-256color"}, Output.APP, "reader reorders", False),  # qterminal, and many more
    ],
)
def test_auto_guesses_from_the_environment(environ: dict[str, str], output: Output, why: str, known: bool) -> None:
    chosen, reason = resolve_bidi_mode(None, environ)
    assert chosen is output and why in reason
    assert guess_output(environ).known is known


def test_kitty_and_konsole_are_laid_out_as_app_mode_and_only_terminal_mode_skips_explicit_bdsm() -> None:
    assert [output.layout for output in Output] == [BidiMode.APP, BidiMode.TERMINAL, BidiMode.APP, BidiMode.APP]
    assert [output.explicit for output in Output] == [True, False, True, True]


def test_the_option_beats_the_environment_variable_which_beats_the_saved_answer_and_the_guess() -> None:
    assert resolve_bidi_mode("app", {"MLTERM": "1", "READER_BIDI": "terminal"})[0] is Output.APP
    assert resolve_bidi_mode(None, {"MLTERM": "1", "READER_BIDI": "app"}, "kitty") == (Output.APP, "READER_BIDI=app")
    assert resolve_bidi_mode("auto", {"MLTERM": "1", "READER_BIDI": "app"})[0] is Output.TERMINAL
    assert resolve_bidi_mode(None, {"MLTERM": "1"}, "app") == (
        Output.APP,
        "saved by reader --bidi-test for this terminal",
    )
    assert resolve_bidi_mode("auto", {"MLTERM": "1"}, "app")[0] is Output.TERMINAL, "auto asks the terminal"


def test_a_bad_value_is_a_usage_error_naming_its_source() -> None:
    with pytest.raises(UsageError, match="READER_BIDI"):
        resolve_bidi_mode(None, {"READER_BIDI": "sideways"})


def test_bdsm_sequences_are_the_terminal_wg_ones() -> None:
    assert (EXPLICIT_MODE, IMPLICIT_MODE) == ("\x1b[8l", "\x1b[8h")


def test_version_says_which_mode_and_why() -> None:
    out = run_reader("--version").stdout.decode()
    assert "bidi: " in out and ("reorders" in out or "READER_BIDI" in out or "saved" in out)


@pytest.mark.parametrize(
    ("environ", "harakat"),
    [({"TERM": "xterm-kitty"}, "keep"), ({"TERM": "alacritty"}, "strip"), ({"XTERM_VERSION": "XTerm(379)"}, "keep")],
)
def test_terminals_that_draw_harakat_off_their_letters_get_them_stripped(environ: dict[str, str], harakat: str) -> None:
    assert guess_output(environ).harakat == harakat


def test_only_mlterm_is_known_to_give_a_bidi_mark_a_cell() -> None:
    assert marks_take_cells({"MLTERM": "3.9.0", "TERM": "xterm"})
    for environ in ({"TERM": "xterm-256color", "VTE_VERSION": "7006"}, {"KONSOLE_VERSION": "221203"}, {"TMUX": "x"}):
        assert not marks_take_cells(environ)
