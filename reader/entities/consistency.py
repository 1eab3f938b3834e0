"""One name, one reading across an article: later bare surnames and repeated names are mentions too.

A model sees a few words around each one, so it finds `سيرجي لافروف` and misses `كما أشار لافروف`
two paragraphs on. News writes a person's full name first and the surname after; this pass marks
every later use of a surname (with or without proclitics) and every repeat of a found name.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import itemgetter

from reader.entities.folding import fold_word
from reader.entities.lexicon import Lexicon
from reader.entities.recognizer import Span
from reader.entities.tokens import skip_letters, tokenize
from reader.types import EntityType

_SHORTEST = 3  # letters: shorter surnames are too often words
_PROCLITICS = ("", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")


def complete(items: Sequence[tuple[str, list[Span]]], lexicon: Lexicon) -> list[list[Span]]:
    """The spans of each (text, spans) item, with the repeats the recogniser missed added."""
    known: dict[str, EntityType] = {}
    for text, spans in items:
        for span in spans:
            words = [fold_word(w) for w in text[span.start : span.end].split()]
            if span.type == "PER" and len(words) > 1 and len(words[-1]) >= _SHORTEST:
                known.setdefault(words[-1], "PER")
            if len(words) == 1 and len(words[0]) >= _SHORTEST:
                known.setdefault(words[0], span.type)
    for word in list(known):
        if word in lexicon.function_words or word in lexicon.titles:
            del known[word]
    if not known:
        return [list(spans) for _, spans in items]
    forms = _forms(known)
    return [_add(text, spans, forms) for text, spans in items]


def _forms(known: dict[str, EntityType]) -> dict[str, tuple[int, EntityType]]:
    """Every way a known word can be written with proclitics: form -> (proclitic letters, type)."""
    forms: dict[str, tuple[int, EntityType]] = {}
    for word, kind in known.items():
        for proclitic in _PROCLITICS:
            forms.setdefault(proclitic + word, (len(proclitic), kind))
        if word.startswith("ال"):
            for proclitic in ("لل", "ولل", "فلل"):
                forms.setdefault(proclitic + word[2:], (len(proclitic), kind))
    return forms


def _add(text: str, spans: list[Span], forms: dict[str, tuple[int, EntityType]]) -> list[Span]:
    added = []
    tokens = tokenize(text)
    # Only the few tokens that spell a known word are looked at one by one.
    for token in compress(tokens, map(forms.__contains__, map(itemgetter(3), tokens))):
        found = forms[token.folded]
        start = token.start + skip_letters(token.text, found[0])
        if not any(s.start < token.end and start < s.end for s in spans):
            added.append(Span(start, token.end, found[1]))
    if not added:
        return list(spans)
    return sorted([*spans, *added], key=lambda s: s.start)
