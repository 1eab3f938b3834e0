"""Copying text to the system clipboard from a terminal app, and saying honestly whether it worked.

The terminal's clipboard escape (OSC 52) is sent always: most terminals take it, over ssh too,
but none answers, so it cannot be confirmed. Inside tmux it is dropped unless tmux's
`set-clipboard` is `on` (the default, `external`, only lets tmux's own copies through), so there
the text also goes to tmux's paste buffer, and the person is told how to reach the system
clipboard. Where a clipboard command is present for the display in use (wl-copy, xclip, xsel,
pbcopy), it is run too, and its exit status confirms the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

TMUX_HINT = "The system clipboard cannot be confirmed from inside tmux: add `set -g set-clipboard on` to ~/.tmux.conf"


@dataclass(frozen=True, slots=True)
class CopyResult:
    """Where the text went, in words for the person (empty: the terminal, through OSC 52 alone),
    and what to do when the copy cannot be confirmed."""

    where: str = ""
    hint: str = ""


def clipboard_command(environ: Mapping[str, str], platform: str = sys.platform) -> list[str] | None:
    """The clipboard command for the display this process can reach, if one is installed."""
    candidates: list[list[str]] = []
    if platform == "darwin":
        candidates.append(["pbcopy"])
    if environ.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if environ.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    return next((command for command in candidates if shutil.which(command[0])), None)


def copy_text(text: str, environ: Mapping[str, str] = os.environ) -> CopyResult:
    """Put `text` where it can be pasted, besides the OSC 52 the caller sends. It may wait for a
    command for a few seconds: call it off the UI thread."""
    command = clipboard_command(environ)
    if command is not None and _run(command, text):
        return CopyResult(f"the clipboard ({command[0]})")
    if not environ.get("TMUX") or _tmux_clipboard_setting() == "on":
        return CopyResult()  # OSC 52 reaches the terminal (tmux passes it on when set-clipboard is on)
    # tmux drops an application's OSC 52; its own buffer takes the text, and -w hands it on to
    # the terminal when tmux knows how, which nothing here can see
    if _run(["tmux", "load-buffer", "-w", "-"], text):
        return CopyResult("tmux's paste buffer (prefix ] pastes)", TMUX_HINT)
    return CopyResult("", TMUX_HINT)


def _tmux_clipboard_setting() -> str:
    result = _output(["tmux", "show-options", "-gv", "set-clipboard"])
    return result.strip() if result is not None else ""


def _run(command: list[str], text: str) -> bool:
    """Run `command` with `text` on its input; True when it exits 0. Its output is not read: xclip
    stays behind to serve the selection, holding any pipe it was given open."""
    try:
        result = subprocess.run(
            command,
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def _output(command: list[str]) -> str | None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None
