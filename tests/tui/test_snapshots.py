"""SVG snapshots of the library and the reader at 80x24 and 120x40, dark and light.

Update with `pytest tests/tui/test_snapshots.py --snapshot-update` after a deliberate change, and
look at the SVGs (snapshot_report.html shows the differences) before committing them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.entities import select
from reader.entities.recognizer import DEFAULT
from reader.tui.screens.library import LibraryScreen
from tests.tui.conftest import ARTICLES, SEED, make_app, wait_for_entities

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def listed_names() -> Iterator[None]:
    """Entities from a fixed list, so the pictures change only when the app does."""
    select("tests.tui.listed_names:ListedNames")
    yield
    select(DEFAULT)


THEMES = ["dark", "light"]


async def settled(pilot: Pilot) -> None:
    """Wait for the workers (entity counts, entity pane) so the picture is always the same."""
    screen = pilot.app.screen
    if isinstance(screen, LibraryScreen):
        for _ in range(200):
            if all(item.entities is not None for item in screen.items):
                break
            await pilot.pause(0.05)
    await wait_for_entities(pilot)
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_library_snapshot(snap_compare, size: tuple[int, int], theme: str) -> None:
    app = make_app(ARTICLES, settings=Config(theme=theme))
    assert snap_compare(app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_reader_snapshot(snap_compare, size: tuple[int, int], theme: str) -> None:
    app = make_app(SEED, settings=Config(theme=theme))
    assert snap_compare(app, terminal_size=size, run_before=settled)
