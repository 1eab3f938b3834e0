"""An article as the rows the reader shows: title, headings, paragraphs and, on request, noise.

Rows are what the article view lays out and scrolls through. Each knows the section and paragraph
it came from, so positions, mentions and search hits can be mapped between the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.model import Article

RowKind = Literal["title", "heading", "paragraph", "item", "noise"]
BULLET = "• "


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    text: str  # logical text as laid out (a list item carries its bullet)
    section: int
    paragraph: int  # index in the section's paragraphs; -1 for the title and headings
    reason: str = ""  # why a noise row is noise
    prefix: int = 0  # characters added before the paragraph's own text (the bullet)
    cells: int = 0  # an estimate of the row's width in cells, for heights before layout


def article_rows(article: Article, *, noise: bool = False) -> list[Row]:
    """Rows in reading order; noise lines stand where they were found when `noise` is set."""
    rows = [_row("title", article.title, 0, -1)]
    noise_at: dict[tuple[int, int], list[Row]] = {}
    if noise:
        for line in article.noise:
            noise_at.setdefault((line.section, line.paragraph), []).append(
                _row("noise", line.text, line.section, line.paragraph, line.reason)
            )
    for s, section in enumerate(article.sections):
        if section.heading is not None:
            rows.append(_row("heading", section.heading, s, -1))
        for p, paragraph in enumerate(section.paragraphs):
            rows.extend(noise_at.pop((s, p), ()))
            if paragraph.kind == "item":
                rows.append(_row("item", BULLET + paragraph.text, s, p, prefix=len(BULLET)))
            else:
                rows.append(_row("paragraph", paragraph.text, s, p))
        rows.extend(noise_at.pop((s, len(section.paragraphs)), ()))
    for leftover in noise_at.values():
        rows.extend(leftover)
    return rows


def _row(kind: RowKind, text: str, section: int, paragraph: int, reason: str = "", prefix: int = 0) -> Row:
    # Only an estimate until the row is laid out; marks and lam-alef make it a little wide.
    return Row(kind, text, section, paragraph, reason, prefix, len(text))


def section_rows(rows: list[Row]) -> dict[int, int]:
    """The row each section starts at: its heading, or the title for a lead without one."""
    starts: dict[int, int] = {}
    for index, row in enumerate(rows):
        if row.kind != "noise":
            starts.setdefault(row.section, index)
    starts[0] = 0
    return starts


def section_text(article: Article, section: int) -> str:
    """A section as logical plain text: its heading (the title for the lead), then its paragraphs."""
    part = article.sections[section]
    heading = part.heading if part.heading is not None else (article.title if section == 0 else "")
    blocks = [heading] if heading else []
    blocks += [
        (BULLET + paragraph.text) if paragraph.kind == "item" else paragraph.text
        for paragraph in part.paragraphs
    ]
    return "\n\n".join(blocks)
