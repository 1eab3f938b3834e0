"""A state file nested 200,000 deep is set aside, and the warning is seen after the app (issue 15, item 4).

Positions live in the library now, which imports the old file once: a file nested that deep is
left as it is, the library is made all the same, and the warning is the last line after the app.
The file itself is still read and set aside where it keeps positions (when the library cannot open).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.library import Library
from reader.state import Position, ReadingState
from reader.tui import app as app_module
from reader.tui.options import AppOptions
from tests.tui.conftest import SEED

DEEP = "[" * 200_000 + "]" * 200_000


def test_a_deeply_nested_state_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    path.write_text(DEEP, encoding="utf-8")
    state = ReadingState(path)
    assert state.get("a") is None
    assert state.warning is not None and "nested too deep" in state.warning
    assert [p.read_text(encoding="utf-8") == DEEP for p in tmp_path.glob("positions.json.corrupt-*")] == [True]
    state.set("a", Position(1, 2))
    assert ReadingState(path).get("a") == Position(1, 2)


def test_the_warning_is_said_again_once_the_app_has_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "positions.json").write_text(DEEP, encoding="utf-8")

    def fake_run(self: app_module.ReaderApp) -> int:
        assert self.positions.get("x") is None  # the app reads a position while it owns the screen
        self.positions.set("x", Position(3, 4))
        return 0

    monkeypatch.setattr(sys, "__stdout__", io.StringIO())
    monkeypatch.setattr(app_module.ReaderApp, "run", fake_run)
    assert app_module.run_app([str(SEED)], options=AppOptions(bidi="terminal")) == 0
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("reader: warning: reading positions in ") and "nested too deep" in last
    assert (tmp_path / "positions.json").read_text(encoding="utf-8") == DEEP, "the old file is left as it was"
    assert Library().position("x") == (3, 4), "positions are kept in the library all the same"
