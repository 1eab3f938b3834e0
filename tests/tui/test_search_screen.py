"""The library-wide search screen on its own: typing searches, results shaped and flush right with
the hit marked, Enter opens the chosen one at its hit, a bad query is one line, Esc goes back."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.layout import BidiMode
from reader.library import Library
from reader.model import Article, Paragraph, Section
from reader.terminal_rows import LRM
from reader.tui.screens.search import RESULTS, LibrarySearchScreen
from reader.tui.shaped import Shaping
from tests.tui.library_host import ARTICLES, LAVROV, Host, run, sample_library, until, visual
from tests.tui.screen_text import screen_lines, screen_text


@pytest.fixture
def library() -> Library:
    return sample_library()


def host(library: Library) -> Host:
    return Host(lambda app: LibrarySearchScreen(library, app.shaping, app.open_hit))


async def search_for(pilot: Pilot[None], query: str) -> LibrarySearchScreen:
    for character in query:
        await pilot.press(character)
    screen = pilot.app.screen
    assert isinstance(screen, LibrarySearchScreen)
    await until(pilot, lambda: screen.shown_query == query and not screen.searching)
    return screen


def test_typing_shows_the_matching_articles_shaped_and_flush_right(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, LAVROV)
        assert {hit.row.title for hit in screen.results.hits} == {"زيارة لافروف إلى مينسك", "جولة في القاهرة"}
        lines = screen_lines(app)
        for title in ("زيارة لافروف إلى مينسك", "جولة في القاهرة"):
            line = next(line for line in lines if visual(title) in line)
            # flush right: the title ends the line (the list's border and padding aside)
            inside = line.strip("▊▎")
            assert inside.rstrip().endswith(visual(title)) and len(inside) - len(inside.rstrip()) <= 3, line
            assert inside.startswith(" " * 10)
        assert "2 articles" in screen_text(app)
        assert "أسعار" not in screen_text(app) and visual("أسعار النفط ترتفع") not in screen_text(app)

    run(app, scenario)


@pytest.mark.parametrize(("query", "word"), [("بنظيره", "بنظيره"), ("نظير", "بنظيره"), ("مينسك", "مينسك")])
def test_the_matched_word_is_marked_under_the_section_or_in_the_title(library: Library, query: str, word: str) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, query)
        hit = screen.results.hits[0]
        assert [hit.snippet[start:end] for start, end in hit.marks] == [word]
        text = screen.results.hit_text(hit, 80)
        mark_style = screen.results.get_component_rich_style("hit-list--mark", partial=True)
        marked = [text.plain[span.start : span.end] for span in text.spans if span.style == mark_style]
        assert marked == [visual(word)]
        shown = screen_text(app)
        assert visual(word) in shown
        if hit.section >= 0:
            assert visual("مباحثات شاملة") in shown  # the section's heading, above the snippet

    run(app, scenario)


def test_enter_opens_the_chosen_result_at_its_hit(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, "بنظيره")
        await pilot.press("enter")
        await pilot.pause()
        [hit] = app.opened
        assert hit.row.source == "/news/minsk.txt"
        assert (hit.section, hit.paragraph) == (1, 0)  # the paragraph that says it
        assert hit.at is not None
        paragraph = next(a for a in ARTICLES if a.source == hit.row.source).sections[1].paragraphs[0].text
        assert paragraph[hit.at[0] : hit.at[1]] == "بنظيره"
        assert screen.bar.accepting  # still taking text: back from the article, typing goes on

    run(app, scenario)


def test_arrows_choose_another_result(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, LAVROV)
        second = screen.results.hits[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.opened == [second]

    run(app, scenario)


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("-لافروف", "Cannot search: the query only excludes words"),
        ('"', "Cannot search: the query has no word to look for"),
        ("***", "Cannot search: the query has no word to look for"),
    ],
)
def test_a_bad_query_is_one_line_in_the_screen(library: Library, query: str, says: str) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, query)
        assert screen.results.hits == []
        lines = [line for line in screen_lines(app) if "Cannot search" in line]
        assert len(lines) == 1 and says in lines[0]
        await pilot.press("enter")  # nothing to open, nothing breaks
        assert app.opened == []
        for _ in query:
            await pilot.press("backspace")
        for character in "مينسك":
            await pilot.press(character)
        await until(pilot, lambda: bool(screen.results.hits))  # the next query works
        assert "Cannot search" not in screen_text(app)

    run(app, scenario)


def test_no_match_says_so(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        await search_for(pilot, "كوالالمبور")
        assert "No article matches" in screen_text(app)

    run(app, scenario)


def test_query_syntax_phrases_exclusion_and_prefixes(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, f"{LAVROV} -مينسك")
        assert [hit.row.source for hit in screen.results.hits] == ["/news/cairo.txt"]
        for _ in range(20):
            await pilot.press("backspace")
        screen = await search_for(pilot, '"أسعار النفط"')
        assert [hit.row.source for hit in screen.results.hits] == ["/news/oil.txt"]
        for _ in range(20):
            await pilot.press("backspace")
        screen = await search_for(pilot, "القاهر*")
        assert [hit.row.source for hit in screen.results.hits] == ["/news/cairo.txt"]

    run(app, scenario)


def test_escape_goes_back(library: Library) -> None:
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        await search_for(pilot, LAVROV)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LibrarySearchScreen)

    run(app, scenario)


def test_hostile_titles_and_snippets_are_shown_literally(tmp_path: Path) -> None:
    library = Library()
    hostile = "\x1b[2J\x1b]52;c;aGk=\x07[bold]عنوان[/] \u202eمقلوب\u202c [@click=app.quit]"
    item = Article("/news/hostile.txt", hostile, [Section(None, [Paragraph(f"نص {hostile} خطير \x9b31m جدا")])])
    library.add_article(item, source=item.source, kind="file", mentions=[])
    app = host(library)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, "خطير")
        assert len(screen.results.hits) == 1
        shown = screen_text(app)
        for control in ("\x1b", "\x07", "\u202e", "\u202c", "\x9b"):
            assert control not in shown
        assert "[bold]" in shown and "[@click=app.quit]" in shown
        assert isinstance(app.screen, LibrarySearchScreen)  # the markup clicked nothing

    run(app, scenario)


def test_in_terminal_bidi_mode_results_are_logical_rows_that_keep_their_direction(library: Library) -> None:
    """The terminal reorders each row itself: titles and snippets go out logical, each row opened
    by an LRM (after its leading space, which VTE needs), its Arabic held in its run by the marks
    it needs (none for Arabic words alone), as
    every other list does (tui/shaped.py)."""
    app = host(library)
    app.shaping = Shaping(mode=BidiMode.TERMINAL)

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, "بنظيره")
        text = screen.results.hit_text(screen.results.hits[0], 80)
        rows = text.plain.split("\n")
        assert len(rows) == 3  # title, section, snippet
        assert all(row.lstrip(" ").startswith(LRM) for row in rows)
        # logical (a word with lam-alef in its presentation forms), flush right
        assert rows[0].rstrip().endswith("مينسك") and "زيارة لافروف إلى مينسك" in unicodedata.normalize("NFKC", rows[0])
        assert "مباحثات شاملة" in rows[1]
        assert "بنظيره" in rows[2]

    run(app, scenario)


def test_down_past_the_last_result_asks_for_more() -> None:
    app = host(_schools(RESULTS + 5))

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, "مدرسة")
        assert len(screen.results.hits) == RESULTS
        assert f"the best {RESULTS}" in screen_text(app)
        for _ in range(RESULTS - 1):
            await pilot.press("down")
        assert screen.results.highlighted == RESULTS - 1
        await pilot.press("down")
        await until(pilot, lambda: len(screen.results.hits) == RESULTS + 5 and not screen.searching)
        assert screen.results.highlighted == RESULTS  # on the first of the new ones
        assert f"{RESULTS + 5} articles" in screen_text(app)

    run(app, scenario)


def test_results_ranked_among_the_newest_matches_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """More articles match than the ranking window holds: the status says the best are of the newest
    so many; asking for more than match ranks them all, and the status says how many there are."""
    monkeypatch.setattr("reader.library.search.WINDOW", RESULTS + 2)
    app = host(_schools(RESULTS + 5))

    async def scenario(pilot: Pilot[None]) -> None:
        screen = await search_for(pilot, "مدرسة")
        assert len(screen.results.hits) == RESULTS
        assert f"the best {RESULTS} of the newest {RESULTS + 2} matches (↓ past the last" in screen_text(app)
        for _ in range(RESULTS):
            await pilot.press("down")
        await until(pilot, lambda: len(screen.results.hits) == RESULTS + 5 and not screen.searching)
        assert f"{RESULTS + 5} articles" in screen_text(app) and "newest" not in screen_text(app)

    run(app, scenario)


def _schools(count: int) -> Library:
    """`count` articles that each say the same sentence about a school: as many hits as articles."""
    library = Library()
    for number in range(count):
        item = Article(
            f"/news/{number}.txt", f"خبر رقم {number}", [Section(None, [Paragraph("افتتح المحافظ مدرسة جديدة.")])]
        )
        library.add_article(item, source=item.source, kind="file", mentions=[])
    return library
