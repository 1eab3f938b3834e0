"""Finding a query in logical text, whatever its harakat, tatweel and alef or yeh variants.

The article view searches its rows with it; anything else that shows where a text matches (the
library's results, a pipe) can search a list of paragraphs the same way. Matching itself is
`arabic.normalize.find_all`; this adds the texts' order and a bound on the hits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.arabic.normalize import find_all

MAX_HITS = 20_000  # a one-letter search of 10 MB would find a million: the first ones are enough


@dataclass(frozen=True, slots=True)
class Hit:
    """A match: `texts[row][start:end]` in logical offsets (`row` is the text's place among those
    searched: a view's row, an article's paragraph)."""

    row: int
    start: int
    end: int


def find_hits(texts: Iterable[str | None], query: str, limit: int = MAX_HITS) -> list[Hit]:
    """The matches of `query` in `texts`, in reading order, at most `limit` of them.

    Args:
        texts: the texts in order; None stands for one that is not searched (a noise row), so
            that the others keep their places.
        query: what the reader typed; folded as the texts are (harakat, tatweel, letter variants
            and Latin case do not count).
        limit: how many hits at most.

    Returns:
        The hits, ordered by text, then by offset. About a second for 10 MB: run it off the UI
        thread for a large article.
    """
    hits: list[Hit] = []
    if not query:
        return hits
    for index, text in enumerate(texts):
        if text:
            hits.extend(Hit(index, start, end) for start, end in find_all(text, query))
            if len(hits) >= limit:
                return hits[:limit]
    return hits
