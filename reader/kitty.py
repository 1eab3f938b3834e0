"""Display lines for kitty: each right-to-left run sent backwards, so that kitty's shaping turns it round.

kitty does no bidi, but it shapes text with HarfBuzz one *run* of cells at a time and lets HarfBuzz
guess each run's direction from its first character of a script (`hb_buffer_guess_segment_properties`;
digits and punctuation are Common and do not count). A run is a stretch of cells that are neither
blank (a space, or a cell never written) nor box drawing, drawn with one face (regular, bold,
italic, bold italic). HarfBuzz lays a right-to-left run out backwards, mirroring its brackets, and
kitty puts the glyphs into the run's cells in that order. So a line that is already in display order
(what xterm needs) shows every Arabic word mirrored in kitty, and a logical line shows each word
right but the words left to right.

The cure is local to each run: a run whose *last* character of a script is right-to-left is sent
reversed and mirrored, so its first is, HarfBuzz reverses it back, and it shows as laid out. A run
that begins with a right-to-left letter and ends with a Latin one (`عربيabc`, no space) cannot be
sent so that both survive; it shows mirrored. Measured in kitty 0.26.5 (Debian 12) with DejaVu Sans
Mono; `force_ltr yes` in kitty.conf turns HarfBuzz's guess off, and plain app mode is then right.

Inputs and outputs are cells: a cell is a base character with the zero-width marks that follow it
(kitty keeps a haraka in its letter's cell), and nothing here changes a line's width.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Sequence

from bidi.mirror import MIRRORED

_MIRROR = str.maketrans(MIRRORED)
# Scripts written right to left (Hebrew to Mandaic and Arabic Extended-A, presentation forms, and the
# historic RTL blocks of the supplementary planes).
_RTL_BLOCKS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")
# Characters in those blocks that are Common or Inherited, so HarfBuzz looks past them.
_NO_SCRIPT = frozenset("\u060c\u061b\u061c\u061f\u0640\u06dd\u08e2\ufd3e\ufd3f") | frozenset(
    map(chr, [*range(0x064B, 0x0656), 0x0670])
)
_BLANK = frozenset(" \t\x00")


def script_direction(char: str) -> bool | None:
    """True for a letter of a right-to-left script, False for another script's letter, None for Common
    and Inherited characters (digits, punctuation, spaces, marks): how HarfBuzz sees `char`."""
    if _RTL_BLOCKS.match(char):
        return char not in _NO_SCRIPT or None
    if unicodedata.bidirectional(char) == "L" and unicodedata.category(char) != "Cf":
        return False
    return None


def is_run_break(cell: str) -> bool:
    """A blank or box-drawing cell: kitty shapes it alone, so runs end on either side of it."""
    base = cell[:1]
    return not base or base in _BLANK or "\u2500" <= base <= "\u259f" or "\ue0b0" <= base <= "\ue0bf"


def cells_of(text: str) -> list[str]:
    """`text` as kitty's cells: each character with the zero-width marks after it."""
    cells: list[str] = []
    for char in text:
        if cells and (unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me")):
            cells[-1] += char
        else:
            cells.append(char)
    return cells


def run_turns(cells: Sequence[str]) -> bool:
    """Whether kitty reverses this run once it is sent reversed: its last character of a script is RTL."""
    for cell in reversed(cells):
        for char in cell:
            direction = script_direction(char)
            if direction is not None:
                return direction
    return False


def kitty_order(cells: Sequence[str], faces: Sequence[Hashable]) -> list[tuple[int, bool]]:
    """The order to send `cells` in so that kitty shows them in the given order.

    Args:
        cells: one screen row (or a piece of one), in display order.
        faces: for each cell, what picks its font (bold, italic); a change of face ends a run.

    Returns:
        For each cell position, the index of the cell to send there and whether to mirror it.
    """
    order: list[tuple[int, bool]] = []
    start = 0
    count = len(cells)
    while start < count:
        if is_run_break(cells[start]):
            order.append((start, False))
            start += 1
            continue
        end = start + 1
        while end < count and not is_run_break(cells[end]) and faces[end] == faces[start]:
            end += 1
        if run_turns(cells[start:end]):
            order.extend((index, True) for index in range(end - 1, start - 1, -1))
        else:
            order.extend((index, False) for index in range(start, end))
        start = end
    return order


def mirrored(cell: str) -> str:
    """The cell with its base character mirrored (HarfBuzz mirrors it back in a right-to-left run)."""
    return cell[:1].translate(_MIRROR) + cell[1:]


def kitty_line(line: str) -> str:
    """A display line of one face (`reader cat --visual`) as kitty must be sent it."""
    if not _RTL_BLOCKS.search(line):
        return line
    cells = cells_of(line)
    return "".join(
        mirrored(cells[index]) if mirror else cells[index] for index, mirror in kitty_order(cells, [0] * len(cells))
    )


def has_rtl(text: str) -> bool:
    """Whether `text` holds a character of a right-to-left script (the only text kitty turns)."""
    return _RTL_BLOCKS.search(text) is not None
