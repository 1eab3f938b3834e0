"""kitty's runs: what reader sends is what kitty's HarfBuzz shaping shows as the display line.

`kitty_shows` models kitty 0.26.5 as measured (reader/kitty.py, through kitty's own `render_line`):
runs end at blanks (a space, not a no-break space), box drawing and changes of font; a run whose
first character of a script is right-to-left is drawn reversed, its brackets mirrored, and one whose
first is left to right (a Latin letter, or the Khmer mark in a lead) as sent. Its script test is
its own, not reader's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Hashable, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.kitty import LEAD, cells_of, kitty_cells, kitty_line
from reader.layout import layout_paragraph
from reader.writers.visual import VisualOptions, visual_blocks
from tests.conftest import ARTICLES

MIRROR = str.maketrans("()[]{}«»", ")(][}{»«")


def direction(char: str) -> bool | None:
    if "\u0621" <= char <= "\u064a" or "\ufb50" <= char <= "\ufefc":
        return True
    if (char.isascii() and char.isalpha()) or char == "\u17b4":
        return False
    return None


def kitty_shows(sent: Sequence[str], fonts: Sequence[Hashable]) -> list[str]:
    """Cells as kitty 0.26 draws them: `sent` one string per cell, `fonts` the font each is drawn in."""
    shown: list[str] = []
    start = 0
    while start < len(sent):
        if sent[start][:1] in (" ", "", "│"):
            shown.append(sent[start])
            start += 1
            continue
        end = start + 1
        while end < len(sent) and sent[end][:1] not in (" ", "", "│") and fonts[end] == fonts[start]:
            end += 1
        run = list(sent[start:end])
        first = next((d for cell in run for d in map(direction, cell) if d is not None), False)
        shown.extend([cell[:1].translate(MIRROR) + cell[1:] for cell in reversed(run)] if first else run)
        start = end
    return ["\u00a0" if cell == LEAD else cell for cell in shown]


def send(cells: list[str], faces: list[int]) -> tuple[list[str], list[int]]:
    """What reader sends, and each cell's face (a lead takes the face of the run it leads)."""
    pieces = kitty_cells(cells, faces)
    return [piece.text for piece in pieces], [
        faces[piece.source if piece.face is None else piece.face] for piece in pieces
    ]


def seen(cells: list[str]) -> list[str]:
    """How a person reads `cells`: a no-break space is a space."""
    return [" " if cell == "\u00a0" else cell for cell in cells]


def test_a_display_line_with_harakat_latin_and_numbers_comes_back_as_it_was_laid_out() -> None:
    text = "قال الرئيس (بوتين) إن عام 2024 شهد «تعاونًا» كبيرًا مع CNN، ومُحَمَّدٌ والـCNN وعربيabc اليوم"
    line = "  " + layout_paragraph(text, 120)[0].text.plain  # flush right: padding before the first word
    cells = cells_of(line)
    assert seen(kitty_shows(*send(cells, [0] * len(cells)))) == cells
    assert LEAD in kitty_line(line), "a line with harakat and a Latin ending is led"
    assert kitty_line("reader 1.0 (Latin only)") == "reader 1.0 (Latin only)"


def test_a_line_kitty_can_turn_is_turned_so_that_any_font_shows_it() -> None:
    assert kitty_line("(ﺲﻴﺋﺮﻟﺍ) 12") == "(ﺍﻟﺮﺋﻴﺲ) 12"
    assert kitty_line("abc ﻲﺑﺮﻋ") == "abc ﻋﺮﺑﻲ", "Latin stays; only the Arabic run turns"
    line = " " + layout_paragraph("قال الرئيس إن عام 2024 شهد تعاونا كبيرا", 60)[0].text.plain
    cells = cells_of(line)
    arabic_font = [1 if direction(cell[0]) else 0 for cell in cells]  # a face without Arabic: kitty falls back
    sent, _ = send(cells, [0] * len(cells))
    assert LEAD not in "".join(sent)
    assert kitty_shows(sent, arabic_font) == cells


def test_at_the_edge_a_word_with_harakat_is_turned_without_them() -> None:
    assert kitty_line("ﺍًﺮﻴﺒﻛ") == "ﻛﺒﻴﺮﺍ", "no space to lead it: turned, and its mark left out"
    assert kitty_line(" ﺍًﺮﻴﺒﻛ") == LEAD + "ﺍًﺮﻴﺒﻛ", "a space before it: led, the mark kept"


def test_a_change_of_face_ends_a_run_and_a_lead_takes_the_face_it_leads() -> None:
    cells = cells_of(" ﻥًﺍ ﻲﺑﺮﻋﻭ")  # two words in bold (an entity), the clitic و of the second not
    faces = [0, 1, 1, 0, 1, 1, 1, 1, 0]
    sent, sent_faces = send(cells, faces)
    assert seen(kitty_shows(sent, sent_faces)) == cells
    pieces = kitty_cells(cells, faces)
    assert (pieces[0].text, pieces[0].source, pieces[0].face) == (LEAD, 0, 1), "the space's colours, bold"
    assert pieces[3].text == LEAD, "the space between the two words leads the second"


