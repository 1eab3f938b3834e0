"""Spelling folds for matching names: hamza forms, ta marbuta, alef maqsura, harakat, tatweel.

The same table as the search normalisation (ARABIC.md: NFKC, then أإآٱ→ا, ى→ي, ة→ه, no harakat
or tatweel), kept here so that the recogniser does not wait on, or break with, the search code.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_TABLE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "\u0640": None,  # tatweel
        **{chr(c): None for c in range(0x064B, 0x0660)},  # harakat
        "\u0670": None,  # superscript alef
    }
)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The folded spelling of `word`: `إسرائيلَ` and `اسرائيل` fold the same."""
    if not word.isascii():
        word = unicodedata.normalize("NFKC", word)
    return word.translate(_TABLE)


def fold_text(text: str) -> str:
    """`fold` for running text: not cached, since texts seldom repeat."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_TABLE)


def fold_name(name: str) -> str:
    """The folded form of a multi-word name, without the article on its first word.

    Keys use it so that `الأمم المتحدة` and the `أمم المتحدة` left after `للأمم` share one key.
    """
    words = [fold(w) for w in name.split()]
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)
