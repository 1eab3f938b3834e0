"""Visual text for pipes (`reader cat --visual`): lines wrapped, shaped, reordered and aligned.

For `less -R` or a terminal that does no bidi: each line is already in display order, and
right-to-left lines are padded on the left so they end at the last column. In TERMINAL mode
the lines are wrapped but stay logical, for a terminal that shapes and reorders them itself; in
Konsole, which reorders each row as a left-to-right paragraph and draws brackets as sent, a
right-to-left line goes out as the app's article lines do: flush right, held, brackets mirrored.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from reader.flow import FlowItem, blocks_pieces, blocks_text, flow, stream_flow
from reader.layout import BidiMode, display_blocks, layout_paragraph, paragraph_is_rtl, sanitised
from reader.model import Article
from reader.structure import ArticleStream
from reader.terminal_rows import in_row, left_to_right_row
from reader.types import Harakat
from reader.writers.plain import plain_line

DEFAULT_WIDTH = 80


@dataclass(frozen=True, slots=True)
class VisualOptions:
    """How `reader cat --visual` lays lines out: width in cells, who reorders, harakat kept or not."""

    width: int
    mode: BidiMode = BidiMode.APP
    harakat: Harakat = "keep"
    # how each display line is sent: kitty's or Konsole's runs turned (`Output.send_line`); None: as laid out
    send: Callable[[str], str] | None = None
    # TERMINAL mode in a terminal that draws each character as sent (Konsole, `Output.draws_as_sent`):
    # right-to-left lines go out as the app's article lines do (`reader.terminal_rows.left_to_right_row`)
    draws_as_sent: bool = False
    # TERMINAL mode in a terminal that gives each bidi mark a cell (mlterm, `marks_take_cells`): a table
    # cell's marks are counted in its width, so the columns after it line up
    mark_cells: bool = False


def terminal_width(stream: Any) -> int:
    """The width of the terminal `stream` writes to, else 80 (a pipe, a file)."""
    try:
        if stream.isatty():
            return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    except (AttributeError, ValueError):
        pass
    return DEFAULT_WIDTH


def visual_blocks(texts: list[str], options: VisualOptions) -> list[str]:
    """Each text as aligned display lines, laid out together (`display_blocks` shapes them in one pass).

    The lines are `layout_paragraph`'s, taken from `display_blocks` below it: a Rich `Text` per line
    would cost about a third of the time of `reader cat --visual` and carries no styles here.
    """
    whole = "".join(texts)
    # A loaded article is clean already: one search over all of it rather than one per block
    clean = texts if sanitised(whole)[0] is whole else [sanitised(text)[0] for text in texts]
    laid = display_blocks(clean, options.width, mode=options.mode, harakat=options.harakat)
    width = options.width
    blocks = []
    for text, lines in zip(clean, laid, strict=True):
        if options.draws_as_sent and paragraph_is_rtl(text):
            blocks.append(
                "\n".join([left_to_right_row(visual, cells, width, draws_as_sent=True) for visual, cells in lines])
            )
        elif options.mode is BidiMode.TERMINAL or not paragraph_is_rtl(text):
            blocks.append("\n".join([visual for visual, _cells in lines]))
        else:
            blocks.append("\n".join([" " * (width - cells) + visual for visual, cells in lines]))
    if options.send is not None:
        send = options.send
        blocks = ["\n".join(map(send, block.split("\n"))) for block in blocks]
    return blocks


def visual_cell(text: str, options: VisualOptions) -> tuple[str, int]:
    """One table cell (an entity's name) as displayed on one line, and its width in cells.

    In TERMINAL mode the text stays logical, for the terminal to shape and reorder, and right-to-left
    text is held in its row as the app's pane entries are (`reader.terminal_rows.in_row`).
    """
    clean = sanitised(text)[0].replace("\n", " ")
    width = 2 * len(clean) + 2  # wider than any line of it: one line
    visual, cells = display_blocks([clean], width, mode=options.mode, harakat=options.harakat)[0][0]
    if options.mode is BidiMode.TERMINAL:
        if not paragraph_is_rtl(clean):
            return clean, cells
        sent = in_row(clean, draws_as_sent=options.draws_as_sent)
        return sent, cells + (len(sent) - len(clean) if options.mark_cells else 0)
    return (options.send(visual) if options.send else visual), cells


def visual_text(article: Article, options: VisualOptions, with_noise: bool = False) -> str:
    """The article as `plain_text` lays it out (title, blank-line separated blocks), in display lines.

    Every block is laid out first, in one batch (`visual_blocks`).
    """
    items = list(flow(article, with_noise))
    title, *blocks = visual_blocks([article.title, *map(plain_line, items)], options)
    return blocks_text(title, zip(items, blocks, strict=True))


# Blocks laid out in one batch by `visual_pieces`: large enough that batching keeps its speed,
# small enough that the first lines come at once.
_BATCH = 256


def visual_pieces(article: ArticleStream, options: VisualOptions, with_noise: bool = False) -> Iterator[str]:
    """`visual_text` of an article as it is read, a batch of blocks at a time: the pieces join to
    the same text (each block's lines are its own, whatever batch it is laid out in)."""
    title = visual_blocks([article.title], options)[0]
    return blocks_pieces(title, _laid_out(stream_flow(article.parts, with_noise), options))


def _laid_out(items: Iterator[FlowItem], options: VisualOptions) -> Iterator[tuple[FlowItem, str]]:
    while batch := list(itertools.islice(items, _BATCH)):
        yield from zip(batch, visual_blocks(list(map(plain_line, batch)), options), strict=True)


def paragraph_lines(text: str, options: VisualOptions) -> list[dict[str, str]]:
    """For JSON: each wrapped line of a paragraph, logical and as displayed (unpadded)."""
    return [
        {"logical": text[line.start : line.end], "visual": line.text.plain}
        for line in layout_paragraph(text, options.width, mode=options.mode, harakat=options.harakat)
    ]
