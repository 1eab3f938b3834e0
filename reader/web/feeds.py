"""Feeds: RSS 0.9x/1.0/2.0, Atom and RDF documents to entries, parsed by feedparser.

feedparser reads the encoding from the XML declaration or the HTTP header it is given, and
sanitises the HTML of titles, summaries and contents (no `<script>`, no `on*` attributes, no
`javascript:` links); reader then turns that HTML into text and runs its own sanitiser over it, so
escape sequences and bidi controls in a title are removed like anywhere else.

A feed document is cut after its first `MAX_ENTRIES` entries before parsing: feedparser spends
about a quarter of a millisecond on each entry, so a 100,000-item feed would take half a minute
(and a broken one twice that, in its loose parser) where no news feed carries more than a few
hundred.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.sanitize import neutralise
from reader.sources.text import normalise_text

MAX_ENTRIES = 1000
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_TAG = re.compile(r"<[^>]*>")
FULL_TEXT_CHARS = 500  # an entry's own content at least this long is the whole article


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry, its text already clean: `content` is sanitised HTML, `summary` too."""

    guid: str
    link: str  # http(s) only; "" when the entry has none
    title: str
    author: str
    published: float | None  # seconds since the epoch, UTC
    summary: str  # HTML
    content: str  # HTML: the whole article when the feed carries it, else ""

    @property
    def full(self) -> bool:
        """Whether the feed carries the whole article (else only a summary, and the page is fetched)."""
        return len(_text(self.content)) >= max(FULL_TEXT_CHARS, len(_text(self.summary)))

    def content_hash(self) -> str:
        """What says two entries are one when neither guid nor link does."""
        text = " ".join(f"{self.title}\n{_text(self.content or self.summary)}".split())
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    link: str
    entries: tuple[Entry, ...]
    broken: str | None  # why the XML is not well formed, when it is not (its entries may still be read)


def parse_feed(content: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """A feed document's title, link and entries (the first `MAX_ENTRIES`), newest as the feed orders them."""
    import feedparser

    parsed: Any = feedparser.parse(
        first_entries(content, MAX_ENTRIES),
        response_headers={**(headers or {}), "content-location": url} if url else dict(headers or {}),
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    feed = parsed.get("feed", {})
    entries = tuple(_entry(raw) for raw in parsed.get("entries", ()))
    broken = None
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        broken = " ".join(str(parsed.get("bozo_exception", "not well formed")).split())[:200]
    return ParsedFeed(
        title=_plain(feed.get("title", ""), html="html" in feed.get("title_detail", {}).get("type", "")),
        link=_http(feed.get("link", "")),
        entries=entries,
        broken=broken,
    )


def looks_like_a_feed(parsed: ParsedFeed) -> bool:
    return bool(parsed.entries or parsed.title)


def first_entries(content: bytes, limit: int) -> bytes:
    """The document with only its first `limit` entries: the bytes from the (limit+1)th entry's start
    to the last entry's end are cut, so what closes the channel or feed stays and the XML stays whole."""
    starts = _ENTRY_START.finditer(content)
    cut = None
    for index, match in enumerate(starts):
        if index == limit:
            cut = match.start()
            break
    if cut is None:
        return content
    last_end = None
    for match in _ENTRY_END.finditer(content, cut):
        last_end = match.end()
    return content[:cut] + (content[last_end:] if last_end is not None else b"")


def _entry(raw: Any) -> Entry:
    contents = [part.get("value", "") for part in raw.get("content", ()) if "html" in part.get("type", "text/html")]
    plain_contents = [part.get("value", "") for part in raw.get("content", ()) if "html" not in part.get("type", "")]
    content = max(contents, key=len) if contents else ""
    if not content and plain_contents:
        content = "".join(f"<p>{_escape(line)}</p>" for line in max(plain_contents, key=len).splitlines())
    when = raw.get("published_parsed") or raw.get("updated_parsed")
    return Entry(
        guid=neutralise(str(raw.get("id", "") or "")).strip(),
        link=_http(raw.get("link", "")),
        title=_plain(raw.get("title", ""), html="html" in raw.get("title_detail", {}).get("type", "")),
        author=_plain(raw.get("author", ""), html=False),
        published=float(calendar.timegm(when)) if when else None,
        summary=str(raw.get("summary", "") or ""),
        content=content,
    )


def _http(link: object) -> str:
    """Only http(s) links are kept: `javascript:`, `data:` and `file:` are no place to go."""
    text = neutralise(str(link or "")).strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def _plain(value: object, *, html: bool) -> str:
    """A title or author as one line of clean text (its HTML, if it is HTML, removed)."""
    text = _text(str(value or "")) if html else str(value or "")
    return " ".join(normalise_text(text).split())


def _text(html: str) -> str:
    import html as entities

    return entities.unescape(_TAG.sub(" ", html))


def _escape(text: str) -> str:
    import html as entities

    return entities.escape(text, quote=False)
