"""Single lines of article text for lists and headings, laid out by the display engine.

Textual's own wrapping knows nothing of shaping or bidi, so every piece of article text that a
widget shows (a title in the library, a heading in the section pane, an entity name) is cut and
aligned here instead, and handed to Textual as a finished `Text` that fits its cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from reader import terminal_rows
from reader.layout import BidiMode, StyleSpan, layout_paragraph
from reader.terminal_rows import LRM, held, row_marks
from reader.types import Harakat

ELLIPSIS = "…"
# The bidi formatting characters reader sends in terminal mode: zero cells to Rich and to most
# terminals, but mlterm keeps each in a cell of its own that it draws as nothing (`Shaping.mark_cells`).
MARKS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True, slots=True)
class Shaping:
    """How the display engine is asked to lay out text in this run of the app."""

    mode: BidiMode = BidiMode.APP
    harakat: Harakat = "keep"
    mark_cells: bool = False  # the terminal gives each bidi mark a cell (mlterm): rows budget for them
    # The terminal reorders but draws each bracket as sent, unmirrored (Konsole 22.12, `Output.draws_as_sent`):
    # TERMINAL mode sends the brackets a right-to-left paragraph mirrors ready mirrored (`as_drawn`).
    draws_as_sent: bool = False


def marks_in(text: str) -> int:
    """How many bidi formatting characters `text` holds (each a cell to mlterm, none to Rich)."""
    return sum(char in MARKS for char in text)


def shaped_line(
    text: str,
    width: int,
    shaping: Shaping,
    *,
    style: Style | str = "",
    align: bool = True,
    spans: Sequence[StyleSpan] = (),
    lead: bool = True,
    followed: bool = False,
) -> Text:
    """`text` as one visual line of at most `width` cells, cut with an ellipsis where it ends
    (`spans`: styles over parts of `text`, in logical offsets, such as a search result's marks).

    Right-to-left text stands flush right, and its ellipsis at its logical end, where it would
    continue (on the left once reordered). In TERMINAL mode the line is logical and the terminal
    reorders the whole screen row as one paragraph, so the line is made to read right in a
    left-to-right row whatever else shares the row: right-to-left text is held as a right-to-left
    paragraph of its own would show it (`reader.terminal_rows.held`), its ellipsis, a bracket or a number at either
    end and a Latin word inside (`قمة G20 في الرياض`) in their places; the padding stands before it. With `lead` (the line may begin a screen row) it starts with an LRM unless it
    begins with a left-to-right letter, so a terminal that takes a row's direction from its first
    strong letter, as mlterm does, keeps the row left to right; `followed` (a number or a count
    comes after it on the row) ends right-to-left text with an LRM, else the terminal draws what
    follows into it. Each mark is one more character the row holds: fewer marks, fewer cells
    mlterm leaves unpainted at the row's end.
    """
    width = max(0, width)
    if width == 0 or not text:
        return Text(" " * width, end="")
    terminal = shaping.mode is BidiMode.TERMINAL
    lines = layout_paragraph(text, width, spans=spans, mode=shaping.mode, harakat=shaping.harakat)
    first = lines[0]
    core = first.text.copy()
    if len(lines) > 1 and width > 1:
        first = layout_paragraph(text, width - 1, spans=spans, mode=shaping.mode, harakat=shaping.harakat)[0]
        if terminal:
            core = first.text + Text(ELLIPSIS)
        else:
            core = Text(ELLIPSIS) + first.text if first.rtl else first.text + Text(ELLIPSIS)
    core.stylize_before(style)  # the text only: an underline must not run under the padding
    core.truncate(width)
    if terminal and first.rtl and shaping.draws_as_sent:
        core = as_drawn(core)
    if terminal and first.rtl:
        before, after = held(core.plain)
        core = Text(before) + core + Text(after + (LRM if followed else ""))
    if align:
        padding = Text(" " * max(0, width - core.cell_len))
        core = padding + core if first.rtl else core + padding
    if terminal and lead and not (core.plain[:1].isascii() and core.plain[:1].isalpha()):
        # After a leading space where there is one: VTE keeps a zero-width mark with the cell before
        # it and drops one that has none, so a pane entry's LRM in the row's first cell was lost and
        # the row took its direction from the Arabic (seen in xfce4-terminal: pane and article swapped).
        if core.plain.startswith(" "):
            space, rest = core.divide([1])
            core = space + Text(LRM) + rest
        else:
            core = Text(LRM) + core
    core.end = ""
    core.no_wrap = True
    core.overflow = "crop"
    return core


# mlterm: the cells an article line leaves after its text for the marks of its row (the line's own,
# an LRM and an RLE, and a pane entry's beside it: an LRM, an RLM or RLE...PDF, an LRM before a count).
MARKS_IN_ROW = 6


def as_drawn(text: Text) -> Text:
    """`reader.terminal_rows.as_drawn` of a styled line, its styles kept on their characters."""
    shown = terminal_rows.as_drawn(text.plain)
    if shown == text.plain:
        return text
    drawn = text.copy()
    drawn.plain = shown  # as long: the spans stay on their characters
    return drawn


def in_left_to_right_row(text: Text, width: int, *, followed: bool = False, draws_as_sent: bool = False) -> Text:
    """A line of right-to-left logical `text` laid out, flush right in `width` cells, for a screen row
    the terminal reorders as one left-to-right paragraph (TERMINAL mode: an article line), with
    `reader.terminal_rows.row_marks` around it, as `reader cat --visual` does in Konsole.

    mlterm draws each mark as nothing, as Rich counts it, but gives it a cell of its own on the row:
    the article view leaves room for them after the text (`MARKS_IN_ROW`), see
    `reader.tui.kitty.whole_row`. With `draws_as_sent` (Konsole) the brackets go out as they are to
    be drawn (`as_drawn`).
    """
    if draws_as_sent:
        text = as_drawn(text)
    before, after = row_marks(text.plain, text.cell_len, width, followed=followed)
    line = Text(before, end="") + text + Text(after)
    line.end = ""
    return line
