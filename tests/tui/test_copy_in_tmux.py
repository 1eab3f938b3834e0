"""`y` inside tmux with its default `set-clipboard external`: tmux drops the app's OSC 52, so the
text goes to tmux's paste buffer and the message says the system clipboard cannot be confirmed,
and how to enable it."""

from __future__ import annotations

import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.tui.test_tmux_e2e import TITLE, Tmux, visual

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it)")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):  # no clipboard command to fall back on
        session.env.pop(name, None)
    yield session
    session.kill()


def test_y_inside_tmux_says_the_copy_went_to_tmux_and_how_to_reach_the_clipboard(tmux: Tmux) -> None:
    reader = Path(sys.executable).with_name("reader")
    tmux.start(f"cd {ROOT} && {reader} {SEED}; sleep 60")
    tmux.wait_for(visual(TITLE))
    assert tmux.run("show-options", "-gv", "set-clipboard").strip() == "external"
    time.sleep(0.5)
    tmux.keys("y")
    screen = tmux.wait_for("Copied section 1")
    toast = [line.rsplit("▌", 1)[1] for line in screen.splitlines() if "▌" in line]  # right of its border
    message = re.sub(r"\s+", " ", " ".join(toast))
    assert "tmux's paste buffer" in message
    assert "cannot be confirmed" in message and "set -g set-clipboard on" in message
    assert tmux.run("show-buffer").startswith(TITLE)
