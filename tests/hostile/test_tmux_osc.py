"""In a real terminal: an article holding OSC 52 and a clear-screen sequence is paged through.

tmux is told to accept clipboard writes from applications (`set-clipboard on`), so a leaked OSC 52
would land in its paste buffer. The `y` key, which copies a section on purpose through OSC 52,
shows that the buffer does fill when the app means it to.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.tui.test_tmux_e2e import Tmux, visual

PAYLOAD = "aGFja2VkIGNsaXBib2FyZA=="  # "hacked clipboard"
TITLE = "مقال يحمل تسلسلات تحكم"
FIRST = "هذه الفقرة الأولى من المقال وفيها كلام عادي طويل بما يكفي ليكون فقرة كاملة في النص."


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


def test_osc52_and_clear_screen_in_an_article_do_nothing_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    paragraphs = [FIRST, f"نسخ إلى الحافظة\x1b]52;c;{PAYLOAD}\x07 ومسح للشاشة\x1b[2J\x1b[H هنا."]
    paragraphs += [f"فقرة رقم {n} تكمل المقال حتى يحتاج القارئ إلى تقليب الصفحات." for n in range(60)]
    article = tmp_path / "hostile.txt"
    article.write_text(TITLE + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    reader = Path(sys.executable).with_name("reader")
    # The app waits a second so that tmux takes clipboard writes before anything is drawn.
    tmux.start(f"sleep 1; cd {ROOT} && {reader} {article}; sleep 60")
    tmux.run("set-option", "-g", "set-clipboard", "on")
    tmux.wait_for(visual(TITLE))
    for key in ("PageDown", "PageDown", "End", "Home"):
        tmux.keys(key)
        time.sleep(0.3)
    screen = tmux.wait_for(visual(TITLE))
    assert visual("هذه الفقرة الأولى") in screen, "the pane still shows the article"
    buffers = tmux.run("list-buffers", "-F", "#{buffer_sample}")
    assert PAYLOAD not in buffers and "hacked" not in buffers

    tmux.keys("y")  # the app's own copy: the same channel, used on purpose
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not tmux.run("list-buffers"):
        time.sleep(0.1)
    copied = tmux.run("show-buffer")
    assert copied.startswith(TITLE) and FIRST in copied
    assert PAYLOAD not in copied
