"""What the store holds and hands out, as plain dataclasses (no SQL here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reader.entities import Mention
from reader.model import Article

SourceKind = Literal["file", "url"]
Order = Literal["added", "published", "title", "length", "entities"]
ORDERS: tuple[Order, ...] = ("added", "published", "title", "length", "entities")
GroupKind = Literal["all", "files", "pages", "feed"]
"""The library's groups: every article, the files, web pages no followed feed gave, one feed's entries."""


@dataclass(frozen=True, slots=True)
class Group:
    """Which articles a group holds (`Library.rows(group=...)`); `feed` is the feed's URL for kind "feed"."""

    kind: GroupKind = "all"
    feed: str = ""


ALL = Group()


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group as the group pane lists it: its name (a feed's title, else its URL) and its counts."""

    group: Group
    title: str
    articles: int
    unread: int


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What says a file is unchanged: same size and mtime, or else the same bytes."""

    size: int
    mtime_ns: int
    hash: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article ready to be written, or the one-line reason it could not be read.

    `terms` holds the search terms of each of `article_blocks(article)`, in that order: workers
    compute them so the writer only writes.
    """

    source: str
    kind: SourceKind = "file"
    origin: str | None = None
    fingerprint: Fingerprint | None = None
    article: Article | None = None
    mentions: tuple[Mention, ...] = ()
    terms: tuple[str, ...] = ()
    error: str | None = None
    published: float | None = None


@dataclass(frozen=True, slots=True)
class Rows:
    """A `Prepared` article as the rows the store writes for it (`store.article_rows`), in values
    that pickle fast: worker processes send these to the writing process rather than the article's
    dataclasses, whose unpickling (a Python call per mention and paragraph) cost the one writer
    about as much as writing them (0.3-0.6 ms an article against 0.09 for these).

    `fields` are the `articles` columns named by `store.ARTICLE_COLUMNS`; `blocks`, `noise` and
    `mentions` the rows of those tables without the article's id (none for a failed file, which
    has no text). Each block's row ends with its search terms; the writer joins them into the
    full-text row itself, since sending them twice made the pickle a third larger (11.2 KB an
    article of the bench library against 8.4, 0.19 ms to pickle and unpickle against 0.15).
    """

    source: str
    error: str | None
    fields: tuple[object, ...]
    blocks: list[tuple[object, ...]]
    noise: list[tuple[object, ...]]
    mentions: list[tuple[object, ...]]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the library: what the list shows and sorts by, without the text."""

    id: int
    source: str
    title: str
    failed: bool
    error: str | None
    words: int
    sections: int
    entities: int
    added: float
    published: float | None
    read: bool


@dataclass(frozen=True, slots=True)
class Stored:
    """An article as stored: its text, its entities (tagged once, when it was indexed) and its row."""

    row: ArticleRow
    article: Article
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Place:
    """Where to open an article (a search hit): a section (-1: the title), a paragraph in it (-1:
    its heading) and a character offset into that block's text, as `Hit` gives them."""

    section: int
    paragraph: int
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the article, the block that matched best and a snippet of it.

    `section` is -1 for the title and `paragraph` -1 for a heading; `marks` are (start, end)
    offsets of the matched words in `snippet`, and `at` the first match's offsets in the block's
    own text (where the reader scrolls to).
    """

    row: ArticleRow
    score: float
    section: int
    paragraph: int
    heading: str
    snippet: str
    marks: tuple[tuple[int, int], ...]
    at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity across the library: its key and type, the longest way it is written, and counts."""

    key: str
    type: str
    name: str
    mentions: int
    articles: int


@dataclass(slots=True)
class IndexSummary:
    """What one `reader index` run did, for its one summary line."""

    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # processor time: this process's and its workers' (on their files)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"indexed {self.indexed}, unchanged {self.unchanged}, removed {self.removed}, "
            f"failed {self.failed} in {self.seconds:.1f} s"
        )
