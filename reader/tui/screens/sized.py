"""Screens that give way to a plain notice when the terminal is too small to read in."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 30
MIN_HEIGHT = 8


class TooSmall(Static):
    """Shown instead of the screen's contents; it is cut, never wrapped, so it fits anything."""


class SizedScreen(Screen[None]):
    """Hides its contents below MIN_WIDTH x MIN_HEIGHT and says why."""

    DEFAULT_CSS = """
    SizedScreen TooSmall {
        display: none;
    }
    SizedScreen.-too-small > * {
        display: none;
    }
    SizedScreen.-too-small > TooSmall {
        display: block;
        width: 100%;
        height: 100%;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $warning;
        text-style: bold;
    }
    """

    def compose(self) -> ComposeResult:
        yield TooSmall(f"Window too small: need {MIN_WIDTH}x{MIN_HEIGHT}", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")
