"""An entity across the library: the other articles that mention it, newest first, each with its
count of mentions and its first mention; Enter opens one there, `l` shows them in the library.

The store keeps every mention with its key (tagged once, when the article was indexed): a worker
with a connection of its own finds all the articles in one query (reader.library.search.
entity_articles), then the hits of the first page (`entity_page`), and of each next page when ↓
passes the last (about 10 ms a page of 20 at 100,000 articles, whatever the entity).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.library import Hit, Library
from reader.library.search import entity_articles, entity_page
from reader.library.store import storable
from reader.tui.screens.search import OpenHit
from reader.tui.screens.sized import SizedScreen
from reader.tui.shaped import Shaping, shaped_line
from reader.tui.widgets.hit_list import HitList, HitStyles, LaidOut, lay_out
from reader.tui.widgets.key_footer import KeyFooter

PAGE = 50  # articles shown at first, and as many more each time ↓ passes the last
_MOVE = Binding.Group("Article")

FilterLibrary = Callable[[str, str], None]  # shows the library filtered by an entity: key, name


class EntityArticlesScreen(SizedScreen):
    """↓ ↑ (or j k) choose an article; Enter opens it at its first mention; l filters the library by
    the entity; Esc goes back."""

    CSS_PATH = "search.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: before the focused list's own ↓, which would wrap to the top past the last
        Binding("down", "move(1)", "Next article", id="entity_articles.next", group=_MOVE, show=False, priority=True),
        Binding(
            "up", "move(-1)", "Previous article", id="entity_articles.previous", group=_MOVE, show=False, priority=True
        ),
        Binding("l", "filter_library", "Show in the library", id="entity_articles.filter"),
        Binding("escape", "back", "Back", id="entity_articles.back"),
    ]
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "results.open",
        "entity_articles.filter",
        "entity_articles.back",
        "app.theme",
    )

    def __init__(
        self,
        library: Library,
        shaping: Shaping,
        open_hit: OpenHit,
        *,
        key: str,
        name: str,
        exclude: str | None = None,
        filter_library: FilterLibrary | None = None,
    ) -> None:
        """`exclude`: the source of the article it was asked from, which is not listed."""
        super().__init__()
        self.library = library
        self.shaping = shaping
        self.open_hit = open_hit
        self.entity_key = key
        self.entity_name = name
        self.exclude = exclude
        self.filter_library = filter_library
        self.loaded = False
        self.loading = False  # a next page is on its way
        self.error: str | None = None
        self.articles: list[tuple[int, int]] = []  # every article to list: (id, mentions), newest first
        self._laid_out: LaidOut | None = None  # the lines of the hits shown, to add a page's to

    def compose(self) -> ComposeResult:
        yield Static(id="entity-title")
        yield HitList(self.shaping, counts=True, id="entity-hits")
        yield Static(Text(" Finding the articles…"), id="entity-status")
        yield KeyFooter()
        yield from super().compose()

    @property
    def results(self) -> HitList:
        return self.query_one(HitList)

    def on_mount(self) -> None:
        self.results.focus()
        self._show_title()
        width, styles = self.results.layout_request()
        self._find(width, styles)

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self._show_title()

    def _show_title(self) -> None:
        lead = Text("Other articles that mention ", style="bold")
        room = max(1, self.size.width - lead.cell_len - 2)
        self.query_one("#entity-title", Static).update(
            lead + shaped_line(self.entity_name, room, self.shaping, align=False)
        )

    @work(thread=True, exclusive=True, group="entity-articles")
    def _find(self, width: int, styles: HitStyles) -> None:
        """All the articles, then the first page's hits and lines, off the UI thread."""
        try:
            with Library(self.library.path) as library:  # a connection of this thread's own
                left_out = set()
                if self.exclude is not None:
                    found = library.execute("SELECT id FROM articles WHERE source = ?", [storable(self.exclude)])
                    left_out = {int(article_id) for (article_id,) in found}
                articles = [item for item in entity_articles(library, [self.entity_key]) if item[0] not in left_out]
                hits = entity_page(library, [self.entity_key], articles[:PAGE])
        except ReaderError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        laid_out = lay_out(hits, width, self.shaping, styles, counts=True)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, articles, hits, laid_out)

    @work(thread=True, exclusive=True, group="entity-articles")
    def _find_more(self, shown: int, width: int, styles: HitStyles) -> None:
        """The next page's hits and lines, after the `shown` first articles."""
        try:
            with Library(self.library.path) as library:
                hits = entity_page(library, [self.entity_key], self.articles[shown : shown + PAGE])
        except ReaderError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        laid_out = lay_out(hits, width, self.shaping, styles, counts=True)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found_more, shown, hits, laid_out)

    def _found(self, articles: list[tuple[int, int]], hits: list[Hit], laid_out: LaidOut) -> None:
        self.loaded = True
        self.articles = articles
        self._laid_out = laid_out
        self.results.set_hits(hits, laid_out)
        self._show_status()

    def _found_more(self, shown: int, hits: list[Hit], laid_out: LaidOut) -> None:
        self.loading = False
        results = self.results
        if shown != len(results.hits) or not hits:
            return
        earlier = self._laid_out
        if earlier is None or earlier.width != laid_out.width:
            self._laid_out = None
            results.set_hits(results.hits + hits)  # the width changed meanwhile: the list lays them out
        else:
            self._laid_out = LaidOut(laid_out.width, earlier.texts + laid_out.texts)
            results.set_hits(results.hits + hits, self._laid_out)
        results.highlighted = shown
        self._show_status()

    def _show_status(self) -> None:
        total = len(self.articles)
        if not total:
            line = " No other article mentions it · Esc goes back"
        else:
            count = f"{total} article{'s' if total > 1 else ''}"
            shown = len(self.results.hits)
            if shown < total:
                count += f" ({shown} shown, ↓ past the last shows more)"
            line = f" {count}, newest first · Enter opens at the first mention · l shows them in the library"
        self.query_one("#entity-status", Static).update(Text(line))

    def _failed(self, message: str) -> None:
        self.loaded = True
        self.error = message
        self.query_one("#entity-status", Static).update(Text(f" Cannot list the articles: {message}"))

    def action_move(self, step: int) -> None:
        results = self.results
        last = len(results.hits) - 1
        if step > 0 and last >= 0 and results.highlighted == last and len(results.hits) < len(self.articles):
            if not self.loading:
                self.loading = True
                width, styles = results.layout_request()
                self._find_more(len(results.hits), width, styles)
        elif step > 0:
            self.results.action_cursor_down()
        else:
            self.results.action_cursor_up()

    def on_hit_list_chosen(self, event: HitList.Chosen) -> None:
        event.stop()
        self.open_hit(event.hit)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter_library":
            return self.filter_library is not None
        return True

    def action_filter_library(self) -> None:
        if self.filter_library is not None:
            self.filter_library(self.entity_key, self.entity_name)

    def action_back(self) -> None:
        self.dismiss()
