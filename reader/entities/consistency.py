"""One name, one reading across an article: later bare surnames and repeated names are mentions too.

A model sees a few words around each one, so it finds `سيرجي لافروف` and misses `كما أشار لافروف`
two paragraphs on. News writes a person's full name first and the surname after; this pass marks
every later use of a surname (with or without proclitics) and every repeat of a found name.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.entities.folding import fold, fold_text
from reader.entities.lexicon import Lexicon
from reader.entities.recognizer import Span
from reader.entities.tokens import Token, proclitic_splits, skip_letters, tokenize

_SHORTEST = 3  # letters: shorter surnames are too often words


def complete(items: Sequence[tuple[str, list[Span]]], lexicon: Lexicon) -> list[list[Span]]:
    """The spans of each (text, spans) item, with the repeats the recogniser missed added."""
    known: dict[str, str] = {}
    for text, spans in items:
        for span in spans:
            words = [fold(w) for w in text[span.start : span.end].split()]
            if span.type == "PER" and len(words) > 1 and len(words[-1]) >= _SHORTEST:
                known.setdefault(words[-1], "PER")
            if len(words) == 1 and len(words[0]) >= _SHORTEST:
                known.setdefault(words[0], span.type)
    for word in list(known):
        if word in lexicon.function_words or word in lexicon.titles:
            del known[word]
    if not known:
        return [list(spans) for _, spans in items]
    return [_add(text, spans, known) for text, spans in items]


def _add(text: str, spans: list[Span], known: dict[str, str]) -> list[Span]:
    # Usually every use of a known word is already found: count before tokenising the text.
    folded = fold_text(text)
    uses = sum(folded.count(word) for word in known)
    found = " ".join(text[s.start : s.end] for s in spans)
    if uses == 0 or uses <= sum(fold_text(found).count(word) for word in known):
        return list(spans)
    added = []
    for token in tokenize(text):
        found = _match(token, known)
        if found is None:
            continue
        start, kind = found
        if not any(s.start < token.end and start < s.end for s in spans):
            added.append(Span(start, token.end, kind))
    if not added:
        return list(spans)
    return sorted([*spans, *added], key=lambda s: s.start)


def _match(token: Token, known: dict[str, str]) -> tuple[int, str] | None:
    kind = known.get(token.folded)
    if kind is not None:
        return token.start, kind
    for used, rest in proclitic_splits(token.folded):
        kind = known.get(rest)
        if kind is not None:
            return token.start + skip_letters(token.text, used), kind
    return None
