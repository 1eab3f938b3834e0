"""The user's config file: TOML in the platform's config folder, checked line by line.

A bad value is reported once, naming the file and the line, because a user who edits a config by
hand needs to know where to look; the rest of the program only ever sees a valid `Config`.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import platformdirs

from reader.errors import ConfigError
from reader.types import (
    BIDI_CHOICES,
    ENTITY_KINDS,
    ENTITY_TYPES,
    HARAKAT,
    SIDEBARS,
    THEME_NAMES,
    BidiChoice,
    Harakat,
    Sidebar,
    ThemeName,
)

DEFAULT_COLORS: dict[str, str] = {kind: info.color for kind, info in ENTITY_KINDS.items()}
_Choice = TypeVar("_Choice", bound=str)
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, slots=True)
class Config:
    theme: ThemeName = "dark"
    bidi: BidiChoice | None = None  # None: READER_BIDI, else a guess from the terminal
    sidebar: Sidebar = "auto"
    max_width: int = 100
    harakat: Harakat = "keep"
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. "j,down"
    colors: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    path: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)  # "keys.scroll.down" -> line, for errors

    def where(self, name: str) -> str:
        """`path:line` of a setting, for error messages about it."""
        return f"{self.path}:{self.lines.get(name, 1)}"


def config_dir() -> Path:
    """READER_CONFIG_DIR wins so tests and sandboxes never touch the real home."""
    override = os.environ.get("READER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("reader"))


def config_path() -> Path:
    return config_dir() / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The config at `path` (default: the platform's), or the defaults when there is none."""
    path = path or config_path()
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None
    return parse_config(source, path)


def parse_config(source: str, path: Path) -> Config:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = re.search(r"at line (\d+)", message)
        where = f"{path}:{line.group(1)}" if line else str(path)
        problem = re.sub(r" \(at line.*", "", message)
        raise ConfigError(f"{where}: bad TOML: {problem}") from None
    lines = _setting_lines(source)
    settings = Config(path=path, lines=lines)

    def fail(name: str, problem: str) -> ConfigError:
        return ConfigError(f"{settings.where(name)}: {name}: {problem}")

    def choice(name: str, allowed: tuple[_Choice, ...]) -> _Choice | None:
        """The setting's value, one of `allowed`; None when the file does not set it."""
        if name not in data:
            return None
        value = data.pop(name)
        for known in allowed:
            if value == known:
                return known
        raise fail(name, f"must be one of {', '.join(allowed)}, not {value!r}")

    theme = choice("theme", THEME_NAMES) or "dark"
    bidi = choice("bidi", BIDI_CHOICES)
    sidebar = choice("sidebar", SIDEBARS) or "auto"
    harakat = choice("harakat", HARAKAT) or "keep"
    max_width = data.pop("max_width", 100)
    if isinstance(max_width, bool) or not isinstance(max_width, int) or not 20 <= max_width <= 1000:
        raise fail("max_width", f"must be a whole number of cells from 20 to 1000, not {max_width!r}")
    keys = data.pop("keys", {})
    if not isinstance(keys, dict):
        raise fail("keys", 'must be a table of binding id = "keys"')
    for binding_id, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise fail(f"keys.{binding_id}", f'must be a string of keys such as "j,down", not {value!r}')
    colors = data.pop("colors", {})
    if not isinstance(colors, dict):
        raise fail("colors", 'must be a table of entity type = "#rrggbb"')
    for entity_type, value in colors.items():
        if entity_type not in ENTITY_TYPES:
            raise fail(f"colors.{entity_type}", f"unknown entity type; use {', '.join(ENTITY_TYPES)}")
        if not isinstance(value, str) or not _HEX_COLOR.fullmatch(value):
            raise fail(f"colors.{entity_type}", f'must be a colour like "#d7005f", not {value!r}')
    for unknown in data:
        raise fail(unknown, "unknown setting")
    return Config(
        theme=theme,
        bidi=bidi,
        sidebar=sidebar,
        max_width=max_width,
        harakat=harakat,
        keys=dict(keys),
        colors={**DEFAULT_COLORS, **colors},
        path=path,
        lines=lines,
    )


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\"]+)\s*\]")
_KEY = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.\-]+)\s*=")


def _setting_lines(source: str) -> dict[str, int]:
    """Where each setting is written, as dotted names, so errors can name the line."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(source.splitlines(), start=1):
        if match := _TABLE.match(line):
            table = match.group(1).strip('"')
            lines.setdefault(table, number)
        elif match := _KEY.match(line):
            key = match.group(1).strip("\"'")
            lines.setdefault(f"{table}.{key}" if table else key, number)
    return lines
