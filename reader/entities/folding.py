"""Spelling folds for matching names: hamza forms, ta marbuta, alef maqsura, harakat, tatweel.

The search normalisation's table (`reader.arabic.normalize.VARIANTS`: NFKC, then أإآٱ→ا, ى→ي,
ة→ه, no harakat or tatweel), applied a word at a time with a cache and without the search's case
folding, which names in Arabic script do not need.
"""

from __future__ import annotations

import unicodedata

from reader.arabic.normalize import VARIANTS


class _Folded(dict[str, str]):
    """Word -> its folded spelling, computed on first use; emptied when it holds too many."""

    def __missing__(self, word: str) -> str:
        folded = unicodedata.normalize("NFKC", word) if not word.isascii() else word
        folded = folded.translate(VARIANTS)
        if len(self) >= _KEPT:
            self.clear()
        self[word] = folded
        return folded


_KEPT = 200_000
_FOLDED = _Folded()
# `fold_word` without a Python call of its own: a dict look-up, for maps over every token.
folded_spelling = _FOLDED.__getitem__


def fold_word(word: str) -> str:
    """The folded spelling of `word`: `إسرائيلَ` and `اسرائيل` fold the same."""
    return _FOLDED[word]


def fold_name(name: str) -> str:
    """The folded form of a multi-word name, without the article on its first word.

    Keys use it so that `الأمم المتحدة` and the `أمم المتحدة` left after `للأمم` share one key.
    """
    words = [fold_word(w) for w in name.split()]
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)
