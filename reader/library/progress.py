"""A progress bar for `reader index` and `reader update` on a terminal (rich), and nothing when the output is a pipe."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from reader.library.indexer import Progress


@contextmanager
def terminal_progress(stream: TextIO, label: str = "indexing") -> Iterator[Progress | None]:
    """A `Progress` callback drawing a bar on `stream` while the block runs, or None off a terminal."""
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
