"""An article's mentions placed on the rows the view shows, and the steps between them.

Entities are found once for the whole article, by section and paragraph; the view shows rows,
which cut long paragraphs into pieces and put noise rows between them. `PlacedMentions` maps the
one onto the other and knows which mention the reader is on: plain Python, tested without the app.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

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


class PlacedMentions:
    """The mentions of an article on a list of rows, in reading order, and the current one.

    Args:
        mentions: the whole article's mentions (`entities.article_entities`).
        rows: the rows shown (`rows.article_rows`); a mention in no row shown is left out.
    """

    def __init__(self, mentions: Sequence[Mention], rows: Sequence[Row]) -> None:
        rows_of: dict[tuple[int, int], list[int]] = {}  # a long paragraph has several rows
        for index, row in enumerate(rows):
            if row.kind in ("paragraph", "item"):
                rows_of.setdefault((row.section, row.paragraph), []).append(index)
        placed: list[MentionAt] = []
        by_row: dict[int, list[Entity]] = {}
        for mention in mentions:
            found = mention.entity
            at, start = next(
                (
                    (candidate, start)
                    for candidate in rows_of.get((mention.section, mention.paragraph), ())
                    if (start := rows[candidate].own(found.start)) is not None
                ),
                (None, None),
            )
            if at is None or start is None:
                continue
            end = min(start + found.end - found.start, len(rows[at].text))
            entity = replace(found, start=start, end=end)
            placed.append(MentionAt(at, entity.start, entity.end, entity.key))
            by_row.setdefault(at, []).append(entity)
        placed.sort(key=lambda m: (m.row, m.start))
        self.mentions = mentions  # what was placed
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
