"""Structure: a `Document`'s blocks to an `Article` with title, lead, sections and noise.

Markdown and HTML say which blocks are headings; plain text does not, so a line is a heading when
it is short, does not end a sentence, and body text follows it. Lines that are not part of the
article (link bait, a repeated title) become `Noise`, kept with their reason and position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reader.arabic.normalize import fold
from reader.errors import InputError
from reader.model import Article, Block, BlockKind, Document, Noise, Paragraph, Section
from reader.sources.plain import is_bullet

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100
MAX_BAIT_WORDS = 20
MAX_TITLE_CHARS = 200  # the longest Arabic news headlines run to about 150 characters
_FIRST_SENTENCE_END = re.compile(r"[.!?؟…]\s+")
_LOST_LINE_BREAK = re.compile(r"\s{2,}")
_SENTENCE_END = (".", "!", "…", ":", "؛", "،", ",", ";")
_BULLET_MARK = re.compile(r"^[-*•·▪◦–]\s+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class BaitPattern:
    pattern: re.Pattern[str]
    reason: str


@cache
def bait_patterns() -> tuple[BaitPattern, ...]:
    """The link-bait shapes from `reader/data/link-bait.txt`."""
    text = (Path(__file__).parent / "data" / "link-bait.txt").read_text(encoding="utf-8")
    patterns = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        regex, _, reason = line.partition("\t")
        patterns.append(BaitPattern(re.compile(regex), reason or "link bait"))
    return tuple(patterns)


def build_article(document: Document) -> Article:
    """Find title, lead, sections and noise in a document's blocks."""
    blocks = list(document.blocks)
    if not blocks:
        raise InputError("holds no article text")
    builder = _Builder()
    title_index = next((i for i, block in enumerate(blocks) if block.kind == "title"), 0)
    for block in blocks[:title_index]:
        builder.noise(block, "before the title")
    title, body = title_and_body(blocks[title_index].text)
    rest = blocks[title_index + 1 :]
    if body:
        kind: BlockKind = "line" if document.format == "text" else "paragraph"
        rest = [Block(kind, body, blocks[title_index].line), *rest]
    if rest and _same_line(rest[0].text, title):
        builder.noise(rest[0], "repeated title")
        rest = rest[1:]
    if document.format == "text":
        _plain_structure(builder, rest)
    else:
        _marked_structure(builder, rest)
    return Article(
        source=document.source,
        title=title,
        sections=builder.finished_sections(),
        noise=builder.noises,
        encoding=document.encoding,
        format=document.format,
        page=document.page,
    )


def title_and_body(text: str) -> tuple[str, str]:
    """A title of at most MAX_TITLE_CHARS, and what follows it as body text.

    A first line longer than that (a whole article on one line) is cut after its first sentence,
    else at a run of spaces (where a line break was lost), else after its last word that fits, and
    the rest is the article's first paragraph: no word is lost, none is shown twice.
    """
    if len(text) <= MAX_TITLE_CHARS:
        return text, ""
    head = text[: MAX_TITLE_CHARS + 1]
    end = _FIRST_SENTENCE_END.search(head) or _LOST_LINE_BREAK.search(head)
    cut = end.end() if end else head.rfind(" ") + 1
    if cut <= 0:  # one word longer than a title: cut it, but never between a letter and its marks
        cut = MAX_TITLE_CHARS
        while cut > 1 and unicodedata.combining(text[cut]):
            cut -= 1
    return text[:cut].strip(), text[cut:].strip()


def link_bait_reason(text: str) -> str | None:
    """Why a short line looks like link bait, or None."""
    if len(text.split(None, MAX_BAIT_WORDS)) > MAX_BAIT_WORDS:  # stops splitting a long paragraph early
        return None
    for bait in bait_patterns():
        if bait.pattern.search(text):
            return f"link bait: {bait.reason}"
    return None


def is_heading_like(text: str) -> bool:
    """Short, and not ending as a sentence or list item does."""
    return (
        len(text) <= MAX_HEADING_CHARS
        and 1 <= len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith(_SENTENCE_END)
        and not is_bullet(text)
    )


def _plain_structure(builder: _Builder, blocks: list[Block]) -> None:
    """Headings are the last of a run of short lines that body text follows; a short line just
    before a heading is noise (scraped link bait stands there), except in longer runs of short lines,
    which are kept as text."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        reason = link_bait_reason(block.text)
        if reason:
            builder.noise(block, reason)
            index += 1
            continue
        if not is_heading_like(block.text):
            builder.paragraph(block)
            index += 1
            continue
        run_end = index
        while (
            run_end + 1 < len(blocks)
            and is_heading_like(blocks[run_end + 1].text)
            and not link_bait_reason(blocks[run_end + 1].text)
        ):
            run_end += 1
        run = blocks[index : run_end + 1]
        if run_end + 1 >= len(blocks):
            for line in run:
                builder.paragraph(line)
        elif len(run) == 2:
            builder.noise(run[0], "short line right before a heading")
            builder.heading(run[1])
        else:
            for line in run[:-1]:
                builder.paragraph(line)
            builder.heading(run[-1])
        index = run_end + 1


def _marked_structure(builder: _Builder, blocks: list[Block]) -> None:
    for block in blocks:
        reason = link_bait_reason(block.text) if block.kind != "heading" else None
        if reason:
            builder.noise(block, reason)
        elif block.kind in ("heading", "title"):
            builder.heading(block)
        else:
            builder.paragraph(block)


class _Builder:
    def __init__(self) -> None:
        self.sections: list[Section] = [Section(heading=None)]
        self.noises: list[Noise] = []

    def heading(self, block: Block) -> None:
        self.sections.append(Section(heading=block.text, line=block.line))

    def paragraph(self, block: Block) -> None:
        if block.kind == "item" or (block.kind == "line" and is_bullet(block.text)):
            self.sections[-1].paragraphs.append(Paragraph(_BULLET_MARK.sub("", block.text), "item", block.line))
        else:
            self.sections[-1].paragraphs.append(Paragraph(block.text, "text", block.line))

    def noise(self, block: Block, reason: str) -> None:
        section = len(self.sections) - 1
        self.noises.append(Noise(block.text, reason, block.line, section, len(self.sections[section].paragraphs)))

    def finished_sections(self) -> list[Section]:
        """Sections in order, without an empty lead; noise positions follow the sections."""
        if self.sections[0].paragraphs or len(self.sections) == 1:
            return self.sections
        self.noises = [
            Noise(n.text, n.reason, n.line, max(n.section - 1, 0), -1 if n.section == 0 else n.paragraph)
            for n in self.noises
        ]
        return self.sections[1:]


def _same_line(a: str, b: str) -> bool:
    return _folded(a) == _folded(b)


def _folded(text: str) -> str:
    return _SPACES.sub(" ", fold(text)).strip()
