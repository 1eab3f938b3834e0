"""Markdown articles, parsed by markdown-it-py (already installed with rich): headings, paragraphs, lists."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.model import Block, BlockKind
from reader.sources.html_stream import html_text_blocks

_PARSER = MarkdownIt("commonmark")


def markdown_blocks(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    tokens = _PARSER.parse(text)
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
                kind: BlockKind = "title" if heading_level == 1 and not blocks else "heading"
                blocks.append(Block(kind, content, line, heading_level))
            else:
                blocks.append(Block("item" if in_item else "paragraph", content, line))
        elif token.type in ("fence", "code_block"):
            blocks.extend(
                Block("paragraph", code_line.strip(), line + offset)
                for offset, code_line in enumerate(token.content.split("\n"), start=1)
                if code_line.strip()
            )
        elif token.type == "html_block":
            blocks.extend(html_text_blocks(token.content, line))
    return tuple(blocks)


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
