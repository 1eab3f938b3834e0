"""The store's tables, and the migrations that bring an older database up to them.

`PRAGMA user_version` is the schema's version. Each migration runs in one transaction, so a
database is always at one version; one written by a newer reader is refused, never changed.

Article text lives in `blocks` (the title, each heading and each paragraph, in reading order)
with the search terms of each block beside it (`reader.library.terms`); `search` is a contentless
FTS5 table with one row per article (title terms, body terms), deleted by giving FTS5 the same
terms back, which `blocks` keeps exactly. `reading` is keyed by source rather than by article,
so a position or a read mark survives the article being removed and indexed again (and can be
kept for a text read from standard input that is not in the library).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

VERSION_1 = """
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL UNIQUE,       -- an absolute path, or a URL
    kind        TEXT NOT NULL DEFAULT 'file' CHECK (kind IN ('file', 'url')),
    origin      TEXT,                       -- the folder indexed, or the feed an article came from
    status      TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    error       TEXT,                       -- why a failed article failed, one line
    size        INTEGER,
    mtime_ns    INTEGER,
    hash        TEXT,                       -- sha256 of the bytes read
    format      TEXT,
    encoding    TEXT,
    title       TEXT NOT NULL,
    title_key   TEXT NOT NULL,              -- the folded title, for the title filter and sort
    words       INTEGER NOT NULL DEFAULT 0,
    chars       INTEGER NOT NULL DEFAULT 0,
    sections    INTEGER NOT NULL DEFAULT 0,
    entities    INTEGER NOT NULL DEFAULT 0, -- mentions
    added       REAL NOT NULL,
    published   REAL,                       -- seconds since the epoch: the feed's date, else the page's
    page        TEXT                        -- what an HTML page says about itself (PageInfo as JSON)
);
CREATE INDEX articles_added ON articles (added, id);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_title ON articles (title_key, id);
CREATE INDEX articles_words ON articles (words, id);
CREATE INDEX articles_entities ON articles (entities, id);
CREATE INDEX articles_origin ON articles (origin);

CREATE TABLE blocks (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    section     INTEGER NOT NULL,           -- -1 for the title
    paragraph   INTEGER NOT NULL,           -- -1 for a section's heading (and the title)
    kind        TEXT NOT NULL CHECK (kind IN ('title', 'heading', 'text', 'item')),
    line        INTEGER NOT NULL,
    text        TEXT,                       -- NULL for the heading of a lead without one
    terms       TEXT NOT NULL
);
-- A rowid table and an index, not WITHOUT ROWID: its rows are long, and a WITHOUT ROWID b-tree
-- stores long rows at twice their size (measured: 15 MB for 6.7 MB of text and terms).
CREATE UNIQUE INDEX blocks_place ON blocks (article_id, section, paragraph);

