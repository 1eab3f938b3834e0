"""A terminal that reorders by itself (mlterm, Konsole) gets logical text and one column of it, no scrollbar."""

from __future__ import annotations

import re
import unicodedata

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.layout import BidiMode
from reader.tui.app import ReaderApp, load_article
from reader.tui.options import AppOptions
from reader.tui.shaped import Shaping
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_list import EntityList
from tests.fribidi import load
from tests.tui.conftest import SEED, drive
from tests.tui.screen_text import screen_text

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
LAM_ALEF = re.compile("ل[\u064b-\u065f\u0670]*[آأإا]")


def terminal_app(settings: Config) -> ReaderApp:
    return ReaderApp(load_article(str(SEED), AppOptions()), settings=settings, shaping=Shaping(mode=BidiMode.TERMINAL))


def test_terminal_mode_shows_logical_text_without_side_panes() -> None:
    app = terminal_app(Config())

    async def scenario(pilot: Pilot) -> None:
        assert not app.screen.query_one("#sidebar").display
        # nor a scrollbar, which the terminal would move to the start of each Arabic row
        assert app.screen.query_one(ArticleView).scrollbar_size_vertical == 0
        text = screen_text(app)
        assert "في إطار تأكيد جديد" in text
        shaped = [word for word in text.split() if PRESENTATION_FORMS.search(word)]
        assert shaped and all(LAM_ALEF.search(unicodedata.normalize("NFKC", word)) for word in shaped), (
            "only words with lam-alef are shaped: the terminal would draw their lam-alef in one cell, Rich in two"
        )
        assert "العلاقات" in unicodedata.normalize("NFKC", text)
        await pilot.press("s")
        assert app.screen.query_one("#sidebar").display
        assert app.screen.query_one("#sidebar").has_class("-left"), "each row starts with a pane's LRM"

    drive(app, scenario)


def test_terminal_mode_keeps_panes_a_user_placed() -> None:
    app = terminal_app(Config(sidebar="left"))

    async def scenario(pilot: Pilot) -> None:
        assert app.screen.query_one("#sidebar").display

    drive(app, scenario)


def test_terminal_mode_entity_counts_stay_right_of_their_names_when_the_row_is_reordered() -> None:
    """mlterm reorders each row as one paragraph (left to right: the row starts with an LRM). GNU
    FriBidi stands in for it: the count must come out after the name, as `×3`, not drawn into it."""
    fribidi = load()
    if fribidi is None:
        pytest.skip("needs libfribidi (make test installs libfribidi-bin)")
    app = terminal_app(Config(sidebar="left"))

    async def scenario(pilot: Pilot) -> None:
        entities = app.screen.query_one(EntityList)
        rows = [entities.get_option_at_index(index).prompt for index in range(entities.option_count)]
        named = [str(getattr(row, "plain", row)) for row in rows if "×" in str(getattr(row, "plain", row))]
        assert named
        for row in named:
            shown = fribidi.display_lines(row, [(0, len(row))], False)[0]
            assert re.search(
                r"[\u0600-\u06ff\ufb50-\ufeff] ×\d+$", shown.replace("\u200e", "").replace("\u200f", "")
            ), shown

    drive(app, scenario)
