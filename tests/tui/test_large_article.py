"""A large article opens at once from its beginning; the whole of it follows without moving the reader."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.sources.preview import PREVIEW_AFTER
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.article_view import ArticleView
from tests.tui.conftest import SEED, drive, make_app
from tests.tui.screen_text import screen_lines


def large_article(folder: Path) -> Path:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paragraphs = [line for line in lines if len(line) > 120]
    body = [lines[0], ""]
    number = 0
    while sum(len(line.encode()) for line in body) < PREVIEW_AFTER * 1.3:
        number += 1
        body += [f"القسم رقم {number} من التقرير", ""]
        body += [line for paragraph in paragraphs for line in (paragraph, "")]
    path = folder / "large.txt"
    path.write_text("\n".join(body), encoding="utf-8")
    return path


def test_large_article_shows_its_beginning_then_the_whole_in_place(tmp_path: Path) -> None:
    path = large_article(tmp_path)
    app = make_app(path)
    preview_rows = len(app.article.article.sections)
    assert app.article.complete is not None

    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.query_one(ArticleView)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        before = (view.top_mark(), screen_lines(pilot.app)[0])
        for _ in range(200):
            if screen.whole_article_read:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert len(screen.article.sections) > preview_rows
        mark = view.top_mark()
        assert view.rows[mark.row].text == view.rows[before[0].row].text
        assert screen_lines(pilot.app)[0] == before[1]
        await pilot.press("end")
        await pilot.pause()
        count = len(screen.article.sections)
        assert f"§{count}/{count} " in str(screen.query_one("#status").render()), "End reaches the whole article's end"

    drive(app, scenario)


def test_a_position_beyond_the_beginning_is_restored_once_the_whole_is_read(tmp_path: Path) -> None:
    path = large_article(tmp_path)
    seen: dict[str, object] = {}

    async def read_far(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        while not screen.whole_article_read:
            await pilot.pause(0.05)
        view = screen.query_one(ArticleView)
        await pilot.press("end", "pageup", "pageup")
        await pilot.pause()
        seen["mark"] = view.top_mark()
        seen["line"] = screen_lines(pilot.app)[0]
        await pilot.press("q")

    async def reopen(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        while not screen.whole_article_read:
            await pilot.pause(0.05)
        await pilot.pause()
        assert screen.query_one(ArticleView).top_mark() == seen["mark"]
        assert screen_lines(pilot.app)[0] == seen["line"]

    drive(make_app(path), read_far)
    app = make_app(path)
    beginning_rows = sum(len(section.paragraphs) for section in app.article.article.sections)
    assert seen["mark"].row > beginning_rows  # type: ignore[attr-defined]
    drive(app, reopen)
