"""Work without the cycle collector's passes, for the stages whose many short-lived objects hold no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
