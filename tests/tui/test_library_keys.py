"""The library screen's keys and rows: sort orders, read state, only unread, failed files, paging."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from textual.pilot import Pilot

from reader.library import Library
from reader.library.records import ArticleRow
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.library_list import LibraryList
from tests.tui.conftest import ARTICLES, drive, make_app, wait_for_index
from tests.tui.screen_text import screen_text


def rows(pilot: Pilot) -> LibraryList:
    return pilot.app.screen.query_one(LibraryList)


def shown(pilot: Pilot) -> list[ArticleRow]:
    return rows(pilot).visible_rows()


def names(pilot: Pilot) -> list[str]:
    return [Path(row.source).name for row in shown(pilot)]


def bold_lines(pilot: Pilot) -> list[bool]:
    """For each row on screen, whether its letters are drawn bold (unread)."""
    widget = rows(pilot)
    result = []
    for y in range(1, 1 + len(shown(pilot))):
        segments = [segment for segment in widget.render_line(y) if segment.text.strip()]
        result.append(all(segment.style is not None and segment.style.bold for segment in segments))
    return result


def test_s_cycles_the_sort_orders_and_says_which_in_the_header_and_S_reverses() -> None:
    async def scenario(pilot: Pilot) -> None:
        assert "sorted by date added ↑" in screen_text(pilot.app)
        found = names(pilot)
        assert found == sorted(found), "a folder indexed at once stands in the order its files were found"
        for order in ("date published", "title", "length", "entities"):
            await pilot.press("s")
            await pilot.pause()
            assert f"sorted by {order} " in screen_text(pilot.app)
            here = shown(pilot)
            if order == "length":
                assert [row.words for row in here] == sorted((row.words for row in here), reverse=True)
            if order == "entities":
                assert [row.entities for row in here] == sorted((row.entities for row in here), reverse=True)
                await pilot.press("S")
                await pilot.pause()
                assert "sorted by entities ↑" in screen_text(pilot.app)
                assert [row.entities for row in shown(pilot)] == sorted(row.entities for row in here)
        await pilot.press("s")
        await pilot.pause()
        assert "sorted by date added ↑" in screen_text(pilot.app)

    drive(make_app(ARTICLES), scenario, size=(140, 30))


def test_unread_rows_are_bold_opening_marks_read_m_toggles_and_u_shows_only_unread() -> None:
    async def scenario(pilot: Pilot) -> None:
        assert bold_lines(pilot) == [True] * 7, "nothing read yet"
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert bold_lines(pilot) == [True, False, True, True, True, True, True]
        assert rows(pilot).cursor == 1, "back on the article just read"
        await pilot.press("m")  # unread again
        await pilot.pause()
        assert bold_lines(pilot) == [True] * 7
        await pilot.press("m", "j", "m")  # read: the second and the third
        await pilot.pause()
        assert [row.read for row in shown(pilot)] == [False, True, True, False, False, False, False]
        await pilot.press("u")
        await pilot.pause()
        assert rows(pilot).total == 5 and not any(row.read for row in shown(pilot))
        assert "unread only" in screen_text(pilot.app) and "5 unread of 7" in screen_text(pilot.app)
        await pilot.press("u")
        await pilot.pause()
        assert rows(pilot).total == 7

    drive(make_app(ARTICLES), scenario, size=(140, 30))


def test_a_folder_with_an_empty_and_an_undecodable_file_opens_with_them_as_failed_rows(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("russia-belarus-eurasian-security.txt", "opec-plus-output-cut.txt"):
        shutil.copy(ARTICLES / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "undecodable.txt").write_bytes(b"\x00\x01\x02\x03" * 4)

    async def scenario(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert rows(pilot).total == 4
        failed = {Path(row.source).name: row for row in shown(pilot) if row.failed}
        assert set(failed) == {"empty.txt", "undecodable.txt"}
        text = screen_text(pilot.app)
        for row in failed.values():
            line = next(line for line in text.splitlines() if Path(row.source).name[:20] in line)
            assert "failed: " in line, "a failed row says why, in one line"
        cursor = [Path(row.source).name for row in shown(pilot)].index("empty.txt")
        rows(pilot).move_cursor(cursor)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen), "a failed row does not open"
        rows(pilot).move_cursor([row.failed for row in shown(pilot)].index(False))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen), "the good ones do"

    drive(make_app(folder), scenario, size=(140, 30))


def indexed_long_library(tmp_path: Path) -> Path:
    """A folder of 300 one-line articles, indexed: more rows than any screen holds."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(300):
        (folder / f"{number:04}.txt").write_text(f"خبر رقم {number}\n\nنص الخبر رقم {number}.\n", encoding="utf-8")
    with Library() as library:
        from reader.library.indexer import index_paths

        index_paths(library, [str(folder)], workers=1)
    return folder


def test_page_keys_and_the_mouse_move_through_a_long_library(tmp_path: Path) -> None:
    folder = indexed_long_library(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        widget = rows(pilot)
        assert widget.total == 300
        assert names(pilot)[0] == "0000.txt"
        await pilot.press("pagedown")
        await pilot.pause()
        assert widget.cursor > 10 and names(pilot)[0] != "0000.txt"
        await pilot.press("end")
        await pilot.pause()
        assert widget.cursor == 299 and names(pilot)[-1] == "0299.txt"
        await pilot.press("home")
        await pilot.pause()
        assert widget.cursor == 0
        await pilot.click(LibraryList, offset=(5, 3))  # the header, then rows 0 and 1: row 2
        await pilot.pause()
        assert widget.cursor == 2
        await pilot.click(LibraryList, offset=(5, 3))  # a click on the cursor's row opens it
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert pilot.app.screen.article.source.endswith("0002.txt")

    async def indexed(pilot: Pilot) -> None:
        await wait_for_index(pilot)
        await scenario(pilot)

    drive(make_app(folder), indexed, size=(100, 30))


def test_paging_down_and_up_shows_each_screen_of_rows_in_order_the_cursor_on_its_row(tmp_path: Path) -> None:
    """The screens either side are laid out ahead while the reader reads (and kept by what they
    show, across the reloads of an indexing): what a page key brings is the right rows, in order,
    with the cursor's row highlighted, however the lines came to be made."""
    folder = indexed_long_library(tmp_path)

    def on_screen(pilot: Pilot) -> list[str]:
        return re.findall(r"\b(\d{4})\.txt", screen_text(pilot.app))

    async def scenario(pilot: Pilot) -> None:
        await wait_for_index(pilot)
        widget = rows(pilot)
        page = widget.size.height - 2
        seen = []
        for key in ("pagedown", "pagedown", "pagedown", "pageup", "j", "pageup"):
            await pilot.press(key)
            await pilot.pause(0.3)  # time to lay out the screens around this one
            top = round(widget.scroll_y)
            expected = [f"{number:04}" for number in range(top, top + widget.size.height - 1)]
            assert on_screen(pilot) == expected, key
            line = 1 + widget.cursor - top
            assert f"{widget.cursor:04}.txt" in widget.render_line(line).text
            highlight = widget.get_component_rich_style("library-list--cursor").bgcolor
            backgrounds = [segment.style.bgcolor if segment.style else None for segment in widget.render_line(line)]
            assert backgrounds and set(backgrounds) == {highlight}, "the cursor's row is highlighted"
            assert next(iter(widget.render_line(line + 1))).style.bgcolor != highlight  # type: ignore[union-attr]
            seen.append(widget.cursor)
        assert seen == [page, 2 * page, 3 * page, 2 * page, 2 * page + 1, page + 1]

    drive(make_app(folder), scenario, size=(100, 30))
