"""reader.search: hits in reading order, folded like the texts, bounded."""

from __future__ import annotations

from reader.search import Hit, find_hits


def test_hits_ignore_harakat_hamza_forms_and_tatweel_and_keep_the_texts_places() -> None:
    texts = ["قالَ الوزير إنّ", None, "وزيـر الخارجية وأحمد", "لا شيء"]

    def found(query: str) -> list[tuple[int, str]]:
        return [(hit.row, texts[hit.row][hit.start : hit.end]) for hit in find_hits(texts, query)]  # type: ignore[index]  # a hit is never in a None text

    assert found("الوزير") == [(0, "الوزير")]
    assert found("وزير") == [(0, "وزير"), (2, "وزيـر")]  # the tatweel is inside the hit
    assert found("احمد") == [(2, "أحمد")]  # found by its bare alef
    assert found("قال") == [(0, "قالَ")]  # the haraka after the last letter is covered


def test_a_text_left_out_is_not_searched() -> None:
    assert find_hits([None, "نص"], "نص") == [Hit(1, 0, 2)]


def test_hits_stop_at_the_limit_and_an_empty_query_finds_nothing() -> None:
    texts = ["ب ب ب", "ب ب"]
    assert len(find_hits(texts, "ب")) == 5
    assert find_hits(texts, "ب", limit=4) == [Hit(0, 0, 1), Hit(0, 2, 3), Hit(0, 4, 5), Hit(1, 0, 1)]
    assert find_hits(texts, "") == []
