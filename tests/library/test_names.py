"""File names the store must keep exactly: bytes that are not UTF-8, and backslashes.

A name that is not UTF-8 reaches Python with lone surrogates, which SQLite refuses; the store
used to write those bytes as `\\xNN`, so the next run did not know the file (removed and added it
again every time), and a file really named with `\\xNN` in it took the same stored form.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.library import Library, schema
from reader.library.indexer import index_paths
from reader.library.store import DATABASE_NAME, storable, unstored
from tests.library.conftest import write_article

pytestmark = pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names must be UTF-8")

# The raw names, and the title written in each file: the first two once stored as one string
NAMES = {b"a\xff.txt": "بايت غريب", b"a\\xff.txt": "شرطة مائلة", b"a\\\\xff.txt": "شرطتان", b"b\\.txt": "شرطة"}


def odd_folder(folder: Path) -> dict[str, str]:
    """The files of NAMES in `folder`; each one's path as Python holds it, and its title."""
    folder.mkdir()
    paths = {}
    for raw, title in NAMES.items():
        path = os.fsencode(folder) + b"/" + raw
        with open(path, "w", encoding="utf-8") as file:
            file.write(f"{title}\n\nنص المقال.\n")
        paths[os.fsdecode(path)] = title
    return paths


def test_odd_names_are_each_their_own_article_and_unchanged_the_next_run(tmp_path: Path, library: Library) -> None:
    paths = odd_folder(tmp_path / "news")
    first = index_paths(library, [str(tmp_path / "news")], workers=1)
    assert (first.indexed, first.failed) == (len(NAMES), 0)
    again = index_paths(library, [str(tmp_path / "news")], workers=1)
    assert (again.indexed, again.unchanged, again.removed) == (0, len(NAMES), 0)
    assert {row.source: row.title for row in library.rows()} == paths
    for path, title in paths.items():
        stored = library.get(path)
        assert stored is not None and stored.article.title == title
        library.set_position(path, 3, 4)
        assert library.position(path) == (3, 4)
    assert library.count(under=[str(tmp_path / "news")]) == len(NAMES)
    os.remove(os.fsencode(tmp_path / "news") + b"/a\xff.txt")
    last = index_paths(library, [str(tmp_path / "news")], workers=1)
    assert (last.removed, last.unchanged) == (1, len(NAMES) - 1)
    assert library.get(str(tmp_path / "news" / "a\\xff.txt")) is not None, "the one named \\xff literally stays"


def test_a_folder_whose_own_name_is_not_utf8_is_indexed_and_listed(tmp_path: Path, library: Library) -> None:
    folder = os.fsdecode(os.fsencode(tmp_path) + b"/\xe9t\xe9")
    os.mkdir(folder)
    write_article(Path(folder), "1.txt", "عنوان", "نص.")
    assert index_paths(library, [folder], workers=1).indexed == 1
    assert index_paths(library, [folder], workers=1).unchanged == 1
    assert [row.source for row in library.rows(under=[folder])] == [folder + "/1.txt"]


@given(st.lists(st.sampled_from(["a", "\\", "x", "f", "0", "/", "\udcff", "\udc80", "ب"]), max_size=12))
def test_every_path_is_stored_as_valid_text_and_given_back_exactly(characters: list[str]) -> None:
    path = "/" + "".join(characters)
    stored = storable(path)
    stored.encode("utf-8")  # SQLite takes it
    assert unstored(stored) == path


def test_a_library_of_the_old_form_keeps_its_backslashed_names(tmp_path: Path) -> None:
    """Stored before the backslashes were doubled: the article and its reading position are found
    under the same name, and a name once stored as `\\xNN` for its bytes is taken for a real one."""
    database = tmp_path / DATABASE_NAME
    db = sqlite3.connect(database, isolation_level=None)
    for steps in schema.MIGRATIONS[:4]:
        for step in steps:
            db.executescript(step) if isinstance(step, str) else step(db)
    old = ["/news/b\\.txt", "/news/b\\\\.txt", "/news/a\\xff.txt", "https://example.com/a\\b"]
    for number, source in enumerate(old):
        db.execute(
            "INSERT INTO articles (source, kind, status, title, title_key, added) VALUES (?, ?, 'ok', ?, ?, ?)",
            (source, "url" if source.startswith("http") else "file", f"t{number}", f"t{number}", number),
        )
        db.execute(
            'INSERT INTO reading (source, read, row, "offset", updated) VALUES (?, 1, ?, 0, 0)', (source, number)
        )
    db.execute("PRAGMA user_version = 4")
    db.close()
    with Library(database) as library:
        assert [row.source for row in library.rows(descending=False)] == old
        for number, source in enumerate(old):
            assert library.position(source) == (number, 0)
        assert library.get("/news/a" + os.fsdecode(b"\xff") + ".txt") is None
