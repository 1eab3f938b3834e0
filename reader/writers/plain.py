"""Plain text in logical order: what `grep`, `wc` and other tools should see."""

from __future__ import annotations

from collections.abc import Iterator

from reader.flow import FlowItem, blocks_pieces, blocks_text, rendered, stream_flow
from reader.model import Article
from reader.structure import ArticleStream


def plain_text(article: Article, with_noise: bool = False) -> str:
    """Title, a blank line, then headings and paragraphs separated by blank lines.

    Consecutive list items stand on consecutive lines, each after `- `. With `with_noise`, noise
    lines stand where they were, after a `[noise: reason]` mark.
    """
    return blocks_text(article.title, rendered(article, with_noise, plain_line))


def plain_pieces(article: ArticleStream, with_noise: bool = False) -> Iterator[str]:
    """`plain_text` of an article as it is read, a piece at a time: the pieces join to the same text."""
    return blocks_pieces(article.title, ((item, plain_line(item)) for item in stream_flow(article.parts, with_noise)))


def plain_line(item: FlowItem) -> str:
    """One heading, paragraph, list item or noise line as plain text shows it."""
    if item.kind == "noise":
        return f"[noise: {item.reason}] {item.text}"
    return f"- {item.text}" if item.item else item.text
