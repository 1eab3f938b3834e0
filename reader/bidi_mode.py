"""Who reorders right-to-left text, reader or the terminal: chosen by the user, else guessed.

Terminals that reorder by themselves (mlterm, Konsole with bidi on, Apple Terminal, VTE in
implicit mode) mirror every word of text that is already in visual order, so the choice matters.
The environment gives hints; ssh and tmux hide them, so the user can always say which mode.
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.errors import UsageError
from reader.layout import BidiMode
from reader.types import BIDI_CHOICES

# terminal-wg BiDi recommendation, BDSM: an application that reorders by itself switches
# terminals that understand it (VTE, mintty) to explicit mode, and back on exit.
EXPLICIT_MODE = "\x1b[8l"
IMPLICIT_MODE = "\x1b[8h"

CHOICES = BIDI_CHOICES


def resolve_bidi_mode(requested: str | None, environ: Mapping[str, str]) -> tuple[BidiMode, str]:
    """The mode to use and why, from `--bidi` (`requested`), else READER_BIDI, else the terminal.

    `requested` None means the option was not given: READER_BIDI then decides; "auto" (given or
    from READER_BIDI) looks at the terminal.
    """
    source = "--bidi"
    if requested is None:
        requested = environ.get("READER_BIDI") or "auto"
        source = "READER_BIDI"
    value = requested.strip().lower()
    if value not in CHOICES:
        raise UsageError(f"bidi mode must be one of {', '.join(CHOICES)}, not {requested!r} ({source})")
    if value != "auto":
        return BidiMode(value), f"{source}={value}"
    return _guess(environ)


def _guess(environ: Mapping[str, str]) -> tuple[BidiMode, str]:
    if environ.get("MLTERM"):
        return BidiMode.TERMINAL, "auto: MLTERM is set: mlterm reorders by itself"
    if environ.get("KONSOLE_VERSION"):
        return BidiMode.TERMINAL, "auto: KONSOLE_VERSION is set: Konsole reorders by itself when its bidi option is on"
    if environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return BidiMode.TERMINAL, "auto: TERM_PROGRAM=Apple_Terminal: Terminal.app reorders by itself"
    return BidiMode.APP, "auto: no terminal known to reorder (mlterm, Konsole, Apple Terminal): reader reorders"
