"""One name, one reading across an article: later bare surnames and repeated names are mentions too.

A model sees a few words around each one, so it finds `سيرجي لافروف` and misses `كما أشار لافروف`
two paragraphs on. News writes a person's full name first and the surname after; this pass marks
every later use of a surname (with or without proclitics) and every repeat of a found name.

Before that, `agree` lets the mentions the model is sure of speak for the same name elsewhere in
the article: a name tagged with high confidence once is a mention wherever the model tagged it
with less (below its type's threshold), and wherever it is written again, several words and all.
A dictionary pass over the article, not a second model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from reader.entities.folding import fold_word
from reader.entities.lexicon import Lexicon
from reader.entities.recognizer import Span
from reader.entities.tokens import skip_letters, tokenize
from reader.types import EntityType

_SHORTEST = 3  # letters: shorter surnames are too often words
_PROCLITICS = ("", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")
# The confidence (the least marginal probability of its tags) at which a mention vouches for its name
# across the article, per type (MISC never), or its type's threshold if that asks more. Chosen by
# 5-fold cross-validation, articles of 15 sentences, on the first 80% of ANERcorp's training portion
# only: 0.6/0.6/0.7 gave F1 0.775 there
# (0.771 without the pass), 0.8 and 0.9 gave 0.774 and 0.773. Dropping a lone unsure mention that a
# sure one reads as another type changed no count in that cross-validation, so it is not done.
SURE = {"PER": 0.6, "LOC": 0.6, "ORG": 0.7}

Name = tuple[str, ...]


def agree(
    items: Sequence[tuple[str, list[tuple[Span, float]]]], thresholds: dict[str, float], lexicon: Lexicon
) -> list[list[Span]]:
    """The mentions of each (text, candidates with their confidence) item that reach `thresholds`
    or that a sure mention of the same name vouches for, sure names written again added."""
    named = [[(span, sure, _name(text, span)) for span, sure in found] for text, found in items]
    best: dict[Name, tuple[float, EntityType]] = {}
    for found in named:
        for span, sure, name in found:
            if (
                sure >= max(SURE.get(span.type, 2.0), thresholds.get(span.type, 0.0))
                and sure > best.get(name, (0.0, span.type))[0]
                and _speaks(name, lexicon)
            ):
                best[name] = (sure, span.type)
    seconds = _seconds(best)
    out = []
    for (text, _), found in zip(items, named, strict=True):
        kept = []
        for span, sure, name in found:
            vouched = best.get(name)
            if sure >= thresholds.get(span.type, 0.0) or (vouched is not None and vouched[1] == span.type):
                kept.append(span)
        out.append(_repeat(text, kept, seconds) if seconds else kept)
    return out


def _name(text: str, span: Span) -> Name:
    return tuple(fold_word(word) for word in text[span.start : span.end].split())


def _speaks(name: Name, lexicon: Lexicon) -> bool:
    """Whether a sure mention of `name` may vouch for it elsewhere: not a short or function word."""
    if len(name) > 1:
        return True
    return len(name[0]) >= _SHORTEST and name[0] not in lexicon.function_words and name[0] not in lexicon.titles


# A sure name of several words by its second word (as folded; only the first word takes
# proclitics): (its first word, the words after the second, its type). A text is searched for the
# second words, a C-level pass over its tokens; few tokens match, and only those are read further.
Seconds = dict[str, list[tuple[str, Name, EntityType]]]


def _seconds(best: dict[Name, tuple[float, EntityType]]) -> Seconds:
    seconds: Seconds = {}
    for name, (_, kind) in best.items():
        if len(name) > 1:
            seconds.setdefault(name[1], []).append((name[0], name[2:], kind))
    return seconds


def _repeat(text: str, spans: list[Span], seconds: Seconds) -> list[Span]:
    """`spans` with each untagged writing of a sure name of several words (`seconds`) added."""
    tokens = tokenize(text)
    added: list[Span] = []
    for i in compress(count(), map(seconds.__contains__, map(itemgetter(3), tokens))):
        if not i:
            continue
        before = tokens[i - 1]
        for first, rest, kind in seconds[tokens[i].folded]:
            proclitic = _written(first).get(before.folded)
            last = i + len(rest)
            if (
                proclitic is not None
                and last < len(tokens)
                and tuple(t.folded for t in tokens[i + 1 : last + 1]) == rest
            ):
                start = before.start + skip_letters(before.text, proclitic)
                end = tokens[last].end
                if not any(s.start < end and start < s.end for s in [*spans, *added]):
                    added.append(Span(start, end, kind))
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: s.start)


@lru_cache(maxsize=4096)
def _written(word: str) -> Mapping[str, int]:
    """Each way `word` can be written with proclitics -> the proclitic's letters. Cached: an
    article's names are spelled out for each of its texts, and the same names recur in the next
    (callers read it, never change it)."""
    forms = {proclitic + word: len(proclitic) for proclitic in _PROCLITICS}
    if word.startswith("ال"):
        forms.update((proclitic + word[2:], len(proclitic)) for proclitic in ("لل", "ولل", "فلل"))
    return forms


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
        for form, proclitic in _written(word).items():
            forms.setdefault(form, (proclitic, kind))
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
