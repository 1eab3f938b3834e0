"""The store keeps its data: killed mid-index, shared by two processes, re-indexed after any change."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.library.indexer import index_paths
from reader.library.search import search
from tests.conftest import ROOT
from tests.library.conftest import write_article

QUERIES = ["بغداد", "الوفد", "مدرس*", '"رئيس الوزراء"', "عمان -بغداد"]
SENTENCES = [
    "استقبل رئيس الوزراء في بغداد وفدا من عمان.",
    "قال المتحدث إن المدرسة الجديدة تفتح أبوابها غدا.",
    "وصل الوفد إلى دمشق للقاء وزير الخارجية.",
    "أعلنت الحكومة في عمان خطة للمدارس.",
]


def answers(library: Library) -> tuple[object, ...]:
    """Everything a user can ask the library, in a comparable form."""
    rows = sorted(
        (row.source, row.title, row.words, row.sections, row.entities, row.failed) for row in library.rows(limit=10**6)
    )
    found = [sorted(hit.row.source for hit in search(library, query, limit=1000)) for query in QUERIES]
    entities = sorted((row.key, row.type, row.mentions, row.articles) for row in library.entities())
    return rows, found, entities


def checked(path: Path) -> None:
    """SQLite's and FTS5's own integrity checks pass, and the tally of articles is right."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        db.execute("INSERT INTO search (search) VALUES ('integrity-check')")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        counted = db.execute("SELECT (SELECT n FROM tally WHERE name = 'articles'), count(*) FROM articles").fetchone()
        assert counted[0] == counted[1], "the tally of articles is their number"
    finally:
        db.close()


def make_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(1 + n % 3))
        write_article(folder, f"{n:04}.txt", f"خبر رقم {n}", body, f"فقرة ثانية {n}.")


def reader_index(folder: Path, data: Path) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "READER_DATA_DIR": str(data)}
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "index", "--workers", "1", str(folder)],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def count_articles(path: Path) -> int:
    try:
        db = sqlite3.connect(path, timeout=5)
        try:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_kill_9_mid_index_then_rerun_equals_a_clean_build(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    make_folder(folder, 600)
    killed = tmp_path / "killed"
    process = reader_index(folder, killed)
    deadline = time.monotonic() + 60
    while count_articles(killed / "library.sqlite3") < 50 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = count_articles(killed / "library.sqlite3")
    assert 0 < partial < 600, "the kill must land mid-index"
    checked(killed / "library.sqlite3")
    rerun = reader_index(folder, killed)
    output, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert output.decode().startswith(f"indexed {600 - partial}, unchanged {partial}, removed 0, failed 0")
    checked(killed / "library.sqlite3")
    with Library(killed / "library.sqlite3") as after, Library(tmp_path / "clean.sqlite3") as clean:
        index_paths(clean, [str(folder)], workers=1)
        assert answers(after) == answers(clean)


def test_one_process_indexes_while_another_reads(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    make_folder(folder, 300)
    data = tmp_path / "data"
    with Library(data / "library.sqlite3") as library:  # created first, so the reader can open it at once
        process = reader_index(folder, data)
        seen = []
        while process.poll() is None:
            seen.append(library.count())
            search(library, "بغداد")
            library.rows(limit=50)
        assert process.returncode == 0, process.stderr.read() if process.stderr else ""
        assert library.count() == 300
    assert seen == sorted(seen) and len(set(seen)) > 1, "the reader saw the library grow, never shrink"
    checked(data / "library.sqlite3")


@st.composite
def changes(draw: st.DrawFn) -> list[tuple[str, int, int]]:
    """Steps of (what, file number, text number): write a file, or remove it."""
    return draw(
        st.lists(
            st.tuples(st.sampled_from(["write", "remove", "empty"]), st.integers(0, 5), st.integers(0, 3)),
            min_size=1,
            max_size=8,
        )
    )


@settings(max_examples=15, deadline=None)
@given(first=changes(), second=changes())
def test_reindexing_after_any_change_equals_a_clean_build(
    first: list[tuple[str, int, int]], second: list[tuple[str, int, int]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folder = root / "news"
        folder.mkdir()
        with Library(root / "kept.sqlite3") as kept:
            for steps in (first, second):
                for what, number, text in steps:
                    path = folder / f"{number}.txt"
                    if what == "remove":
                        path.unlink(missing_ok=True)
                    elif what == "empty":
                        path.write_bytes(b"")
                    else:
                        write_article(folder, path.name, f"عنوان {text}", SENTENCES[text], SENTENCES[(text + 1) % 4])
                        os.utime(path, ns=(time.time_ns(), time.time_ns() + number + text))
                index_paths(kept, [str(folder)], workers=1)
            with Library(root / "clean.sqlite3") as clean:
                index_paths(clean, [str(folder)], workers=1)
                assert answers(kept) == answers(clean)
        checked(root / "kept.sqlite3")
