"""The store: what goes in comes out, indexing does only what changed, failures are kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.entities import article_entities
from reader.library import Library
from reader.library.indexer import index_paths
from reader.sources import expand_paths, load_path, load_text
from reader.structure import build_article
from tests.conftest import ARTICLES
from tests.library.conftest import write_article


def test_an_indexed_article_comes_back_whole_with_its_entities(library: Library) -> None:
    summary = index_paths(library, [str(ARTICLES)], workers=1)
    files = expand_paths([str(ARTICLES)])  # the articles: not feeds.opml
    assert summary.failed == 0 and summary.indexed == len(files)
    for path in files:
        article = build_article(load_path(str(path)))
        stored = library.get(str(path))
        assert stored is not None
        assert stored.article == article
        assert list(stored.mentions) == article_entities(article)
        assert stored.row.entities == len(stored.mentions)


def test_change_remove_add_cycle(tmp_path: Path, library: Library) -> None:
    for n in range(5):
        write_article(tmp_path, f"{n}.txt", f"عنوان {n}", f"نص المقال رقم {n} عن مدينة بغداد.")
    assert (
        index_paths(library, [str(tmp_path)], workers=1)
        .line()
        .startswith("indexed 5, unchanged 0, removed 0, failed 0")
    )
    write_article(tmp_path, "1.txt", "عنوان جديد", "نص آخر تماما عن دمشق.")
    (tmp_path / "2.txt").unlink()
    write_article(tmp_path, "5.txt", "مقال جديد", "عن القاهرة.")
    os.utime(tmp_path / "3.txt")  # a new mtime, the same bytes
    summary = index_paths(library, [str(tmp_path)], workers=1)
    assert (summary.indexed, summary.unchanged, summary.removed, summary.failed) == (2, 3, 1, 0)
    assert library.count() == 5
    stored = library.get(str(tmp_path / "1.txt"))
    assert stored is not None and stored.article.title == "عنوان جديد"
    assert library.get(str(tmp_path / "2.txt")) is None
    again = index_paths(library, [str(tmp_path)], workers=1)
    assert (again.indexed, again.unchanged) == (0, 5)


def test_a_bad_file_is_recorded_and_never_stops_the_rest(tmp_path: Path, library: Library) -> None:
    write_article(tmp_path, "good.txt", "عنوان", "نص سليم.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "undecodable.txt").write_bytes(b"\x00\x01\x02\x03" * 4)
    summary = index_paths(library, [str(tmp_path)], workers=1)
    assert (summary.indexed, summary.failed) == (1, 2)
    assert any("empty file" in error for error in summary.errors)
    failed = {Path(row.source).name: row.error for row in library.rows() if row.failed}
    assert set(failed) == {"empty.txt", "undecodable.txt"}
    assert all(error and "\n" not in error for error in failed.values())


def test_subfolders_are_indexed_and_a_removed_folder_leaves(tmp_path: Path, library: Library) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    write_article(tmp_path / "a" / "b", "deep.txt", "عميق", "نص.")
    write_article(tmp_path, "top.txt", "أعلى", "نص.")
    assert index_paths(library, [str(tmp_path)], workers=1).indexed == 2
    (tmp_path / "a" / "b" / "deep.txt").unlink()
    assert index_paths(library, [str(tmp_path)], workers=1).removed == 1


def test_worker_processes_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(40):
        write_article(folder, f"{n:02}.txt", f"خبر {n}", f"استقبل الرئيس محمد في بغداد وفدا من عمان رقم {n}.")
    answers = []
    for workers in (1, 2):
        with Library(tmp_path / f"{workers}.sqlite3") as library:
            assert index_paths(library, [str(folder)], workers=workers).indexed == 40
            answers.append([library.get(str(path)) for path in sorted(folder.iterdir())])
    one, two = ([(stored.article, stored.mentions) for stored in run if stored] for run in answers)
    assert len(one) == 40 and one == two


def test_reading_positions_move_from_the_state_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = tmp_path / "state"
    state.mkdir()
    monkeypatch.setenv("READER_STATE_DIR", str(state))
    (state / "positions.json").write_text(
        json.dumps({"/news/a.txt": {"row": 7, "offset": 12, "time": 1.0}, "bad": {"row": "x"}}), encoding="utf-8"
    )
    with Library(tmp_path / "library.sqlite3") as library:
        assert library.position("/news/a.txt") == (7, 12)
        assert library.is_read("/news/a.txt")
        assert library.position("bad") is None
        library.set_position("/news/a.txt", 1, 2)
    with Library(tmp_path / "library.sqlite3") as library:  # not imported a second time
        assert library.position("/news/a.txt") == (1, 2)


def test_read_state_and_sorting(tmp_path: Path, library: Library) -> None:
    write_article(tmp_path, "long.txt", "ب طويل", " ".join(["كلمة"] * 50))
    write_article(tmp_path, "short.txt", "أ قصير", "كلمة واحدة.")
    index_paths(library, [str(tmp_path)], workers=1)
    assert [row.title for row in library.rows(order="length", descending=True)] == ["ب طويل", "أ قصير"]
    assert [row.title for row in library.rows(order="title", descending=False)] == ["أ قصير", "ب طويل"]
    library.set_read(str(tmp_path / "long.txt"), True)
    assert [row.title for row in library.rows(unread_only=True)] == ["أ قصير"]
    assert library.count(title="طويل") == 1
    library.set_read(str(tmp_path / "long.txt"), False)
    assert library.count(unread_only=True) == 2


def test_entities_across_the_library(tmp_path: Path, library: Library) -> None:
    write_article(tmp_path, "1.txt", "زيارة", "وصل الرئيس الروسي فلاديمير بوتين إلى موسكو.")
    write_article(tmp_path, "2.txt", "تصريح", "قال فلاديمير بوتين إن موسكو مستعدة للحوار.")
    index_paths(library, [str(tmp_path)], workers=1)
    rows = {(row.type, row.name): row for row in library.entities()}
    putin = rows[("PER", "فلاديمير بوتين")]
    assert (putin.mentions, putin.articles) == (2, 2)
    assert library.entity_keys("بوتين") == [putin.key] or putin.key in library.entity_keys("فلاديمير بوتين")
    assert library.count(entity=putin.key) == 2


def test_a_folder_is_counted_and_listed_the_same_whether_or_not_it_holds_the_whole_library(
    tmp_path: Path, library: Library
) -> None:
    """`reader FOLDER` on a library of that folder alone reads it as the whole library (the tally,
    the sort index); with an article from elsewhere, as the folder's range of sources."""
    news = tmp_path / "news"
    for sub in ("a", "b"):
        (news / sub).mkdir(parents=True)
        for n in range(3):
            write_article(news / sub, f"{n}.txt", f"عنوان {sub} {n}", f"نص {n}.")
    index_paths(library, [str(news)], workers=1)

    def listed(*under: str) -> tuple[int, list[str], int | None]:
        rows = library.rows(under=under, limit=100)
        first = rows[0].id
        return library.count(under=under), [row.source for row in rows], library.rank(first, under=under)

    whole = listed()
    assert listed(str(news)) == listed(str(news) + "/") == whole and whole[0] == 6
    assert listed(str(news / "a"))[0] == 3
    outside = build_article(load_text("خبر من الشبكة\n\nنص.", source="http://127.0.0.1:1/x"))
    library.add_article(outside, source="http://127.0.0.1:1/x", mentions=())
    write_article(tmp_path, "news-other.txt", "ليس في المجلد", "نص.")  # a name that starts like the folder's
    index_paths(library, [str(tmp_path / "news-other.txt")], workers=1)
    assert library.count() == 8
    count, sources, rank = listed(str(news))
    assert count == 6 and sorted(sources) == sorted(whole[1]) and rank == 0
    assert listed(str(news / "a"))[0] == 3


