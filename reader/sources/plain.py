"""Plain text: one block per line, or per paragraph when the text is hard-wrapped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from reader.model import Block

_BULLETS = ("- ", "* ", "• ", "· ", "▪ ", "◦ ", "– ")


def plain_blocks(text: str) -> tuple[Block, ...]:
    return tuple(iter_plain_blocks(text))


def iter_plain_blocks(text: str) -> Iterator[Block]:
    """`plain_blocks` one at a time, so that `reader cat` prints the first before the last is made.

    Whether the text is hard-wrapped is decided first, from every line's length (C-level passes).
    """
    lines = text.split("\n")
    if _hard_wrapped(lines):
        return _joined(lines)
    return (Block("line", line, number) for number, line in enumerate(map(str.strip, lines), start=1) if line)


def is_bullet(line: str) -> bool:
    return line.startswith(_BULLETS)


def _hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width (as in e-mail) has no line much longer than the rest.

    Lines are measured stripped, blank ones not counted; the median comes from a count of each
    length rather than a sort (3 million lines: a tenth of the time).
    """
    lengths = Counter(map(len, map(str.strip, lines)))
    lengths.pop(0, None)
    total = sum(lengths.values())
    if total < 6 or max(lengths) > 120:
        return False
    low, high = total // 2, total - 1 - total // 2  # the middle positions of the sorted lengths
    seen = 0
    middle: dict[int, int] = {}
    for length in sorted(lengths):
        seen += lengths[length]
        for position in (low, high):
            if position < seen:
                middle.setdefault(position, length)
        if len(middle) == 2:
            break
    median = (middle[high] + middle[low]) / 2  # `statistics` costs 3 ms to import
    return 40 <= median <= 100


def _joined(lines: list[str]) -> Iterator[Block]:
    """Blank lines end a paragraph; the first line (the title) and bullets stand alone."""
    current: list[str] = []
    start = 0
    first = True
    for number, line in enumerate(map(str.strip, lines), start=1):
        if current and (not line or is_bullet(line) or first):
            yield Block("line", " ".join(current), start)
            current = []
            first = False
        if not line:
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        yield Block("line", " ".join(current), start)
