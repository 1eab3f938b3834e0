"""Arabic shaping: logical letters to the presentation forms a terminal without shaping can draw.

The letters' forms and joining types are arabic-reshaper's (its letter table); the joining is
done here, for three reasons measured or met on real text:
- speed: `reshape()` costs 8-25 us a word (it reads a ConfigParser six times a call and steps
  through each letter in Python), which is most of `reader cat --visual`'s time on a large
  vocabulary. Here the words a paragraph brings that are not cached yet are shaped together,
  by a few regular-expression passes and table look-ups that run in C;
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
from typing import Literal, NamedTuple

from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL
from rich.cells import cell_len

Harakat = Literal["keep", "strip"]

ZWJ = "\u200d"
_STRIP_HARAKAT = {code: None for code in [*range(0x064B, 0x0660), 0x0670]}
# Marks arabic-reshaper treats as transparent (its HARAKAT_RE): a letter joins across them.
TRANSPARENT = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d4-\u08e1\u08e3-\u08ff"
)
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


def one_char_per_cell(text: str) -> str | None:
    """`text` without its zero-width Arabic marks, when every other character is one cell wide
    (most news text): its length is then `text`'s width in cells. None otherwise."""
    if _SINGLE_CELLS.fullmatch(text):
        return text
    text = ZERO_WIDTH_MARKS.sub("", text)
    return text if _SINGLE_CELLS.fullmatch(text) else None


def _joining_types() -> dict[int, str]:
    """D: joins on both sides; R: joins only the letter before it; I: a letter that never joins
    (hamza); T: transparent. Anything else is U (no letter: breaks joining), see _Types."""
    types: dict[int, str] = {}
    for letter, forms in LETTERS_ARABIC.items():
        types[ord(letter)] = "D" if forms[MEDIAL] else ("R" if forms[FINAL] else "I")
    for low, _dash, high in re.findall(r"(.)(-(.))?", TRANSPARENT):
        for code in range(ord(low), ord(high or low) + 1):
            types[code] = "T"
    return types


class _Types(dict[int, str]):
    """str.translate table: code point -> joining type letter; U for anything unlisted."""

    def __missing__(self, code: int) -> str:
        self[code] = "U"
        return "U"


class _Glyphs(dict[str, str]):
    """(character + its form letter) -> the glyph to draw; unlisted pairs draw the character."""

    def __missing__(self, pair: str) -> str:
        self[pair] = pair[0]
        return pair[0]


def _glyphs() -> _Glyphs:
    # Form letters after joining: b initial, m medial, f final; D, R and I stay isolated.
    glyphs = _Glyphs()
    for letter, forms in LETTERS_ARABIC.items():
        for form, index in (("D", ISOLATED), ("R", ISOLATED), ("I", ISOLATED), ("b", INITIAL), ("m", MEDIAL), ("f", FINAL)):
            if forms[index]:
                glyphs[letter + form] = forms[index]
    for form in "DbmfR":
        glyphs[ZWJ + form] = ""  # its work is the joining; it draws nothing
    glyphs["\u0621I"] = "\u0621"
    return glyphs


_TYPES = _Types(_joining_types())
_GLYPHS = _glyphs()
_JOINS_NEXT = re.compile(r"D(?=T*[DR])")
# On the reversed type string, where the letter before a letter comes after it:
_JOINS_PREVIOUS_ONLY = re.compile(r"[DR](?=T*b)")
_JOINS_BOTH = re.compile(r"b(?=T*b)")
# Lam (initial or medial), its marks, a final alef: the lam-alef ligature, isolated or final.
_LAM_ALEF = re.compile(f"([\ufedf\ufee0])([{TRANSPARENT}]*)([\ufe82\ufe84\ufe88\ufe8e])")
_LIGATURES = {
    lam + alef: chr(isolated + (lam == "\ufee0"))
    for alef, isolated in (("\ufe82", 0xFEF5), ("\ufe84", 0xFEF7), ("\ufe88", 0xFEF9), ("\ufe8e", 0xFEFB))
    for lam in ("\ufedf", "\ufee0")
}
_NEEDS_SHAPING = re.compile("[\u0620-\u06ff\u0750-\u077f\u08a0-\u08ff\u200d]")


def shape_words(words: list[str]) -> list[str]:
    """Each word (no spaces) in presentation forms, lam-alef ligated, ZWJs consumed."""
    batch = " ".join(words)
    if not _NEEDS_SHAPING.search(batch):
        return words
    forms = _JOINS_NEXT.sub("b", batch.translate(_TYPES))[::-1]
    forms = _JOINS_BOTH.sub("m", _JOINS_PREVIOUS_ONLY.sub("f", forms))[::-1]
    shaped = "".join(map(_GLYPHS.__getitem__, map(str.__add__, batch, forms)))
    shaped = _LAM_ALEF.sub(lambda m: _LIGATURES[m[1] + m[3]] + m[2], shaped)
    return shaped.split(" ")


class Drawn(NamedTuple):
    """A word as drawn. `advance` and `stride` (cells and characters, each plus one for the space
    after the word) are stored so that wrapping can sum them in C, without a Python step per word."""

    text: str
    cells: int
    advance: int
    stride: int


class WordCache(dict[str, Drawn]):
    """word -> the word as drawn: shaped when `join` (the app shapes), or only with harakat
    stripped (the terminal shapes). `fill` draws a paragraph's new words in one batch.

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
        """Draw and keep every word not drawn yet."""
        new = [word for word in set(words) if word not in self]
        if not new:
            return
        if len(self) > 500_000:  # a long session over many articles: start again rather than grow without end
            self.clear()
        drawn = [word.translate(_STRIP_HARAKAT) for word in new] if self.harakat == "strip" else new
        if self.join:
            drawn = shape_words(drawn)
        for word, text in zip(new, drawn):
            cells = len(text) if _SINGLE_CELLS.fullmatch(text) else cell_len(text)
            self[word] = Drawn(text, cells, cells + 1, len(word) + 1)
            self.texts[word] = text

    def __missing__(self, word: str) -> Drawn:
        self.fill((word,))
        return self[word]


_CACHES = {(harakat, join): WordCache(harakat, join) for harakat in ("keep", "strip") for join in (True, False)}


def word_cache(harakat: Harakat = "keep", join: bool = True) -> WordCache:
    """The shared cache of words as drawn, for one harakat choice; `join=False` leaves letters unshaped."""
    return _CACHES[(harakat, join)]


def shape_word(word: str, harakat: Harakat = "keep") -> str:
    """The presentation forms of one space-free word (cached)."""
    return _CACHES[(harakat, True)][word].text


def shape(text: str, harakat: Harakat = "keep") -> str:
    """Shape a line: each space-separated word on its own, spaces kept as they are."""
    words = _CACHES[(harakat, True)]
    parts = text.split(" ")
    words.fill(parts)
    return " ".join([words[word].text for word in parts])


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
