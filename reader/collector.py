"""When the cycle collector runs: paused for the stages, out of the way of keys in the app.

Three policies, one for each kind of work, all here so that their reasons can be read together:

- `no_cycle_collection` pauses the collector for a stage's piece of work (tagging, layout,
  loading), whose many short-lived objects hold no cycles.
- `settle_memory` takes what was just built for the app (a whole article, its mentions) out of the
  collector's sight while it is read; `release_memory` gives it back when the article is closed.
- `IdleCollections` lets full collections wait until the reader stops pressing keys.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

IDLE_AFTER = 1.0  # seconds without input before a full collection may run


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cycle collector paused for a piece of work. Tagging makes about a million short-lived
    lists and tuples a megabyte, layout a tuple a line, loading a block a paragraph, none of them
    in a cycle: the collector's passes over them cost 5-10% of each. Whatever is left to collect
    is collected afterwards, as usual; a collector the caller switched off stays off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def settle_memory() -> None:
    """Take what was just built (a whole article, its mentions) out of the cyclic collector's sight.

    These objects live as long as the article is read, so each full collection would walk all of
    them: 150-230 ms for a 10 MB article, enough to stall a page-down that happens to meet it.
    The young generations are collected first; not the old one, whose full pass is what costs
    (it would hold the UI thread as long as the article opens). What the old generation holds of
    garbage is frozen with the rest until `release_memory`.
    """
    gc.collect(1)
    gc.freeze()


def release_memory() -> None:
    """Put what `settle_memory` froze back in the collector's sight, when an article is closed.

    A screen and its widgets refer to each other: closed, they and the article they show are
    garbage that only the cyclic collector frees, and it does not look at frozen objects (each
    opening of a 10 MB article kept another 95 MB). The next full collection, while the reader
    pauses (`IdleCollections`), frees them; what lives on is frozen again at the next settling.
    """
    gc.unfreeze()


class IdleCollections:
    """Full garbage collections wait until the reader stops pressing keys.

    A full collection walks every live object: 60-80 ms with a 10 MB article's layout and entity
    caches, enough to stall the page-down it lands on. Young objects are still collected as usual;
    the full pass runs from `collect_if_idle` (the app calls it every IDLE_AFTER seconds) when no
    key or mouse event has come (`touched`) for IDLE_AFTER seconds. `stop` restores the thresholds.
    """

    def __init__(self) -> None:
        self._thresholds = gc.get_threshold()
        young, middle, _full = self._thresholds
        gc.set_threshold(young, middle, 1_000_000)  # a full collection only when we ask for one
        self._last_input = time.monotonic()

    def touched(self) -> None:
        self._last_input = time.monotonic()

    def idle_for(self) -> float:
        """Seconds since the last key or mouse event."""
        return time.monotonic() - self._last_input

    def collect_if_idle(self) -> None:
        if time.monotonic() - self._last_input >= IDLE_AFTER and gc.get_count()[2]:
            gc.collect()

    def stop(self) -> None:
        gc.set_threshold(*self._thresholds)
