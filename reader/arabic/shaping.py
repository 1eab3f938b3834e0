"""Arabic shaping: logical letters to the presentation forms a terminal without shaping can draw.

The letters' forms and joining types are arabic-reshaper's (its letter table); the joining is
done here, for three reasons measured or met on real text:
- speed: `reshape()` costs 8-25 us a word (it reads a ConfigParser six times a call and steps
  through each letter in Python), which is most of `reader cat --visual`'s time on a large
  vocabulary. Here a whole text (or the words a paragraph brings that are not cached yet) is
  shaped at once by passes that run in C (joining.py);
- its defects: a ZWJ before lam-alef raises IndexError, and word ligatures such as ALLAH (U+FDF2)
  are drawn wider than one cell by real fonts. Only lam-alef is ligated here, and a ZWJ joins;
- a lone hamza is left as U+0621 (what FriBidi prints; arabic-reshaper's U+FE80 is drawn the same).
tests/test_arabic_shaping.py checks the result against arabic-reshaper itself (configured with
lam-alef as its only ligature) on every word of the sample articles and the ANERcorp news.
Shaping is local to a word (a space never joins), so words are shaped once and cached.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len

from reader.arabic.joining import shape_text
from reader.types import HARAKAT, Harakat

_HARAKAT = re.compile("[\u064b-\u065f\u0670]")  # the short-vowel marks `--harakat strip` drops
# Lam, any harakat, then an alef: the letters arabic-reshaper draws as one lam-alef ligature.
_LAM_ALEF = re.compile("\u0644[\u064b-\u065f\u0670]*[\u0622\u0623\u0625\u0627]")
# Characters one cell wide, to skip measuring the common word: printable ASCII and Latin-1,
# Arabic letters, punctuation and digits, general punctuation, the Arabic presentation forms.
_SINGLE_CELLS = re.compile(
    "[ -~\u00a1-\u02ff\u0600-\u060f\u061b\u061d-\u064a\u0660-\u066f\u0671-\u06d5\u2010-\u2027\u2030-\u205e"
    "\ufb50-\ufdff\ufe70-\ufefc]*"
)
# The transparent marks that take no cell of their own (U+06E5/U+06E6, small waw and yeh, do).
# One mark a match, no `+`: a pattern opening with a repeat makes `re` try every character.
ZERO_WIDTH_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08d4-\u08e1\u08e3-\u08ff]"
)


def one_char_per_cell(text: str, unusual: str | None = None) -> str | None:
    """`text` without its zero-width Arabic marks, when every other character is one cell wide
    (most news text): its length is then `text`'s width in cells. None otherwise.

    `unusual`, when given, holds every character of `text` that may not be one cell wide
    (`bidi.unusual_characters`): then only those few are checked.
    """
    checked = text if unusual is None else unusual
    if _SINGLE_CELLS.fullmatch(checked):
        return text
    if unusual is not None and not _SINGLE_CELLS.fullmatch(ZERO_WIDTH_MARKS.sub("", unusual)):
        return None
    text = ZERO_WIDTH_MARKS.sub("", text)
    return text if unusual is not None or _SINGLE_CELLS.fullmatch(text) else None


def strip_harakat(text: str) -> str:
    """`text` without its short-vowel marks (harakat), as `--harakat strip` draws it."""
    return _HARAKAT.sub("", text)


def shape_words(words: list[str]) -> list[str]:
    """Each word (no spaces) in presentation forms, lam-alef ligated, ZWJs consumed."""
    return shape_text(" ".join(words)).split(" ")


class Drawn(NamedTuple):
    """A word as drawn. `advance` and `stride` (cells and characters, each plus one for the space
    after the word) are stored so that wrapping can sum them in C, without a Python step per word."""

    text: str
    cells: int
    advance: int
    stride: int


class WordCache(dict[str, Drawn]):
    """word -> the word as drawn: shaped when `join` (the app shapes), or only with harakat
    stripped (the terminal shapes; a word with lam-alef shaped too, see `fill`). `fill` draws a
    paragraph's new words in one batch.

    `texts` maps each word straight to its drawn text: a paragraph is then drawn by one
    `" ".join(map(texts.__getitem__, words))`, one look-up a word instead of three C calls
    (look-up, None check, field access), about a tenth of `reader cat --visual`'s layout time.
    """

    def __init__(self, harakat: Harakat, join: bool) -> None:
        super().__init__()
        self.harakat = harakat
        self.join = join
        self.texts: dict[str, str] = {}

    def clear(self) -> None:
        super().clear()
        self.texts.clear()

    def fill(self, words: Iterable[str]) -> None:
        """Draw and keep every word not drawn yet, as a batch: a few C passes, not a Python step
        per word (the first screen of a large vocabulary is mostly new words)."""
        new = list(set(words).difference(self.texts))
        if not new:
            return
        if len(self) > 500_000:  # a long session over many articles: start again rather than grow without end
            self.clear()
        drawn = list(map(strip_harakat, new)) if self.harakat == "strip" else new
        if self.join:
            drawn = shape_words(drawn)
        else:
            # The terminal shapes, but mlterm and Konsole draw a logical lam-alef in one cell, where
            # Rich counts two: every column after it would shift. A word holding one goes out in its
            # presentation forms, still in logical order (one character, one cell, as both draw it).
            drawn = list(drawn)  # not `new` itself, whose words are the keys
            ligated = [index for index, text in enumerate(drawn) if _LAM_ALEF.search(text)]
            if ligated:
                for index, text in zip(ligated, shape_words([drawn[index] for index in ligated]), strict=True):
                    drawn[index] = text
        if _SINGLE_CELLS.fullmatch(" ".join(drawn)):
            cells = list(map(len, drawn))
        else:
            cells = [len(text) if _SINGLE_CELLS.fullmatch(text) else cell_len(text) for text in drawn]
        strides = [len(word) + 1 for word in new]
        self.update(zip(new, map(Drawn, drawn, cells, map((1).__add__, cells), strides), strict=True))
        self.texts.update(zip(new, drawn, strict=True))

    def __missing__(self, word: str) -> Drawn:
        self.fill((word,))
        return self[word]


_CACHES = {(harakat, join): WordCache(harakat, join) for harakat in HARAKAT for join in (True, False)}


def word_cache(harakat: Harakat = "keep", join: bool = True) -> WordCache:
    """The shared cache of words as drawn, for one harakat choice; `join=False` leaves letters unshaped."""
    return _CACHES[(harakat, join)]


def shape_word(word: str, harakat: Harakat = "keep") -> str:
    """The presentation forms of one space-free word (cached)."""
    return _CACHES[(harakat, True)][word].text


@lru_cache(maxsize=65536)
def source_map(word: str, drawn: str) -> tuple[int, ...]:
    """For each character of `drawn` (the word as a WordCache draws it), its offset in `word`.

    A lam-alef ligature is drawn from its lam; a haraka between lam and alef still maps to
    itself. Needed only where styles must follow glyphs (entities, search hits in the app).
    """
    used = [False] * len(word)
    out: list[int] = []
    start = 0
    for glyph in drawn:
        bases = unicodedata.normalize("NFKC", glyph) if "\ufb50" <= glyph <= "\ufefc" else glyph
        first = -1
        for base in bases:
            j = start
            while j < len(word) and (used[j] or word[j] != base):
                j += 1
            if j < len(word):
                used[j] = True
                if first < 0:
                    first = j
        out.append(first if first >= 0 else min(start, len(word) - 1))
        while start < len(word) and used[start]:
            start += 1
    return tuple(out)
