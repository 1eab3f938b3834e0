"""run_app: the bidi mode is announced to the terminal and restored, and config errors stop it early."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.bidi_mode import EXPLICIT_MODE, IMPLICIT_MODE
from reader.errors import ConfigError
from reader.tui import app as app_module
from reader.tui.options import AppOptions
from tests.tui.conftest import SEED


def run_capturing_terminal(monkeypatch: pytest.MonkeyPatch, options: AppOptions) -> tuple[str, list[object]]:
    terminal = io.StringIO()
    ran: list[object] = []

    def fake_run(self: app_module.ReaderApp) -> int:
        ran.append(self)
        terminal.write("<app>")
        return 0

    monkeypatch.setattr(sys, "__stdout__", terminal)
    monkeypatch.setattr(app_module.ReaderApp, "run", fake_run)
    assert app_module.run_app([str(SEED)], options=options) == 0
    return terminal.getvalue(), ran


def test_app_mode_switches_the_terminal_to_explicit_bidi_and_back(monkeypatch: pytest.MonkeyPatch) -> None:
    written, ran = run_capturing_terminal(monkeypatch, AppOptions(bidi="app"))
    assert written == f"{EXPLICIT_MODE}<app>{IMPLICIT_MODE}"
    assert ran[0].shaping.mode.value == "app"


def test_terminal_mode_leaves_the_terminal_alone_and_passes_logical_text(monkeypatch: pytest.MonkeyPatch) -> None:
    written, ran = run_capturing_terminal(monkeypatch, AppOptions(bidi="terminal"))
    assert written == "\x1b[?2501h<app>\x1b[?2501l", "VTE is asked to take each paragraph's direction from its text"
    assert ran[0].shaping.mode.value == "terminal"


def test_a_bad_config_stops_before_the_app_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "config.toml").write_text('sidebar = "up"\n', encoding="utf-8")
    monkeypatch.setattr(app_module.ReaderApp, "run", lambda self: pytest.fail("the app must not start"))
    with pytest.raises(ConfigError, match=r"config\.toml:1: sidebar: must be one of"):
        app_module.run_app([str(SEED)], options=AppOptions())
