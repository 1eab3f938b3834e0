"""The library: the store's articles, a row each, read a page at a time; typing filters by title.

What is stored shows at once, whatever the library's size (`LibraryList` builds only the lines on
screen). The folders and files the app was given are indexed in the background meanwhile
(`reader.library.indexer`, worker processes on every core): a progress bar shows how far it is,
and new rows appear as each batch is written. A file that cannot be read is a failed row with its
one-line error; it never stops the rest.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar, Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.layout import BidiMode
from reader.library import Library
from reader.library.background import BackgroundIndex, IndexRequest
from reader.library.records import ALL, ORDERS, ArticleRow, Group, Order
from reader.library.store import GaveUp
from reader.tui.screens.sized import SizedScreen
from reader.tui.shaped import shaped_line
from reader.tui.widgets.feed_update import FeedUpdate
from reader.tui.widgets.groups import GroupPane
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.library_list import PAGE, Fetch, LibraryList
from reader.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

_MOVE = Binding.Group("Move")
_POLL = 0.1  # seconds between looks at the background indexing's progress
# Rows written by the indexing wait for a pause in the keys, this long, before the list reads them
# again (a reload is a count and a page of the store: a key pressed meanwhile would wait for it);
# but never longer than _STALE_AT_MOST, for someone holding a key down.
_QUIET = 0.3
_STALE_AT_MOST = 2.0
# How long the UI thread looks for a filtered view's first page before a thread does it: a common
# word's page is found in a millisecond or two; a rare one's takes a read of nearly every title.
_AT_ONCE = 0.008

ORDER_NAMES: dict[Order, str] = {
    "added": "date added",
    "published": "date published",
    "title": "title",
    "length": "length",
    "entities": "entities",
}
# Each order's first direction: oldest first for dates (rows appear at the end while a folder is
# indexed, so the cursor stays on its article), A to Z, then the longest and the most named first.
_DESCENDING: dict[Order, bool] = {"added": False, "published": True, "title": False, "length": True, "entities": True}


@dataclass(frozen=True, slots=True)
class View:
    """Which rows the list shows, in which order: the store's filters, as the screen asks for them.

    `under` keeps the rows to the folders and files the app was opened with; `group` to one group
    of the group pane (a feed, the files, the web pages). `entity` keeps the articles that mention
    the entity with that key (`entity_name` is how it is shown).
    """

    order: Order = "added"
    descending: bool = False
    title: str = ""
    unread_only: bool = False
    under: tuple[str, ...] = ()
    entity: str | None = None
    entity_name: str = ""
    group: Group = ALL

    @property
    def filtered(self) -> bool:
        """Whether the view shows fewer rows than the library's scope holds."""
        return bool(self.title) or self.unread_only or self.entity is not None or self.group != ALL

    def count(self, library: Library) -> int:
        return library.count(
            title=self.title, unread_only=self.unread_only, entity=self.entity, group=self.group, under=self.under
        )

    def rows(self, library: Library, offset: int, limit: int, after: int | None = None) -> list[ArticleRow]:
        return library.rows(
            order=self.order,
            descending=self.descending,
            offset=offset,
            limit=limit,
            after=after,
            title=self.title,
            unread_only=self.unread_only,
            entity=self.entity,
            group=self.group,
            under=self.under,
        )

    def rank(self, library: Library, article_id: int) -> int | None:
        return library.rank(
            article_id,
            order=self.order,
            descending=self.descending,
            title=self.title,
            unread_only=self.unread_only,
            entity=self.entity,
            group=self.group,
            under=self.under,
        )


SEPARATOR = " · "


