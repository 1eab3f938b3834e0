"""SVG snapshots of the library search screen with Arabic results, and of the articles naming an
entity (update with `--snapshot-update`, and look at the SVGs before committing them)."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.tui.screens.entity_articles import EntityArticlesScreen
from reader.tui.screens.search import LibrarySearchScreen
from tests.tui.library_host import LAVROV, LAVROV_KEY, Host, sample_library, until


def test_search_results_are_shaped_flush_right_with_the_hit_marked(snap_compare) -> None:
    library = sample_library()
    app = Host(lambda host: LibrarySearchScreen(library, host.shaping, host.open_hit))

    async def run_before(pilot: Pilot[None]) -> None:
        for character in LAVROV:
            await pilot.press(character)
        screen = pilot.app.screen
        assert isinstance(screen, LibrarySearchScreen)
        await until(pilot, lambda: screen.shown_query == LAVROV and not screen.searching)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_the_articles_naming_an_entity_newest_first_with_their_counts(snap_compare) -> None:
    library = sample_library()
    app = Host(
        lambda host: EntityArticlesScreen(
            library, host.shaping, host.open_hit, key=LAVROV_KEY, name="سيرجي لافروف", filter_library=print
        )
    )

    async def run_before(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, EntityArticlesScreen)
        await until(pilot, lambda: screen.loaded)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
