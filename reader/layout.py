"""Lay out one paragraph for a terminal: logical text in, visual lines out, styles on their glyphs.

The order of the steps is the point; each is a known failure when done otherwise:
1. sanitise: no control or bidi override in the text may reach the terminal;
2. direction: the paragraph's first strong character decides it (UAX #9 P2-P3), once, for
   every line, so a line that starts with a Latin word stays in a right-to-left paragraph;
3. wrap the *logical* text at spaces, measuring each word as it will be drawn (`لا` is two
   characters and one cell once shaped): reordering first and wrapping after reverses the
   order of the lines;
4. shape; resolve the bidi levels over the whole paragraph, then reorder each line on its own
   with its slice of them (UAX #9 3.4: resolving each line alone loses W2's context, and a
   score `3-1` at the start of a line turns into `1-3` elsewhere; shaping after reordering
   joins the wrong letters; reordering across a line break mixes the lines);
5. align: flush right for right-to-left paragraphs, flush left otherwise (`VisualLine.aligned`).

In `BidiMode.TERMINAL` the terminal shapes and reorders: lines stay logical and unshaped.

Two shortcuts keep `reader cat --visual` within 3x of FriBidi, both held by the tests to the
step-by-step path (`layout_plain`): shaping never crosses a space, so `display_blocks` shapes
whole texts before wrapping them at spaces, and draws each line as shaping it alone would; and a
right-to-left paragraph whose only characters besides letters and neutrals are numbers that keep
their level is reordered once and sliced.
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len, split_graphemes

from reader.arabic import bidi
from reader.arabic.joining import shape_texts
from reader.arabic.shaping import (
    ZERO_WIDTH_MARKS,
    Drawn,
    WordCache,
    one_char_per_cell,
    source_map,
    strip_harakat,
    word_cache,
)
from reader.sanitize import CONTROLS, is_clean, neutralise, printable
from reader.types import Harakat

if TYPE_CHECKING:  # Rich's text and styles are imported where lines are styled: `reader cat --visual` needs neither
    from rich.style import Style
    from rich.text import Text

_TEXT, _ADVANCE, _STRIDE = itemgetter(0), itemgetter(2), itemgetter(3)  # Drawn.text, .advance, .stride
_SPACING = re.compile("[\t\u2028\u2029]")
_SPACING_OR_CONTROL = re.compile(f"[\t\u2028\u2029{CONTROLS}]")
_SPACING_AS_PLAIN = str.maketrans({"\t": " ", "\u2028": "\n", "\u2029": "\n"})
RLM = "\u200f"
LRM = "\u200e"


class BidiMode(enum.Enum):
    """Who reorders right-to-left text: reader (APP) or the terminal (TERMINAL)."""

    APP = "app"
    TERMINAL = "terminal"


@dataclass(frozen=True, slots=True)
class StyleSpan:
    """A style over paragraph_text[start:end] (logical offsets: an entity, a search hit)."""

    start: int
    end: int
    style: Style | str


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One display line of a paragraph.

    `text` is in visual order and shaped (APP) or logical (TERMINAL), with styles applied and no
    padding; it shows paragraph_text[start:end]; `cells` is its width; `rtl` the paragraph's
    direction.
    """

    text: Text
    start: int
    end: int
    cells: int
    rtl: bool
    mode: BidiMode = BidiMode.APP

    def aligned(self, width: int) -> Text:
        """`text` padded to `width` cells: flush right when rtl, flush left otherwise.

        In TERMINAL mode the padding always follows the text: a terminal that reorders a
        right-to-left line puts its logical end, and so the padding, on the left.
        """
        from rich.text import Text

        pad = width - self.cells
        if pad <= 0:
            return self.text.copy()
        if self.rtl and self.mode is BidiMode.APP:
            return Text(" " * pad, end="") + self.text
        return self.text + Text(" " * pad, end="")


