"""A list of library hits: per hit its title, its section and a snippet with the matched words marked.

The search screen shows search results in it, and the entity screen the articles that mention an
entity (with their count of mentions and date). Every line is article text, so every line is laid
out by the display engine (`shaped_line`): shaped, in visual order and flush right for Arabic, in
app, terminal and kitty mode alike; nothing of it is read as markup.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.layout import StyleSpan, layout_paragraph
from reader.library import Hit
from reader.tui.shaped import ELLIPSIS, Shaping, shaped_line
from reader.tui.widgets.shaped_option_list import ShapedOptionList

_CONTEXT_WORDS = 3  # words kept before a mark that the snippet's first line would not show


def visible_snippet(
    snippet: str, marks: tuple[tuple[int, int], ...], width: int, shaping: Shaping
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet cut so that its first mark falls on its first line of `width` cells: the store
    gives a few words before the mark, more than a narrow window holds (one cell is kept for the
    ellipsis at the line's end)."""
    if width < 1:
        return snippet, marks
    snippet, marks = _first_line_room(snippet, marks, width)
    if not marks:
        return snippet, marks
    first = layout_paragraph(snippet, max(1, width - 1), mode=shaping.mode, harakat=shaping.harakat)[0]
    if marks[0][1] <= first.end:
        return snippet, marks
    cut = marks[0][0]
    for _ in range(_CONTEXT_WORDS):
        space = snippet.rfind(" ", 0, max(0, cut - 1))
        if space <= 0:
            break
        cut = space + 1
    lead = ELLIPSIS + " "
    shift = len(lead) - cut
    return _first_line_room(
        lead + snippet[cut:], tuple((start + shift, end + shift) for start, end in marks if start >= cut), width
    )


def _first_line_room(
    snippet: str, marks: tuple[tuple[int, int], ...], width: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet cut at a space after about two lines' worth of characters: one line is shown,
    and laying out the whole snippet (a few times, to cut it) cost a millisecond a hit."""
    room = 2 * width + 16  # a cell holds more than one character only with harakat and lam-alef
    if len(snippet) <= room:
        return snippet, marks
    end = snippet.find(" ", room)
    if end < 0:
        return snippet, marks
    return snippet[:end] + " " + ELLIPSIS, tuple(mark for mark in marks if mark[1] <= end)


def hit_date(hit: Hit) -> str:
    """When the article was published, else added, as a day (UTC: pages give their date so)."""
    when = hit.row.published if hit.row.published is not None else hit.row.added
    return time.strftime("%Y-%m-%d", time.gmtime(when))


@dataclass(frozen=True, slots=True)
class HitStyles:
    """The list's styles for a title, a section heading and a mark, read once on the UI thread."""

    title: Style
    section: Style
    mark: Style


@dataclass(frozen=True, slots=True)
class LaidOut:
    """Hits' lines at one width."""

    width: int
    texts: list[Text]


def lay_out(hits: list[Hit], width: int, shaping: Shaping, styles: HitStyles, *, counts: bool) -> LaidOut:
    """Every hit's lines at `width`: a pure function, so the screens run it in their search worker
    (20 hits take about 10 ms, too long for the UI thread between two keys)."""
    return LaidOut(width, [hit_text(hit, width, shaping, styles, counts=counts) for hit in hits])


def hit_text(hit: Hit, width: int, shaping: Shaping, styles: HitStyles, *, counts: bool) -> Text:
    """The lines of one hit at `width` cells: title, section (when it has a heading), snippet. A hit
    in the title is marked there, with no snippet under it; with `counts`, the title is followed by
    the count of mentions (the hit's score) and the date."""
    in_title = hit.section < 0
    title_marks = [StyleSpan(start, end, styles.mark) for start, end in hit.marks] if in_title else []
    lines: list[Text] = []
    if counts:
        tail = Text(f" ×{int(hit.score)} · {hit_date(hit)}", style="dim")
        room = max(1, width - tail.cell_len)
        lines.append(shaped_line(hit.row.title, room, shaping, style=styles.title, spans=title_marks) + tail)
    else:
        lines.append(shaped_line(hit.row.title, width, shaping, style=styles.title, spans=title_marks))
    if hit.heading:
        lines.append(shaped_line(hit.heading, width, shaping, style=styles.section))
    if not in_title:
        snippet, marks = visible_snippet(hit.snippet, hit.marks, width, shaping)
        spans = [StyleSpan(start, end, styles.mark) for start, end in marks]
        lines.append(shaped_line(snippet, width, shaping, spans=spans))
    text = Text("\n", end="").join(lines)
    text.no_wrap = True
    text.overflow = "crop"
    return text


class HitList(ShapedOptionList):
    """Choosing a hit (Enter or a click) asks the screen to open its article there."""

    DEFAULT_CSS = """
    HitList > .hit-list--mark {
        background: #ffd75f;
        color: #000000;
        text-style: bold;
    }
    HitList > .hit-list--title {
        text-style: bold;
    }
    HitList > .hit-list--section {
        text-style: dim;
    }
    App:nocolor HitList > .hit-list--mark {
        text-style: reverse bold;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"hit-list--mark", "hit-list--title", "hit-list--section"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open at the hit", id="results.open"),
        Binding("j", "cursor_down", "Down", id="results.down", show=False),
        Binding("k", "cursor_up", "Up", id="results.up", show=False),
    ]

    class Chosen(Message):
        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    def __init__(self, shaping: Shaping, *, counts: bool = False, id: str | None = None) -> None:
        """`counts`: show each hit's score as a count of mentions, and its date (the entity screen)."""
        super().__init__(shaping, id=id)
        self.counts = counts
        self.hits: list[Hit] = []
        self._laid_out: LaidOut | None = None

    def set_hits(self, hits: list[Hit], laid_out: LaidOut | None = None) -> None:
        """Show `hits`; `laid_out`: their lines, made off the UI thread for the width the list had."""
        self.hits = hits
        self._laid_out = laid_out
        self.entries_changed()
        if hits:
            self.highlighted = 0

    def layout_request(self) -> tuple[int, HitStyles]:
        """What laying hits out in a worker needs from the widget: its width and its styles."""
        return self.option_width, HitStyles(
            self.get_component_rich_style("hit-list--title", partial=True),
            self.get_component_rich_style("hit-list--section", partial=True),
            self.get_component_rich_style("hit-list--mark", partial=True),
        )

    @property
    def chosen_hit(self) -> Hit | None:
        """The hit under the cursor."""
        index = self.highlighted
        return self.hits[index] if index is not None and 0 <= index < len(self.hits) else None

    def build_options(self, width: int) -> None:
        highlighted = self.highlighted
        laid_out = self._laid_out
        if laid_out is None or laid_out.width != width or len(laid_out.texts) != len(self.hits):
            _, styles = self.layout_request()
            laid_out = lay_out(self.hits, width, self.shaping, styles, counts=self.counts)
        self._laid_out = None  # the next width lays out again
        self.clear_options()
        options: list[Option | None] = []
        for text in laid_out.texts:
            if options:
                options.append(None)  # a rule between two hits
            options.append(Option(text))
        self.add_options(options)  # at once: one by one, each would lay the list out again
        if self.hits:
            self.highlighted = min(highlighted or 0, len(self.hits) - 1)

    def hit_text(self, hit: Hit, width: int) -> Text:
        """One hit's lines as this list shows them at `width` cells."""
        _, styles = self.layout_request()
        return hit_text(hit, width, self.shaping, styles, counts=self.counts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.post_message(self.Chosen(self.hits[event.option_index]))
