"""Where the reader left each article, kept across runs in the platform's state folder.

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

import platformdirs

_MAX_ARTICLES = 500  # oldest positions are forgotten beyond this


@dataclass(frozen=True, slots=True)
class Position:
    """The top line of the screen: a paragraph of the article and a character offset into it."""

    row: int
    offset: int


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
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except RecursionError:  # `[` x 200,000: json nests as deep as the file does
            self._set_aside(ValueError("nested too deep"))
            return
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            self._set_aside(error)
            return
        if not isinstance(data, dict) or not all(_valid(entry) for entry in data.values()):
            self._set_aside(ValueError("unexpected contents"))
            return
        self._positions = data

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


def _valid(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("row"), int) and isinstance(entry.get("offset"), int)
