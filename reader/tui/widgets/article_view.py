"""The article body: laid out by the display engine, one screenful at a time.

A 10 MB article has tens of thousands of paragraphs; laying them all out to learn the scroll height
would make the first paint wait. So each row's height is estimated from its width in cells until it
is first laid out, and the estimate is corrected then, keeping the lines on screen where they were.
Layouts are cached per row, width and highlighting, so scrolling back costs nothing.
"""

from __future__ import annotations

import bisect
import itertools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.layout import BidiMode, StyleSpan, VisualLine, layout_paragraph
from reader.model import Entity
from reader.search import Hit, find_hits
from reader.tui.entity_styles import entity_styles
from reader.tui.rows import Row, searchable_texts
from reader.tui.shaped import MARKS_IN_ROW, Shaping, in_left_to_right_row
from reader.types import ENTITY_TYPES, EntityType

_CACHE_ROWS = 512  # laid-out rows kept, the least recently drawn dropped first
_GAP = 1  # blank lines after each row, but between the items of a list
_PREFETCH_AFTER = 0.03  # seconds of quiet after a paint before laying out the pages around it
_PREFETCH_SLICE = 0.004  # seconds of prefetching before letting keys through again


@dataclass(frozen=True, slots=True)
class SearchState:
    """What a search shows: its query ("" for none), how many hits, and the current one (from 0)."""

    query: str = ""
    hits: int = 0
    current: int | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """A place to show: a row and a logical offset into it (a heading, a mention, a hit)."""

    row: int
    offset: int = 0


_SCROLL = Binding.Group("Scroll", compact=False)


