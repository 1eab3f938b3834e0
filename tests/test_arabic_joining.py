"""Joining a whole text at once (reader.arabic.joining) draws exactly what shaping word by word draws."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.arabic.joining import shape_text, shape_texts
from tests.test_arabic_shaping import LAM_ALEF_ONLY, vocabulary


def reference(text: str) -> str:
    """arabic-reshaper, lam-alef its only ligature, one space-separated word at a time."""
    return " ".join(LAM_ALEF_ONLY.reshape(word).replace("\ufe80", "\u0621") for word in text.split(" "))


def test_a_whole_text_is_shaped_as_its_words_are() -> None:
    words = vocabulary()
    text = " ".join(words)
    assert shape_text(text) == reference(text)


def test_marks_between_lam_and_alef_follow_the_ligature() -> None:
    assert shape_text("لَا") == "ﻻَ"
    assert shape_text("بلّا") == "ﺑﻼّ"  # medial lam: the final ligature, its mark after it
    assert shape_text("لًّّّّا") == "ﻻًّّّّ"  # a run of marks is as transparent as one


def test_zwj_joins_and_draws_nothing() -> None:
    assert shape_text("\u200dلا") == "ﻼ"
    assert shape_text("ب\u200d ب") == "ﺑ ﺏ"
    assert shape_text("\u200d\u064e") == "\u064e"  # arabic-reshaper loses the mark


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "ل",
                "ا",
                "أ",
                "ب",
                "ء",
                "ة",
                "ى",
                "ـ",
                "\u064e",
                "\u0651",
                "\u08f0",
                "\ufeff",
                "\uffff",
                "\U0001f600",
                "x",
                "1",
                " ",
                "\n",
                "پ",
                "ٷ",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_any_mix_shapes_like_the_reference(text: str) -> None:
    """Letters, marks of both blocks, U+FFFF (what the engine uses internally), characters outside
    the BMP and line breaks: the same as shaping each line's words with arabic-reshaper (which
    mishandles ZWJ: see the test above)."""
    expected = "\n".join(reference(line) for line in text.split("\n"))
    assert shape_text(text) == expected


def test_a_long_run_of_marks_costs_no_more_than_letters() -> None:
    """Marks pass joining on in doubling steps: a megabyte of marks is not a million passes."""
    started = time.process_time()
    shaped = shape_text("ب" + "\u064e" * 1_000_000 + "ب")
    assert shaped == "ﺑ" + "\u064e" * 1_000_000 + "ﺐ"
    assert time.process_time() - started < 2


def test_texts_shaped_together_are_shaped_as_each_alone() -> None:
    texts = ["لا", "", "سلام\u2029عليكم", "بـ", "ب" * 20_000, "مُعَلِّمٌ", "\u200dلا"]
    assert shape_texts(texts) == [shape_text(text) for text in texts]
