"""An article in reading order: headings, paragraphs and, when asked, noise where it stood."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from reader.model import Article, Noise, Paragraph

FlowKind = Literal["heading", "paragraph", "noise"]


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
    chunks: list[str] = [title]
    previous_item = False
    for item, block in blocks:
        if item.item and previous_item:
            chunks[-1] += "\n" + block
        else:
            chunks.append(block)
        previous_item = item.item
    return "\n\n".join(chunks) + "\n"
