"""An article in reading order: headings, paragraphs and, when asked, noise where it stood."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from reader.model import Article, Noise, Paragraph
from reader.model import PartKind as FlowKind
from reader.structure import Part


@dataclass(frozen=True, slots=True)
class FlowItem:
    kind: FlowKind
    text: str
    section: int
    paragraph: int = -1  # index within the section, for paragraphs
    item: bool = False  # a list item
    reason: str = ""  # for noise


def flow(article: Article, with_noise: bool = False) -> Iterator[FlowItem]:
    """Section headings and paragraphs in order; noise before the paragraph it preceded."""
    pending: dict[tuple[int, int], list[Noise]] = {}
    if with_noise:
        for noise in article.noise:
            pending.setdefault((noise.section, noise.paragraph), []).append(noise)
    for s, section in enumerate(article.sections):
        yield from _noise(pending.pop((s, -1), ()), s)
        if section.heading is not None:
            yield FlowItem("heading", section.heading, s)
        for p, paragraph in enumerate(section.paragraphs):
            yield from _noise(pending.pop((s, p), ()), s)
            yield _paragraph(paragraph, s, p)
        yield from _noise(pending.pop((s, len(section.paragraphs)), ()), s)
    for leftover in pending.values():
        yield from _noise(leftover, len(article.sections) - 1)


def stream_flow(parts: Iterable[Part], with_noise: bool = False) -> Iterator[FlowItem]:
    """`flow` of an article as it is read (`structure.stream_article`'s parts): the same items.

    Parts come in reading order, so only the numbering is worked out here: an article whose
    first heading comes before any paragraph has no lead, and that heading is section 0.
    """
    section = paragraph = 0
    headings = 0
    lead = False  # a paragraph came before the first heading: the lead is section 0
    for part in parts:
        if part.kind == "heading":
            headings += 1
            section, paragraph = (headings if lead else headings - 1), 0
            yield FlowItem("heading", part.text, section)
        elif part.kind == "paragraph":
            lead = lead or not headings
            yield FlowItem("paragraph", part.text, section, paragraph, part.item)
            paragraph += 1
        elif with_noise:
            yield FlowItem("noise", part.text, section, reason=part.reason)


def _paragraph(paragraph: Paragraph, section: int, index: int) -> FlowItem:
    return FlowItem("paragraph", paragraph.text, section, index, paragraph.kind == "item")


def _noise(noises: list[Noise] | tuple[()], section: int) -> Iterator[FlowItem]:
    for noise in noises:
        yield FlowItem("noise", noise.text, section, reason=noise.reason)


def rendered(article: Article, with_noise: bool, render: Callable[[FlowItem], str]) -> Iterator[tuple[FlowItem, str]]:
    """Each item of `flow` with its rendering, for `blocks_text`."""
    for item in flow(article, with_noise):
        yield item, render(item)


def blocks_text(title: str, blocks: Iterable[tuple[FlowItem, str]]) -> str:
    """The title and each item's block, separated by blank lines; a list's items on consecutive lines."""
    return "".join(blocks_pieces(title, blocks))


def blocks_pieces(title: str, blocks: Iterable[tuple[FlowItem, str]]) -> Iterator[str]:
    """`blocks_text` a piece at a time, for writing as the blocks come."""
    yield title
    previous_item = False
    for item, block in blocks:
        yield ("\n" if item.item and previous_item else "\n\n") + block
        previous_item = item.item
    yield "\n"