def fitted_hint(pieces: Sequence[str], width: int) -> str:
    """The library's status line in `width` cells: its `pieces` joined by SEPARATOR after a space,
    as many as fit, never one cut in the middle (qterminal opens at 58 columns, where the whole hint
    was cut to `? for h`). The first (what the list shows) always stands, cut with an ellipsis only
    if it alone is too wide; the last (the pointer to help) is kept before those between it, which
    follow in order while there is room. The pieces keep their order."""
    if cell_len(" " + pieces[0]) > width:
        return " " + pieces[0][: max(0, width - 2)] + "…" if width > 1 else ""
    kept = {0}
    used = cell_len(" " + pieces[0])
    later = list(range(1, len(pieces)))
    for index in later[-1:] + later[:-1]:
        cells = cell_len(SEPARATOR + pieces[index])
        if used + cells <= width:
            kept.add(index)
            used += cells
    return " " + SEPARATOR.join(piece for index, piece in enumerate(pieces) if index in kept)


class LibraryScreen(SizedScreen):
    CSS_PATH = "library.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_article", "Open", id="library.open", priority=True),
        Binding("j", "move(1)", "Down", id="library.down", group=_MOVE),
        Binding("k", "move(-1)", "Up", id="library.up", group=_MOVE),
        Binding("slash", "app.search_library", "Search the library", id="library.search", priority=True),
        Binding("ctrl+f", "start_filter", "Filter by title", id="library.filter"),
        Binding("escape", "clear_filter", "Clear filter", id="library.clear_filter"),
        Binding("s", "cycle_order", "Sort", id="library.sort"),
        Binding("S", "reverse_order", "Reverse sort", id="library.reverse"),
        Binding("m", "toggle_read", "Read/unread", id="library.toggle_read"),
        Binding("u", "toggle_unread_only", "Only unread", id="library.unread_only"),
        Binding("r", "refresh", "Refresh", id="library.reload"),
        Binding("q", "app.quit", "Quit", id="library.quit"),  # Esc clears or goes back, never quits
    ]
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "search.submit",
        "library.open",
        "library.clear_filter",
        "library.search",
        "library.down",
        "library.up",
        "library.sort",
        "library.reload",
        "library.quit",
        "library.unread_only",
        "library.toggle_read",
        "app.theme",
    )

    def __init__(self, library: Library, *, under: Sequence[str] = (), index: Sequence[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.view = View(under=tuple(under))
        self.index_paths = tuple(index)  # indexed in the background on mount and on r
        self.indexing: BackgroundIndex | None = None
        self._total: int | None = 0  # rows in the library's scope, unfiltered; None until counted
        # The last count of each scope too large to count at once (a big folder of a larger
        # library): shown while it is counted again in a thread at each reload
        self._large_scopes: dict[tuple[str, ...], int | None] = {}
        self._said = ""  # what the last indexing did, in the status line until the next one
        self._groups_counted = -1.0  # when the group pane's counts were last asked for (monotonic)
        self._stale_since: float | None = None  # when rows were written that the list has not read (monotonic)
        self._progress_width = -1  # the progress label's characters
        self._counting = False  # a filtered view's rows being counted in a thread
        self._finding = False  # a filtered view's first page being looked for in a thread

    @property
    def reader_app(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    @property
    def rows(self) -> LibraryList:
        return self.query_one(LibraryList)

    def compose(self) -> ComposeResult:
        yield Label("Library", id="library-title")
        yield SearchBar("Filter: ", self.reader_app.shaping, id="filter")
        with Horizontal(id="library-body"):
            yield GroupPane(self.reader_app.shaping, id="groups")
            with Vertical(id="library-main"):
                yield LibraryList(
                    self.reader_app.shaping, title_last=self.reader_app.shaping.mode is BidiMode.TERMINAL, id="articles"
                )
        with Horizontal(id="library-progress"):
            yield Static(id="progress-label")
            yield ProgressBar(id="progress-bar", show_eta=False)
        yield Static(id="library-status")
        yield FeedUpdate()
        yield KeyFooter()
        yield from super().compose()

    def footer_label(self, binding_id: str, description: str) -> str:
        """Enter in the filter opens the article it leaves at the cursor."""
        return "Open" if binding_id == "search.submit" else description

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        self.query_one("#library-progress").display = False
        self.query_one(GroupPane).display = False  # until the library holds more than files
        self.rows.focus()
        self.reload()
        self.set_interval(_POLL, self._poll_indexing)
        if self.index_paths:
            self.start_indexing()

    # --- the rows ------------------------------------------------------------------------------

    def reload(self, *, cursor: int | None = None) -> None:
        """Read the rows' count again and redraw: only the page on screen is fetched.

        A filtered view's rows are counted by reading them all (the title filter looks inside
        every title: 265 ms at 100,000 articles), so its first page is shown at once, as many
        rows as that page holds, and the count is made in a thread; the list takes it when it
        comes, unless the view changed meanwhile (each letter typed in the filter is a view).
        A rare title's first page takes as long as the count (few titles hold it, so nearly all
        are read to find them): the UI thread gives up on it after _AT_ONCE, and the thread
        finds that page too, the list empty and the status saying so until it comes.

        So with the scope's count, which is one row of the store's tally for the whole library,
        but a count of every article for a folder of a larger one (27 ms for 100,000): once the UI
        thread gives up on it, that folder is counted in the thread at each reload, its last
        count shown meanwhile (at first, its first page's: "100+ articles")."""
        view = self.view
        self._stale_since = None

        def fetch(offset: int, limit: int, after: int | None) -> list[ArticleRow]:
            return view.rows(self.library, offset, limit, after)

        deadline = time.perf_counter() + _AT_ONCE
        recount = view.under in self._large_scopes  # counted in the thread, as before
        scope = self._large_scopes.get(view.under)
        try:
            if not recount:
                scope, recount = self._count_at_once(view, deadline)
            with self.library.giving_up(lambda: time.perf_counter() > deadline):
                first: list[ArticleRow] | None = fetch(0, PAGE, None) if view.filtered else []
            if scope is None and not view.filtered:  # its first page stands for it until it is counted
                first = fetch(0, PAGE, None)  # its order's index, read a page's worth
        except GaveUp:
            first = None
        except ReaderError as error:
            self.notify(str(error), severity="error")
            return
        self._total = scope
        if first is None:
            self._finding, self._counting = True, False
            self.rows.show_rows(0, fetch, cursor=cursor)
            self._find_rows(view, fetch, cursor, scope=recount, first_page=True, count=True)
        else:
            self._finding = False
            by_page = view.filtered or scope is None  # the rows shown are the first page's, until counted
            self._counting = by_page and len(first) == PAGE  # more than the first page: count them
            if scope is None and not self._counting:
                self._total = scope = len(first)
            total = len(first) if by_page else scope
            assert total is not None
            self.rows.show_rows(total, fetch, cursor=cursor, first=first if by_page else None)
            if self._counting or recount:
                self._find_rows(
                    view, fetch, None, scope=recount, first_page=False, count=self._counting and view.filtered
                )
        self._update_status()
        self._count_groups()

    def _count_at_once(self, view: View, deadline: float) -> tuple[int | None, bool]:
        """The rows in the view's scope, if the UI thread can count them before `deadline`, and
        whether they are left to the thread: the whole library's are one row of its tally, a
        folder's are counted one by one (27 ms for 100,000), which the UI thread gives up on."""
        try:
            with self.library.giving_up(lambda: time.perf_counter() > deadline):
                return self.library.count(under=view.under), False
        except GaveUp:
            self._large_scopes[view.under] = None
            return None, True

    @work(thread=True, exclusive=True, group="count")
    def _find_rows(
        self, view: View, fetch: Fetch, cursor: int | None, *, scope: bool, first_page: bool, count: bool
    ) -> None:
        """The scope's count (`scope`: a large folder's), a filtered view's first page
        (`first_page`), then (`count`), if that page is full, the count of its rows, through a
        connection of this thread's own (SQLite gives up the interpreter's lock while it reads:
        keys are answered meanwhile). A view left meanwhile (another letter typed) stops its
        query at once, so that no thread goes on reading for an answer nobody wants."""
        worker = get_current_worker()
        try:
            with Library(self.library.path) as library, library.giving_up(lambda: worker.is_cancelled):
                if scope:
                    in_scope = library.count(under=view.under)
                    self.app.call_from_thread(self._scope_counted, view, fetch, in_scope)
                if first_page:
                    first = view.rows(library, 0, PAGE)
                    self.app.call_from_thread(self._rows_found, view, fetch, first, cursor)
                    if len(first) < PAGE:
                        return
                if not count:
                    return
                total = view.count(library)
        except GaveUp:
            return
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._rows_counted, view, fetch, total)

    def _scope_counted(self, view: View, fetch: Fetch, total: int) -> None:
        """A large folder's count, from the thread: kept for the next reloads, and shown (as the
        list's length too, when no filter narrows it) unless the view changed meanwhile."""
        self._large_scopes[view.under] = total
        if view.under != self.view.under:
            return
        self._total = total
        if view == self.view and not view.filtered:
            self._counting = False
            self.rows.show_rows(total, fetch)
        self._update_status()

    def _rows_found(self, view: View, fetch: Fetch, first: list[ArticleRow], cursor: int | None) -> None:
        """A rare filter's first page, found in the thread: shown, unless the view changed meanwhile."""
        if view != self.view or not self._finding:
            return
        self._finding = False
        self._counting = len(first) == PAGE  # the thread counts them next
        self.rows.show_rows(len(first), fetch, cursor=cursor, first=first)
        self._update_status()

    def _rows_counted(self, view: View, fetch: Fetch, total: int) -> None:
        if view != self.view or not self._counting:  # another view since, or read again
            return
        self._counting = False
        self.rows.show_rows(total, fetch)
        self._update_status()

    def _count_groups(self) -> None:
        """The group pane's counts again, at most once a second (a tenth of a second of SQLite at
        100,000 articles, in a thread). The pane is for the whole library: opened on folders, the
        rows are those folders' files and the groups would not add up."""
        now = time.monotonic()
        if self.view.under or now - self._groups_counted < 1.0:
            return
        self._groups_counted = now
        self.query_one(GroupPane).load(self.library.path)

    def on_group_pane_loaded(self, event: GroupPane.Loaded) -> None:
        """Shown once the library holds more than files: feeds followed, or pages read by address."""
        self.query_one(GroupPane).display = any(row.group.kind in ("feed", "pages") for row in event.rows)

    def on_group_pane_chosen(self, event: GroupPane.Chosen) -> None:
        self._set_view(replace(self.view, group=event.group))
        self.rows.focus()

    def _set_view(self, view: View) -> None:
        self.view = view
        self.reload(cursor=0)

    def _update_status(self) -> None:
        view = self.view
        shown = self.rows.total
        matched = f"{shown:,}+" if self._counting else f"{shown:,}"  # the first page's, while counting
        direction = "↓" if view.descending else "↑"
        # a large folder's count, while it is counted: its first page's, or nothing said under a filter
        scope = f"{self._total:,}" if self._total is not None else "…" if view.filtered else f"{shown:,}+"
        title = f"Library · {scope} articles · sorted by {ORDER_NAMES[view.order]} {direction}"
        if view.unread_only:
            title += " · unread only"
        # One line each, whatever they say: no layout of the screen (a key waits for one, 20-50 ms,
        # and the status changes each time rows arrive while indexing).
        self.query_one("#library-title", Label).update(title, layout=False)
        status = self.query_one("#library-status", Static)
        if view.entity is not None:
            lead = Text(f" {matched} of {scope} mention ")
            tail = Text(" · Esc shows all")
            room = max(1, self.size.width - lead.cell_len - tail.cell_len)
            status.update(
                lead + shaped_line(view.entity_name, room, self.reader_app.shaping, align=False) + tail, layout=False
            )
            return
        if self._finding:
            pieces = ["Looking for the rows that match…"]
        elif view.title:
            pieces = [f"{matched} of {scope} match the filter", "Esc clears it"]
        elif view.unread_only:
            pieces = [f"{matched} unread of {scope}", "u shows all"]
        elif self._total == 0 and self.indexing is not None:
            pieces = ["Indexing: rows appear as they are read", "? for help"]
        elif self._said:
            pieces = [self._said, "Type to filter by title", "? for help"]
        else:
            pieces = ["Type to filter by title", "Enter opens", "s sorts", "? for help"]
        status.update(Text(fitted_hint(pieces, self.size.width or self.app.size.width)), layout=False)

    def on_resize(self, event: events.Resize) -> None:
        """The status line is fitted to the width (`fitted_hint`): fitted again to the new one."""
        super().on_resize(event)
        if self.is_mounted:
            self._update_status()

    def on_screen_resume(self) -> None:
        """Back from an article: it is read now, rows indexed meanwhile are shown (the cursor on
        its article), and a filter still shown goes on taking typed text."""
        self._keep_cursor_reload()
        bar = self.query_one(SearchBar)
        if bar.display:
            bar.open()

    # --- background indexing -------------------------------------------------------------------

    def start_indexing(self) -> None:
        """Index the app's folders and files in a background process (none given: nothing to do)."""
        if not self.index_paths:
            return
        app = self.reader_app
        request = IndexRequest(self.library.path, self.index_paths, app.index_workers, app.max_size, app.follow_links)
        self.query_one("#library-progress").display = True
        self._progress_label("Looking for changes… ")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.indexing = BackgroundIndex(request)
        self._update_status()

    def _poll_indexing(self) -> None:
        """Show how far the indexing is, and the rows written since the last look (a cheap read of a pipe)."""
        running = self.indexing
        if running is None:
            return
        reports = running.reports()
        ended = next((report for report in reports if report.summary or report.error), None)
        if any(report.written for report in reports) and self._stale_since is None:
            self._stale_since = time.monotonic()
        progress = [report for report in reports if report.total is not None]
        if progress and ended is None:
            done, total = progress[-1].done, progress[-1].total or 0
            self.query_one(ProgressBar).update(total=max(1, total), progress=done)
            self._progress_label(f"Indexing {done:>{len(f'{total:,}')},} of {total:,} ")  # one width all along
        if ended is None:
            if self._stale_since is not None and self._may_reload(self._stale_since):
                self._keep_cursor_reload()
            return
        self.indexing = None
        self.query_one("#library-progress").display = False
        self._keep_cursor_reload()
        if ended.error is not None:
            self.notify(f"Could not index: {ended.error}", severity="error", timeout=10)
        elif ended.summary is not None and (ended.summary.indexed or ended.summary.removed or ended.summary.failed):
            summary = ended.summary
            self._said = f"Indexed {summary.indexed}, unchanged {summary.unchanged}, removed {summary.removed}, failed {summary.failed}"
        self._update_status()

    def _progress_label(self, text: str) -> None:
        """The label before the progress bar; the screen laid out again only when its width
        changes (each poll while indexing would otherwise lay it out: 20-50 ms a key may wait for)."""
        label = self.query_one("#progress-label", Static)
        label.update(Text(text), layout=len(text) != self._progress_width)
        self._progress_width = len(text)

    def _may_reload(self, stale_since: float) -> bool:
        """Whether to show the rows written meanwhile now: on screen (an article read over the
        list reads them when it is left), and between keys."""
        if not self.is_current:
            return False
        return self.reader_app.input_idle() >= _QUIET or time.monotonic() - stale_since >= _STALE_AT_MOST

    def _keep_cursor_reload(self) -> None:
        """Reload, the cursor kept on the article it was on when rows came or went above it."""
        current = self.rows.current
        self.reload()
        if current is not None and self.rows.current != current:
            at = self.view.rank(self.library, current.id)
            if at is not None:
                self.rows.move_cursor(at)

    def action_refresh(self) -> None:
        """Index the folders again in the background: files added, changed or removed since; and
        update the feeds followed, in the background."""
        self._update_feeds()
        if self.indexing is not None:
            self.notify("Already indexing")
            return
        if not self.index_paths:
            self.reload()
            self.notify("Nothing to index: the library was opened without folders")
            return
        self.start_indexing()

    def _update_feeds(self) -> None:
        from reader.library import StoreError
        from reader.library.feeds import LibraryFeeds

        try:
            if not LibraryFeeds(self.library).urls():
                return
        except StoreError as error:
            self.notify(f"Feeds not updated: {error}", severity="error")
            return
        if not self.query_one(FeedUpdate).start(self.library.path):
            self.notify("The feeds are being updated already")

    def on_feed_update_stored(self, event: FeedUpdate.Stored) -> None:
        self._keep_cursor_reload()

    def on_feed_update_failed(self, event: FeedUpdate.Failed) -> None:
        self.notify(event.line, severity="warning")

    def on_feed_update_finished(self, event: FeedUpdate.Finished) -> None:
        self._keep_cursor_reload()
        if event.summary is not None:
            self.notify(f"Feeds updated: {event.summary.line()}")

    def on_unmount(self) -> None:
        """Quitting stops the indexing after the files in hand; the next start goes on from there."""
        if self.indexing is not None:
            self.indexing.stop()
            self.indexing = None

    # --- keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.view.title) or self.view.entity is not None or self.query_one(SearchBar).has_focus
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

    def filter_by_entity(self, key: str, name: str) -> None:
        """Only the articles that mention an entity (from the list of its articles), until Esc."""
        self._set_view(replace(self.view, entity=key, entity_name=name))

    def action_clear_filter(self) -> None:
        """The title filter first, then the entity's."""
        bar = self.query_one(SearchBar)
        if not bar.value and self.view.entity is not None:
            self._set_view(replace(self.view, entity=None, entity_name=""))
        bar.set_value("")
        bar.close()
        self.rows.focus()
        self.refresh_bindings()

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        if event.value != self.view.title:
            self._set_view(replace(self.view, title=event.value))

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.action_open_article()

    def action_move(self, rows: int) -> None:
        self.rows.action_move(rows)

    def action_cycle_order(self) -> None:
        order = ORDERS[(ORDERS.index(self.view.order) + 1) % len(ORDERS)]
        self._set_view(replace(self.view, order=order, descending=_DESCENDING[order]))

    def action_reverse_order(self) -> None:
        self._set_view(replace(self.view, descending=not self.view.descending))

    def action_toggle_unread_only(self) -> None:
        self._set_view(replace(self.view, unread_only=not self.view.unread_only))

    def action_toggle_read(self) -> None:
        row = self.rows.current
        if row is None or row.failed:
            return
        try:
            self.library.set_read(row.source, not row.read)
        except ReaderError as error:
            self.notify(str(error), severity="error")
            return
        self.reload()
        self.notify(f"Marked {'unread' if row.read else 'read'}")

    def on_library_list_chosen(self, event: LibraryList.Chosen) -> None:
        event.stop()
        self._open(event.row.source, event.row.failed, event.row.error)

    def action_open_article(self) -> None:
        """Enter (a priority key, for the filter) opens the article at the cursor, or in the group
        pane shows the group at its cursor."""
        pane = self.query_one(GroupPane)
        if pane.has_focus:
            pane.action_select()
            return
        row = self.rows.current
        if row is not None:
            self._open(row.source, row.failed, row.error)

    def _open(self, source: str, failed: bool, error: str | None) -> None:
        if failed:
            self.notify(f"Not read: {error}", severity="warning")
            return
        self.reader_app.open_stored(source)
