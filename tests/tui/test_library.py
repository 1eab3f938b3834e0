"""The library screen: a row per article, filtering by title as you type, opening and coming back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.layout import layout_paragraph
from reader.library import Library
from reader.tui.screens import library as library_screen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.library_list import LibraryList
from reader.tui.widgets.search_bar import SearchBar
from tests.tui.conftest import ARTICLES, SEED, drive, make_app, type_text, wait_for_entities
from tests.tui.screen_text import screen_text


def visual(text: str) -> str:
    return layout_paragraph(text, 200)[0].text.plain


def table(pilot: Pilot) -> LibraryList:
    return pilot.app.screen.query_one(LibraryList)


def test_library_has_a_row_per_article_with_shaped_title_file_sections_entities_and_length() -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        assert table(pilot).total == 7
        text = screen_text(pilot.app)
        for heading in ("Title", "File", "Sections", "Entities", "Length"):
            assert heading in text
        assert "Library · 7 articles · sorted by date added" in text
        assert visual("تعزيز العلاقات الروسية البيلاروسية للأمن الأوراسي") in text
        line = next(line for line in text.splitlines() if "russia-belarus" in line)
        stored = Library().get(str(SEED))
        assert stored is not None and stored.row.entities > 0
        assert " 6 " in line and "263 words" in line and f" {stored.row.entities} " in line

    drive(make_app(ARTICLES), scenario, size=(140, 30))


def test_typing_filters_titles_ignoring_harakat_and_letter_variants() -> None:
    async def scenario(pilot: Pilot) -> None:
        total = table(pilot).total
        await type_text(pilot, "الاوراسي")  # the title has الأوراسي
        await pilot.pause()
        assert table(pilot).total == 1
        assert visual("تعزيز العلاقات الروسية البيلاروسية للأمن الأوراسي") in screen_text(pilot.app)
        assert f"1 of {total} match" in screen_text(pilot.app)
        await pilot.press(*["backspace"] * len("الاوراسي"))
        await type_text(pilot, "الأُوراسِي")  # harakat typed in the filter are ignored too
        await pilot.pause()
        assert table(pilot).total == 1
        await pilot.press("escape")
        await pilot.pause()
        assert table(pilot).total == total

    drive(make_app(ARTICLES), scenario, size=(120, 30))


def test_enter_opens_the_article_and_escape_or_q_come_back() -> None:
    async def scenario(pilot: Pilot) -> None:
        for key in ("escape", "q"):
            await type_text(pilot, "الاوراسي")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ReaderScreen)
            await wait_for_entities(pilot)
            assert visual("تعزيز العلاقات الروسية البيلاروسية للأمن الأوراسي") in screen_text(pilot.app)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, LibraryScreen)
            await pilot.press("escape")
        await pilot.press("j", "j", "k", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert pilot.app.screen.article.source == str(ARTICLES / "cairo-arabic-poetry-forum.txt")

    drive(make_app(ARTICLES), scenario, size=(120, 30))


def test_q_in_the_library_quits() -> None:
    app = make_app(ARTICLES)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("q")
        await pilot.pause()

    drive(app, scenario)
    assert app.return_code == 0


def test_several_files_make_a_library_and_one_file_opens_directly() -> None:
    async def library(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert table(pilot).total == 2

    async def reader(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, ReaderScreen)

    drive(make_app(SEED, ARTICLES / "opec-plus-output-cut.txt"), library)
    drive(make_app(SEED), reader)


def test_arabic_file_names_are_shown_shaped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    shutil.copy(SEED, tmp_path / "تقرير.txt")
    shutil.copy(ARTICLES / "opec-plus-output-cut.txt", tmp_path / "opec.txt")

    async def scenario(pilot: Pilot) -> None:
        text = screen_text(pilot.app)
        assert layout_paragraph("تقرير.txt", 24)[0].text.plain in text
        assert "تقرير" not in text  # never the unshaped, logical-order letters
        rows = [line for line in text.splitlines() if " words" in line]
        assert len(rows) == 2 and len({row.index(" words") for row in rows}) == 1, "short names keep the columns"
        arabic = layout_paragraph("تقرير.txt", 24)[0].text.plain
        assert {row.index(arabic) for row in rows if arabic in row} == {
            row.index("opec.txt") for row in rows if "opec.txt" in row
        }, "both names flush left under File"

    drive(make_app(tmp_path), scenario, size=(120, 20))


def test_library_in_a_tiny_window_says_so() -> None:
    async def scenario(pilot: Pilot) -> None:
        for size in ((20, 5), (10, 3), (1, 1)):
            await pilot.resize_terminal(*size)
            await pilot.press("j", "ل", "enter")
            await pilot.pause()
            assert "Window too small"[: size[0]] in screen_text(pilot.app)

    drive(make_app(ARTICLES), scenario)


def test_with_a_scrollbar_the_columns_still_fit() -> None:
    """More rows than the window holds: the scrollbar takes its cells from the columns, not the Length."""

    async def scenario(pilot: Pilot) -> None:
        assert table(pilot).scrollbar_size_vertical > 0 and table(pilot).show_vertical_scrollbar
        text = screen_text(pilot.app)
        header = next(line for line in text.splitlines() if "Sections" in line)
        assert header.rstrip().endswith("Length")
        rows = [line for line in text.splitlines() if "words" in line]
        assert rows and all(row.rstrip(" ▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐▕").endswith(" words") for row in rows)

    drive(make_app(ARTICLES), scenario, size=(110, 8))


def test_a_filter_shows_its_first_rows_at_once_and_its_count_when_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a filter's rows reads every title (265 ms at 100,000 articles): the first page
    shows at once and keys move through it while the count is made in a thread (held here until
    the test lets it go); then the list holds every match and the status says how many."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(300):
        title = f"خبر رقم {number}" if number % 2 else f"تقرير رقم {number}"
        (folder / f"{number:04}.txt").write_text(f"{title}\n\nنص رقم {number}.\n", encoding="utf-8")
    with Library() as library:
        from reader.library.indexer import index_paths

        index_paths(library, [str(folder)], workers=1)
    let_go = threading.Event()
    count = library_screen.View.count

    def held(view: library_screen.View, library: Library) -> int:
        assert let_go.wait(20)
        return count(view, library)

    monkeypatch.setattr(library_screen.View, "count", held)

    async def scenario(pilot: Pilot) -> None:
        await type_text(pilot, "خبر")
        await pilot.pause()
        widget = table(pilot)
        assert widget.total == 100, "the first page of the 150 that match"
        assert "100+ of 300 match the filter" in screen_text(pilot.app)
        await pilot.press("down", "down")
        await pilot.pause()
        assert widget.cursor == 2, "keys answer while the rows are counted"
        let_go.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if widget.total != 100:
                break
        assert widget.total == 150 and widget.cursor == 2
        assert "150 of 300 match the filter" in screen_text(pilot.app)
        await pilot.press(*["down"] * 110)  # past the first page, from the filter's entry
        await pilot.pause()
        assert widget.cursor == 112 and "0225.txt" in screen_text(pilot.app), "the 113th match, 2 × 112 + 1"

    drive(make_app(folder), scenario, size=(120, 30))


def test_a_rare_title_is_looked_for_off_the_ui_thread_and_shown_when_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title few articles hold is found by reading nearly every title (265 ms at 100,000): the
    UI thread gives up on it after a few milliseconds (here at once) and a thread looks (held here
    until the test lets it go). Meanwhile keys are answered and the list says it is looking; a
    letter typed meanwhile makes the first look's answer unwanted; the page found is shown
    without the UI thread reading it again."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(300):
        title = "تقرير نادر عن زنجبار" if number == 123 else f"خبر رقم {number}"
        (folder / f"{number:04}.txt").write_text(f"{title}\n\nنص رقم {number}.\n", encoding="utf-8")
    with Library() as library:
        from reader.library.indexer import index_paths

        index_paths(library, [str(folder)], workers=1)
    monkeypatch.setattr(library_screen, "_AT_ONCE", -1.0)  # every filter's first page goes to the thread
    let_go = threading.Event()
    rows = library_screen.View.rows
    asked: list[tuple[str, bool]] = []  # (filter, on the UI thread)

    def held(view: library_screen.View, library: Library, offset: int, limit: int, after: int | None = None) -> list:
        on_ui = threading.current_thread() is threading.main_thread()
        asked.append((view.title, on_ui))
        if view.title and not on_ui:
            assert let_go.wait(20)
        return rows(view, library, offset, limit, after)

    monkeypatch.setattr(library_screen.View, "rows", held)

    async def scenario(pilot: Pilot) -> None:
        widget = table(pilot)
        await type_text(pilot, "زنج")
        await pilot.pause()
        assert widget.total == 0 and "Looking for the rows that match" in screen_text(pilot.app)
        await type_text(pilot, "ب")  # answered while the thread looks: the filter shows the letter
        await pilot.pause()
        assert "زنجب" in pilot.app.screen.query_one(SearchBar).value
        assert asked.count(("زنجب", True)) == 1, "the UI thread tried once and gave up"
        let_go.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if widget.total:
                break
        assert widget.total == 1
        text = screen_text(pilot.app)
        assert "0123.txt" in text and "1 of 300 match the filter" in text
        assert visual("تقرير نادر عن زنجبار") in text
        assert ("زنجب", False) in asked, "the filter's page was read in the thread"
        assert asked.count(("زنجب", True)) == 1, "and shown without the UI thread reading it again"

    drive(make_app(folder), scenario, size=(120, 30))


def test_a_large_folder_of_a_larger_library_is_counted_off_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reader FOLDER` on a folder the library holds beside others: its articles are counted one
    by one (27 ms for 100,000), not read from the tally. The UI thread gives up on that count
    (here at once), shows the folder's first page as "100+ articles", and a thread counts them
    (held here until the test lets it go); at the next reload the UI thread does not try again,
    and shows the last count until the thread's new one comes."""
    folder, other = tmp_path / "big", tmp_path / "other"
    folder.mkdir()
    other.mkdir()
    for number in range(300):
        (folder / f"{number:04}.txt").write_text(f"خبر رقم {number}\n\nنص رقم {number}.\n", encoding="utf-8")
    (other / "one.txt").write_text("خبر آخر\n\nنص آخر.\n", encoding="utf-8")
    with Library() as library:
        from reader.library.indexer import index_paths

        index_paths(library, [str(folder), str(other)], workers=1)
    monkeypatch.setattr(library_screen, "_AT_ONCE", -1.0)
    let_go = threading.Event()
    count = Library.count
    counted: list[tuple[bool, int | None]] = []  # (on the UI thread, the count, None if given up)

    def held(library: Library, **filters: object) -> int:
        on_ui = threading.current_thread() is threading.main_thread()
        if filters.get("under") and not on_ui:
            assert let_go.wait(20)
        try:
            found = count(library, **filters)
        except library_screen.GaveUp:
            counted.append((on_ui, None))
            raise
        counted.append((on_ui, found))
        return found

    monkeypatch.setattr(Library, "count", held)

    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        widget = table(pilot)
        assert widget.total == 100 and "Library · 100+ articles" in screen_text(pilot.app), "its first page"
        assert (True, 300) not in counted and (True, None) in counted, "the UI thread gave up counting"
        await pilot.press("down", "down")
        await pilot.pause()
        assert widget.cursor == 2, "keys answer while the folder is counted"
        let_go.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if widget.total != 100:
                break
        assert widget.total == 300 and widget.cursor == 2
        assert "Library · 300 articles" in screen_text(pilot.app)
        await pilot.press(*["down"] * 150)
        await pilot.pause()
        assert widget.cursor == 152 and "0152.txt" in screen_text(pilot.app)
        tried = counted.count((True, None))
        let_go.clear()
        screen.reload()  # as when the indexing writes rows
        await pilot.pause()
        assert counted.count((True, None)) == tried, "not tried again on the UI thread"
        assert widget.total == 300 and widget.cursor == 152, "the last count, meanwhile"
        assert "Library · 300 articles" in screen_text(pilot.app)
        let_go.set()

    app = make_app(folder)
    drive(app, scenario, size=(120, 30))
