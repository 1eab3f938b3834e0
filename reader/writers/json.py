"""JSON Lines: one object per article, for programs."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from reader.entities import Mention
from reader.model import Article
from reader.sources.files import exact_name

if TYPE_CHECKING:
    from reader.writers.visual import VisualOptions


def article_record(
    article: Article, visual: VisualOptions | None = None, mentions: Sequence[Mention] | None = None
) -> dict[str, Any]:
    """The article as a JSON-ready dict: source, title, sections, noise and entities.

    With `visual` (`reader cat --visual`), each section also has `lines`: for each paragraph, its
    wrapped lines as `{"logical": ..., "visual": ...}`. `mentions`: the article's entities as the
    library stored them, so that it is not tagged again.
    """
    source, source_bytes = exact_name(article.source)
    record: dict[str, Any] = {
        "source": source,
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
        "entities": entity_records(article, mentions),
    }
    if article.page is not None:
        record["page"] = asdict(article.page)
    if source_bytes is not None:  # a file name that is not UTF-8: its exact bytes, to open it again
        record["source_bytes"] = base64.b64encode(source_bytes).decode("ascii")
    if visual is not None:
        from reader.writers.visual import paragraph_lines

        for section, out in zip(article.sections, record["sections"], strict=True):
            out["lines"] = [paragraph_lines(paragraph.text, visual) for paragraph in section.paragraphs]
    return record


def entity_records(article: Article, mentions: Sequence[Mention] | None = None) -> list[dict[str, Any]]:
    """Each mention (tagged here unless given): text, type, key, and where it is (offsets relative to its paragraph)."""
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
        for m in (article_entities(article) if mentions is None else mentions)
    ]


# Every format (Cf) character, and lone surrogates: in a JSON string they are escaped (`\\u202e`
# is the same string to a parser), so that `less` or a terminal showing the JSON is not reordered
# by a file name's or an article's bidi controls, nor hides text behind tag characters.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def json_line(record: dict[str, Any]) -> str:
    """One JSON Lines record: UTF-8 text, with every invisible character escaped."""
    return _INVISIBLE.sub(_escaped, json.dumps(record, ensure_ascii=False)) + "\n"


def _escaped(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]  # "\\u202e"; a pair of surrogate escapes past U+FFFF
