"""Konsole's and qterminal's own bidi: what reader sends is what their reordering turns back into the display line.

Both were measured (reader/konsole.py) to run the Unicode bidi algorithm as a left-to-right paragraph:
Konsole 22.12 on each whole row, honouring LRM; qterminal 1.2 on each run of one style, without the
formatting characters. GNU FriBidi (through its C API, `tests/fribidi.py`) stands in for Qt's algorithm.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.kitty import cells_of
from reader.konsole import MARKS, konsole_cells, konsole_line, konsole_mirrors
from reader.layout import layout_plain
from reader.tui.kitty import konsole_strip
from tests.fribidi import load

FRIBIDI = load()
pytestmark = pytest.mark.skipif(FRIBIDI is None, reason="needs libfribidi (make test installs libfribidi-bin)")


def left_to_right(text: str, *, mirror: bool = True) -> str:
    """`text` reordered as one left-to-right paragraph, as Qt draws it."""
    assert FRIBIDI is not None
    return FRIBIDI.display_lines(text, [(0, len(text))], False, mirror=mirror)[0] if text else ""


def unmarked(text: str) -> str:
    return "".join(char for char in text if char not in MARKS)


def konsole_shows(sent: Sequence[str]) -> str:
    """Konsole: the whole row reordered at once, its marks taking part and drawing nothing, its
    brackets drawn as sent (measured in Konsole 22.12.3: `(رويترز) قال` sent mirrored showed `(رويترز(`)."""
    return unmarked(left_to_right("".join(sent), mirror=False))


def qterminal_shows(sent: Sequence[str], runs: Sequence[Hashable]) -> str:
    """qterminal: each run of one style reordered on its own in its cells; formatting characters dropped."""
    shown = []
    start = 0
    while start < len(sent):
        end = start + 1
        while end < len(sent) and runs[end] == runs[start]:
            end += 1
        shown.append(left_to_right(unmarked("".join(sent[start:end]))))
        start = end
    return "".join(shown)


def display(text: str) -> str:
    """App mode's display line of `text`, padded on the left as a right-to-left line stands."""
    return "   " + layout_plain(text, 200, rtl=True)[0].visual


LINES = [
    "قال لا فرق بين العلاقات بلا سبب",  # lam-alef inside, alone and at the end: one presentation form each
    "هذا هو الحل لا",
    "المستشفيات Putin في 2024 لا",
    "قال (بوتين) «لا» [نعم]",
    "مُحَمَّدٌ يَكْتُبُ الدَّرْسَ",
    "النتيجة 3-1 و 2,500 دولار و 50%",
    "عام 2024 م",
    "قال: نعم.",
    "قال (بوتين) [و]",
]


@pytest.mark.parametrize("text", LINES)
def test_a_display_line_comes_back_as_it_was_laid_out_in_konsole_and_qterminal(text: str) -> None:
    line = display(text)
    sent = konsole_line(line)
    assert konsole_shows([konsole_line(line, mirror=False)]) == line
    assert qterminal_shows([sent], [0] * len(sent)) == line
    assert sent != line, "the right-to-left stretches are sent in logical order"
    assert sum(map(len, cells_of(unmarked(sent)))) == sum(map(len, cells_of(line))), "nothing added but LRMs"


def test_a_line_of_latin_is_sent_as_it_is() -> None:
    assert konsole_line("reader 1.0 (Latin only)") == "reader 1.0 (Latin only)"


def test_a_number_right_of_the_arabic_needs_the_marks_qterminal_drops() -> None:
    line = display("2024 عام")
    sent = konsole_line(line)
    assert konsole_shows([konsole_line(line, mirror=False)]) == line
    assert qterminal_shows([sent], [0] * len(sent)) != line, "the README's one known miss in qterminal"


def test_each_colour_run_is_turned_on_its_own_so_both_terminals_agree() -> None:
    line = display("كما أشار لافروف إلى أن المناقشات الثنائية (2024) شملت")
    cells = cells_of(line)
    word = line.index("ﻑﻭﺮﻓﻻ")  # لافروف, an entity in its own colour: five cells
    runs = [1 if word <= index < word + 5 else 0 for index in range(len(cells))]
    assert konsole_shows(konsole_cells(cells, runs, mirror=False)) == line
    assert qterminal_shows(konsole_cells(cells, runs), runs) == line


