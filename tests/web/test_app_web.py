"""The app with an article from the web: its byline (site, date, link) and `o` to open the link."""

from __future__ import annotations

import webbrowser

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.tui.app import ReaderApp, load_article
from reader.tui.options import AppOptions
from tests.tui.conftest import SEED, drive
from tests.tui.screen_text import screen_text

from .server import page, serve

ARTICLE = (
    "<html lang='ar'><head><meta property='og:site_name' content='الموقع الإخباري'>"
    "<meta property='article:published_time' content='2024-05-12T09:30:00+03:00'></head><body><article>"
    "<h1>افتتاح مستشفى جديد</h1><p>أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم مئتي سرير.</p>"
    "</article></body></html>"
)


def app_for(path: str) -> ReaderApp:
    return ReaderApp(load_article(path, AppOptions()), settings=Config())


def test_a_page_shows_its_site_date_and_link_and_o_opens_it(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: opened.append(url) or True)
    with serve({"/news/1": page(ARTICLE.encode())}) as server:
        url = server.url("/news/1")
        app = app_for(url)

    async def scenario(pilot: Pilot) -> None:
        text = screen_text(pilot.app)
        assert url in text and "05" in text and "2024" in text  # the date, as bidi orders it (FriBidi: 12-05-2024)
        await pilot.press("o")
        await pilot.pause()

    drive(app, scenario)
    assert opened == [url]


def test_o_on_a_file_opens_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: opened.append(url) or True)

    async def scenario(pilot: Pilot) -> None:
        assert "·" not in screen_text(pilot.app).splitlines()[0]
        await pilot.press("o")
        await pilot.pause()

    drive(app_for(str(SEED)), scenario)
    assert opened == []
