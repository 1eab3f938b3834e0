"""Markdown: `#` title, `##` headings, paragraphs and lists, noise as HTML comments."""

from __future__ import annotations

import re

from reader.flow import FlowItem, blocks_text, rendered
from reader.model import Article

_BLOCK_START = re.compile(r"^(#|>|[-+*]\s|\d+[.)]\s|```|~~~|<)")
_INLINE = re.compile(r"([\\`*_\[\]<>|])")


def markdown_text(article: Article, with_noise: bool = False) -> str:
    return blocks_text(f"# {_escaped(article.title)}", rendered(article, with_noise, _markdown_line))


def _markdown_line(item: FlowItem) -> str:
    if item.kind == "heading":
        return f"## {_escaped(item.text)}"
    if item.kind == "noise":
        return f"<!-- noise ({item.reason}): {item.text.replace('--', '- -')} -->"
    return f"- {_escaped(item.text)}" if item.item else _escaped(item.text)


def _escaped(text: str) -> str:
    """Article text is data: characters Markdown would read as syntax are escaped."""
    text = _INLINE.sub(r"\\\1", text)
    return "\\" + text if _BLOCK_START.match(text) else text
