"""Who reorders right-to-left text, reader or the terminal: chosen by the user, else saved, else guessed.

Terminals that reorder by themselves (mlterm, Konsole with bidi on, Apple Terminal, VTE in
implicit mode) mirror every word of text that is already in visual order, so the choice matters.
kitty needs app mode's lines with each right-to-left run led or sent backwards (`reader.kitty`), and Konsole and qterminal
with their bidi on each right-to-left stretch in logical order (`reader.konsole`). The environment gives
hints; ssh and tmux hide them, so the user can always say which mode, and `reader --bidi-test`
saves the answer for the terminal it runs in (`reader.terminals`).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reader.errors import UsageError
from reader.kitty import kitty_line
from reader.konsole import konsole_line, konsole_mirrors
from reader.layout import BidiMode
from reader.types import BIDI_CHOICES, Harakat

# terminal-wg BiDi recommendation, BDSM: an application that reorders by itself switches
# terminals that understand it (VTE, mintty) to explicit mode, and back on exit.
EXPLICIT_MODE = "\x1b[8l"
IMPLICIT_MODE = "\x1b[8h"
# VTE's private mode 2501: each paragraph takes its direction from its first strong letter (UAX #9
# P2-P3), as mlterm's rows do, instead of VTE's default, left to right. Terminal mode asks for it.
AUTO_DIRECTION_ON = "\x1b[?2501h"
AUTO_DIRECTION_OFF = "\x1b[?2501l"


class Output(enum.Enum):
    """What reaches the terminal: display lines (APP), logical lines (TERMINAL), display lines
    with each right-to-left run led or sent backwards so that kitty's shaping keeps it (KITTY), or display
    lines with each right-to-left stretch sent in logical order for Konsole's and qterminal's own
    bidi to turn round (KONSOLE)."""

    APP = "app"
    TERMINAL = "terminal"
    KITTY = "kitty"
    KONSOLE = "konsole"

    @property
    def layout(self) -> BidiMode:
        """How lines are laid out: kitty's and Konsole's are app mode's, only sent differently."""
        return BidiMode.TERMINAL if self is Output.TERMINAL else BidiMode.APP

    @property
    def send_line(self) -> Callable[[str], str] | None:
        """How a display line of one style is sent (`reader cat --visual`); None: as it is laid out."""
        return {Output.KITTY: kitty_line, Output.KONSOLE: konsole_line}.get(self)

    def sender(self, environ: Mapping[str, str]) -> Callable[[str], str] | None:
        """`send_line` for the terminal `environ` names: Konsole's brackets go unmirrored."""
        if self is Output.KONSOLE and not konsole_mirrors(environ):
            return functools.partial(konsole_line, mirror=False)
        return self.send_line

    def draws_as_sent(self, environ: Mapping[str, str]) -> bool:
        """Whether logical lines go to a terminal that reorders each row but draws every character as
        sent (Konsole 22.12, `KONSOLE_VERSION`): TERMINAL mode then sends the brackets a right-to-left
        paragraph shows mirrored ready mirrored, in the app and in `reader cat --visual` alike
        (`reader.terminal_rows`)."""
        return self is Output.TERMINAL and not konsole_mirrors(environ)

    @property
    def explicit(self) -> bool:
        """Whether the terminal is asked not to reorder (BDSM explicit mode) while reader runs."""
        return self is not Output.TERMINAL


CHOICES = BIDI_CHOICES


@dataclass(frozen=True, slots=True)
class Guess:
    """What `auto` makes of a terminal: the output, why, and whether the terminal was recognised
    well enough that nobody need be asked (False: the first start runs the bidi test)."""

    output: Output
    reason: str
    known: bool = True
    harakat: Harakat = "keep"  # "strip" where the terminal draws marks off their letters (measured)


def parse_choice(value: str, source: str) -> str:
    """`value` as one of CHOICES, else a usage error naming where it came from."""
    choice = value.strip().lower()
    if choice not in CHOICES:
        raise UsageError(f"bidi mode must be one of {', '.join(CHOICES)}, not {value!r} ({source})")
    return choice


