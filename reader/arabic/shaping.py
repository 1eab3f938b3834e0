"""Arabic shaping: logical letters to the presentation forms a terminal without shaping can draw.

arabic-reshaper does the joining. Around it this module fixes what a terminal reader needs:
- its ConfigParser is read on every call (about 70% of the cost), so the options are read once;
- word ligatures such as ALLAH (U+FDF2) are drawn wider than one cell by real fonts, so every
  ligature but lam-alef is off;
- a ZWJ before lam-alef raises IndexError (its ligature offsets skip the ZWJ it drops), so a ZWJ
  is shaped as a tatweel, which joins the same way, and that tatweel is then dropped;
- a lone hamza comes back as U+FE80; it is given back as U+0621, which is drawn the same and is
  what FriBidi prints.
Shaping is local to a word (a space never joins), so words are shaped once and cached.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, NamedTuple

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.ligatures import LIGATURES
from rich.cells import cell_len

Harakat = Literal["keep", "strip"]

ZWJ = "\u200d"
TATWEEL = "\u0640"
HARAKAT = "\u064b-\u065f\u0670"
HARAKAT_RE = re.compile(f"[{HARAKAT}]")
_STRIP_HARAKAT = {code: None for code in [*range(0x064B, 0x0660), 0x0670]}
# Characters one cell wide, to skip measuring the common word: printable ASCII and Latin-1,
# Arabic letters, punctuation and digits, and the Arabic presentation forms.
_SINGLE_CELLS = re.compile("[ -~\u00a1-\u02ff\u0600-\u060f\u061b\u061d-\u064a\u0660-\u066f\u0671-\u06d5\ufb50-\ufdff\ufe70-\ufefc]*")
_HAMZA_AS_FRIBIDI = str.maketrans({"\ufe80": "\u0621"})
# Letters arabic-reshaper shapes; a word without any is returned as it is.
_ARABIC_LETTER_RE = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_LAM_ALEF = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)


class _OptionsReadOnce:
    """The `get`/`getboolean` face of arabic-reshaper's ConfigParser section, answered from dicts.

    reshape() asks six options per call; bound dict look-ups answer without a Python frame.
    Keys are stored as given and lower-cased, since ConfigParser lower-cases them.
    """

    def __init__(self, section) -> None:  # noqa: ANN001 - a configparser.SectionProxy
        values = {key: value for name, value in section.items() for key in (name, name.upper())}
        booleans = {
            key: section.getboolean(name) for name in section if name != "language" for key in (name, name.upper())
        }
        self.get = values.get
        self.getboolean = booleans.__getitem__


def _reshaper() -> ArabicReshaper:
    ligatures = {name: name in _LAM_ALEF for name, _forms in LIGATURES}
    reshaper = ArabicReshaper(
        configuration={
            "delete_harakat": False,
            "shift_harakat_position": False,  # True puts a haraka before a lam-alef in visual order
            "delete_tatweel": False,
            "support_zwj": False,  # ZWJ never reaches it: see _shape_uncached
            "support_ligatures": True,
            **ligatures,
        }
    )
    reshaper.configuration = _OptionsReadOnce(reshaper.configuration)
    return reshaper


_RESHAPER = _reshaper()


def _shape_uncached(word: str, harakat: Harakat) -> str:
    if harakat == "strip":
        word = word.translate(_STRIP_HARAKAT)
    if not _ARABIC_LETTER_RE.search(word):
        return word
    if ZWJ not in word:
        return _RESHAPER.reshape(word).translate(_HAMZA_AS_FRIBIDI)
    # A tatweel joins on both sides, as a ZWJ asks; arabic-reshaper never merges or moves one,
    # so the n-th tatweel out is the n-th tatweel in, and those that were ZWJs are dropped.
    from_zwj = [char == ZWJ for char in word if char in (ZWJ, TATWEEL)]
    shaped = _RESHAPER.reshape(word.replace(ZWJ, TATWEEL)).translate(_HAMZA_AS_FRIBIDI)
    pieces = shaped.split(TATWEEL)
    out = [pieces[0]]
    for was_zwj, piece in zip(from_zwj, pieces[1:]):
        out.append(piece if was_zwj else TATWEEL + piece)
    return "".join(out)


class Drawn(NamedTuple):
    """A word as drawn. `advance` and `stride` (cells and characters, each plus one for the space
    after the word) are stored so that wrapping can sum them in C, without a Python step per word."""

    text: str
    cells: int
    advance: int
    stride: int


class WordCache(dict[str, Drawn]):
    """word -> the word as drawn: shaped when `join` (the app shapes), or only with harakat
    stripped (the terminal shapes); a miss is computed once."""

    def __init__(self, harakat: Harakat, join: bool) -> None:
        super().__init__()
        self.harakat = harakat
        self.join = join

    def __missing__(self, word: str) -> Drawn:
        if self.join:
            drawn = _shape_uncached(word, self.harakat)
        else:
            drawn = word.translate(_STRIP_HARAKAT) if self.harakat == "strip" else word
        cells = len(drawn) if _SINGLE_CELLS.fullmatch(drawn) else cell_len(drawn)
        value = Drawn(drawn, cells, cells + 1, len(word) + 1)
        if len(self) > 500_000:  # a long session over many articles: start again rather than grow without end
            self.clear()
        self[word] = value
        return value


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
    return " ".join([words[word].text for word in text.split(" ")])


def source_map(word: str, drawn: str) -> list[int]:
    """For each character of `drawn` (the word as a WordCache draws it), its offset in `word`.

    A lam-alef ligature is drawn from its lam; a haraka between lam and alef still maps to
    itself. Used only when styles must follow glyphs, so it is not cached.
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
    return out