def test_an_app_strip_is_sent_run_by_run_and_keeps_its_styles_and_width() -> None:
    line = display("كما أشار لافروف إلى أن المناقشات الثنائية شملت")
    text = Text(line)
    red = Style(color="red", bold=True)
    start = line.index("ﻑﻭﺮﻓﻻ")
    text.stylize(red, start, start + 5)
    strip = Strip(text.render(Console()), text.cell_len)
    turned = konsole_strip(strip)
    assert turned.cell_length == strip.cell_length
    segments = list(turned)
    assert konsole_shows([segment.text for segment in konsole_strip(strip, mirror=False)]) == line
    runs = [segment.style for segment in segments for _ in segment.text]
    assert qterminal_shows(list("".join(segment.text for segment in segments)), runs) == line
    assert [unmarked(segment.text) for segment in segments if segment.style == red] == ["ﻻﻓﺮﻭﻑ"]


def test_numbers_after_an_arabic_file_name_stay_out_of_its_run_in_qterminal() -> None:
    """A library row in app mode's display order: an Arabic file name, then the row's numbers, all
    of one colour. qterminal drops the LRM after the name, so its bidi drew the numbers into the
    name (measured: `txt.24   6   الكوليرا في اليمن`); what follows the name goes in a colour one
    step of blue away, which ends qterminal's run and which no eye tells apart."""
    name = layout_plain("الكوليرا في اليمن.txt", 100, rtl=True)[0].visual
    line = " " + name + "   6   24   1,234 words"
    grey = Style(color="#e0e0e0", bgcolor="#101010")
    strip = Strip([Segment(line, grey)])
    segments = list(konsole_strip(strip))
    runs = [segment.style for segment in segments for _ in segment.text]
    assert qterminal_shows(list("".join(segment.text for segment in segments)), runs) == line
    assert konsole_shows([segment.text for segment in konsole_strip(strip, mirror=False)]) == line
    colours = {segment.style.color.triplet for segment in segments if segment.style and segment.style.color}
    assert len(colours) == 2, "the name's run and what follows it"
    first, second = sorted(colours)
    assert sum(abs(a - b) for a, b in zip(first, second, strict=True)) == 1, "one step of one channel"
    sent = konsole_cells(cells_of(line), [grey] * len(cells_of(line)))
    assert qterminal_shows(sent, [grey] * len(sent)) != line, "in one run, the numbers drawn into the name"


def test_a_strip_without_right_to_left_text_is_the_same_strip() -> None:
    strip = Strip([], 0)
    assert konsole_strip(strip) is strip


_WORDS = st.sampled_from(
    [
        "قال",
        "لا",
        "العلاقات",
        "بلا",
        "مُحَمَّدٌ",
        "(بوتين)",
        "«نعم»",
        "2024",
        "3-1",
        "2,500",
        "50%",
        "CNN",
        "Putin",
        "،",
        ":",
        "[و]",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12))
def test_konsole_shows_every_right_to_left_display_line_as_laid_out(words: list[str]) -> None:
    text = "قال " + " ".join(words)  # a right-to-left paragraph
    line = display(text)
    assert konsole_shows([konsole_line(line, mirror=False)]) == line


def test_konsole_gets_brackets_unmirrored_and_qterminal_mirrored() -> None:
    """Konsole draws a bracket as sent, qterminal mirrors it as it reorders (both measured)."""
    line = display("قال (رويترز) «أوبك» اليوم")
    assert konsole_shows([konsole_line(line)]) != line, "mirrored, Konsole showed `(رويترز(`"
    assert konsole_shows([konsole_line(line, mirror=False)]) == line
    assert qterminal_shows([konsole_line(line)], [0]) == line
    assert konsole_mirrors({"TERM": "xterm-256color"}) and not konsole_mirrors({"KONSOLE_VERSION": "221203"})


def test_the_bidi_tests_konsole_line_reads_right_in_qterminal_with_its_coloured_word() -> None:
    from reader.bidi_mode import Output
    from reader.bidi_test import COLOUR_OFF, COLOUR_ON, SAMPLE, coloured_sample_line, sample_line

    text = SAMPLE.format(n=4)
    line = coloured_sample_line(text, Output.KONSOLE, 62)
    before, rest = line.split(COLOUR_ON)
    word, after = rest.split(COLOUR_OFF)
    runs = [0] * len(before) + [1] * len(word) + [2] * len(after)
    shown = sample_line(text, Output.APP, 62)
    assert qterminal_shows(list(before + word + after), runs) == shown
    assert konsole_shows([before + word + after]) == shown