def resolve_bidi_mode(
    requested: str | None, environ: Mapping[str, str], saved: str | None = None
) -> tuple[Output, str]:
    """The output to use and why: `--bidi` or the config (`requested`), else READER_BIDI, else the
    answer `saved` for this terminal by `reader --bidi-test`, else a guess from the terminal.

    `requested` None means neither the option nor the config file said; "auto" (from either, or
    from READER_BIDI) skips the saved answer too and looks at the terminal.
    """
    source = "--bidi"
    if requested is None:
        requested = environ.get("READER_BIDI") or None
        source = "READER_BIDI"
    if requested is None:
        if saved is not None:
            return Output(saved), "saved by reader --bidi-test for this terminal"
        guess = guess_output(environ)
        return guess.output, guess.reason
    value = parse_choice(requested, source)
    if value != "auto":
        return Output(value), f"{source}={value}"
    guess = guess_output(environ)
    return guess.output, guess.reason


def guess_output(environ: Mapping[str, str]) -> Guess:
    """`auto`'s reading of the environment (measured terminals in the README's table)."""
    term = environ.get("TERM", "")
    program = environ.get("TERM_PROGRAM", "")
    if environ.get("MLTERM"):
        return Guess(Output.TERMINAL, "auto: MLTERM is set: mlterm reorders by itself")
    if term == "xterm-kitty" or environ.get("KITTY_WINDOW_ID"):
        # Harakat kept: a run that holds them is led (reader.kitty), which kitty 0.26 draws right with
        # DejaVu Sans Mono; with a face that has no Arabic, the bidi test's second question says strip.
        return Guess(Output.KITTY, "auto: kitty (TERM=xterm-kitty or KITTY_WINDOW_ID): its shaping reverses RTL runs")
    if environ.get("KONSOLE_VERSION"):
        return Guess(
            Output.KONSOLE,
            "auto: KONSOLE_VERSION is set: Konsole reorders each row when its profile's bidi is on (the default); "
            "reader --bidi-test tells",
            known=False,
        )
    if program == "Apple_Terminal":
        return Guess(Output.TERMINAL, "auto: TERM_PROGRAM=Apple_Terminal: Terminal.app reorders by itself")
    if environ.get("VTE_VERSION"):
        return Guess(Output.APP, "auto: VTE_VERSION is set: VTE leaves reader's order alone in explicit mode")
    for name, what in _NO_BIDI_VARIABLES:
        if environ.get(name):
            return Guess(Output.APP, f"auto: {name} is set: {what} reorders nothing", True, _harakat(term))
    if program in _NO_BIDI_PROGRAMS:
        return Guess(Output.APP, f"auto: TERM_PROGRAM={program} reorders nothing")
    if term.startswith(_NO_BIDI_TERMS):
        return Guess(Output.APP, f"auto: TERM={term} reorders nothing", True, _harakat(term))
    return Guess(
        Output.APP, "auto: no terminal named by the environment: reader reorders (reader --bidi-test asks)", False
    )


def marks_take_cells(environ: Mapping[str, str]) -> bool:
    """Whether the terminal gives each bidi mark (LRM, RLE, PDF) a cell of the row, drawn as nothing:
    mlterm 3.9.0 does (measured: a row of 78 letters and two LRMs is full), xterm, VTE, tmux and
    Konsole keep a mark with the letter before it."""
    return bool(environ.get("MLTERM"))


def _harakat(term: str) -> Harakat:
    """Alacritty 0.11 draws each haraka a cell off its letter: the marks are better left out there."""
    return "strip" if term.startswith("alacritty") else "keep"


# Terminals that do no bidi, by the variable each sets; tmux passes reader's lines on as they are.
_NO_BIDI_VARIABLES = (
    ("XTERM_VERSION", "xterm"),
    ("ALACRITTY_WINDOW_ID", "Alacritty"),
    ("ALACRITTY_SOCKET", "Alacritty"),
    ("WEZTERM_PANE", "WezTerm"),
    ("WT_SESSION", "Windows Terminal"),
    ("GHOSTTY_RESOURCES_DIR", "Ghostty"),
    ("TMUX", "tmux (which hides the outer terminal; --bidi says)"),
)
_NO_BIDI_PROGRAMS = frozenset({"iTerm.app", "WezTerm", "ghostty", "tmux", "vscode"})
_NO_BIDI_TERMS = ("alacritty", "foot", "st-", "rxvt-unicode", "xterm-ghostty", "wezterm", "tmux", "screen")
