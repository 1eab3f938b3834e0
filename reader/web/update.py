"""`reader update`: every feed fetched (conditionally), its new entries made articles and stored.

Work is split so that a kill at any moment loses nothing and the next update completes it:
threads fetch and parse feeds and build the articles of their new entries (at most `jobs` feeds
in flight, at most `per_host` requests to one host at a time); the calling thread writes a feed's
new entries with their dedup keys in one transaction, and its ETag and Last-Modified only after. A feed killed half way is fetched whole next time, and the entries
already stored are recognised by their keys.

An entry is new unless the feed already gave one with its guid, or its link, or its content hash.
One whose feed carries only a summary gets its linked page fetched and extracted like `reader URL`.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from reader.errors import FetchError, ReaderError
from reader.model import Article, PageInfo
from reader.sources import load_text
from reader.structure import build_article
from reader.web import fetch
from reader.web.feeds import Entry, parse_feed

if TYPE_CHECKING:
    import httpx

DEFAULT_JOBS = 8
PER_HOST = 2
_WAIT_STATUSES = (429, 503)


@dataclass(frozen=True, slots=True)
class FeedState:
    """A followed feed and what the last update learnt about it."""

    url: str
    title: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_until: float | None = None  # a 429 or 503 asked to wait until then (seconds since the epoch)
    updated: float | None = None  # the last time it was fetched (200 or 304)
    error: str | None = None  # why the last update failed, one line


@dataclass(frozen=True, slots=True)
class Known:
    """The keys of a feed's stored entries."""

    guids: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    hashes: frozenset[str] = frozenset()

    def has(self, guid: str, link: str, digest: str) -> bool:
        return (bool(guid) and guid in self.guids) or (bool(link) and link in self.links) or digest in self.hashes


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry ready to store: its keys, the article, and where it came from."""

    source: str  # the article's source in the store: its link, else the feed's URL and the hash
    guid: str
    link: str
    hash: str
    published: float | None
    article: Article


class FeedStore(Protocol):
    """What the updater needs of the store (reader.library keeps the real one)."""

    def feed_states(self) -> list[FeedState]: ...

    def known_entries(self, feed_url: str) -> Known: ...

    def add_entries(self, feed_url: str, entries: list[NewEntry]) -> None: ...  # articles and keys, one transaction

    def save_feed_state(self, state: FeedState) -> None: ...


@dataclass(slots=True)
class Outcome:
    """What one feed's update did; `failed` is its one line when it failed."""

    state: FeedState
    entries: list[NewEntry] = field(default_factory=list)
    unchanged: bool = False
    failed: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Summary:
    feeds: int
    fetched: int
    unchanged: int
    failed: int
    added: int

    def line(self) -> str:
        return (
            f"{self.feeds} feed{'s' * (self.feeds != 1)}: {self.fetched} fetched ({self.unchanged} unchanged), "
            f"{self.failed} failed; {self.added} new entr{'ies' if self.added != 1 else 'y'}"
        )


def update_feeds(
    store: FeedStore,
    *,
    jobs: int = DEFAULT_JOBS,
    per_host: int = PER_HOST,
    limits: fetch.Limits | None = None,
    report: Callable[[str], None] = lambda line: None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    clock: Callable[[], float] = time.time,
) -> Summary:
    """Update every feed in `store`; each failure is one line given to `report`."""
    limits = limits or fetch.DEFAULT_LIMITS
    states = store.feed_states()
    done = fetched = unchanged = failed = added = 0
    progress(0, len(states))
    with (
        fetch.client(limits, max_connections=max(jobs * per_host, 1)) as http,
        ThreadPoolExecutor(max(jobs, 1), thread_name_prefix="feed") as pool,
    ):
        fetcher = _Fetcher(http, _Hosts(per_host), limits)
        futures: dict[Future[Outcome], FeedState] = {
            pool.submit(_update_one, state, store.known_entries(state.url), fetcher, clock()): state for state in states
        }
        for future in as_completed(futures):
            outcome = future.result()
            if outcome.entries:
                store.add_entries(outcome.state.url, outcome.entries)
            store.save_feed_state(outcome.state)
            for warning in outcome.warnings:
                report(warning)
            if outcome.failed:
                failed += 1
                report(outcome.failed)
            else:
                fetched += 1
                unchanged += outcome.unchanged
                added += len(outcome.entries)
            done += 1
            progress(done, len(states))
    return Summary(len(states), fetched, unchanged, failed, added)


