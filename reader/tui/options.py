"""What the command line asks of the app; anything left as None comes from the config file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AppOptions:
    """Command-line choices for the reading app.

    None means "not given": the config file's value, or its default, is used. cli.py fills this
    from argparse; `reader.tui.app.run_app` merges it with the config file. (`--ner` needs no
    field: cli.py selects the recogniser for the whole process.)
    """

    theme: str | None = None  # "dark" | "light"
    bidi: str | None = None  # "auto" | "app" | "terminal"
    sidebar: str | None = None  # "auto" | "left" | "right"
    max_width: int | None = None
    harakat: str | None = None  # "keep" | "strip"
    encoding: str | None = None
    max_size: int | None = None
    show_controls: bool = False
