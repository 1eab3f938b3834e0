"""A library in a temporary folder, and a way to write article files."""

from __future__ import annotations

import sqlite3
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


def as_version_3(path: Path) -> None:
    """Make the library at `path` what a reader of library version 3 wrote: its full-text index
    without prefix indexes (filled the way that reader's store filled it, article by article),
    no tally of articles; so that the migrations after 3 run on real data."""
    db = sqlite3.connect(path)
    try:
        with db:
            db.execute("DROP TRIGGER articles_tally_insert")
            db.execute("DROP TRIGGER articles_tally_delete")
            db.execute("DROP TABLE tally")
            db.execute("DROP TABLE search")
            db.execute(
                "CREATE VIRTUAL TABLE search USING fts5 (title, body, content='', columnsize=1,"
                " tokenize='unicode61 remove_diacritics 0')"
            )
            ids = [article_id for (article_id,) in db.execute("SELECT id FROM articles WHERE status = 'ok'")]
            for article_id in ids:
                terms = [
                    str(t)
                    for (t,) in db.execute(
                        "SELECT terms FROM blocks WHERE article_id = ? ORDER BY section, paragraph", (article_id,)
                    )
                ]
                db.execute(
                    "INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)",
                    (article_id, terms[0], " ".join(terms[1:])),
                )
            db.execute("PRAGMA user_version = 3")
    finally:
        db.close()
