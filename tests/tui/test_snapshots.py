"""SVG snapshots of the library and the reader at 80x24 and 120x40, dark and light, then one class
per feature: search hits, noise shown, terminal bidi mode, a window too small.

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
from reader.layout import BidiMode
from reader.tui.app import ReaderApp, load_article
from reader.tui.options import AppOptions
from reader.tui.shaped import Shaping
from tests.tui.conftest import ARTICLES, SEED, make_app, wait_for_entities, wait_for_index

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
    await wait_for_index(pilot)
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


# Features, each driven to the state shown by its `run_before` (posting's test_snapshots.py).


def _reader(settings: Config | None = None, *, terminal: bool = False) -> ReaderApp:
    shaping = Shaping(mode=BidiMode.TERMINAL) if terminal else Shaping()
    return ReaderApp(load_article(str(SEED), AppOptions()), settings=settings or Config(), shaping=shaping)


class TestSearch:
    def test_hits_are_highlighted_and_counted(self, snap_compare) -> None:
        async def run_before(pilot: Pilot) -> None:
            await settled(pilot)
            await pilot.press("slash", *"لافروف", "enter")
            for _ in range(100):
                if "search " in str(pilot.app.screen.query_one("#status").render()):
                    break
                await pilot.pause(0.05)
            await pilot.pause()

        assert snap_compare(_reader(), terminal_size=(100, 30), run_before=run_before)


class TestNoise:
    def test_m_shows_the_noise_lines_with_their_reason(self, snap_compare) -> None:
        async def run_before(pilot: Pilot) -> None:
            await settled(pilot)
            await pilot.press("m")
            await settled(pilot)  # the mentions placed again on the rows with noise, in a thread

        assert snap_compare(_reader(), terminal_size=(100, 30), run_before=run_before)


class TestTerminalBidi:
    def test_logical_rows_without_side_panes(self, snap_compare) -> None:
        assert snap_compare(_reader(terminal=True), terminal_size=(100, 30), run_before=settled)


class TestTinyWindow:
    @pytest.mark.parametrize("size", [(29, 24), (80, 7)], ids=["narrow", "short"])
    def test_a_window_too_small_says_so(self, snap_compare, size: tuple[int, int]) -> None:
        async def run_before(pilot: Pilot) -> None:
            await pilot.pause()

        assert snap_compare(_reader(), terminal_size=size, run_before=run_before)
