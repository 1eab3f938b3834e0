"""Named entities in Arabic news: who, where, which organisation.

Importing this package loads nothing: the recogniser (its model and word lists) is read on the
first call, in a few tens of milliseconds, and shared by every thread afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.collector import no_cycle_collection
from reader.entities.recognizer import (
    Recognizer,
    RecognizerUnavailable,
    ScoredRecognizer,
    Span,
    get,
    scores,
    select,
    selected,
)
from reader.model import Article, Entity

__all__ = [
    "Mention",
    "Recognizer",
    "RecognizerUnavailable",
    "ScoredRecognizer",
    "Span",
    "article_entities",
    "document_entities",
    "find_entities",
    "get",
    "select",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity found in an article, with where it stands: `entity.start` is paragraph-relative."""

    section: int
    paragraph: int
    entity: Entity


def _entities(texts: Sequence[str], recognizer: Recognizer) -> list[list[Entity]]:
    """Entities of each text of one document, found, made to agree, completed and keyed together."""
    # Imported here so that importing the package stays free; the lexicon is shared and cached.
    from reader.entities import consistency, keys
    from reader.entities.lexicon import shared

    lexicon = shared()
    if scores(recognizer):  # its mentions come with their confidence
        scored = [(text, recognizer.scored(text)) for text in texts]
        agreed = consistency.agree(scored, recognizer.thresholds, lexicon)
        found = list(zip(texts, agreed, strict=True))
    else:
        found = [(text, recognizer.spans(text)) for text in texts]
    completed = consistency.complete(found, lexicon)
    items = [(text, span) for (text, _), spans in zip(found, completed, strict=True) for span in spans]
    mentions = [(span.type, text[span.start : span.end]) for text, span in items]
    entities = iter(
        Entity(span.start, span.end, span.type, mention, key)
        for (_, span), (_, mention), key in zip(items, mentions, keys.assign(mentions, lexicon), strict=True)
    )
    return [[next(entities) for _ in spans] for spans in completed]


def _recognizer(recognizer: str | Recognizer | None) -> Recognizer:
    if recognizer is None:
        return selected()
    return get(recognizer) if isinstance(recognizer, str) else recognizer


def find_entities(text: str, recognizer: str | Recognizer | None = None) -> list[Entity]:
    """Every PER, LOC, ORG (and MISC) mention of a logical text, in order, keyed within the text."""
    with no_cycle_collection():
        return _entities([text], _recognizer(recognizer))[0]


def document_entities(texts: Sequence[str], recognizer: str | Recognizer | None = None) -> list[list[Entity]]:
    """The mentions of each text of one document (an article's paragraphs), read together: a name
    found in one text is found again in the others, and keys are shared across all of them."""
    with no_cycle_collection():
        return _entities(texts, _recognizer(recognizer))


def article_entities(article: Article, recognizer: str | Recognizer | None = None) -> list[Mention]:
    """Every mention in the article's paragraphs, with keys shared across the whole article."""
    paragraphs = article.paragraphs()
    entities = document_entities([paragraph.text for _, _, paragraph in paragraphs], recognizer)
    return [
        Mention(s, p, entity)
        for (s, p, _), found_here in zip(paragraphs, entities, strict=True)
        for entity in found_here
    ]
