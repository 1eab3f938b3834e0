"""JSON Lines: one object per article, for programs."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from reader.model import Article

if TYPE_CHECKING:
    from reader.writers.visual import VisualOptions


def article_record(article: Article, visual: VisualOptions | None = None) -> dict[str, Any]:
    """The article as a JSON-ready dict: source, title, sections, noise and entities.

    With `visual` (`reader cat --visual`), each section also has `lines`: for each paragraph, its
    wrapped lines as `{"logical": ..., "visual": ...}`.
    """
    record: dict[str, Any] = {
        "source": article.source,
        "encoding": article.encoding,
        "format": article.format,
        "title": article.title,
        "sections": [
            {
                "heading": section.heading,
                "paragraphs": [paragraph.text for paragraph in section.paragraphs],
                "items": [p for p, paragraph in enumerate(section.paragraphs) if paragraph.kind == "item"],
            }
            for section in article.sections
        ],
        "noise": [
            {"text": n.text, "reason": n.reason, "line": n.line, "section": n.section, "paragraph": n.paragraph}
            for n in article.noise
        ],
        "entities": entity_records(article),
    }
    if article.page is not None:
        record["page"] = asdict(article.page)
    if visual is not None:
        from reader.writers.visual import paragraph_lines

        for section, out in zip(article.sections, record["sections"], strict=True):
            out["lines"] = [paragraph_lines(paragraph.text, visual) for paragraph in section.paragraphs]
    return record


def entity_records(article: Article) -> list[dict[str, Any]]:
    """Each mention: text, type, key, and where it is (offsets relative to its paragraph)."""
    from reader.entities import article_entities

    return [
        {
            "text": m.entity.text,
            "type": m.entity.type,
            "key": m.entity.key,
            "section": m.section,
            "paragraph": m.paragraph,
            "start": m.entity.start,
            "end": m.entity.end,
        }
        for m in article_entities(article)
    ]


def json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
