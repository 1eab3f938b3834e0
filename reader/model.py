"""The article model: plain dataclasses over logical-order text, addressed by character offsets.

Every stage after loading reads and writes these; nothing here knows about presentation forms,
visual order or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from reader.types import EntityType

BlockKind = Literal["line", "title", "heading", "paragraph", "item"]
ParagraphKind = Literal["text", "item"]
DocumentFormat = Literal["text", "markdown", "html"]
PartKind = Literal["heading", "paragraph", "noise"]  # what an article is read as, in order


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a loaded source before structure is known.

    Plain text gives `line` blocks (structure guesses what they are); Markdown and HTML say
    which blocks are headings, paragraphs and list items.
    """

    kind: BlockKind
    text: str
    line: int  # 1-based line in the source text (0 where the format has none)
    level: int = 0  # heading level for `heading` blocks


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What a web page says about itself (empty strings where it says nothing)."""

    url: str = ""  # where it was fetched from, after redirects ("" for a saved file)
    site: str = ""  # the site's name, as the page gives it
    date: str = ""  # publication date, ISO 8601 (YYYY-MM-DD)
    author: str = ""
    language: str = ""  # primary language subtag, lower case ("ar")


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded source: where it came from, how it was decoded, its blocks in order."""

    source: str
    encoding: str
    format: DocumentFormat
    blocks: tuple[Block, ...]
    page: PageInfo | None = None  # HTML only
    replaced: int = 0  # bytes not valid in `encoding`, shown as U+FFFD (the user is warned)


@dataclass(frozen=True, slots=True)
class DocumentStream:
    """A `Document` whose blocks are made as they are read (`reader cat` prints the first ones
    before the last exist); `blocks` holds at least one."""

    source: str
    encoding: str
    format: DocumentFormat
    blocks: Iterator[Block]
    page: PageInfo | None = None
    replaced: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention; `start`/`end` are offsets into the text it was found in."""

    start: int
    end: int
    type: EntityType
    text: str
    key: str  # groups the mentions of one entity (a later bare surname shares the full name's key)


@dataclass(slots=True)
class Paragraph:
    text: str
    kind: ParagraphKind = "text"
    line: int = 0


@dataclass(slots=True)
class Section:
    """A heading and the paragraphs under it; the lead is the section whose heading is None."""

    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True, slots=True)
class Noise:
    """A line that is not part of the article: kept, with why, and where it stood.

    It stood before paragraph `paragraph` of section `section` (equal to the paragraph count
    when it came after the section's last paragraph, -1 when it came before the section's heading).
    """

    text: str
    reason: str
    line: int
    section: int
    paragraph: int


@dataclass(slots=True)
class Article:
    source: str
    title: str
    sections: list[Section]
    noise: list[Noise] = field(default_factory=list)
    encoding: str = "utf-8"
    format: str = "text"
    page: PageInfo | None = None  # site, date, author and link of an HTML page

    def paragraphs(self) -> list[tuple[int, int, Paragraph]]:
        """Every paragraph with its section and paragraph index, in reading order."""
        return [
            (s, p, paragraph)
            for s, section in enumerate(self.sections)
            for p, paragraph in enumerate(section.paragraphs)
        ]
