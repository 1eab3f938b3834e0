"""Spelling folds for matching names: hamza forms, ta marbuta, alef maqsura, harakat, tatweel.

The search normalisation's table (`reader.arabic.normalize.VARIANTS`: NFKC, then أإآٱ→ا, ى→ي,
ة→ه, no harakat or tatweel), applied a word at a time with a cache and without the search's case
folding, which names in Arabic script do not need.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reader.arabic.normalize import VARIANTS


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """The folded spelling of `word`: `إسرائيلَ` and `اسرائيل` fold the same."""
    if not word.isascii():
        word = unicodedata.normalize("NFKC", word)
    return word.translate(VARIANTS)


def fold_name(name: str) -> str:
    """The folded form of a multi-word name, without the article on its first word.

    Keys use it so that `الأمم المتحدة` and the `أمم المتحدة` left after `للأمم` share one key.
    """
    words = [fold_word(w) for w in name.split()]
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)
