"""GNU FriBidi as the oracle: every wrapped line must display exactly as FriBidi displays it.

FriBidi is called through its C API (`tests/fribidi.py`): each paragraph's levels are resolved
once, then each line that layout produces is shaped and reordered with them, as UAX #9 orders
the steps. (The `fribidi` command resolves each input line as a paragraph of its own, so it
cannot see a line's context: a score `3-1` after Arabic words is `1-3` on every line.)

One difference is chosen, not a defect: lam, a haraka, then alef (لَا). FriBidi leaves lam and
alef apart; reader ligates them, as arabic-reshaper and fonts do (lam-alef is obligatory).
FriBidi's output is ligated the same way before comparing, and only on lines that hold that
sequence.
"""

from __future__ import annotations

import random
import re

import pytest

from reader.layout import PlainLine, display_blocks, layout_plain, paragraph_is_rtl
from tests.fribidi import load
from tests.test_layout import article_paragraphs

FRIBIDI = load()
pytestmark = pytest.mark.skipif(FRIBIDI is None, reason="needs libfribidi (make test installs libfribidi-bin)")
SCORE = "قطر تحتفظ بلقب كأس آسيا بفوزها على الأردن 3-1 وعفيف يسجل ثلاثية"

LAM_HARAKA_ALEF = re.compile("\u0644[\u064b-\u065f\u0670]+[\u0622\u0623\u0625\u0627]")
# FriBidi's display of lam (initial or medial), its marks, alef (final): as reader's ligature + marks.
_ALEF_FINAL = {"\ufe82": 0, "\ufe84": 1, "\ufe88": 2, "\ufe8e": 3}  # madda, hamza above, hamza below, plain
_LIGATURE = ("\ufef5", "\ufef7", "\ufef9", "\ufefb")  # isolated; +1 is final
# In display order: alef (final) and its marks, then lam (initial or medial) and its marks.
_SPLIT_LAM_ALEF = re.compile(
    "([\ufe82\ufe84\ufe88\ufe8e])([\u064b-\u065f\u0670]*)([\ufedf\ufee0])([\u064b-\u065f\u0670]+)"
)


def ligate_like_reader(fribidi_visual: str) -> str:
    def ligature(match: re.Match[str]) -> str:
        isolated = _LIGATURE[_ALEF_FINAL[match[1]]]
        return (isolated if match[3] == "\ufedf" else chr(ord(isolated) + 1)) + match[4] + match[2]

    return _SPLIT_LAM_ALEF.sub(ligature, fribidi_visual)


def fribidi(text: str, lines: list[PlainLine], rtl: bool) -> list[str]:
    """FriBidi's display of each of `lines` of `text`; each newline-separated segment is a paragraph."""
    assert FRIBIDI is not None
    out: list[str] = []
    start = 0
    for segment in text.split("\n"):
        end = start + len(segment)
        spans = [(line.start - start, line.end - start) for line in lines if start <= line.start <= end]
        out.extend(FRIBIDI.display_lines(segment, spans, rtl))
        start = end + 1
    assert len(out) == len(lines)
    return out


def assert_same_as_fribidi(paragraphs: list[str], widths: list[int]) -> int:
    """Compare every line; return how many needed the lam-haraka-alef allowance."""
    allowed = 0
    mismatches = []
    for text in paragraphs:
        rtl = paragraph_is_rtl(text)
        for width in widths:
            lines = layout_plain(text, width, rtl=rtl)
            assert display_blocks([text], width)[0] == [(line.visual, line.cells) for line in lines]  # fast paths
            for line, displayed in zip(lines, fribidi(text, lines, rtl), strict=True):
                logical = text[line.start : line.end]
                theirs = displayed
                if LAM_HARAKA_ALEF.search(logical) and line.visual != displayed:
                    allowed += 1
                    theirs = ligate_like_reader(displayed)
                if line.visual != theirs:
                    mismatches.append((width, logical, line.visual, theirs))
    assert mismatches == []
    return allowed


@pytest.mark.parametrize("width", [40, 60])
def test_a_score_reads_the_same_wherever_the_line_breaks(width: int) -> None:
    # at 40 a line starts with the score, at 60 it stands mid-line: both times it is 1-3 (W2
    # makes 3 and 1 Arabic numbers after Arabic letters, so the hyphen between them is neutral)
    lines = layout_plain(SCORE, width, rtl=True)
    assert any(SCORE[line.start : line.end].startswith("3-1") for line in lines) == (width == 40)
    assert next(line.visual for line in lines if "3" in line.visual).count("1-3") == 1
    assert_same_as_fribidi([SCORE], [width])


def test_sample_articles_display_as_fribidi_displays_them() -> None:
    allowed = assert_same_as_fribidi(article_paragraphs(), [20, 40, 80])
    assert allowed < 40  # the poetry article's harakat; anything more is a new kind of difference


def mixed_paragraphs(seed: int, count: int) -> list[str]:
    """Arabic, Latin, Western and Arabic-Indic digits, brackets, quotes, punctuation, harakat."""
    rng = random.Random(seed)
    arabic = [
        "مرحبا",
        "السلام",
        "لا",
        "الله",
        "في",
        "إطار",
        "قال",
        "الأمن",
        "منظمة",
        "عام",
        "لأن",
        "مُعَلِّم",
        "طويلًا",
        "سماء",
        "بـ",
        "الاتحاد",
    ]
    latin = ["CSTO", "abc", "NATO", "x", "Hello", "iPhone", "e-mail", "U.S."]
    numbers = ["2024", "12.5", "3,000", "1/2", "+7", "-5", "10%", "$20", "#3", "٢٠٢٤", "٣٫٥", "٪٥", "١٢:٣٠"]
    marks = list("()[]{}«»\"',.:;!?؟،؛-/…%+*<>=&@")
    pools = [arabic] * 9 + [latin] * 4 + [numbers] * 3 + [marks] * 4
    out = []
    for _ in range(count):
        tokens: list[str] = []
        for _ in range(rng.randint(1, 30)):
            token = rng.choice(rng.choice(pools))
            if tokens and rng.random() < 0.3:
                tokens[-1] += token
            else:
                tokens.append(token)
        out.append(" ".join(tokens))
    return out


def test_generated_mixed_text_displays_as_fribidi_displays_it() -> None:
    assert_same_as_fribidi(mixed_paragraphs(seed=2026, count=1500), [7, 19, 33, 80])


def test_arabic_with_numbers_displays_as_fribidi_displays_it() -> None:
    from tests.test_layout import arabic_with_numbers

    assert_same_as_fribidi(arabic_with_numbers(), [6, 17, 40])


def test_a_line_of_arabic_alone_takes_its_paragraphs_context() -> None:
    # the lone "(" on a line of its own pairs with ")" after Latin: N0 gives both the Latin side
    paragraph = "قال abc (def) و (منظمة) ghi"
    assert_same_as_fribidi([paragraph, f"{paragraph} 12-3 و 12-3"], list(range(2, 30)))


def test_the_allowance_is_only_for_lam_haraka_alef() -> None:
    assert ligate_like_reader("ﺎﻟَ") == "ﻻَ"
    assert ligate_like_reader("ﺎﻠًﻳ") == "ﻼًﻳ"
    assert ligate_like_reader("ﺄُﻟْ") == "ﻷْ\u064f"  # lam's sukun, then alef's damma, on the ligature
    assert ligate_like_reader("ﺎﻟ") == "ﺎﻟ"  # alef then lam in display order without a mark: untouched
