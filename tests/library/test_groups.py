"""The library's groups: all, files, other web pages and each feed, with counts that agree with the list."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import Library, schema
from reader.library.feeds import LibraryFeeds
from reader.library.indexer import index_paths
from reader.library.records import Group, GroupRow
from reader.library.store import DATABASE_NAME
from reader.sources import load_text
from reader.structure import build_article
from reader.web.update import update_feeds
from tests.library.conftest import as_version_3, write_article
from tests.web.feeds import item, rss2
from tests.web.server import page, serve


def counts(library: Library, group: Group) -> tuple[int, int]:
    return library.count(group=group), library.count(group=group, unread_only=True)


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """Three files, a page read by its address, and two feeds sharing one entry (3 + 2 entries, 4 articles)."""
    folder = tmp_path_factory.mktemp("news")
    for n in range(3):
        write_article(folder, f"{n}.txt", f"مقال رقم {n}", f"نص المقال رقم {n} عن مدينة بغداد.")
    base = "http://127.0.0.1:1"  # the links are never fetched: the entries carry their whole text
    one = rss2("أخبار الصباح", [item(n, base) for n in (1, 2, 3)])
    two = rss2("أخبار المساء", [item(n, base) for n in (3, 4)])
    with serve({"/one.xml": page(one, "application/rss+xml"), "/two.xml": page(two, "application/rss+xml")}) as server:
        library = Library(tmp_path_factory.mktemp("data") / DATABASE_NAME)
        index_paths(library, [str(folder)], workers=1)
        article = build_article(load_text("صفحة مقروءة\n\nنص الصفحة.", source="http://127.0.0.1:1/page"))
        library.add_article(article, source="http://127.0.0.1:1/page")
        feeds = LibraryFeeds(library)
        feeds.follow(server.url("/one.xml"))
        feeds.follow(server.url("/two.xml"), "مسائية")
        feeds.follow(server.url("/never.xml"))  # followed, never fetched: a group with nothing in it
        update_feeds(feeds, jobs=1)
    yield library
    library.close()


def test_groups_list_all_files_pages_and_every_feed_with_their_counts(grouped: Library) -> None:
    rows = LibraryFeeds(grouped).groups()
    named = [(row.group.kind, row.title, row.articles, row.unread) for row in rows]
    assert named[:3] == [("all", "All", 8, 8), ("files", "Files", 3, 3), ("pages", "Web pages", 1, 1)]
    feeds = named[3:]
    assert [(title, articles) for _, title, articles, _ in feeds][:2] == [("أخبار الصباح", 3), ("مسائية", 2)]
    assert feeds[2][1].endswith("/never.xml") and feeds[2][2:] == (0, 0), "no title yet: its address"


def test_a_group_filters_the_list_and_its_counts_are_the_lists(grouped: Library) -> None:
    feed = LibraryFeeds(grouped).groups()[3].group
    titles = {row.title for row in grouped.rows(group=feed)}
    assert titles == {"خبر رقم 1", "خبر رقم 2", "خبر رقم 3"}
    assert {row.title for row in grouped.rows(group=Group("pages"))} == {"صفحة مقروءة"}
    assert all(row.source.endswith(".txt") for row in grouped.rows(group=Group("files")))
    assert len(grouped.rows(group=Group("all"))) == grouped.count() == 8


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marks=st.lists(st.tuples(st.integers(0, 7), st.booleans()), max_size=12))
def test_unread_counts_follow_the_read_marks(grouped: Library, marks: list[tuple[int, bool]]) -> None:
    sources = [row.source for row in grouped.rows(order="title", limit=100)]
    for index, read in marks:
        grouped.set_read(sources[index], read)
    grouped.set_read("/not/in/the/library.txt", True)  # a read mark without an article counts nowhere
    for row in LibraryFeeds(grouped).groups():
        assert (row.articles, row.unread) == counts(grouped, row.group), row
    for source in sources:
        grouped.set_read(source, False)


def test_the_first_page_of_each_group_is_found_without_scanning_the_library(grouped: Library) -> None:
    """Plans, as SQLite chooses them: files scan the sort's index (no sort of all of them); a feed's
    entries and the web pages are looked up, not scanned for."""
    from reader.library.store import _filters

    def plan(group: Group) -> str:
        where, arguments = _filters("", False, None, group)
        query = (
            f"EXPLAIN QUERY PLAN SELECT a.id FROM articles a LEFT JOIN reading r ON r.source = a.source{where}"
            " ORDER BY a.added DESC, a.id DESC LIMIT 100"
        )
        return "\n".join(str(row[3]) for row in grouped.execute(query, arguments))

    files = plan(Group("files"))
    assert "SCAN a USING INDEX articles_added" in files and "TEMP B-TREE" not in files
    assert "SEARCH a USING INDEX sqlite_autoindex_articles_1 (source=?)" in plan(Group("feed", "http://x/"))
    assert "articles_urls" in plan(Group("pages"))
    assert "SCAN a\n" not in plan(Group("pages")) + "\n"


def test_a_version_2_library_gains_the_web_pages_index(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    Library(path).close()
    as_version_3(path)
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX articles_urls")
        db.execute("PRAGMA user_version = 2")
    with Library(path) as library:
        assert library.execute("PRAGMA user_version")[0][0] == schema.LATEST
        assert library.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_urls'")


def test_an_empty_library_has_only_all() -> None:
    with Library() as library:
        assert LibraryFeeds(library).groups() == [GroupRow(Group("all"), "All", 0, 0)]
