"""End to end: feeds in the installed `reader`, in tmux, against a feed on 127.0.0.1, read as a
person would: an OPML imported and updated, the whole library (`reader` alone) shows the entries
shaped, one opens, and `r` picks up an entry the feed gained meanwhile."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import run_reader
from tests.tmux import Tmux
from tests.tui.test_tmux_e2e import visual

from .feeds import item, rss2
from .server import page, serve

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it)")
FEED_TITLE = "أخبار الصباح"


def test_opml_update_library_open_and_r_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    reader = Path(sys.executable).with_name("reader")
    with serve({}) as server:
        base = server.url("")

        def feed(*numbers: int) -> None:
            server.routes["/feed.xml"] = page(rss2(FEED_TITLE, [item(n, base) for n in numbers]), "application/rss+xml")

        feed(1, 2)
        opml = tmp_path / "feeds.opml"
        opml.write_text(
            '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>t</title></head><body>'
            f'<outline type="rss" text="{FEED_TITLE}" xmlUrl="{server.url("/feed.xml")}"/></body></opml>',
            encoding="utf-8",
        )
        assert run_reader("feed", "import", str(opml)).returncode == 0
        updated = run_reader("update")
        assert updated.returncode == 0, updated.stderr
        tmux.start(f"{reader}; sleep 60")
        tmux.wait_for(visual(FEED_TITLE), timeout=30)  # the group pane names the feed
        screen = tmux.wait_for(visual("خبر رقم 2"), timeout=15)
        assert visual("خبر رقم 1") in screen, "both entries, shaped and right to left"
        tmux.keys("Enter")  # the first row: entry 1
        tmux.wait_for(visual("أعلنت وزارة الصحة"), timeout=30)
        tmux.keys("q")
        tmux.wait_for(visual("خبر رقم 2"), timeout=15)
        feed(1, 2, 3)
        tmux.keys("r")
        screen = tmux.wait_for(visual("خبر رقم 3"), timeout=60)
        assert visual("خبر رقم 1") in screen and visual("خبر رقم 2") in screen
