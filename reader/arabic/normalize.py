"""Search folding for Arabic: find a word whatever its harakat, tatweel or alef and yeh variants.

Folding is NFKC (presentation forms and ligatures back to letters), then أ إ آ ٱ -> ا, ى -> ي,
ة -> ه, harakat (U+064B-U+065F, U+0670) and tatweel dropped, and Latin case folded. Each
character is folded on its own, so every folded character knows the original one it came from
and a match maps back to offsets in the original text. (pyarabic is not used: its
normalize_alef turns إلى into الا and normalize_hamza turns آمنة into ءءمنة.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

VARIANTS = str.maketrans(  # one table for search, entities and structure
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "\u0640": None}
    | {chr(code): None for code in [*range(0x064B, 0x0660), 0x0670]}
)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char).casefold().translate(VARIANTS)


_KEPT = 8192


class _FoldTable(dict[int, str]):
    """Code point -> its folded text, filled on first use: `str.translate` with it folds a whole
    text in one C loop, each character on its own as `_fold_char` does. It keeps the first
    `_KEPT` characters met (a text of every code point must not fill the memory)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _KEPT:
            self[code] = folded
        return folded


_FOLDS = _FoldTable()
# `str.translate` looks every character up in a dict, some 0.1 µs each: a third of an article's
# search terms. News text is mostly letters that fold to themselves, capitals that fold to their
# lower case, the six letters that fold to another (أ إ آ ٱ ى ة) and marks that fold to nothing; a
# text of those alone is folded by `str.lower`, six replaces and one removal, each one C loop. The
# sets are read off `_fold_char` itself over the ranges news is written in (ASCII and Latin-1,
# Arabic, general punctuation), so the fast way gives what `translate` gives for every text it
# takes; any other character (a presentation form, a no-break space) sends the text the slow way.
_RANGES = (*range(0x09, 0x0E), *range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x0600, 0x0700), *range(0x2000, 0x2070))
_LETTERS = "أإآٱىة"


def _runs(chars: str) -> str:
    """A regex character class's inside for `chars`, consecutive code points as ranges (a class of
    hundreds of single characters takes a millisecond more to compile)."""
    present = set(map(ord, chars))
    starts = sorted(code for code in present if code - 1 not in present)
    ends = sorted(code for code in present if code + 1 not in present)
    return "".join(
        re.escape(chr(start)) + ("-" + re.escape(chr(end)) if end > start else "")
        for start, end in zip(starts, ends, strict=True)
    )


@lru_cache(maxsize=1)
def _fast_way() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...], re.Pattern[str]]:
    """A character outside the fast way's alphabet, the letters it replaces with their folds, and
    the marks it drops; made on the first fold (2 ms), not at import, which tagging also does."""
    chars = list(map(chr, _RANGES))
    dropped = "".join(char for char in chars if _fold_char(char) == "" and char.lower() == char)
    # `lower` is applied to the whole text, so every other character must be its own lower case.
    same = "".join(char for char in chars if _fold_char(char) == char == char.lower())
    capitals = "".join(char for char in chars if _fold_char(char) == char.lower() != char)
    outside = re.compile("[^" + _runs(same + capitals + dropped + _LETTERS) + "]")
    return outside, tuple((char, _fold_char(char)) for char in _LETTERS), re.compile("[" + _runs(dropped) + "]")


def fold(text: str) -> str:
    """`text` folded for search (see the module docstring)."""
    outside, letters, marks = _fast_way()
    if outside.search(text) is not None:
        return text.translate(_FOLDS)
    text = text.lower()
    for char, folded in letters:
        text = text.replace(char, folded)
    return marks.sub("", text)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each folded character, the offset in `text` of the character it came from.

    The list has one more entry than the folded text: `len(text)`, so that a match ending at the
    end of the folded text maps to the end of `text`.
    """
    parts: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        if folded:
            parts.append(folded)
            origins.extend([index] * len(folded))
    origins.append(len(text))
    return "".join(parts), origins


def find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Non-overlapping matches of `needle` in `haystack`, ignoring harakat, tatweel and letter variants.

    Offsets are into `haystack` as given. A match takes in the harakat and tatweel that follow its
    last letter, so a highlight covers whole letters.
    """
    target = fold(needle)
    if not target:
        return []
    folded, origins = fold_with_offsets(haystack)
    matches: list[tuple[int, int]] = []
    at = folded.find(target)
    while at >= 0:
        end = at + len(target)
        matches.append((origins[at], max(origins[end], origins[end - 1] + 1)))
        at = folded.find(target, end)
    return matches
