"""Where `y` puts the text besides OSC 52: a clipboard command for the display in use, else tmux."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.tui.clipboard import TMUX_HINT, clipboard_command, copy_text


def fake_command(folder: Path, name: str, status: int = 0) -> Path:
    """A stand-in for `name` that stores what it reads in name.out and exits with `status`
    (the last of its runs: tmux is asked for its setting first, then given the text)."""
    script = folder / name
    script.write_text(f'#!/bin/sh\ncat > "{folder / name}.out"\nexit {status}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder / f"{name}.out"


def test_the_command_follows_the_display_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("xclip", "xsel", "wl-copy", "pbcopy"):
        fake_command(tmp_path, name)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert clipboard_command({}) is None  # no display: nothing to hand the text to
    assert clipboard_command({"DISPLAY": ":0"}) == ["xclip", "-selection", "clipboard"]
    assert clipboard_command({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == ["wl-copy"]
    assert clipboard_command({}, platform="darwin") == ["pbcopy"]
    (tmp_path / "xclip").unlink()
    assert clipboard_command({"DISPLAY": ":0"}) == ["xsel", "--clipboard", "--input"]


def test_a_command_that_works_confirms_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = fake_command(tmp_path, "xclip")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    result = copy_text("نص منسوخ", {"DISPLAY": ":0"})
    assert result.where == "the clipboard (xclip)" and not result.hint
    assert out.read_text(encoding="utf-8") == "نص منسوخ"


def test_a_failing_command_inside_tmux_falls_back_to_tmux_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_command(tmp_path, "xclip", status=1)
    buffer = fake_command(tmp_path, "tmux")  # load-buffer reads the text; show-options says nothing
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    result = copy_text("نص", {"DISPLAY": ":0", "TMUX": "/tmp/tmux-0/default,1,0"})
    assert result.where.startswith("tmux's paste buffer") and result.hint == TMUX_HINT
    assert buffer.read_text(encoding="utf-8") == "نص"
