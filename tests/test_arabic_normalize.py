"""Search folding: a word is found whatever its harakat, tatweel or alef/yeh/teh marbuta variant."""

from __future__ import annotations

from reader.arabic.normalize import find_all, fold, fold_with_offsets


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
