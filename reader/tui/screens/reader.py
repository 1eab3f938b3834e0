"""The reader: an article's body with its section and entity panes, search and a status line."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.collector import release_memory, settle_memory
from reader.entities import Mention, article_entities, find_entities
from reader.errors import ReaderError
from reader.layout import BidiMode, paragraph_is_rtl
from reader.library.records import Place, Stored
from reader.model import Article, Entity
from reader.search import MAX_HITS, Hit, find_hits
from reader.state import Position
from reader.tui.clipboard import copy_text
from reader.tui.entity_styles import entity_styles
from reader.tui.mentions import PlacedMentions, RowEntities
from reader.tui.rows import Row, article_rows, place_row, searchable_texts, section_text
from reader.tui.screens.sized import SizedScreen
from reader.tui.widgets.article_view import ArticleView, Mark, SearchState
from reader.tui.widgets.entity_list import (
    EntityEntry,
    EntityLegend,
    EntityList,
    LaidOut,
    entity_entries,
    entity_options,
)
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.section_list import SectionEntry, SectionList, section_entries, section_options
from reader.tui.widgets.status_line import Byline, StatusLine
from reader.types import EntityType, is_entity_type

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

# Groups share one label in the footer, so that every key fits in it.
_HIT = Binding.Group("Hit", compact=False)
_SECTION = Binding.Group("Section", compact=False)
_MENTION = Binding.Group("Mention", compact=False)
_TYPES = Binding.Group("PER LOC ORG MISC", compact=False)
_PANE = Binding.Group("Pane", compact=False)
SAVE_AFTER = 2.0  # seconds after scrolling stops that the reading position is saved


def article_link(article: Article) -> str:
    """Where an article from the web came from (its page, else its source when that is an address)."""
    if article.page is not None and article.page.url:
        return article.page.url
    return article.source if article.source.startswith(("http://", "https://")) else ""


def byline(article: Article) -> str:
    """`site · date · link` for an article from the web, "" for a file's."""
    page = article.page
    link = article_link(article)
    if page is None and not link:
        return ""
    parts = [page.site, page.date, page.author] if page is not None else []
    return " · ".join(part for part in [*parts, link] if part)


