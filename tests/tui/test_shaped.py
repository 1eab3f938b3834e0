"""One-line labels (library titles, pane entries, the status heading): cut at their logical end."""

from __future__ import annotations

import pytest

from reader.layout import BidiMode, layout_paragraph
from reader.tui.shaped import ELLIPSIS, LRM, RLM, Shaping, shaped_line

TITLE = "قطر تحتفظ بلقب كأس آسيا بفوزها على الأردن 3-1 وعفيف يسجل ثلاثية"


@pytest.mark.parametrize("width", [8, 20, 33])
def test_terminal_mode_cuts_a_title_at_its_logical_end(width: int) -> None:
    line = shaped_line(TITLE, width, Shaping(BidiMode.TERMINAL)).plain
    assert line.startswith(LRM) and line.endswith(ELLIPSIS + RLM)
    padding, kept = line[1:-2].split(RLM)
    assert TITLE.startswith(kept) and kept, "the beginning of the title is kept, in logical order"
    assert padding == " " * (width - 1 - len(kept)), "padding first, so the title ends at the right"


def test_app_mode_puts_the_ellipsis_where_the_title_goes_on_on_screen_the_left() -> None:
    line = shaped_line(TITLE, 20, Shaping(BidiMode.APP)).plain
    start = layout_paragraph(TITLE, 19)[0]
    assert line == " " * (19 - start.cells) + ELLIPSIS + start.text.plain, (
        "display order: the logical end is on the left"
    )


def test_a_title_that_fits_is_not_cut_and_a_latin_one_stands_flush_left() -> None:
    assert shaped_line("قطر تحتفظ", 12, Shaping(BidiMode.TERMINAL)).plain == LRM + "   " + RLM + "قطر تحتفظ" + RLM
    assert (
        shaped_line("Gulf AI models race on", 12, Shaping(BidiMode.TERMINAL)).plain
        == LRM + "Gulf AI" + ELLIPSIS + "    "
    )
