"""The library's rows, built only for the lines on screen.

DataTable builds a row object for every article before it paints; at 100,000 articles that is
seconds. Here the list knows only how many rows there are (`total`) and asks its `fetch` for a
page of them when a line it has not seen is drawn (`render_line`), so the first paint costs the
same at 10 articles as at 100,000, and so does a key. Titles are laid out by `shaped_line`.

Laying out a row (its title and file name shaped, cut and aligned) is most of a key's work: about
0.8 ms a row, 30 ms a screen. So lines are kept by what they show (the row as the store gave it,
the width and the line's style), not by where they stand: when the indexing writes new rows and
the list reads the store again, the rows on screen are found laid out already. And once a screen
is drawn, the screens below and above it are laid out in short slices while the person reads
(`_prefetch`), so that a page-down finds its lines ready.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.library.records import ArticleRow
from reader.sources.files import display_name, shown
from reader.tui.shaped import Shaping, marks_in, shaped_line

PAGE = 100  # rows fetched at a time
_PAGES_KEPT = 8  # pages cached: a few screens either side of the cursor
FIXED_COLUMNS = (("File", 24), ("Sections", 8), ("Entities", 8), ("Length", 11))
_TITLE_MIN = 10  # the fewest cells a title gets
_FILE_MIN = 8  # the fewest the file name gets, when a narrow window takes its cells for the title
_GAP = 2  # cells between columns
_LINES_KEPT = 1000  # laid-out lines kept (texts and strips each), the oldest dropped first
_PREFETCH_AFTER = 0.03  # seconds of quiet after a paint before laying out the screens around it
_PREFETCH_SLICE = 0.004  # seconds of laying out ahead before letting keys through again

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
        # Kept across reloads, by what they show: (row, content width) -> its text laid out, and
        # (row, content width, line style) -> its line.
        self._texts: dict[tuple[ArticleRow, int], Text] = {}
        self._lines: dict[tuple[ArticleRow, int, Style], Strip] = {}
        self._styles: _Styles | None = None  # the component styles of the current paint
        self._prefetch_timer: Timer | None = None
        if shaping.mark_cells:
            # mlterm draws a row's cells after its bidi marks one cell left per mark, so a scrollbar
            # after the titles would zigzag down the rows; the header line says how many rows there are.
            self.styles.scrollbar_size_vertical = 0

    # --- data ----------------------------------------------------------------------------------

    def show_rows(
        self, total: int, fetch: Fetch, *, cursor: int | None = None, first: list[ArticleRow] | None = None
    ) -> None:
        """Show `total` rows, read page by page through `fetch` (`first`: its first page, read
        already); the cursor stays put unless given. The pages read stay while `fetch` does (a
        filtered view's count come in: its rows are those read already)."""
        self.total = total
        if fetch is not self._fetch:
            self._pages.clear()  # the rows' lines stay: those still shown are drawn again at no cost
        self._fetch = fetch
        if first is not None:
            self._pages[0] = first
        self._set_height(total + 1)  # the header is line 0
        self.set_reactive(LibraryList.cursor, max(0, min(self.cursor if cursor is None else cursor, total - 1)))
        self.scroll_to_cursor()
        self.refresh()

    def _set_height(self, lines: int) -> None:
        """The scrollable height. Rows arriving while the folder is indexed change it each time
        the list reads the store again; as long as the scrollbar stays (or stays away), only the
        scrollbar is updated, as Textual does itself for a size found in layout: setting
        `virtual_size` lays the whole screen out again (20-50 ms, the footer's keys measured
        again), and a key pressed meanwhile waits for it."""
        size = Size(self.size.width, lines)
        height = self.size.height
        if self.virtual_size.width == size.width and (lines > height) == (self.virtual_size.height > height):
            self.set_reactive(LibraryList.virtual_size, size)
            self._scroll_update(size)  # private (Textual 8.2): what Widget._size_updated calls without layout
        else:
            self.virtual_size = size

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
        self.virtual_size = Size(event.size.width, self.total + 1)
        self.scroll_to_cursor()

    # --- drawing -------------------------------------------------------------------------------

    def _content_width(self) -> int:
        """The cells the rows have: the widget's, less a vertical scrollbar once it shows."""
        return self.scrollable_content_region.width or self.size.width

    def _widths(self, content: int) -> tuple[int, list[int]]:
        """The title's cells and the other columns', for `content` cells."""
        widths = [width for _, width in FIXED_COLUMNS]
        # Title last (terminal mode): the row's first cell (a space) counted too, so the whole gap
        # after the title stays on the row, room for the bidi marks mlterm gives a cell each.
        margin = 1 if self.title_last else 0
        title = content - sum(width + _GAP for width in widths) - _GAP - margin
        if title < _TITLE_MIN:
            # A narrow window (qterminal opens at 58 columns): the file name gives up cells before the
            # title does, else the row is wider than the window and loses its last column, which in
            # terminal mode is the title itself.
            widths[0] = max(_FILE_MIN, widths[0] - (_TITLE_MIN - title))
            title += FIXED_COLUMNS[0][1] - widths[0]
        return max(_TITLE_MIN, title), widths

    def _join(self, title: Text, cells: list[Text]) -> Text:
        gap = Text(" " * _GAP)
        line = Text(" ", end="")
        for cell in [*cells, title] if self.title_last else [title, *cells]:
            line.append_text(cell)
            line.append_text(gap)
        return line

    def _header(self, content: int) -> Text:
        title_width, widths = self._widths(content)
        title = Text("Title".rjust(title_width))
        cells = [
            Text(name.ljust(width) if name == "File" else name.rjust(width))
            for (name, _), width in zip(FIXED_COLUMNS, widths, strict=True)
        ]
        return self._join(title, cells)

    def _row_text(self, row: ArticleRow, content: int, failed_style: Style) -> Text:
        title_width, widths = self._widths(content)
        shaping = self.shaping
        # followed: the numbers after an Arabic name must not join its run when the terminal reorders the row
        file = shaped_line(file_label(row.source), widths[0], shaping, align=False, followed=True)
        file.append(" " * (widths[0] - file.cell_len))  # flush left under its header, whatever its direction
        if row.failed:
            title_text = f"failed: {failure(row)}"
            title_style = failed_style
            numbers = ["–", "–", "–"]
        else:
            title_text, title_style = row.title, Style()
            numbers = [str(row.sections), str(row.entities), f"{row.words:,} words"]
        # The title follows the numbers' left-to-right `words` (or a failure's Latin): no LRM before it.
        title = shaped_line(title_text, title_width, shaping, style=title_style, lead=False)
        if shaping.mark_cells:
            # mlterm gives each bidi mark a cell of the row: the gap after the title holds _GAP of
            # them, and a title beside an Arabic file name (six marks) stands that much narrower.
            over = marks_in(file.plain) + marks_in(title.plain) - _GAP
            if over > 0:
                title = shaped_line(title_text, max(1, title_width - over), shaping, style=title_style, lead=False)
        cells = [file, *(Text(text.rjust(width)) for text, width in zip(numbers, widths[1:], strict=True))]
        return self._join(title, cells)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw, with the styles looked up once for all the lines; then lay out ahead, a moment later."""
        styles = self._paint_styles()
        if self._styles is not None and self._styles.failed != styles.failed:
            self._texts.clear()  # a failed row's text carries its style (a new theme)
        self._styles = styles
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(_PREFETCH_AFTER, self._prefetch)
        return super().render_lines(crop)

    def _paint_styles(self) -> _Styles:
        return _Styles(
            base=self.rich_style,
            odd=self.get_component_rich_style("library-list--odd"),
            cursor=self.get_component_rich_style("library-list--cursor"),
            failed=self.get_component_rich_style("library-list--failed"),
            width=self._content_width(),
        )

    def render_line(self, y: int) -> Strip:
        styles = self._styles or self._paint_styles()
        width = styles.width
        if y == 0:
            style = self.get_component_rich_style("library-list--header")
            return self._strip(self._header(width), width, style)
        index = round(self.scroll_y) + y - 1
        row = self.row(index) if index < self.total else None
        if row is None:
            return Strip.blank(width, styles.base)
        return self._line(index, row, styles)

    def _line(self, index: int, row: ArticleRow, styles: _Styles) -> Strip:
        """Row `index`'s line, laid out now unless it was already."""
        style = styles.base
        if index % 2:
            style += styles.odd
        if index == self.cursor:
            style += styles.cursor
        if not row.read and not row.failed:
            style += _BOLD
        key = (row, styles.width, style)
        line = self._lines.get(key)
        if line is None:
            text = self._texts.get((row, styles.width))
            if text is None:
                text = _kept(self._texts, (row, styles.width), self._row_text(row, styles.width, styles.failed))
            line = _kept(self._lines, key, self._strip(text, styles.width, style))
        return line

    def _prefetch(self) -> None:
        """Lay out the screen below and the screen above while the person reads this one.

        A page-down then finds its lines made. The work goes in slices of a few milliseconds, so
        a key pressed meanwhile waits that long at most; rows come from the store as they would
        for drawing (a page read ahead is a page the key does not wait for)."""
        self._prefetch_timer = None
        styles = self._styles
        if styles is None or not self.total:
            return
        rows = max(1, self.size.height - 1)
        top = round(self.scroll_y)
        started = time.perf_counter()
        below = range(top + rows, min(self.total, top + 2 * rows))
        above = range(top - 1, max(-1, top - rows - 1), -1)
        for index in (*below, *above):
            if time.perf_counter() - started > _PREFETCH_SLICE:
                self._prefetch_timer = self.set_timer(0.001, self._prefetch)
                return
            row = self.row(index)
            if row is not None:
                self._line(index, row, styles)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, style), text.cell_len).crop_extend(0, width, style)


_BOLD = Style(bold=True)  # an unread row
_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


@dataclass(frozen=True, slots=True)
class _Styles:
    """What the lines of one paint are drawn with: the component styles and the content's width."""

    base: Style
    odd: Style
    cursor: Style
    failed: Style
    width: int


def _kept(cache: dict[_Key, _Value], key: _Key, value: _Value) -> _Value:
    """`value`, kept in `cache` under `key`; the oldest entry dropped when the cache is full."""
    if len(cache) >= _LINES_KEPT:
        del cache[next(iter(cache))]
    cache[key] = value
    return value
