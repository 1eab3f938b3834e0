"""Markdown articles, parsed by markdown-it-py (already installed with rich): headings, paragraphs, lists."""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.model import Block, BlockKind
from reader.sources.html_stream import html_text_blocks
from reader.sources.plain import iter_plain_blocks

# markdown-it drops everything after the point where blocks nest deeper than this (quotes in
# quotes, lists in lists), to bound its recursion: a document that gets near it is read as plain
# text instead, which loses the markup's meaning but no word.
_MAX_NESTING = 100
_PARSER = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING})
# Each `[` that opens no link makes markdown-it scan ahead for its `]`: 1 MB of them took 25 s.
# Past this many such brackets the document is read as plain text, in linear time.
_MAX_STRAY_BRACKETS = 2000


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a Markdown text; pathological markup (see above) gives its plain-text blocks."""
    return tuple(iter_markdown_blocks(text))


def iter_markdown_blocks(text: str) -> Iterator[Block]:
    """`markdown_blocks` one at a time. markdown-it parses the whole text first (a link may be
    defined after its use); the plain-text reading of pathological markup streams line by line."""
    if text.count("[") - text.count("](") - text.count("][") > _MAX_STRAY_BRACKETS:
        return iter_plain_blocks(text)
    tokens = _PARSER.parse(text)
    if any(token.level >= _MAX_NESTING - 2 for token in tokens):
        return iter_plain_blocks(text)
    return _blocks(tokens)


def _blocks(tokens: list[Token]) -> Iterator[Block]:
    first = True  # a level-1 heading is the title only as the first block
    in_item = 0
    heading_level = 0
    for token in tokens:
        line = token.map[0] + 1 if token.map else 0
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline":
            content = _inline_text(token)
            if not content:
                continue
            if heading_level:
                kind: BlockKind = "title" if heading_level == 1 and first else "heading"
                yield Block(kind, content, line, heading_level)
            else:
                yield Block("item" if in_item else "paragraph", content, line)
            first = False
        elif token.type in ("fence", "code_block"):
            for offset, code_line in enumerate(token.content.split("\n"), start=1):
                if code_line.strip():
                    yield Block("paragraph", code_line.strip(), line + offset)
                    first = False
        elif token.type == "html_block":
            for block in html_text_blocks(token.content, line):
                yield block
                first = False


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())
