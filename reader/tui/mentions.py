"""An article's mentions placed on the rows the view shows, and the steps between them.

Entities are found once for the whole article, by section and paragraph; the view shows rows,
which cut long paragraphs into pieces and put noise rows between them. `PlacedMentions` maps the
one onto the other and knows which mention the reader is on: plain Python, tested without the app.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from reader.entities import Mention
from reader.model import Entity
from reader.tui.rows import Row


@dataclass(frozen=True, slots=True)
class MentionAt:
    """A mention placed in the rows: where to jump (row, logical offsets in it), and its entity's key."""

    row: int
    start: int
    end: int
    key: str


def _placed(mention: Mention, candidates: Sequence[int], rows: Sequence[Row]) -> tuple[int, Entity] | None:
    """The row among `candidates` (the rows of the mention's paragraph, in order) that shows the
    mention's start, and its entity with offsets into that row's text; None when no row shows it."""
    found = mention.entity
    for candidate in candidates:
        start = rows[candidate].own(found.start)
        if start is not None:
            end = min(start + found.end - found.start, len(rows[candidate].text))
            if (start, end) == (found.start, found.end):  # a paragraph in one row: nothing to move
                return candidate, found
            return candidate, Entity(start, end, found.type, found.text, found.key)
    return None


def _paragraph_rows(rows: Sequence[Row]) -> dict[tuple[int, int], list[int]]:
    """The rows of each paragraph (a long paragraph has several), by (section, paragraph)."""
    rows_of: dict[tuple[int, int], list[int]] = {}
    for index, row in enumerate(rows):
        if row.kind in ("paragraph", "item"):
            rows_of.setdefault((row.section, row.paragraph), []).append(index)
    return rows_of


class PlacedMentions:
    """The mentions of an article on a list of rows, in reading order, and the current one.

    Placing them all is plain Python over every mention (about a second for the 94,000 of a 10 MB
    article): the reader screen builds this in a thread, and shows a row's entities meanwhile
    through `RowEntities`, which places only the rows drawn.

    Args:
        mentions: the whole article's mentions (`entities.article_entities`).
        rows: the rows shown (`rows.article_rows`); a mention in no row shown is left out.
    """

    def __init__(self, mentions: Sequence[Mention], rows: Sequence[Row]) -> None:
        rows_of = _paragraph_rows(rows)
        placed: list[MentionAt] = []
        by_row: dict[int, list[Entity]] = {}
        for mention in mentions:
            found = _placed(mention, rows_of.get((mention.section, mention.paragraph), ()), rows)
            if found is None:
                continue
            at, entity = found
            placed.append(MentionAt(at, entity.start, entity.end, entity.key))
            by_row.setdefault(at, []).append(entity)
        placed.sort(key=lambda m: (m.row, m.start))
        self.mentions = mentions  # what was placed
        self.rows = rows  # where
        self._placed = placed
        self._by_row = by_row
        self.current: int | None = None  # index of the mention the reader is on

    def __len__(self) -> int:
        return len(self._placed)

    def __getitem__(self, index: int) -> MentionAt:
        return self._placed[index]

    def entities_of_row(self, row: int) -> list[Entity]:
        """The entities in a row, with offsets into the row's text."""
        return self._by_row.get(row, [])

    def current_mention(self) -> MentionAt | None:
        return self._placed[self.current] if self.current is not None else None

    def next_index(self, direction: int, top: tuple[int, int], key: str | None = None) -> int | None:
        """The mention `direction` (+1 or -1) steps to, wrapping around; None when there is none.

        Args:
            direction: +1 for the next mention, -1 for the previous one.
            top: (row, offset) at the top of the view: where stepping starts when the current
                mention is not one of those stepped through.
            key: only the mentions of this entity (None: every mention).
        """
        candidates = [i for i, m in enumerate(self._placed) if key is None or m.key == key]
        if not candidates:
            return None
        current = self.current_mention()
        if current is not None and (key is None or current.key == key):
            here = (current.row, current.start)
        else:
            here = (top[0], top[1] - (1 if direction > 0 else 0))
        places = [(self._placed[i].row, self._placed[i].start) for i in candidates]
        if direction > 0:
            return candidates[bisect.bisect_right(places, here) % len(candidates)]
        return candidates[(bisect.bisect_left(places, here) - 1) % len(candidates)]


class RowEntities:
    """The entities of the rows drawn, each row's placed when it is first asked for: what the
    view colours while `PlacedMentions` is built in a thread (a large article's beginning, rows
    changed by showing noise). Made on the UI thread in the time of one pass over the mentions'
    paragraphs (1,800 for a 10 MB article's beginning: well under a millisecond); a row gives
    the same entities as `PlacedMentions.entities_of_row`.
    """

    def __init__(self, mentions: Sequence[Mention], rows: Sequence[Row]) -> None:
        of_paragraph: dict[tuple[int, int], list[Mention]] = {}
        for mention in mentions:
            of_paragraph.setdefault((mention.section, mention.paragraph), []).append(mention)
        self.mentions = mentions
        self.rows = rows
        self._of_paragraph = of_paragraph
        self._rows_of: dict[tuple[int, int], list[int]] = {}
        self._by_row: dict[int, list[Entity]] = {}

    def entities_of_row(self, row: int) -> list[Entity]:
        """The entities in a row, with offsets into the row's text."""
        found = self._by_row.get(row)
        if found is None:
            found = self._by_row[row] = self._place(row)
        return found

    def _place(self, index: int) -> list[Entity]:
        shown = self.rows[index]
        paragraph = (shown.section, shown.paragraph)
        mentions = self._of_paragraph.get(paragraph) if shown.kind in ("paragraph", "item") else None
        if not mentions:
            return []
        candidates = self._rows_of.get(paragraph)
        if candidates is None:  # the paragraph's rows lie together, about this one
            first = last = index
            while first > 0 and _same_paragraph(self.rows[first - 1], shown):
                first -= 1
            while last + 1 < len(self.rows) and _same_paragraph(self.rows[last + 1], shown):
                last += 1
            candidates = self._rows_of[paragraph] = list(range(first, last + 1))
        entities = []
        for mention in mentions:
            found = _placed(mention, candidates, self.rows)
            if found is not None and found[0] == index:
                entities.append(found[1])
        return entities


def _same_paragraph(row: Row, other: Row) -> bool:
    return row.kind in ("paragraph", "item") and (row.section, row.paragraph) == (other.section, other.paragraph)
