"""Layout as a reader sees it: line order, alignment, widths, styles on their glyphs, hostile text."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.layout import BidiMode, StyleSpan, VisualLine, layout_paragraph, paragraph_is_rtl
from reader.sources import load_path
from reader.structure import build_article
from tests.conftest import ARTICLES, SEED

LEAD = SEED.read_text(encoding="utf-8").split("\n")[3]


def article_paragraphs() -> list[str]:
    texts: list[str] = []
    for path in sorted(ARTICLES.iterdir()):
        article = build_article(load_path(str(path)))
        texts.append(article.title)
        for section in article.sections:
            texts.extend([section.heading] if section.heading else [])
            texts.extend(paragraph.text for paragraph in section.paragraphs)
    return texts


def base_letters(text: str) -> Counter[str]:
    """Letters and digits, presentation forms and ligatures decomposed: what must never be lost."""
    return Counter(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] in "LN")


def test_seed_lead_at_width_40_reads_top_to_bottom_right_to_left() -> None:
    assert LEAD.startswith("في إطار تأكيد")
    lines = layout_paragraph(LEAD, 40)
    first = lines[0].aligned(40).plain
    assert first.endswith("ﺭﺎﻃﺇ ﻲﻓ")  # في إطار, shaped, at the right edge
    assert len(first) == 40
    assert "في المستقبل." in LEAD[lines[-1].start : lines[-1].end]
    assert ".ﻞﺒﻘﺘﺴﻤﻟﺍ ﻲﻓ" in lines[-1].text.plain
    assert lines[-1].aligned(40).plain.endswith("ﻲﻤﻴﻠﻗﻹﺍ")  # flush right, not left


def test_wrapped_rtl_paragraph_keeps_line_order() -> None:
    lines = layout_paragraph(LEAD, 30)
    starts = [line.start for line in lines]
    assert starts == sorted(starts) and len(lines) > 3
    assert " ".join(LEAD[line.start : line.end] for line in lines) == LEAD


@pytest.mark.parametrize("width", [12, 40, 80])
def test_every_line_is_as_wide_as_it_says_and_fits(width: int) -> None:
    for text in article_paragraphs():
        for line in layout_paragraph(text, width):
            assert cell_len(line.text.plain) == line.cells <= width
            assert cell_len(line.aligned(width).plain) == width


def test_lam_alef_is_measured_shaped() -> None:
    # 40 lam-alef words: 80 characters, but 40 cells and 39 spaces once shaped
    text = " ".join(["لا"] * 40)
    [line] = layout_paragraph(text, 79)
    assert line.cells == 79 and line.text.plain == " ".join(["ﻻ"] * 40)


def test_paragraph_direction_comes_from_the_first_strong_character() -> None:
    assert paragraph_is_rtl("مرحبا world")
    assert not paragraph_is_rtl("CSTO قالت")
    assert paragraph_is_rtl("2024: قالت")
    assert not paragraph_is_rtl("2024 ...")


def test_a_line_starting_with_latin_keeps_its_paragraph_direction() -> None:
    lines = layout_paragraph("قال الأمين العام NATO summit اليوم", 16)
    assert all(line.rtl for line in lines)
    assert lines[1].aligned(16).plain.endswith("NATO summit")


def test_brackets_are_mirrored_in_rtl_text_and_latin_keeps_its_own() -> None:
    [line] = layout_paragraph("(مرحبا) قالت (CSTO) اليوم", 80)
    assert line.text.plain == "ﻡﻮﻴﻟﺍ (CSTO) ﺖﻟﺎﻗ (ﺎﺒﺣﺮﻣ)"


def test_newlines_inside_a_paragraph_break_lines_in_order() -> None:
    # python-bidi reorders across an embedded newline; each line is reordered on its own here
    lines = layout_paragraph("السطر الأول\nالسطر الثاني", 80)
    assert [line.text.plain for line in lines] == ["ﻝﻭﻷﺍ ﺮﻄﺴﻟﺍ", "ﻲﻧﺎﺜﻟﺍ ﺮﻄﺴﻟﺍ"]


def test_bidi_overrides_cannot_reorder_the_screen() -> None:
    hostile = "abc \u202eتجربة\u202c def \u2066x\u2069 \x1b[31mred"
    for line in layout_paragraph(hostile, 80):
        plain = line.text.plain
        assert not any(c in plain for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x1b")


def test_show_controls_marks_them_and_spans_keep_the_callers_offsets() -> None:
    text = "ab\u202ecd"
    [line] = layout_paragraph(text, 80, spans=[StyleSpan(3, 5, "bold")], show_controls=True)
    assert line.text.plain == "ab<U+202E>cd"
    assert (line.start, line.end) == (0, 5)
    assert [line.text.plain[s.start : s.end] for s in line.text.spans] == ["cd"]


def test_tabs_and_line_separators_do_not_break_the_cell_count() -> None:
    lines = layout_paragraph("قال\tالوزير\u2028اليوم", 80)
    assert [line.text.plain for line in lines] == ["ﺮﻳﺯﻮﻟﺍ ﻝﺎﻗ", "ﻡﻮﻴﻟﺍ"]
    assert [line.cells for line in lines] == [10, 5]


def test_harakat_stay_after_their_letter_or_go() -> None:
    [kept] = layout_paragraph("مَرْحَبًا", 80)
    assert kept.text.plain == "ﺎﺒًﺣَﺮْﻣَ"  # each mark right after its letter, in display order
    assert kept.cells == 5
    [stripped] = layout_paragraph("مَرْحَبًا", 80, harakat="strip")
    assert stripped.text.plain == "ﺎﺒﺣﺮﻣ" and stripped.cells == 5


def test_haraka_after_lam_alef_stays_on_the_ligature() -> None:
    [line] = layout_paragraph("طويلًا", 80)
    assert line.text.plain == "ﻼًﻳﻮﻃ"  # arabic-reshaper's shifted order would put the mark before the ligature


@pytest.mark.parametrize("width", [-3, 0, 1, 2, 3, 4])
def test_tiny_widths_do_not_raise_and_overflow_only_by_one_grapheme(width: int) -> None:
    text = "في إطار CSTO ١٢٣ 👍🏽 東京 مُعَلِّم"
    for line in layout_paragraph(text, width):
        assert line.cells == cell_len(line.text.plain)
        if line.cells > max(width, 1):
            assert len(text[line.start : line.end].strip()) <= 2  # one grapheme (a wide one, or with its mark)


def test_a_word_wider_than_the_line_is_cut_between_graphemes() -> None:
    lines = layout_paragraph("مُعَلِّمون", 3)
    assert all(line.cells <= 3 for line in lines)
    assert "".join("مُعَلِّمون"[line.start : line.end] for line in lines) == "مُعَلِّمون"


def test_terminal_mode_keeps_logical_unshaped_text_padded_after() -> None:
    [line] = layout_paragraph("في إطار", 20, mode=BidiMode.TERMINAL)
    assert line.text.plain == "في إطار" and line.cells == 7
    assert line.aligned(10).plain == "في إطار   "


def test_terminal_mode_marks_a_line_that_starts_against_its_paragraph() -> None:
    lines = layout_paragraph("قال NATO اليوم", 9, mode=BidiMode.TERMINAL)
    assert [line.text.plain for line in lines] == ["قال NATO", "اليوم"]
    lines = layout_paragraph("قال الأمين NATO اليوم", 10, mode=BidiMode.TERMINAL)
    assert lines[1].text.plain == "\u200fNATO اليوم"


def styled(line: VisualLine, style: str) -> str:
    return "".join(line.text.plain[s.start : s.end] for s in line.text.spans if s.style == style)


def test_entity_style_follows_its_glyphs_through_shaping_and_reordering() -> None:
    text = "قال وزير الخارجية الروسي سيرجي لافروف (CSTO) 2024"
    spans = [
        StyleSpan(text.index("لافروف"), text.index("لافروف") + 6, "entity"),
        StyleSpan(text.index("CSTO"), text.index("CSTO") + 4, "hit"),
    ]
    [line] = layout_paragraph(text, 80, spans=spans)
    assert styled(line, "entity") == "ﻑﻭﺮﻓﻻ"
    assert styled(line, "hit") == "CSTO"


alphabet = st.sampled_from(
    [
        "مرحبا",
        "لا",
        "الله",
        "في",
        "مُعَلِّم",
        "طويلًا",
        "CSTO",
        "abc",
        "2024",
        "١٢٣",
        "12.5",
        "(",
        ")",
        "[",
        "]",
        "«",
        "»",
        '"',
        "،",
        ".",
        ":",
        "!",
        "؟",
        "-",
        "%",
        "+",
        "\u200dلا",
        "ـ",
    ]
)
# distinct words, so that a style landing on the wrong word shows in the letters it covers
words = st.lists(st.lists(alphabet, min_size=1, max_size=3).map("".join), min_size=1, max_size=30, unique=True)


@settings(max_examples=150, deadline=None)
@given(tokens=words, width=st.integers(5, 200), data=st.data())
def test_layout_loses_nothing_and_styles_cover_exactly_their_spans(tokens: list[str], width: int, data) -> None:
    text = " ".join(tokens)
    offsets = []
    pos = 0
    for token in tokens:
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    chosen = data.draw(st.lists(st.sampled_from(range(len(tokens))), unique=True, max_size=3))
    spans = [StyleSpan(*offsets[k], f"s{n}") for n, k in enumerate(chosen)]
    lines = layout_paragraph(text, width, spans=spans)
    assert base_letters("".join(line.text.plain for line in lines)) == base_letters(text)
    for line in lines:
        assert line.cells == cell_len(line.text.plain)
        assert line.cells <= width or len(text[line.start : line.end]) <= 2
    for span in spans:
        glyphs = "".join(styled(line, span.style) for line in lines)  # type: ignore[arg-type]
        assert base_letters(glyphs) == base_letters(text[span.start : span.end])


def arabic_with_numbers() -> list[str]:
    """Arabic with numbers and their separators and terminators: where lines may resolve differently."""
    import random

    rng = random.Random(8)
    tokens = [
        "قال",
        "في",
        "عام",
        "(منظمة)",
        "«نص»",
        "،",
        ".",
        "2024",
        "12.5",
        "1,000",
        "١٢",
        "١٢٫٥",
        "٣،٤",
        "10%",
        "%10",
        "1-2",
        "-5",
        "+7",
        "$3",
        "#1",
        "3/4",
        "12:30",
        "1 000",
        "٪٥",
        "١-٢",
        "ـ",
        "…",
    ]
    return [" ".join(rng.choice(tokens) for _ in range(rng.randint(1, 40))) for _ in range(400)]


@pytest.mark.parametrize("width", [2, 5, 13, 40, 80])
def test_display_blocks_fast_path_equals_the_full_layout(width: int) -> None:
    from reader.layout import display_blocks, layout_plain
    from tests.test_fribidi_oracle import mixed_paragraphs

    marked = ["قالَ الوزيرُ إنَّ المبادرةَ مهمّةٌ جداً، وأضافَ أنَّها خطوةٌ " * 3, "مُعَلِّمٌ " * 12]
    texts = [*article_paragraphs(), *mixed_paragraphs(seed=5, count=300), *arabic_with_numbers(), *marked]
    spaced = ["قالَ  الوزيرُ   إنَّ  المبادرةَ مهمّةٌ  " * 4, "قال  َ  في  " * 6]  # runs of spaces, a lone haraka
    for text in [*texts, *spaced, "a  b   c", "  قال  ", ""]:
        rtl = paragraph_is_rtl(text)
        full = [(line.visual, line.cells) for line in layout_plain(text, width, rtl=rtl)]
        assert display_blocks([text], width)[0] == full, text


fast_path_pieces = st.sampled_from(
    [
        "قال",
        "الوزيرُ",
        "مهمّةٌ",
        "جداً",
        "َ",
        "ًّ",
        "\u200d",
        "لا",
        "(منظمة)",
        "«نص»",
        "CSTO",
        "New York",
        "2024",
        "10%",
        "1-2",
        "١٢",
        "،",
        ".",
        "",
        " ",
        "東京",
        "\u00a0",
        "a" * 30,
        "ب" * 45,
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(fast_path_pieces, max_size=30), width=st.integers(2, 60), harakat=st.sampled_from(["keep", "strip"])
)
def test_display_blocks_equal_the_full_layout_for_any_mix(pieces: list[str], width: int, harakat: str) -> None:
    """Lone marks and ZWJs, runs of spaces, wide characters, words wider than the line, Latin and
    numbers: whichever path `display_blocks` takes, its lines are `layout_plain`'s."""
    from reader.layout import display_blocks, layout_plain

    texts = [" ".join(pieces), "".join(pieces), " ".join(reversed(pieces))]
    laid = display_blocks(texts, width, harakat=harakat)  # type: ignore[arg-type]
    for text, lines in zip(texts, laid, strict=True):
        rtl = paragraph_is_rtl(text)
        full = layout_plain(text, width, rtl=rtl, harakat=harakat)  # type: ignore[arg-type]
        assert lines == [(line.visual, line.cells) for line in full], (text, width)


no_ligature = st.sampled_from(
    ["مرحبا", "في", "مُعَلِّم", "CSTO", "2024", "١٢٣", "(", ")", "«", "»", "،", ".", "سماء", "بـ"]
)


@settings(max_examples=100, deadline=None)
@given(
    tokens=st.lists(no_ligature, min_size=1, max_size=25),
    width=st.integers(5, 60),
    cut=st.tuples(st.integers(0, 200), st.integers(0, 200)),
    mode=st.sampled_from(list(BidiMode)),
)
def test_a_span_cutting_through_words_styles_exactly_its_letters(
    tokens: list[str], width: int, cut: tuple[int, int], mode: BidiMode
) -> None:
    # a search hit may start or end inside a word; without a ligature every letter is its own glyph
    text = " ".join(tokens)
    start, end = sorted(min(c, len(text)) for c in cut)
    lines = layout_paragraph(text, width, spans=[StyleSpan(start, end, "hit")], mode=mode)
    glyphs = "".join(styled(line, "hit") for line in lines)
    assert base_letters(glyphs) == base_letters(text[start:end])
