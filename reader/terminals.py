"""Answers saved per terminal: which bidi output reads right in it, and whether it draws harakat.

`reader --bidi-test` (or the first start in a terminal `auto` cannot name) asks once and writes
the answer to `terminals.toml` beside `config.toml`, one table per terminal, so the next start
in the same terminal uses it. A terminal is named by the variables that identify it: TERM_PROGRAM,
else the variable a terminal sets for itself (KONSOLE_VERSION, VTE_VERSION, ...), else TERM.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reader.bidi_mode import Output
from reader.config import config_dir
from reader.errors import ConfigError
from reader.types import HARAKAT, Harakat

# Variables that name a terminal (or a multiplexer in front of it), in the order they are trusted.
_NAMING_VARIABLES = (
    "KONSOLE_VERSION",
    "VTE_VERSION",
    "MLTERM",
    "KITTY_WINDOW_ID",
    "XTERM_VERSION",
    "ALACRITTY_WINDOW_ID",
    "WEZTERM_PANE",
    "WT_SESSION",
    "TMUX",
)
_SAFE_KEY = re.compile(r"[^A-Za-z0-9_.=+-]")


@dataclass(frozen=True, slots=True)
class TerminalAnswer:
    """What was found to read right in one terminal."""

    bidi: Output
    harakat: Harakat = "keep"  # "strip" where the terminal draws marks off their letters, or not at all


def terminal_key(environ: Mapping[str, str]) -> str:
    """The name answers are saved under: `TERM_PROGRAM=…`, a naming variable, or `TERM=…`.

    A naming variable stands by its name alone (its value is a version or a window id), with the
    TERM beside it, so a Konsole answer holds for every Konsole window; qterminal, which names
    itself nowhere, shares its key with other terminals that set only TERM.
    """
    term = environ.get("TERM", "") or "unknown"
    program = environ.get("TERM_PROGRAM", "")
    if program:
        key = f"TERM_PROGRAM={program}"
    else:
        named = next((name for name in _NAMING_VARIABLES if environ.get(name)), None)
        key = f"{named} TERM={term}" if named else f"TERM={term}"
    return _SAFE_KEY.sub("_", key.replace(" ", "+"))


def answers_path() -> Path:
    return config_dir() / "terminals.toml"


def load_answers(path: Path | None = None) -> dict[str, TerminalAnswer]:
    """Every saved answer; none when the file does not exist. A bad file is one error naming it."""
    path = path or answers_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read saved terminal answers: {error}") from None
    answers = {}
    for key, table in data.items():
        bidi = table.get("bidi") if isinstance(table, dict) else None
        harakat = table.get("harakat", "keep") if isinstance(table, dict) else None
        if bidi not in {output.value for output in Output} or harakat not in HARAKAT:
            raise ConfigError(
                f'{path}: [{key}]: needs bidi = "app", "terminal", "kitty" or "konsole" and harakat = "keep" or "strip"'
            )
        answers[key] = TerminalAnswer(Output(bidi), harakat)
    return answers


def saved_answer(environ: Mapping[str, str], path: Path | None = None) -> TerminalAnswer | None:
    return load_answers(path).get(terminal_key(environ))


def save_answer(key: str, answer: TerminalAnswer, path: Path | None = None) -> Path:
    """Write `answer` under `key`, keeping the other terminals' answers; the file is replaced whole,
    by a rename, so a crash leaves the old one."""
    path = path or answers_path()
    answers = load_answers(path)
    answers[key] = answer
    lines = ["# Written by reader --bidi-test: what reads right in each terminal (see reader's README).\n"]
    for name, saved in sorted(answers.items()):
        lines.append(f'\n["{name}"]\nbidi = "{saved.bidi.value}"\nharakat = "{saved.harakat}"\n')
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text("".join(lines), encoding="utf-8")
    os.replace(partial, path)
    return path
