"""An entity across the library: the other articles that mention it, newest first, each with its
count of mentions and its first mention; Enter opens one there, `l` shows them in the library.

The store keeps every mention with its key (tagged once, when the article was indexed), so this
is one query (reader.library.search.entity_hits), run in a worker with a connection of its own.
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
from reader.library.search import entity_hits
from reader.tui.screens.search import OpenHit
from reader.tui.screens.sized import SizedScreen
from reader.tui.shaped import Shaping, shaped_line
from reader.tui.widgets.hit_list import HitList, HitStyles, LaidOut, lay_out
from reader.tui.widgets.key_footer import KeyFooter

ARTICLES = 100  # the newest this many (each costs its snippet: about 2 ms on a long paragraph); l shows all
_MOVE = Binding.Group("Article")

FilterLibrary = Callable[[str, str], None]  # shows the library filtered by an entity: key, name


class EntityArticlesScreen(SizedScreen):
    """↓ ↑ (or j k) choose an article; Enter opens it at its first mention; l filters the library by
    the entity; Esc goes back."""

    CSS_PATH = "search.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next article", id="entity_articles.next", group=_MOVE, show=False),
        Binding("up", "move(-1)", "Previous article", id="entity_articles.previous", group=_MOVE, show=False),
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
        self.error: str | None = None

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
        """The articles and their lines, both off the UI thread."""
        try:
            with Library(self.library.path) as library:  # a connection of this thread's own
                hits = entity_hits(library, [self.entity_key], limit=ARTICLES + 1)
        except ReaderError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        hits = [hit for hit in hits if hit.row.source != self.exclude][:ARTICLES]
        laid_out = lay_out(hits, width, self.shaping, styles, counts=True)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, hits, laid_out)

    def _found(self, hits: list[Hit], laid_out: LaidOut) -> None:
        self.loaded = True
        self.results.set_hits(hits, laid_out)
        if not hits:
            line = " No other article mentions it · Esc goes back"
        else:
            count = f"{len(hits)} article{'s' if len(hits) > 1 else ''}"
            if len(hits) >= ARTICLES:
                count = f"the newest {ARTICLES} articles (l shows all of them)"
            line = f" {count}, newest first · Enter opens at the first mention · l shows them in the library"
        self.query_one("#entity-status", Static).update(Text(line))

    def _failed(self, message: str) -> None:
        self.loaded = True
        self.error = message
        self.query_one("#entity-status", Static).update(Text(f" Cannot list the articles: {message}"))

    def action_move(self, step: int) -> None:
        if step > 0:
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
