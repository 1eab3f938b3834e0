"""Visual text for pipes (`reader cat --visual`): lines wrapped, shaped, reordered and aligned.

For `less -R` or a terminal that does no bidi: each line is already in display order, and
right-to-left lines are padded on the left so they end at the last column. In TERMINAL mode
the lines are wrapped but stay logical, for a terminal that shapes and reorders them itself.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any, Literal

from reader.flow import blocks_text
from reader.layout import BidiMode, display_lines, layout_paragraph, paragraph_is_rtl, sanitised
from reader.model import Article
from reader.writers.plain import plain_line

DEFAULT_WIDTH = 80


@dataclass(frozen=True, slots=True)
class VisualOptions:
    """How `reader cat --visual` lays lines out: width in cells, who reorders, harakat kept or not."""

    width: int
    mode: BidiMode = BidiMode.APP
    harakat: Literal["keep", "strip"] = "keep"


def terminal_width(stream: Any) -> int:
    """The width of the terminal `stream` writes to, else 80 (a pipe, a file)."""
    try:
        if stream.isatty():
            return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    except (AttributeError, ValueError):
        pass
    return DEFAULT_WIDTH


def visual_block(text: str, options: VisualOptions) -> str:
    """One paragraph (or title, or heading) as aligned display lines, without a final newline.

    The lines are `layout_paragraph`'s, taken from `display_lines` below it: a Rich `Text` per line
    would cost about a third of the time of `reader cat --visual` and carries no styles here.
    """
    text, _offsets = sanitised(text)
    rtl = paragraph_is_rtl(text)
    lines = display_lines(text, options.width, rtl=rtl, mode=options.mode, harakat=options.harakat)
    if not rtl or options.mode is BidiMode.TERMINAL:
        return "\n".join([visual for visual, _cells in lines])
    width = options.width
    return "\n".join([" " * (width - cells) + visual for visual, cells in lines])


def visual_text(article: Article, options: VisualOptions, with_noise: bool = False) -> str:
    """The article as `plain_text` lays it out (title, blank-line separated blocks), in display lines."""
    return blocks_text(
        visual_block(article.title, options), article, with_noise, lambda item: visual_block(plain_line(item), options)
    )


def paragraph_lines(text: str, options: VisualOptions) -> list[dict[str, str]]:
    """For JSON: each wrapped line of a paragraph, logical and as displayed (unpadded)."""
    return [
        {"logical": text[line.start : line.end], "visual": line.text.plain}
        for line in layout_paragraph(text, options.width, mode=options.mode, harakat=options.harakat)
    ]
