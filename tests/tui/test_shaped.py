"""One-line labels (library titles, pane entries, the status heading): cut at their logical end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.layout import BidiMode, layout_paragraph
from reader.terminal_rows import LRM, PDF, RLE, RLM
from reader.tui.shaped import ELLIPSIS, MARKS, Shaping, in_left_to_right_row, shaped_line
from tests.fribidi import load

TITLE = "قطر تحتفظ بلقب كأس آسيا بفوزها على الأردن 3-1 وعفيف يسجل ثلاثية"
TERMINAL = Shaping(BidiMode.TERMINAL)


@pytest.mark.parametrize("width", [8, 20, 33])
def test_terminal_mode_cuts_a_title_at_its_logical_end(width: int) -> None:
    line = shaped_line(TITLE, width, TERMINAL).plain
    assert line.lstrip(" ").startswith(LRM), "the row's LRM first, after a leading space where there is one"
    assert line.endswith(ELLIPSIS + RLM), "an RLM keeps the ellipsis in the title's run"
    body = line.replace(LRM, "", 1)[:-2]  # Arabic words and a score: no embedding needed
    kept = body.lstrip(" ")
    padding = body[: len(body) - len(kept)]
    assert TITLE.startswith(kept) and kept, "the beginning of the title is kept, in logical order"
    assert padding == " " * (width - 1 - len(kept)), "padding first, so the title ends at the right"


def test_app_mode_puts_the_ellipsis_where_the_title_goes_on_on_screen_the_left() -> None:
    line = shaped_line(TITLE, 20, Shaping(BidiMode.APP)).plain
    start = layout_paragraph(TITLE, 19)[0]
    assert line == " " * (19 - start.cells) + ELLIPSIS + start.text.plain, (
        "display order: the logical end is on the left"
    )


def test_a_title_that_fits_is_not_cut_and_a_latin_one_stands_flush_left() -> None:
    assert shaped_line("قطر تحتفظ", 12, TERMINAL).plain == " " + LRM + "  " + "قطر تحتفظ", (
        "Arabic words alone need no mark but the row's LRM"
    )
    assert shaped_line("Gulf AI models race on", 12, TERMINAL).plain == "Gulf AI" + ELLIPSIS + "    ", (
        "a line that begins with a Latin letter needs no LRM: the row is left to right already"
    )


def test_terminal_mode_sends_as_few_marks_as_hold_the_text_together() -> None:
    """mlterm gives each mark a cell, so each one costs the row a cell (`Shaping.mark_cells`)."""
    assert shaped_line("«أوبك+» تمدد", 16, TERMINAL, lead=False).plain == "    " + RLM + "«أوبك+» تمدد", (
        "a bracket first: an RLM before keeps it at the right, in the title's run"
    )
    assert (
        shaped_line("قمة G20 في الرياض", 20, TERMINAL, lead=False).plain == "   " + RLE + "قمة G20 في الرياض" + PDF
    ), "a Latin word inside: an embedding, else the row's direction orders the runs"
    assert shaped_line("قطر تحتفظ", 9, TERMINAL, lead=False, followed=True).plain == "قطر تحتفظ" + LRM, (
        "a number after it on the row must not be drawn into it"
    )


ARABIC_WORDS = ["قطر", "تحتفظ", "بلقب", "الأردن", "الصحة", "العالمية", "لافروف", "في"]
OTHER_WORDS = ["G20", "CNN", "3-1", "2024", "«أوبك+»", "(رويترز)", "؟", "...", "iPhone 15", "١٢"]


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(ARABIC_WORDS + OTHER_WORDS), min_size=1, max_size=12),
    width=st.integers(min_value=6, max_value=40),
)
def test_a_terminal_reordering_the_row_shows_the_label_as_its_own_paragraph(words: list[str], width: int) -> None:
    """GNU FriBidi stands in for the terminal (mlterm reorders with FriBidi): a row of left-to-right
    columns, then the label, then a number, reordered as one left-to-right paragraph, shows the label
    as the label alone shows as a right-to-left paragraph, and the columns round it in their places."""
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    text = " ".join(["قطر", *words])  # right to left: its first strong letter is Arabic
    label = shaped_line(text, width, TERMINAL, lead=False, followed=True).plain
    row = "429 words  " + label + "  37"
    shown = fribidi.display_lines(row, [(0, len(row))], False)[0]
    alone = label.strip(" " + LRM + RLM + RLE + PDF)
    as_paragraph = fribidi.display_lines(alone, [(0, len(alone))], True)[0]
    padding = " " * (len(label) - len(label.lstrip(" ")))
    unmarked = "".join(char for char in shown if char not in MARKS)
    assert unmarked == "429 words  " + padding + "".join(c for c in as_paragraph if c not in MARKS) + "  37"


KONSOLE = Shaping(BidiMode.TERMINAL, draws_as_sent=True)


def shown_by(row: str, *, mirror: bool, rtl: bool = False) -> str:
    """`row` as a terminal reordering it as one left-to-right paragraph draws it, marks drawing nothing
    (GNU FriBidi standing in): mlterm and VTE mirror brackets at right-to-left levels (`mirror`),
    Konsole 22.12 draws each as sent. `rtl`: as a right-to-left paragraph instead."""
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    return "".join(c for c in fribidi.display_lines(row, [(0, len(row))], rtl, mirror=mirror)[0] if c not in MARKS)


def test_konsole_in_terminal_mode_gets_the_brackets_as_a_mirroring_terminal_draws_them() -> None:
    title = "«أوبك+» تمدد خفض الإنتاج (رويترز) [حتى] منتصف 2024"
    row = "614 words  " + shaped_line(title, 60, TERMINAL, lead=False, followed=True).plain + "  7"
    right = shown_by(row, mirror=True)  # mlterm, VTE
    assert shown_by(row, mirror=False) != right, "Konsole, sent the same: `»أوبك+«`, the brackets turned round"
    row = "614 words  " + shaped_line(title, 60, KONSOLE, lead=False, followed=True).plain + "  7"
    assert shown_by(row, mirror=False) == right


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(st.sampled_from(ARABIC_WORDS + OTHER_WORDS), min_size=1, max_size=12),
    width=st.integers(min_value=6, max_value=40),
)
def test_konsole_shows_every_terminal_mode_label_as_a_mirroring_terminal_does(words: list[str], width: int) -> None:
    text = " ".join(["قطر", *words])
    mirroring = "429 words  " + shaped_line(text, width, TERMINAL, lead=False, followed=True).plain + "  37"
    konsole = "429 words  " + shaped_line(text, width, KONSOLE, lead=False, followed=True).plain + "  37"
    assert shown_by(konsole, mirror=False) == shown_by(mirroring, mirror=True)


def test_an_article_line_in_konsole_terminal_mode_shows_its_brackets_as_laid_out() -> None:
    line = layout_paragraph("قال المتحدث (رويترز) إن «أوبك+» قررت [أمس]", 60, mode=BidiMode.TERMINAL)[0]
    row = "│" + in_left_to_right_row(line.text, 60).plain
    right = shown_by(row, mirror=True)
    assert shown_by(row, mirror=False) != right
    assert shown_by("│" + in_left_to_right_row(line.text, 60, draws_as_sent=True).plain, mirror=False) == right
