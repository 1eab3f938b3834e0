"""GNU FriBidi as the oracle: every wrapped line must display exactly as `fribidi` displays it.

Each logical line that layout produces is given to `fribidi --nopad --nobreak --rtl` (or --ltr,
by the paragraph's direction); its U+FEFF fillers are removed. One difference is chosen, not a
defect: lam, a haraka, then alef (لَا). FriBidi leaves lam and alef apart; reader ligates them, as
arabic-reshaper and fonts do (lam-alef is obligatory). FriBidi's output is ligated the same way
before comparing, and only on lines that hold that sequence.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess

import pytest

from reader.layout import layout_plain, paragraph_is_rtl
from tests.test_layout import article_paragraphs

pytestmark = pytest.mark.skipif(shutil.which("fribidi") is None, reason="needs fribidi (make test installs it)")

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


def fribidi(lines: list[str], rtl: bool) -> list[str]:
    result = subprocess.run(
        ["fribidi", "--nopad", "--nobreak", "--rtl" if rtl else "--ltr"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [line.replace("\ufeff", "") for line in result.stdout.split("\n")[: len(lines)]]


def assert_same_as_fribidi(paragraphs: list[str], widths: list[int]) -> int:
    """Compare every line; return how many needed the lam-haraka-alef allowance."""
    by_direction: dict[bool, list[tuple[str, str]]] = {True: [], False: []}
    for text in paragraphs:
        rtl = paragraph_is_rtl(text)
        for width in widths:
            by_direction[rtl].extend(
                (text[line.start : line.end], line.visual) for line in layout_plain(text, width, rtl=rtl)
            )
    allowed = 0
    mismatches = []
    for rtl, pairs in by_direction.items():
        if not pairs:
            continue
        for (logical, ours), fribidi_line in zip(pairs, fribidi([logical for logical, _ in pairs], rtl), strict=True):
            theirs = fribidi_line
            if LAM_HARAKA_ALEF.search(logical) and ours != theirs:
                allowed += 1
                theirs = ligate_like_reader(theirs)
            if ours != theirs:
                mismatches.append((logical, ours, theirs))
    assert mismatches == []
    return allowed


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


def test_the_allowance_is_only_for_lam_haraka_alef() -> None:
    assert ligate_like_reader("ﺎﻟَ") == "ﻻَ"
    assert ligate_like_reader("ﺎﻠًﻳ") == "ﻼًﻳ"
    assert ligate_like_reader("ﺄُﻟْ") == "ﻷْ\u064f"  # lam's sukun, then alef's damma, on the ligature
    assert ligate_like_reader("ﺎﻟ") == "ﺎﻟ"  # alef then lam in display order without a mark: untouched
