"""The library's rows, built only for the lines on screen.

DataTable builds a row object for every article before it paints; at 100,000 articles that is
seconds. Here the list knows only how many rows there are (`total`) and asks its `fetch` for a
page of them when a line it has not seen is drawn (`render_line`), so the first paint costs the
same at 10 articles as at 100,000, and so does a key. Titles are laid out by `shaped_line`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library.records import ArticleRow
from reader.sources.files import display_name, shown
from reader.tui.shaped import Shaping, shaped_line

PAGE = 100  # rows fetched at a time
_PAGES_KEPT = 8  # pages cached: a few screens either side of the cursor
FIXED_COLUMNS = (("File", 24), ("Sections", 8), ("Entities", 8), ("Length", 11))
_GAP = 2  # cells between columns

Fetch = Callable[[int, int, int | None], list[ArticleRow]]  # (offset, limit, id of the row before) -> rows


def file_label(source: str) -> str:
    """What the File column shows: the file's name, or a page's address."""
    if "://" in source[:12]:
        return source
    return display_name(os.path.basename(source))


def failure(row: ArticleRow) -> str:
    """Why a row failed, without the file's name its error begins with (the File column shows it)."""
    error = row.error or "unreadable"
    return error.removeprefix(f"{shown(row.source)}: ")


