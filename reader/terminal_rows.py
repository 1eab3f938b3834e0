"""Right-to-left logical text laid out for a terminal that reorders each screen row as one
left-to-right paragraph (TERMINAL mode): the app's article lines and pane entries, and `reader cat
--visual --bidi terminal` in Konsole, from this one place.

What such a terminal needs, measured in mlterm 3.9, VTE 0.70 and Konsole 22.12: an LRM first, so
that the row is taken left to right whatever its first letter; the padding, so the text stands
flush right; the text held as a right-to-left paragraph of its own would show it (`held`); and,
in Konsole, which reorders the row but draws every character as sent, the brackets that paragraph
shows mirrored sent mirrored (`as_drawn`).
"""

from __future__ import annotations

import unicodedata

from reader.arabic.bidi import resolve_levels
from reader.kitty import mirrored

LRM = "\u200e"
RLM = "\u200f"
RLE = "\u202b"  # right-to-left embedding ...
PDF = "\u202c"  # ... to here

_EMBEDDED = frozenset({"L", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def held(text: str) -> tuple[str, str]:
    """The marks before and after right-to-left `text` that make a terminal reordering a
    left-to-right row show it as a right-to-left paragraph of its own would show it.

    Arabic words alone need none: the row's bidi orders them right to left. A neutral or a digit
    at its start (`«`, `2024 عام`) is held in with an RLM before, a neutral at its end (`…`, `»`)
    with one after; a left-to-right letter anywhere (`G20`, `CNN`) needs an embedding (RLE ...
    PDF), else the row's direction would put the Latin run and the Arabic around it in the row's
    order. As few as will do: mlterm gives each mark a cell.
    """
    classes = [unicodedata.bidirectional(char) for char in text]
    if not classes:
        return "", ""
    if _EMBEDDED.intersection(classes):
        return RLE, PDF
    before = "" if classes[0] in ("R", "AL") else RLM
    after = "" if classes[-1] in ("R", "AL", "EN", "AN", "NSM") else RLM
    return before, after


def as_drawn(text: str) -> str:
    """Right-to-left logical `text` with each bracket that its paragraph shows mirrored (rule L4: one
    at an odd level, `«` drawn as `»`) sent mirrored, as long as `text`: for a terminal that
    reorders the row but draws each character as sent (Konsole 22.12 drew `«أوبك+»` as `»أوبك+«`)."""
    return "".join(
        mirrored(char) if int(level) % 2 else char for char, level in zip(text, resolve_levels(text, True), strict=True)
    )


def row_marks(text: str, cells: int, width: int, *, followed: bool = False) -> tuple[str, str]:
    """What goes before and after a line of right-to-left logical `text` (`cells` wide) to stand it
    flush right in `width` cells of a row the terminal reorders as one left-to-right paragraph.

    An LRM leads, so a terminal taking the row's direction from its first strong letter (mlterm,
    VTE's mode 2501) takes it left to right, one that always does (Konsole, VTE without 2501) gets
    the same, and a pane's Arabic before it on the row is not reordered into it; then the padding;
    then an RLE when the text needs holding as a right-to-left paragraph of its own (`held`: a Latin
    word, a neutral or a number at either end). The embedding is closed only when something follows
    on the row (`followed`); the row's end closes it.
    """
    before, after = held(text)
    opening = RLE if before or after else ""
    closing = PDF if opening and followed else ""
    return LRM + " " * max(0, width - cells) + opening, closing


def in_row(text: str, *, draws_as_sent: bool = False) -> str:
    """Right-to-left logical `text` as it goes into a place inside a row the terminal reorders as one
    left-to-right paragraph (a table cell, `reader entities`): `held`, so it shows as a right-to-left
    paragraph of its own would, and its brackets `as_drawn` where the terminal draws each character
    as sent (`draws_as_sent`: Konsole)."""
    before, after = held(text)
    return before + (as_drawn(text) if draws_as_sent else text) + after


def left_to_right_row(text: str, cells: int, width: int, *, draws_as_sent: bool = False) -> str:
    """A display line of a right-to-left paragraph in TERMINAL mode (logical, `cells` wide) as the
    row it is sent as: `row_marks` around it, its brackets `as_drawn` where the terminal draws each
    character as sent (`draws_as_sent`: Konsole)."""
    before, after = row_marks(text, cells, width)
    return before + (as_drawn(text) if draws_as_sent else text) + after
