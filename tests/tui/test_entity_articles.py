"""The other articles that mention an entity, on their own: newest first with their count of
mentions, Enter opens one at its first mention, l asks for the library filtered by the entity."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.library import Library
from reader.tui.screens.entity_articles import PAGE, EntityArticlesScreen
from tests.tui.library_host import LAVROV, LAVROV_KEY, Host, add, article, run, sample_library, until, visual
from tests.tui.screen_text import screen_lines, screen_text


@pytest.fixture
def library() -> Library:
    return sample_library()


def host(library: Library, *, exclude: str | None = None, filtered: list[tuple[str, str]] | None = None) -> Host:
    def filter_library(key: str, name: str) -> None:
        assert filtered is not None
        filtered.append((key, name))

    return Host(
        lambda app: EntityArticlesScreen(
            library,
            app.shaping,
            app.open_hit,
            key=LAVROV_KEY,
            name="سيرجي لافروف",
            exclude=exclude,
            filter_library=filter_library if filtered is not None else None,
        )
    )


async def loaded(pilot: Pilot[None]) -> EntityArticlesScreen:
    screen = pilot.app.screen
    assert isinstance(screen, EntityArticlesScreen)
    await until(pilot, lambda: screen.loaded)
    return screen


def test_the_articles_are_listed_newest_first_with_their_mentions(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await loaded(pilot)
        hits = screen.results.hits
        assert [hit.row.source for hit in hits] == ["/news/cairo.txt", "/news/minsk.txt"]  # published day 3, day 2
        assert [int(hit.score) for hit in hits] == [3, 2]
        lines = screen_lines(app)
        cairo = next(line for line in lines if visual("جولة في القاهرة") in line)
        assert "×3 · " in cairo
        minsk = next(line for line in lines if visual("زيارة لافروف إلى مينسك") in line)
        assert "×2 · " in minsk
        assert lines.index(cairo) < lines.index(minsk)
        assert visual("سيرجي لافروف") in screen_text(app)  # the entity's name in the title row
        assert "2 articles, newest first" in screen_text(app)

    run(app, scenario)


def test_the_article_it_was_asked_from_is_left_out(library: Library) -> None:
    app = host(library, exclude="/news/cairo.txt")

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await loaded(pilot)
        assert [hit.row.source for hit in screen.results.hits] == ["/news/minsk.txt"]
        assert "1 article, newest first" in screen_text(app)

    run(app, scenario)


def test_enter_opens_an_article_at_its_first_mention(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        [hit] = app.opened
        assert hit.row.source == "/news/minsk.txt"
        assert (hit.section, hit.paragraph) == (1, 0)  # the lead does not name him; the section does
        assert hit.at is not None
        text = library.get(hit.row.source)
        assert text is not None
        paragraph = text.article.sections[1].paragraphs[0].text
        assert paragraph[hit.at[0] : hit.at[1]] == LAVROV
        assert [hit.snippet[start:end] for start, end in hit.marks] == [LAVROV]

    run(app, scenario)


def test_l_asks_for_the_library_filtered_by_the_entity(library: Library) -> None:
    filtered: list[tuple[str, str]] = []
    app = host(library, filtered=filtered)

    async def scenario(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("l")
        assert filtered == [(LAVROV_KEY, "سيرجي لافروف")]
        assert [row.source for row in library.rows(entity=LAVROV_KEY)] == ["/news/cairo.txt", "/news/minsk.txt"]

    run(app, scenario)


def test_an_entity_no_other_article_mentions(library: Library) -> None:
    app = Host(
        lambda app: EntityArticlesScreen(library, app.shaping, app.open_hit, key="مجهول", name="مجهول", exclude=None)
    )

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await loaded(pilot)
        assert screen.results.hits == []
        assert "No other article mentions it" in screen_text(app)
        await pilot.press("enter", "l")  # nothing to open or filter, nothing breaks
        assert app.opened == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntityArticlesScreen)

    run(app, scenario)


def test_down_past_the_last_shows_the_next_page_until_all_are_listed() -> None:
    """120 articles name the entity: 50 at first, the status says how many there are, ↓ past the
    last brings the next ones (the cursor on the first of them), and every article is reached."""
    library = Library()
    for n in range(120):
        item = article(f"/news/{n:03}.txt", f"خبر {n}", (None, [f"قال لافروف في الخبر رقم {n} إن المحادثات مستمرة."]))
        add(library, item, published=n * 3600.0)
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await loaded(pilot)
        results = screen.results
        assert len(results.hits) == PAGE
        assert [hit.row.source for hit in results.hits[:2]] == ["/news/119.txt", "/news/118.txt"]  # newest first
        assert f"120 articles ({PAGE} shown, ↓ past the last shows more)" in screen_text(app)
        seen: list[str] = []
        for _ in range(200):
            hit = results.chosen_hit
            assert hit is not None
            if not seen or seen[-1] != hit.row.source:
                seen.append(hit.row.source)
            if len(seen) == 120:
                break
            shown = len(results.hits)
            await pilot.press("down")
            await until(pilot, lambda shown=shown: not screen.loading and len(results.hits) >= shown)
        assert seen == [f"/news/{n:03}.txt" for n in range(119, -1, -1)]
        assert len(results.hits) == 120
        assert "120 articles, newest first" in screen_text(app)

    run(app, scenario)
