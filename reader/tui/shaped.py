"""Single lines of article text for lists and headings, laid out by the display engine.

Textual's own wrapping knows nothing of shaping or bidi, so every piece of article text that a
widget shows (a title in the library, a heading in the section pane, an entity name) is cut and
aligned here instead, and handed to Textual as a finished `Text` that fits its cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from reader.layout import BidiMode, layout_paragraph

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Shaping:
    """How the display engine is asked to lay out text in this run of the app."""

    mode: BidiMode = BidiMode.APP
    harakat: str = "keep"


def shaped_line(
    text: str, width: int, shaping: Shaping, *, style: Style | str = "", align: bool = True
) -> Text:
    """`text` as one visual line of at most `width` cells, cut with an ellipsis where it ends.

    Right-to-left text stands flush right, and its ellipsis on the left, where it would continue.
    """
    width = max(0, width)
    if width == 0 or not text:
        return Text(" " * width, style=style, end="")
    lines = layout_paragraph(text, width, mode=shaping.mode, harakat=shaping.harakat)
    if len(lines) > 1 and width > 1:
        lines = layout_paragraph(text, width - 1, mode=shaping.mode, harakat=shaping.harakat)
        first = lines[0]
        cut = first.text.copy()
        cut = Text(ELLIPSIS) + cut if first.rtl else cut + Text(ELLIPSIS)
        line = Text(" " * max(0, width - first.cells - 1)) + cut if first.rtl else cut
        if not first.rtl:
            line.append(" " * max(0, width - first.cells - 1))
    else:
        first = lines[0]
        line = first.aligned(width) if align else first.text.copy()
    line.stylize(style)
    line.end = ""
    line.no_wrap = True
    line.overflow = "crop"
    return line
