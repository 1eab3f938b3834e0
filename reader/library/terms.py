"""Search terms: a text folded (reader.arabic.normalize) and each word lightly stemmed.

The stemmer is Lucene's ArabicStemmer (Larkey, Ballesteros and Connell's light stemming) over
text already folded like Lucene's ArabicNormalizer: one prefix of ال وال بال كال فال لل, then
the suffixes ها ان ات ون ين يه ه ي, each at most once and in that order. Two changes: a stem
keeps at least three letters (so على and علي stay themselves instead of becoming عل), and a lone
و is not stripped (Lucene turns وزارة into زار and وزير into زير).

The lone clitics و ف ب ك ل are left on the word at index time (وزير, فلسطين, بيت, كتاب, لبنان
start with them); a query word instead asks for the index terms of all its clitic forms
(`query_stems`), so مدرسة finds ومدرسة, بمدرسة, فبالمدرسة and للمدرسة, and زار does not find وزارة.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.arabic.normalize import fold, fold_with_offsets

_WORD = re.compile(r"[^\W_]+")
# A word of unfolded text: letters and digits with the harakat and tatweel that folding drops.
_RAW_WORD = re.compile(r"[\u064B-\u065F\u0670\u0640]*[^\W_\u0640](?:[^\W_]|[\u064B-\u065F\u0670\u0640])*")
_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_MIN_STEM = 3
# The clitic forms a query word may take in text: a conjunction, then a preposition or the article.
_CONJUNCTIONS = ("", "و", "ف")
_PROCLITICS = ("", "ب", "ك", "ل", "ال", "بال", "كال", "لل")


def _stem(word: str) -> str:
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)]
    return word


class _Stems(dict[str, str]):
    """Folded word -> its stem, computed on first use; emptied when it holds too many. A plain
    dict's look-up, mapped over every word of a text, costs a third of an `lru_cache` hit."""

    def __missing__(self, word: str) -> str:
        found = _stem(word)
        if len(self) >= _KEPT:
            self.clear()
        self[word] = found
        return found


_KEPT = 200_000
_STEMS = _Stems()
_stems = _STEMS.__getitem__


def stem(word: str) -> str:
    """The light stem of one folded word."""
    return _STEMS[word]


def without_article(word: str) -> str:
    """A folded word without a leading (و|ف)?(ال|بال|كال|لل), however short what remains: for prefix queries."""
    for conjunction in ("و", "ف", ""):
        for proclitic in ("ال", "بال", "كال", "لل"):
            lead = conjunction + proclitic
            if word.startswith(lead) and len(word) > len(lead):
                return word[len(lead) :]
    return word


def text_terms(text: str) -> str:
    """The stems of a logical text's words, space-separated: what the full-text index holds for it."""
    return " ".join(map(_stems, _WORD.findall(fold(text))))


def query_stems(word: str) -> tuple[str, ...]:
    """The index terms a query word has in any of its clitic forms, the plain stem first."""
    folded = fold(word)
    base = without_article(folded) if len(without_article(folded)) >= _MIN_STEM else folded
    found = dict.fromkeys([stem(folded)])
    for conjunction in _CONJUNCTIONS:
        for proclitic in _PROCLITICS:
            found[stem(conjunction + proclitic + base)] = None
    return tuple(found)


def words(text: str) -> list[str]:
    """A query fragment's folded words."""
    return _WORD.findall(fold(text))


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Each word of `text` as (start, end, stem), offsets into `text` as given (harakat after a word included)."""
    folded, origins = fold_with_offsets(text)
    for match in _WORD.finditer(folded):
        start, end = match.span()
        yield origins[start], max(origins[end], origins[end - 1] + 1), _stems(match.group())


def word_offsets(text: str, terms: str) -> list[tuple[int, int]]:
    """The (start, end) of each word of `text`, given its `text_terms`: found by one regex over the
    text as it is (no folding) when that finds as many words, as it does but for odd cases."""
    spans = [match.span() for match in _RAW_WORD.finditer(text)]
    if len(spans) == len(terms.split()):
        return spans
    return [(start, end) for start, end, _ in word_spans(text)]