class ReaderScreen(SizedScreen):
    """Reading one article. q goes back to the library, or quits when there is none; Esc goes back
    to the library (or clears a search), and never quits."""

    CSS_PATH = "reader.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Search stepping comes first: while a search is active it takes n and N from sections.
        Binding("n", "step_hit(1)", "Next hit", id="search.next", group=_HIT),
        Binding("N", "step_hit(-1)", "Previous hit", id="search.previous", group=_HIT),
        Binding("escape", "clear_search", "Clear search", id="search.clear"),
        Binding("n,right_square_bracket", "goto_section(1)", "Next section", id="sections.next", group=_SECTION),
        Binding(
            "p,left_square_bracket", "goto_section(-1)", "Previous section", id="sections.previous", group=_SECTION
        ),
        Binding("e", "goto_mention(1)", "Next mention", id="entities.next", group=_MENTION),
        Binding("E", "goto_mention(-1)", "Previous mention", id="entities.previous", group=_MENTION),
        Binding("1", "toggle_entities('PER')", "PER", id="entities.toggle_per", group=_TYPES),
        Binding("2", "toggle_entities('LOC')", "LOC", id="entities.toggle_loc", group=_TYPES),
        Binding("3", "toggle_entities('ORG')", "ORG", id="entities.toggle_org", group=_TYPES),
        Binding("4", "toggle_entities('MISC')", "MISC", id="entities.toggle_misc", group=_TYPES),
        Binding("slash", "start_search", "Search", id="search.start", priority=True),
        Binding("f", "app.search_library", "Library search", id="reader.search_library", priority=True),
        Binding("a", "entity_articles", "Entity's other articles", id="reader.entity_articles"),
        Binding("m", "toggle_noise", "Noise", id="reader.noise"),
        Binding("y", "copy_section", "Copy section", id="reader.copy"),
        Binding("s", "toggle_panes", "Panes", id="reader.panes"),
        Binding("tab", "cycle_focus(1)", "Next pane", id="reader.next_pane", group=_PANE),
        Binding("shift+tab", "cycle_focus(-1)", "Previous pane", id="reader.previous_pane", group=_PANE),
        Binding("o", "open_link", "Open link", id="reader.open_link", show=False),
        Binding("q", "back", "Back", id="reader.back"),
        Binding("escape", "back_to_library", "Back to the library", id="reader.library"),
    ]
    # The footer's keys, most useful first (KeyFooter shows as many as fit, and help)
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "search.submit",
        "search.clear",
        "search.next",
        "search.previous",
        "search.start",
        "sections.next",
        "sections.previous",
        "entities.next",
        "entities.previous",
        "sections.jump",
        "entities.jump",
        "reader.back",
        "reader.panes",
        "reader.next_pane",
        "reader.search_library",
        "reader.entity_articles",
        "reader.copy",
        "reader.noise",
        "app.theme",
    )

    # The reader's state, reactive: the status line is bound to what is computed from it (the
    # `status_*` reactives below, recomputed whenever one of these is set), so it follows by itself.
    # The row at the top of the view (ArticleView.TopChanged); set on every report, as the percentage
    # moves with the view even when the row stays.
    top_row: reactive[int] = reactive(0, always_update=True, init=False)
    show_noise: reactive[bool] = reactive(False, init=False)
    pending_search: reactive[str | None] = reactive(None, init=False)  # a query whose hits are being found
    search_state: reactive[SearchState] = reactive(SearchState, init=False)  # ArticleView.SearchChanged
    # The whole article's mentions on the rows shown, and the current one; None until they are found
    placed: reactive[PlacedMentions | None] = reactive(None, always_update=True, init=False)

    def __init__(
        self,
        article: Article,
        *,
        key: str,
        has_library: bool,
        complete: Callable[[], Article | Stored] | None = None,
        mentions: Sequence[Mention] | None = None,
        at: Place | None = None,
        query: str = "",
    ) -> None:
        """`mentions`: the article's entities as the library stored them (they are found again only
        without); `at`: where to open it instead of its reading position; `query`: searched in it.
        `complete` reads the whole article when `article` is its beginning (a large file's, or a
        large stored article's with its stored entities); `at` and `query` wait for it."""
        super().__init__()
        self.article = article
        self._stored_mentions = list(mentions) if mentions is not None else None
        self._at = at
        self._query = query
        self._complete = complete  # reads the whole article when `article` is its beginning
        self._saved: Position | None = None  # a reading position beyond the beginning, for later
        self.key = key
        self.has_library = has_library
        self._all_mentions: list[Mention] | None = None  # the whole article's, once found or read
        self._row_mentions: RowEntities | None = None  # what colours the rows while `placed` is made
        self._row_entities: dict[int, list[Entity]] = {}
        self._searching = False
        self._save_timer: Timer | None = None

    @property
    def reader_app(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    # --- building ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.reader_app
        styles = entity_styles(app.settings.colors)
        rows = article_rows(self.article)
        view = ArticleView(
            rows,
            shaping=app.shaping,
            max_width=app.settings.max_width,
            styles=styles,
            id="article",
        )
        view.set_entity_source(self._entities_of_row, cheap=False)
        sidebar = Vertical(
            Label("Sections", classes="pane-title"),
            SectionList(app.shaping, id="sections"),
            Label("Entities", classes="pane-title"),
            EntityLegend(styles, id="legend"),
            EntityList(app.shaping, styles, id="entities"),
            id="sidebar",
        )
        side = self._sidebar_side(rows)
        sidebar.add_class(f"-{side}")
        view.followed = side == "right"
        if byline(self.article):
            yield Byline(byline(self.article), app.shaping, id="byline")
        with Horizontal(id="body"):
            if side == "left":
                yield sidebar
                yield view
            else:
                yield view
                yield sidebar
        yield SearchBar("/", app.shaping, id="search")
        yield StatusLine(app.shaping, id="status").data_bind(
            section=ReaderScreen.status_section,
            sections=ReaderScreen.status_sections,
            percent=ReaderScreen.status_percent,
            searching=ReaderScreen.status_searching,
            hits=ReaderScreen.status_hits,
            hit=ReaderScreen.status_hit,
            more_hits=ReaderScreen.status_more_hits,
            mentions=ReaderScreen.status_mentions,
            mention=ReaderScreen.status_mention,
            noise=ReaderScreen.status_noise,
            heading=ReaderScreen.status_heading,
        )
        yield KeyFooter()
        yield from super().compose()

    def _sidebar_side(self, rows: list[Row]) -> str:
        side = self.reader_app.settings.sidebar
        if side in ("left", "right"):
            return side
        if self.reader_app.shaping.mode is BidiMode.TERMINAL:
            # Each screen row then starts with a pane's entry, which starts with an LRM: a terminal
            # that takes a row's direction from its first letter (mlterm) keeps the row left to
            # right. On the right, mlterm drew the entities' counts into their names.
            return "left"
        body = " ".join(row.text for row in rows[:3])
        return "right" if paragraph_is_rtl(body) else "left"

    def on_mount(self) -> None:
        view = self.article_view
        self.query_one(SectionList).set_entries(section_entries(view.rows))
        self.query_one(EntityList).set_entries(None)
        view.focus()
        if self.reader_app.shaping.mode is BidiMode.TERMINAL:
            # A terminal that reorders takes each screen row as one paragraph, so a pane or a
            # scrollbar beside the text would be mirrored into it (reader.tcss). The panes stay
            # one key (s) away; the status line says where the reader is.
            self.add_class("terminal-bidi")
            if self.reader_app.settings.sidebar == "auto":
                self.query_one("#sidebar").display = False
        if self._stored_mentions is not None and self._complete is not None:
            # A large article's beginning: its stored mentions colour the rows drawn, and are
            # neither placed for stepping nor listed: the pane and the count would be the
            # beginning's only, and placing or listing them (1,800 mentions, 700 names shaped for
            # 10 MB: 20 and 60-80 ms) would hold up the first screen. The whole article's come,
            # placed and laid out, from the worker that reads the rest.
            self._colour_rows(self._stored_mentions)
        elif self._stored_mentions is not None:  # tagged once, when it was indexed
            self._mentions_found(self._stored_mentions)
        settle_memory()
        at = self._at if self._complete is None else None
        start = Mark(*place_row(view.rows, at.section, at.paragraph, at.offset)) if at is not None else None
        if start is not None:
            self.call_after_refresh(view.show, start)
        elif self._at is None:
            saved = self.reader_app.positions.get(self.key)
            if saved is not None and 0 <= saved.row < len(view.rows):
                self.call_after_refresh(view.show, Mark(saved.row, saved.offset), at_top=True)
            elif saved is not None and self._complete is not None:
                self._saved = saved
        if self._query and self._complete is None:
            self.call_after_refresh(self._search_at, self._query, start or Mark(0, 0))
        if self._complete is not None:
            self.set_timer(0.05, self._start_reading_whole)
        elif self._stored_mentions is None:
            # After the first paint: the whole-article pass would otherwise compete with it.
            self.set_timer(0.2, self._start_finding_mentions)

    def _search_at(self, query: str, start: Mark) -> None:
        """Search the article for `query` (a library search's) and make the hit at `start`, or the
        first after it, the current one: highlighted, and n goes on from there."""
        view = self.article_view
        hits = view.search(query)
        if hits:
            at = next((n for n, hit in enumerate(hits) if (hit.row, hit.end) > (start.row, start.offset)), 0)
            view.current_hit = at
            view.refresh_layout()
            view.show(Mark(hits[at].row, hits[at].start))
        self.refresh_bindings()

    def _start_reading_whole(self) -> None:
        """Read the rest in a worker, told the panes' widths (the worker lays their entries out)."""
        self._read_whole(self.query_one(SectionList).option_width, self.query_one(EntityList).option_width)

    @work(thread=True, exclusive=True, group="whole-article")
    def _read_whole(self, section_width: int, entity_width: int) -> None:
        """The rest of a large article, read while its beginning is shown; and what showing it
        takes that is plain Python over the whole of it (its rows, its stored mentions placed on
        them, the panes' entries laid out to the panes' widths now), made here too: for 10 MB
        that is seconds that the UI thread would otherwise spend at once, with keys waiting."""
        assert self._complete is not None
        try:
            whole = self._complete()
        except ReaderError as error:
            message = f"Could not read the rest of the article: {error}"
            self.app.call_from_thread(self.notify, message, severity="error")
            return
        article, mentions = (whole.article, list(whole.mentions)) if isinstance(whole, Stored) else (whole, None)
        noise = self.show_noise
        rows = article_rows(article, noise=noise)
        shaping = self.reader_app.shaping
        sections = section_entries(rows)
        ready = _Whole(
            article,
            mentions,
            rows,
            noise,
            sections,
            (section_width, list(section_options(sections, section_width, shaping))),
        )
        if mentions is not None:
            entries, laid_out = self._entity_pane(mentions, entity_width)
            ready = replace(ready, placed=PlacedMentions(mentions, rows), entries=entries, entity_options=laid_out)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._whole_read, ready)

    def _whole_read(self, whole: _Whole) -> None:
        self.article = whole.article
        self._complete = None
        if whole.noise == self.show_noise:
            self._show_rows(
                whole.rows, placed=whole.placed, sections=whole.sections, section_options=whole.section_options
            )
        else:  # noise shown or hidden meanwhile
            self._show_rows(article_rows(whole.article, noise=self.show_noise))
        view = self.article_view
        saved, self._saved = self._saved, None
        at = self._at
        start = Mark(*place_row(view.rows, at.section, at.paragraph, at.offset)) if at is not None else None
        if start is not None:
            view.show(start)
        elif saved is not None and 0 <= saved.row < len(view.rows):
            view.show(Mark(saved.row, saved.offset), at_top=True)
        if self._query:
            self._search_at(self._query, start or Mark(0, 0))
        if whole.mentions is None:
            settle_memory()
            self._start_finding_mentions()
        else:  # the library's, for the whole article
            self._stored_mentions = whole.mentions
            self._mentions_found(
                whole.mentions, placed=whole.placed, entries=whole.entries, laid_out=whole.entity_options
            )

    @property
    def mentions_ready(self) -> bool:
        """Whether the whole article's entities have been found (they are found in a worker)."""
        return self.placed is not None

    @property
    def whole_article_read(self) -> bool:
        """False while a large article's preview is shown and the rest is read in the background."""
        return self._complete is None

    @property
    def mentions(self) -> PlacedMentions | None:
        """The whole article's mentions on the rows shown, once they are found."""
        return self.placed

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    # --- entities ------------------------------------------------------------------------------

    def _entities_of_row(self, index: int) -> list[Entity]:
        """Mentions from the whole-article pass once it is done (or the library's); until then, the row's own."""
        row = self.article_view.rows[index]
        if row.kind in ("paragraph", "item") and self.placed is not None:
            return self.placed.entities_of_row(index)
        if row.kind in ("paragraph", "item") and self._row_mentions is not None:
            return self._row_mentions.entities_of_row(index)
        if self._stored_mentions is not None:  # the library keeps the paragraphs' entities only: no tagging here
            return []
        found = self._row_entities.get(index)
        if found is None:
            text = row.text[row.prefix :]
            found = [replace(e, start=e.start + row.prefix, end=e.end + row.prefix) for e in find_entities(text)]
            self._row_entities[index] = found
        return found

    def _start_finding_mentions(self) -> None:
        """Tag the whole article in a worker, told the rows shown and the entity pane's width."""
        self._find_mentions(self.article_view.rows, self.query_one(EntityList).option_width)

    @work(thread=True, exclusive=True, group="entities")
    def _find_mentions(self, rows: list[Row], entity_width: int) -> None:
        """The whole article's entities, off the UI thread (a 10 MB article takes seconds), placed
        on `rows` and laid out for the entity pane there too (for 10 MB, another two seconds)."""
        mentions = article_entities(self.article)
        placed = PlacedMentions(mentions, rows)
        entries, laid_out = self._entity_pane(mentions, entity_width)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._mentions_found, mentions, placed=placed, entries=entries, laid_out=laid_out)

    def _entity_pane(self, mentions: Sequence[Mention], width: int) -> tuple[list[EntityEntry], LaidOut]:
        """The entity pane's entries for `mentions`, laid out (shaped) to `width`: in a worker."""
        entries = mention_entries(mentions)
        laid_out = entity_options(
            entries, width, self.reader_app.shaping, entity_styles(self.reader_app.settings.colors)
        )
        return entries, replace(laid_out, options=list(laid_out.options))  # shaped here, not on the UI thread

    def _mentions_found(
        self,
        mentions: list[Mention],
        *,
        placed: PlacedMentions | None = None,
        entries: list[EntityEntry] | None = None,
        laid_out: LaidOut | None = None,
    ) -> None:
        """The whole article's mentions, shown: placed on the rows (in a thread, unless `placed`
        was made for the rows shown) and listed in the entity pane."""
        self._all_mentions = mentions
        if placed is not None and placed.rows is self.article_view.rows:
            if self.placed is not placed:
                self._place_mentions(placed)
        else:
            self._place_again()
        settle_memory()
        pane = self.query_one(EntityList)
        pane.set_entries(entries if entries is not None else mention_entries(mentions), laid_out=laid_out)

    def _colour_rows(self, mentions: Sequence[Mention]) -> None:
        """Colour the rows shown with `mentions`, each row's placed as it is drawn."""
        self._row_mentions = RowEntities(mentions, self.article_view.rows)
        self.article_view.set_entity_source(self._entities_of_row, cheap=True)

    def _place_again(self) -> None:
        """The whole article's mentions placed on the rows shown now, in a thread; meanwhile the
        rows are coloured as they are drawn, and stepping waits ("Still finding entities…")."""
        assert self._all_mentions is not None
        self.placed = None
        self._colour_rows(self._all_mentions)
        self._place_in_thread(self._all_mentions, self.article_view.rows)

    @work(thread=True, exclusive=True, group="placing")
    def _place_in_thread(self, mentions: list[Mention], rows: list[Row]) -> None:
        placed = PlacedMentions(mentions, rows)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._placed, placed)

    def _placed(self, placed: PlacedMentions) -> None:
        """A placing done in a thread, kept if it is of the mentions and rows shown now."""
        if placed.rows is self.article_view.rows and placed.mentions is self._all_mentions:
            self._place_mentions(placed)

    def _place_mentions(self, placed: PlacedMentions) -> None:
        """Step and colour with `placed`, the mentions placed on the rows shown (in a thread)."""
        self.placed = placed
        self._row_mentions = None
        self.article_view.set_entity_source(self._entities_of_row, cheap=True)

    def _jump_to_mention(self, index: int) -> None:
        assert self.placed is not None
        self.placed.current = index
        self.mutate_reactive(ReaderScreen.placed)
        mention = self.placed[index]
        self.article_view.current_mention = (mention.row, mention.start, mention.end)
        self.article_view.refresh_layout()
        self.article_view.show(Mark(mention.row, mention.start))

    def _next_mention_index(self, direction: int, key: str | None = None) -> int | None:
        if self.placed is None:
            return None
        top = self.article_view.top_mark()
        return self.placed.next_index(direction, (top.row, top.offset), key)

    def footer_label(self, binding_id: str, description: str) -> str:
        """What the footer calls a key here: q quits when there is no library to go back to."""
        return "Quit" if binding_id == "reader.back" and not self.has_library else description

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_library":
            return self.has_library
        if action == "step_hit":
            return bool(self.article_view.search_query)
        if action == "clear_search":
            return self._searching or bool(self.article_view.search_query)
        if action == "start_search":
            return not self._searching
        return True

    def typing_target(self, event: events.Key) -> SearchBar | None:
        """Where typed text goes: the search bar while it is open (see ReaderApp.on_event)."""
        bar = self.query_one(SearchBar)
        return bar if bar.accepting else None

    def action_step_hit(self, direction: int) -> None:
        view = self.article_view
        if not view.search_query:
            return
        before = view.current_hit
        if view.step_hit(direction) is None:
            self.notify("No matches", severity="warning")
        elif before is not None and view.current_hit is not None and (view.current_hit - before) * direction <= 0:
            # from the last hit to the first (or back): say so, as less and vim do
            self.notify("Search wrapped to the " + ("first hit" if direction > 0 else "last hit"))

    def action_clear_search(self) -> None:
        bar = self.query_one(SearchBar)
        self._searching = False
        bar.close()
        bar.set_value("")
        self.article_view.clear_search()
        self.article_view.focus()
        self.refresh_bindings()

    def action_start_search(self) -> None:
        bar = self.query_one(SearchBar)
        self._searching = True
        bar.set_value("")
        bar.open()
        self.refresh_bindings()

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        bar = self.query_one(SearchBar)
        self._searching = False
        bar.close()
        self.article_view.focus()
        self.pending_search = event.value
        self._find_hits(event.value, self.article_view.rows)

    @work(thread=True, exclusive=True, group="search")
    def _find_hits(self, query: str, rows: list[Row]) -> None:
        """Hits off the UI thread: searching 10 MB takes about a second."""
        hits = find_hits(searchable_texts(rows), query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._hits_found, query, rows, hits)

    def _hits_found(self, query: str, rows: list[Row], hits: list[Hit]) -> None:
        view = self.article_view
        if rows is not view.rows:  # the rows changed meanwhile (noise shown, whole article read)
            hits = find_hits(searchable_texts(view.rows), query)
        view.show_hits(query, hits)
        if query and not hits:
            self.notify("No matches", severity="warning")
        elif hits:
            view.step_hit(1)
        self.pending_search = None
        self.refresh_bindings()

    def action_goto_section(self, direction: int) -> None:
        view = self.article_view
        starts = sorted({view.row_y(index) for index in self._section_start_rows()})
        top = round(view.scroll_y)
        if direction > 0:
            target = next((y for y in starts if y > top), None)
        else:
            target = next((y for y in reversed(starts) if y < top), None)
        if target is None:
            return
        view.show(Mark(view.row_at(target), 0), at_top=True)

    def _section_start_rows(self) -> list[int]:
        rows = self.article_view.rows
        starts = [0]
        starts += [index for index, row in enumerate(rows) if row.kind == "heading"]
        return starts

    def action_goto_mention(self, direction: int) -> None:
        if self.placed is None:
            self.notify("Still finding entities…")
            return
        index = self._next_mention_index(direction)
        if index is None:
            self.notify("No entities in this article")
            return
        self._jump_to_mention(index)

    def action_toggle_entities(self, entity_type: str) -> None:
        if is_entity_type(entity_type):  # the binding names it; a remapped key cannot name another
            self.article_view.toggle_entity_type(entity_type)
        self.query_one(EntityLegend).set_enabled(set(self.article_view.entity_types))

    def action_toggle_noise(self) -> None:
        self._show_rows(article_rows(self.article, noise=not self.show_noise))
        self.show_noise = not self.show_noise  # after the rows: what is computed from it reads them

    def _show_rows(
        self,
        rows: list[Row],
        *,
        placed: PlacedMentions | None = None,
        sections: list[SectionEntry] | None = None,
        section_options: tuple[int, Iterable[Option]] | None = None,
    ) -> None:
        """Show new rows (noise shown or hidden, the whole article after its preview) in place;
        `placed`, `sections` and `section_options`: the mentions placed on them, the section
        pane's entries and their options, when made already (off the UI thread)."""
        view = self.article_view
        top = view.top_mark()
        anchor_row = view.rows[top.row]
        keep = next(
            (
                Mark(index, top.offset)
                for index, row in enumerate(rows)
                if (row.kind, row.section, row.paragraph, row.text)
                == (anchor_row.kind, anchor_row.section, anchor_row.paragraph, anchor_row.text)
            ),
            Mark(0, 0),
        )
        query = view.search_query
        current_hit = view.current_hit_place()
        self._row_entities.clear()
        view.set_rows(rows, keep=keep)
        if placed is not None:
            self._place_mentions(placed)
        elif self._all_mentions is not None:
            self._place_again()
        elif self._row_mentions is not None:  # a large article's beginning
            self._colour_rows(self._row_mentions.mentions)
        if query:
            view.search(query)
            view.restore_current_hit(current_hit)
        self.query_one(SectionList).set_entries(
            sections if sections is not None else section_entries(rows), laid_out=section_options
        )

    def action_copy_section(self) -> None:
        section = self._section_in_view()
        text = section_text(self.article, section)
        self.app.copy_to_clipboard(text)  # OSC 52, always
        self._copy_elsewhere(section, text)

    @work(thread=True, group="copy")
    def _copy_elsewhere(self, section: int, text: str) -> None:
        """A clipboard command or tmux's buffer, off the UI thread; then say where the text went."""
        result = copy_text(text)
        where = f" to {result.where}" if result.where else ""
        message = f"Copied section {section + 1} ({len(text)} characters){where}"
        if result.hint:
            self.app.call_from_thread(self.notify, f"{message}. {result.hint}", severity="warning", timeout=10)
        else:
            self.app.call_from_thread(self.notify, message)

    def action_toggle_panes(self) -> None:
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        if not sidebar.display:
            self.article_view.focus()

    def action_cycle_focus(self, direction: int) -> None:
        panes_shown = self.query_one("#sidebar").display
        chain: list[Widget] = [self.article_view]
        if panes_shown:
            chain += [self.query_one(SectionList), self.query_one(EntityList)]
        focused = self.focused
        index = chain.index(focused) if focused in chain else 0
        chain[(index + direction) % len(chain)].focus()

    def on_unmount(self) -> None:
        """Closed: the article and this screen are garbage for the collector to free (see `release_memory`)."""
        release_memory()

    def action_back(self) -> None:
        self.save_position()
        if self.has_library:
            self.app.pop_screen()
        else:
            self.app.exit(0)

    def action_back_to_library(self) -> None:
        self.save_position()
        self.app.pop_screen()

    def save_position(self) -> None:
        view = self.article_view
        if not view.rows:
            return
        top = view.top_mark()
        row = view.rows[top.row]
        if row.kind == "noise":  # positions are kept without noise rows: the next real row
            following = [r for r in view.rows[top.row :] if r.kind != "noise"]
            row, offset = (following[0], 0) if following else (view.rows[0], 0)
        else:
            offset = top.offset
        base = article_rows(self.article) if self.show_noise else view.rows
        place = (row.kind, row.section, row.paragraph, row.start)
        index = next((i for i, r in enumerate(base) if (r.kind, r.section, r.paragraph, r.start) == place), 0)
        self.reader_app.positions.set(self.key, Position(index, offset))

    # --- panes and status ----------------------------------------------------------------------

    def on_section_list_chosen(self, event: SectionList.Chosen) -> None:
        self.article_view.show(Mark(event.entry.row, 0), at_top=True)

    def chosen_entity(self) -> EntityEntry | None:
        """The entity `a` asks about: the one under the entity pane's cursor while it has focus,
        else the mention `e` (or the pane's Enter) last jumped to."""
        pane = self.query_one(EntityList)
        entries = pane.entries or []
        if pane.has_focus:
            index = pane.highlighted
            lines = pane.line_entries
            return lines[index] if index is not None and 0 <= index < len(lines) else None
        current = self.placed.current_mention() if self.placed is not None else None
        return next((entry for entry in entries if current is not None and entry.key == current.key), None)

    def action_entity_articles(self) -> None:
        entry = self.chosen_entity()
        if entry is None:
            self.notify("Choose an entity first: e jumps to one, or Tab to the entity pane", severity="warning")
            return
        self.reader_app.entity_articles(entry.key, entry.name, exclude=self.key)

    def on_entity_list_chosen(self, event: EntityList.Chosen) -> None:
        index = self._next_mention_index(1, event.entry.key)
        if index is not None:
            self._jump_to_mention(index)

    def on_article_view_top_changed(self, event: ArticleView.TopChanged) -> None:
        # Kept a moment after scrolling stops too, so a closed terminal loses little.
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER, self.save_position)
        sections = self.query_one(SectionList)
        entries = sections.entries
        rows = [entry.row for entry in entries]
        at = bisect.bisect_right(rows, event.row) - 1
        if at >= 0:
            sections.show_entry_in_view(at)
        self.top_row = event.row

    def on_article_view_search_changed(self, event: ArticleView.SearchChanged) -> None:
        self.search_state = event.state

    def _section_in_view(self) -> int:
        if not self.is_mounted:  # the status is computed from the first reactive set on
            return 0
        view = self.article_view
        return view.rows[view.row_at(round(view.scroll_y))].section if view.rows else 0

    def action_open_link(self) -> None:
        """The article's page in the browser (`webbrowser`); a text browser gets the terminal meanwhile."""
        link = article_link(self.article)
        if not link:
            self.notify("No link: this article is not from the web", severity="warning")
            return
        import webbrowser

        from textual.app import SuspendNotSupported

        try:
            with self.app.suspend():
                opened = webbrowser.open(link)
        except SuspendNotSupported:
            opened = webbrowser.open(link)
        self.notify(f"Opened {link}" if opened else f"No browser could open {link}")

    # --- what the status line shows, computed from the state (read-only reactives it is bound to) --

    status_section: reactive[int] = reactive(1, init=False)
    status_sections: reactive[int] = reactive(1, init=False)
    status_percent: reactive[int] = reactive(0, init=False)
    status_searching: reactive[bool] = reactive(False, init=False)
    status_hits: reactive[int | None] = reactive(None, init=False)
    status_hit: reactive[int] = reactive(0, init=False)
    status_more_hits: reactive[bool] = reactive(False, init=False)
    status_mentions: reactive[int | None] = reactive(None, init=False)
    status_mention: reactive[int] = reactive(0, init=False)
    status_noise: reactive[int | None] = reactive(None, init=False)
    status_heading: reactive[str] = reactive("", init=False)

    def compute_status_section(self) -> int:
        return self._section_in_view() + 1

    def compute_status_sections(self) -> int:
        return len(self.article.sections)

    def compute_status_percent(self) -> int:
        if not self.is_mounted:
            return 0
        view = self.article_view
        content = max(1, view.total_height - view.scrollable_content_region.height)
        return min(100, round(100 * view.scroll_y / content))

    def compute_status_searching(self) -> bool:
        return bool(self.pending_search)

    def compute_status_hits(self) -> int | None:
        return self.search_state.hits if self.search_state.query and not self.pending_search else None

    def compute_status_hit(self) -> int:
        current = self.search_state.current
        return current + 1 if current is not None else 0

    def compute_status_more_hits(self) -> bool:
        return self.search_state.hits >= MAX_HITS

    def compute_status_mentions(self) -> int | None:
        return len(self.placed) if self.placed is not None else None

    def compute_status_mention(self) -> int:
        current = self.placed.current if self.placed is not None else None
        return current + 1 if current is not None else 0

    def compute_status_noise(self) -> int | None:
        return len(self.article.noise) if self.show_noise else None

    def compute_status_heading(self) -> str:
        section, sections = self._section_in_view(), self.article.sections
        return (sections[section].heading if section < len(sections) else None) or self.article.title


def mention_entries(mentions: Sequence[Mention]) -> list[EntityEntry]:
    """The entity pane's entries for an article's mentions: each entity's names and mentions counted."""
    names: dict[str, Counter[str]] = {}
    types: dict[str, EntityType] = {}
    for mention in mentions:
        entity = mention.entity
        names.setdefault(entity.key, Counter())[entity.text] += 1
        types.setdefault(entity.key, entity.type)
    return entity_entries(names, types)


@dataclass(frozen=True, slots=True)
class _Whole:
    """A large article read whole in a worker, with what showing it takes, made there too: its
    rows (with noise or not, as shown when the worker began), the section pane's entries, and,
    for a stored article, its mentions placed on those rows and the entity pane's entries; the
    panes' options laid out to the widths they had when the worker began."""

    article: Article
    mentions: list[Mention] | None
    rows: list[Row]
    noise: bool
    sections: list[SectionEntry]
    section_options: tuple[int, Iterable[Option]]
    placed: PlacedMentions | None = None
    entries: list[EntityEntry] | None = None
    entity_options: LaidOut | None = None
