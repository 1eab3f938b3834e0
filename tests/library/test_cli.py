"""`reader index`, `reader search`, `reader entities --library` and `reader cat DIR`, run as a user would."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import schema
from tests.conftest import ARTICLES, run_reader
from tests.library.conftest import write_article


def out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode()


def err_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    return result.stderr.decode().splitlines()


def data_file() -> Path:
    return Path(os.environ["READER_DATA_DIR"]) / "library.sqlite3"


def test_index_prints_one_summary_line_then_skips_what_is_unchanged() -> None:
    first = run_reader("index", str(ARTICLES))
    assert first.returncode == 0, first.stderr
    assert out(first).startswith("indexed 7, unchanged 0, removed 0, failed 0 in ")
    assert out(first).count("\n") == 1 and first.stderr == b""
    second = run_reader("index", str(ARTICLES))
    assert out(second).startswith("indexed 0, unchanged 7, removed 0, failed 0 in ")


def test_index_reports_each_bad_file_and_exits_1(tmp_path: Path) -> None:
    write_article(tmp_path, "good.txt", "عنوان", "نص.")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_reader("index", str(tmp_path))
    assert result.returncode == 1
    assert out(result).startswith("indexed 1, unchanged 0, removed 0, failed 1")
    assert err_lines(result) == [f"reader: failed: {str(tmp_path / 'empty.txt')!r}: empty file"]


def test_search_prints_tab_separated_hits_and_exits_like_grep() -> None:
    run_reader("index", str(ARTICLES))
    result = run_reader("search", "أمن", "الخليج")
    assert result.returncode == 0, result.stderr
    lines = out(result).splitlines()
    assert lines and all(line.count("\t") == 3 for line in lines)
    source, _title, _section, snippet = lines[0].split("\t")
    assert source.endswith("legacy-cp1256-baghdad-regional-meeting.txt")
    assert "⟦الخليج⟧" in snippet
    none = run_reader("search", "كلمةلاتوجد")
    assert (none.returncode, none.stdout) == (1, b"")
    bad = run_reader("search", "-الخليج")
    assert bad.returncode == 2 and len(err_lines(bad)) == 1


def test_search_json_has_one_object_per_hit() -> None:
    run_reader("index", str(ARTICLES))
    result = run_reader("search", "--format", "json", "--limit", "2", "بغداد")
    records = [json.loads(line) for line in out(result).splitlines()]
    assert len(records) == 2
    for record in records:
        assert {"source", "title", "section", "snippet", "score", "marks"} <= set(record)
        assert all(record["snippet"][a:b] for a, b in record["marks"])


def test_hostile_text_stays_data_in_tab_separated_hits(tmp_path: Path) -> None:
    write_article(tmp_path, "x.txt", "عنوان", "نص ⟦مزيف⟧ و \\ و <i>وسم</i> مع كلمة")
    run_reader("index", str(tmp_path))
    snippet = out(run_reader("search", "كلمة")).split("\t")[3]
    assert snippet == "نص \\⟦مزيف\\⟧ و \\\\ و <i>وسم</i> مع ⟦كلمة⟧\n"


def test_entities_of_the_library_and_search_by_entity() -> None:
    run_reader("index", str(ARTICLES))
    listed = out(run_reader("entities", "--library")).splitlines()
    assert listed[0] == "key\ttype\tname\tmentions\tarticles"
    rows = [line.split("\t") for line in listed[1:]]
    baghdad = next(row for row in rows if row[2] == "بغداد")
    assert baghdad[1] == "LOC" and int(baghdad[3]) >= int(baghdad[4]) >= 1
    hits = out(run_reader("search", "--entity", "بغداد")).splitlines()
    assert len(hits) == int(baghdad[4])
    assert all("⟦بغداد⟧" in line.split("\t")[3] for line in hits)


def test_cat_of_a_folder_prints_the_good_articles_and_one_line_per_bad_file(tmp_path: Path) -> None:
    write_article(tmp_path, "a.txt", "عنوان أول", "نص أول.")
    write_article(tmp_path, "c.txt", "عنوان ثالث", "نص ثالث.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_bytes(b"\x00\x01\x02\x03" * 4)
    result = run_reader("cat", str(tmp_path))
    assert result.returncode == 1
    assert "عنوان أول" in out(result) and "عنوان ثالث" in out(result)
    lines = err_lines(result)
    assert len(lines) == 2 and "b.txt" in lines[0] and "d.txt" in lines[1]


def test_a_corrupt_library_is_one_error_and_is_left_alone() -> None:
    path = data_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is no database " * 400)
    before = path.read_bytes()
    for command in (["search", "x"], ["index", str(ARTICLES)], ["entities", "--library"]):
        result = run_reader(*command)
        assert result.returncode == 2
        assert len(err_lines(result)) == 1 and "left as it is" in result.stderr.decode()
    assert path.read_bytes() == before


def test_a_library_from_a_newer_reader_is_refused_untouched() -> None:
    run_reader("index", str(ARTICLES))
    with sqlite3.connect(data_file()) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    before = data_file().read_bytes()
    result = run_reader("search", "بغداد")
    assert result.returncode == 2
    assert err_lines(result) == [
        f"reader: error: {data_file()}: written by a newer reader (library version 99, this reader knows up to"
        f" {schema.LATEST});"
        " it was left as it is"
    ]
    assert data_file().read_bytes() == before


@pytest.fixture
def small_mount(tmp_path: Path) -> Iterator[Path]:
    """A 512 KB tmpfs (root only): a disk that fills up for real."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "mount"
    mount.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True, check=False
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_clear_error(small_mount: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        write_article(folder, f"{n}.txt", f"خبر {n}", " ".join(f"كلمة{n}{k}" for k in range(400)))
    monkeypatch.setenv("READER_DATA_DIR", str(small_mount))
    result = run_reader("index", "--workers", "1", str(folder))
    assert result.returncode == 2
    lines = err_lines(result)
    assert len(lines) == 1 and "disk is full" in lines[0], lines
    with sqlite3.connect(small_mount / "library.sqlite3") as db:  # what was committed is intact
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_read_only_data_folder_is_one_clear_error(small_mount: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    for folder in (small_mount, small_mount / "reader"):  # the folder is there, or must be made
        monkeypatch.setenv("READER_DATA_DIR", str(folder))
        result = run_reader("index", str(ARTICLES))
        assert result.returncode == 2
        lines = err_lines(result)
        assert len(lines) == 1 and "read-only" in lines[0].lower(), lines


def test_a_bidi_control_in_a_file_name_is_a_mark_in_tab_separated_hits(tmp_path: Path) -> None:
    write_article(tmp_path, "rtl\u202eevil.txt", "عنوان", "نص مع كلمة")
    run_reader("index", str(tmp_path))
    source = out(run_reader("search", "كلمة")).split("\t")[0]
    assert source == str(tmp_path / "rtl<U+202E>evil.txt")
    record = json.loads(out(run_reader("search", "--format", "json", "كلمة")))
    assert record["source"] == str(tmp_path / "rtl\u202eevil.txt")  # JSON keeps the exact name


def test_a_name_that_is_not_utf8_is_searched_and_printed_exactly(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/d\x9b31m.txt"
    with open(raw, "w", encoding="utf-8") as file:
        file.write("عنوان\n\nنص مع كلمة\n")
    assert run_reader("index", str(tmp_path)).returncode == 0
    assert out(run_reader("index", str(tmp_path))).startswith("indexed 0, unchanged 1, removed 0")
    shown = str(tmp_path / "d\\x9b31m.txt").replace("\\", "\\\\")  # a field's backslashes are escaped
    assert out(run_reader("search", "كلمة")).split("\t")[0] == shown
    result = run_reader("search", "--format", "json", "كلمة")
    assert result.returncode == 0, result.stderr
    record = json.loads(out(result))
    assert record["source"] == str(tmp_path) + "/d\ufffd31m.txt"
    assert base64.b64decode(record["source_bytes"]) == raw
