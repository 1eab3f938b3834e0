"""HTML pages: the article only, as trafilatura finds it among menus, comments and footers.

trafilatura (lxml underneath) gives the main text as a small XML tree: `head` (h1-h6), `p`, `list`/
`item`, `quote`, `table`/`row`/`cell`, `lb` for a `<br>`; and the page's title, date, author and site
name. Each `head rend="h2"`/`"h3"` becomes a section heading, an `item` a list item, a `<br>` inside
a paragraph starts a new one (interviews put question and answer in one `<p>`), every other block
a paragraph; the first h1 is the title, else the page's own.

Two cases go to the old streaming reader (html_stream.py) because it wins there: libxml2 stops at
2048 open elements and drops the rest of the page, so a page nested deeper than that is read by the
standard library's parser, which keeps no tree; and a page over `STREAMED_OVER` characters, since
trafilatura costs about 1.2 s of CPU per MB of article (a 5.8 MB page: 7.1 s, against 0.5 s
streamed), and a 50 MB file would keep the reader waiting for a minute.

Numeric character references to control characters (`&#27;`, `&#x202e;`) are neutralised before
parsing, as the sanitiser would (libxml2 refuses a document holding ESC, and a bidi override must
never reach the screen); the loader cleans every block's text again after parsing.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from reader.model import Block, PageInfo
from reader.sanitize import neutralise
from reader.sources.html_stream import stream_blocks

if TYPE_CHECKING:
    from lxml.etree import _Element

# Blocks of trafilatura's XML: each starts a new block; text between two of them belongs to the inner one.
STREAMED_OVER = 4_000_000  # characters; see the module docstring
_BLOCK_TAGS = frozenset({"head", "p", "item", "quote", "row", "code", "list", "table", "cell", "main", "doc"})
_SECTION_LEVELS = {"h1": 1, "h2": 2, "h3": 3}
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# The WHATWG rule: references to 0x80-0x9F mean the Windows-1252 character with that byte.
_C1_UNDEFINED_IN_1252 = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def html_page(text: str, show_controls: bool = False) -> tuple[tuple[Block, ...], PageInfo]:
    """The article's blocks and what the page says about itself."""
    text = _REFERENCE.sub(lambda match: _reference(match, show_controls), text)
    if len(text) > STREAMED_OVER:
        return stream_blocks(text), PageInfo()
    from lxml import etree  # with trafilatura below: ~0.9 s of imports that only HTML pays for
    from lxml.html import HTMLParser

    parser = HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    tree = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return stream_blocks(text), PageInfo()
    if tree is None:
        return (), PageInfo()
    language = _language(tree)
    extracted = _extract(tree)
    if extracted is None:
        return (), PageInfo(language=language)
    info = PageInfo(
        site=_clean(extracted.sitename),
        date=_clean(extracted.date),
        author=_clean(extracted.author),
        language=language,
    )
    blocks = _body_blocks(extracted.body)
    title = _clean(extracted.title)
    if title and not any(block.kind == "title" for block in blocks):
        blocks.insert(0, Block("title", title, 0, 1))
    return tuple(blocks), info


def _extract(tree: _Element) -> Any:  # trafilatura's Document (untyped)
    from trafilatura import bare_extraction

    return bare_extraction(
        tree,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        include_links=False,
        include_images=False,
        with_metadata=True,
        config=_config(),
    )


@cache
def _config() -> Any:
    """trafilatura's defaults, but a short article is an article: below 250 characters it would
    fall back to the whole page's text, menus included (measured on tests/test_sources.py's page)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def _body_blocks(body: _Element | None) -> list[Block]:
    """Walk trafilatura's tree without recursion: its depth is the page's."""
    if body is None:
        return []
    from lxml import etree

    blocks: list[Block] = []
    kinds: list[_Element] = []  # the open blocks, innermost last
    parts: list[str] = []

    def flush() -> None:
        content = " ".join("".join(parts).split())
        parts.clear()
        if content and kinds:
            blocks.append(_block(kinds[-1], content, blocks))

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag in _BLOCK_TAGS:
                flush()
                kinds.append(element)
            elif tag == "lb":
                flush()
            if element.text:
                parts.append(element.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
                kinds.pop()
            if element.tail and element is not body:
                parts.append(element.tail)
    flush()
    return blocks


def _block(element: _Element, text: str, before: list[Block]) -> Block:
    tag = element.tag
    if tag == "head":
        level = _SECTION_LEVELS.get(str(element.get("rend", "")), 0)
        if level == 1 and not any(block.kind == "title" for block in before):
            return Block("title", text, 0, 1)
        if level:
            return Block("heading", text, 0, level)
    elif tag == "item":
        return Block("item", text, 0)
    return Block("paragraph", text, 0)


def _language(tree: _Element) -> str:
    """`<html lang="ar-EG">` -> `ar`; else the Content-Language a `<meta>` names."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not declared:
        for meta in tree.iter("meta"):
            if str(meta.get("http-equiv", "")).lower() == "content-language":
                declared = str(meta.get("content", ""))
                break
    primary = str(declared).strip().split("-")[0].split("_")[0].split(",")[0].lower()
    return primary if primary.isascii() and primary.isalpha() and len(primary) <= 8 else ""


def _clean(value: object) -> str:
    return " ".join(neutralise(str(value)).split()) if value else ""


def _reference(match: re.Match[str], show_controls: bool) -> str:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code & 0xFFFE == 0xFFFE:
        return "\ufffd"
    if 0x80 <= code <= 0x9F and code not in _C1_UNDEFINED_IN_1252:
        return bytes([code]).decode("cp1252")
    char = chr(code)
    cleaned = neutralise(char, show=show_controls)
    return match.group() if cleaned == char else cleaned
