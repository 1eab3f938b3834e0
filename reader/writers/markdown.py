"""Markdown: `#` title, `##` headings, paragraphs and lists, noise as HTML comments."""

from __future__ import annotations

import re

from reader.flow import flow
from reader.model import Article

_BLOCK_START = re.compile(r"^(#|>|[-+*]\s|\d+[.)]\s|```|~~~|<)")
_INLINE = re.compile(r"([\\`*_\[\]<>|])")


def markdown_text(article: Article, with_noise: bool = False) -> str:
    chunks: list[str] = [f"# {_escaped(article.title)}"]
    previous_item = False
    for item in flow(article, with_noise):
        if item.kind == "heading":
            line = f"## {_escaped(item.text)}"
        elif item.kind == "noise":
            line = f"<!-- noise ({item.reason}): {item.text.replace('--', '- -')} -->"
        elif item.item:
            line = f"- {_escaped(item.text)}"
        else:
            line = _escaped(item.text)
        if item.item and previous_item:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
        previous_item = item.item
    return "\n\n".join(chunks) + "\n"


def _escaped(text: str) -> str:
    """Article text is data: characters Markdown would read as syntax are escaped."""
    text = _INLINE.sub(r"\\\1", text)
    return "\\" + text if _BLOCK_START.match(text) else text
