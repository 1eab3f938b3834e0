"""What the command line asks of the app; anything left as None comes from the config file."""

from __future__ import annotations

from dataclasses import dataclass

from reader.types import BidiChoice, Harakat, Sidebar, ThemeName


@dataclass(frozen=True, slots=True)
class AppOptions:
    """Command-line choices for the reading app.

    None means "not given": the config file's value, or its default, is used. cli.py fills this
    from argparse; `reader.tui.app.run_app` merges it with the config file. (`--ner` needs no
    field: cli.py selects the recogniser for the whole process.)
    """

    theme: ThemeName | None = None
    bidi: BidiChoice | None = None
    sidebar: Sidebar | None = None
    max_width: int | None = None
    harakat: Harakat | None = None
    encoding: str | None = None
    max_size: int | None = None
    show_controls: bool = False
    follow_links: bool = False
