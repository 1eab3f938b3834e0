"""Display lines for Konsole and qterminal with their own bidi on: each right-to-left stretch sent in
logical order, so that the terminal's reordering turns it back to the order reader laid out.

Both hand what they draw to Qt, which runs the Unicode bidi algorithm on it as a left-to-right
paragraph: Konsole 22.12 on each whole row, qterminal 1.2 on each run of cells of one style (its
colours, bold, underline), placed at the run's cells in left-to-right order. Measured there (DejaVu
Sans Mono, under Xvfb): logical Arabic shows its words right to left but flush left; a logical `لا`
(two letters, two cells) is drawn as one glyph, which leaves an empty cell, and a row-final one
takes letters before it with it; Konsole honours the bidi formatting characters (RLE, LRM) and
qterminal drops them.

So this output is app mode's lines, shaped (lam-alef one presentation form, one cell: no gap) and
padded where reader put them, with what is sent changed run by run: in each run of one style, every
stretch from a right-to-left letter to the last right-to-left letter before a left-to-right one
(a *core*) is sent reversed, its numbers kept in their own order and, for qterminal, its brackets
mirrored (qterminal mirrors them back; Konsole 22.12 draws them as sent: `konsole_mirrors`). A
left-to-right paragraph's bidi reverses each core back: in qterminal one run at a time; in Konsole,
which reorders the whole row, each core is also sent as a right-to-left embedding between LRMs
(LRM RLE ... PDF LRM), so cores, and brackets that pair across their edges, stay apart, as the
style runs are. What is not in a core (padding, Latin, a number beside it) stays where it is.

Not right in qterminal, which has none of those marks: a number on the right of a core (a
right-to-left line that starts with a number) joins the core and shows on its left, and a bracket
pair that straddles a core's edge can pull it out of order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Mapping, Sequence

from reader.kitty import cells_of, has_rtl, mirrored

LRM = "\u200e"
RLE = "\u202b"  # right-to-left embedding, ended by PDF
PDF = "\u202c"
OPEN = LRM + RLE  # before a core: what precedes it stays left to right, the core is one embedding
CLOSE = PDF + LRM  # after it: a number or a space that follows is not drawn into it
MARKS = frozenset(OPEN + CLOSE)
_STRONG_RTL = frozenset({"R", "AL"})
_NUMBER = frozenset({"EN", "AN"})
_NUMBER_SEPARATOR = frozenset({"CS"})  # UAX #9 W4: one CS between two numbers is part of them


def _kind(cell: str) -> str:
    """ "R" for a right-to-left letter, "L" for a left-to-right one, "N" a digit, "" anything else."""
    kind = unicodedata.bidirectional(cell[:1]) if cell else ""
    if kind in _STRONG_RTL:
        return "R"
    if kind == "L":
        return "L"
    return "N" if kind in _NUMBER else ("S" if kind in _NUMBER_SEPARATOR else "")


def _tokens(kinds: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    """cells[start:end] as tokens: a number (digits joined by single separators) or one cell."""
    tokens: list[tuple[int, int]] = []
    index = start
    while index < end:
        stop = index + 1
        if kinds[index] == "N":
            while stop < end and (
                kinds[stop] == "N" or (kinds[stop] == "S" and stop + 1 < end and kinds[stop + 1] == "N")
            ):
                stop += 1
        tokens.append((index, stop))
        index = stop
    return tokens


def konsole_mirrors(environ: Mapping[str, str]) -> bool:
    """Whether the terminal mirrors the brackets it reorders: qterminal 1.2 does, Konsole 22.12
    (`KONSOLE_VERSION`) draws each as sent (measured: `(رويترز) قال` sent mirrored showed `(رويترز(`)."""
    return not environ.get("KONSOLE_VERSION")


def konsole_cells(cells: Sequence[str], runs: Sequence[Hashable], *, mirror: bool = True) -> list[str]:
    """What to send at each cell position of a display-order row so that Konsole or qterminal shows `cells`.

    Args:
        cells: one screen row (or a piece of one) in display order, as `reader.kitty.cells_of` cuts it.
        runs: for each cell, what the terminal draws it with (its style); a change of it ends a run.
        mirror: send a core's brackets mirrored, for a terminal that mirrors them back as it
            reorders (qterminal; `konsole_mirrors`); Konsole draws them as sent.

    Returns:
        One string per cell position: a cell (mirrored inside a core if `mirror`), OPEN before a
        core's first and CLOSE after its last. Widths are unchanged: the marks take no cell.
    """
    sent = list(cells)
    kinds = [_kind(cell) for cell in cells]
    start = 0
    count = len(cells)
    while start < count:
        end = start + 1
        while end < count and runs[end] == runs[start]:
            end += 1
        _turn_run(cells, kinds, start, end, sent, mirror=mirror)
        start = end
    return sent


def _turn_run(
    cells: Sequence[str], kinds: Sequence[str], start: int, end: int, sent: list[str], *, mirror: bool
) -> None:
    """Each core of cells[start:end] (one style) written into `sent` reversed, between OPEN and CLOSE."""
    index = start
    while index < end:
        if kinds[index] != "R":
            index += 1
            continue
        first = index
        last = index
        probe = index + 1
        while probe < end and kinds[probe] != "L":
            if kinds[probe] == "R":
                last = probe
            probe += 1
        position = first
        for token_start, token_stop in reversed(_tokens(kinds, first, last + 1)):
            for source in range(token_start, token_stop):
                cell = cells[source]
                sent[position] = mirrored(cell) if mirror and kinds[token_start] != "N" else cell
                position += 1
        sent[first] = OPEN + sent[first]
        sent[last] += CLOSE
        index = last + 1


def konsole_line(line: str, *, mirror: bool = True) -> str:
    """A display line of one style (`reader cat --visual`, the bidi test) as Konsole and qterminal must be sent it."""
    if not has_rtl(line):
        return line
    cells = cells_of(line)
    return "".join(konsole_cells(cells, [0] * len(cells), mirror=mirror))
