"""Keys that group the mentions of one entity across a text or an article.

A key is the folded name without its first article (`fold_name`). Places take the key of the
listed place they spell, so `بيلاروسيا` and `بيلاروس` share one through `data/variants.tsv`.
A one-word person or organisation mention takes the key of a longer mention of the same type
whose last word it is: `لافروف` after `سيرجي لافروف`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.entities.folding import fold_name
from reader.entities.lexicon import Lexicon


def assign(mentions: Sequence[tuple[str, str]], lexicon: Lexicon) -> list[str]:
    """The key of each (type, text) mention, given in reading order."""
    keys = [_own_key(kind, text, lexicon) for kind, text in mentions]
    full: dict[tuple[str, str], str] = {}
    for (kind, _), key in zip(mentions, keys, strict=True):
        words = key.split()
        if len(words) > 1:
            full.setdefault((kind, words[-1]), key)
    out = []
    for (kind, _), key in zip(mentions, keys, strict=True):
        out.append(full.get((kind, key), key) if kind != "LOC" and " " not in key else key)
    return out


def _own_key(kind: str, text: str, lexicon: Lexicon) -> str:
    key = fold_name(text)
    if kind == "LOC":
        for candidate in (key, "ال" + key):
            place = lexicon.places.get(candidate)
            if place is not None:
                return fold_name(place.key)
    return key
