"""The library search and an entity's other articles in the app: `/` in the library and `f` in an
article open the search, Enter opens a result at its hit with the hit highlighted, Esc goes back;
`a` on an entity lists the other articles naming it, `l` filters the library by it."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.tui.screens.entity_articles import EntityArticlesScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.search import LibrarySearchScreen
from reader.tui.widgets.entity_list import EntityList
from tests.conftest import SEED
from tests.tui.conftest import ARTICLES, drive, make_app, type_text, wait_for_entities
from tests.tui.library_host import until, visual
from tests.tui.screen_text import screen_text

LAVROV = "لافروف"


async def search_for(pilot: Pilot, query: str) -> LibrarySearchScreen:
    await type_text(pilot, query)
    screen = pilot.app.screen
    assert isinstance(screen, LibrarySearchScreen)
    await until(pilot, lambda: screen.shown_query == query and not screen.searching)
    return screen


def test_slash_in_the_library_searches_every_article_and_enter_opens_one_at_its_hit() -> None:
    async def scenario(pilot: Pilot) -> None:
        library = pilot.app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press("slash", *LAVROV)  # typed at once: no letter goes to the library's filter
        screen = pilot.app.screen
        assert isinstance(screen, LibrarySearchScreen)
        await until(pilot, lambda: screen.shown_query == LAVROV and not screen.searching)
        assert library.view.title == ""
        assert [hit.row.source for hit in screen.results.hits] == [str(SEED)]
        hit = screen.results.hits[0]
        assert visual(hit.row.title) in screen_text(pilot.app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen))
        await wait_for_entities(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        view = reader.article_view
        await until(pilot, lambda: view.current_hit is not None)
        assert view.current_hit is not None
        current = view.hits[view.current_hit]
        row = view.rows[current.row]
        assert (row.section, row.paragraph) == (hit.section, hit.paragraph), "opened at the hit's paragraph"
        assert row.text[current.start : current.end] == LAVROV, "the hit is the current, highlighted, match"
        assert view.row_y(current.row) - view.scroll_y < view.size.height, "and it is on the screen"
        await pilot.press("escape")  # clears the highlighting first, as a search in the article does
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen, "back to the results"
        assert screen.bar.accepting
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is library

    drive(make_app(ARTICLES), scenario, size=(120, 40))


def test_typing_letters_in_the_library_still_filters_titles() -> None:
    async def scenario(pilot: Pilot) -> None:
        await type_text(pilot, "الاوراسي")
        await pilot.pause()
        library = pilot.app.screen
        assert isinstance(library, LibraryScreen)
        assert library.view.title == "الاوراسي"
        assert library.rows.total == 1

    drive(make_app(ARTICLES), scenario)


def test_f_in_an_article_opens_the_library_search() -> None:
    async def scenario(pilot: Pilot) -> None:
        assert pilot.app.open_stored(str(SEED))
        await pilot.pause()
        await wait_for_entities(pilot)
        await pilot.press("f")
        await pilot.pause()
        screen = await search_for(pilot, "اوبك")
        assert screen.results.hits and all("opec" in hit.row.source for hit in screen.results.hits)

    drive(make_app(ARTICLES), scenario, size=(120, 40))


def test_a_lists_the_other_articles_naming_the_entity_and_l_filters_the_library_by_it() -> None:
    async def scenario(pilot: Pilot) -> None:
        library = pilot.app.screen
        assert isinstance(library, LibraryScreen)
        assert pilot.app.open_stored(str(SEED))
        await pilot.pause()
        await wait_for_entities(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("a")  # nothing chosen yet: it says how to choose
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        # In the entity pane, the first entity that another sample article mentions too.
        pane = reader.query_one(EntityList)
        stored = pilot.app.library
        assert stored is not None
        shared = next(
            index
            for index, entry in enumerate(pane.line_entries)
            if entry is not None and {row.source for row in stored.rows(entity=entry.key)} - {str(SEED)}
        )
        entry = pane.line_entries[shared]
        assert entry is not None
        pane.focus()
        pane.highlighted = shared
        await pilot.press("a")
        await pilot.pause()
        listing = pilot.app.screen
        assert isinstance(listing, EntityArticlesScreen)
        await until(pilot, lambda: listing.loaded)
        others = {row.source for row in stored.rows(entity=entry.key)} - {str(SEED)}
        assert {hit.row.source for hit in listing.results.hits} == others, "the others, not this one"
        assert visual(entry.name) in screen_text(pilot.app)

        await pilot.press("enter")  # opens the newest at its first mention
        await until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen) and pilot.app.screen is not reader)
        opened = pilot.app.screen
        assert isinstance(opened, ReaderScreen)
        assert opened.key == listing.results.hits[0].row.source
        view = opened.article_view
        await until(pilot, lambda: view.current_hit is not None)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert pilot.app.screen is listing

        await pilot.press("l")
        await pilot.pause()
        assert pilot.app.screen is library
        assert library.view.entity == entry.key
        assert library.rows.total == len(others) + 1
        assert "mention" in screen_text(pilot.app) and visual(entry.name) in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        assert library.view.entity is None
        assert library.rows.total == stored.count()

    drive(make_app(ARTICLES), scenario, size=(120, 40))
