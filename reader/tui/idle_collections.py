"""Full garbage collections wait until the reader stops pressing keys.

A full collection walks every live object: 60-80 ms with a 10 MB article's layout and entity
caches, enough to stall the page-down it lands on. Young objects are still collected as usual;
the full pass runs when no key or mouse event has come for a second.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from textual.app import App

IDLE_AFTER = 1.0  # seconds without input


class IdleCollections:
    def __init__(self, app: App[Any]) -> None:
        self._thresholds = gc.get_threshold()
        young, middle, _full = self._thresholds
        gc.set_threshold(young, middle, 1_000_000)  # a full collection only when we ask for one
        self._last_input = time.monotonic()
        self._timer = app.set_interval(IDLE_AFTER, self._collect_if_idle)

    def touched(self) -> None:
        self._last_input = time.monotonic()

    def _collect_if_idle(self) -> None:
        if time.monotonic() - self._last_input >= IDLE_AFTER and gc.get_count()[2]:
            gc.collect()

    def stop(self) -> None:
        self._timer.stop()
        gc.set_threshold(*self._thresholds)
