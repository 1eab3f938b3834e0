"""Full garbage collections wait for a pause in the reading, and the old thresholds come back."""

from __future__ import annotations

import gc

from textual.pilot import Pilot

from tests.tui.conftest import SEED, drive, make_app


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