def paragraph_is_rtl(text: str) -> bool:
    """UAX #9 P2-P3: right-to-left when the first strong character is R or AL (no strong: left-to-right)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


@dataclass(frozen=True, slots=True)
class PlainLine:
    """A laid-out line without Rich objects: display text, logical offsets and cells."""

    visual: str
    start: int  # offsets into the sanitised text (the caller's text when it was clean)
    end: int
    cells: int


def layout_plain(
    text: str,
    width: int,
    *,
    rtl: bool,
    mode: BidiMode = BidiMode.APP,
    harakat: Harakat = "keep",
) -> list[PlainLine]:
    """Steps 3-4 for sanitised text of known direction: wrapped, shaped and reordered lines."""
    words = word_cache(harakat, join=mode is BidiMode.APP)
    wrapped = _wrap(text, max(width, 1), words)
    levels = _levels_by_line(text, wrapped, rtl) if mode is BidiMode.APP else [None] * len(wrapped)
    lines: list[PlainLine] = []
    for (start, end, cells, _parts, drawn), line_levels in zip(wrapped, levels, strict=True):
        if mode is BidiMode.TERMINAL:
            shown = _direction_mark(drawn, rtl) + drawn
        elif line_levels is None:
            shown = bidi.display(drawn, rtl)
        else:
            shown = bidi.reorder(drawn, line_levels, rtl)
        lines.append(PlainLine(shown, start, end, cells))
    return lines


def _levels_by_line(text: str, wrapped: list[tuple[int, int, int, list[str], str]], rtl: bool) -> list[str | None]:
    """The bidi levels of each wrapped line of `text` (`_wrap`'s), resolved over its paragraph.

    Each newline-separated segment is a paragraph: its lines as drawn, joined by what lay between
    them in `text` (the spaces at a break; nothing inside a cut word), are resolved at once
    (`bidi.levels_by_line`). None for the lines of a paragraph that needs no resolution.
    """
    out: list[str | None] = []
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    previous_end = -1
    for start, end, _cells, _parts, drawn in wrapped:
        if previous_end >= 0:
            between = text[previous_end:start]
            if "\n" in between:
                out.extend(bidi.levels_by_line("".join(pieces), spans, rtl) or [None] * len(spans))
                pieces, spans, pos = [], [], 0
            else:
                pieces.append(between)
                pos += len(between)
        pieces.append(drawn)
        spans.append((pos, pos + len(drawn)))
        pos += len(drawn)
        previous_end = end
    out.extend(bidi.levels_by_line("".join(pieces), spans, rtl) or [None] * len(spans))
    return out


def display_blocks(
    texts: Sequence[str],
    width: int,
    *,
    mode: BidiMode = BidiMode.APP,
    harakat: Harakat = "keep",
) -> list[list[tuple[str, int]]]:
    """`layout_plain`'s lines as (display text, cells), without offsets, for each of many sanitised
    texts (an article's blocks), each in its own direction: for writers of large texts. In APP mode
    the texts are shaped together, a chunk at a time (`joining.shape_texts`)."""
    return _display(texts, [paragraph_is_rtl(text) for text in texts], width, mode, harakat)


def _display(
    texts: Sequence[str], directions: list[bool], width: int, mode: BidiMode, harakat: Harakat
) -> list[list[tuple[str, int]]]:
    """When every glyph of a shaped text is one cell wide or a zero-width mark, every word draws at
    least one cell and none is wider than the line (nearly all news text), the greedy wrap is one
    regular expression over the text's cells instead of a Python step per word, and a
    right-to-left text whose lines all resolve alike is reversed once and sliced
    (`bidi.rtl_paragraph_display`); otherwise this is `layout_plain`. The tests hold both to the
    same output."""
    shaped: Sequence[str | None] = [None] * len(texts)
    if mode is BidiMode.APP and width >= 2:
        shaped = shape_texts(list(map(strip_harakat, texts)) if harakat == "strip" else texts)
    out = []
    for text, rtl, drawn in zip(texts, directions, shaped, strict=True):
        lines = None if drawn is None or "\n" in text else _fast_lines(text, drawn, width, rtl)
        if lines is None:
            lines = [
                (line.visual, line.cells) for line in layout_plain(text, width, rtl=rtl, mode=mode, harakat=harakat)
            ]
        out.append(lines)
    return out


def _fast_lines(text: str, shaped: str, width: int, rtl: bool) -> list[tuple[str, int]] | None:
    """Display lines of `text` by one wrap pattern over its cells, or None for `layout_plain`.

    Args:
        text: a sanitised paragraph in logical order, no newline in it.
        shaped: `text` in presentation forms (`joining.shape_texts`), harakat already dropped if
            asked; same words, same spaces, but lam-alef pairs make one character of two.
        width: cells per line, >= 2 (`_display` sends narrower widths the full way).
        rtl: the paragraph's direction.

    Returns:
        One (display text, cells) per line, as `layout_plain` gives them: wrapped greedily at
        spaces, each line reordered for display; `[("", 0)]` for an empty text. None when a glyph
        is wider than one cell, a word is wider than the line, or a word draws no cell: the full
        path decides those (the property tests hold both paths equal).

    `cells` is `shaped` without its zero-width marks (one character per cell), so the wrap pattern
    counts cells by counting characters; `_mark_places` remembers where the marks went.
    """
    # One scan finds the few characters that are not Arabic letters, spaces or plain punctuation;
    # measuring and reordering then look at those alone.
    unusual = bidi.unusual_characters(shaped) if rtl else None
    cells = one_char_per_cell(shaped, unusual)
    if cells is None or cells[:1] == " " or (not cells and shaped):
        return None
    pattern = _wrap_pattern(width)
    if "  " not in cells and cells[-1:] != " ":  # words one space apart, each drawing a cell or more
        rows = pattern.findall(cells)
        if max(map(len, rows), default=0) > width:
            return None
        placed = [] if cells is shaped else _mark_places(shaped)
        whole = bidi.rtl_paragraph_display(shaped, unusual) if rtl else None
        if whole is not None:
            return _sliced(whole, rows, placed)
        spans = _spans(rows, placed)
    else:
        # Runs of spaces (dropped at a break) are fine, a word that draws nothing is not.
        if cells is not shaped or shaped.split(" ").count("") != text.split(" ").count(""):
            return None
        spans = [(row.start(), row.end(), row.end() - row.start()) for row in pattern.finditer(shaped)]
        if any(drawn > width for _a, _b, drawn in spans):
            return None
        whole = bidi.rtl_paragraph_display(shaped, unusual) if rtl else None
        if whole is not None:
            n = len(shaped)
            return [(whole[n - b : n - a], drawn) for a, b, drawn in spans] or [("", 0)]
    shown = bidi.display_lines(shaped, [(a, b) for a, b, _drawn in spans], rtl)
    return [(line, drawn) for line, (_a, _b, drawn) in zip(shown, spans, strict=True)] or [("", 0)]


def _mark_places(shaped: str) -> list[int]:
    """Where each zero-width mark of `shaped` sits in the mark-free cells string.

    Returns:
        Sorted offsets into `cells` (`shaped` with its marks removed), one per mark, repeated
        where several marks follow one letter. A row of cells a..b holds, in `shaped`, the marks
        placed at a..b, those at a following the space before the row: `bisect` on this list turns
        cell offsets back into offsets of `shaped`.
    """
    return [mark.start() - k for k, mark in enumerate(ZERO_WIDTH_MARKS.finditer(shaped))]


def _sliced(whole: str, rows: list[str], placed: list[int]) -> list[tuple[str, int]]:
    """Display lines of a right-to-left paragraph cut from its display order once reversed.

    Args:
        whole: the whole paragraph's display string (`bidi.rtl_paragraph_display`): `shaped`
            reversed, with mirrored brackets, valid only when every line resolves alike.
        rows: the wrapped lines as cells (marks removed), in logical order, one space apart in
            `cells`, so row k starts where row k-1 ended plus one.
        placed: `_mark_places(shaped)`; empty when `shaped` has no zero-width marks.

    Returns:
        (display text, cells) per row: the slice of `whole` that mirrors the row's span of
        `shaped` (logical a..b is display n-b..n-a, widened by the marks inside it). One Python
        step per line: most lines of news come here.
    """
    lines = []
    n, a = len(whole), 0
    for row in rows:
        b = a + len(row)
        lines.append((whole[n - b - bisect_right(placed, b) : n - a - bisect_left(placed, a)], len(row)))
        a = b + 1
    return lines or [("", 0)]


def _spans(rows: list[str], placed: list[int]) -> list[tuple[int, int, int]]:
    """Where each wrapped row lies in the shaped text, for reordering line by line.

    Args:
        rows: the wrapped lines as cells (marks removed), in logical order, one space apart.
        placed: `_mark_places(shaped)`; empty when there are no zero-width marks.

    Returns:
        (start, end, cells) per row: offsets into `shaped` (a row's span takes in the marks after
        its letters) and the row's width in cells.
    """
    spans = []
    a = 0
    for row in rows:
        b = a + len(row)
        spans.append((a + bisect_left(placed, a), b + bisect_right(placed, b), len(row)))
        a = b + 1
    return spans


@lru_cache(maxsize=64)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    """A greedy line of at most `width` (>= 2) characters, from a word's start to a word's end;
    or, where a word is longer than that, `width + 1` of its characters, so that the caller sees
    it at once instead of the search trying every place in it."""
    return re.compile(rf"[^ ]{{{width + 1}}}|[^ ](?:.{{0,{width - 2}}}[^ ])?(?= |$)")


def layout_paragraph(
    text: str,
    width: int,
    *,
    spans: Sequence[StyleSpan] = (),
    mode: BidiMode = BidiMode.APP,
    harakat: Harakat = "keep",
    show_controls: bool = False,
) -> list[VisualLine]:
    """The visual lines of one paragraph at `width` cells (see the module docstring for the steps).

    A pure function of its arguments. Span offsets and the lines' start/end refer to `text` as
    given, even when sanitising changed it. A width below 1 counts as 1; a line is wider than
    `width` only when one grapheme is, and then `cells` says so.
    """
    from rich.text import Text

    clean, to_caller = sanitised(text, show_controls)
    rtl = paragraph_is_rtl(clean)
    words = word_cache(harakat, join=mode is BidiMode.APP)
    out: list[VisualLine] = []
    spans_by_line = _SpansByLine(spans)
    wrapped = _wrap(clean, max(width, 1), words)
    levels = _levels_by_line(clean, wrapped, rtl) if mode is BidiMode.APP else [None] * len(wrapped)
    for (clean_start, clean_end, cells, parts, logical), line_levels in zip(wrapped, levels, strict=True):
        start, end, drawn = clean_start, clean_end, logical
        first, last = (start, end) if to_caller is None else (to_caller[start], to_caller[max(end - 1, start)] + 1)
        line_spans = spans_by_line.overlapping(first, last)
        sources: list[int] | None = None
        if line_spans:  # glyphs are followed back to the text only on lines that hold a style
            sources = _sources(parts, words, start)
        if mode is BidiMode.APP:
            if sources is not None:
                drawn, order = bidi.display_with_order(drawn, rtl, line_levels)
                sources = [sources[i] for i in order]
            elif line_levels is None:
                drawn = bidi.display(drawn, rtl)
            else:
                drawn = bidi.reorder(drawn, line_levels, rtl)
        else:
            mark = _direction_mark(drawn, rtl)
            if mark:
                drawn = mark + drawn
                if sources is not None:
                    sources = [-1, *sources]  # the mark draws nothing of the text: no style
        line = Text(drawn, end="")
        if sources is not None:
            if to_caller is not None:
                sources = [to_caller[i] if i >= 0 else -1 for i in sources]
            _apply_spans(line, sources, line_spans)
        if to_caller is not None:
            start, end = to_caller[start], (to_caller[end - 1] + 1 if end > start else to_caller[start])
        out.append(VisualLine(line, start, end, cells, rtl, mode))
    return out


def sanitised(text: str, show: bool = False) -> tuple[str, list[int] | None]:
    """`text` neutralised, and for each of its offsets the caller's offset (None: unchanged).

    Loaded articles are already clean, so this is one regex search. Otherwise the clean text is
    aligned with the original (neutralise only drops characters or replaces them with marks),
    and every offset maps back to the character it came from. Tabs become spaces and the Unicode
    line and paragraph separators newlines, one for one: a terminal draws a tab as a jump to
    the next tab stop, which no cell count can follow.
    """
    if any(char in text for char in _DISPUTED_WIDTHS):
        text = drawn_as_measured(text)
    if printable(text) or not _SPACING_OR_CONTROL.search(text):  # a loaded article: no per-kind searches
        return text, None
    if _SPACING.search(text):
        text = text.translate(_SPACING_AS_PLAIN)
    if is_clean(text):
        return text, None
    clean = neutralise(text, show)
    to_caller = [0] * (len(clean) + 1)
    matcher = difflib.SequenceMatcher(None, text, clean, autojunk=False)
    for tag, a0, _a1, b0, b1 in matcher.get_opcodes():
        for k in range(b0, b1):
            to_caller[k] = a0 + (k - b0 if tag == "equal" else 0)
    to_caller[len(clean)] = len(text)
    return clean, to_caller


# Characters terminals draw at other widths than Rich measures (tmux 3.3: U+3164 two cells, Rich
# none; `☺` + VS16 one cell, Rich two), which pushed the pane border off the row. Each is
# replaced one for one by a character every terminal and Rich agree on, so offsets stay put:
# the Hangul fillers (invisible) by spaces of their width, and VS16 after a character shown as
# text by default (☺, ❤, #, the keycaps) by VS15, which asks for the one-cell text glyph.
_DISPUTED_WIDTHS = "\u115f\u3164\uffa0\ufe0f"
_FILLERS_AS_SPACES = str.maketrans({"\u115f": "\u3000", "\u3164": "\u3000", "\uffa0": " "})
_EMOJI_SELECTOR = re.compile("(.)\ufe0f")


def drawn_as_measured(text: str) -> str:
    """`text` with the characters of disputed width replaced, one for one (see above)."""
    text = text.translate(_FILLERS_AS_SPACES)
    if "\ufe0f" in text:
        text = _EMOJI_SELECTOR.sub(_text_presentation, text)
    return text


def _text_presentation(match: re.Match[str]) -> str:
    base = match.group(1)
    return base + ("\ufe0e" if cell_len(base) == 1 else "\ufe0f")


def _wrap(text: str, width: int, words: WordCache) -> list[tuple[int, int, int, list[str], str]]:
    """Greedy wrap of `text` at spaces (newlines always break).

    One tuple per line: start and end offsets in `text`, cells, its words, and the line as drawn
    (its words shaped, or not, by `words`). Prefix sums of the words' cells let each line's end
    be found by one bisection, so a paragraph costs one cache look-up per word rather than a
    Python step per word. A word wider than `width` is cut between graphemes. Spaces at a break
    belong to no line.
    """
    lines: list[tuple[int, int, int, list[str], str]] = []
    offset = 0
    for segment in text.split("\n"):
        tokens = segment.split(" ")  # "" between two spaces keeps the offsets right
        known = list(map(words.get, tokens))
        if None in known:
            words.fill(tokens)
            drawn = list(map(words.__getitem__, tokens))
        else:
            drawn = cast("list[Drawn]", known)
        cells = list(accumulate(map(_ADVANCE, drawn), initial=0))
        chars = list(accumulate(map(_STRIDE, drawn), initial=0))
        first = len(lines)
        i = 0
        while i < len(tokens):
            if not tokens[i]:
                i += 1
                continue
            j = bisect_right(cells, cells[i] + width + 1, i + 1) - 1
            if j == i:
                lines.extend(_cut(tokens[i], offset + chars[i], width, words))
                i += 1
                continue
            while not tokens[j - 1]:
                j -= 1
            line = " ".join(map(_TEXT, drawn[i:j]))
            lines.append((offset + chars[i], offset + chars[j] - 1, cells[j] - cells[i] - 1, tokens[i:j], line))
            i = j
        if len(lines) == first:  # an empty segment is still a line
            lines.append((offset, offset, 0, [""], ""))
        offset += len(segment) + 1
    return lines


def _cut(word: str, pos: int, width: int, words: WordCache) -> list[tuple[int, int, int, list[str], str]]:
    """A word wider than the line, cut between graphemes into pieces that fit (a lone grapheme may not)."""
    pieces: list[tuple[int, int, int, list[str], str]] = []
    spans, _total = split_graphemes(word)
    start = 0
    for g_start, g_end, _cells in spans:
        if g_start > start and words[word[start:g_end]].cells > width:
            piece = word[start:g_start]
            pieces.append((pos + start, pos + g_start, words[piece].cells, [piece], words[piece].text))
            start = g_start
    piece = word[start:]
    pieces.append((pos + start, pos + len(word), words[piece].cells, [piece], words[piece].text))
    return pieces


def _sources(parts: list[str], words: WordCache, start: int) -> list[int]:
    """For each character of the drawn line, the offset in the text of the character it draws."""
    sources: list[int] = []
    pos = start
    for k, part in enumerate(parts):
        if k:
            sources.append(pos - 1)  # the space before this part
        sources.extend(map(pos.__add__, source_map(part, words[part].text)))
        pos += len(part) + 1
    return sources


class _SpansByLine:
    """The spans that touch each line, for lines asked in reading order.

    Each span enters once and leaves once, so a paragraph with a hit on every letter (a search
    for one letter in a 1 MB word) costs time in proportion to its spans, not spans times lines.
    """

    def __init__(self, spans: Sequence[StyleSpan]) -> None:
        self._pending = sorted(spans, key=lambda span: span.start)
        self._next = 0
        self._active: list[StyleSpan] = []

    def overlapping(self, first: int, last: int) -> list[StyleSpan]:
        while self._next < len(self._pending) and self._pending[self._next].start < last:
            self._active.append(self._pending[self._next])
            self._next += 1
        self._active = [span for span in self._active if span.end > first]
        return [span for span in self._active if span.start < last]


def _apply_spans(line: Text, sources: list[int], spans: Sequence[StyleSpan]) -> None:
    """Style each glyph whose source lies in a span; a span becomes one Rich span per visual run."""
    glyphs_of: dict[int, list[int]] = {}
    for k, source in enumerate(sources):
        glyphs_of.setdefault(source, []).append(k)
    low, high = min(sources, default=0), max(sources, default=-1)
    for span in spans:
        glyphs = sorted(
            k for source in range(max(span.start, low), min(span.end, high + 1)) for k in glyphs_of.get(source, ())
        )
        run_start = previous = -2
        for k in glyphs:
            if k != previous + 1:
                if run_start >= 0:
                    line.stylize(span.style, run_start, previous + 1)
                run_start = k
            previous = k
        if run_start >= 0:
            line.stylize(span.style, run_start, previous + 1)


def _direction_mark(line: str, rtl: bool) -> str:
    """In TERMINAL mode, the mark a line needs so the terminal gives it its paragraph's direction.

    A terminal decides each line's direction from its first strong character; a wrapped line of
    an Arabic paragraph that starts with a Latin word would otherwise turn left-to-right.
    """
    return "" if paragraph_is_rtl(line) == rtl or not line else (RLM if rtl else LRM)
