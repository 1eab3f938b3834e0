"""The SQLite store: one database file, opened, migrated and guarded here.

Every public method turns an SQLite failure into one `StoreError` line (a full disk, a
read-only folder, a damaged file, a lock held too long); nothing here deletes or rewrites a
database it cannot read. Writes are transactions of whole articles, so a process killed at
any moment leaves each article either entirely in or entirely out.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any

import platformdirs

from reader.entities import Mention
from reader.errors import ReaderError
from reader.library import schema
from reader.library.records import (
    ALL,
    ORDERS,
    ArticleRow,
    EntityRow,
    Fingerprint,
    Group,
    Order,
    Prepared,
    Rows,
    Stored,
)
from reader.library.terms import text_terms
from reader.model import Article, Entity, Noise, PageInfo, Paragraph, Section

DATABASE_NAME = "library.sqlite3"
BUSY_SECONDS = 30.0  # how long a writer waits for another one before saying the library is busy
_CACHE_KIB = 32 * 1024
_CHECKPOINT_PAGES = 8192  # of 4 KiB
_GIVE_UP_STEPS = 1000  # SQLite virtual machine steps between two looks at giving_up's condition
_TERMS = itemgetter(-1)  # a block's row's search terms (`article_rows`)
_MANY = 2000  # articles below the folders a list is kept to: from here on, walk the order's index (Library.rows)

_ROW_COLUMNS = (
    "a.id, a.source, a.title, a.status, a.error, a.words, a.sections, a.entities, a.added, a.published,"
    " coalesce(r.read, 0)"
)
_ROW_FROM = "articles a LEFT JOIN reading r ON r.source = a.source"
_ORDER_COLUMNS: dict[Order, str] = {
    "added": "a.added",
    "published": "a.published",
    "title": "a.title_key",
    "length": "a.words",
    "entities": "a.entities",
}
assert set(_ORDER_COLUMNS) == set(ORDERS)
# Each group's articles as a condition on `a` (and how many times it takes the feed's URL). Files are
# most of a library: scanning the sort order's index and skipping the rest finds a page at once. A
# feed's entries and the web pages are few: looked up by source, then sorted (schema.VERSION_3).
GROUP_CLAUSES = {
    "files": ("a.kind = 'file'", 0),
    "feed": ("a.source IN (SELECT source FROM feed_entries WHERE feed = ?)", 1),
    "pages": ("a.source IN (SELECT source FROM articles WHERE kind = 'url' EXCEPT SELECT source FROM feed_entries)", 0),
}


# The `articles` columns `_article_fields` gives, in its order (`Rows.fields`); `added` is the writer's.
ARTICLE_COLUMNS = (
    "source",
    "kind",
    "origin",
    "status",
    "error",
    "size",
    "mtime_ns",
    "hash",
    "format",
    "encoding",
    "title",
    "title_key",
    "words",
    "chars",
    "sections",
    "entities",
    "published",
    "page",
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, added) VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)}, ?)"
)
_UPDATE_ARTICLE = f"UPDATE articles SET {', '.join(f'{name} = ?' for name in ARTICLE_COLUMNS)} WHERE id = ?"


class StoreError(ReaderError):
    """The library cannot be opened, read or written: one line that says why and where."""


class GaveUp(Exception):
    """A query stopped because its caller said to (`Library.giving_up`): nothing is wrong."""


def data_dir() -> Path:
    """READER_DATA_DIR wins so tests never write into the real home."""
    override = os.environ.get("READER_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("reader"))


def article_blocks(article: Article) -> list[tuple[int, int, str, int, str | None]]:
    """The article's text as (section, paragraph, kind, line, text) rows: the title, then each
    section's heading (None for a lead without one) and paragraphs, in reading order."""
    blocks: list[tuple[int, int, str, int, str | None]] = [(-1, -1, "title", 0, article.title)]
    for s, section in enumerate(article.sections):
        blocks.append((s, -1, "heading", section.line, section.heading))
        blocks.extend(
            (s, p, paragraph.kind, paragraph.line, paragraph.text) for p, paragraph in enumerate(section.paragraphs)
        )
    return blocks


def block_terms(article: Article) -> tuple[str, ...]:
    """The search terms of each of `article_blocks(article)`."""
    return tuple(text_terms(text or "") for *_, text in article_blocks(article))


