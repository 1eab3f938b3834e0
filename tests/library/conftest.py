"""A library in a temporary folder, and a way to write article files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library


@pytest.fixture
def library() -> Iterator[Library]:
    with Library() as opened:
        yield opened


def write_article(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    path = folder / name
    path.write_text("\n\n".join([title, *paragraphs]) + "\n", encoding="utf-8")
    return path