class ArticleView(ScrollView, can_focus=True):
    """Scrollable body of an article; the Line API renders only the rows in view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_lines(1)", "Line down", id="scroll.down", group=_SCROLL),
        Binding("up,k", "scroll_lines(-1)", "Line up", id="scroll.up", group=_SCROLL),
        Binding("pagedown,space", "scroll_pages(1)", "Page down", id="scroll.page_down", group=_SCROLL),
        Binding("pageup,b", "scroll_pages(-1)", "Page up", id="scroll.page_up", group=_SCROLL),
        Binding("d", "scroll_half_pages(1)", "Half page down", id="scroll.half_down", group=_SCROLL),
        Binding("u", "scroll_half_pages(-1)", "Half page up", id="scroll.half_up", group=_SCROLL),
        Binding("home,g", "scroll_start", "Top", id="scroll.top", group=_SCROLL),
        Binding("end,G", "scroll_end", "Bottom", id="scroll.bottom", group=_SCROLL),
    ]

    # Not scoped: the NO_COLOR rules start at the app (`App:nocolor`), above the widget.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ArticleView {
        scrollbar-size-vertical: 1;
    }
    ArticleView > .article-view--title {
        text-style: bold;
        color: $accent;
    }
    ArticleView > .article-view--heading {
        text-style: bold;
        color: $primary;
    }
    ArticleView > .article-view--noise {
        text-style: dim;
    }
    ArticleView > .article-view--reason {
        text-style: dim italic;
        color: $warning;
    }
    ArticleView > .article-view--hit {
        background: #ffd75f;
        color: #000000;
    }
    ArticleView > .article-view--current-hit {
        background: #ff8700;
        color: #000000;
        text-style: bold;
    }
    ArticleView > .article-view--current-mention {
        text-style: reverse;
    }
    /* NO_COLOR: hits are told apart by attributes, not colour. */
    App:nocolor ArticleView > .article-view--hit {
        text-style: reverse;
    }
    App:nocolor ArticleView > .article-view--current-hit {
        text-style: reverse bold underline;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--heading",
        "article-view--noise",
        "article-view--reason",
        "article-view--hit",
        "article-view--current-hit",
        "article-view--current-mention",
    }

    class TopChanged(Message):
        """The row at the top of the view changed: the section in view may have changed."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class SearchChanged(Message):
        """The search shown, its hits or the current hit changed."""

        def __init__(self, state: SearchState) -> None:
            super().__init__()
            self.state = state

    def __init__(
        self,
        rows: list[Row],
        *,
        shaping: Shaping,
        max_width: int = 100,
        styles: Mapping[EntityType, Style] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.shaping = shaping
        self.max_width = max_width
        self.entity_styles: Mapping[EntityType, Style] = styles or entity_styles({})
        self.entity_types: frozenset[EntityType] = frozenset(ENTITY_TYPES)
        self._rows: list[Row] = []
        self._entities: dict[int, list[Entity]] = {}
        self._entity_source: Callable[[int], list[Entity]] | None = None
        self._entity_source_cheap = True
        self._hits: list[Hit] = []
        self._hit_rows: dict[int, list[Hit]] = {}
        self._search_query = ""
        self._current_hit: int | None = None
        self.current_mention: tuple[int, int, int] | None = None  # row, start, end
        self._layouts: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(_CACHE_ROWS)
        self._width = 0
        self._heights: list[int] = []
        self._exact: bytearray = bytearray()
        self._starts: list[int] = [0]
        self._top_row = -1
        self._intended: tuple[Mark, int] | None = None  # a mark shown at the top, and where
        self._overshoot = 0  # how far past the end a jump scrolled (0: not past it)
        self._prefetch_timer: Timer | None = None
        # Terminal mode: something follows the text on the row (the panes on the right).
        self.followed = False
        self.set_rows(rows)

    # --- content -----------------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def set_rows(self, rows: list[Row], keep: Mark | None = None) -> None:
        """Replace what is shown (noise shown or hidden), keeping `keep` at the top."""
        self._rows = rows
        self._top_row = -1  # the same index may be another row now: report the top again
        self._layouts.clear()
        self._entities.clear()
        self._hits, self._hit_rows, self.current_hit = [], {}, None
        self.current_mention = None
        self._intended = None
        self._width = 0
        if self.is_mounted:
            self._settle()
            if keep is not None:
                self.show(keep, at_top=True)

    def set_entity_source(self, source: Callable[[int], list[Entity]], *, cheap: bool) -> None:
        """Where the entities of a row come from: `row index -> list[Entity]`.

        A source that is not `cheap` (a recogniser run per row) is never called while drawing:
        rows show without entities at first and get them from the idle prefetch a moment later,
        so paging never waits for the recogniser.
        """
        self._entity_source = source
        self._entity_source_cheap = cheap
        self._entities.clear()
        self.refresh_layout()

    def refresh_layout(self) -> None:
        """Highlighting changed: lay out the rows in view again (heights do not change)."""
        self._layouts.clear()
        self.refresh()

    # --- highlighting --------------------------------------------------------------------------

    def toggle_entity_type(self, entity_type: EntityType) -> bool:
        """Turn highlighting of one entity type on or off; returns whether it is now on."""
        types = set(self.entity_types)
        types.symmetric_difference_update({entity_type})
        self.entity_types = frozenset(types)
        self.refresh_layout()
        return entity_type in types

    def search(self, query: str) -> list[Hit]:
        """Find every hit of `query` (harakat, tatweel and letter variants ignored) and show them."""
        return self.show_hits(query, find_hits(searchable_texts(self._rows), query))

    def show_hits(self, query: str, hits: list[Hit]) -> list[Hit]:
        """Show hits found by `find_hits` (in a worker, for a large article)."""
        self._search_query = query
        self._hits = hits
        self._hit_rows = {}
        for hit in self._hits:
            self._hit_rows.setdefault(hit.row, []).append(hit)
        self.current_hit = None
        self.refresh_layout()
        return self._hits

    @property
    def hits(self) -> list[Hit]:
        return self._hits

    @property
    def current_hit(self) -> int | None:
        """The index in `hits` of the hit the reader is on; None before the first step."""
        return self._current_hit

    @current_hit.setter
    def current_hit(self, index: int | None) -> None:
        # Set last whenever the search changes (after the query and the hits): the screen learns it here.
        self._current_hit = index
        if self.is_mounted:
            self.post_message(self.SearchChanged(SearchState(self._search_query, len(self._hits), index)))

    @property
    def search_query(self) -> str:
        return self._search_query

    def clear_search(self) -> None:
        self.search("")

    def current_hit_place(self) -> tuple[Row, int] | None:
        """The row and offset of the current hit, to find it again after the rows change."""
        if self.current_hit is None:
            return None
        hit = self._hits[self.current_hit]
        return self._rows[hit.row], hit.start

    def restore_current_hit(self, place: tuple[Row, int] | None) -> None:
        if place is None:
            return
        row, start = place
        for index, hit in enumerate(self._hits):
            if self._rows[hit.row] == row and hit.start == start:
                self.current_hit = index
                self.refresh_layout()
                return

    def step_hit(self, direction: int) -> Hit | None:
        """Go to the next (+1) or previous (-1) hit, from the current one or from the top of the view."""
        if not self._hits:
            return None
        if self.current_hit is None:
            top = self.top_mark()
            keys = [(hit.row, hit.start) for hit in self._hits]
            if direction > 0:
                index = bisect.bisect_left(keys, (top.row, top.offset)) % len(self._hits)
            else:
                index = (bisect.bisect_left(keys, (top.row, top.offset)) - 1) % len(self._hits)
        else:
            index = (self.current_hit + direction) % len(self._hits)
        self.current_hit = index
        hit = self._hits[index]
        self.refresh_layout()
        self.show(Mark(hit.row, hit.start))
        return hit

    def _row_entities(self, index: int, *, compute: bool) -> list[Entity] | None:
        """A row's entities; None while unknown and finding them now would cost too much."""
        if self._entity_source is None or self._rows[index].kind == "noise":
            return []
        entities = self._entities.get(index)
        if entities is None and (compute or self._entity_source_cheap):
            entities = self._entities[index] = self._entity_source(index)
        return entities

    def _highlight_key(self, index: int) -> tuple[object, ...]:
        """What a row's highlighting depends on: the layout cache's key beside row and width."""
        hits = self._hit_rows.get(index)
        current = self._hits[self.current_hit] if self.current_hit is not None else None
        mention = self.current_mention
        return (
            self.entity_types if self._row_entities(index, compute=False) is not None else None,
            self._search_query if hits else "",
            current if current is not None and current.row == index else None,
            mention if mention is not None and mention[0] == index else None,
            self.app.theme,
        )

    def _spans(self, index: int) -> tuple[StyleSpan, ...]:
        """Style spans for a row: entities of the types shown, search hits, the current mention."""
        spans: list[StyleSpan] = []
        types = self.entity_types
        entities = self._row_entities(index, compute=False)
        if types and entities:
            styles = self.entity_styles
            spans += [StyleSpan(e.start, e.end, styles[e.type]) for e in entities if e.type in types]
        hits = self._hit_rows.get(index, ())
        if hits:
            current = self._hits[self.current_hit] if self.current_hit is not None else None
            hit_style = self.get_component_rich_style("article-view--hit", partial=True)
            current_style = self.get_component_rich_style("article-view--current-hit", partial=True)
            spans += [StyleSpan(h.start, h.end, current_style if h == current else hit_style) for h in hits]
        mention = self.current_mention
        if mention is not None and mention[0] == index:
            style = self.get_component_rich_style("article-view--current-mention", partial=True)
            spans.append(StyleSpan(mention[1], mention[2], style))
        return tuple(spans)

    # --- layout and heights --------------------------------------------------------------------

    def text_width(self) -> int:
        """The width of the text column: the view less a margin, at most `max_width` cells."""
        return max(1, min(self.max_width, self.scrollable_content_region.width - 2))

    def _gap(self, index: int) -> int:
        """No blank line between list items, nor inside a long paragraph shown as several rows."""
        row = self._rows[index]
        following = self._rows[index + 1] if index + 1 < len(self._rows) else None
        if following is None:
            return _GAP
        if row.kind == "item" and following.kind == "item":
            return 0
        continues = following.start > 0 and (following.section, following.paragraph) == (row.section, row.paragraph)
        return 0 if continues and following.kind == row.kind else _GAP

    def _estimate(self, index: int, row: Row, width: int) -> int:
        usable = max(1, int(width * 0.92)) if width > 12 else width
        lines = max(1, -(-row.cells // usable))
        return lines + (1 if row.kind == "noise" else 0) + self._gap(index)

    def _reset_width(self, width: int) -> None:
        self._width = width
        self._layouts.clear()
        self._heights = [self._estimate(index, row, width) for index, row in enumerate(self._rows)]
        self._exact = bytearray(len(self._rows))
        self._restart()

    def _restart(self) -> None:
        self._starts = [0, *itertools.accumulate(self._heights)]

    @property
    def total_height(self) -> int:
        return self._starts[-1]

    def row_at(self, y: int) -> int:
        """The row holding virtual line `y`."""
        return max(0, min(len(self._rows) - 1, bisect.bisect_right(self._starts, y) - 1))

    def layout_row(self, index: int) -> list[VisualLine]:
        """The visual lines of one row at the current width, without highlighting."""
        return self._visual_lines(index, ())

    def _visual_lines(self, index: int, spans: tuple[StyleSpan, ...]) -> list[VisualLine]:
        row = self._rows[index]
        return layout_paragraph(
            row.text, self._wrap_width(), spans=spans, mode=self.shaping.mode, harakat=self.shaping.harakat
        )

    def _wrap_width(self) -> int:
        """Where lines wrap: the text column, less the cells mlterm gives the marks of a row
        (`reader.tui.kitty.whole_row`: they are left out of the spaces after the text)."""
        if self.shaping.mode is BidiMode.TERMINAL and self.shaping.mark_cells:
            return max(1, self._width - MARKS_IN_ROW)
        return self._width

    def _aligned(self, line: VisualLine, width: int) -> Text:
        """A line padded to the column: in TERMINAL mode a right-to-left line is laid out for a row the
        terminal reorders left to right (`in_left_to_right_row`), whether or not a pane shares it."""
        if line.rtl and self.shaping.mode is BidiMode.TERMINAL:
            return in_left_to_right_row(
                line.text, self._wrap_width(), followed=self.followed, draws_as_sent=self.shaping.draws_as_sent
            )
        return line.aligned(width)

    def row_strips(self, index: int) -> list[Strip]:
        """A row's lines, ready to draw: laid out, highlighted, placed in the text column."""
        cache_key = (index, self._width, self.scrollable_content_region.width, self._highlight_key(index))
        strips = self._layouts.get(cache_key)
        if strips is not None:
            return strips
        row = self._rows[index]
        lines = self._visual_lines(index, self._spans(index))
        base = self._row_style(row)
        width = self._width
        view = self.scrollable_content_region.width
        margin = max(0, (view - width) // 2)
        console = self.app.console
        strips = []
        rtl = lines[0].rtl if lines else False
        for line in lines:
            text = self._aligned(line, width)
            text.stylize_before(base)
            strips.append(self._place(text, margin, view, console))
        if row.kind == "noise":
            reason = Text(f"⟨noise: {row.reason}⟩", style=self.get_component_rich_style("article-view--reason"))
            reason.align("right" if rtl else "left", width)
            strips.append(self._place(reason, margin, view, console))
        strips.extend([Strip.blank(view)] * self._gap(index))
        self._layouts[cache_key] = strips
        height = len(strips)
        if self._heights[index] != height or not self._exact[index]:
            self._exact[index] = 1
            if self._heights[index] != height:
                self._heights[index] = height
                self._restart()
        return strips

    @staticmethod
    def _place(text: Text, margin: int, view: int, console: Console) -> Strip:
        segments = list(text.render(console, end=""))
        if margin:
            segments.insert(0, Segment(" " * margin))
        return Strip(segments).adjust_cell_length(view)

    def _row_style(self, row: Row) -> Style:
        if row.kind in ("title", "heading", "noise"):
            return self.get_component_rich_style(f"article-view--{row.kind}", partial=True)
        return Style()

    def _settle(self) -> None:
        """Lay out the rows in view, correct their heights and keep the view anchored.

        The first row in view that was already laid out keeps its place on screen; when none was
        (a jump into unread text), the top row keeps its offset.
        """
        if not self._rows:
            self.virtual_size = Size(self.scrollable_content_region.width, 0)
            return
        width = self.text_width()
        if width != self._width:
            anchor = self._anchor() if self._width else None
            self._reset_width(width)
            self._update_virtual_size()
            if anchor is not None:
                y = self._mark_y(anchor)
                self._update_virtual_size()
                self._scroll_silently(y)
                self._intended = (anchor, round(self.scroll_y))
        height = max(1, self.scrollable_content_region.height)
        for _ in range(4):
            top = round(self.scroll_y)
            first = self.row_at(top)
            old_starts = self._starts
            in_view = range(first, self.row_at(top + height - 1) + 1)
            anchor_row = next((index for index in in_view if self._exact[index]), None)
            offset_in_first = top - old_starts[first]
            anchor_screen = (old_starts[anchor_row] - top) if anchor_row is not None else 0
            at_end = top > 0 and top == self.total_height - height  # pinned to the end
            index, y = first, old_starts[first]
            while index < len(self._rows) and y < top + height:
                self.row_strips(index)
                y = self._starts[index] + self._heights[index]
                index += 1
            if self._starts is old_starts:
                break
            if at_end:
                new_top = self.total_height - height
            elif anchor_row is not None:
                new_top = self._starts[anchor_row] - anchor_screen
            else:
                new_top = self._starts[first] + min(offset_in_first, self._heights[first] - 1)
            self._update_virtual_size()
            self._scroll_silently(max(0, new_top))
        self._report_top()

    def _update_virtual_size(self, reach: int = 0) -> None:
        """The scroll height: the text, or more while a jump has put a late heading at the top.

        Like `less`, a jump may scroll past the end so that what was jumped to stands first;
        ordinary scrolling stops at the end of the text.
        """
        height = self.scrollable_content_region.height
        needed = max(self.total_height, reach, min(round(self.scroll_y), self._overshoot) + height)
        self.virtual_size = Size(self.scrollable_content_region.width, needed)

    def _scroll_silently(self, y: int) -> None:
        """Move the view without animation, inside a layout pass."""
        y = max(0, min(y, max(0, self.virtual_size.height - self.scrollable_content_region.height)))
        if y != round(self.scroll_y):
            self.set_reactive(ScrollView.scroll_y, float(y))
            self.set_reactive(ScrollView.scroll_target_y, float(y))
            if self.show_vertical_scrollbar:
                self.vertical_scrollbar.position = y
            self.refresh()

    def _report_top(self) -> None:
        top = self.row_at(round(self.scroll_y))
        if top != self._top_row:
            self._top_row = top
            self.post_message(self.TopChanged(top))

    # --- rendering -----------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._settle()
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(_PREFETCH_AFTER, self._prefetch)
        return super().render_lines(crop)

    def _prefetch(self) -> None:
        """Lay out the page below and the page above while the reader reads the screen.

        Paging then finds its rows in the cache. The work is done in short slices so a key
        pressed meanwhile waits a few milliseconds at most; rows above the view that change height
        as they are laid out move the view with them, so nothing on screen shifts.
        """
        self._prefetch_timer = None
        if not self._rows or not self._width:
            return
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        below = range(self.row_at(top + height), self.row_at(top + 2 * height) + 1)
        above = range(self.row_at(top) - 1, self.row_at(max(0, top - height)) - 1, -1)
        in_view = range(self.row_at(top), self.row_at(top + height - 1) + 1)
        started = time.perf_counter()
        anchor = self.row_at(top)
        anchor_start = self._starts[anchor]
        pending = False
        for index in in_view:
            if self._row_entities(index, compute=False) is None:
                self._row_entities(index, compute=True)
                self.refresh()
        for index in itertools.chain(below, above):
            if time.perf_counter() - started > _PREFETCH_SLICE:
                pending = True
                break
            if index >= 0 and not self._is_cached(index):
                self._row_entities(index, compute=True)
                self.row_strips(index)
        if self._starts[anchor] != anchor_start:
            self._update_virtual_size()
            self._scroll_silently(top + self._starts[anchor] - anchor_start)
        if pending:
            self._prefetch_timer = self.set_timer(0.001, self._prefetch)

    def _is_cached(self, index: int) -> bool:
        key = (index, self._width, self.scrollable_content_region.width, self._highlight_key(index))
        return key in self._layouts and self._row_entities(index, compute=False) is not None

    def render_line(self, y: int) -> Strip:
        view = self.scrollable_content_region.width
        line = round(self.scroll_y) + y
        if not self._rows or line >= self.total_height:
            return Strip.blank(view)
        index = self.row_at(line)
        strips = self.row_strips(index)
        within = line - self._starts[index]
        return strips[within] if within < len(strips) else Strip.blank(view)

    def on_resize(self) -> None:
        self._settle()

    def on_mount(self) -> None:
        self._settle()

    # --- positions -----------------------------------------------------------------------------

    def top_mark(self) -> Mark:
        """The row and character offset at the top of the view (the reading position)."""
        if not self._rows:
            return Mark(0, 0)
        top = round(self.scroll_y)
        index = self.row_at(top)
        within = top - self._starts[index]
        if not self._exact[index] or self._width == 0:
            return Mark(index, 0)
        lines = self.layout_row(index)
        if within < len(lines):
            return Mark(index, lines[within].start)
        return Mark(index, len(self._rows[index].text))  # the blank after the row

    def _anchor(self) -> Mark:
        """What to keep at the top when the width changes.

        The mark last put at the top, while the view has not moved since: mapping a top line's
        start back and forth across widths would otherwise drift a line at each resize.
        """
        if self._intended is not None and self._intended[1] == round(self.scroll_y):
            return self._intended[0]
        return self.top_mark()

    def _mark_y(self, mark: Mark) -> int:
        """The virtual line of `mark`, laying out its row to know it."""
        index = max(0, min(mark.row, len(self._rows) - 1))
        self.row_strips(index)
        lines = self.layout_row(index)
        within = 0
        for number, line in enumerate(lines):
            if line.start <= mark.offset:
                within = number
        if lines and mark.offset >= len(self._rows[index].text) > 0:
            within = len(lines)  # the blank after the row
        return self._starts[index] + within

    def show(self, mark: Mark, *, at_top: bool = False) -> None:
        """Bring `mark` into view: at the top for headings, a few lines down for hits and mentions."""
        if not self._rows:
            return
        if self._width == 0:
            self._settle()
        y = self._mark_y(mark)
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not at_top and top <= y < top + height:
            self.refresh()  # already in view: moving would only lose the reader's place
            return
        context = 0 if at_top else max(0, height // 4)
        target = max(0, y - context)
        self._overshoot = target if target > self.total_height - height else 0
        self._update_virtual_size(target + height)
        self.scroll_to(y=target, animate=False, immediate=True)
        self._settle()
        if at_top:
            self._intended = (mark, round(self.scroll_y))
        self.refresh()

    def row_y(self, index: int) -> int:
        return self._starts[index]

    # --- actions -------------------------------------------------------------------------------

    def _scroll_by(self, lines: int) -> None:
        self._settle()
        self.scroll_to(y=max(0, round(self.scroll_y) + lines), animate=False, immediate=True)

    def action_scroll_lines(self, lines: int) -> None:
        self._scroll_by(lines)

    def action_scroll_pages(self, pages: int) -> None:
        self._scroll_by(pages * max(1, self.scrollable_content_region.height - 1))

    def action_scroll_half_pages(self, halves: int) -> None:
        self._scroll_by(halves * max(1, self.scrollable_content_region.height // 2))

    def action_scroll_start(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self._settle()
        self.scroll_to(y=self.total_height, animate=False, immediate=True)
        self._settle()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._overshoot and new_value < old_value:
            # Scrolling back from past the end: the extra room shrinks behind the view.
            past_end = new_value > self.total_height - self.scrollable_content_region.height
            self._overshoot = round(new_value) if past_end else 0
            self._update_virtual_size()
        self._report_top()
