"""Markdown: `#` title, `##` headings, paragraphs and lists, noise as HTML comments."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.flow import FlowItem, blocks_pieces, blocks_text, rendered, stream_flow
from reader.model import Article
from reader.structure import ArticleStream

_BLOCK_START = re.compile(r"^(#|>|[-+*]\s|\d+[.)]\s|```|~~~|<)")
# Each character Markdown reads as inline syntax, after a backslash: one `str.translate` (a
# substitution with a template cost 5 s on 1 MB of `[`).
_INLINE = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|"})


def markdown_text(article: Article, with_noise: bool = False) -> str:
    return blocks_text(f"# {_escaped(article.title)}", rendered(article, with_noise, _markdown_line))


def markdown_pieces(article: ArticleStream, with_noise: bool = False) -> Iterator[str]:
    """`markdown_text` of an article as it is read, a piece at a time: the pieces join to the same text."""
    items = stream_flow(article.parts, with_noise)
    return blocks_pieces(f"# {_escaped(article.title)}", ((item, _markdown_line(item)) for item in items))


def _markdown_line(item: FlowItem) -> str:
    if item.kind == "heading":
        return f"## {_escaped(item.text)}"
    if item.kind == "noise":
        return f"<!-- noise ({item.reason}): {item.text.replace('--', '- -')} -->"
    return f"- {_escaped(item.text)}" if item.item else _escaped(item.text)


def _escaped(text: str) -> str:
    """Article text is data: characters Markdown would read as syntax are escaped."""
    text = text.translate(_INLINE)
    return "\\" + text if _BLOCK_START.match(text) else text
