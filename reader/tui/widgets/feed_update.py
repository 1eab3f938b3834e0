"""The library's feed update (`r`): every followed feed fetched in the background, with a progress bar.

The update runs `reader.web.update.update_feeds` in a process of its own (reader.library.feeds.
BackgroundUpdate), as `reader update` does; a thread here reads what it tells, and the app goes on
answering keys. What it does comes back as messages:
`Stored` after each feed whose new entries are in the store (the library shows them then),
`Failed` for each feed that failed (one line each), `Finished` with the summary line at the end.
One update at a time: `start` says False while one runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, ProgressBar

from reader.web.update import Summary

if TYPE_CHECKING:
    from reader.library.feeds import BackgroundUpdate


class FeedUpdate(Widget):
    """A one-line progress bar, shown while an update runs."""

    DEFAULT_CSS = """
    FeedUpdate {
        height: 1;
        layout: horizontal;
        display: none;
        background: $panel;
    }
    FeedUpdate.-running {
        display: block;
    }
    FeedUpdate Label {
        width: auto;
        padding: 0 1;
    }
    FeedUpdate ProgressBar {
        width: 1fr;
    }
    """

    class Stored(Message):
        """`added` new articles of one feed are in the store."""

        def __init__(self, added: int) -> None:
            super().__init__()
            self.added = added

    class Failed(Message):
        """One feed (or the whole update) failed: its one line."""

        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    class Finished(Message):
        """The update is over; `summary` is None when it could not run at all."""

        def __init__(self, summary: Summary | None) -> None:
            super().__init__()
            self.summary = summary

    class Progressed(Message):
        """`done` of `total` feeds are updated."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.running = False
        self._process: BackgroundUpdate | None = None

    def compose(self) -> ComposeResult:
        yield Label("Updating feeds")
        yield ProgressBar(show_eta=False)

    def start(self, path: Path) -> bool:
        """Update the feeds of the library at `path`; False (and nothing started) while an update runs."""
        if self.running:
            return False
        self.running = True
        self.add_class("-running")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self._update(path)
        return True

    @work(thread=True, group="feed-update")
    def _update(self, path: Path) -> None:
        from reader.library.feeds import BackgroundUpdate
        from reader.web.update import Summary

        self._process = BackgroundUpdate(path)
        self._process.start()
        for kind, value, total in self._process.events():
            if kind == "progress":
                self.post_message(self.Progressed(int(str(value)), int(str(total))))
            elif kind == "stored":
                self.post_message(self.Stored(int(str(value))))
            elif kind == "failed":
                self.post_message(self.Failed(str(value)))
            else:
                self.post_message(self.Finished(value if isinstance(value, Summary) else None))

    def on_unmount(self) -> None:
        """The app is ending: an update still running stops (the store keeps what it wrote)."""
        if self._process is not None:
            self._process.stop()

    def on_feed_update_progressed(self, event: Progressed) -> None:
        event.stop()
        bar = self.query_one(ProgressBar)
        bar.update(total=event.total or None, progress=event.done)
        self.query_one(Label).update(f"Updating feeds · {event.done} of {event.total}")

    def on_feed_update_finished(self, event: Finished) -> None:
        self.running = False
        self.remove_class("-running")
