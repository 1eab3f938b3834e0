"""Structure: a `Document`'s blocks to an `Article` with title, lead, sections and noise.

Markdown and HTML say which blocks are headings; plain text does not, so a line is a heading when
it is short, does not end a sentence, and body text follows it. Lines that are not part of the
article (link bait, a repeated title) become `Noise`, kept with their reason and position.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from reader.arabic.normalize import fold
from reader.errors import InputError
from reader.model import (
    Article,
    Block,
    BlockKind,
    Document,
    DocumentStream,
    Noise,
    PageInfo,
    Paragraph,
    PartKind,
    Section,
)
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


@dataclass(slots=True)
class Part:
    """One piece of an article in reading order, as structure finds it: a heading, a paragraph
    (`item`: of a list, its bullet taken off) or a noise line (`reason`). Not frozen, like
    `Paragraph`: a frozen dataclass costs a microsecond more to make, and there is one per line."""

    kind: PartKind
    text: str
    line: int
    item: bool = False
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ArticleStream:
    """An article whose title is known and whose parts are found as they are read: `reader cat`
    prints each before the next is made. `build_article` collects the same parts."""

    source: str
    title: str
    parts: Iterator[Part]
    encoding: str = "utf-8"
    format: str = "text"
    page: PageInfo | None = None


def build_article(document: Document | DocumentStream) -> Article:
    """Find title, lead, sections and noise in a document's blocks."""
    stream = stream_article(document)
    builder = _Builder()
    for part in stream.parts:
        builder.add(part)
    return Article(
        source=stream.source,
        title=stream.title,
        sections=builder.finished_sections(),
        noise=builder.noises,
        encoding=stream.encoding,
        format=stream.format,
        page=stream.page,
    )


def stream_article(document: Document | DocumentStream) -> ArticleStream:
    """The title at once, the parts as the blocks come: a part is given as soon as no later block
    can change it (a run of short lines waits for its end only while it is two lines long)."""
    blocks = iter(document.blocks)
    first = next(blocks, None)
    if first is None:
        raise InputError("holds no article text")
    before: list[Block] = []
    if document.format == "html" and first.kind != "title":  # a page's title may follow lines before it
        rest = [first, *blocks]
        title_index = next((i for i, block in enumerate(rest) if block.kind == "title"), 0)
        before, first, blocks = rest[:title_index], rest[title_index], iter(rest[title_index + 1 :])
    # Plain text has no title blocks and Markdown's is its first block: the first block is the title.
    title, body = title_and_body(first.text)
    if body:
        kind: BlockKind = "line" if document.format == "text" else "paragraph"
        blocks = itertools.chain((Block(kind, body, first.line),), blocks)
    return ArticleStream(
        source=document.source,
        title=title,
        parts=_parts(before, title, blocks, document.format == "text"),
        encoding=document.encoding,
        format=document.format,
        page=document.page,
    )


def _parts(before: list[Block], title: str, blocks: Iterator[Block], plain: bool) -> Iterator[Part]:
    for block in before:
        yield _noise(block, "before the title")
    following = next(blocks, None)
    if following is None:
        return
    if _same_line(following.text, title):
        yield _noise(following, "repeated title")
    else:
        blocks = itertools.chain((following,), blocks)
    yield from (_plain_structure(blocks) if plain else _marked_structure(blocks))


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
    return _short_line_bait(text)


@lru_cache(maxsize=4096)
def _short_line_bait(text: str) -> str | None:
    """Cached: a short line that comes back (a signature, `-`, one letter a million times) is
    matched against the patterns once."""
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


def _plain_structure(blocks: Iterator[Block]) -> Iterator[Part]:
    """Headings are the last of a run of short lines that body text follows; a short line just
    before a heading is noise (scraped link bait stands there), except in longer runs of short lines,
    which are kept as text, as are the short lines that end the text.

    A run is read as it comes: from its third line on, its first lines are text whatever follows,
    so only its last two wait (3 million one-letter lines stream as they are read)."""
    run: list[Block] = []  # the last lines of the current run of short lines
    long_run = False  # the run has had three lines or more
    for block in blocks:
        reason = link_bait_reason(block.text)
        if reason is None and is_heading_like(block.text):
            run.append(block)
            if len(run) == 3:
                long_run = True
                yield _paragraph(run.pop(0))
            continue
        if run:  # body text or link bait follows: the run's last line is a heading
            if len(run) == 2 and not long_run:
                yield _noise(run[0], "short line right before a heading")
            elif len(run) == 2:
                yield _paragraph(run[0])
            yield Part("heading", run[-1].text, run[-1].line)
            run, long_run = [], False
        yield _noise(block, reason) if reason else _paragraph(block)
    for line in run:  # the text ends with short lines
        yield _paragraph(line)


def _marked_structure(blocks: Iterator[Block]) -> Iterator[Part]:
    for block in blocks:
        reason = link_bait_reason(block.text) if block.kind != "heading" else None
        if reason:
            yield _noise(block, reason)
        elif block.kind in ("heading", "title"):
            yield Part("heading", block.text, block.line)
        else:
            yield _paragraph(block)


def _paragraph(block: Block) -> Part:
    if block.kind == "item" or (block.kind == "line" and is_bullet(block.text)):
        return Part("paragraph", _BULLET_MARK.sub("", block.text), block.line, item=True)
    return Part("paragraph", block.text, block.line)


def _noise(block: Block, reason: str) -> Part:
    return Part("noise", block.text, block.line, reason=reason)


class _Builder:
    def __init__(self) -> None:
        self.sections: list[Section] = [Section(heading=None)]
        self.noises: list[Noise] = []

    def add(self, part: Part) -> None:
        if part.kind == "heading":
            self.sections.append(Section(heading=part.text, line=part.line))
        elif part.kind == "paragraph":
            self.sections[-1].paragraphs.append(Paragraph(part.text, "item" if part.item else "text", part.line))
        else:
            section = len(self.sections) - 1
            paragraph = len(self.sections[section].paragraphs)
            self.noises.append(Noise(part.text, part.reason, part.line, section, paragraph))

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
