"""Display lines for kitty: each right-to-left run led or turned so that kitty's shaping shows it in order.

kitty does no bidi, but it shapes text with HarfBuzz one *run* of cells at a time and lets HarfBuzz
guess each run's direction from its first character of a script (`hb_buffer_guess_segment_properties`
in kitty's `load_hb_buffer`; digits and punctuation are Common and do not count). A run is a stretch
of cells drawn with one font: it ends at a blank cell (a space, or a cell never written), at box
drawing, and where the font changes (another face, regular, bold, italic, or a fallback font for a
letter the face lacks). HarfBuzz lays a right-to-left run out backwards, mirroring its brackets, and
kitty puts the glyphs into the run's cells in that order. So a line already in display order (what
xterm needs) shows every Arabic word mirrored in kitty, and a logical line shows each word right but
the words left to right. Measured in kitty 0.26.5 (Debian 12) with DejaVu Sans Mono, through
kitty's own `render_line`; kitty's current sources guess the direction the same way.

Two ways to send a run that starts with a right-to-left letter (in display order):

* **Led**: the space before it is sent as a no-break space carrying U+17B4 KHMER VOWEL INHERENT AQ,
  in the run's face. A no-break space is not blank to kitty, so the run now starts there; U+17B4 is
  a combining mark kitty keeps in that cell and draws nothing for (it is a default ignorable, so
  kitty does not look for a font for it), yet it is the run's first character of a script, Khmer,
  written left to right. HarfBuzz then shapes the run left to right, as sent: words, brackets, a
  Latin word inside a word (`عربيabc`) and every haraka on its letter. The spaces between the words
  of one line are led the same way, so the line becomes one run.
* **Turned**: a run whose last character of a script is right-to-left is sent reversed and
  mirrored, so HarfBuzz turns it back. Its harakat are left out, since kitty draws them off their
  letters there, and a turned run that begins with a right-to-left letter and ends with a Latin one
  shows mirrored: nothing sent can keep both.

The words one space apart in one face (a *chain*: one run once led) are led when one of them needs
it (harakat, or a Latin ending) and the first can be: a space stands before it, and its face is not
italic (DejaVu Sans Mono Oblique has no Arabic, so kitty draws it in a fallback font that a lead in
the oblique face would not join). Every other run is turned, which is as right without harakat and
sends two characters fewer per word; so are the runs of a chain that starts at the edge of what is
sent, after box drawing or after a change of face inside a word.

Both ways assume what kitty draws an Arabic letter with is the face itself, as with DejaVu Sans
Mono (Debian's default monospace font) in regular and bold. With a face that has no Arabic, kitty
draws the letters in a fallback font and the punctuation, digits and no-break spaces in the face,
so its runs also end between a letter and a full stop, and punctuation moves to the other side of
its word (`tests/kitty_draw.py` measures it). There `force_ltr yes` in kitty.conf and `--bidi app`
are right.

Inputs and outputs are cells: a cell is a base character with the zero-width marks that follow it
(kitty keeps a haraka in its letter's cell), and nothing here changes a line's width.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

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
LEAD = "\u00a0\u17b4"  # no-break space + KHMER VOWEL INHERENT AQ: one cell, blank, left to right to HarfBuzz


def script_direction(char: str) -> bool | None:
    """True for a letter of a right-to-left script, False for another script's letter, None for Common
    and Inherited characters (digits, punctuation, spaces, marks): how HarfBuzz sees `char`."""
    if _RTL_BLOCKS.match(char):
        return char not in _NO_SCRIPT or None
    if char == "\u17b4" or (unicodedata.bidirectional(char) == "L" and unicodedata.category(char) != "Cf"):
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


def _direction(cells: Sequence[str], backwards: bool = False) -> bool | None:
    """The direction of the first (or last) character of a script in `cells`; None when there is none."""
    for cell in reversed(cells) if backwards else cells:
        for char in cell:
            direction = script_direction(char)
            if direction is not None:
                return direction
    return None


@dataclass(frozen=True, slots=True)
class Sent:
    """What goes to one cell position: `text`, drawn in the style of cell `source`; a lead (`face`
    not None) takes the face (bold, italic) of cell `face`, the first of the run it leads."""

    source: int
    text: str
    face: int | None = None


@dataclass(frozen=True, slots=True)
class _Run:
    start: int
    end: int
    first: bool | None  # direction of its first character of a script
    needs_lead: bool  # turning cannot show it: it ends with a Latin letter, or it has harakat

    @property
    def rtl_led(self) -> bool:
        return self.first is True


def _runs(cells: Sequence[str], faces: Sequence[Hashable]) -> list[_Run]:
    runs: list[_Run] = []
    start, count = 0, len(cells)
    while start < count:
        if is_run_break(cells[start]):
            start += 1
            continue
        end = start + 1
        while end < count and not is_run_break(cells[end]) and faces[end] == faces[start]:
            end += 1
        run = cells[start:end]
        first = _direction(run)
        needs = first is True and (_direction(run, backwards=True) is False or any(len(cell) > 1 for cell in run))
        runs.append(_Run(start, end, first, needs))
        start = end
    return runs


def _chains(cells: Sequence[str], faces: Sequence[Hashable], runs: list[_Run]) -> list[list[_Run]]:
    """Runs that become one run once the single spaces between them are led: same face, one space apart."""
    chains: list[list[_Run]] = []
    for run in runs:
        if chains:
            last = chains[-1][-1]
            if run.start == last.end + 1 and cells[last.end] == " " and faces[run.start] == faces[last.start]:
                chains[-1].append(run)
                continue
        chains.append([run])
    return chains


def kitty_cells(cells: Sequence[str], faces: Sequence[Hashable], italic: Sequence[bool] | None = None) -> list[Sent]:
    """What to send at each cell position so that kitty shows `cells` (display order) as they are.

    Args:
        cells: one screen row (or a piece of one), in display order.
        faces: for each cell, what picks its font (bold, italic); a change of face ends a run.
        italic: for each cell, whether its face is italic (never led: see the module's docstring).
    """
    sent = [Sent(index, cell) for index, cell in enumerate(cells)]
    for chain in _chains(cells, faces, _runs(cells, faces)):
        head = chain[0]
        leadable = not (italic and italic[head.start]) and (
            not head.rtl_led or (head.start > 0 and cells[head.start - 1] == " ")
        )
        if leadable and any(run.needs_lead for run in chain):
            for run in chain:
                if run.rtl_led:
                    sent[run.start - 1] = Sent(run.start - 1, LEAD, run.start)
            continue
        for run in chain:
            if run.rtl_led and _direction(cells[run.start : run.end], backwards=True):
                for position, index in enumerate(range(run.end - 1, run.start - 1, -1), start=run.start):
                    sent[position] = Sent(index, mirrored(cells[index])[:1])
    return sent


def mirrored(cell: str) -> str:
    """The cell with its base character mirrored (HarfBuzz mirrors it back in a right-to-left run)."""
    return cell[:1].translate(_MIRROR) + cell[1:]


def kitty_line(line: str) -> str:
    """A display line of one face (`reader cat --visual`) as kitty must be sent it."""
    if not _RTL_BLOCKS.search(line):
        return line
    cells = cells_of(line)
    return "".join(piece.text for piece in kitty_cells(cells, [0] * len(cells)))


def has_rtl(text: str) -> bool:
    """Whether `text` holds a character of a right-to-left script (the only text kitty turns)."""
    return _RTL_BLOCKS.search(text) is not None
