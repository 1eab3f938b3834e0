"""Full garbage collections wait for a pause in the reading, and the old thresholds come back;
an article closed is freed (what was kept out of the collector's sight while it was read)."""

from __future__ import annotations

import gc
import time
import weakref

from textual.pilot import Pilot

from reader.tui.screens.reader import SAVE_AFTER, ReaderScreen
from tests.tui.conftest import ARTICLES, SEED, drive, make_app, wait_for_entities, wait_for_index


def test_full_collections_wait_for_idle_and_thresholds_are_restored() -> None:
    before = gc.get_threshold()
    app = make_app(SEED)
    during: list[tuple[int, int, int]] = []
    collected: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            collected.append(info["generation"])

    async def scenario(pilot: Pilot) -> None:
        during.append(gc.get_threshold())
        gc.callbacks.append(watch)
        try:
            for _ in range(30):
                await pilot.press("j")  # input keeps the reader busy: no full collection
            assert not collected
            await pilot.pause(2.5)  # a pause: the full collection runs now
            assert collected
        finally:
            gc.callbacks.remove(watch)

    drive(app, scenario)
    assert during[0][2] > 100_000
    assert gc.get_threshold() == before


def test_an_article_closed_is_freed_by_the_next_full_collection() -> None:
    """While read, an article and its screen are frozen out of the collector's sight; closed, the
    screen and its widgets are cycles only the collector frees: each opening of a 10 MB article
    kept another 95 MB before they were given back to it.

    Freed within a few seconds, not at once: a timer stopped (the position saved SAVE_AFTER seconds
    after scrolling) leaves its handle in asyncio's queue until its time comes, and the handle holds
    the context in which the screen was the active one."""
    closed: list[weakref.ref[ReaderScreen]] = []

    async def scenario(pilot: Pilot) -> None:
        await wait_for_index(pilot)
        for _ in range(2):
            await pilot.press("enter")
            await pilot.pause()
            screen = pilot.app.screen
            assert isinstance(screen, ReaderScreen)
            await wait_for_entities(pilot)
            closed.append(weakref.ref(screen))
            del screen
            await pilot.press("escape")
            await pilot.pause()
        deadline = time.monotonic() + SAVE_AFTER + 3
        while True:
            await pilot.pause(0.25)  # a screen popped is removed in messages of its own
            gc.collect()
            # The one closed last may still be what Textual's context says was active
            if closed[0]() is None or time.monotonic() > deadline:
                break
        assert closed[0]() is None, "the article closed and left behind is freed"

    drive(make_app(ARTICLES), scenario)
