"""The reader's status row (where the reader is, what search and entities found, the section's heading)
and the byline of an article from the web."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.layout import BidiMode
from reader.terminal_rows import LRM
from reader.tui.shaped import Shaping, marks_in, shaped_line


class StatusLine(Widget):
    """One row of reactive fields: setting one redraws the row (toolong's LogFooter is the model).

    The screen sets the fields when what they show changes; only this widget formats them.
    """

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    section: reactive[int] = reactive(1)  # the section in view, from 1
    sections: reactive[int] = reactive(1)
    percent: reactive[int] = reactive(0)  # how far down the article the view is
    searching: reactive[bool] = reactive(False)  # a search is running
    hits: reactive[int | None] = reactive(None)  # hits of the search shown; None: no search
    hit: reactive[int] = reactive(0)  # the current hit, from 1; 0: none
    more_hits: reactive[bool] = reactive(False)  # the search stopped at its limit
    mentions: reactive[int | None] = reactive(None)  # mentions in the article; None: still finding them
    mention: reactive[int] = reactive(0)  # the current mention, from 1; 0: none
    noise: reactive[int | None] = reactive(None)  # noise lines shown; None: noise hidden
    heading: reactive[str] = reactive("")  # logical text: shaped here, to the room left

    def __init__(self, shaping: Shaping, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shaping = shaping

    def render(self) -> Text:
        # In terminal mode the terminal reorders the row as one paragraph: an LRM first makes it a
        # left-to-right one even where it takes the direction from the first letter (mlterm), so
        # `§1/6 0%` stays on the left and only the heading, at the end, reads right to left
        # (after a space: a terminal keeps a zero-width mark with the cell before it, and tmux drops
        # one that has none.)
        mark = LRM if self.shaping.mode is BidiMode.TERMINAL else ""
        parts = Text(end="")
        parts.append(f" {mark}§{self.section}/{self.sections}", style="bold")
        parts.append(f"  {self.percent}%")
        if self.searching:
            parts.append("  searching…", style="bold")
        elif self.hits is not None:
            parts.append(f"  search {self.hit}/{self.hits}{'+' if self.more_hits else ''}", style="bold")
        if self.mentions is None:
            parts.append("  finding entities…", style="dim")
        elif self.mention:
            parts.append(f"  mention {self.mention}/{self.mentions}")
        if self.noise is not None:
            parts.append(f"  noise shown ({self.noise})", style="dim")
        room = self.size.width - parts.cell_len - 2
        if room > 4 and self.heading:
            line = shaped_line(self.heading, room, self.shaping)
            if self.shaping.mark_cells:  # mlterm gives each mark a cell: the row's end holds them (kitty.whole_row)
                line = shaped_line(self.heading, room - marks_in(parts.plain + line.plain), self.shaping)
            return parts + Text("  ") + line
        return parts


class Byline(Widget):
    """`site · date · link` of an article from the web, above it: logical text shaped to the row's width."""

    DEFAULT_CSS = """
    Byline {
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, line: str, shaping: Shaping, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.line = line
        self.shaping = shaping

    def render(self) -> Text:
        return shaped_line(self.line, self.size.width, self.shaping)
