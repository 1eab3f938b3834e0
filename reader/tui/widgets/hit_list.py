"""A list of library hits: per hit its title, its section and a snippet with the matched words marked.

The search screen shows search results in it, and the entity screen the articles that mention an
entity (with their count of mentions and date). Every line is article text, so every line is laid
out by the display engine (`shaped_line`): shaped, in visual order and flush right for Arabic, in
app, terminal and kitty mode alike; nothing of it is read as markup.
"""

from __future__ import annotations

import time
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
    if not marks or width < 1:
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
    return lead + snippet[cut:], tuple((start + shift, end + shift) for start, end in marks if start >= cut)


def hit_date(hit: Hit) -> str:
    """When the article was published, else added, as a day (local time)."""
    when = hit.row.published if hit.row.published is not None else hit.row.added
    return time.strftime("%Y-%m-%d", time.localtime(when))


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

    def set_hits(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.entries_changed()
        if hits:
            self.highlighted = 0

    @property
    def chosen_hit(self) -> Hit | None:
        """The hit under the cursor."""
        index = self.highlighted
        return self.hits[index] if index is not None and 0 <= index < len(self.hits) else None

    def build_options(self, width: int) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for number, hit in enumerate(self.hits):
            if number:
                self.add_option(None)  # a rule between two hits
            self.add_option(Option(self.hit_text(hit, width)))
        if self.hits:
            self.highlighted = min(highlighted or 0, len(self.hits) - 1)

    def hit_text(self, hit: Hit, width: int) -> Text:
        """The lines of one hit at `width` cells: title, section (when it has a heading), snippet.
        A hit in the title is marked there, with no snippet under it."""
        title_style = self.get_component_rich_style("hit-list--title", partial=True)
        mark_style: Style = self.get_component_rich_style("hit-list--mark", partial=True)
        in_title = hit.section < 0
        title_marks = [StyleSpan(start, end, mark_style) for start, end in hit.marks] if in_title else []
        lines: list[Text] = []
        if self.counts:
            tail = Text(f" ×{int(hit.score)} · {hit_date(hit)}", style="dim")
            room = max(1, width - tail.cell_len)
            lines.append(shaped_line(hit.row.title, room, self.shaping, style=title_style, spans=title_marks) + tail)
        else:
            lines.append(shaped_line(hit.row.title, width, self.shaping, style=title_style, spans=title_marks))
        if hit.heading:
            section_style = self.get_component_rich_style("hit-list--section", partial=True)
            lines.append(shaped_line(hit.heading, width, self.shaping, style=section_style))
        if not in_title:
            snippet, marks = visible_snippet(hit.snippet, hit.marks, width, self.shaping)
            spans = [StyleSpan(start, end, mark_style) for start, end in marks]
            lines.append(shaped_line(snippet, width, self.shaping, spans=spans))
        text = Text("\n", end="").join(lines)
        text.no_wrap = True
        text.overflow = "crop"
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.post_message(self.Chosen(self.hits[event.option_index]))
