"""A terminal that reorders by itself (mlterm, Konsole) gets logical text and one column of it, no scrollbar."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from textual._compositor import ChopsUpdate
from textual.pilot import Pilot
from textual.strip import Strip

from reader.bidi_mode import Output
from reader.config import Config
from reader.kitty import has_rtl
from reader.layout import BidiMode, paragraph_is_rtl
from reader.tui.app import ReaderApp, load_article
from reader.tui.kitty import ERASE_TO_END, mlterm_strip, strip_turn, whole_row, whole_rows
from reader.tui.options import AppOptions
from reader.tui.shaped import MARKS, Shaping
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_list import EntityList
from reader.tui.widgets.library_list import LibraryList
from tests.fribidi import load
from tests.tui.conftest import ARTICLES, SEED, drive, make_app
from tests.tui.screen_text import screen_text

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
LAM_ALEF = re.compile("ل[\u064b-\u065f\u0670]*[آأإا]")


def terminal_app(settings: Config) -> ReaderApp:
    return ReaderApp(load_article(str(SEED), AppOptions()), settings=settings, shaping=Shaping(mode=BidiMode.TERMINAL))


def test_terminal_mode_shows_logical_text_without_side_panes() -> None:
    app = terminal_app(Config())

    async def scenario(pilot: Pilot) -> None:
        assert not app.screen.query_one("#sidebar").display
        # nor a scrollbar, which the terminal would move to the start of each Arabic row
        assert app.screen.query_one(ArticleView).scrollbar_size_vertical == 0
        text = screen_text(app)
        assert "في إطار تأكيد جديد" in text
        shaped = [word for word in text.split() if PRESENTATION_FORMS.search(word)]
        assert shaped and all(LAM_ALEF.search(unicodedata.normalize("NFKC", word)) for word in shaped), (
            "only words with lam-alef are shaped: the terminal would draw their lam-alef in one cell, Rich in two"
        )
        assert "العلاقات" in unicodedata.normalize("NFKC", text)
        await pilot.press("s")
        assert app.screen.query_one("#sidebar").display
        assert app.screen.query_one("#sidebar").has_class("-left"), "each row starts with a pane's LRM"

    drive(app, scenario)


def test_terminal_mode_keeps_panes_a_user_placed() -> None:
    app = terminal_app(Config(sidebar="left"))

    async def scenario(pilot: Pilot) -> None:
        assert app.screen.query_one("#sidebar").display

    drive(app, scenario)


def test_terminal_mode_entity_counts_stay_right_of_their_names_when_the_row_is_reordered() -> None:
    """mlterm reorders each row as one paragraph (left to right: the row starts with an LRM). GNU
    FriBidi stands in for it: the count must come out after the name, as `×3`, not drawn into it."""
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    app = terminal_app(Config(sidebar="left"))

    async def scenario(pilot: Pilot) -> None:
        entities = app.screen.query_one(EntityList)
        rows = [entities.get_option_at_index(index).prompt for index in range(entities.option_count)]
        named = [str(getattr(row, "plain", row)) for row in rows if "×" in str(getattr(row, "plain", row))]
        assert named
        for row in named:
            shown = fribidi.display_lines(row, [(0, len(row))], False)[0]
            assert re.search(
                r"[\u0600-\u06ff\ufb50-\ufeff] ×\d+$", shown.replace("\u200e", "").replace("\u200f", "")
            ), shown

    drive(app, scenario)


def test_library_rows_in_mlterm_read_right_and_fill_exactly_the_row(tmp_path: Path) -> None:
    """The library in terminal mode as mlterm gets it: each row, after `whole_row`, holds as many
    characters as the row has cells once each bidi mark counts as one (mlterm gives a mark a cell:
    a row holding more wrapped onto the next and lost its ellipsis); GNU FriBidi, reordering the
    row as mlterm does (one paragraph, its first strong letter's direction), shows the columns in
    their order left to right, an Arabic file name and the title each as a right-to-left paragraph
    of its own would show (the ellipsis on the left of a cut title, `G20` inside its title), the
    titles flush right under their header."""
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    shutil.copy(ARTICLES / "asian-cup-final-qatar-jordan.md", tmp_path / "asian-cup.md")  # its title is cut
    shutil.copy(ARTICLES / "who-cholera-warning-yemen.txt", tmp_path / "الكوليرا في اليمن.txt")
    (tmp_path / "g20.txt").write_text(
        "قمة G20 في الرياض\n\nاجتمع قادة مجموعة العشرين في الرياض لبحث الاقتصاد العالمي والتجارة.\n", encoding="utf-8"
    )
    app = make_app(tmp_path)
    app.shaping = Shaping(BidiMode.TERMINAL, mark_cells=True)
    assert strip_turn(Output.TERMINAL) is None, "mlterm's rows go out whole (whole_rows), not strip by strip"
    width = 100

    def sent(strip: Strip) -> str:
        return "".join(segment.text for segment in whole_row([strip]) if not segment.control)

    async def scenario(pilot: Pilot) -> None:
        table = pilot.app.screen.query_one(LibraryList)
        assert table.scrollbar_size_vertical == 0, (
            "a scrollbar would zigzag: mlterm draws cells after marks a cell left"
        )
        header = sent(table.render_line(0))
        title_end = len(header.rstrip())
        assert header.rstrip().endswith("Title")
        rows = {}
        for y in range(1, table.total + 1):
            row = table.row(y - 1)
            assert row is not None
            line = sent(table.render_line(y))
            assert cell_len(line) + sum(char in MARKS for char in line) == width, "one character per cell, marks too"
            assert not paragraph_is_rtl(line), "the row is a left-to-right paragraph: its first strong letter is L"
            shown = "".join(c for c in fribidi.display_lines(line, [(0, len(line))], False)[0] if c not in MARKS)
            rows[os.path.basename(row.source)] = (row, line, shown)
        titles = {}
        for name, (row, line, shown) in rows.items():
            numbers = [f" {row.sections} ", f" {row.entities} ", f" {row.words:,} words"]
            places = [shown.index(number) for number in numbers]
            assert places == sorted(places), f"{name}: the columns in their order: {shown!r}"
            logical = line.split(" words", 1)[1].strip(" " + "".join(MARKS))
            assert row.title.startswith(logical.removesuffix("…")), "the title in logical order, cut at its end"
            as_paragraph = "".join(
                c for c in fribidi.display_lines(logical, [(0, len(logical))], True)[0] if c not in MARKS
            )
            assert shown.rstrip().endswith(as_paragraph), f"{name}: the title as a right-to-left paragraph: {shown!r}"
            if "ARABIC" in unicodedata.name(name[0]):
                file = "".join(c for c in fribidi.display_lines(name, [(0, len(name))], True)[0] if c not in MARKS)
                assert shown.startswith(" " + file), "an Arabic file name as a right-to-left paragraph, flush left"
            else:
                assert shown.startswith(" " + name[:10])
            marks = sum(char in MARKS for char in line)
            assert cell_len(shown.rstrip()) == title_end - max(0, marks - 2), (
                "flush right under the Title header; a row with more marks than the gap after it holds, that many in"
            )
            assert marks <= 2 or "ARABIC" in unicodedata.name(name[0]), (
                "a Latin file name's row fits its marks in the gap"
            )
            titles[name] = as_paragraph
        assert titles["asian-cup.md"].startswith("…"), "a cut title's ellipsis on its left, where it goes on"
        assert "G20" in titles["g20.txt"] and titles["g20.txt"].endswith("ﺔﻤﻗ"), "قمة rightmost, G20 inside"

    drive(app, scenario, size=(width, 20))


def test_mlterm_strip_leaves_out_a_space_per_mark_from_the_end_first_and_keeps_words_apart() -> None:
    lrm = "\u200e"
    assert mlterm_strip(Strip([Segment("ab  cd")])).text == "ab  cd", "no marks: as it is"
    turned = mlterm_strip(Strip([Segment(lrm + "ab   " + lrm + "cd e  ")]))
    assert turned.text == lrm + "ab   " + lrm + "cd e", "two marks: the two spaces at the end"
    turned = mlterm_strip(Strip([Segment(lrm + lrm + lrm + "ab   cd e ")]))
    assert turned.text == lrm * 3 + "ab cd e", "then a run inside, down to one space, never between words"
    assert turned.cell_length == Strip([Segment(lrm * 3 + "ab   cd e ")]).cell_length, "Textual's count unchanged"


def test_whole_row_sends_the_widgets_of_a_row_in_one_piece_after_an_erase() -> None:
    lrm = "\u200e"
    row = whole_row([Strip([Segment(lrm + "ab  ")]), None, Strip([Segment("\u2595 cd   ")])])
    assert row.text == ERASE_TO_END + lrm + "ab  \u2595 cd  ", "one space fewer, from the row's end, not the pane's"


BORDER = "\u2595"  # the panes' right border: a box-drawing character, where mlterm parts a row


def mlterm_app(settings: Config) -> ReaderApp:
    return ReaderApp(
        load_article(str(SEED), AppOptions()), settings=settings, shaping=Shaping(BidiMode.TERMINAL, mark_cells=True)
    )


def test_mlterm_rows_beside_the_panes_keep_every_column_and_read_right() -> None:
    """mlterm draws a bidi mark as nothing but gives it a cell, and places a cursor move by cells,
    marks counted: the article written after a move beside a pane entry with marks stood a cell
    or two left, and its lines, logical text padded after, stood flush left (mlterm reorders each
    part of a row between box-drawing characters, such as the pane's border, as a left-to-right
    paragraph). Each row goes out whole: the marks' cells are the row's last spaces, so what is
    drawn stands where Textual put it; the article's lines stand flush right, ending in one
    column; GNU FriBidi, reordering the article's part of the row left to right as mlterm does,
    shows each line as the line of a right-to-left paragraph shows."""
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    app = mlterm_app(Config(sidebar="left"))
    width = 100

    async def scenario(pilot: Pilot) -> None:
        compositor = app.screen._compositor
        laid_out = ["".join(strip.text for strip in line) for line in compositor.render_full_update().strips]
        update = whole_rows(compositor.render_full_update(), compositor)
        view = app.screen.query_one(ArticleView)
        ends = set()
        article_rows = 0
        for y, line in enumerate(update.strips):
            (row,) = line
            sent = "".join(segment.text for segment in row if not segment.control)
            assert cell_len(sent) + sum(char in MARKS for char in sent) == width, f"row {y}: one character per cell"
            drawn = sent.replace(" ", "").rstrip()
            assert drawn == laid_out[y].replace(" ", "").rstrip(), f"row {y}: only spaces left out"
            assert cell_len(sent) == cell_len(laid_out[y].rstrip()) or sent.rstrip() == laid_out[y].rstrip(), (
                f"row {y}: the spaces left out are the row's last ones: {sent!r}"
            )
            if not view.region.y <= y < view.region.bottom:
                continue
            text = laid_out[y][laid_out[y].index(BORDER) + 1 :]
            if not has_rtl(text):
                continue
            article_rows += 1
            ends.add(cell_len(text.rstrip()))
            article = sent[sent.index(BORDER) + 1 :]
            shown = "".join(c for c in fribidi.display_lines(article, [(0, len(article))], False)[0] if c not in MARKS)
            logical = article.strip(" " + "".join(MARKS))
            own = "".join(c for c in fribidi.display_lines(logical, [(0, len(logical))], True)[0] if c not in MARKS)
            assert shown.rstrip().endswith(own), f"row {y}: the line as its paragraph shows it: {shown!r}"
        assert article_rows > 10
        assert len(ends) == 1, f"every right-to-left line ends in one column: {sorted(ends)}"

    drive(app, scenario, size=(width, 30))


def test_mlterm_partial_updates_go_out_as_whole_rows() -> None:
    """Moving in a pane changes a few cells of a few rows; mlterm gets those rows whole, from their
    first cell, the article beside them included."""
    app = mlterm_app(Config(sidebar="left"))
    app.whole_rows = True
    sent: list[object] = []

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("tab", "down")
        await pilot.pause()
        compositor = app.screen._compositor
        compositor._dirty_regions.add(app.screen.query_one("#sections").region)  # what the move repaints
        update = compositor.render_update()
        assert isinstance(update, ChopsUpdate)
        rows = whole_rows(update, compositor)
        sent.append(rows)
        assert isinstance(rows, ChopsUpdate)
        for y, _, _ in rows.spans:
            ((x, strip),) = rows.chops[y].items()
            assert x == 0 and strip is not None
            assert strip.text.startswith(ERASE_TO_END)
            assert cell_len(strip.text) >= app.size.width - 8, "the whole row, not the pane's part of it"

    drive(app, scenario)
    assert sent
