"""A private tmux server for the end-to-end tests, and the `tmux` fixture (in tests/conftest.py).

tmux does no bidi, like xterm: what `capture-pane` shows is what a person sees there.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


class Tmux:
    """A private tmux server (its own socket) running one session."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"reader-test-{os.getpid()}-{tmp_path.name}"  # a server per test
        self.env = {
            **os.environ,
            "TERM": "xterm-256color",
            "READER_CONFIG_DIR": str(tmp_path / "config"),
            "READER_STATE_DIR": str(tmp_path / "state"),
            "READER_BIDI": "app",
        }

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], check=False, capture_output=True, text=True, env=self.env, timeout=20
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self, command: str) -> None:
        args = ["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40"]
        for _ in range(20):
            result = subprocess.run(
                [*args, "-s", "e2e", command], check=False, capture_output=True, text=True, env=self.env, timeout=20
            )
            # A server whose last session was just killed exits on its own; the next start retries.
            if "server exited unexpectedly" not in result.stderr:
                break
            time.sleep(0.1)
        assert result.returncode == 0, result.stderr

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "e2e", *(["-l"] if literal else []), *keys)

    def screen(self, styles: bool = False) -> str:
        return self.run("capture-pane", "-t", "e2e", "-p", *(["-e"] if styles else []))

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """Poll the pane until `text` shows; the pane as last seen otherwise (for the failure)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the pane shows:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False, capture_output=True, timeout=20)
