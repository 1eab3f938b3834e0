"""The app's screen updates for kitty, Konsole and qterminal: each strip's right-to-left runs led or
turned as the terminal must be sent them (`reader.kitty`, `reader.konsole`).

This is the last step before the terminal, so every widget (the article, the panes, the library,
the status line, Textual's own) is laid out as for any terminal without bidi, and only what is
sent changes. kitty's runs end at spaces and at changes of face (bold, italic), qterminal's at
changes of style, all of which a strip carries, so each strip is turned on its own; a run that
crossed from one widget into the next without a break between them would be turned in two halves.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style

# Private, and only here: Textual names the screen updates it sends to the terminal nowhere public,
# and has no public hook between composing a frame and writing it (App._display is one, see app.py).
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.strip import Strip

from reader.bidi_mode import Output
from reader.kitty import cells_of, has_rtl, kitty_cells
from reader.konsole import konsole_cells

StripTurn = Callable[[Strip], Strip]


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
    segments: list[Segment] = []
    text: list[str] = []
    current: Style | None = None
    for piece in kitty_cells(cells, faces, [italic for _, italic in faces]):
        style = styles[piece.source]
        if piece.face is not None:  # a lead: the space's colours, the face of the run it leads
            bold, italic = faces[piece.face]
            style = (style or Style()) + Style(bold=bold, italic=italic)
        if text and style is not current:
            segments.append(Segment("".join(text), current))
            text = []
        current = style
        text.append(piece.text)
    if text:
        segments.append(Segment("".join(text), current))
    return Strip(segments, strip.cell_length)


def konsole_strip(strip: Strip) -> Strip:
    """`strip` with each right-to-left stretch of each style run in logical order, for Konsole and
    qterminal with their own bidi on; unchanged without RTL text."""
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
    segments: list[Segment] = []
    text: list[str] = []
    current: Style | None = None
    for style, sent in zip(styles, konsole_cells(cells, runs), strict=True):
        if text and style is not current:
            segments.append(Segment("".join(text), current))
            text = []
        current = style
        text.append(sent)
    if text:
        segments.append(Segment("".join(text), current))
    return Strip(segments, strip.cell_length)


def strip_turn(output: Output) -> StripTurn | None:
    """How the app's strips are sent for `output`; None: as they are laid out."""
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
