"""Reading positions: kept across runs, written atomically and privately, never fatal when corrupt."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from reader.state import Position, ReadingState, state_dir


def test_positions_survive_a_new_process(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    ReadingState(path).set("/articles/a.txt", Position(12, 340))
    assert ReadingState(path).get("/articles/a.txt") == Position(12, 340)
    assert ReadingState(path).get("/articles/other.txt") is None


def test_state_file_is_private_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "positions.json"
    ReadingState(path).set("a", Position(1, 2))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["positions.json"]


@pytest.mark.parametrize("content", ["{not json", '["a list"]', '{"a": {"row": "x", "offset": 1}}', "\xff\xfe"])
def test_a_corrupt_state_file_is_set_aside_with_a_warning(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "positions.json"
    path.write_bytes(content.encode("latin-1"))
    state = ReadingState(path)
    assert state.get("a") is None
    warning = capsys.readouterr().err
    assert "warning" in warning and "starting afresh" in warning
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("positions.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content.encode("latin-1")
    state.set("a", Position(3, 4))
    assert ReadingState(path).get("a") == Position(3, 4)


def test_state_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    assert state_dir() == tmp_path


def test_a_state_folder_that_cannot_be_written_is_remembered_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    state = ReadingState(blocker / "positions.json")
    state.set("a", Position(1, 2))
    assert isinstance(state.write_error, OSError)
    assert state.get("a") == Position(1, 2)
