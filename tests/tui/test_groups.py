"""The group pane and the background feed update, each in a small app of its own, against a library
in the test's data folder and feeds on a local server (127.0.0.1)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from reader.library import Library
from reader.library.feeds import LibraryFeeds
from reader.library.records import Group
from reader.tui.shaped import Shaping
from reader.tui.widgets.feed_update import FeedUpdate
from reader.tui.widgets.groups import GroupPane
from tests.tui.screen_text import screen_text
from tests.tui.test_library import visual
from tests.web.feeds import item, rss2
from tests.web.server import page, serve, slow


class GroupsApp(App[None]):
    """The pane and the update bar, as the library uses them: a stored feed's entries recount the groups."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.chosen: list[Group] = []
        self.failures: list[str] = []
        self.finished: list[str] = []

    def compose(self) -> ComposeResult:
        yield GroupPane(Shaping())
        yield FeedUpdate()

    def on_mount(self) -> None:
        self.query_one(GroupPane).focus()
        self.query_one(GroupPane).load(self.path)

    def on_group_pane_chosen(self, event: GroupPane.Chosen) -> None:
        self.chosen.append(event.group)

    def on_feed_update_stored(self, event: FeedUpdate.Stored) -> None:
        self.query_one(GroupPane).load(self.path)

    def on_feed_update_failed(self, event: FeedUpdate.Failed) -> None:
        self.failures.append(event.line)

    def on_feed_update_finished(self, event: FeedUpdate.Finished) -> None:
        self.finished.append(event.summary.line() if event.summary else "")
        self.query_one(GroupPane).load(self.path)


def run(app: GroupsApp, scenario: Callable[[Pilot], Awaitable[None]]) -> None:
    async def main() -> None:
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out; the screen shows:\n" + screen_text(pilot.app)
        await pilot.pause(0.05)


def pane_lines(pilot: Pilot) -> list[str]:
    """The pane's rows, without its border."""
    lines = [line.strip("▊▎ ") for line in screen_text(pilot.app).splitlines()]
    rows = [line for line in lines if line.strip("▔▁")]
    return rows[: len(pilot.app.query_one(GroupPane).rows)]


def feed(*numbers: int, base: str = "http://127.0.0.1:1", title: str = "أخبار الصباح") -> bytes:
    return rss2(title, [item(n, base) for n in numbers])


def test_the_pane_lists_the_groups_shaped_with_unread_counts_and_enter_chooses_one() -> None:
    library = Library()
    with serve({"/a.xml": page(feed(1, 2, 3), "application/rss+xml")}) as server:
        feeds = LibraryFeeds(library)
        feeds.follow(server.url("/a.xml"))
        from reader.web.update import update_feeds

        update_feeds(feeds, jobs=1)
    library.set_read("http://127.0.0.1:1/news/2", True)
    app = GroupsApp(library.path)

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: len(app.query_one(GroupPane).rows) == 2)
        lines = pane_lines(pilot)
        assert lines[0].startswith("▸ All") and lines[0].rstrip().endswith("2/3"), lines[0]
        assert visual("أخبار الصباح") in lines[1] and lines[1].rstrip().endswith("2/3"), lines[1]
        await pilot.press("j", "enter")
        assert app.chosen == [Group("feed", server.url("/a.xml"))]
        assert pane_lines(pilot)[1].startswith("▸ ")

    run(app, scenario)
    library.close()


def test_a_hostile_feed_title_is_shown_as_plain_text_on_one_line() -> None:
    library = Library()
    hostile = "\x1b]52;c;cGF5bG9hZA==\x07\x1b[31mأخبار\u202e\n[b]x[/b]\x9b2J\r\tحمراء"
    LibraryFeeds(library).follow("http://127.0.0.1:1/feed.xml", hostile)
    app = GroupsApp(library.path)

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: len(app.query_one(GroupPane).rows) == 2)
        line = pane_lines(pilot)[1]
        for escape in ("\x1b", "\x07", "\u202e", "\x9b", "52;c", "[31m"):
            assert escape not in line
        assert visual("أخبار [b]x[/b] حمراء") in line, "one line, its markup shown, not applied"
        assert line.rstrip().endswith("0/0")

    run(app, scenario)
    library.close()


