"""The library: one row per article; typing filters by title or file name; Enter opens the article."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Label, Static
from textual.worker import get_current_worker

from reader.arabic.normalize import fold
from reader.entities import article_entities
from reader.errors import ReaderError
from reader.layout import BidiMode
from reader.model import Article
from reader.sources.files import display_name
from reader.tui.screens.sized import SizedScreen
from reader.tui.shaped import shaped_line
from reader.tui.widgets.feed_update import FeedUpdate
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

_MOVE = Binding.Group("Move")
_FIXED_COLUMNS = (("File", 24), ("Sections", 8), ("Entities", 8), ("Length", 11))


@dataclass(slots=True)
class LibraryItem:
    """An article in the library, and the entity count once it is known."""

    article: Article
    key: str  # what its reading position is stored under
    entities: int | None = None
    complete: Callable[[], Article] | None = None  # the whole article, when `article` is a preview

    @property
    def file(self) -> str:
        return "standard input" if self.article.source == "-" else display_name(os.path.basename(self.article.source))

    @property
    def folded(self) -> str:
        """What the library filter matches: the title and the file name, folded for search."""
        return fold(f"{self.article.title}\n{self.file}")

    @property
    def words(self) -> int:
        return sum(len(p.text.split()) for s in self.article.sections for p in s.paragraphs)


class LibraryScreen(SizedScreen):
    CSS_PATH = "library.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_article", "Open", id="library.open", priority=True),
        Binding("j", "move(1)", "Down", id="library.down", group=_MOVE),
        Binding("k", "move(-1)", "Up", id="library.up", group=_MOVE),
        Binding("slash", "start_filter", "Filter", id="library.filter"),
        Binding("escape", "clear_filter", "Clear filter", id="library.clear_filter"),
        Binding("r", "reload", "Reload", id="library.reload"),
        Binding("q", "app.quit", "Quit", id="library.quit"),  # Esc clears or goes back, never quits
    ]
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "search.submit",
        "library.open",
        "library.clear_filter",
        "library.filter",
        "library.down",
        "library.up",
        "library.reload",
        "library.quit",
        "app.theme",
    )

    def __init__(self, items: list[LibraryItem]) -> None:
        super().__init__()
        self.items = items
        self.shown: list[int] = list(range(len(items)))
        self._title_width = 0

    @property
    def reader_app(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        yield Label(f"Library · {len(self.items)} articles", id="library-title")
        yield SearchBar("Filter: ", self.reader_app.shaping, id="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="articles")
        yield Static(id="library-status")
        yield FeedUpdate()
        yield KeyFooter()
        yield from super().compose()

    def footer_label(self, binding_id: str, description: str) -> str:
        """Enter in the filter opens the article it leaves at the cursor."""
        return "Open" if binding_id == "search.submit" else description

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        table = self.query_one(DataTable)
        table.focus()
        self._rebuild()
        self._count_entities()

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self._rebuild()

    @property
    def filter_text(self) -> str:
        return self.query_one(SearchBar).value

    def _rebuild(self) -> None:
        """Fill the table for the current width and filter; titles are laid out to their column."""
        table = self.query_one(DataTable)
        fixed = sum(width + 2 for _, width in _FIXED_COLUMNS)
        title_width = max(10, self.size.width - fixed - 4)
        cursor = table.cursor_row
        table.clear(columns=True)
        # A terminal that shapes may draw a row narrower than reader counts (mlterm draws each lam-alef
        # in one cell), which shifts whatever follows the title: in terminal mode the title comes last.
        title_last = self.reader_app.shaping.mode is BidiMode.TERMINAL
        # Titles stand flush right in their column (most are Arabic), and so does its header.
        title_column = (Text("Title", justify="right"), title_width, "title")
        columns = [
            (Text(name, justify="left" if name == "File" else "right"), width, name.lower())
            for name, width in _FIXED_COLUMNS
        ]
        for label, width, key in [*columns, title_column] if title_last else [title_column, *columns]:
            table.add_column(label, width=width, key=key)
        needle = fold(self.filter_text)
        self.shown = [i for i, item in enumerate(self.items) if needle in item.folded]
        for index in self.shown:
            item = self.items[index]
            title = shaped_line(item.article.title, title_width, self.reader_app.shaping)
            cells = [
                shaped_line(item.file, _FIXED_COLUMNS[0][1], self.reader_app.shaping, align=False),
                Text(str(len(item.article.sections)), justify="right"),
                Text("…" if item.entities is None else str(item.entities), justify="right"),
                Text(f"{item.words:,} words", justify="right"),
            ]
            table.add_row(*([*cells, title] if title_last else [title, *cells]), key=str(index))
        if self.shown:
            table.move_cursor(row=min(cursor, len(self.shown) - 1))
        status = self.query_one("#library-status", Static)
        if self.filter_text:
            status.update(Text(f" {len(self.shown)} of {len(self.items)} match the filter · Esc clears it"))
        else:
            status.update(Text(" Type to filter by title or file name · Enter opens · ? for help"))

    @work(thread=True, exclusive=True, group="library-entities")
    def _count_entities(self) -> None:
        """Entity counts, found off the UI thread so the list shows at once."""
        for item in self.items:
            if get_current_worker().is_cancelled:
                return
            if item.entities is None:
                item.entities = len({mention.entity.key for mention in article_entities(item.article)})
                self.app.call_from_thread(self._rebuild)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.filter_text) or self.query_one(SearchBar).has_focus
        return True

    def typing_target(self, event: events.Key) -> SearchBar | None:
        """Where typed text goes (see ReaderApp.on_event): the filter, which a printable key that
        no binding claims opens, so that typing filters by title."""
        bar = self.query_one(SearchBar)
        if bar.accepting:
            return bar
        if event.is_printable and event.character and event.key not in self.app.active_bindings:
            self.action_start_filter()
            return bar
        return None

    def on_key(self, event: events.Key) -> None:
        """Up and down move through the list while the filter has focus."""
        if self.query_one(SearchBar).has_focus and event.key in ("up", "down"):
            event.stop()
            self.action_move(1 if event.key == "down" else -1)

    def action_start_filter(self) -> None:
        self.query_one(SearchBar).open()
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        bar = self.query_one(SearchBar)
        bar.set_value("")
        bar.close()
        self.query_one(DataTable).focus()
        self.refresh_bindings()

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self._rebuild()

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.action_open_article()

    def on_screen_resume(self) -> None:
        """Back from an article: a filter still shown goes on taking typed text."""
        bar = self.query_one(SearchBar)
        if bar.display:
            bar.open()

    def action_reload(self) -> None:
        """Read the folders and files again: articles added, changed or removed since; and update
        the feeds followed, in the background."""
        self._update_feeds()
        if self.reader_app.reload_items is None:
            self.notify("Nothing to reload: the articles came from standard input")
            return
        self.query_one("#library-status", Static).update(Text(" Reloading…"))
        self._reload()

    @work(thread=True, exclusive=True, group="library-reload")
    def _reload(self) -> None:
        reload_items = self.reader_app.reload_items
        assert reload_items is not None
        try:
            items = reload_items()
        except ReaderError as error:
            self.app.call_from_thread(self.notify, f"Could not reload: {error}", severity="error")
            self.app.call_from_thread(self._rebuild)
            return
        self.app.call_from_thread(self._reloaded, items)

    def _reloaded(self, items: list[LibraryItem]) -> None:
        self.items = items
        self.reader_app.library_items = items
        self.query_one("#library-title", Label).update(f"Library · {len(items)} articles")
        self._rebuild()
        self._count_entities()
        self.notify(f"Reloaded: {len(items)} articles")

    def _update_feeds(self) -> None:
        from reader.library import Library, StoreError
        from reader.library.feeds import LibraryFeeds

        try:
            with Library() as library:
                if not LibraryFeeds(library).urls():
                    return
                path = library.path
        except StoreError as error:
            self.notify(f"Feeds not updated: {error}", severity="error")
            return
        if not self.query_one(FeedUpdate).start(path):
            self.notify("The feeds are being updated already")

    def on_feed_update_failed(self, event: FeedUpdate.Failed) -> None:
        self.notify(event.line, severity="warning")

    def on_feed_update_finished(self, event: FeedUpdate.Finished) -> None:
        if event.summary is not None:
            self.notify(f"Feeds updated: {event.summary.line()}")

    def action_move(self, rows: int) -> None:
        table = self.query_one(DataTable)
        if rows > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_article()

    def action_open_article(self) -> None:
        if not self.shown:
            return
        table = self.query_one(DataTable)
        item = self.items[self.shown[min(table.cursor_row, len(self.shown) - 1)]]
        self.reader_app.open_article(item, has_library=True)
