"""Whitespace-and-punctuation tokens with offsets, and the proclitics a name can carry.

Punctuation glued to a word (`بكابول؛`) is its own token; harakat and tatweel stay inside the
word they mark, so offsets always point into the text as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from reader.entities.folding import folded_spelling

_TOKEN = re.compile(r"[\w\u064B-\u065F\u0670\u0640]+|[^\w\s]", re.UNICODE)
_SPLIT = re.compile(f"({_TOKEN.pattern})")
_MARK = re.compile(r"[\u064B-\u065F\u0670\u0640]")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    folded: str


@lru_cache(maxsize=64)
def tokenize(text: str) -> list[Token]:
    """Every word and punctuation mark of `text`, in order, with its folded spelling.

    Cached, because the recogniser and the consistency pass both read each paragraph: callers
    must not change the list they get.
    """
    # Built with C-level maps, no loop per token: `split` gives the gaps (spaces) and the tokens
    # in turn, so the running sum of their lengths is where each token starts and ends.
    parts = _SPLIT.split(text)
    bounds = list(accumulate(map(len, parts)))
    words = parts[1::2]
    # The namedtuple's own constructors are slower, and this makes the same tuples.
    spans = zip(bounds[0::2], bounds[1::2], words, map(folded_spelling, words), strict=False)
    return list(map(tuple.__new__, repeat(Token), spans))


def is_word(folded: str) -> bool:
    return folded[:1].isalnum() or folded[:1] == "_"


def proclitic_splits(folded: str) -> list[tuple[int, str]]:
    """Ways to read `folded` as proclitics + a word: (letters of proclitic, the word), longest first.

    `للامم` reads as ل + `الامم` (the alef of the article is not written after ل), so the
    word handed back is not always a suffix of the token.
    """
    splits: list[tuple[int, str]] = []
    rest, used = folded, 0
    if rest[:1] in ("و", "ف") and len(rest) > 3:
        rest, used = rest[1:], 1
        splits.append((used, rest))
    if rest.startswith("لل") and len(rest) > 4:
        splits.append((used + 2, "ال" + rest[2:]))
    elif rest[:1] in ("ب", "ك", "ل") and len(rest) > 3:
        splits.append((used + 1, rest[1:]))
    splits.reverse()
    return splits


def skip_letters(text: str, letters: int) -> int:
    """The offset in `text` after its first `letters` letters, counting no harakat or tatweel.

    Folding drops marks, so a proclitic of two folded letters can span more characters as written.
    """
    index = 0
    while letters and index < len(text):
        index += 1
        while index < len(text) and _MARK.match(text[index]):
            index += 1
        letters -= 1
    return index
