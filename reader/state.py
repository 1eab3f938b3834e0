"""Where the reader left each article: the state file of earlier versions.

Reading positions live in the library now (`Library.position`), which imports this file once
when it is created. The file is still where positions are kept when the library cannot be
opened (damaged, or written by a newer reader), so that reading one file never depends on it.
The file is rewritten atomically with owner-only permissions; a corrupt file is set aside with a
warning rather than stopping anyone from reading.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import platformdirs

_MAX_ARTICLES = 500  # oldest positions are forgotten beyond this


@dataclass(frozen=True, slots=True)
class Position:
    """The top line of the screen: a paragraph of the article and a character offset into it."""

    row: int
    offset: int


class Positions(Protocol):
    """Where reading positions are kept: the library (by source), or this state file without one."""

    def get(self, key: str) -> Position | None: ...

    def set(self, key: str, position: Position) -> None: ...


def state_dir() -> Path:
    """READER_STATE_DIR wins so tests never write into the real home."""
    override = os.environ.get("READER_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir("reader"))


class ReadingState:
    """Reading positions by article key (an absolute path, or a digest for standard input)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_dir() / "positions.json"
        self._positions: dict[str, dict[str, float]] = {}
        self._loaded = False
        self.write_error: OSError | None = None  # the last failure to save, for a warning at exit
        self.warning: str | None = None  # a corrupt file set aside: said again at exit, the app hid it

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            self._positions = load_positions(self.path)
        except UnreadableState as error:
            self._set_aside(error)

    def _set_aside(self, error: Exception) -> None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            os.replace(self.path, aside)
        except OSError:
            aside = self.path
        self.warning = (
            f"reading positions in {self.path} are unreadable ({error}); starting afresh, old file kept as {aside}"
        )
        print(f"reader: warning: {self.warning}", file=sys.stderr)

    def get(self, key: str) -> Position | None:
        self._load()
        entry = self._positions.get(key)
        return Position(int(entry["row"]), int(entry["offset"])) if entry else None

    def set(self, key: str, position: Position) -> None:
        self._load()
        self._positions.pop(key, None)
        self._positions[key] = {"row": position.row, "offset": position.offset, "time": time.time()}
        while len(self._positions) > _MAX_ARTICLES:
            self._positions.pop(next(iter(self._positions)))
        try:
            self._save()
        except OSError as error:  # a read-only or full disk must not stop anyone reading
            self.write_error = error

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".positions-")
        try:
            os.fchmod(descriptor, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                json.dump(self._positions, file, ensure_ascii=False)
            os.replace(temporary, self.path)
        except BaseException:
            os.unlink(temporary)
            raise


class UnreadableState(ValueError):
    """A state file that is not the positions reader wrote: its one-line reason."""


def load_positions(path: Path, *, skip_invalid: bool = False) -> dict[str, dict[str, float]]:
    """The positions kept in `path` (none if there is no such file), or `UnreadableState`; an
    entry that is not a position makes the whole file unreadable unless `skip_invalid`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except RecursionError:  # `[` x 200,000: json nests as deep as the file does
        raise UnreadableState("nested too deep") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableState(str(error)) from None
    if not isinstance(data, dict):
        raise UnreadableState("unexpected contents")
    valid = {key: entry for key, entry in data.items() if isinstance(key, str) and _valid(entry)}
    if len(valid) < len(data) and not skip_invalid:
        raise UnreadableState("unexpected contents")
    return valid


def _valid(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("row"), int) and isinstance(entry.get("offset"), int)
