"""Library version 4: the full-text index rebuilt with prefix indexes and a tally of the articles,
from a version 3 library with data, in one transaction (a kill midway leaves version 3 whole);
the tally stays the number of articles through adds, removes and kills."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import Library, schema
from reader.library.indexer import index_paths
from reader.library.search import search
from reader.sources import load_text
from reader.structure import build_article
from tests.conftest import ROOT
from tests.library.conftest import as_version_3
from tests.library.test_safety import SENTENCES, checked, make_folder

QUERIES = ["بغداد", "الوفد", "مدرس*", "ال*", "و*", "وز*", '"رئيس الوزراء"', "عمان -بغداد", "فقر* -دمشق", '"غدا فقرة"']


def answers(library: Library) -> tuple[object, ...]:
    """What the user sees: the count, the list, and each query's hits with their scores and snippets."""
    rows = [(row.id, row.source, row.title) for row in library.rows(limit=10**6)]
    hits = [
        [(hit.row.id, round(hit.score, 9), hit.section, hit.paragraph, hit.snippet, hit.marks) for hit in found]
        for found in (search(library, query, limit=1000) for query in QUERIES)
    ]
    return library.count(), rows, hits


def search_sql(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("SELECT sql FROM sqlite_master WHERE name = 'search'").fetchone()[0])
    finally:
        db.close()


def version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def built(tmp_path: Path, count: int = 40) -> tuple[Path, Path, tuple[object, ...]]:
    """A folder, a library of it at version 3, and the answers the library gave before it was made version 3."""
    folder = tmp_path / "news"
    make_folder(folder, count)
    path = tmp_path / "data" / "library.sqlite3"
    with Library(path) as library:
        index_paths(library, [str(folder)], workers=1)
        before = answers(library)
    as_version_3(path)
    assert version(path) == 3 and "prefix" not in search_sql(path)
    return folder, path, before


def test_a_version_3_library_keeps_its_answers_and_gains_prefix_indexes(tmp_path: Path) -> None:
    folder, path, before = built(tmp_path)
    with Library(path) as library:
        assert answers(library) == before
        assert all(before[2]), "every query finds something (the last a phrase over a paragraph break)"
    assert version(path) == schema.LATEST and "prefix='1 2 3'" in search_sql(path)
    checked(path)
    # Rows the migration wrote are deleted with the terms the store gives back: change and remove some.
    (folder / "0003.txt").write_text("خبر جديد\n\nوصل الوفد إلى بغداد.\n", encoding="utf-8")
    (folder / "0005.txt").unlink()
    with Library(path) as library, Library(tmp_path / "clean.sqlite3") as clean:
        index_paths(library, [str(folder)], workers=1)
        index_paths(clean, [str(folder)], workers=1)
        assert library.count() == clean.count() == 39
        assert found(library) == found(clean)
    checked(path)


def found(library: Library) -> list[list[str]]:
    """Each query's articles by source (a clean build numbers them differently)."""
    return [sorted(hit.row.source for hit in search(library, query, limit=1000)) for query in QUERIES]


KILL_MIDWAY = """
import os, signal, sys
from pathlib import Path
from reader.library import Library, schema

rows = schema.search_rows

def killed_after_some(db):
    for n, row in enumerate(rows(db)):
        if n == 20:
            os.kill(os.getpid(), signal.SIGKILL)
        yield row

schema.search_rows = killed_after_some
Library(Path(sys.argv[1]))
"""


def test_a_migration_killed_midway_leaves_version_3_whole(tmp_path: Path) -> None:
    _, path, before = built(tmp_path)
    process = subprocess.run(
        [sys.executable, "-c", KILL_MIDWAY, str(path)],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        check=False,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()
    assert version(path) == 3 and "prefix" not in search_sql(path)
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'tally'").fetchone() is None
    finally:
        db.close()
    with Library(path) as library:
        assert answers(library) == before
    checked(path)


def tally(path: Path) -> tuple[int, int]:
    db = sqlite3.connect(path)
    try:
        return (
            int(db.execute("SELECT n FROM tally WHERE name = 'articles'").fetchone()[0]),
            int(db.execute("SELECT count(*) FROM articles").fetchone()[0]),
        )
    finally:
        db.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["add", "remove"]), st.integers(0, 5)), min_size=1, max_size=25))
def test_the_count_is_the_number_of_articles_after_any_adds_and_removes(
    tmp_path: Path, steps: list[tuple[str, int]]
) -> None:
    path = tmp_path / f"{len(os.listdir(tmp_path))}.sqlite3"
    held: set[int] = set()
    with Library(path) as library:
        for action, number in steps:
            source = f"http://127.0.0.1:1/{number}"
            if action == "add":
                text = f"خبر {number}\n\n{SENTENCES[number % len(SENTENCES)]}"
                library.add_article(build_article(load_text(text, source=source)), source=source, mentions=())
                held.add(number)
            else:
                assert library.remove([source]) == (number in held)
                held.discard(number)
            assert library.count() == len(held) == len(library.rows(limit=100))
    assert tally(path) == (len(held), len(held))
