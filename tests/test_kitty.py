"""kitty's runs: what reader sends is what kitty's HarfBuzz shaping turns back into the display line.

`kitty_shows` models kitty 0.26.5 as measured (see reader/kitty.py): runs end at blanks, box drawing
and changes of face; a run whose first letter of a script is right-to-left is drawn reversed, its
brackets mirrored.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from hypothesis import given
from hypothesis import strategies as st

from reader.kitty import cells_of, is_run_break, kitty_line, kitty_order, mirrored, script_direction
from reader.layout import layout_paragraph


def kitty_shows(cells: Sequence[str], faces: Sequence[Hashable]) -> list[str]:
    shown: list[str] = []
    start = 0
    while start < len(cells):
        if is_run_break(cells[start]):
            shown.append(cells[start])
            start += 1
            continue
        end = start + 1
        while end < len(cells) and not is_run_break(cells[end]) and faces[end] == faces[start]:
            end += 1
        run = list(cells[start:end])
        first = next((d for cell in run for d in map(script_direction, cell) if d is not None), False)
        shown.extend([mirrored(cell) for cell in reversed(run)] if first else run)
        start = end
    return shown


def sent(cells: list[str], faces: list[int]) -> tuple[list[str], list[int]]:
    order = kitty_order(cells, faces)
    return [mirrored(cells[i]) if mirror else cells[i] for i, mirror in order], [faces[i] for i, _ in order]


def test_a_display_line_of_arabic_comes_back_as_it_was_laid_out() -> None:
    line = layout_paragraph("قال الرئيس (بوتين) إن عام 2024 شهد «تعاونًا» كبيرًا مع CNN اليوم", 80)[0].text.plain
    assert "".join(kitty_shows(cells_of(kitty_line(line)), [0] * len(cells_of(kitty_line(line))))) == line
    assert kitty_line(line) != line, "right-to-left words are sent backwards"
    assert kitty_line("reader 1.0 (Latin only)") == "reader 1.0 (Latin only)"


def test_a_word_is_sent_backwards_with_its_brackets_mirrored_and_marks_kept_on_their_letters() -> None:
    assert kitty_line("(ﺲﻴﺋﺮﻟﺍ) 12") == "(ﺍﻟﺮﺋﻴﺲ) 12"
    assert kitty_line("ﺍًﺮﻴﺒﻛ") == "ﻛﺒﻴﺮﺍً"
    assert kitty_line("abc ﻲﺑﺮﻋ") == "abc ﻋﺮﺑﻲ", "Latin stays; only the Arabic run turns"


def test_a_change_of_face_inside_a_word_ends_a_run() -> None:
    cells = cells_of("ﻲﺑﺮﻋﻭ")  # وعربي, its clitic و in another face than the rest
    faces = [1, 1, 1, 1, 0]
    shown = kitty_shows(*sent(cells, faces))
    assert shown == cells


@given(
    st.lists(
        st.tuples(st.sampled_from(["ﺏ", "ﺍ", "ً", " ", "a", "7", "(", ")", "«", "│", "ﻻ", "،"]), st.integers(0, 1)),
        max_size=40,
    )
)
def test_kitty_shows_what_was_meant_unless_a_run_starts_rtl_and_ends_latin(pieces: list[tuple[str, int]]) -> None:
    text = "".join(char for char, _ in pieces)
    cells = cells_of(text)
    faces = [0] * len(cells)
    position = 0
    for index, cell in enumerate(cells):  # a cell's face is its base character's
        faces[index] = pieces[position][1]
        position += len(cell)
    shown = kitty_shows(*sent(cells, faces))
    assert len(shown) == len(cells), "nothing changes a line's width"
    if not any(char == "a" for char in text):
        assert shown == cells