class LibraryList(ScrollView, can_focus=True):
    """A header line and one line per row; the cursor row is highlighted, unread rows are bold."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "library-list--header",
        "library-list--cursor",
        "library-list--failed",
        "library-list--odd",
    }
    DEFAULT_CSS = """
    LibraryList {
        height: 1fr;
        overflow-x: hidden;
    }
    LibraryList > .library-list--header {
        text-style: bold;
        background: $panel;
    }
    LibraryList > .library-list--cursor {
        background: $block-cursor-blurred-background;
    }
    LibraryList:focus > .library-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    LibraryList > .library-list--failed {
        color: $text-error;
    }
    LibraryList > .library-list--odd {
        background: $surface-lighten-1 20%;
    }
    App:nocolor LibraryList > .library-list--cursor {
        text-style: reverse;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", id="library.cursor_down", show=False),
        Binding("up", "move(-1)", "Up", id="library.cursor_up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="library.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="library.page_up", show=False),
        Binding("home", "ends(-1)", "First", id="library.first", show=False),
        Binding("end", "ends(1)", "Last", id="library.last", show=False),
    ]

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Chosen(Message):
        """Enter or a click on the cursor's row: open it."""

        def __init__(self, row: ArticleRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, shaping: Shaping, *, title_last: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shaping = shaping
        self.title_last = title_last  # terminal mode: a shaping terminal may draw titles narrower
        self.total = 0
        self._fetch: Fetch = lambda _offset, _limit, _after: []
        self._pages: dict[int, list[ArticleRow]] = {}
        self._lines: dict[tuple[int, int, bool], Strip] = {}  # (row, width, cursor) -> line

    # --- data ----------------------------------------------------------------------------------

    def show_rows(self, total: int, fetch: Fetch, *, cursor: int | None = None) -> None:
        """Show `total` rows, read page by page through `fetch`; the cursor stays put unless given."""
        self.total = total
        self._fetch = fetch
        self._pages.clear()
        self._lines.clear()
        self.virtual_size = Size(self.size.width, total + 1)  # the header is line 0
        self.set_reactive(LibraryList.cursor, max(0, min(self.cursor if cursor is None else cursor, total - 1)))
        self.scroll_to_cursor()
        self.refresh()

    def row(self, index: int) -> ArticleRow | None:
        """Row `index` in the current order, fetching its page if needed."""
        if not 0 <= index < self.total:
            return None
        number = index // PAGE
        page = self._pages.get(number)
        if page is None:
            # Paging down, the page before is at hand: the store reads on from its last row
            # instead of counting its way to the offset.
            before = self._pages.get(number - 1)
            page = self._fetch(number * PAGE, PAGE, before[-1].id if before and len(before) == PAGE else None)
            if len(self._pages) >= _PAGES_KEPT:
                self._pages.pop(next(iter(self._pages)))
            self._pages[number] = page
        at = index - number * PAGE
        return page[at] if at < len(page) else None

    @property
    def current(self) -> ArticleRow | None:
        return self.row(self.cursor)

    def visible_rows(self) -> list[ArticleRow]:
        """The rows on screen now, top to bottom."""
        top = round(self.scroll_y)
        rows = (self.row(index) for index in range(top, min(self.total, top + max(0, self.size.height - 1))))
        return [row for row in rows if row is not None]

    # --- moving --------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_cursor()
        self.refresh()

    def scroll_to_cursor(self) -> None:
        """Keep the cursor's line on screen, below the header."""
        rows = max(1, self.size.height - 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def move_cursor(self, to: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, to))

    def action_move(self, rows: int) -> None:
        self.move_cursor(self.cursor + rows)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.size.height - 2)
        self.scroll_to(y=round(self.scroll_y) + direction * rows, animate=False, immediate=True)
        self.move_cursor(self.cursor + direction * rows)

    def action_ends(self, direction: int) -> None:
        self.move_cursor(self.total - 1 if direction > 0 else 0)

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(row))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y - 1
        if event.y < 1 or not 0 <= index < self.total:
            return
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.action_choose()
        else:
            self.cursor = index

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(event.size.width, self.total + 1)
        self.scroll_to_cursor()

    # --- drawing -------------------------------------------------------------------------------

    def _content_width(self) -> int:
        """The cells the rows have: the widget's, less a vertical scrollbar once it shows."""
        return self.scrollable_content_region.width or self.size.width

    def _widths(self) -> tuple[int, list[int]]:
        fixed = sum(width + _GAP for _, width in FIXED_COLUMNS)
        return max(10, self._content_width() - fixed - _GAP), [width for _, width in FIXED_COLUMNS]

    def _join(self, title: Text, cells: list[Text]) -> Text:
        gap = Text(" " * _GAP)
        line = Text(" ", end="")
        for cell in [*cells, title] if self.title_last else [title, *cells]:
            line.append_text(cell)
            line.append_text(gap)
        return line

    def _header(self) -> Text:
        title_width, widths = self._widths()
        title = Text("Title".rjust(title_width))
        cells = [
            Text(name.ljust(width) if name == "File" else name.rjust(width))
            for (name, _), width in zip(FIXED_COLUMNS, widths, strict=True)
        ]
        return self._join(title, cells)

    def _row_text(self, row: ArticleRow) -> Text:
        title_width, widths = self._widths()
        shaping = self.shaping
        file = shaped_line(file_label(row.source), widths[0], shaping, align=False)
        file.append(" " * (widths[0] - file.cell_len))  # flush left under its header, whatever its direction
        if row.failed:
            error = f"failed: {failure(row)}"
            title = shaped_line(
                error, title_width, shaping, style=self.get_component_rich_style("library-list--failed")
            )
            numbers = ["–", "–", "–"]
        else:
            title = shaped_line(row.title, title_width, shaping)
            numbers = [str(row.sections), str(row.entities), f"{row.words:,} words"]
        cells = [file, *(Text(text.rjust(width)) for text, width in zip(numbers, widths[1:], strict=True))]
        return self._join(title, cells)

    def render_line(self, y: int) -> Strip:
        width = self._content_width()
        if y == 0:
            style = self.get_component_rich_style("library-list--header")
            return self._strip(self._header(), width, style)
        index = round(self.scroll_y) + y - 1
        if index >= self.total:
            return Strip.blank(width, self.rich_style)
        on_cursor = index == self.cursor
        key = (index, width, on_cursor)
        line = self._lines.get(key)
        if line is None:
            row = self.row(index)
            if row is None:
                return Strip.blank(width, self.rich_style)
            style = self.rich_style
            if index % 2:
                style += self.get_component_rich_style("library-list--odd")
            if on_cursor:
                style += self.get_component_rich_style("library-list--cursor")
            if not row.read and not row.failed:
                style += Style(bold=True)
            line = self._strip(self._row_text(row), width, style)
            if len(self._lines) > 4 * max(1, self.size.height):
                self._lines.clear()
            self._lines[key] = line
        return line

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, style), text.cell_len).crop_extend(0, width, style)
