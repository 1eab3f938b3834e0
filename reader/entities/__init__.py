"""Named entities in Arabic news: who, where, which organisation.

Importing this package loads nothing: the recogniser (its model and word lists) is read on the
first call, in a few tens of milliseconds, and shared by every thread afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.entities.recognizer import DEFAULT, Recognizer, RecognizerUnavailable, Span, get
from reader.model import Article, Entity

__all__ = [
    "Mention",
    "Recognizer",
    "RecognizerUnavailable",
    "Span",
    "article_entities",
    "find_entities",
    "get",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity found in an article, with where it stands: `entity.start` is paragraph-relative."""

    section: int
    paragraph: int
    entity: Entity


def _entities(items: list[tuple[str, Span]]) -> list[Entity]:
    # Imported here so that importing the package stays free; the lexicon is shared and cached.
    from reader.entities import keys
    from reader.entities.lexicon import shared

    mentions = [(span.type, text[span.start : span.end]) for text, span in items]
    found = keys.assign(mentions, shared())
    return [
        Entity(span.start, span.end, span.type, mention, key)  # type: ignore[arg-type]
        for (_, span), (_, mention), key in zip(items, mentions, found)
    ]


def find_entities(text: str, recognizer: str | Recognizer = DEFAULT) -> list[Entity]:
    """Every PER, LOC, ORG (and MISC) mention of a logical text, in order, keyed within the text."""
    found = recognizer if not isinstance(recognizer, str) else get(recognizer)
    return _entities([(text, span) for span in found.spans(text)])


def article_entities(article: Article, recognizer: str | Recognizer = DEFAULT) -> list[Mention]:
    """Every mention in the article's paragraphs, with keys shared across the whole article."""
    found = recognizer if not isinstance(recognizer, str) else get(recognizer)
    places = []
    items = []
    for s, p, paragraph in article.paragraphs():
        for span in found.spans(paragraph.text):
            places.append((s, p))
            items.append((paragraph.text, span))
    return [Mention(s, p, entity) for (s, p), entity in zip(places, _entities(items))]
