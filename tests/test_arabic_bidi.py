"""The bidi algorithm for one line: levels, order, mirroring, marks, and the fast paths' promises."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

from bidi import get_display

from reader.arabic.bidi import RTL_RANGES, RTL_SIMPLE, display, display_with_order, resolve_levels, visual_order
from reader.arabic.joining import shape_text as shape


def test_python_bidi_does_not_mirror_brackets_but_display_does() -> None:
    line = shape("(مرحبا)")
    assert get_display(line, base_dir="R") == ")ﺎﺒﺣﺮﻣ("  # python-bidi 0.6: rule L4 not applied
    assert display(line, rtl=True) == "(ﺎﺒﺣﺮﻣ)"


def test_latin_in_brackets_inside_arabic_keeps_its_brackets() -> None:
    assert display(shape("قالت (CSTO) اليوم"), rtl=True) == "ﻡﻮﻴﻟﺍ (CSTO) ﺖﻟﺎﻗ"


def test_a_bracket_pair_split_by_wrapping_is_mirrored_by_its_level() -> None:
    assert display(shape("قالت (منظمة"), rtl=True) == "ﺔﻤﻈﻨﻣ) ﺖﻟﺎﻗ"
    assert display(shape("الأمن) اليوم"), rtl=True) == "ﻡﻮﻴﻟﺍ (ﻦﻣﻷﺍ"


def test_levels_of_numbers_and_latin_in_an_rtl_line() -> None:
    assert resolve_levels("ﻲﻓ 2024 ﻭ abc", rtl=True) == "1112222111222"
    assert resolve_levels("abc ﻲﻓ 12", rtl=False) == "000011122"


def test_numbers_after_arabic_letters_are_arabic_numbers_w2() -> None:
    # "12.5%" after Arabic: the percent sign is not joined to the number (AN, not EN)
    assert display("ﻭ 12.5%", rtl=True) == "%12.5 ﻭ"


def test_marks_follow_their_base_after_reordering() -> None:
    assert display("ﻣَﺮْ", rtl=True) == "ﺮْﻣَ"
    assert display("ﺍﻟﺸّﻌﺮ abc", rtl=False) == "ﺮﻌﺸّﻟﺍ abc"


def test_trailing_spaces_go_to_the_paragraph_side_l1() -> None:
    assert display("abc  ", rtl=True) == "  abc"


def test_visual_order_is_a_permutation_matching_the_display() -> None:
    line = "ﻲﻓ (CSTO) ﻭ ٣٤٥ «ﻧﺺ» 12.5"
    text, order = display_with_order(line, rtl=True)
    assert sorted(order) == list(range(len(line)))
    assert len(text) == len(line)
    assert visual_order(line, resolve_levels(line, True)) == order


def _code_points(char_class: str) -> list[str]:
    pattern = re.compile(f"[{char_class}]")
    return [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and pattern.match(chr(c))]


def test_rtl_fast_path_holds_only_characters_that_resolve_to_level_one() -> None:
    allowed = {"R", "AL", "NSM", "BN", "WS", "ON", "ES", "ET", "CS"}
    strays = [c for c in _code_points(RTL_SIMPLE) if unicodedata.bidirectional(c) not in allowed]
    assert [f"U+{ord(c):04X}" for c in strays if unicodedata.category(c) != "Cn"] == []


def test_ltr_fast_path_ranges_hold_every_right_to_left_character() -> None:
    pattern = re.compile(f"[{RTL_RANGES}]")
    outside = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(c)) in ("R", "AL", "AN") and not pattern.match(chr(c))
    ]
    assert outside == []


def test_fast_path_equals_full_resolution() -> None:
    rng = random.Random(7)
    pieces = ["ﻣَﺮْ", "ﺣﺒﺎ", "ﻻ", " ", "(", ")", "«", "»", ".", "،", "-", "%", '"', "ﻲﻓ", "[", "]"]
    for _ in range(300):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        fast = display(line, rtl=True)
        full, _order = display_with_order(line, rtl=True)
        levels = resolve_levels(line, rtl=True)
        assert set(levels) == {"1"}, line
        assert fast == full, line


def test_display_by_string_slices_equals_display_by_order() -> None:
    rng = random.Random(11)
    pieces = [
        "ﻣَﺮْ",
        "ﺣﺒﺎ",
        "ﻻ",
        " ",
        "(",
        ")",
        "«",
        "»",
        ".",
        "،",
        "-",
        "%",
        "12",
        "٣٤",
        "abc",
        "X",
        "2.5",
        "ﺍﻟﺸّ",
        "[",
        "]",
    ]
    for _ in range(500):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        for rtl in (True, False):
            assert display(line, rtl) == display_with_order(line, rtl)[0], (line, rtl)


def test_paragraph_path_character_sets_match_unicode() -> None:
    from bidi.mirror import MIRRORED

    from reader.arabic import bidi

    simple = _code_points(RTL_SIMPLE)
    kinds = {c: unicodedata.bidirectional(c) for c in simple}
    assert {c for c, k in kinds.items() if k in ("ES", "ET")} == set(_code_points(bidi._TERMINATOR_OR_SEPARATOR))
    separators = {c for c, k in kinds.items() if k == "CS"}
    assert all(bidi._NUMBER.fullmatch(f"1{c}2") for c in separators)
    plain = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and not bidi._PLAIN.match(chr(c))]
    assert set(plain) <= set(simple)
    assert not any(c in MIRRORED or kinds[c] in ("ES", "ET", "NSM", "BN", "EN", "AN") for c in plain)


def test_paragraph_fast_path_equals_full_resolution_of_the_paragraph() -> None:
    # numbers before the first Arabic letter stay European (W5 takes in "%", W4 joins "3-1"), and
    # a Hebrew letter keeps the numbers after it European too; after an Arabic letter they are not
    from reader.arabic.bidi import reorder, rtl_paragraph_display

    rng = random.Random(16)
    pieces = ["قال", "في", "3-1", "10%", "$20", "1,000", "١٢", "١٢٫٥", "2024", "،", ".", "(", ")", "שלום", "-", "+"]
    taken = 0
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        if not any(c in text for c in "قفש"):
            continue
        line = shape(text)
        fast = rtl_paragraph_display(line)
        if fast is not None:
            taken += 1
            assert fast == reorder(line, resolve_levels(line, rtl=True), rtl=True), text
    assert taken > 300


def test_arabic_stretches_resolve_as_one_letter_would() -> None:
    # paragraph_levels runs the rules with each Arabic stretch standing as one letter; it must
    # give what running them on every character gives, in both directions
    from reader.arabic import bidi
    from tests.test_fribidi_oracle import mixed_paragraphs
    from tests.test_layout import arabic_with_numbers

    marked = ["قالَ، «الوزيرُ» إنَّ (المبادرةَ) 3-1 مهمّةٌ ٪5 جداً abc ً"]
    for text in [*mixed_paragraphs(seed=3, count=400), *arabic_with_numbers(), *marked]:
        for rtl in (True, False):
            assert bidi.paragraph_levels(text, rtl) == bidi._resolve(text, rtl), (text, rtl)
