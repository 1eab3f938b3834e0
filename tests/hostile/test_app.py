"""Every hostile input in the app: open it, go to the end, search, show noise, resize from 20x5 to 200x60.

Nothing may crash, and no escape, C1 or bidi-control character from the article may reach the
screen, whatever the size.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from reader.errors import ReaderError
from tests.tui.conftest import make_app, private_dirs  # noqa: F401  (the fixture keeps state out of home)
from tests.tui.screen_text import screen_text

from .cases import CASES, Case
from .test_commands import LEAK

SIZES = [(20, 5), (200, 60), (37, 11), (80, 24)]
APP_CASES = [case for case in CASES if case.expect != "error" and case.kind != "size" and case.in_app]


@pytest.mark.parametrize("case", APP_CASES, ids=[case.name for case in APP_CASES])
def test_hostile_input_in_the_app(case: Case, tmp_path: Path, private_dirs: Path) -> None:  # noqa: F811
    path = case.make(tmp_path)
    try:
        app = make_app(path)
    except ReaderError:
        assert case.expect == "either"
        return
    seen: list[str] = []

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for key in ("end", "slash", "ا", "enter", "m", "n", "e", "home"):
                await pilot.press(key)
            await pilot.pause(0.2)
            seen.append(screen_text(app))
            for size in SIZES:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                seen.append(screen_text(app))

    asyncio.run(asyncio.wait_for(scenario(), timeout=case.bound * 3))
    for screen in seen:
        assert not LEAK.search(screen), repr(LEAK.search(screen))
        for payload in case.payloads:
            assert payload not in screen
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("name", ["1 MB line without a space", "100000 one-word paragraphs"])
def test_large_hostile_input_opens_scrolls_and_searches(name: str, tmp_path: Path, private_dirs: Path) -> None:  # noqa: F811
    case = next(case for case in CASES if case.name == name)
    app = make_app(case.make(tmp_path))

    async def scenario() -> str:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in ("end", "pageup", "slash", "ب", "enter", "m", "home"):
                await pilot.press(key)
            await pilot.resize_terminal(20, 5)
            await pilot.pause()
            await pilot.resize_terminal(200, 60)
            await pilot.pause()
            return screen_text(app)

    screen = asyncio.run(asyncio.wait_for(scenario(), timeout=case.bound))
    assert not LEAK.search(screen)
