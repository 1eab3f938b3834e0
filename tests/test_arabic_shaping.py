"""Shaping: what arabic-reshaper gets wrong for a terminal, and how the engine draws words instead."""

from __future__ import annotations

import random
from pathlib import Path

import arabic_reshaper
import pytest
from arabic_reshaper.letters import LETTERS_ARABIC
from arabic_reshaper.ligatures import LIGATURES

from reader.arabic.joining import shape_text
from reader.arabic.shaping import shape_word, shape_words, source_map, word_cache
from tests.test_layout import article_paragraphs

ANERCORP = Path("/work/shared/data/ner/anercorp-train.conll")  # used when present, not shipped
LAM_ALEF_ONLY = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,
        "support_ligatures": True,
        **{name: name.startswith("ARABIC LIGATURE LAM WITH ALEF") and "MAKSURA" not in name for name, _ in LIGATURES},
    }
)


def vocabulary() -> list[str]:
    """Every word of the sample articles (and ANERcorp when present) and 20,000 random words that
    use every letter of arabic-reshaper's table, with harakat, tatweel, digits and Latin."""
    words = {word for text in article_paragraphs() for word in text.split()}
    if ANERCORP.exists():
        words.update(ANERCORP.read_text(encoding="utf-8").replace("\t", " ").split())
    rng = random.Random(3)
    letters = [letter for letter in LETTERS_ARABIC if letter != "\u200d"]
    extras = ["\u064e", "\u0651", "\u064b", "\u0652", "\u0670", "\u0640", "1", "x", "-", "\u0644", "\u0627"]
    for _ in range(20_000):
        words.add("".join(rng.choice(letters if rng.random() < 0.75 else extras) for _ in range(rng.randint(1, 9))))
    return sorted(words)


def test_joining_is_arabic_reshapers_with_lam_alef_as_only_ligature() -> None:
    words = vocabulary()
    theirs = [LAM_ALEF_ONLY.reshape(word).replace("\ufe80", "\u0621") for word in words]
    differ = [(w, o, t) for w, o, t in zip(words, shape_words(words), theirs, strict=True) if o != t]
    assert differ == []


def test_lam_alef_is_one_glyph_of_one_cell() -> None:
    assert word_cache()["لا"][:2] == ("ﻻ", 1)
    assert word_cache()["السلام"][:2] == ("ﺍﻟﺴﻼﻡ", 5)  # six letters, five cells


def test_word_ligatures_other_than_lam_alef_are_off() -> None:
    # arabic-reshaper's default draws ALLAH as U+FDF2, which fonts draw wider than one cell
    assert "\ufdf2" in arabic_reshaper.reshape("لا سمح الله")
    shaped = shape_text("لا سمح الله")
    assert "\ufdf2" not in shaped
    assert shaped == "ﻻ ﺳﻤﺢ ﺍﻟﻠﻪ"


def test_zwj_before_lam_alef_joins_instead_of_raising() -> None:
    with pytest.raises(IndexError):  # the library defect this works around
        arabic_reshaper.reshape("\u200dلا")
    assert shape_word("\u200dلا") == "ﻼ"  # lam-alef in its joined (final) form, the ZWJ consumed
    assert shape_word("ب\u200d") == "ﺑ"  # a ZWJ after a letter gives it its initial form


def test_tatweel_is_kept_and_joins() -> None:
    assert shape_word("بـ") == "ﺑـ"


def test_lone_hamza_is_plain_u0621_like_fribidi() -> None:
    assert shape_word("سماء") == "ﺳﻤﺎء"


def test_harakat_follow_their_letter_or_are_stripped() -> None:
    assert shape_word("مَرْحَبًا") == "ﻣَﺮْﺣَﺒًﺎ"
    assert word_cache("strip")["مَرْحَبًا"][:2] == ("ﻣﺮﺣﺒﺎ", 5)
    assert word_cache("keep")["مَرْحَبًا"].cells == 5


def test_lam_haraka_alef_ligates_across_the_mark() -> None:
    # FriBidi leaves lam and alef apart here; lam-alef is obligatory and fonts ligate across a mark
    assert shape_word("لَا") == "ﻻَ"


def test_latin_and_digits_pass_through() -> None:
    assert word_cache()["CSTO"][:2] == ("CSTO", 4)
    assert shape_word("٢٠٢٤") == "٢٠٢٤"


def test_source_map_points_each_glyph_at_its_letter() -> None:
    word = "لأنَّ"
    drawn = shape_word(word)
    assert drawn == "ﻷﻥَّ"
    assert source_map(word, drawn) == (0, 2, 3, 4)
    assert source_map("\u200dلا", "ﻼ") == (1,)
    assert source_map("مَرْحَبًا", "ﻣﺮﺣﺒﺎ") == (0, 2, 4, 6, 8)


def test_marks_taken_as_zero_width_are_zero_width() -> None:
    import sys

    from rich.cells import cell_len

    from reader.arabic.shaping import ZERO_WIDTH_MARKS, one_char_per_cell

    marks = [chr(c) for c in range(sys.maxunicode + 1) if ZERO_WIDTH_MARKS.fullmatch(chr(c))]
    assert marks and all(cell_len(mark) == 0 for mark in marks)
    assert one_char_per_cell("ﻣُﻌَﻠِّﻢ") == "ﻣﻌﻠﻢ"
    assert one_char_per_cell("東京") is None
