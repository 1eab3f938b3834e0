"""The old streaming HTML reader, kept where it beats trafilatura (see html.py).

HTML that is not a page: fragments inside Markdown and a feed entry's own content, which are the
article already and need no extraction; and pages nested deeper than libxml2 (lxml, so trafilatura) will
parse: libxml2 stops at 2048 open elements and drops the rest of the page, while the standard
library's streaming parser keeps no tree, so a page nested ten thousand deep costs no recursion. Inside the first `<article>` (else `<main>`, else the body), h1-h3 are headings, and
paragraphs, list items, quotes and cells are blocks; scripts, styles, navigation, headers, footers,
asides, forms and anything whose class or id names an ad, banner or cookie notice are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from reader.model import Block

_SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
    "dialog",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_BLOCKS = {
    "p",
    "li",
    "blockquote",
    "div",
    "section",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "ul",
    "ol",
    "table",
    "article",
    "main",
    "body",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
_CLUTTER = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|banner|cookies?|consent|promo\w*|related|share|sharing|"
    r"social|newsletter|subscribe|sidebar|breadcrumbs?|comments?|popup|modal|menu)(?:$|[\s_-])",
    re.IGNORECASE,
)


def stream_blocks(text: str) -> tuple[Block, ...]:
    """The article's blocks: its `<article>` if it has one, else `<main>`, else everything."""
    for container in ("article", "main", None):
        parser = _ArticleParser(container)
        parser.feed(text)
        parser.close()
        if container is None or parser.found:
            blocks = parser.blocks
            if not any(block.kind == "title" for block in blocks) and parser.page_title:
                blocks.insert(0, Block("title", parser.page_title, 0, 1))
            return tuple(blocks)
    raise AssertionError("unreachable")


def html_text_blocks(text: str, line: int) -> list[Block]:
    """Paragraph blocks for an HTML fragment (raw HTML inside Markdown)."""
    parser = _ArticleParser(None)
    parser.feed(text)
    parser.close()
    return [Block("paragraph", block.text, line) for block in parser.blocks]


class _ArticleParser(HTMLParser):
    def __init__(self, container: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.container = container
        self.found = False
        self.blocks: list[Block] = []
        self.page_title = ""
        self._open: list[tuple[str, bool]] = []  # tag, and whether it starts a skipped region
        self._counts: Counter[str] = Counter()
        self._skip_depth = 0
        self._inside = container is None
        self._container_depth = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._text: list[str] = []
        self._text_line = 0
        self._heading = 0
        self._item = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _VOID:
            if tag == "br":
                self._text.append(" ")
            return
        skipped = tag in _SKIPPED or _is_clutter(attrs)
        self._open.append((tag, skipped))
        self._counts[tag] += 1
        if skipped:
            self._skip_depth += 1
        if tag == self.container and not self._inside and not self.found:
            self._inside, self.found = True, True
            self._container_depth = len(self._open)
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = _HEADINGS[tag]
        elif tag == "li":
            self._item += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.page_title = _site_suffix_removed(" ".join("".join(self._title_parts).split()))
        if not self._counts[tag]:
            return
        while self._open:
            open_tag, skipped = self._open.pop()
            self._counts[open_tag] -= 1
            if skipped:
                self._skip_depth -= 1
            self._closed(open_tag)
            if open_tag == tag:
                break

    def _closed(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = 0
        elif tag == "li":
            self._item = max(self._item - 1, 0)
        if self._inside and self.container and len(self._open) < self._container_depth:
            self._inside = False
            self.container = None  # only the first container counts

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._skip_depth or not self._inside:
            return
        if not self._text:
            self._text_line = self.getpos()[0]
        self._text.append(data)

    def close(self) -> None:
        # An unclosed `<!--` (or `<!DOCTYPE`, `<![CDATA[`) runs to the end of the page, as browsers
        # read it; html.parser would hand the rest over as text and show the comment as the article.
        if self.rawdata.startswith("<!"):
            self.rawdata = ""
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if not text:
            return
        if self._heading == 1 and not any(block.kind == "title" for block in self.blocks):
            self.blocks.append(Block("title", text, self._text_line, 1))
        elif self._heading:
            self.blocks.append(Block("heading", text, self._text_line, self._heading))
        else:
            self.blocks.append(Block("item" if self._item else "paragraph", text, self._text_line))


def _is_clutter(attrs: list[tuple[str, str | None]]) -> bool:
    return any(
        name in ("class", "id", "role") and value and (_CLUTTER.search(value) or value == "navigation")
        for name, value in attrs
    )


def _site_suffix_removed(title: str) -> str:
    """`Headline | Site name` -> `Headline`."""
    for separator in (" | ", " – ", " — ", " - ", " :: "):
        if separator in title:
            return max(title.split(separator), key=len).strip()
    return title
