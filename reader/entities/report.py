"""`reader entities`: which entities a set of articles names, and how often."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.cells import cell_len

from reader.entities import Mention, article_entities
from reader.model import Article


@dataclass(frozen=True, slots=True)
class EntityCount:
    entity: str  # the longest way the articles write it
    type: str
    mentions: int


def entity_rows(
    articles: Iterable[Article], stored: Callable[[Article], list[Mention] | None] | None = None
) -> list[EntityCount]:
    """One row per entity (type and key) over all the articles, most mentioned first; `stored`
    gives an article's mentions as the library keeps them (None: tag it here)."""
    counts: Counter[tuple[str, str]] = Counter()
    shown: dict[tuple[str, str], str] = {}
    for article in articles:
        found = stored(article) if stored is not None else None
        for mention in article_entities(article) if found is None else found:
            entity = mention.entity
            ident = (entity.type, entity.key)
            counts[ident] += 1
            if len(entity.text) > len(shown.get(ident, "")):
                shown[ident] = entity.text
    rows = [EntityCount(shown[ident], ident[0], n) for ident, n in counts.items()]
    return sorted(rows, key=lambda row: (-row.mentions, row.type, row.entity))


def format_rows(
    rows: list[EntityCount], aligned: bool, cell: Callable[[str], tuple[str, int]] | None = None, row_start: str = ""
) -> str:
    """Tab-separated lines for pipes; columns padded to line up for a terminal.

    For a terminal, `cell` gives an entity's name as the terminal should get it (shaped and in
    display order, say) and its width in cells; `row_start` begins each row (a left-to-right
    mark keeps a terminal that reorders from turning a row with an Arabic name around).
    """
    header = EntityCount("entity", "type", 0)
    lines = [(header.entity, header.type, "mentions")]
    lines += [(row.entity, row.type, str(row.mentions)) for row in rows]
    if not aligned:
        return "".join("\t".join(line) + "\n" for line in lines)
    shown = [cell(name) if cell else (name, cell_len(name)) for name, _kind, _count in lines]
    width = max(cells for _name, cells in shown)
    return "".join(
        f"{row_start}{name}{' ' * (width - cells)}  {kind:<5} {count:>8}\n"
        for (name, cells), (_name, kind, count) in zip(shown, lines, strict=True)
    )
