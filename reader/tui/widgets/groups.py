"""The group pane: the library's groups (all, files, web pages, each feed) with their unread counts.

Choosing a group (Enter or a click) asks the library to show only its articles. The counts come
from the store in a thread of their own (`load`): at 100,000 articles they take about a tenth of
a second, which the list of articles beside them need not wait for.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.library.records import ALL, Group, GroupRow
from reader.sanitize import neutralise
from reader.tui.shaped import Shaping, shaped_line
from reader.tui.widgets.shaped_option_list import ShapedOptionList

_CHOSEN = "▸"


def group_label(row: GroupRow) -> str:
    """A group's name as one line of plain text: a feed's title is the feed's to choose, so whatever
    it holds (escape sequences, bidi controls, line breaks, markup) is neutralised or shown as text."""
    return " ".join(neutralise(row.title).split()) or row.group.feed or "?"


def group_count(row: GroupRow) -> str:
    """Unread, then all: `3/40`."""
    return f"{row.unread}/{row.articles}"


class GroupPane(ShapedOptionList):
    """The groups, the chosen one marked; the counts are each group's unread articles and all of them."""

    DEFAULT_CSS = """
    GroupPane {
        width: 32;
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show group", id="groups.show"),
        Binding("j", "cursor_down", "Down", id="groups.down", show=False),
        Binding("k", "cursor_up", "Up", id="groups.up", show=False),
    ]

    class Chosen(Message):
        """The library should show `group`'s articles."""

        def __init__(self, group: Group) -> None:
            super().__init__()
            self.group = group

    class Loaded(Message):
        """The groups and counts were read from the store (or could not be: `error`)."""

        def __init__(self, rows: list[GroupRow], error: str | None = None) -> None:
            super().__init__()
            self.rows = rows
            self.error = error

    def __init__(self, shaping: Shaping, *, id: str | None = None) -> None:
        super().__init__(shaping, id=id)
        self.rows: list[GroupRow] = [GroupRow(ALL, "All", 0, 0)]
        self.chosen: Group = ALL

    def set_rows(self, rows: list[GroupRow]) -> None:
        """New groups or counts; a chosen group that is gone (a feed no longer followed) becomes All."""
        self.rows = rows or [GroupRow(ALL, "All", 0, 0)]
        if all(row.group != self.chosen for row in self.rows):
            self.choose(ALL)
        self.entries_changed()

    def choose(self, group: Group) -> None:
        """Mark `group` as the one shown, and say so."""
        if group != self.chosen:
            self.chosen = group
            self.entries_changed()
            self.post_message(self.Chosen(group))

    def build_options(self, width: int) -> None:
        highlighted = self.highlighted
        counts = [group_count(row) for row in self.rows]
        count_width = max(len(count) for count in counts)
        title_width = max(1, width - count_width - 3)
        self.clear_options()
        options = []
        for row, count in zip(self.rows, counts, strict=True):
            chosen = row.group == self.chosen
            line = Text(_CHOSEN if chosen else " ", style="bold")
            line.append(" ")
            line.append_text(shaped_line(group_label(row), title_width, self.shaping, style="bold" if chosen else ""))
            unread, total = count.split("/")
            line.append(" " * (count_width - len(count) + 1))
            line.append(unread, style="bold" if row.unread else "dim")
            line.append("/" + total, style="dim")
            options.append(Option(line))
        self.add_options(options)
        if self.rows:
            self.highlighted = min(highlighted or 0, len(self.rows) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.rows):
            self.choose(self.rows[event.option_index].group)

    def load(self, path: Path) -> None:
        """Read the groups and counts of the library at `path` in a thread (its own connection), then show them."""
        self._load(path)

    @work(thread=True, exclusive=True, group="groups")
    def _load(self, path: Path) -> None:
        from reader.library import Library
        from reader.library.feeds import LibraryFeeds

        try:
            with Library(path) as library:
                rows = LibraryFeeds(library).groups()
        except ReaderError as error:
            self.post_message(self.Loaded([], str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(rows))

    def on_group_pane_loaded(self, event: Loaded) -> None:
        if event.error is None:
            self.set_rows(event.rows)
        else:
            self.notify(f"Groups not counted: {event.error}", severity="warning")
