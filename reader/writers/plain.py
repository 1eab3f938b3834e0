"""Plain text in logical order: what `grep`, `wc` and other tools should see."""

from __future__ import annotations

from reader.flow import flow
from reader.model import Article


def plain_text(article: Article, with_noise: bool = False) -> str:
    """Title, a blank line, then headings and paragraphs separated by blank lines.

    Consecutive list items stand on consecutive lines, each after `- `. With `with_noise`, noise
    lines stand where they were, after a `[noise: reason]` mark.
    """
    chunks: list[str] = [article.title]
    previous_item = False
    for item in flow(article, with_noise):
        if item.kind == "noise":
            line = f"[noise: {item.reason}] {item.text}"
        elif item.item:
            line = f"- {item.text}"
        else:
            line = item.text
        if item.item and previous_item:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
        previous_item = item.item
    return "\n\n".join(chunks) + "\n"
