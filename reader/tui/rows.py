"""An article as the rows the reader shows: title, headings, paragraphs and, on request, noise.

Rows are what the article view lays out and scrolls through. Each knows the section and paragraph
it came from, so positions, mentions and search hits can be mapped between the two.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from reader.model import Article

RowKind = Literal["title", "heading", "paragraph", "item", "noise"]
BULLET = "• "
MAX_ROW = 4000  # longer paragraphs are shown as several rows, so no layout or search is huge


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    text: str  # logical text as laid out (a list item carries its bullet)
    section: int
    paragraph: int  # index in the section's paragraphs; -1 for the title and headings
    reason: str = ""  # why a noise row is noise
    prefix: int = 0  # characters added before the paragraph's own text (the bullet)
    cells: int = 0  # an estimate of the row's width in cells, for heights before layout
    start: int = 0  # where the row's own text starts in its paragraph (a long paragraph's later rows)

    def own(self, paragraph_offset: int) -> int | None:
        """The row offset of a paragraph offset, or None when another row of the paragraph holds it."""
        offset = paragraph_offset - self.start
        return offset + self.prefix if 0 <= offset <= len(self.text) - self.prefix else None


def article_rows(article: Article, *, noise: bool = False) -> list[Row]:
    """Rows in reading order; noise lines stand where they were found when `noise` is set."""
    rows = [_row("title", article.title, 0, -1)]
    noise_at: dict[tuple[int, int], list[Row]] = {}
    if noise:
        for line in article.noise:
            noise_at.setdefault((line.section, line.paragraph), []).append(
                _row("noise", line.text, line.section, line.paragraph, reason=line.reason)
            )
    for s, section in enumerate(article.sections):
        if section.heading is not None:
            rows.append(_row("heading", section.heading, s, -1))
        for p, paragraph in enumerate(section.paragraphs):
            rows.extend(noise_at.pop((s, p), ()))
            for start, piece in _pieces(paragraph.text):
                if paragraph.kind == "item" and start == 0:
                    rows.append(_row("item", BULLET + piece, s, p, prefix=len(BULLET)))
                else:
                    kind: RowKind = "item" if paragraph.kind == "item" else "paragraph"
                    rows.append(_row(kind, piece, s, p, start=start))
        rows.extend(noise_at.pop((s, len(section.paragraphs)), ()))
    for leftover in noise_at.values():
        rows.extend(leftover)
    return rows


def place_row(rows: Sequence[Row], section: int, paragraph: int, offset: int) -> tuple[int, int]:
    """The row and row offset of a place in the article (section -1 is the title, paragraph -1 a
    heading, `offset` into that block's text, as the library's search gives them); the nearest
    row before it when the rows shown leave it out."""
    if section < 0:
        return 0, 0
    best = 0
    for index, row in enumerate(rows):
        if row.kind == "noise":
            continue
        if (row.section, row.paragraph) > (section, paragraph):
            break
        best = index
        if (row.section, row.paragraph) == (section, paragraph):
            inside = row.own(offset) if paragraph >= 0 else offset
            if inside is not None:
                return index, inside
    return best, 0


def _row(
    kind: RowKind, text: str, section: int, paragraph: int, *, reason: str = "", prefix: int = 0, start: int = 0
) -> Row:
    # Only an estimate until the row is laid out; marks and lam-alef make it a little wide.
    return Row(kind, text, section, paragraph, reason, prefix, len(text), start)


def _pieces(text: str) -> list[tuple[int, str]]:
    """A paragraph in pieces of at most MAX_ROW characters, cut at a space where there is one."""
    if len(text) <= MAX_ROW:
        return [(0, text)]
    pieces = []
    start = 0
    while len(text) - start > MAX_ROW:
        cut = text.rfind(" ", start + MAX_ROW // 2, start + MAX_ROW) + 1
        if cut <= start:
            cut = start + MAX_ROW
            while cut > start + 1 and unicodedata.combining(text[cut]):  # keep marks on their letter
                cut -= 1
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def searchable_texts(rows: list[Row]) -> Iterator[str | None]:
    """The rows' texts for `reader.search.find_hits`: None for a noise row, which search skips."""
    return (row.text if row.kind != "noise" else None for row in rows)


def section_text(article: Article, section: int) -> str:
    """A section as logical plain text: its heading (the title for the lead), then its paragraphs."""
    part = article.sections[section]
    heading = part.heading if part.heading is not None else (article.title if section == 0 else "")
    blocks = [heading] if heading else []
    blocks += [
        (BULLET + paragraph.text) if paragraph.kind == "item" else paragraph.text for paragraph in part.paragraphs
    ]
    return "\n\n".join(blocks)
