"""What a person would see: the app's screen as plain text lines, for assertions."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App


def screen_lines(app: App) -> list[str]:
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False).splitlines()


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))
