"""Opening a stored article: with the entities the library keeps (never tagged again), marked read,
at a search hit's place with the hit current, and back to the library with Esc."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from rich.style import Style
from textual.pilot import Pilot

from reader.library import Library
from reader.library.records import Place
from reader.tui.screens import reader as reader_screen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_list import EntityList
from reader.tui.widgets.section_list import SectionList
from tests.tui.conftest import ARTICLES, SEED, drive, make_app, wait_for_entities
from tests.tui.library_host import visual


@pytest.fixture
def no_tagging(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reader screen's recogniser, counting each call: opening a stored article makes none."""
    calls: list[str] = []
    found_in_article = reader_screen.article_entities
    found_in_text = reader_screen.find_entities

    def article_entities(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("article")
        return found_in_article(*args, **kwargs)

    def find_entities(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("text")
        return found_in_text(*args, **kwargs)

    monkeypatch.setattr(reader_screen, "article_entities", article_entities)
    monkeypatch.setattr(reader_screen, "find_entities", find_entities)
    return calls


def _styles_of(view: ArticleView, needle: str) -> list[Style]:
    """Styles of the article's on-screen segments whose text holds `needle` (visual)."""
    return [
        segment.style
        for y in range(view.scrollable_content_region.height)
        for segment in view.render_line(y)
        if needle in segment.text and segment.style is not None
    ]


def test_an_article_opened_from_the_library_shows_its_stored_entities_without_tagging_again(
    no_tagging: list[str], placed_on: list[str]
) -> None:
    async def scenario(pilot: Pilot) -> None:
        assert not no_tagging, "the library's indexing tagged in its own process path, not the screen's"
        assert pilot.app.open_stored(str(SEED))
        await pilot.pause()
        await wait_for_entities(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen) and screen.mentions is not None
        stored = Library().get(str(SEED))
        assert stored is not None and len(screen.mentions) == len(stored.mentions) > 0
        await pilot.press("e")  # entities work as ever: the first mention is current
        await pilot.pause()
        assert "1/" in str(screen.query_one("#status").render())
        assert no_tagging == []
        assert placed_on and threading.main_thread().name not in placed_on, "placed in a thread"
        assert Library().is_read(str(SEED)), "opening an article marks it read"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)

    drive(make_app(ARTICLES), scenario, size=(120, 30))


def test_an_article_opens_at_a_place_with_the_query_found_there() -> None:
    stored_place = Place(section=3, paragraph=0, offset=0)

    async def scenario(pilot: Pilot) -> None:
        stored = Library().get(str(SEED))
        assert stored is not None
        paragraph = stored.article.sections[3].paragraphs[0].text
        word = paragraph.split()[2]
        assert pilot.app.open_stored(str(SEED), at=stored_place, query=word)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.article_view
        for _ in range(100):  # searched once the article is on screen
            await pilot.pause(0.05)
            if view.current_hit is not None:
                break
        assert view.current_hit is not None
        hit = view.hits[view.current_hit]
        row = view.rows[hit.row]
        assert (row.section, row.paragraph) == (3, 0), "the current hit is the one at the place asked for"
        assert "search " in str(screen.query_one("#status").render())

    drive(make_app(ARTICLES), scenario, size=(120, 30))


def test_a_source_not_in_the_library_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        assert not pilot.app.open_stored(str(tmp_path / "gone.txt"))
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)

    drive(make_app(ARTICLES), scenario)


def test_one_file_the_library_holds_unchanged_opens_with_its_stored_entities(
    tmp_path: Path, no_tagging: list[str]
) -> None:
    from reader.library.indexer import index_paths

    with Library() as library:
        index_paths(library, [str(SEED)], workers=1)

    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen) and screen.mentions is not None and len(screen.mentions) > 0
        assert no_tagging == []

    drive(make_app(SEED), scenario)


def test_a_large_stored_article_shows_its_beginning_at_once_and_the_rest_with_its_stored_entities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_tagging: list[str], placed_on: list[str]
) -> None:
    """Reading all of a 10 MB article's blocks and entities takes seconds: its first screen comes
    from its first blocks, coloured by their stored entities, keys answer, and the whole of it (read
    in a thread, held here until the test lets it go) brings the stored entities and the search hit
    asked for, deep in it. No mention is placed for stepping on the UI thread."""
    from reader.tui import app as app_module

    folder = tmp_path / "news"
    folder.mkdir()
    paragraphs = [line for line in SEED.read_text(encoding="utf-8").splitlines() if len(line) > 120]
    body = ["تقرير طويل", ""]
    for number in range(1, 81):
        body += [f"القسم رقم {number}", ""] + [line for paragraph in paragraphs for line in (paragraph, "")]
    (folder / "long.txt").write_text("\n".join(body), encoding="utf-8")
    source = str(folder / "long.txt")
    let_go = threading.Event()
    read_whole = app_module._read_stored

    def held(database: Path, source: str):  # type: ignore[no-untyped-def]
        assert let_go.wait(20)
        return read_whole(database, source)

    monkeypatch.setattr(app_module, "_read_stored", held)

    async def scenario(pilot: Pilot) -> None:
        stored = Library().get(source)
        assert stored is not None and sum(len(s.paragraphs) + 1 for s in stored.article.sections) > 400
        last = stored.article.sections[-1]
        word = last.paragraphs[-1].text.split()[3]
        assert pilot.app.open_stored(
            source, at=Place(len(stored.article.sections) - 1, len(last.paragraphs) - 1), query=word
        )
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen) and not screen.whole_article_read
        view = screen.article_view
        assert "تقرير طويل" in " ".join(row.text for row in view.rows[:2]) and len(view.rows) < 400
        assert any(style.bold for style in _styles_of(view, visual("لافروف"))), "PER, from the stored entities"
        assert screen.mentions is None and "finding entities" in str(screen.query_one("#status").render())
        assert placed_on == [], "the beginning's mentions colour the rows drawn, and are not placed for stepping"
        entities = screen.query_one(EntityList)
        assert entities.entries is None, "listed once the whole article's are there, not the beginning's counts"
        assert "Finding entities" in str(entities.get_option_at_index(0).prompt)
        top = view.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > top, "keys answer while the rest is read"
        let_go.set()
        for _ in range(200):
            await pilot.pause(0.05)
            if screen.whole_article_read and view.current_hit is not None:
                break
        assert screen.whole_article_read
        assert screen.mentions is not None and len(screen.mentions) == len(stored.mentions)
        assert placed_on and threading.main_thread().name not in placed_on
        # The panes get the whole article's sections and entities, laid out in the worker and
        # added a slice at a time
        sections = screen.query_one(SectionList)
        for _ in range(100):
            if sections.option_count == 81 and entities.option_count == len(entities.line_entries):
                break
            await pilot.pause(0.05)
        assert sections.option_count == 81, "the title and the 80 headings"
        assert str(sections.get_option_at_index(80).prompt).strip() == visual("القسم رقم 80")
        listed = {entry.key for entry in entities.line_entries if entry is not None}
        assert listed == {mention.entity.key for mention in stored.mentions}
        assert entities.option_count == len(entities.line_entries) > len(listed)
        assert view.current_hit is not None
        hit_row = view.rows[view.hits[view.current_hit].row]
        assert (hit_row.section, hit_row.paragraph) == (len(stored.article.sections) - 1, len(last.paragraphs) - 1)
        assert no_tagging == []

    drive(make_app(folder), scenario, size=(120, 30))