def storable(source: str) -> str:
    """A source as SQLite can hold it, and as `unstored` gives it back exactly.

    A file name that is not UTF-8 reaches Python with its odd bytes as lone surrogates, which
    SQLite refuses. In a path (it begins with /) each of those bytes is written `\\xNN` and a
    backslash of the name itself `\\\\`, so no two names meet in one stored form (`a<FF>.txt`
    is `a\\xff.txt`, a file really named `a\\xff.txt` is `a\\\\xff.txt`) and the next index run
    finds each file as it was stored. Addresses and other keys are kept as they are (their bytes
    written as `\\xNN` if they are not UTF-8; nothing gives them such bytes).
    """
    if source.startswith("/"):
        return source.translate(_BACKSLASH).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _valid(source)


def unstored(stored: str) -> str:
    """The source that `storable` wrote as `stored`."""
    if not stored.startswith("/") or "\\" not in stored:
        return stored
    return _ESCAPED.sub(_unescape, stored)


def _unescape(match: re.Match[str]) -> str:
    escaped = match.group(1)
    return "\\" if escaped == "\\" else chr(0xDC00 + int(escaped[1:], 16))  # surrogateescape's form of the byte


_BACKSLASH = str.maketrans({"\\": "\\\\"})
_ESCAPED = re.compile(r"\\(\\|x[0-9a-f]{2})")


