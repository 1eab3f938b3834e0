"""Library-wide search: a query box, the best articles for it with a snippet each, and Enter opens
one scrolled to its hit.

The query language is `reader search`'s (reader.library.query). Results follow the typing: a
search starts a moment after the last key, in a worker thread with a connection of its own, since
one takes tens of milliseconds on a large library (sqlite3 connections stay in their thread), and
a newer query makes an older one's results be dropped. A query that asks for nothing is one line
in the status row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.library import Hit, Library
from reader.library.search import ranked_among, search
from reader.tui.screens.sized import SizedScreen
from reader.tui.shaped import Shaping
from reader.tui.widgets.hit_list import HitList, HitStyles, LaidOut, lay_out
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.search_bar import SearchBar

RESULTS = 20  # the best this many articles at first, and as many more each time ↓ passes the last
_QUIET = 0.12  # seconds after the last key before searching: typing a word costs one search
_MOVE = Binding.Group("Result")
HINT = ' Words (all must match), "a phrase", -word (without it), prefix* · Esc goes back'

OpenHit = Callable[[Hit], None]  # opens a hit's article there, the hit highlighted


class LibrarySearchScreen(SizedScreen):
    """Typing searches; ↓ ↑ choose a result; Enter opens it at its hit; Esc goes back."""

    CSS_PATH = "search.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next result", id="library_search.next", group=_MOVE),
        Binding("up", "move(-1)", "Previous result", id="library_search.previous", group=_MOVE),
        Binding("escape", "back", "Back", id="library_search.back"),
    ]
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "search.submit",
        "results.open",
        "library_search.next",
        "library_search.previous",
        "library_search.back",
    )

    def __init__(self, library: Library, shaping: Shaping, open_hit: OpenHit) -> None:
        super().__init__()
        self.library = library
        self.shaping = shaping
        self.open_hit = open_hit
        self._timer: Timer | None = None
        self.shown_query: str | None = None  # the query whose results are shown
        self.searching = False
        self.error: str | None = None  # why the last query found nothing to look for
        self.limit = RESULTS  # how many results are asked for: more once ↓ passes the last
        self.among: int | None = None  # the results were ranked among this many newest matches (more match)
        # The query takes text from the start: keys typed right after the key that opened the
        # screen come before it is mounted (a person typing `/` and a word at once).
        self.bar = SearchBar("Search: ", shaping, id="library-query")
        self.bar.accepting = True

    def compose(self) -> ComposeResult:
        yield Static(Text("Search the library", style="bold"), id="search-title")
        yield self.bar
        yield HitList(self.shaping, id="results")
        yield Static(Text(HINT), id="search-status")
        yield KeyFooter()
        yield from super().compose()

    def footer_label(self, binding_id: str, description: str) -> str:
        return "Open" if binding_id == "search.submit" else description

    @property
    def results(self) -> HitList:
        return self.query_one(HitList)

    @property
    def query_text(self) -> str:
        return self.bar.value

    def on_mount(self) -> None:
        self.bar.open()
        if self.bar.value:  # typed before the screen was up
            self._start_search()

    def on_screen_resume(self) -> None:
        """Back from an article: the query box takes typed text again."""
        self.bar.open()

    def typing_target(self, event: events.Key) -> SearchBar | None:
        """Typed text always goes to the query (see ReaderApp.on_event)."""
        return self.bar if self.bar.accepting else None

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(_QUIET, self._start_search)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        """Enter opens the chosen result; before the results of what was typed are in, it searches now."""
        event.stop()
        self.bar.open()
        if self.shown_query == event.value and not self.searching:
            self.action_open()
        else:
            self._start_search()

    def _start_search(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.query_text
        self.limit = RESULTS
        if not query.strip():
            self.workers.cancel_group(self, "library-search")
            self._found(query, [])
            return
        self.searching = True
        self._show_status()
        self._search(query, self.limit)

    def _search(self, query: str, limit: int) -> None:
        width, styles = self.results.layout_request()
        self._search_in_worker(query, limit, width, styles)

    @work(thread=True, exclusive=True, group="library-search")
    def _search_in_worker(self, query: str, limit: int, width: int, styles: HitStyles) -> None:
        """The search and the results' lines, both off the UI thread."""
        try:
            with Library(self.library.path) as library:  # a connection of this thread's own
                hits = search(library, query, limit=limit)
                among = ranked_among(library, query, limit) if len(hits) >= limit else None
        except ReaderError as error:  # a query asking for nothing, or the store failing: one line
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._failed, query, str(error))
            return
        laid_out = lay_out(hits, width, self.shaping, styles, counts=False)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, query, hits, laid_out, among)

    def _found(self, query: str, hits: list[Hit], laid_out: LaidOut | None = None, among: int | None = None) -> None:
        if query != self.query_text:  # typed on meanwhile: its own search is coming
            return
        results = self.results
        more = query == self.shown_query and len(hits) > len(results.hits) > 0  # ↓ past the last asked for them
        cursor = len(results.hits) if more else 0
        self.searching = False
        self.error = None
        self.shown_query = query
        self.among = among
        results.set_hits(hits, laid_out)
        if hits:
            results.highlighted = min(cursor, len(hits) - 1)
        self._show_status()

    def _failed(self, query: str, message: str) -> None:
        if query != self.query_text:
            return
        self.searching = False
        self.error = message
        self.shown_query = query
        self.results.set_hits([])
        self._show_status()

    def _show_status(self) -> None:
        status = self.query_one("#search-status", Static)
        query = self.query_text
        count = len(self.results.hits)
        if self.searching:
            line = " Searching…"
        elif self.error is not None:
            line = f" Cannot search: {self.error}"
        elif not query.strip() or self.shown_query is None:
            line = HINT
        elif count == 0:
            line = " No article matches · Esc goes back"
        else:
            # more matches than were ranked: say which were (README, "Ranking")
            among = "" if self.among is None else f" of the newest {self.among:,} matches"
            best = (
                f"the best {count}{among} (↓ past the last shows more)"
                if count >= self.limit
                else f"{count} article{'s' if count > 1 else ''}"
            )
            line = f" {best} · Enter opens at the hit · Esc goes back"
        status.update(Text(line))

    def action_move(self, step: int) -> None:
        results = self.results
        last = len(results.hits) - 1
        if step > 0 and last >= 0 and results.highlighted == last and len(results.hits) >= self.limit:
            if not self.searching:  # the next results after the last one shown
                self.limit += RESULTS
                self.searching = True
                self._show_status()
                self._search(self.shown_query or "", self.limit)
        elif step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_open(self) -> None:
        hit = self.results.chosen_hit
        if hit is not None:
            self.open_hit(hit)

    def on_hit_list_chosen(self, event: HitList.Chosen) -> None:
        event.stop()
        self.open_hit(event.hit)

    def action_back(self) -> None:
        self.workers.cancel_group(self, "library-search")
        self.dismiss()