def test_update_in_the_background_stores_new_entries_recounts_and_refuses_a_second_start() -> None:
    library = Library()
    routes = {"/a.xml": page(feed(1, 2), "application/rss+xml"), "/b.xml": slow(1.5, feed(3, 4, title="ب"))}
    with serve(routes) as server:
        feeds = LibraryFeeds(library)
        feeds.follow(server.url("/a.xml"))
        feeds.follow(server.url("/b.xml"))
        feeds.follow(server.url("/missing.xml"))
        app = GroupsApp(library.path)

        async def scenario(pilot: Pilot) -> None:
            bar = app.query_one(FeedUpdate)
            assert not bar.display
            assert bar.start(library.path)
            assert not bar.start(library.path), "a second r while one runs starts nothing"
            await pilot.pause()
            assert bar.display and "Updating feeds" in screen_text(pilot.app)
            await until(pilot, lambda: bool(app.finished))
            assert not bar.display
            await until(pilot, lambda: app.query_one(GroupPane).rows[0].articles == 4)
            assert app.finished == ["3 feeds: 2 fetched (0 unchanged), 1 failed; 4 new entries"]
            assert len(app.failures) == 1 and "missing.xml" in app.failures[0] and "404" in app.failures[0]
            assert "\n" not in app.failures[0]

        run(app, scenario)
    assert library.count() == 4
    library.close()


def test_r_in_the_library_updates_the_feeds_in_the_background_once_at_a_time() -> None:
    from tests.tui.conftest import ARTICLES, drive, make_app

    routes = {"/a.xml": slow(1.0, feed(1, 2)), "/gone.xml": page(b"<html>not a feed</html>")}
    with serve(routes) as server:
        with Library() as library:
            LibraryFeeds(library).follow(server.url("/a.xml"))
            LibraryFeeds(library).follow(server.url("/gone.xml"))
        app = make_app(ARTICLES)
        told: list[str] = []
        app.notify = lambda message, **_: told.append(message)  # type: ignore[method-assign]

        async def scenario(pilot: Pilot) -> None:
            await pilot.press("r")
            await pilot.pause()
            bar = pilot.app.screen.query_one(FeedUpdate)
            assert bar.running and "Updating feeds" in screen_text(pilot.app)
            await pilot.press("r")
            assert "The feeds are being updated already" in told
            await until(pilot, lambda: any(line.startswith("Feeds updated") for line in told))
            failed = [line for line in told if "gone.xml" in line]
            assert len(failed) == 1 and "not a feed" in failed[0] and "\n" not in failed[0]
            assert "Feeds updated: 2 feeds: 1 fetched (0 unchanged), 1 failed; 2 new entries" in told
            assert not bar.running

        drive(app, scenario, size=(120, 40))
    with Library() as library:
        assert library.count() == 2 + 7  # the feed's new entries, beside the 7 files the app indexed


def test_reader_alone_opens_the_whole_library_with_its_groups_and_a_group_narrows_the_rows() -> None:
    from reader.library.indexer import index_paths
    from reader.web.update import update_feeds
    from tests.tui.conftest import ARTICLES, drive, make_app
    from tests.tui.screen_text import screen_lines

    with serve({"/a.xml": page(feed(1, 2), "application/rss+xml")}) as server, Library() as library:
        index_paths(library, [str(ARTICLES)], workers=1)
        feeds = LibraryFeeds(library)
        feeds.follow(server.url("/a.xml"))
        update_feeds(feeds, jobs=1)
        files = library.count(group=Group("files"))
    app = make_app()  # `reader` with no path

    async def scenario(pilot: Pilot) -> None:
        pane = app.screen.query_one(GroupPane)
        await until(pilot, lambda: pane.display and len(pane.rows) == 3)
        text = screen_text(pilot.app)
        assert visual("أخبار الصباح") in text and f"Library · {files + 2:,} articles" in text
        await pilot.press("tab")
        assert pane.has_focus
        await pilot.press("j", "j", "enter")  # All, Files, the feed
        await until(pilot, lambda: "Library" in screen_lines(pilot.app)[0] and visual("خبر رقم 2") in screen_text(app))
        rows = [line for line in screen_lines(pilot.app) if visual("خبر رقم") in line]
        assert len(rows) == 2, screen_text(pilot.app)

    drive(app, scenario, size=(130, 30))


def test_a_library_opened_on_a_folder_has_no_group_pane() -> None:
    from tests.tui.conftest import ARTICLES, drive, make_app

    with Library() as library:
        LibraryFeeds(library).follow("http://127.0.0.1:1/feed.xml", "أخبار")
    app = make_app(ARTICLES)

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(0.3)
        assert not app.screen.query_one(GroupPane).display

    drive(app, scenario)