def _update_one(state: FeedState, known: Known, fetcher: _Fetcher, now: float) -> Outcome:
    name = f"feed {state.url}"
    if state.retry_until and state.retry_until > now:
        until = datetime.fromtimestamp(state.retry_until, UTC).strftime("%Y-%m-%d %H:%M UTC")
        return Outcome(state, failed=f"{name}: not fetched: the server asked to wait until {until} (Retry-After)")
    headers = {
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.5"
    }
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        response = fetcher.get(state.url, headers)
    except FetchError as error:
        wait = error.retry_after if error.status in _WAIT_STATUSES else None
        retry = now + wait if wait else None
        return Outcome(replace(state, error=str(error), retry_until=retry), failed=f"{name}: {_why(error, state.url)}")
    except ReaderError as error:
        return Outcome(replace(state, error=str(error)), failed=f"{name}: {error}")
    if response.status == 304:
        return Outcome(replace(state, updated=now, error=None, retry_until=None), unchanged=True)
    parsed = parse_feed(response.content, url=response.url, headers=_parse_headers(response))
    if not parsed.entries and (parsed.broken or not parsed.title):
        why = f"not a feed ({parsed.broken})" if parsed.broken else "not a feed (no entries, no title)"
        return Outcome(replace(state, error=why), failed=f"{name}: {why}")
    title = state.title or parsed.title
    outcome = Outcome(
        replace(
            state,
            title=title,
            etag=response.etag,
            last_modified=response.last_modified,
            updated=now,
            error=None,
            retry_until=None,
        )
    )
    seen = known
    for entry in parsed.entries:
        digest = entry.content_hash()
        if seen.has(entry.guid, entry.link, digest):
            continue
        seen = Known(seen.guids | {entry.guid}, seen.links | {entry.link}, seen.hashes | {digest})
        source = entry.link or f"{state.url}#{digest[:16]}"
        article = _article(entry, source, title or state.url, fetcher, outcome.warnings)
        if article is not None:
            outcome.entries.append(NewEntry(source, entry.guid, entry.link, digest, entry.published, article))
    return outcome


def _why(error: FetchError, url: str) -> str:
    """The error without the address the line already names."""
    text = str(error)
    return text[len(url) + 2 :] if text.startswith(f"{url}: ") else text


def _parse_headers(response: fetch.Response) -> dict[str, str]:
    if not response.media_type:
        return {}
    charset = f"; charset={response.charset}" if response.charset else ""
    return {"content-type": response.media_type + charset}


def _article(entry: Entry, source: str, site: str, fetcher: _Fetcher, warnings: list[str]) -> Article | None:
    """The entry's article: its own content when the feed carries the whole text, else its page."""
    page = PageInfo(url=entry.link, site=site, date=_date(entry.published), author=entry.author)
    if not entry.full and entry.link:
        from reader.web.page import response_document

        try:
            document = response_document(fetcher.get(entry.link))
            found = document.page or PageInfo()
            article = build_article(document)
            article.source = source
            article.page = replace(page, author=page.author or found.author, date=page.date or found.date)
            return article
        except ReaderError as error:
            why = _why(error, entry.link) if isinstance(error, FetchError) else str(error)
            warnings.append(f"feed entry {entry.link}: {why}; its summary is kept")
    body = entry.content or entry.summary
    heading = f"<h1>{html.escape(entry.title)}</h1>" if entry.title else ""
    try:
        document = load_text(heading + body, source=source, form="html", as_is=True)
    except ReaderError:
        return None  # neither a title nor any text: nothing to read
    article = build_article(document)
    article.page = page
    return article


def _date(published: float | None) -> str:
    return datetime.fromtimestamp(published, UTC).strftime("%Y-%m-%d") if published is not None else ""


@dataclass(frozen=True, slots=True)
class _Fetcher:
    """One client shared by the threads, and the per-host slots every request takes."""

    http: httpx.Client
    hosts: _Hosts
    limits: fetch.Limits

    def get(self, url: str, headers: dict[str, str] | None = None) -> fetch.Response:
        with self.hosts.slot(url):
            return fetch.get(url, limits=self.limits, session=self.http, headers=headers)


class _Hosts:
    """At most `per_host` requests at a time to one host."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(per_host, 1)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with semaphore:
            yield
