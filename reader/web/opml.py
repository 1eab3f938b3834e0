"""OPML, the format feed readers exchange subscription lists in: read one, write one.

Outlines may nest (folders); every outline with an `xmlUrl` is a feed, titled by its `title` or
`text`. The standard library's expat refuses entity-expansion bombs and never loads external
entities, so a hostile list costs nothing but a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formatdate
from xml.etree import ElementTree
from xml.sax.saxutils import quoteattr

from reader.errors import InputError
from reader.sanitize import neutralise


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    title: str = ""


def read_opml(data: bytes, name: str) -> list[Subscription]:
    """The feeds an OPML document lists, in order, each once."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise InputError(f"{name}: not OPML ({error})") from None
    if root.tag.lower() != "opml":
        raise InputError(f"{name}: not OPML (its root element is <{neutralise(root.tag)[:40]}>)")
    found: dict[str, Subscription] = {}
    for outline in root.iter("outline"):
        url = " ".join(neutralise(outline.get("xmlUrl") or outline.get("xmlurl") or "").split())
        if url and url not in found:
            title = " ".join(neutralise(outline.get("title") or outline.get("text") or "").split())
            found[url] = Subscription(url, title)
    return list(found.values())


def write_opml(subscriptions: list[Subscription], title: str = "reader feeds") -> str:
    """An OPML 2.0 document listing `subscriptions`."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{formatdate(usegmt=True)}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for feed in subscriptions:
        name = quoteattr(feed.title or feed.url)
        lines.append(f'    <outline type="rss" text={name} title={name} xmlUrl={quoteattr(feed.url)}/>')
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
