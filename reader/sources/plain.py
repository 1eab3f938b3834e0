"""Plain text: one block per line, or per paragraph when the text is hard-wrapped."""

from __future__ import annotations

from reader.model import Block

_BULLETS = ("- ", "* ", "• ", "· ", "▪ ", "◦ ", "– ")


def plain_blocks(text: str) -> tuple[Block, ...]:
    lines = [(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1)]
    if _hard_wrapped([line for _, line in lines if line]):
        return tuple(_joined(lines))
    return tuple(Block("line", line, number) for number, line in lines if line)


def is_bullet(line: str) -> bool:
    return line.startswith(_BULLETS)


def _hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width (as in e-mail) has no line much longer than the rest."""
    if len(lines) < 6:
        return False
    lengths = sorted(len(line) for line in lines)
    median = (lengths[len(lengths) // 2] + lengths[~(len(lengths) // 2)]) / 2  # `statistics` costs 3 ms to import
    return 40 <= median <= 100 and lengths[-1] <= 120


def _joined(lines: list[tuple[int, str]]) -> list[Block]:
    """Blank lines end a paragraph; the first line (the title) and bullets stand alone."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in lines:
        if current and (not line or is_bullet(line) or not blocks):
            blocks.append(Block("line", " ".join(current), start))
            current = []
        if not line:
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append(Block("line", " ".join(current), start))
    return blocks
