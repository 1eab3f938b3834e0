"""Fixtures for driving the app headless: config and state in tmp dirs, articles to read."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.tui.app import ReaderApp, prepare_app
from reader.tui.options import AppOptions
from tests.conftest import ARTICLES, SEED

LONG_SECTIONS = 8


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config and reading positions never touch the real home."""
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    return tmp_path


@pytest.fixture
def long_article(tmp_path: Path) -> Path:
    """The seed's paragraphs under more headings: long enough to scroll at any size."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paragraphs = [line for line in lines if len(line) > 120]
    body = [lines[0], ""]
    for number in range(1, LONG_SECTIONS + 1):
        body += [f"القسم رقم {number} من التقرير", ""]
        for paragraph in paragraphs:
            body += [paragraph, ""]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(body), encoding="utf-8")
    return path


@pytest.fixture
def placed_on(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The threads the reader screen places mentions on the rows in (the whole article's: a
    second of Python for 10 MB), by name: never the UI thread's."""
    from reader.tui.screens import reader as reader_screen_module

    threads: list[str] = []
    placed = reader_screen_module.PlacedMentions

    def placing(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return placed(*args, **kwargs)

    monkeypatch.setattr(reader_screen_module, "PlacedMentions", placing)
    return threads


def make_app(*paths: Path | str, settings: Config | None = None, workers: int | None = 1) -> ReaderApp:
    """The app as `reader PATHS` makes it; a folder is indexed in this process unless `workers` says."""
    return prepare_app(
        [str(path) for path in paths], AppOptions(), settings=settings or Config(), index_workers=workers
    )


def drive(app: ReaderApp, scenario: Callable[[Pilot], Awaitable[None]], size: tuple[int, int] = (100, 30)) -> None:
    """Run `scenario` against the app headless, at `size`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await wait_for_index(pilot)
            await wait_for_entities(pilot)
            await scenario(pilot)

    asyncio.run(main())


async def wait_for_index(pilot: Pilot, timeout: float = 30) -> None:
    """The library screen's background indexing, until it has finished."""
    from reader.tui.screens.library import LibraryScreen

    waited = 0.0
    while waited < timeout:
        screen = pilot.app.screen
        if not isinstance(screen, LibraryScreen) or screen.indexing is None:
            await pilot.pause()
            return
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError("indexing did not end in time")


async def wait_for_entities(pilot: Pilot, timeout: float = 10) -> None:
    """Entities are found in a worker; most key tests want them there."""
    from reader.tui.screens.reader import ReaderScreen

    waited = 0.0
    while waited < timeout:
        screen = pilot.app.screen
        if not isinstance(screen, ReaderScreen) or screen.mentions_ready:
            await pilot.pause()
            return
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError("entities were not found in time")


async def type_text(pilot: Pilot, text: str) -> None:
    for character in text:
        await pilot.press(character)


__all__ = ["ARTICLES", "SEED", "drive", "make_app", "type_text", "wait_for_entities", "wait_for_index"]
