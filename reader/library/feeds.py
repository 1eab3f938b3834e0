"""Feeds in the library: the feeds followed, what their last update learnt, and each entry's keys.

`LibraryFeeds` is the store the feed updater (reader.web.update) writes through. A feed's new
entries, their articles and their keys (guid, link, content hash) go in one transaction, so an
update killed at any moment leaves each feed's entries either stored and known or not at all, and
the next update completes the rest; a feed's ETag and Last-Modified are saved only after that.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library.records import Group, GroupRow, Prepared
from reader.library.store import GROUP_CLAUSES, Library, block_terms
from reader.web.update import FeedState, Known, NewEntry

if TYPE_CHECKING:
    import multiprocessing.process
    import multiprocessing.queues


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One line of `reader feed list`."""

    url: str
    title: str
    entries: int
    unread: int
    updated: float | None
    error: str | None


class LibraryFeeds:
    """The feeds tables of a library (schema version 2), and the library's groups."""

    def __init__(self, library: Library) -> None:
        self.library = library

    # -- following -----------------------------------------------------------------------------

    def follow(self, url: str, title: str = "") -> bool:
        """Start following `url`; False when it was followed already (a title given is then set)."""
        with self.library.transaction() as db:
            cursor = db.execute(
                "INSERT INTO feeds (url, title, titled, added) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                (url, title, int(bool(title)), time.time()),
            )
            if cursor.rowcount:
                return True
            if title:
                db.execute("UPDATE feeds SET title = ?, titled = 1 WHERE url = ?", (title, url))
            return False

    def unfollow(self, url: str, *, purge: bool = False) -> int | None:
        """Stop following `url`: None if it was not followed, else how many of its articles were removed."""
        sources = [
            source for (source,) in self.library.execute("SELECT source FROM feed_entries WHERE feed = ?", (url,))
        ]
        with self.library.transaction() as db:
            if not db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount:
                return None
        return self.library.remove(sources) if purge else 0

    def urls(self) -> list[tuple[str, str]]:
        return [(url, title) for url, title in self.library.execute("SELECT url, title FROM feeds ORDER BY added, url")]

    def rows(self) -> list[FeedRow]:
        query = (
            "SELECT f.url, f.title, f.updated, f.error, count(e.source),"
            " coalesce(sum(CASE WHEN a.id IS NOT NULL AND coalesce(r.read, 0) = 0 THEN 1 ELSE 0 END), 0)"
            " FROM feeds f LEFT JOIN feed_entries e ON e.feed = f.url"
            " LEFT JOIN articles a ON a.source = e.source"
            " LEFT JOIN reading r ON r.source = e.source"
            " GROUP BY f.url ORDER BY f.added, f.url"
        )
        return [
            FeedRow(url, title, int(entries), int(unread), updated, error)
            for url, title, updated, error, entries, unread in self.library.execute(query)
        ]

    def groups(self) -> list[GroupRow]:
        """The group pane's groups and counts: all articles, the files and the other web pages (each
        when there are some), and every feed followed (in the order followed, even with nothing yet).

        Each count is what `Library.count(group=...)` (`unread_only` for the unread) would say, found
        without scanning the articles once per group: unread is the total less the articles read,
        counted from `reading` (EXPLAIN QUERY PLAN, and the figures, in tests/library/test_groups.py).
        """
        one = self.library.execute
        total = one("SELECT count(*) FROM articles")[0][0]
        read = one(
            "SELECT count(*) FROM reading r WHERE r.read != 0 AND EXISTS (SELECT 1 FROM articles a WHERE a.source = r.source)"
        )[0][0]
        web = one("SELECT count(*) FROM articles WHERE kind = 'url'")[0][0]
        web_read = one(
            "SELECT count(*) FROM reading r WHERE r.read != 0 AND r.source IN (SELECT source FROM articles WHERE kind = 'url')"
        )[0][0]
        pages, pages_read = one(
            "SELECT count(*), count(r.source) FROM articles a LEFT JOIN reading r ON r.source = a.source AND r.read != 0"
            f" WHERE {GROUP_CLAUSES['pages'][0]}"
        )[0]
        feeds = one(
            "SELECT f.url, f.title, count(a.id), count(r.source) FROM feeds f"
            " LEFT JOIN feed_entries e ON e.feed = f.url LEFT JOIN articles a ON a.source = e.source"
            " LEFT JOIN reading r ON r.source = a.source AND r.read != 0"
            " GROUP BY f.url ORDER BY f.added, f.url"
        )
        rows = [GroupRow(Group("all"), "All", total, total - read)]
        if total - web:
            rows.append(GroupRow(Group("files"), "Files", total - web, total - web - (read - web_read)))
        if pages:
            rows.append(GroupRow(Group("pages"), "Web pages", pages, pages - pages_read))
        rows += [GroupRow(Group("feed", url), title or url, count, count - seen) for url, title, count, seen in feeds]
        return rows

    # -- the updater's store (reader.web.update.FeedStore) -------------------------------------

    def feed_states(self) -> list[FeedState]:
        query = (
            "SELECT url, title, titled, etag, last_modified, retry_until, updated, error FROM feeds ORDER BY added, url"
        )
        return [
            FeedState(url, title if titled else "", etag, modified, retry, updated, error)
            for url, title, titled, etag, modified, retry, updated, error in self.library.execute(query)
        ]

    def known_entries(self, feed_url: str) -> Known:
        rows = self.library.execute("SELECT guid, link, hash FROM feed_entries WHERE feed = ?", (feed_url,))
        return Known(
            frozenset(guid for guid, _, _ in rows if guid),
            frozenset(link for _, link, _ in rows if link),
            frozenset(digest for _, _, digest in rows),
        )

    def add_entries(self, feed_url: str, entries: list[NewEntry]) -> None:
        """A feed's new entries: articles (tagged here) and their keys, in one transaction."""
        from reader.entities import article_entities

        prepared = [
            Prepared(
                source=entry.source,
                kind="url",
                origin=feed_url,
                article=entry.article,
                mentions=tuple(article_entities(entry.article)),
                terms=block_terms(entry.article),
                published=entry.published,
            )
            for entry in entries
        ]
        keys = [(feed_url, entry.source, entry.guid or None, entry.link or None, entry.hash) for entry in entries]
        self.library.add_with(
            prepared,
            lambda db: db.executemany(
                "INSERT INTO feed_entries (feed, source, guid, link, hash) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (feed, source) DO UPDATE SET guid = excluded.guid, link = excluded.link,"
                " hash = excluded.hash",
                keys,
            ),
        )

    def save_feed_state(self, state: FeedState) -> None:
        with self.library.transaction() as db:
            db.execute(
                "UPDATE feeds SET title = CASE WHEN titled THEN title ELSE coalesce(nullif(?, ''), title) END,"
                " etag = ?, last_modified = ?,"
                " retry_until = ?, updated = coalesce(?, updated), error = ? WHERE url = ?",
                (
                    state.title,
                    state.etag,
                    state.last_modified,
                    state.retry_until,
                    state.updated,
                    state.error,
                    state.url,
                ),
            )


