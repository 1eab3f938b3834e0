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

from reader.layout import BidiMode, StyleSpan, layout_paragraph
from reader.types import Harakat

ELLIPSIS = "…"
LRM = "\u200e"
RLM = "\u200f"


@dataclass(frozen=True, slots=True)
class Shaping:
    """How the display engine is asked to lay out text in this run of the app."""

    mode: BidiMode = BidiMode.APP
    harakat: Harakat = "keep"


def shaped_line(
    text: str,
    width: int,
    shaping: Shaping,
    *,
    style: Style | str = "",
    align: bool = True,
    spans: Sequence[StyleSpan] = (),
) -> Text:
    """`text` as one visual line of at most `width` cells, cut with an ellipsis where it ends
    (`spans`: styles over parts of `text`, in logical offsets, such as a search result's marks).

    Right-to-left text stands flush right, and its ellipsis at its logical end, where it would
    continue (on the left once reordered). In TERMINAL mode the line is logical and the terminal
    reorders the whole screen row as one paragraph, so the line is made to read right in a
    left-to-right row whatever else shares the row: it starts with LRM (so a terminal that takes a
    row's direction from its first letter, as mlterm does, keeps the columns where they are), the
    padding stands before right-to-left text, and an RLM on either side of it keeps what it begins
    or ends with (a bracket, an ellipsis, a number) inside the right-to-left run.
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
    if terminal and first.rtl:
        core = Text(RLM) + core + Text(RLM)
    if align:
        padding = Text(" " * max(0, width - core.cell_len))
        core = padding + core if first.rtl else core + padding
    if terminal:
        core = Text(LRM) + core
    core.end = ""
    core.no_wrap = True
    core.overflow = "crop"
    return core
