"""Whitespace-and-punctuation tokens with offsets, and the proclitics a name can carry.

Punctuation glued to a word (`بكابول؛`) is its own token; harakat and tatweel stay inside the
word they mark, so offsets always point into the text as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from reader.entities.folding import fold_word

_TOKEN = re.compile(r"[\w\u064B-\u065F\u0670\u0640]+|[^\w\s]", re.UNICODE)
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
    tokens = []
    position = 0
    find = text.find
    new = tuple.__new__  # the namedtuple's own constructors are slower, and this is the same tuple
    for word in _TOKEN.findall(text):
        start = find(word, position)
        position = start + len(word)
        tokens.append(new(Token, (start, position, word, fold_word(word))))
    return tokens


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
