"""A terminal that reorders by itself (mlterm, Konsole) gets logical text and one column of it, no scrollbar."""

from __future__ import annotations

import re

from textual.pilot import Pilot

from reader.config import Config
from reader.layout import BidiMode
from reader.tui.app import ReaderApp, load_article
from reader.tui.options import AppOptions
from reader.tui.shaped import Shaping
from reader.tui.widgets.article_view import ArticleView
from tests.tui.conftest import SEED, drive
from tests.tui.screen_text import screen_text

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def terminal_app(settings: Config) -> ReaderApp:
    return ReaderApp(load_article(str(SEED), AppOptions()), settings=settings, shaping=Shaping(mode=BidiMode.TERMINAL))


def test_terminal_mode_shows_logical_text_without_side_panes() -> None:
    app = terminal_app(Config())

    async def scenario(pilot: Pilot) -> None:
        assert not app.screen.query_one("#sidebar").display
        # nor a scrollbar, which the terminal would move to the start of each Arabic row
        assert app.screen.query_one(ArticleView).scrollbar_size_vertical == 0
        text = screen_text(app)
        assert "في إطار تأكيد جديد" in text and not PRESENTATION_FORMS.search(text)
        await pilot.press("s")
        assert app.screen.query_one("#sidebar").display

    drive(app, scenario)


def test_terminal_mode_keeps_panes_a_user_placed() -> None:
    app = terminal_app(Config(sidebar="left"))

    async def scenario(pilot: Pilot) -> None:
        assert app.screen.query_one("#sidebar").display

    drive(app, scenario)