CREATE TABLE noise (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    line        INTEGER NOT NULL,
    section     INTEGER NOT NULL,
    paragraph   INTEGER NOT NULL,
    PRIMARY KEY (article_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE mentions (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    section     INTEGER NOT NULL,
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,           -- offsets into the paragraph's text
    "end"       INTEGER NOT NULL,
    type        TEXT NOT NULL,
    key         TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (article_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX mentions_key ON mentions (key, type);

CREATE TABLE reading (
    source      TEXT PRIMARY KEY,
    read        INTEGER NOT NULL DEFAULT 0,
    row         INTEGER,
    "offset"    INTEGER,
    updated     REAL NOT NULL
);

CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE VIRTUAL TABLE search USING fts5 (
    title, body, content='', columnsize=1, tokenize='unicode61 remove_diacritics 0'
);
"""

# Feeds (reader.library.feeds): the feeds followed, what their last update learnt, and the keys of
# each entry taken from them (guid, link, content hash: an entry is new unless one of them is known).
# An entry's article is an `articles` row whose source is the entry's link (or the feed's URL and
# the hash) and whose origin is the feed.
VERSION_2 = """
CREATE TABLE feeds (
    url             TEXT PRIMARY KEY,
    title           TEXT NOT NULL DEFAULT '',
    titled          INTEGER NOT NULL DEFAULT 0,  -- 1: the title is the user's (--title), kept over the feed's own
    etag            TEXT,
    last_modified   TEXT,
    retry_until     REAL,                        -- a 429 or 503 asked to wait until then
    updated         REAL,                        -- the last time it was fetched (200 or 304)
    error           TEXT,                        -- why the last update failed, one line
    added           REAL NOT NULL
);

CREATE TABLE feed_entries (
    feed        TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    source      TEXT NOT NULL,                   -- the article's source in `articles`
    guid        TEXT,
    link        TEXT,
    hash        TEXT NOT NULL,
    PRIMARY KEY (feed, source)
) WITHOUT ROWID;
CREATE INDEX feed_entries_guid ON feed_entries (feed, guid);
CREATE INDEX feed_entries_link ON feed_entries (feed, link);
CREATE INDEX feed_entries_hash ON feed_entries (feed, hash);
CREATE INDEX feed_entries_source ON feed_entries (source);
"""

# The library's groups (reader.library.feeds.groups): web articles are few beside files in most
# libraries, so the "Web pages" group (web articles that no followed feed gave) is found through an
# index of them alone rather than by scanning every article (EXPLAIN QUERY PLAN: 137 ms -> 26 ms
# for its first page at 100,000 articles). A partial index, not one on `kind`: that one made SQLite
# fetch all 90,000 files then sort them for the "Files" group's first page (10 ms -> 500 ms).
VERSION_3 = """
CREATE INDEX articles_urls ON articles (source) WHERE kind = 'url';
"""

# Prefix queries and the first paint at any size (issue 10's "scale and speed"):
# - `search` again, with prefix indexes of 1, 2 and 3 letters: without them FTS5 answers `word*` by
#   merging the postings of every term that starts so (a 1-letter prefix is most of the index:
#   5.4 s for الأ* at 100,000 articles). A query prefix is 1 to 3 letters behind its clitics (the
#   article dropped from الأ* leaves ا), and longer prefixes match few terms. The table is rebuilt
#   from the terms `blocks` keeps (`_refill_search`), in this migration's one transaction.
# - `tally`: the number of articles, kept by triggers in the writing transaction itself, so the
#   library's count costs one row whatever its size (count(*) reads a whole index: 12 ms at
#   100,000 articles against 0.8 ms for the rest of the first paint).
VERSION_4 = """
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5 (
    title, body, content='', columnsize=1, tokenize='unicode61 remove_diacritics 0', prefix='1 2 3'
);
CREATE TABLE tally (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO tally (name, n) SELECT 'articles', count(*) FROM articles;
CREATE TRIGGER articles_tally_insert AFTER INSERT ON articles BEGIN
    UPDATE tally SET n = n + 1 WHERE name = 'articles';
END;
CREATE TRIGGER articles_tally_delete AFTER DELETE ON articles BEGIN
    UPDATE tally SET n = n - 1 WHERE name = 'articles';
END;
"""


def search_rows(db: sqlite3.Connection) -> Iterator[tuple[int, str, str]]:
    """Each article's (rowid, title terms, body terms) for `search`, joined from `blocks` exactly as
    the store writes and deletes them (the title block's terms; the others' in reading order)."""
    current: int | None = None
    title = ""
    body: list[str] = []
    for article_id, section, terms in db.execute(
        "SELECT article_id, section, terms FROM blocks ORDER BY article_id, section, paragraph"
    ):
        if article_id != current:
            if current is not None:
                yield current, title, " ".join(body)
            current, title, body = article_id, "", []
        if section < 0:
            title = terms
        else:
            body.append(terms)
    if current is not None:
        yield current, title, " ".join(body)


def _refill_search(db: sqlite3.Connection) -> None:
    db.executemany("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)", search_rows(db))
    db.execute("INSERT INTO search (search) VALUES ('optimize')")


# A path's backslashes are written twice since this version, so that a name that is not UTF-8
# (its odd bytes written \xNN) cannot meet a name with a real \xNN in it (store.storable). Paths
# stored before keep their place: their backslashes doubled, through a first form no source has
# (it begins with U+0001), since a source is unique and a name's old form may be another's new one.
# One that was not UTF-8 was stored ambiguously; the next index run takes it out and adds it again.
VERSION_5 = """
UPDATE articles SET source = char(1) || replace(source, '\\', '\\\\') WHERE substr(source, 1, 1) = '/' AND instr(source, '\\') > 0;
UPDATE articles SET source = substr(source, 2) WHERE substr(source, 1, 1) = char(1);
UPDATE reading SET source = char(1) || replace(source, '\\', '\\\\') WHERE substr(source, 1, 1) = '/' AND instr(source, '\\') > 0;
UPDATE reading SET source = substr(source, 2) WHERE substr(source, 1, 1) = char(1);
"""

Migration = str | Callable[[sqlite3.Connection], None]  # statements, or a step that needs Python

# MIGRATIONS[n] takes a database from version n to n + 1 (each a tuple of steps)
MIGRATIONS: tuple[tuple[Migration, ...], ...] = (
    (VERSION_1,),
    (VERSION_2,),
    (VERSION_3,),
    (VERSION_4, _refill_search),
    (VERSION_5,),
)
LATEST = len(MIGRATIONS)
