"""The app's screen updates for kitty, Konsole, qterminal and mlterm: each strip's right-to-left runs
led or turned as the terminal must be sent them (`reader.kitty`, `reader.konsole`), or, for mlterm,
one space left out for each bidi mark the strip holds (`mlterm_strip`).

This is the last step before the terminal, so every widget (the article, the panes, the library,
the status line, Textual's own) is laid out as for any terminal without bidi, and only what is
sent changes. kitty's runs end at spaces and at changes of face (bold, italic), qterminal's at
changes of style, all of which a strip carries, so each strip is turned on its own; a run that
crossed from one widget into the next without a break between them would be turned in two halves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from rich.console import RenderableType
from rich.segment import ControlType, Segment
from rich.style import Style

# Private, and only here: Textual names the screen updates it sends to the terminal nowhere public,
# and has no public hook between composing a frame and writing it (App._display is one, see app.py).
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.strip import Strip

from reader.bidi_mode import Output
from reader.kitty import cells_of, has_rtl, kitty_cells
from reader.konsole import konsole_cells
from reader.tui.shaped import MARKS

StripTurn = Callable[[Strip], Strip]
ERASE_TO_END = "\x1b[K"  # EL 0: from the cursor to the end of the line


def joined(cells: Iterable[tuple[str, Style | None]]) -> list[Segment]:
    """Cells (text, style) back into segments, one per run of the same style object: the strip's
    own styles, so a run ends where the strip's segment did (or where a lead got a style of its own)."""
    segments: list[Segment] = []
    text: list[str] = []
    current: Style | None = None
    for piece, style in cells:
        if text and style is not current:
            segments.append(Segment("".join(text), current))
            text = []
        current = style
        text.append(piece)
    if text:
        segments.append(Segment("".join(text), current))
    return segments


def kitty_strip(strip: Strip) -> Strip:
    """`strip` with its cells as kitty must be sent them (`reader.kitty`); unchanged without RTL text."""
    if not has_rtl(strip.text) or any(segment.control for segment in strip):
        return strip
    cells: list[str] = []
    styles: list[Style | None] = []
    for segment in strip:
        pieces = cells_of(segment.text)
        cells.extend(pieces)
        styles.extend([segment.style] * len(pieces))
    faces = [(bool(style.bold), bool(style.italic)) if style else (False, False) for style in styles]
    sent: list[tuple[str, Style | None]] = []
    for piece in kitty_cells(cells, faces, [italic for _, italic in faces]):
        style = styles[piece.source]
        if piece.face is not None:  # a lead: the space's colours, the face of the run it leads
            bold, italic = faces[piece.face]
            style = (style or Style()) + Style(bold=bold, italic=italic)
        sent.append((piece.text, style))
    return Strip(joined(sent), strip.cell_length)


def konsole_strip(strip: Strip, *, mirror: bool = True) -> Strip:
    """`strip` with each right-to-left stretch of each style run in logical order, for Konsole and
    qterminal with their own bidi on (`mirror`: see `reader.konsole.konsole_cells`); unchanged
    without RTL text."""
    if not has_rtl(strip.text) or any(segment.control for segment in strip):
        return strip
    cells: list[str] = []
    styles: list[Style | None] = []
    runs: list[Style | None] = []  # what the terminal draws a cell with: Textual's meta (mouse offsets) is not
    for segment in strip:
        pieces = cells_of(segment.text)
        cells.extend(pieces)
        styles.extend([segment.style] * len(pieces))
        runs.extend([segment.style.clear_meta_and_links() if segment.style else None] * len(pieces))
    sent = zip(konsole_cells(cells, runs, mirror=mirror), styles, strict=True)
    return Strip(joined(sent), strip.cell_length)


def mlterm_strip(strip: Strip) -> Strip:
    """`strip` as mlterm must be sent it: as many spaces fewer as it holds bidi marks.

    mlterm keeps each mark (LRM, RLE, PDF) in a cell of its own and draws it as nothing, so a strip
    with marks is longer to mlterm than to Textual: what follows it on the row was written over its
    last letters, and a row's last letters wrapped onto the next row (measured in mlterm 3.9.0: 78
    letters and two LRMs fill a row of 80 cells; one letter more goes to the next row). The spaces
    go from the strip's end first (Textual's padding, a column's gap), then from runs of spaces
    inside it, each kept at one at least, from the end backwards: words stay apart, and text moves
    left only when the spaces at the end are not enough. The row's last cells, one per mark, mlterm
    then leaves undrawn, showing what an earlier frame drew there: an erase to the end of the line
    goes first (mlterm draws them in its own background then).
    """
    marks = sum(char in MARKS for segment in strip for char in segment.text)
    if not marks or any(segment.control for segment in strip):
        return strip
    chars = [(char, segment.style) for segment in strip for char in segment.text]
    dropped: set[int] = set()
    at = len(chars)
    while marks and at and chars[at - 1][0] == " ":  # the spaces at the end: all of them may go
        at -= 1
        dropped.add(at)
        marks -= 1
    while marks and at:
        start = at
        while start and chars[start - 1][0] == " ":
            start -= 1
        for index in range(at - 1, start, -1):  # a run inside keeps its first space
            if not marks:
                break
            dropped.add(index)
            marks -= 1
        at = start - 1 if start == at else start
    kept = (cell for index, cell in enumerate(chars) if index not in dropped)
    erase = Segment(ERASE_TO_END, None, [(ControlType.ERASE_IN_LINE, 0)])
    return Strip([erase, *joined(kept)], strip.cell_length)


def strip_turn(output: Output, *, mark_cells: bool = False, mirror: bool = True) -> StripTurn | None:
    """How the app's strips are sent for `output` (`mark_cells`: mlterm, see `mlterm_strip`;
    `mirror`: qterminal, not Konsole, see `reader.konsole.konsole_mirrors`); None: as laid out."""
    if output is Output.TERMINAL and mark_cells:
        return mlterm_strip
    if output is Output.KONSOLE and not mirror:
        return functools.partial(konsole_strip, mirror=False)
    return {Output.KITTY: kitty_strip, Output.KONSOLE: konsole_strip}.get(output)


def turned_renderable(renderable: RenderableType | None, turn: StripTurn) -> RenderableType | None:
    """What the app is about to send: a screen update turned by `turned_update`, anything else as it is."""
    if isinstance(renderable, (LayoutUpdate, ChopsUpdate)):
        return turned_update(renderable, turn)
    return renderable


def turned_update(update: LayoutUpdate | ChopsUpdate, turn: StripTurn) -> LayoutUpdate | ChopsUpdate:
    """The same update with every strip turned by `turn`."""
    if isinstance(update, LayoutUpdate):
        return LayoutUpdate([[turn(strip) for strip in line] for line in update.strips], update.region)
    chops = [{x: None if strip is None else turn(strip) for x, strip in line.items()} for line in update.chops]
    return ChopsUpdate(chops, update.spans, update.chop_ends)
