"""Finding one's way: Esc never quits, the footer follows focus and fits, j/k in the panes,
search wrapping said, the library filter on file names, subfolders and reloading."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.entity_list import EntityList
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.library_list import LibraryList
from reader.tui.widgets.section_list import SectionList
from tests.tui.conftest import ARTICLES, SEED, drive, make_app, type_text, wait_for_index
from tests.tui.screen_text import screen_lines, screen_text
from tests.tui.test_reader_keys import status, view_of, wait_for_search


def footer(pilot: Pilot) -> str:
    """The footer's last line on the screen, as a person reads it."""
    return screen_lines(pilot.app)[-1]


def told(app: App[object]) -> list[str]:
    """What the app will tell the person (its notifications, as they are made), through the public
    `App.notify`: the toasts themselves are drawn a moment later and an older one can still show."""
    messages: list[str] = []
    notify = app.notify

    def capture(message: str, **options: Any) -> None:
        messages.append(message)
        notify(message, **options)

    app.notify = capture  # type: ignore[method-assign]
    return messages


def footer_keys(pilot: Pilot) -> list[str]:
    return [key.key_display for key in pilot.app.screen.query_one(KeyFooter).query("FooterKey").results()]  # type: ignore[attr-defined]


def test_escape_in_the_library_never_quits_and_q_does() -> None:
    app = make_app(ARTICLES)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        await type_text(pilot, "opec")
        await pilot.press("escape", "escape", "escape")  # clears the filter, then nothing
        await pilot.pause()
        assert app.is_running and app.screen.query_one(LibraryList).total == 7
        await pilot.press("q")
        await pilot.pause()

    drive(app, scenario, size=(120, 30))
    assert app.return_code == 0


@pytest.mark.parametrize("width", [80, 120])
def test_the_reader_footer_fits_and_puts_search_sections_and_help_in_it(width: int) -> None:
    async def scenario(pilot: Pilot) -> None:
        line = footer(pilot)
        assert line.rstrip().endswith("? Help")
        for words in ("/ Search", "n p Section", "e E Mention", "q Quit"):
            assert words in line, (words, line)
        assert line.index("/ Search") < line.index("n p Section") < line.index("? Help")
        assert "Scroll" not in line  # every reader knows the arrows; they leave room for the rest

    drive(make_app(SEED), scenario, size=(width, 30))


@pytest.mark.parametrize("width", [80, 120])
def test_the_library_footer_follows_focus_into_the_filter(width: int) -> None:
    async def scenario(pilot: Pilot) -> None:
        keys = footer_keys(pilot)
        assert keys[:3] == ["⏎", "/", "j k"] and keys[-1] == "?", keys
        assert "q Quit" in footer(pilot) and "r Refresh" in footer(pilot)
        await type_text(pilot, "op")  # typing opens the filter and takes j, k, q, / and ?
        await pilot.pause()
        keys = footer_keys(pilot)
        assert keys == ["⏎", "esc", "f1"], keys
        assert "esc Clear filter" in footer(pilot) and "f1 Help" in footer(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert footer_keys(pilot)[1:3] == ["/", "j k"]

    drive(make_app(ARTICLES), scenario, size=(width, 30))


def test_j_and_k_move_in_the_section_and_entity_panes(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        for pane in (SectionList, EntityList):
            await pilot.press("tab")
            widget = screen.query_one(pane)
            assert screen.focused is widget
            start = widget.highlighted or 0
            await pilot.press("j", "j")
            assert widget.highlighted == start + 2
            await pilot.press("k")
            assert widget.highlighted == start + 1
        top = view_of(pilot).scroll_y
        await pilot.press("tab", "j")  # back in the article, j scrolls it again
        await pilot.pause()
        assert view_of(pilot).scroll_y > top

    drive(make_app(long_article), scenario)


def test_stepping_past_the_last_hit_says_the_search_wrapped(long_article: Path) -> None:
    app = make_app(long_article)
    messages = told(app)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("slash")
        await type_text(pilot, "لافروف")
        await pilot.press("enter")
        await wait_for_search(pilot)
        hits = len(view_of(pilot).hits)
        assert hits > 1
        await pilot.press(*["n"] * (hits - 1))
        await pilot.pause()
        assert f"search {hits}/{hits}" in status(pilot)
        assert not any("wrapped" in message for message in messages)
        await pilot.press("n")
        await pilot.pause()
        assert f"search 1/{hits}" in status(pilot)
        assert messages[-1] == "Search wrapped to the first hit"
        await pilot.press("N")
        await pilot.pause()
        assert messages[-1] == "Search wrapped to the last hit"

    drive(app, scenario, size=(120, 30))


def test_the_library_filter_matches_file_names_too() -> None:
    async def scenario(pilot: Pilot) -> None:
        await type_text(pilot, "opec")  # the title is Arabic; the file is opec-plus-output-cut.txt
        await pilot.pause()
        assert pilot.app.screen.query_one(LibraryList).total == 1
        assert "1 of 7 match" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert pilot.app.screen.article.source.endswith("opec-plus-output-cut.txt")

    drive(make_app(ARTICLES), scenario, size=(120, 30))


def test_subfolders_are_read_and_r_reloads_the_library(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "nest" / "deeper").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    shutil.copy(SEED, folder / "nest" / "seed.txt")
    shutil.copy(ARTICLES / "opec-plus-output-cut.txt", folder / "nest" / "deeper" / "opec.txt")
    shutil.copy(ARTICLES / "who-cholera-warning-yemen.txt", folder / ".hidden" / "who.txt")
    app = make_app(folder)

    async def scenario(pilot: Pilot) -> None:
        table = pilot.app.screen.query_one(LibraryList)
        assert table.total == 2
        shutil.copy(ARTICLES / "who-cholera-warning-yemen.txt", folder / "who.txt")
        (folder / "nest" / "seed.txt").unlink()
        await pilot.press("r")  # indexed again in the background: one added, one removed
        await wait_for_index(pilot)
        assert sorted(Path(row.source).name for row in table.visible_rows()) == ["opec.txt", "who.txt"]
        text = screen_text(pilot.app)
        assert "Library · 2 articles" in text
        assert "Indexed 1, unchanged 1, removed 1, failed 0" in text

    drive(app, scenario, size=(120, 30))