def _valid(text: str) -> str:
    """`text` as valid Unicode: bytes that are not UTF-8 written as \\xNN, as `display_name` shows them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _message(path: Path, error: sqlite3.Error) -> str:
    text = str(error)
    where = str(path)
    if isinstance(error, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
        return f"{where}: not a readable library ({text}); it was left as it is"
    if "disk is full" in text or "disk I/O" in text:
        return f"{where}: cannot write the library: {text} (is the disk full?)"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"{where}: cannot open the library for writing ({text}): is its folder read-only?"
    if "locked" in text or "busy" in text:
        return f"{where}: the library is busy: another reader kept it locked for {BUSY_SECONDS:.0f} s"
    return f"{where}: library error: {text}"


class Library:
    """The library of articles: add, remove, get, search, entities (see `reader.library`)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / DATABASE_NAME
        self.warning: str | None = None  # something to tell once the app has ended (an old state file unread)
        self._give_up: Callable[[], bool] | None = None  # see giving_up
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{self.path.parent}: cannot create the data folder: {error.strerror}") from None
        with self._guard():
            self._db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            with self._guard():
                self._open()
        except BaseException:
            self._db.close()
            raise

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> None:
        db = self._db
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.LATEST:
            raise StoreError(
                f"{self.path}: written by a newer reader (library version {version}, this reader knows "
                f"up to {schema.LATEST}); it was left as it is"
            )
        if version and not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            raise StoreError(f"{self.path}: not a reader library (no articles table); it was left as it is")
        if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{self.path}: not a reader library (other tables in it); it was left as it is")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # with WAL: a crash keeps every committed transaction but the last
        db.execute("PRAGMA foreign_keys = ON")
        # Speed only, not safety: a bigger page cache (the default 2 MB is less than the indexes
        # of a large library), and a checkpoint every 32 MB of log rather than 4 (fewer syncs).
        db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        db.execute(f"PRAGMA wal_autocheckpoint = {_CHECKPOINT_PAGES}")
        if version < schema.LATEST:
            self._migrate()

    def _migrate(self) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it meanwhile
            for number in range(version, schema.LATEST):
                for step in schema.MIGRATIONS[number]:
                    if isinstance(step, str):
                        for statement in _statements(step):
                            db.execute(statement)
                    else:
                        step(db)
                db.execute(f"PRAGMA user_version = {number + 1}")
            if version == 0:
                self._import_state_file()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _import_state_file(self) -> None:
        """Reading positions from the state file of earlier versions, once, when the library is created.

        A file that cannot be read is left as it is, and said once (`warning`): nobody is stopped from reading.
        """
        from reader.state import UnreadableState, load_positions, state_dir

        path = state_dir() / "positions.json"
        try:
            positions = load_positions(path, skip_invalid=True)
        except UnreadableState as error:
            self.warning = f"reading positions in {path} could not be imported ({error}); the file was left as it is"
            return
        rows = [
            (key, entry["row"], entry["offset"], float(entry.get("time", 0) or 0)) for key, entry in positions.items()
        ]
        self._db.executemany(
            'INSERT OR IGNORE INTO reading (source, read, row, "offset", updated) VALUES (?, 1, ?, ?, ?)', rows
        )

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as error:
            if self._give_up is not None and str(error) == "interrupted":
                raise GaveUp from None
            raise StoreError(_message(self.path, error)) from None
        except sqlite3.Error as error:
            raise StoreError(_message(self.path, error)) from None

    @contextmanager
    def giving_up(self, when: Callable[[], bool]) -> Iterator[None]:
        """Queries made in this block stop, raising `GaveUp`, as soon as `when()` is true (asked
        every thousand steps of SQLite's machine, about every 10-50 microseconds of work). The UI
        thread tries what is quick nearly always and hands the rest to a thread (`when`: a few
        milliseconds have passed); a thread stops a query whose answer nobody wants any more."""
        self._give_up = when
        self._db.set_progress_handler(lambda: 1 if when() else 0, _GIVE_UP_STEPS)
        try:
            yield
        finally:
            self._db.set_progress_handler(None, _GIVE_UP_STEPS)
            self._give_up = None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._db.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction, for the modules of reader.library that keep tables of their own (feeds)."""
        return self._transaction()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def add_with(self, prepared: Sequence[Prepared], then: Callable[[sqlite3.Connection], object]) -> list[int]:
        """Write articles and, in the same transaction, what `then(db)` writes (a feed's entry keys),
        so that all of it is in or none."""
        rows = [article_rows(item) for item in prepared]
        now = time.time()
        with self._transaction() as db:
            ids = self._write_all(db, rows, now)
            then(db)
            return ids

    def add(self, prepared: Iterable[Prepared]) -> list[int]:
        """Write articles (new or replacing the same source) in one transaction; their ids."""
        return self.add_rows([article_rows(item) for item in prepared])

    def add_rows(self, rows: Iterable[Rows]) -> list[int]:
        """Write articles given as `article_rows` made them (by the indexer's workers) in one transaction; their ids."""
        now = time.time()
        with self._transaction() as db:
            return self._write_all(db, rows, now)

    def add_article(
        self,
        article: Article,
        *,
        source: str,
        kind: str = "url",
        origin: str | None = None,
        published: float | None = None,
        mentions: Sequence[Mention] | None = None,
    ) -> int:
        """Add one article built elsewhere (a page, a feed entry): tagged here unless `mentions` are given."""
        if mentions is None:
            from reader.entities import article_entities

            mentions = article_entities(article)
        item = Prepared(
            source=source,
            kind="url" if kind == "url" else "file",
            origin=origin,
            article=article,
            mentions=tuple(mentions),
            terms=block_terms(article),
            published=published,
        )
        return self.add([item])[0]

    def remove(self, sources: Iterable[str]) -> int:
        """Take these sources out of the library (their reading state stays); how many were in it."""
        removed = 0
        with self._transaction() as db:
            for source in sources:
                row = db.execute("SELECT id, status FROM articles WHERE source = ?", (storable(source),)).fetchone()
                if row is not None:
                    self._unindex(db, row[0], row[1])
                    db.execute("DELETE FROM articles WHERE id = ?", (row[0],))
                    removed += 1
        return removed

    def touch(self, items: Iterable[tuple[str, Fingerprint]]) -> None:
        """Record new mtimes for files whose bytes did not change."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE articles SET size = ?, mtime_ns = ? WHERE source = ?",
                [(print_.size, print_.mtime_ns, storable(source)) for source, print_ in items],
            )

    def merge_search_index(self) -> None:
        """Merge the full-text index's segments into one (FTS5 `optimize`), in one transaction:
        for after many articles were added, since a search reads every segment."""
        with self._transaction() as db:
            db.execute("INSERT INTO search (search) VALUES ('optimize')")

    def _unindex(self, db: sqlite3.Connection, article_id: int, status: str) -> None:
        """Delete an article's row from the contentless full-text index, with the terms it was given."""
        if status != "ok":
            return
        rows = db.execute(
            "SELECT section, terms FROM blocks WHERE article_id = ? ORDER BY section, paragraph", (article_id,)
        ).fetchall()
        title = " ".join(terms for section, terms in rows if section < 0)
        body = " ".join(terms for section, terms in rows if section >= 0)
        db.execute(
            "INSERT INTO search (search, rowid, title, body) VALUES ('delete', ?, ?, ?)", (article_id, title, body)
        )

    def _write_all(self, db: sqlite3.Connection, rows: Iterable[Rows], now: float) -> list[int]:
        """Write articles in the transaction `db` is in; their ids.

        Their full-text rows go in last, all together: FTS5 writes what it holds to disk whenever
        another statement opens a savepoint (the insert into `articles` does, for its trigger), so
        one article's terms between two other articles' rows made a segment of their own and
        segments to merge. Together, they are one segment of the batch (writing 3,072 bench
        articles: 2.0 -> 1.2 ms of processor time an article).
        """
        pending: list[tuple[int, str, str]] = []
        ids = [self._write(db, item, now, pending) for item in rows]
        self._index(db, pending)
        return ids

    def _index(self, db: sqlite3.Connection, pending: list[tuple[int, str, str]]) -> None:
        """Add the full-text rows `_write` left in `pending`, and empty it."""
        db.executemany("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)", pending)
        pending.clear()

    def _write(self, db: sqlite3.Connection, rows: Rows, now: float, pending: list[tuple[int, str, str]]) -> int:
        """Write one article's rows; its full-text row is left in `pending` (see `_write_all`)."""
        old = db.execute("SELECT id, status FROM articles WHERE source = ?", (rows.source,)).fetchone()
        if old is not None:
            if pending:  # a source given twice: its first full-text row must be in before it is deleted
                self._index(db, pending)
            article_id = int(old[0])
            self._unindex(db, article_id, old[1])
            for table in ("blocks", "noise", "mentions"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            db.execute(_UPDATE_ARTICLE, (*rows.fields, article_id))
        else:
            cursor = db.execute(_INSERT_ARTICLE, (*rows.fields, now))
            article_id = int(cursor.lastrowid or 0)
        if not rows.blocks:  # a failed file: no text (an article has its title's block at least)
            return article_id
        db.executemany(
            "INSERT INTO blocks (article_id, section, paragraph, kind, line, text, terms) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, *row) for row in rows.blocks],
        )
        if rows.noise:
            db.executemany(
                "INSERT INTO noise (article_id, ordinal, text, reason, line, section, paragraph)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(article_id, *row) for row in rows.noise],
            )
        db.executemany(
            'INSERT INTO mentions (article_id, ordinal, section, paragraph, start, "end", type, key, text)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, *row) for row in rows.mentions],
        )
        terms = list(map(_TERMS, rows.blocks))
        pending.append((article_id, str(terms[0]), " ".join(map(str, terms[1:]))))
        return article_id

    # -- reading -------------------------------------------------------------------------------

    def fingerprints(self, under: str | None = None) -> dict[str, tuple[Fingerprint, bool]]:
        """Each file source's fingerprint and whether it failed; only those below folder `under` if given."""
        query = "SELECT source, size, mtime_ns, hash, status FROM articles WHERE kind = 'file'"
        arguments: tuple[str, ...] = ()
        if under is not None:
            prefix = under.rstrip(os.sep) + os.sep
            # Everything that starts with `prefix`: the range up to the next character after the separator.
            query += " AND source >= ? AND source < ?"
            arguments = (storable(prefix), storable(prefix[:-1]) + chr(ord(os.sep) + 1))
        with self._guard():
            return {
                unstored(source): (Fingerprint(size or 0, mtime or 0, digest or ""), status != "ok")
                for source, size, mtime, digest, status in self._db.execute(query, arguments)
            }

    def get(self, source: str) -> Stored | None:
        """The stored article at `source`, with its entities; None if it is not in the library or failed."""
        found = self.beginning(source, -1)
        return None if found is None else found[0]

    def beginning(self, source: str, blocks: int) -> tuple[Stored, bool] | None:
        """The stored article at `source` up to its first `blocks` headings and paragraphs (all
        when -1), with their entities, and whether that is all of it: a large article's first screen, read in
        milliseconds while the whole of it (`get`, seconds for 10 MB) is read elsewhere."""
        with self._guard():
            row = self._db.execute(
                f"SELECT {_ROW_COLUMNS} FROM {_ROW_FROM} WHERE a.source = ?", (storable(source),)
            ).fetchone()
            if row is None or row[3] != "ok":
                return None
            return self._stored(_row(row), blocks)

    def get_by_id(self, article_id: int) -> Stored | None:
        with self._guard():
            row = self._db.execute(f"SELECT {_ROW_COLUMNS} FROM {_ROW_FROM} WHERE a.id = ?", (article_id,)).fetchone()
            if row is None or row[3] != "ok":
                return None
            return self._stored(_row(row))[0]

    def _stored(self, row: ArticleRow, blocks: int = -1) -> tuple[Stored, bool]:
        """The article of `row` (its first `blocks` blocks, all when -1) and whether that is all of it."""
        db = self._db
        meta = db.execute("SELECT format, encoding, page FROM articles WHERE id = ?", (row.id,)).fetchone()
        sections: list[Section] = []
        last = (-1, -1)
        more = False
        for read, (section, paragraph, kind, line, text) in enumerate(
            db.execute(
                "SELECT section, paragraph, kind, line, text FROM blocks WHERE article_id = ? AND section >= 0"
                " ORDER BY section, paragraph LIMIT ?",
                (row.id, blocks if blocks < 0 else blocks + 1),
            )
        ):
            if read == blocks:  # one more than asked for: there is more
                more = True
                break
            last = (section, paragraph)
            if paragraph < 0:
                sections.append(Section(text, [], line))
            else:
                sections[section].paragraphs.append(Paragraph(text, kind, line))
        upto = " AND (section, paragraph) <= (?, ?)" if more else ""
        bound = last if more else ()
        noise = [
            Noise(*values)
            for values in db.execute(
                f"SELECT text, reason, line, section, paragraph FROM noise WHERE article_id = ?{upto} ORDER BY ordinal",
                (row.id, *bound),
            )
        ]
        # Mentions are stored in reading order (`ordinal`), so a beginning's end at the first one
        # past it: a filter on (section, paragraph) reads all of them (94,000 for 10 MB, 50 ms
        # the first screen waited for).
        mentions: list[Mention] = []
        cursor = db.execute(
            'SELECT section, paragraph, start, "end", type, key, text FROM mentions WHERE article_id = ? ORDER BY ordinal',
            (row.id,),
        )
        for section, paragraph, start, end, kind, key, text in cursor:
            if more and (section, paragraph) > last:
                break
            mentions.append(Mention(section, paragraph, Entity(start, end, kind, text, key)))
        cursor.close()
        page = PageInfo(**json.loads(meta[2])) if meta[2] else None
        article = Article(row.source, row.title, sections, noise, meta[1] or "utf-8", meta[0] or "text", page)
        return Stored(row, article, tuple(mentions)), not more

    def unchanged_mentions(self, article: Article, size: int, mtime_ns: int) -> tuple[Mention, ...] | None:
        """The stored mentions of `article` (read from a file of this size and mtime) if the library
        holds that file unchanged and as the same article (title and paragraph count); else None."""
        with self._guard():
            found = self._db.execute(
                "SELECT id, title, size, mtime_ns FROM articles WHERE source = ? AND status = 'ok'",
                (storable(article.source),),
            ).fetchone()
            if found is None or (found[2], found[3]) != (size, mtime_ns) or found[1] != article.title:
                return None
            paragraphs = self._db.execute(
                "SELECT count(*) FROM blocks WHERE article_id = ? AND section >= 0 AND paragraph >= 0", (found[0],)
            ).fetchone()[0]
            if paragraphs != len(article.paragraphs()):
                return None
            return tuple(
                Mention(section, paragraph, Entity(start, end, kind, text, key))
                for section, paragraph, start, end, kind, key, text in self._db.execute(
                    'SELECT section, paragraph, start, "end", type, key, text FROM mentions WHERE article_id = ?'
                    " ORDER BY ordinal",
                    (found[0],),
                )
            )

    def count(
        self,
        *,
        title: str = "",
        unread_only: bool = False,
        entity: str | None = None,
        group: Group = ALL,
        under: Sequence[str] = (),
    ) -> int:
        """How many rows `rows` would give with the same filters: the whole library's from the tally
        its triggers keep (one row, whatever the size), a filtered view's by counting its rows."""
        tables = _ROW_FROM if unread_only else "articles a"  # the read marks only when they filter
        with self._guard():
            where, arguments = _filters(title, unread_only, entity, group, self._narrowing(under))
            if not where:
                return int(self._db.execute("SELECT n FROM tally WHERE name = 'articles'").fetchone()[0])
            return int(self._db.execute(f"SELECT count(*) FROM {tables}{where}", arguments).fetchone()[0])

    def rows(
        self,
        *,
        order: Order = "added",
        descending: bool = True,
        offset: int = 0,
        limit: int = 100,
        after: int | None = None,
        title: str = "",
        unread_only: bool = False,
        entity: str | None = None,
        group: Group = ALL,
        under: Sequence[str] = (),
    ) -> list[ArticleRow]:
        """A page of the library's rows, sorted and filtered (title: in the folded title or the file's
        name; entity: a key; group: the articles of one group of the group pane; under: only sources
        that are these files or lie below these folders, all when empty).

        `after` is the id of the row at `offset - 1`, when the caller knows it (the list, paging
        down): the page is then found from there in the order's index, and a page deep in the list
        costs what the first one does (OFFSET walks every row before it: 5 ms at 5,000 rows in).
        """
        with self._guard():
            seek, values = self._seek(order, descending, after)
            narrowed = self._narrowing(under)
            where, arguments = _filters(title, unread_only, entity, group, narrowed, ordered=self._many_under(narrowed))
            if seek:
                where += f"{' AND' if where else ' WHERE'} {seek}"
                arguments, offset = (*arguments, *values), 0
            direction = "DESC" if descending else "ASC"
            column = _ORDER_COLUMNS[order]
            return [
                _row(values)
                for values in self._db.execute(
                    f"SELECT {_ROW_COLUMNS} FROM {_ROW_FROM}{where} ORDER BY {column} {direction}, a.id {direction}"
                    " LIMIT ? OFFSET ?",
                    (*arguments, limit, offset),
                )
            ]

    def _seek(self, order: Order, descending: bool, after: int | None) -> tuple[str, tuple[object, ...]]:
        """The condition for the rows that come after article `after` in `order` ("" when it cannot
        be said so: no such article, or an unknown date, which sorts apart from the rest)."""
        if after is None:
            return "", ()
        column = _ORDER_COLUMNS[order]
        found = self._db.execute(f"SELECT {column} FROM articles a WHERE a.id = ?", (after,)).fetchone()
        if found is None or found[0] is None:
            return "", ()
        # A row value: SQLite takes it as a range of the order's index (column, id). An unknown
        # date comes below every known one, so descending those come after any known date too.
        seek = f"({column}, a.id) {'<' if descending else '>'} (?, ?)"
        if descending and order == "published":
            seek = f"({seek} OR {column} IS NULL)"
        return seek, (found[0], after)

    def _many_under(self, under: Sequence[str]) -> bool:
        """Whether the folders `under` hold many articles (a few thousand or more). Then the rows
        are best found by walking the order's index and keeping those below them; the few of a
        small folder are best found through the sources' index and sorted (100 ms against 5 ms for
        either, the wrong way round, at 10,000 articles)."""
        if not under:
            return False
        _where, arguments = _filters("", False, None, ALL, under)
        probe = f"SELECT count(*) FROM (SELECT 1 FROM articles a{_where} LIMIT {_MANY})"
        return int(self._db.execute(probe, arguments).fetchone()[0]) >= _MANY

    def rank(
        self,
        article_id: int,
        *,
        order: Order = "added",
        descending: bool = True,
        title: str = "",
        unread_only: bool = False,
        entity: str | None = None,
        group: Group = ALL,
        under: Sequence[str] = (),
    ) -> int | None:
        """Where article `article_id` stands in `rows` with the same order and filters (its offset),
        None if they leave it out: the list keeps its cursor on an article while rows come and go."""
        column = _ORDER_COLUMNS[order]
        with self._guard():
            where, arguments = _filters(title, unread_only, entity, group, self._narrowing(under))
            found = self._db.execute(
                f"SELECT {column} FROM {_ROW_FROM}{where}{' AND' if where else ' WHERE'} a.id = ?",
                (*arguments, article_id),
            ).fetchone()
            if found is None:
                return None
            value = found[0]
            # The rows before it: SQLite sorts NULL (an unknown date) below every value.
            after, later = (">", "a.id >") if descending else ("<", "a.id <")
            if value is None:
                before = f"({column} IS NOT NULL OR {later} ?)" if descending else f"({column} IS NULL AND {later} ?)"
                values: tuple[object, ...] = (article_id,)
            else:
                before = f"({column} {after} ? OR ({column} = ? AND {later} ?))"
                if not descending:
                    before = f"({column} IS NULL OR {before})"
                values = (value, value, article_id)
            query = f"SELECT count(*) FROM {_ROW_FROM}{where}{' AND' if where else ' WHERE'} {before}"
            return int(self._db.execute(query, (*arguments, *values)).fetchone()[0])

    def _narrowing(self, under: Sequence[str]) -> Sequence[str]:
        """`under`, or nothing when one of its folders holds every source in the library (`reader
        FOLDER` on a library of that folder): then the rows are the whole library's, and its tally
        and sort indexes answer at once, where the folder's range of sources is read whole (27 ms
        to count and 65 ms for the first page of 100,000). Two index look-ups: the first and the
        last source."""
        if not under:
            return under
        lowest, highest = self._db.execute(
            "SELECT (SELECT min(source) FROM articles), (SELECT max(source) FROM articles)"
        ).fetchone()
        if lowest is None:
            return ()
        for path in under:
            prefix = storable(path.rstrip(os.sep) + os.sep)  # as the sources are stored
            end = prefix[:-1] + chr(ord(os.sep) + 1)
            if lowest == highest == storable(path) or (prefix <= lowest and highest < end):
                return ()
        return under

    def entities(self, limit: int | None = None) -> list[EntityRow]:
        """Entities across the library, most mentioned first: key, type, longest name, mentions, articles."""
        query = (
            "SELECT key, type, text, max(length(text)), count(*) AS n, count(DISTINCT article_id) FROM mentions"
            " GROUP BY key, type ORDER BY n DESC, type, key"
        )
        with self._guard():
            rows = self._db.execute(query + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
        return [EntityRow(key, kind, name, count, articles) for key, kind, name, _, count, articles in rows]

    def entity_keys(self, name: str) -> list[str]:
        """The keys an entity named `name` may have in the library (its own key as each type, and the
        keys of mentions written exactly so)."""
        from reader.entities import keys
        from reader.entities.lexicon import shared

        lexicon = shared()
        candidates = {keys.assign([(kind, name)], lexicon)[0] for kind in ("PER", "LOC", "ORG", "MISC")}
        with self._guard():
            candidates.update(
                key for (key,) in self._db.execute("SELECT DISTINCT key FROM mentions WHERE text = ?", (name,))
            )
            return sorted(
                key
                for key in candidates
                if self._db.execute("SELECT 1 FROM mentions WHERE key = ? LIMIT 1", (key,)).fetchone()
            )

    # -- reading state -------------------------------------------------------------------------

    def position(self, source: str) -> tuple[int, int] | None:
        """Where the reader left `source`: (paragraph row, character offset)."""
        with self._guard():
            row = self._db.execute('SELECT row, "offset" FROM reading WHERE source = ?', (storable(source),)).fetchone()
        return (int(row[0]), int(row[1])) if row and row[0] is not None else None

    def set_position(self, source: str, row: int, offset: int) -> None:
        with self._transaction() as db:
            db.execute(
                'INSERT INTO reading (source, read, row, "offset", updated) VALUES (?, 1, ?, ?, ?)'
                ' ON CONFLICT (source) DO UPDATE SET row = excluded.row, "offset" = excluded."offset",'
                " updated = excluded.updated",
                (storable(source), row, offset, time.time()),
            )

    def is_read(self, source: str) -> bool:
        with self._guard():
            row = self._db.execute("SELECT read FROM reading WHERE source = ?", (storable(source),)).fetchone()
        return bool(row and row[0])

    def set_read(self, source: str, read: bool) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO reading (source, read, updated) VALUES (?, ?, ?)"
                " ON CONFLICT (source) DO UPDATE SET read = excluded.read, updated = excluded.updated",
                (storable(source), int(read), time.time()),
            )

    # -- for the search and integrity checks ---------------------------------------------------

    def execute(self, query: str, arguments: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (for `reader.library.search` and the tests), errors turned into `StoreError`."""
        with self._guard():
            return self._db.execute(query, arguments).fetchall()

    def row_of(self, values: Sequence[Any]) -> ArticleRow:
        return _row(values)


def _statements(script: str) -> list[str]:
    """A migration's statements, one by one (executescript would commit the transaction they belong to)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line.split("--", 1)[0] + ("\n" if "--" in line else "")
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return [statement for statement in statements if statement.strip(";\n ")]


def _filters(
    title: str,
    unread_only: bool,
    entity: str | None,
    group: Group = ALL,
    under: Sequence[str] = (),
    *,
    ordered: bool = False,
) -> tuple[str, tuple[object, ...]]:
    """The WHERE clause of these filters. `ordered`: the sources' index is not to be used for
    `under` (`+a.source`), so that SQLite walks the order's index instead of sorting every row."""
    from reader.arabic.normalize import fold

    clauses: list[str] = []
    arguments: list[object] = []
    if group.kind != "all":
        clause, given = GROUP_CLAUSES[group.kind]
        clauses.append(clause)
        arguments.extend(group.feed for _ in range(given))
    if under:
        places = []
        for path in under:
            prefix = path.rstrip(os.sep) + os.sep
            # the path itself, or anything in the range of sources that start with `prefix`
            places.append("{0} = ? OR ({0} >= ? AND {0} < ?)".format("+a.source" if ordered else "a.source"))
            arguments.extend((storable(path), storable(prefix), storable(prefix[:-1]) + chr(ord(os.sep) + 1)))
        clauses.append("(" + " OR ".join(places) + ")")
    if title:
        # The folded title, or the file's own name (what follows the last /), as typed
        clauses.append(
            "(instr(a.title_key, ?) > 0"
            " OR instr(lower(substr(a.source, length(rtrim(a.source, replace(a.source, '/', ''))) + 1)), ?) > 0)"
        )
        arguments.extend((fold(title), title.casefold()))
    if unread_only:
        clauses.append("coalesce(r.read, 0) = 0")
    if entity is not None:
        clauses.append("a.id IN (SELECT article_id FROM mentions WHERE key = ?)")
        arguments.append(entity)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(arguments)


def _row(values: Sequence[Any]) -> ArticleRow:
    ident, source, title, status, error, words, sections, entities, added, published, read = values
    return ArticleRow(
        id=int(ident),
        source=unstored(str(source)),
        title=str(title),
        failed=status != "ok",
        error=None if error is None else str(error),
        words=int(words),
        sections=int(sections),
        entities=int(entities),
        added=float(added),
        published=None if published is None else float(published),
        read=bool(read),
    )


def article_rows(item: Prepared) -> Rows:
    """What the store writes for `item`, made where the article was (see `Rows`)."""
    article = item.article
    named = _article_fields(item)
    assert tuple(named) == ARTICLE_COLUMNS
    fields = tuple(named.values())
    source = storable(item.source)
    if article is None:
        return Rows(source, item.error, fields, [], [], [])
    blocks = article_blocks(article)
    terms = item.terms if len(item.terms) == len(blocks) else block_terms(article)
    return Rows(
        source,
        item.error,
        fields,
        [(*block, term) for block, term in zip(blocks, terms, strict=True)],
        [(n, x.text, x.reason, x.line, x.section, x.paragraph) for n, x in enumerate(article.noise)],
        [
            (n, m.section, m.paragraph, m.entity.start, m.entity.end, m.entity.type, m.entity.key, m.entity.text)
            for n, m in enumerate(item.mentions)
        ],
    )


def _article_fields(item: Prepared) -> dict[str, object]:
    from reader.arabic.normalize import fold

    article = item.article
    fingerprint = item.fingerprint
    title = article.title if article is not None else _valid(os.path.basename(item.source) or item.source)
    words = chars = 0
    if article is not None:
        for section in article.sections:
            for paragraph in section.paragraphs:
                words += len(paragraph.text.split())
                chars += len(paragraph.text)
    return {
        "source": storable(item.source),
        "kind": item.kind,
        "origin": storable(item.origin) if item.origin is not None else None,
        "status": "ok" if article is not None else "failed",
        "error": item.error,
        "size": fingerprint.size if fingerprint else None,
        "mtime_ns": fingerprint.mtime_ns if fingerprint else None,
        "hash": fingerprint.hash if fingerprint else None,
        "format": article.format if article else None,
        "encoding": article.encoding if article else None,
        "title": title,
        "title_key": fold(title),
        "words": words,
        "chars": chars,
        "sections": len(article.sections) if article else 0,
        "entities": len(item.mentions),
        "published": item.published if item.published is not None else _page_date(article),
        "page": json.dumps(dataclasses.asdict(article.page), ensure_ascii=False) if article and article.page else None,
    }


def _page_date(article: Article | None) -> float | None:
    """The page's own publication date (YYYY-MM-DD), as seconds since the epoch at UTC midnight."""
    if article is None or article.page is None or not article.page.date:
        return None
    try:
        day = datetime.date.fromisoformat(article.page.date[:10])
    except ValueError:
        return None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()