@pytest.mark.parametrize("blocks", [3, 8])
def test_an_articles_beginning_carries_the_stored_entities_of_its_blocks_and_none_beyond(
    library: Library, blocks: int
) -> None:
    path = ARTICLES / "russia-belarus-eurasian-security.txt"
    index_paths(library, [str(path)], workers=1)
    whole, begun = library.get(str(path)), library.beginning(str(path), blocks)
    assert whole is not None and begun is not None
    beginning, complete = begun
    shown = {(s, p) for s, section in enumerate(beginning.article.sections) for p in range(len(section.paragraphs))}
    assert not complete and len(whole.mentions) > len(beginning.mentions) > 0
    assert list(beginning.mentions) == [m for m in whole.mentions if (m.section, m.paragraph) in shown]


def test_a_query_gives_up_when_its_caller_says_and_the_next_ones_run_whole(tmp_path: Path, library: Library) -> None:
    """`giving_up`: the UI thread's few milliseconds for a filter's first page, a thread's query
    for a view left meanwhile. Inside it a query stops when the condition holds (GaveUp, no
    error); outside it, and inside it while the condition is false, the answers are whole."""
    from reader.library.store import GaveUp

    for n in range(200):
        write_article(tmp_path, f"{n:03}.txt", f"خبر رقم {n}", f"نص المقال رقم {n}.")
    index_paths(library, [str(tmp_path)], workers=1)
    with pytest.raises(GaveUp), library.giving_up(lambda: True):
        library.rows(title="لا يوجد", limit=10)
    assert library.count(title="خبر") == 200
    with library.giving_up(lambda: False):
        assert len(library.rows(title="رقم 1", limit=100)) == 100
        assert library.count(title="رقم 1") == 111  # 1, 10-19, 100-199
