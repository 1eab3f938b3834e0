"""The app's screen updates for kitty, Konsole, qterminal and mlterm: each strip's right-to-left runs
led or turned as the terminal must be sent them (`reader.kitty`, `reader.konsole`), or, for mlterm,
one space left out for each bidi mark the strip holds (`mlterm_strip`) and every row sent whole
(`whole_rows`).

This is the last step before the terminal, so every widget (the article, the panes, the library,
the status line, Textual's own) is laid out as for any terminal without bidi, and only what is
sent changes. kitty's runs end at spaces and at changes of face (bold, italic), qterminal's at
changes of style, all of which a strip carries, so each strip is turned on its own; a run that
crossed from one widget into the next without a break between them would be turned in two halves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

from rich.color import Color
from rich.console import RenderableType
from rich.segment import ControlType, Segment
from rich.style import Style

# Private, and only here: Textual names the screen updates it sends to the terminal nowhere public,
# and has no public hook between composing a frame and writing it (App._display is one, see app.py).
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.strip import Strip

from reader.bidi_mode import Output
from reader.kitty import cells_of, has_rtl, kitty_cells
from reader.konsole import CLOSE, konsole_cells
from reader.tui.shaped import marks_in

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
    sent = konsole_cells(cells, runs, mirror=mirror)
    return Strip(joined(zip(sent, _runs_parted(sent, styles, runs), strict=True)), strip.cell_length)


def _runs_parted(
    sent: Sequence[str], styles: Sequence[Style | None], runs: Sequence[Style | None]
) -> list[Style | None]:
    """`styles`, with what follows each right-to-left stretch (CLOSE) in its run of one style drawn
    in a colour one step of blue away, which no eye tells apart but which ends qterminal's run.

    qterminal reorders each run of one style as a paragraph and drops the marks, so the LRM after
    an Arabic file name could not keep the row's numbers after it out of its run (`الكوليرا في
    اليمن.txt  3  12`: the numbers were drawn into the name). Konsole, reordering each row whole
    with the marks kept, draws the same.
    """
    parted: list[Style | None] = []
    nudged = False
    for index, style in enumerate(styles):
        if index and runs[index] != runs[index - 1]:
            nudged = False
        parted.append(_nudged(style) if nudged else style)
        if sent[index].endswith(CLOSE):
            nudged = not nudged
    return parted


@functools.cache
def _nudged(style: Style | None) -> Style | None:
    """`style` with its foreground one step of blue away (none: as it is, the terminal's own colour)."""
    if style is None or style.color is None or style.color.triplet is None:
        return style
    red, green, blue = style.color.triplet
    return style + Style(color=Color.from_rgb(red, green, blue - 1 if blue else 1))


def mlterm_strip(strip: Strip) -> Strip:
    """A screen row (`whole_row`) as mlterm must be sent it: as many spaces fewer as it holds bidi marks.

    mlterm draws each mark (LRM, RLE, PDF) as nothing, as Rich counts it, but keeps it in a cell
    of its own: a row with marks is longer to mlterm than to Textual, and its last letters wrapped
    onto the next row (measured in mlterm 3.9.0: 78 letters and two LRMs fill a row of 80 cells;
    one letter more goes to the next row), while what it draws stands where Textual put it, the
    row's last cells, one per mark, left undrawn. The spaces go from the row's end first (the room
    the article leaves after its text, Textual's padding), then from runs of spaces inside it,
    each kept at one at least, from the end backwards: words stay apart, and text moves left only
    when the spaces at the end are not enough.
    """
    marks = marks_in(strip.text)
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
    return Strip(joined(kept), strip.cell_length)


def whole_row(strips: Iterable[Strip | None]) -> Strip:
    """One screen row for mlterm, its widgets' strips in one piece (`mlterm_strip`), after an erase
    to the end of the line, so the cells mlterm leaves undrawn at its end show its background.

    In one piece because mlterm places a cursor move by cells, marks counted: a widget written
    after a move stood a cell to the left for each mark drawn before it on the row (the article's
    lines beside a pane entry), where written on from the row's start it stands where Textual put
    it. mlterm reorders each part of a row between box-drawing characters (a pane's border, a
    scrollbar) on its own, as a left-to-right paragraph; a row without one as one paragraph.
    """
    erase = Segment(ERASE_TO_END, None, [(ControlType.ERASE_IN_LINE, 0)])
    row = mlterm_strip(Strip.join(strip for strip in strips if strip is not None))
    return Strip([erase, *row])


def whole_rows(update: LayoutUpdate | ChopsUpdate, compositor: Compositor) -> LayoutUpdate | ChopsUpdate:
    """The update with each row it touches sent whole from its first cell (`whole_row`), for mlterm.

    A partial update sends only the widgets that changed, each after a cursor move, which mlterm
    places a cell off per mark before it on the row; and an erase to the end of the line before
    one took the rest of the row with it. Its rows are drawn again whole, from the compositor's
    current cuts (every widget's lines are cached, so this is cheap).
    """
    if isinstance(update, LayoutUpdate):
        return LayoutUpdate([[whole_row(line)] for line in update.strips], update.region)
    touched = sorted({y for y, _, _ in update.spans})
    region = compositor.size.region
    # Private, like the updates: the compositor's own rendering of whole rows, as a full update does it.
    rows = compositor._render_chops(region, set(touched).__contains__)
    chops = [{0: whole_row(rows[y].values()) if y in touched else None} for y in range(len(rows))]
    return ChopsUpdate(chops, [(y, 0, region.width) for y in touched], [[region.width]] * len(rows))


def strip_turn(output: Output, *, mirror: bool = True) -> StripTurn | None:
    """How the app's strips are sent for `output` (`mirror`: qterminal, not Konsole, see
    `reader.konsole.konsole_mirrors`); None: as laid out (mlterm's rows: `whole_rows`)."""
    if output is Output.KONSOLE and not mirror:
        return functools.partial(konsole_strip, mirror=False)
    return {Output.KITTY: kitty_strip, Output.KONSOLE: konsole_strip}.get(output)


def turned_renderable(
    renderable: RenderableType | None, turn: StripTurn | None, compositor: Compositor | None = None
) -> RenderableType | None:
    """What the app is about to send: a screen update turned by `turn` (`turned_update`), or, given
    the screen's `compositor` (mlterm), its rows sent whole (`whole_rows`); anything else as it is."""
    if isinstance(renderable, (LayoutUpdate, ChopsUpdate)):
        if compositor is not None:
            return whole_rows(renderable, compositor)
        if turn is not None:
            return turned_update(renderable, turn)
    return renderable


def turned_update(update: LayoutUpdate | ChopsUpdate, turn: StripTurn) -> LayoutUpdate | ChopsUpdate:
    """The same update with every strip turned by `turn`."""
    if isinstance(update, LayoutUpdate):
        return LayoutUpdate([[turn(strip) for strip in line] for line in update.strips], update.region)
    chops = [{x: None if strip is None else turn(strip) for x, strip in line.items()} for line in update.chops]
    return ChopsUpdate(chops, update.spans, update.chop_ends)