# -- the app's update, in a process of its own -------------------------------------------------

UpdateEvent = tuple[str, object, object]
"""What a background update tells, in order: ("progress", done, total) after each feed,
("stored", n, feed) when a feed's n new articles are in the store, ("failed", line, None) for each
feed that failed, and last ("finished", summary or None, None)."""


class BackgroundUpdate:
    """`reader update` for the app: `update_feeds` in a process of its own, its events read here.

    Not a thread: tagging a feed's new entries keeps a core busy, and in the app's own process it
    holds the interpreter long enough that keys waited over a second (measured, 10 feeds of 30
    entries). The store is safe to kill at any moment, so `stop` (the app quitting) just ends it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._events: multiprocessing.queues.Queue[UpdateEvent] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None

    def start(self) -> None:
        """Start the process. Textual stands an object whose `fileno()` is -1 in for `sys.stderr`, and
        multiprocessing hands that on when it starts its resource tracker ("bad value(s) in
        fds_to_keep"): the queue, the tracker and the fork server are made with the real one."""
        import contextlib
        import multiprocessing
        import sys

        with contextlib.redirect_stderr(sys.__stderr__ or sys.stderr):
            # forkserver, as the indexer's pool: a clean process to fork from, whatever threads the app runs.
            context = multiprocessing.get_context("forkserver")
            self._events = context.Queue()
            self._process = context.Process(
                target=_update_process, args=(str(self.path), self._events), name="reader-update", daemon=True
            )
            self._process.start()

    def events(self) -> Iterator[UpdateEvent]:
        """Each event as it comes, until "finished" (also when the process died without saying it)."""
        import queue

        assert self._events is not None and self._process is not None, "start() first"
        while True:
            try:
                event = self._events.get(timeout=0.2)
            except queue.Empty:
                if self._process.is_alive():
                    continue
                try:  # it may have put its last events just before it ended
                    event = self._events.get(timeout=0.5)
                except queue.Empty:
                    code = self._process.exitcode
                    yield ("failed", f"the feed update stopped (its process ended with code {code})", None)
                    yield ("finished", None, None)
                    return
            yield event
            if event[0] == "finished":
                self._process.join(5)
                self._events.close()
                return

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)


def _update_process(path: str, events: multiprocessing.queues.Queue[UpdateEvent]) -> None:
    from reader.errors import ReaderError
    from reader.web.update import update_feeds

    summary = None
    try:
        with Library(Path(path)) as library:
            summary = update_feeds(
                _Telling(LibraryFeeds(library), events),
                report=lambda line: events.put(("failed", line, None)),
                progress=lambda done, total: events.put(("progress", done, total)),
            )
    except ReaderError as error:  # the store could not be opened or written: the update stops there
        events.put(("failed", f"feeds not updated: {error}", None))
    finally:
        events.put(("finished", summary, None))
        events.close()
        events.join_thread()


class _Telling:
    """The library's feed store (the updater's `FeedStore`), saying when a feed's new entries are written."""

    def __init__(self, feeds: LibraryFeeds, events: multiprocessing.queues.Queue[UpdateEvent]) -> None:
        self.feeds = feeds
        self.events = events

    def feed_states(self) -> list[FeedState]:
        return self.feeds.feed_states()

    def known_entries(self, feed_url: str) -> Known:
        return self.feeds.known_entries(feed_url)

    def add_entries(self, feed_url: str, entries: list[NewEntry]) -> None:
        self.feeds.add_entries(feed_url, entries)
        self.events.put(("stored", len(entries), feed_url))

    def save_feed_state(self, state: FeedState) -> None:
        self.feeds.save_feed_state(state)
