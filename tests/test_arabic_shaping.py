"""Shaping: what arabic-reshaper gets wrong for a terminal, and how the engine draws words instead."""

from __future__ import annotations

import arabic_reshaper
import pytest

from reader.arabic.shaping import shape, shape_word, source_map, word_cache


def test_lam_alef_is_one_glyph_of_one_cell() -> None:
    assert word_cache()["لا"][:2] == ("ﻻ", 1)
    assert word_cache()["السلام"][:2] == ("ﺍﻟﺴﻼﻡ", 5)  # six letters, five cells


def test_word_ligatures_other_than_lam_alef_are_off() -> None:
    # arabic-reshaper's default draws ALLAH as U+FDF2, which fonts draw wider than one cell
    assert "\ufdf2" in arabic_reshaper.reshape("لا سمح الله")
    shaped = shape("لا سمح الله")
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
    assert source_map(word, drawn) == [0, 2, 3, 4]
    assert source_map("\u200dلا", "ﻼ") == [1]
    assert source_map("مَرْحَبًا", "ﻣﺮﺣﺒﺎ") == [0, 2, 4, 6, 8]
