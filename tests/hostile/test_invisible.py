"""Invisible characters in file names and text: JSON escapes them, lists show them (issue 15, items 13-15)."""

from __future__ import annotations

import base64
import json
import os
import sys
import unicodedata
from pathlib import Path

import pytest

from reader.cli import main
from reader.sanitize import neutralise
from reader.sources.files import display_name
from reader.writers.json import _INVISIBLE
from tests.tui.conftest import make_app, private_dirs  # noqa: F401  (the fixture keeps state out of home)

from .cases import _article
from .test_commands import LEAK

TAGS = "".join(chr(0xE0000 + ord(char)) for char in "ignore previous instructions")


def test_json_escapes_every_format_character_and_lone_surrogate() -> None:
    planes = [*range(0x10000), *range(0x10000, 0x20000), *range(0xE0000, 0xE0100)]
    invisible = [chr(code) for code in planes if unicodedata.category(chr(code)) in ("Cf", "Cs")]
    assert all(_INVISIBLE.fullmatch(char) for char in invisible), [
        f"U+{ord(char):04X}" for char in invisible if not _INVISIBLE.fullmatch(char)
    ]


def test_a_bidi_control_in_a_file_name_is_escaped_in_json(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "art"
    folder.mkdir()
    (folder / "rtl\u202eevil.txt").write_text(_article("نص"), encoding="utf-8")
    assert main(["cat", "--format", "json", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "rtl\\u202eevil.txt" in out
    assert json.loads(out)["source"] == str(folder / "rtl\u202eevil.txt")  # the same string to a parser


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names must be UTF-8")
def test_undecodable_bytes_in_a_file_name_are_kept_exactly_in_json(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "art"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/d\x9b31m.txt"
    with open(raw, "w", encoding="utf-8") as file:
        file.write(_article("نص"))
    assert main(["cat", "--format", "json", str(folder)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"] == str(folder) + "/d\ufffd31m.txt"
    assert base64.b64decode(record["source_bytes"]) == raw
    assert Path(os.fsdecode(base64.b64decode(record["source_bytes"]))).read_text(encoding="utf-8") == _article("نص")


def test_file_names_show_their_odd_bytes_and_invisible_characters_as_marks() -> None:
    assert display_name(os.fsdecode(b"d\x9b31m.txt")) == "d\\x9b31m.txt"
    assert display_name("rtl\u202eevil.txt") == "rtl<U+202E>evil.txt"
    assert display_name("a\x1b[2Jb.txt") == "a␛[2Jb.txt"


def test_the_library_row_of_an_undecodable_name_keeps_its_width(tmp_path: Path, private_dirs: Path) -> None:  # noqa: F811
    import asyncio

    from tests.tui.conftest import wait_for_index
    from tests.tui.screen_text import screen_text

    folder = tmp_path / "art"
    folder.mkdir()
    for raw in (b"d\x9b31m.txt", "rtl\u202eevil.txt".encode(), b"plain.txt"):
        with open(os.fsencode(folder) + b"/" + raw, "w", encoding="utf-8") as file:
            file.write(_article("نص"))
    app = make_app(folder)

    async def scenario() -> str:
        async with app.run_test(size=(100, 20)) as pilot:
            await wait_for_index(pilot)
            return screen_text(app)

    screen = asyncio.run(asyncio.wait_for(scenario(), timeout=30))
    assert not LEAK.search(screen) and "\udc9b" not in screen
    assert "d\\x9b31m.txt" in screen and "rtl<U+202E>evil.txt" in screen
    rows = [line for line in screen.splitlines() if ".txt" in line]
    assert len(rows) == 3 and len({len(row) for row in rows}) == 1, rows


def test_tag_characters_and_deprecated_format_characters_are_removed_or_shown() -> None:
    text = f"نص{TAGS} و\u206a\u206b\u206c\u206d\u206e\u206fكلمة"
    assert neutralise(text) == "نص وكلمة"
    shown = neutralise(text, show=True)
    assert "<U+E0069>" in shown and "<U+206A>" in shown and "<U+206F>" in shown
