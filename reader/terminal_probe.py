"""Ask the terminal about BDSM (ANSI mode 8) with DECRQM, never waiting long for an answer.

`CSI 8 $ p` asks; a terminal that knows the mode answers `CSI 8 ; Ps $ y` (1 set: it reorders,
2 reset: explicit mode, 3 and 4 the same for good, 0 unknown). Many terminals ignore the question,
so a primary device attributes request (`CSI c`), which nearly all answer, follows it: once that
answer is in, nothing more is coming. A terminal that answers neither costs the timeout.

A secondary device attributes request (`CSI > c`) goes between them: its answer names a terminal that
the environment does not. Measured (Debian 12): xterm 379 `41;379;0`, mlterm 3.9 `24;279;0`, VTE 0.70
`65;7006;1`, Konsole 22.12 `1;115;0`, and qterminal 1.2, which sets no variable of its own, `0;115;0`:
the 115 of the Konsole code its widget (qtermwidget) was cut from.
"""

from __future__ import annotations

import os
import re
import select
import termios
import time
import tty
from dataclasses import dataclass

from reader.bidi_mode import Output

QUERY = "\x1b[8$p\x1b[>c\x1b[c"
_MODE_REPLY = re.compile(rb"\x1b\[8;(\d)\$y")
_DA1_REPLY = re.compile(rb"\x1b\[\?[\d;]*c")
_DA2_REPLY = re.compile(rb"\x1b\[>(\d+);(\d+);(\d+)c")
QTERMWIDGET = (0, 115)  # DA2's first two fields from qterminal 1.2 (Konsole 22.12: 1;115)
STATES = {
    0: "not recognised",
    1: "set (implicit: it reorders)",
    2: "reset (explicit)",
    3: "always set",
    4: "always reset",
}


@dataclass(frozen=True, slots=True)
class ModeReport:
    """What the terminal said of mode 8: `state` (see STATES), or None when it did not answer."""

    state: int | None
    answered_da1: bool
    da2: tuple[int, int, int] | None = None  # the secondary device attributes, when answered

    def describe(self) -> str:
        if self.state is None:
            said = "no answer to DECRQM for mode 8" + ("" if self.answered_da1 else ", nor to DA1")
        else:
            said = f"DECRQM mode 8: {self.state} ({STATES.get(self.state, 'unknown')})"
        if self.da2 is not None:
            said += f"; DA2 {';'.join(map(str, self.da2))}" + (" (qterminal's)" if self.qtermwidget else "")
        return said

    @property
    def qtermwidget(self) -> bool:
        """Whether the terminal answers DA2 as qterminal 1.2 does (qtermwidget, with Konsole's 115):
        it reorders each run of one style unless its bidi is turned off, so `konsole` output reads right."""
        return self.da2 is not None and self.da2[:2] == QTERMWIDGET

    @property
    def settled(self) -> Output | None:
        """The output the answer about mode 8 settles: reader's order where BDSM switches the terminal's
        bidi (set or reset) or it never reorders (4); the terminal's where it always reorders (3)."""
        if self.knows_bdsm or self.state == 4:
            return Output.APP
        return Output.TERMINAL if self.state == 3 else None

    @property
    def steered(self) -> Output | None:
        """What the answers settle with nobody asked: `settled`, else qterminal's default (its bidi
        on), which `konsole` output reads right in."""
        return self.settled or (Output.KONSOLE if self.qtermwidget else None)

    @property
    def knows_bdsm(self) -> bool:
        """Set or reset: the terminal switches its bidi by BDSM, so explicit mode holds there."""
        return self.state in (1, 2)


def parse_reply(data: bytes) -> ModeReport:
    mode = _MODE_REPLY.search(data)
    da2 = _DA2_REPLY.search(data)
    fields = (int(da2.group(1)), int(da2.group(2)), int(da2.group(3))) if da2 else None
    return ModeReport(int(mode.group(1)) if mode else None, _DA1_REPLY.search(data) is not None, fields)


# How long a probe that timed out waits on for the answers still to come (a terminal far away, over
# ssh), before the terminal's input goes to someone else.
DRAIN_TIMEOUT = 0.3


def drain_replies(fd: int, timeout: float = DRAIN_TIMEOUT) -> bytes:
    """Read and drop what the terminal on `fd` still sends after `query_bdsm` gave up before its DA1
    answer: up to that answer, which is the last to come, or `timeout` seconds.

    Left unread, a late `CSI > 0;115;0c` would be the next input: keys to Textual (`1` toggles the
    people's colours), or the bidi test's reply. Anything typed meanwhile goes with it.
    """
    saved = termios.tcgetattr(fd)
    try:
        tty.setraw(fd, termios.TCSANOW)
        return _read_to_da1(fd, timeout)
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, saved)


def query_bdsm(fd: int, timeout: float = 0.3) -> ModeReport:
    """Ask the terminal open on `fd` (read and write) about mode 8; at most `timeout` seconds."""
    saved = termios.tcgetattr(fd)
    data = b""
    try:
        tty.setraw(fd, termios.TCSANOW)
        os.write(fd, QUERY.encode())
        data = _read_to_da1(fd, timeout)
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, saved)
        # A terminal that does not parse DECRQM may print its last characters (qterminal shows `p`).
        os.write(fd, b"\r\x1b[2K")
    return parse_reply(data)


def _read_to_da1(fd: int, timeout: float) -> bytes:
    """What the terminal (in raw mode) sends up to its DA1 answer, or for `timeout` seconds."""
    data = b""
    deadline = time.monotonic() + timeout
    while not _DA1_REPLY.search(data):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 256)
        if not chunk:
            break
        data += chunk
    return data
