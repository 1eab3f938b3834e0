"""Arabic joining for a whole text at once: each letter's presentation form, lam-alef ligated.

A letter's form depends on its neighbours: it joins the letter before it when that one joins
forward, and the letter after it when that one joins backward; marks between them are
transparent, a ZWJ joins both ways and draws nothing. Stepping through the letters in Python
costs about 100 ns each, and regular expressions over joining types make one substitution per
letter. Here every UTF-16 code unit of the text is one byte of a few big integers (its low byte,
its high byte, "joins forward", "joins backward", "transparent"), a neighbour is a shift by eight
bits, and the forms of a 5 MB text take some forty passes in C. The letters, their joining types
and their forms are arabic-reshaper's table (only lam-alef is ligated: see shaping.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL

ZWJ = "\u200d"
# Marks arabic-reshaper treats as transparent (its HARAKAT_RE): a letter joins across them.
TRANSPARENT = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d4-\u08e1\u08e3-\u08ff"
_NEEDS_SHAPING = re.compile("[\u0620-\u06ff\u0750-\u077f\u08a0-\u08ff\u200d]")
# Texts shaped together by `shape_texts`: big integers of this many bytes stay in the processor's
# cache, and one pass over 5 MB takes 2.5 times as long as 300 passes over 16 KB (measured).
_CHUNK = 16_384
_SEPARATOR = "\u2029"  # joins nothing
_GONE = "\uffff"  # what a consumed ZWJ or a ligated alef becomes until it is removed
# Form numbers: the sum of "joins the letter before" (1) and "joins the letter after" (2).
_FORMS = ((0, ISOLATED), (1, FINAL), (2, INITIAL), (3, MEDIAL))
_LIGATED_ALEFS = {"\u0622": 1, "\u0623": 2, "\u0625": 3, "\u0627": 4}  # their ligatures: U+FEF5 + 2 * (kind - 1)


def _byte_table(values: dict[int, int]) -> bytes:
    table = bytearray(256)
    for index, value in values.items():
        table[index] = value
    return bytes(table)


def _transparent_codes() -> list[int]:
    codes: list[int] = []
    for low, _dash, high in re.findall(r"(.)(-(.))?", TRANSPARENT):
        codes.extend(range(ord(low), ord(high or low) + 1))
    return codes


# Bits of a code unit's class, by its low byte (in U+06xx) or its slot (a letter's first form's
# index in the glyph tables plus its form number).
_FORWARD, _BACKWARD, _LETTER, _TRANSPARENT = 1, 2, 4, 8
_LAM_JOINED, _LAM_MEDIAL = 1, 2  # and the kind of a ligated alef (1-4) in bits 2-4


class _Tables:
    """bytes.translate tables: one pass gives each code unit its class bits, or its glyph."""

    def __init__(self) -> None:
        classes: dict[int, int] = {}
        slot, glyph_low, glyph_high, lam_alef = {}, {}, {}, {}
        next_slot = 0
        for char, forms in sorted(LETTERS_ARABIC.items()):
            code = ord(char)
            if code >> 8 != 0x06:
                continue  # ZWJ, handled on its own
            low = code & 0xFF
            kind = "D" if forms[MEDIAL] else ("R" if forms[FINAL] else "I")
            classes[low] = _LETTER | (_FORWARD if kind == "D" else 0) | (_BACKWARD if kind != "I" else 0)
            slot[low] = next_slot
            for number, index in _FORMS[: {"D": 4, "R": 2, "I": 1}[kind]]:
                glyph = char if char == "\u0621" else forms[index] or char  # a lone hamza stays U+0621
                glyph_low[next_slot + number] = ord(glyph) & 0xFF
                glyph_high[next_slot + number] = ord(glyph) >> 8
            if char == "\u0644":
                lam_alef[next_slot + 2] = _LAM_JOINED
                lam_alef[next_slot + 3] = _LAM_JOINED | _LAM_MEDIAL
            if char in _LIGATED_ALEFS:
                lam_alef[next_slot + 1] = _LIGATED_ALEFS[char] << 2
            next_slot += {"D": 4, "R": 2, "I": 1}[kind]
        if next_slot > 256:
            raise RuntimeError(f"arabic-reshaper lists more letter forms ({next_slot}) than a byte can number")
        for code in _transparent_codes():
            if code >> 8 == 0x06:
                classes[code & 0xFF] = _TRANSPARENT
        self.classes_06, self.slot = _byte_table(classes), _byte_table(slot)
        self.glyph_low, self.glyph_high = _byte_table(glyph_low), _byte_table(glyph_high)
        self.lam_alef = _byte_table(lam_alef)
        self.transparent_08 = _byte_table({c & 0xFF: 1 for c in _transparent_codes() if c >> 8 == 0x08})
        self.is_06, self.is_08 = _byte_table({0x06: 1}), _byte_table({0x08: 1})
        self.is_20, self.is_0d = _byte_table({0x20: 1}), _byte_table({0x0D: 1})


_T = _Tables()


def _number(data: bytes) -> int:
    """One byte per code unit as one integer: unit i is bits 8i..8i+7 (little-endian), so
    `x << 8` gives each unit the byte of the unit before it and `x >> 8` that of the unit after."""
    return int.from_bytes(data, "little")


def _spread(values: int, through: int, forward: bool) -> int:
    """`values` carried across runs of `through` units (0xFF bytes): from the unit before a run when
    `forward`, else from the unit after it. Doubling steps, so a run of any length costs log2 passes."""
    reach, step = through, 8
    while reach:
        values |= reach & ((values << step) if forward else (values >> step))
        reach &= (reach << step) if forward else (reach >> step)
        step *= 2
    return values


def _nonzero(values: int, ones: int) -> int:
    """1 in each byte of `values` (each below 8) that is not 0; `ones` has a 1 in every such byte."""
    return (values | (values >> 1) | (values >> 2)) & ones


def shape_text(text: str) -> str:
    """`text` in presentation forms, lam-alef ligated, ZWJs consumed.

    Args:
        text: logical text of any length (a paragraph, or many joined by `_SEPARATOR`).

    Returns:
        The same text with each Arabic letter in the form its neighbours give it (anything but a
        letter, a ZWJ or a transparent mark breaks joining): as long as `text`, except that a
        lam-alef pair becomes one ligature and a ZWJ disappears.

    The masks are integers with one byte per UTF-16 code unit (see `_number`):
        `letters`, `forward`, `backward`, `transparent`, `zwj`: 1 in each unit's byte that is a
            letter of U+06xx, joins the next letter, joins the previous one, is a transparent
            mark, is a ZWJ (a ZWJ joins both ways); after `_spread`, joining reaches across
            runs of transparent marks.
        `form`: 0 isolated, 1 final (joined to the unit before), 2 initial (joined to the unit
            after), 3 medial: `_FORMS`'s numbers, added to the letter's slot to pick its glyph.
        `x * 0xFF`: a 0/1 mask widened to 0x00/0xFF bytes, for selections `a ^ ((a ^ b) & mask)`,
            which take b where the mask's bytes are 0xFF and a elsewhere.
        `lam_alef`, `ligated`, `gone`: joined lams with the kind of alef after them (1-4), the
            lams that become ligatures, and the units (alefs, ZWJs) dropped from the result.
    """
    if not _NEEDS_SHAPING.search(text):
        return text
    if _GONE in text:  # U+FFFF joins nothing, so the pieces around it shape alone
        return _GONE.join(map(shape_text, text.split(_GONE)))
    units = text.encode("utf-16-le", "surrogatepass")
    size = len(units) // 2
    low, high = units[0::2], units[1::2]
    in_06 = _number(high.translate(_T.is_06))
    classes = _number(low.translate(_T.classes_06)) & (in_06 * 0x0F)
    letters = (classes >> 2) & in_06
    forward = classes & in_06
    backward = (classes >> 1) & in_06
    transparent = (classes >> 3) & in_06
    if b"\x08" in high:
        transparent |= _number(low.translate(_T.transparent_08)) & _number(high.translate(_T.is_08))
    zwj = _number(low.translate(_T.is_0d)) & _number(high.translate(_T.is_20)) if ZWJ in text else 0
    forward |= zwj
    backward |= zwj
    through = transparent * 0xFF
    if through:
        forward = _spread(forward, through, True)
        backward = _spread(backward, through, False)
    form = ((backward & (forward << 8)) | ((forward & (backward >> 8)) << 1)) & (letters * 3)
    keys = (_number(low.translate(_T.slot)) + form).to_bytes(size, "little")
    is_letter = letters * 0xFF
    out_low = _number(low)
    out_low ^= (out_low ^ _number(keys.translate(_T.glyph_low))) & is_letter
    out_high = _number(high)
    out_high ^= (out_high ^ _number(keys.translate(_T.glyph_high))) & is_letter
    gone = zwj
    lam_alef = _number(keys.translate(_T.lam_alef)) & is_letter
    lams = lam_alef & letters
    if lams:
        alefs = (lam_alef >> 2) & (letters * 7)  # each final alef's kind, 1-4
        ahead = _spread(alefs, through, False) if through and lams & (transparent >> 8) else alefs
        kind = (ahead >> 8) & (lams * 0xFF)  # at a joined lam: the kind of the alef after it, if any
        ligated = _nonzero(kind, letters)
        mask = ligated * 0xFF
        medial = (lam_alef >> 1) & ligated
        out_low ^= (out_low ^ (ligated * 0xF3 + (kind << 1) + medial)) & mask
        out_high ^= (out_high ^ (ligated * 0xFE)) & mask
        lam_before = _spread(ligated, through, True) if through and ligated & (transparent >> 8) else ligated
        gone |= _nonzero(alefs, letters) & (lam_before << 8)
    if gone:
        out_low |= gone * 0xFF
        out_high |= gone * 0xFF
    shaped = bytearray(2 * size)
    shaped[0::2] = out_low.to_bytes(size, "little")
    shaped[1::2] = out_high.to_bytes(size, "little")
    result = shaped.decode("utf-16-le", "surrogatepass")
    return result.replace(_GONE, "") if gone else result


def shape_texts(texts: Sequence[str]) -> list[str]:
    """`shape_text` of each text, shaped a chunk of texts at a time."""
    shaped: list[str] = []
    start = size = 0
    for end, text in enumerate(texts, start=1):
        size += len(text) + 1
        if size >= _CHUNK or end == len(texts):
            chunk = texts[start:end]
            pieces = shape_text(_SEPARATOR.join(chunk)).split(_SEPARATOR)
            shaped.extend(pieces if len(pieces) == len(chunk) else map(shape_text, chunk))
            start, size = end, 0
    return shaped
