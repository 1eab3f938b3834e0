"""Search folding: a word is found whatever its harakat, tatweel or alef/yeh/teh marbuta variant."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.arabic.normalize import _RANGES, _fast_way, _fold_char, find_all, fold, fold_with_offsets

# What news is written in (the fast way's ranges) and, now and then, any character at all.
_NEWS_CHARS = st.sampled_from([chr(code) for code in _RANGES])
_ANY_TEXT = st.text(st.one_of(_NEWS_CHARS, _NEWS_CHARS, _NEWS_CHARS, st.characters()), max_size=60)


def test_fold_unifies_variants_and_drops_marks() -> None:
    assert fold("أإآٱ") == "اااا"
    assert fold("مستشفى") == "مستشفي"
    assert fold("مدرسة") == "مدرسه"
    assert fold("مُعَلِّم") == "معلم"
    assert fold("جـــميل") == "جميل"
    assert fold("NATO") == "nato"


def test_fold_does_not_mangle_what_pyarabic_mangles() -> None:
    assert fold("إلى") == "الي"
    assert fold("آمنة") == "امنه"


def test_presentation_forms_and_ligatures_fold_to_letters() -> None:
    assert fold("ﻻ") == "لا"
    assert fold("ﷲ") == "الله"


def test_offsets_point_back_into_the_original() -> None:
    folded, origins = fold_with_offsets("مُعَلِّم")
    assert folded == "معلم"
    assert origins == [0, 2, 4, 7, 8]


def test_find_all_ignores_harakat_and_variants_and_returns_original_offsets() -> None:
    text = "قال المُعَلِّمُ إن المعلمة في المدرسة"
    hits = find_all(text, "معلم")
    assert [text[a:b] for a, b in hits] == ["مُعَلِّمُ", "معلم"]
    assert [text[a:b] for a, b in find_all(text, "مدرسه")] == ["مدرسة"]
    other = "إلى أين"
    assert [other[a:b] for a, b in find_all(other, "الى")] == ["إلى"]


def test_find_all_in_presentation_forms_covers_whole_glyphs() -> None:
    text = "ﺍﻟﺴﻼﻡ"
    assert find_all(text, "سلام") == [(2, 5)]
    assert find_all(text, "سل") == [(2, 4)]  # half of the lam-alef ligature still takes the glyph


def test_find_all_with_empty_or_mark_only_needle_finds_nothing() -> None:
    assert find_all("مرحبا", "") == []
    assert find_all("مرحبا", "\u064e") == []


@settings(max_examples=3000, deadline=None)
@given(text=_ANY_TEXT)
def test_fold_is_each_character_folded_on_its_own(text: str) -> None:
    # fold's fast way (lower, replaces, one removal) against the definition, character by character.
    assert fold(text) == "".join(map(_fold_char, text))


def test_fold_of_news_text_with_capitals_marks_and_every_variant() -> None:
    text = "قالَ مُـــديرُ NATO في «القاهرة» إن الأمم المتحدة ستُعيد إعمار آبار مستشفى ٱلمدينة؛ Éric — 2024"
    outside, _, _ = _fast_way()
    assert outside.search(text) is None, "such a text goes the fast way"
    assert fold(text) == "".join(map(_fold_char, text))
    assert fold(text) == "قال مدير nato في «القاهره» ان الامم المتحده ستعيد اعمار ابار مستشفي المدينه؛ éric — 2024"
