"""Choosing who reorders: the user's word first, then READER_BIDI, then the terminal's hints."""

from __future__ import annotations

import pytest

from reader.bidi_mode import EXPLICIT_MODE, IMPLICIT_MODE, resolve_bidi_mode
from reader.errors import UsageError
from reader.layout import BidiMode
from tests.conftest import run_reader


@pytest.mark.parametrize(
    ("environ", "mode", "why"),
    [
        ({"MLTERM": "3.9.3"}, BidiMode.TERMINAL, "MLTERM"),
        ({"KONSOLE_VERSION": "230804"}, BidiMode.TERMINAL, "KONSOLE_VERSION"),
        ({"TERM_PROGRAM": "Apple_Terminal"}, BidiMode.TERMINAL, "Apple_Terminal"),
        ({"TERM": "xterm-256color"}, BidiMode.APP, "reader reorders"),
        ({"TERM_PROGRAM": "iTerm.app"}, BidiMode.APP, "reader reorders"),
    ],
)
def test_auto_guesses_from_the_environment(environ: dict[str, str], mode: BidiMode, why: str) -> None:
    chosen, reason = resolve_bidi_mode(None, environ)
    assert chosen is mode and why in reason


def test_the_option_beats_the_environment_variable_which_beats_the_guess() -> None:
    assert resolve_bidi_mode("app", {"MLTERM": "1", "READER_BIDI": "terminal"})[0] is BidiMode.APP
    assert resolve_bidi_mode(None, {"MLTERM": "1", "READER_BIDI": "app"}) == (BidiMode.APP, "READER_BIDI=app")
    assert resolve_bidi_mode("auto", {"MLTERM": "1", "READER_BIDI": "app"})[0] is BidiMode.TERMINAL


def test_a_bad_value_is_a_usage_error_naming_its_source() -> None:
    with pytest.raises(UsageError, match="READER_BIDI"):
        resolve_bidi_mode(None, {"READER_BIDI": "sideways"})


def test_bdsm_sequences_are_the_terminal_wg_ones() -> None:
    assert (EXPLICIT_MODE, IMPLICIT_MODE) == ("\x1b[8l", "\x1b[8h")


def test_version_says_which_mode_and_why() -> None:
    out = run_reader("--version").stdout.decode()
    assert "bidi: " in out and ("reorders" in out or "READER_BIDI" in out)