ARABIC = ["ﺏ", "ﺍ", "ﻻ", "ﻲ"]
word = st.lists(st.sampled_from([*ARABIC, "ً", "a", "7", "(", ")", "«", "،"]), min_size=1, max_size=8).map("".join)


@given(st.lists(st.tuples(word, st.integers(0, 1), st.sampled_from([" ", " ", " │ "])), max_size=10))
def test_a_line_that_starts_with_a_space_is_shown_as_laid_out(words: list[tuple[str, int, str]]) -> None:
    """As the app's lines are: flush right, faces (an entity in bold) changing where words do, a
    pane's border with a space on either side."""
    cells: list[str] = [" "]
    faces: list[int] = [0]
    for text, face, gap in words:
        pieces = cells_of(text)
        cells += [*pieces, *gap]
        faces += [face] * len(pieces) + [0] * len(gap)
    if len(cells_of("".join(cells))) != len(cells):
        return  # a word that starts with a haraka would join the gap before it
    sent, sent_faces = send(cells, faces)
    assert len(sent) == len(cells), "nothing changes a line's width"
    assert seen(kitty_shows(sent, sent_faces)) == cells


@given(st.lists(st.tuples(st.sampled_from([*ARABIC, "ً", " ", "7", "(", "»", "│"]), st.integers(0, 1)), max_size=40))
def test_without_latin_any_line_is_shown_as_laid_out_but_for_harakat_at_its_edge(
    pieces: list[tuple[str, int]],
) -> None:
    """A face changing inside a word, or a word at the start: what cannot be led is turned."""
    text = "".join(char for char, _ in pieces)
    cells = cells_of(text)
    faces = [0] * len(cells)
    position = 0
    for index, cell in enumerate(cells):  # a cell's face is its base character's
        faces[index] = pieces[position][1]
        position += len(cell)
    sent, sent_faces = send(cells, faces)
    shown = seen(kitty_shows(sent, sent_faces))
    assert [cell[:1] for cell in shown] == [cell[:1] for cell in cells]
    assert all(len(a) in (1, len(b)) for a, b in zip(shown, cells, strict=True)), "a mark is kept or left out"


KITTY = shutil.which("kitty")


@pytest.mark.skipif(KITTY is None, reason="kitty is not installed (Debian: kitty)")
@pytest.mark.parametrize("width", [57, 100])
def test_kitty_itself_draws_every_article_line_as_xterm_shows_it(width: int) -> None:
    """kitty's own renderer (tests/kitty_draw.py), DejaVu Sans Mono: each line sent for kitty against
    the display line drawn as sent (`force_ltr`); a haraka may sit a pixel or two apart, as the
    shaping of another script places it, so cells with marks are not compared."""
    utf8 = [path for path in sorted(ARTICLES.glob("*.txt")) if not path.name.startswith("legacy-cp1256")]
    texts = [paragraph for path in utf8 for paragraph in path.read_text(encoding="utf-8").split("\n\n") if paragraph]
    lines = [line for block in visual_blocks(texts, VisualOptions(width)) for line in block.split("\n")]
    assert len(lines) > 150 and any(LEAD in kitty_line(line) for line in lines)
    request = {"font": "DejaVu Sans Mono", "lines": [[line, kitty_line(line)] for line in lines]}
    script = f"exec(open({str(Path(__file__).with_name('kitty_draw.py'))!r}).read(), {{}})"
    result = subprocess.run(
        [str(KITTY), "+runpy", script], input=json.dumps(request), capture_output=True, text=True, check=True
    )
    differ = [
        (line, columns)
        for line, columns in zip(lines, json.loads(result.stdout), strict=True)
        if any(
            len(cell) == 1 for cell in (cells_of(line)[column] for column in columns if column < len(cells_of(line)))
        )
    ]
    assert not differ


def test_an_app_strip_is_sent_led_with_its_styles_and_width_kept() -> None:
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    from reader.tui.kitty import kitty_strip

    entity = Style(bold=True, color="red")
    strip = Strip([Segment("  ", Style(bgcolor="blue")), Segment("ﺪٌﻤَّﺤَﻣُ", entity), Segment(" ﻝﺎﻗ", None)])
    sent = kitty_strip(strip)
    assert sent.cell_length == strip.cell_length
    segments = list(sent)
    lead = next(segment for segment in segments if segment.text == LEAD)
    assert lead.style is not None and lead.style.bold and lead.style.bgcolor == Style(bgcolor="blue").bgcolor
    assert sent.text == " " + LEAD + "ﺪٌﻤَّﺤَﻣُ ﻗﺎﻝ", "the word with harakat led, the other (another face) turned"
    shown = kitty_shows(
        [piece for segment in segments for piece in cells_of(segment.text)],
        [bool(segment.style and segment.style.bold) for segment in segments for _ in cells_of(segment.text)],
    )
    assert seen(shown) == cells_of(strip.text)
