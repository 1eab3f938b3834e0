"""End to end: the installed `reader URL` in tmux against a page on 127.0.0.1, read as a person would:
the article shaped under its byline, none of the page around it, and `o` handing the link to $BROWSER."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.tui.test_tmux_e2e import Tmux, visual

from .server import page, serve

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it)")
PAGES = Path(__file__).resolve().parent.parent / "pages"
TITLE = "ناسا تؤجل إطلاق مهمتها المأهولة إلى القمر"


def test_reader_url_in_tmux_shows_the_article_only_and_o_opens_its_link(tmp_path: Path) -> None:
    reader = Path(sys.executable).with_name("reader")
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(0o755)
    tmux = Tmux(tmp_path)
    tmux.env["BROWSER"] = str(browser)
    tmux.env["READER_DATA_DIR"] = str(tmp_path / "data")
    try:
        with serve({"/cnn/nasa": page((PAGES / "cnn.html").read_bytes())}) as server:
            url = server.url("/cnn/nasa")
            tmux.start(f"{reader} {url}; sleep 60")
            screen = tmux.wait_for(visual(TITLE), timeout=30)
            lines = screen.splitlines()
            assert url in lines[0], "the byline names the page"
            for page_only in ("RSS", "Cable News Network", visual("إرسال بالبريد الإلكتروني"), visual("حقوق النشر")):
                assert page_only not in screen
            time.sleep(0.5)
            tmux.keys("o")
            deadline = time.monotonic() + 15
            while not opened.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert opened.read_text().strip() == url
            tmux.wait_for(visual(TITLE))  # the app is back after the browser
    finally:
        tmux.kill()
