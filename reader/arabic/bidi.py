"""The Unicode Bidirectional Algorithm (UAX #9) for paragraphs of sanitised text, line by line.

Why not python-bidi alone: its Rust build (0.6) returns only the display string. It does not
mirror brackets (rule L4 needs each character's resolved level), it gives no map from display
positions back to logical ones (styles must follow their glyphs), and its levels are reachable
only through `debug=True`, a Rust debug dump per UTF-8 byte that costs 15x its `get_display`.

Sanitised text holds no embeddings, overrides or isolates (reader.sanitize removes them), so
rules X1-X10 leave one isolating run sequence per paragraph at the paragraph level. W1-W7,
N0-N2 and I1-I2 are resolved once over the whole paragraph (`paragraph_levels`); the paragraph
is then broken into lines and each line is reordered with its slice of those levels (L1-L4,
`display_lines`), as UAX #9 section 3.4 orders the steps. The rules run on a string of
one-letter bidi classes with regular expressions, so a paragraph costs a few passes in C rather
than a Python step per character. Paragraphs that need no resolution at all (only Arabic and
neutrals in a right-to-left paragraph; nothing right-to-left in a left-to-right one), and
right-to-left ones whose only other characters are numbers that cannot change level
(`rtl_paragraph_display`), take fast paths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from operator import itemgetter

from bidi.mirror import MIRRORED

# One letter per bidi class. Explicit formatting characters cannot reach here; should one,
# it is treated as BN (invisible, takes its neighbour's type), like the rest of X9's removals.
_CLASS_LETTER = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "E",
    "ES": "S",
    "ET": "T",
    "AN": "N",
    "CS": "C",
    "NSM": "M",
    "BN": "B",
    "B": "P",
    "S": "X",
    "WS": "W",
    "ON": "O",
    "LRE": "B",
    "LRO": "B",
    "RLE": "B",
    "RLO": "B",
    "PDF": "B",
    "LRI": "B",
    "RLI": "B",
    "FSI": "B",
    "PDI": "B",
}


class _ClassTable(dict[int, str]):
    """code point -> class letter, for str.translate; filled on first sight of each code point."""

    def __missing__(self, code: int) -> str:
        letter = _CLASS_LETTER.get(unicodedata.bidirectional(chr(code)), "L")
        self[code] = letter
        return letter


_CLASSES = _ClassTable()


def _class_ranges(codes: range, letters: str, exclude: str = "") -> str:
    """The characters of `codes` whose class letter is one of `letters`, as a regex class body."""
    chosen = [code for code in codes if _CLASSES[code] in letters and chr(code) not in exclude]
    ranges: list[list[int]] = []
    for code in chosen:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


# Zero-width marks that a terminal draws on the cell before them: they must follow their base
# in display order too, so at right-to-left levels a base and its marks move as one cluster.
MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a"
    "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0711\u0730-\u074a"
    "\u08d3-\u08e1\u08e3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
)
_MARK_RE = re.compile(f"[{MARKS}]")
# In a reversed string the marks of a cluster stand before their base, in reverse order: the
# cluster reversed again is the base and its marks in logical order. Patterns run over whole
# paragraphs open with one character class, not a repeat, so that `re` skips in C to the first
# place a match can start (a leading `[...]+` makes it try a match at every character).
_MARKS_BEFORE_BASE = re.compile(f"([{MARKS}][{MARKS}]*[^{MARKS}])", re.DOTALL)

_MIRROR = str.maketrans(MIRRORED)
_MIRRORED_CHAR = MIRRORED.__getitem__
_REVERSED = itemgetter(slice(None, None, -1))
_MIRRORABLE_RE = re.compile("([" + re.escape("".join(MIRRORED)) + "])")


_MIRRORABLE_OR_MARK = re.compile("[" + re.escape("".join(MIRRORED)) + MARKS + "]")
# Bracket pairs for rule N0 (BD14-BD16): the mirrored pairs whose opening side is Ps.
_OPENING = {
    char: mate
    for char, mate in MIRRORED.items()
    if unicodedata.category(char) == "Ps" and unicodedata.category(mate) == "Pe"
}
_CLOSING = {mate: char for char, mate in _OPENING.items()}
_BRACKET_RE = re.compile("[" + re.escape("".join(_OPENING) + "".join(_CLOSING)) + "]")

# An Arabic stretch: from an Arabic letter to an Arabic letter (and the marks after it), with
# only letters, marks, joiners, spaces and punctuation between, no digit, Latin or bracket. It
# resolves to level 1 in either direction: its neutrals stand between Arabic letters (N1), its
# separators and terminators touch no number (W4-W6), its marks follow letters or neutrals (W1).
# To what is around it, it is one Arabic letter: it starts and ends with one.
_ARABIC_BLOCKS = range(0x0600, 0x0900)
_AL_LETTERS = _class_ranges(_ARABIC_BLOCKS, "A") + _class_ranges(range(0xFB50, 0xFF00), "A")
_AMID_ARABIC = (
    _AL_LETTERS
    + _class_ranges(_ARABIC_BLOCKS, "MBOSTC")
    + _class_ranges(range(0x20, 0xC0), "WOSTC", exclude="".join(_OPENING) + "".join(_CLOSING))
    + _class_ranges(range(0x2010, 0x205F), "OSTC")
    + "\u200b-\u200d"
)
_ARABIC_STRETCH = re.compile(
    f"([{_AL_LETTERS}](?:[{_AMID_ARABIC}]*[{_AL_LETTERS}])?[{_class_ranges(_ARABIC_BLOCKS, 'MB')}\u200b-\u200d]*)"
)
_STANDS_FOR_STRETCH = "\u0627"  # alef, an Arabic letter
_SEGMENT_OR_PARAGRAPH_END = re.compile("[\t\x0b\x1f\n\r\x1c-\x1e\x85\u2029]")  # classes S and B

# Characters whose class is R or AL (Arabic and Hebrew letters and presentation forms), NSM, BN,
# WS or a neutral that stays neutral without numbers around (ON, and ES/ET/CS, which W6 makes ON).
# A line of only these in a right-to-left paragraph resolves to level 1 throughout: its display is
# its exact reverse. The test suite checks every code point here against unicodedata.
RTL_SIMPLE = (
    " !\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~\u00a0\u00ab\u00bb"
    "\u05be\u05c0\u05c3\u05c6\u05d0-\u05ea\u05ef-\u05f4"
    "\u060c\u060d\u060e\u060f\u061b\u061e\u061f\u0620-\u064a\u064b-\u065f\u066d-\u066f\u0670-\u06d5"
    "\u06d6-\u06dc\u06de-\u06e4\u06e5\u06e6\u06e7\u06e8\u06e9\u06ea-\u06ed\u06ee\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\u200b-\u200d\u2010-\u2027\u2030-\u205e\u2212"
    "\ufb1d-\ufd3d\ufd40-\ufdff\ufe70-\ufefc"
)
_NOT_RTL_SIMPLE = re.compile(f"[^{RTL_SIMPLE}]")
# Every code point whose class is R, AL or AN lies in these ranges (also checked by the tests),
# so a line with none of them in a left-to-right paragraph is displayed as it is.
RTL_RANGES = "\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff"
_RTL_CHAR = re.compile(f"[{RTL_RANGES}]")

# A right-to-left paragraph of RTL_SIMPLE characters and numbers is at level 1 but for its numbers
# (digits, and one CS between two of them, `_NUMBER`), at level 2, unless: a European number keeps
# its type (W2 makes one after an Arabic letter an Arabic number), and takes in an adjacent
# terminator (W5) or a separator between two of them (W4, ES), or stays apart from an Arabic-Indic
# digit across a CS; or a mark or joiner after a digit or separator takes its type (W1).
_PARAGRAPH_NOT_SIMPLE = re.compile(f"[^{RTL_SIMPLE}0-9\u0660-\u0669\u06f0-\u06f9]")
# Characters that need none of those checks (Arabic letters, spaces, plain punctuation: no digit,
# bracket, terminator, separator other than CS, mark or joiner): one scan finds all the others.
# Each is also one cell wide and, but for the space, no whitespace, so the layout can measure
# and wrap a paragraph by the same scan (`unusual_characters`).
_PLAIN = re.compile(
    "[^ !\"'*,.:;?@_|~\u060c\u061b\u061e\u061f\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5"
    "\u2010-\u2027\ufb50-\ufd3d\ufe70-\ufefc]"
)
_EUROPEAN_DIGITS = frozenset("0123456789\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")
_ARABIC_INDIC_DIGITS = frozenset(chr(code) for code in range(0x0660, 0x066A))
_TERMINATOR_OR_SEPARATOR = "#$%\u2030-\u2034+\\-\u2212\ufb29"  # the ET and ES characters of RTL_SIMPLE
# Two searches, each opening with one character class (which `re` skips to in C), not one
# alternation (which it tries at every character): a terminator or separator beside a digit.
_TERMINATOR_AFTER_DIGIT = re.compile(f"[0-9\u06f0-\u06f9][{_TERMINATOR_OR_SEPARATOR}]")
_TERMINATOR_BEFORE_DIGIT = re.compile(f"[{_TERMINATOR_OR_SEPARATOR}][0-9\u06f0-\u06f9]")
_EUROPEAN_DIGIT = re.compile("[0-9\u06f0-\u06f9]")
# Arabic letters and their presentation forms: all AL (a subset of AL is enough where it is used).
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\ufb50-\ufd3d\ufe70-\ufefc]")
_MARK_OR_JOINER = re.compile(f"[{MARKS}\u200b-\u200d]")
_MARK_AFTER_NUMBER = re.compile(f"[0-9\u0660-\u0669\u06f0-\u06f9,.:/\u00a0\u060c\u2044][{MARKS}\u200b-\u200d]")
_TERMINATOR_SEPARATOR_MARK_OR_JOINER = re.compile(f"[{_TERMINATOR_OR_SEPARATOR}{MARKS}\u200b-\u200d]")
_NUMBER = re.compile(
    "([0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669\u06f0-\u06f9]*"
    "(?:[,.:/\u00a0\u060c\u2044][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
)

_W1_INHERIT = re.compile(r"([^MB])([MB]+)")
_W2_AFTER_AL = re.compile(r"A[^LR]*")
_W4_EN_SEP = re.compile(r"(?<=E)[SC](?=E)")
_W4_AN_SEP = re.compile(r"(?<=N)C(?=N)")
_W5_ET = re.compile(r"T*E[ET]*")
_W6 = str.maketrans("STC", "OOO")
_W7_AFTER_L = re.compile(r"L[^R]*")
_STRONG_BEFORE = re.compile(r"[LREN][^LREN]*$")
_NEUTRALS_AMID_L = re.compile(r"(?<=L)[OWXP]+(?=L)")
_NEUTRALS_AMID_R = re.compile(r"(?<=[REN])[OWXP]+(?=[REN])")
_LEVELS_IN_RTL = str.maketrans("LRENOWXP", "21221111")
_LEVELS_IN_LTR = str.maketrans("LRENOWXP", "01220000")
_L1_TRAILING = re.compile(r"[WB]+$|[WB]*[XP]")
_LTR_OR_NOT = re.compile(r"0+|[1-9]+")
_SAME_LEVEL = re.compile(r"1+|2+")
_RUNS_FROM = {level: re.compile(f"[{level}-9]+") for level in range(1, 10)}


def bidi_classes(text: str) -> str:
    """One letter per character: its Unicode bidi class (see _CLASS_LETTER)."""
    return text.translate(_CLASSES)


def resolve_levels(line: str, rtl: bool) -> str:
    """The resolved embedding level of each character of `line`, a paragraph of one line, as one
    digit per character (`paragraph_levels`, then rule L1)."""
    return _l1(line, paragraph_levels(line, rtl), rtl)


def paragraph_levels(text: str, rtl: bool) -> str:
    """Rules W1-W7, N0-N2 and I1-I2 over a whole paragraph: one digit per character of `text`.

    UAX #9 resolves weak and neutral types over the paragraph and only then breaks it into
    lines (section 3.4): a number after an Arabic letter is an Arabic number (W2) even when a
    line starts with it. `rtl` is the paragraph direction (P2-P3 are the caller's). Rule L1 is
    per line and not applied here (`levels_by_line` applies it).

    Each Arabic stretch (`_ARABIC_STRETCH`) is at level 1 and acts on what is around it as one
    Arabic letter would, so the rules run on the paragraph with each stretch standing as one
    letter: news is mostly such stretches, and the passes then cost little per paragraph.
    """
    pieces = _ARABIC_STRETCH.split(text)
    if len(pieces) == 1:
        return _resolve(text, rtl)
    others = pieces[0::2]
    levels = _resolve(_STANDS_FOR_STRETCH.join(others), rtl)
    out = []
    pos = 0
    for k, other in enumerate(others):
        if k:
            out.append("1" * len(pieces[2 * k - 1]))
            pos += 1
        out.append(levels[pos : pos + len(other)])
        pos += len(other)
    return "".join(out)


def _l1(line: str, levels: str, rtl: bool) -> str:
    """Rule L1 for one line at `levels`: trailing whitespace, and whitespace before a tab, go
    back to the paragraph level."""
    if not line or (bidi_classes(line[-1]) not in "WB" and not _SEGMENT_OR_PARAGRAPH_END.search(line)):
        return levels
    classes = bidi_classes(line)
    chars = list(levels)
    paragraph = "1" if rtl else "0"
    for match in _L1_TRAILING.finditer(classes):
        chars[match.start() : match.end()] = paragraph * (match.end() - match.start())
    return "".join(chars)


def _resolve(text: str, rtl: bool) -> str:
    """`paragraph_levels(text, rtl)`, the rules run on every character."""
    original = bidi_classes(text)
    edge = "R" if rtl else "L"
    types = edge + original + edge  # sos and eos: no embeddings, so both are the paragraph's
    if "M" in types or "B" in types:  # W1 (and X9: BN takes its neighbour's type)
        types = _W1_INHERIT.sub(lambda m: m[1] * len(m[0]), types)
    if "A" in types:
        if "E" in types:  # W2
            types = _W2_AFTER_AL.sub(lambda m: m[0].replace("E", "N"), types)
        types = types.replace("A", "R")  # W3
    if "E" in types or "N" in types:
        types = _W4_AN_SEP.sub("N", _W4_EN_SEP.sub("E", types))  # W4
        if "T" in types:  # W5
            types = _W5_ET.sub(lambda m: "E" * len(m[0]), types)
    types = types.translate(_W6)
    if "E" in types:  # W7
        types = _W7_AFTER_L.sub(lambda m: m[0].replace("E", "L"), types)
    if _BRACKET_RE.search(text):
        types = _resolve_brackets(text, original, types, edge)
    if rtl:  # N1-N2 (neutrals take the embedding direction unless L stands on both sides), I2
        types = _NEUTRALS_AMID_L.sub(lambda m: "L" * len(m[0]), types)
        return types.translate(_LEVELS_IN_RTL)[1:-1]
    types = _NEUTRALS_AMID_R.sub(lambda m: "R" * len(m[0]), types)  # N1-N2, I1
    return types.translate(_LEVELS_IN_LTR)[1:-1]


def _resolve_brackets(line: str, original: str, types: str, edge: str) -> str:
    """Rule N0: a bracket pair takes the direction of what it encloses, or of its context."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for match in _BRACKET_RE.finditer(line):
        i = match.start()
        char = match[0]
        if types[i + 1] != "O":
            continue
        if char in _OPENING:
            if len(stack) == 63:  # BD16: stop looking for pairs
                break
            stack.append((_OPENING[char], i))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == char:
                pairs.append((stack[depth][1], i))
                del stack[depth:]
                break
    if not pairs:
        return types
    pairs.sort()
    out = list(types)  # indices here are one more than in `line`: out[0] is sos
    opposite = "L" if edge == "R" else "R"
    for opening, closing in pairs:
        inside = "".join(out[opening + 2 : closing + 1]).replace("E", "R").replace("N", "R")
        if edge in inside:
            direction = edge
        elif opposite in inside:
            before = _STRONG_BEFORE.search("".join(out[: opening + 1]))
            context = before[0][0] if before else edge
            context = "L" if context == "L" else "R"
            direction = opposite if context == opposite else edge
        else:
            continue
        for bracket in (opening, closing):
            out[bracket + 1] = direction
            k = bracket + 1
            while k < len(original) and original[k] == "M":  # marks that followed the bracket follow it
                out[k + 1] = direction
                k += 1
    return "".join(out)


def visual_order(line: str, levels: str) -> list[int]:
    """Rules L2-L3: the logical index shown at each display position.

    Runs are reversed from the highest level down to 1; then, at odd levels, each base character
    and the zero-width marks after it are put back in logical order so the marks follow it.
    """
    order = list(range(len(line)))
    for level in range(int(max(levels, default="0")), 0, -1):
        for run in _RUNS_FROM[level].finditer(levels):
            a, b = run.span()
            order[a:b] = order[b - 1 : a - 1 if a else None : -1]
    if not _MARK_RE.search(line):
        return order
    cluster = list(range(len(line)))
    for match in _MARK_RE.finditer(line):
        i = match.start()
        if i and levels[i] == levels[i - 1]:
            cluster[i] = cluster[i - 1]
    fixed: list[int] = []
    i = 0
    while i < len(order):
        j = i + 1
        while j < len(order) and cluster[order[j]] == cluster[order[i]]:
            j += 1
        fixed.extend(sorted(order[i:j]) if j - i > 1 else order[i:j])
        i = j
    return fixed


def _reverse_rtl_simple(line: str, unusual: str | None = None) -> str:
    """The display of a line whose every character is at level 1: the fast path of rule L2.

    Precondition (the callers' `needs_resolution` or `rtl_paragraph_display` checked it): a
    right-to-left line with no character that resolves to another level (no Latin, no digits
    that would stay left to right, no isolates). Not asserted: it costs a search as long as the
    reversal itself.

    Args:
        line: shaped text in logical order.
        unusual: `unusual_characters(line)` when the caller has it: without brackets or marks
            in it, their searches are skipped.

    Returns:
        `line` reversed, brackets mirrored (L4), each combining mark after its base again.
    """
    display = line[::-1]
    if unusual is None:
        if not _MIRRORABLE_OR_MARK.search(display):
            return display
        unusual = display
    # brackets one by one: str.translate would look up every character in a dict
    if _MIRRORABLE_RE.search(unusual):
        display = _each(_MIRRORABLE_RE, display, _MIRRORED_CHAR)
    if _MARK_RE.search(unusual):
        display = _each(_MARKS_BEFORE_BASE, display, _REVERSED)
    return display


def needs_resolution(line: str, rtl: bool) -> bool:
    """Whether `line` needs the bidi algorithm's levels.

    Returns:
        False when every character sits at the paragraph's level: a right-to-left line of
        Arabic letters, spaces and neutral punctuation shows as its reverse (`_reverse_rtl_simple`),
        a left-to-right line without a right-to-left character as it is. True otherwise.
    """
    if rtl:
        return _NOT_RTL_SIMPLE.search(line) is not None
    return _RTL_CHAR.search(line) is not None


def display(line: str, rtl: bool) -> str:
    """`line` (shaped), a paragraph of one line, in display order, brackets mirrored, marks after their base."""
    if not needs_resolution(line, rtl):
        return _reverse_rtl_simple(line) if rtl else line
    if rtl:
        # Arabic and numbers: most need no levels
        simple = rtl_paragraph_display(line)
        if simple is not None:
            return simple
    return reorder(line, resolve_levels(line, rtl), rtl)


def display_lines(text: str, spans: Sequence[tuple[int, int]], rtl: bool) -> list[str]:
    """The display of each line of a paragraph: levels resolved once, each line reordered alone.

    Args:
        text: the whole paragraph, shaped, sanitised (no newline: one paragraph).
        spans: (start, end) in `text` of each display line, in order; what lies between two
            lines (spaces at a break) belongs to neither.
        rtl: the paragraph's direction.

    Returns:
        Each line text[start:end] in display order (rules L1-L4 with the paragraph's levels).
    """
    assert "\n" not in text, "one paragraph at a time"
    by_line = levels_by_line(text, spans, rtl)
    if by_line is None:
        if rtl:
            return [_reverse_rtl_simple(text[a:b]) for a, b in spans]
        return [text[a:b] for a, b in spans]
    return [reorder(text[a:b], levels, rtl) for (a, b), levels in zip(spans, by_line, strict=True)]


def levels_by_line(text: str, spans: Sequence[tuple[int, int]], rtl: bool) -> list[str] | None:
    """The resolved levels of each line text[a:b] of the paragraph `text` (W1-I2 over the
    paragraph, L1 per line); None when every character is at the paragraph level."""
    if not needs_resolution(text, rtl):
        return None
    levels = paragraph_levels(text, rtl)
    return [_l1(text[a:b], levels[a:b], rtl) for a, b in spans]


def reorder(line: str, levels: str, rtl: bool) -> str:
    """Rules L2-L4 for one line at its resolved `levels` (from `levels_by_line` or
    `resolve_levels`): display order, brackets mirrored at odd levels, marks after their base."""
    if rtl:
        return _reverse_odd(line, levels)
    if "1" not in levels and "2" not in levels:
        return line
    return "".join(
        [
            line[a:b] if levels[a] == "0" else _reverse_odd(line[a:b], levels[a:b])
            for a, b in (run.span() for run in _LTR_OR_NOT.finditer(levels))
        ]
    )


def _reverse_odd(line: str, levels: str) -> str:
    """Rule L2 for a run at levels 1 and 2 (all that sanitised text reaches): the run is reversed,
    and within it each level-2 run (numbers, Latin) is reversed back; string slices, not indices."""
    pieces = [
        line[a:b] if levels[a] == "2" else _reverse_rtl_simple(line[a:b])
        for a, b in (run.span() for run in _SAME_LEVEL.finditer(levels))
    ]
    return "".join(reversed(pieces))


def unusual_characters(text: str) -> str:
    """The distinct characters of `text` other than letters, spaces and plain punctuation: the few
    (digits, brackets, marks, Latin, wide or blank characters) that decide how it is drawn."""
    return "".join(set(_PLAIN.findall(text)))


def rtl_paragraph_display(text: str, unusual: str | None = None) -> str | None:
    """The display of a whole right-to-left paragraph, when a line break cannot change it.

    Args:
        text: one paragraph, shaped and sanitised: no newline (asserted).
        unusual: `unusual_characters(text)`, if the caller has it already.

    Returns:
        The paragraph in display order when its levels are 1 but for numbers at 2 that no line
        break can split (see _PARAGRAPH_NOT_SIMPLE's comment); else None, and the caller resolves
        levels. A line text[a:b] wrapped at spaces then shows as
        display[len(text) - b : len(text) - a]: one reversal per paragraph instead of one
        resolution per line (`layout._sliced`).
    """
    assert "\n" not in text, "one paragraph at a time"
    special = unusual_characters(text) if unusual is None else unusual
    if _PARAGRAPH_NOT_SIMPLE.search(special):
        return None
    european = not _EUROPEAN_DIGITS.isdisjoint(special)
    arabic_indic = not _ARABIC_INDIC_DIGITS.isdisjoint(special)
    if not (european or arabic_indic):
        return _reverse_rtl_simple(text, special) if special else text[::-1]
    if _MARK_OR_JOINER.search(special) and _MARK_AFTER_NUMBER.search(text):
        return None
    if european and not _european_digits_follow_arabic(text, special):
        if _TERMINATOR_SEPARATOR_MARK_OR_JOINER.search(special) and (
            _TERMINATOR_AFTER_DIGIT.search(text) or _TERMINATOR_BEFORE_DIGIT.search(text)
        ):
            return None
        if arabic_indic:
            return None
    # level 2 inside level 1: each number reads left to right again
    return _each(_NUMBER, _reverse_rtl_simple(text, special), _REVERSED)


def _european_digits_follow_arabic(text: str, special: str) -> bool:
    """True when every European digit of `text` has an Arabic letter as its nearest strong
    character before it (W2 makes it an Arabic number): no R letter, and an AL before the first."""
    if any(unicodedata.bidirectional(char) == "R" for char in special):
        return False
    first = _EUROPEAN_DIGIT.search(text)
    return first is None or _ARABIC_LETTER.search(text, 0, first.start()) is not None


def _each(pattern: re.Pattern[str], text: str, change: Callable[[str], str]) -> str:
    """`text` with `change` applied to each match of `pattern` (one capturing group round it all).

    `pattern.sub` with a function calls back into Python once a match; splitting and mapping a C
    function over every other piece does not (numbers, brackets and marks are frequent in news).
    """
    pieces = pattern.split(text)
    pieces[1::2] = map(change, pieces[1::2])
    return "".join(pieces)


def display_with_order(line: str, rtl: bool, levels: str | None = None) -> tuple[str, list[int]]:
    """`display(line, rtl)` and, for each display position, the index in `line` it shows.

    `levels` are the line's own (from `levels_by_line`) when it is one line of a longer
    paragraph; by default `line` is a paragraph of its own.
    """
    if levels is None:
        levels = resolve_levels(line, rtl) if needs_resolution(line, rtl) else ("1" if rtl else "0") * len(line)
    order = visual_order(line, levels)
    return _ordered(line, levels, order), order


def _ordered(line: str, levels: str, order: list[int]) -> str:
    if not _MIRRORABLE_RE.search(line):
        return "".join([line[i] for i in order])
    mirrored = line.translate(_MIRROR)
    return "".join([mirrored[i] if levels[i] in "13579" else line[i] for i in order])
