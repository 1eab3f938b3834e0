"""Article extraction, old against new: words kept, lost and junk on each saved page in tests/pages/.

Each `NAME.html` is a page made for this comparison with a known article, `NAME.txt` (title and
paragraphs). A page's output is what `reader cat` prints (noise left out). Kept: article words in
the output (counted as a multiset); lost: article words missing; junk: output words not in the article.
The old extractor is the streaming reader (reader/sources/html_stream.py), trafilatura the new one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.model import Block, Document
from reader.sources import load_text
from reader.sources.decode import decode
from reader.sources.html_stream import stream_blocks
from reader.structure import build_article
from reader.writers.plain import plain_text

PAGES = Path(__file__).resolve().parent.parent / "tests" / "pages"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    kept: int
    lost: int
    junk: int


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text))


def score(expected: str, output: str) -> Score:
    want, got = words(expected), words(output)
    kept = sum((want & got).values())
    return Score(kept, sum(want.values()) - kept, sum(got.values()) - kept)


def new_output(page: Path) -> str:
    text, used = decode(page.read_bytes())
    return plain_text(build_article(load_text(text, source=str(page), encoding=used)), with_noise=False)


def old_output(page: Path) -> str:
    text, used = decode(page.read_bytes())
    document = load_text(text, source=str(page), encoding=used)  # the same cleaning, then the old blocks
    blocks: tuple[Block, ...] = stream_blocks(text)
    return plain_text(build_article(Document(document.source, used, "html", blocks)), with_noise=False)


def trafilatura_alone(page: Path) -> str:
    """trafilatura's own text output (no title, no fallback for pages deeper than libxml2 holds)."""
    import trafilatura

    text, _used = decode(page.read_bytes())
    return str(trafilatura.extract(text, include_comments=False) or "")


def table(extractors: dict[str, Callable[[Path], str]]) -> list[tuple[str, dict[str, Score]]]:
    rows = []
    for page in sorted(PAGES.glob("*.html")):
        expected = page.with_suffix(".txt").read_text(encoding="utf-8")
        rows.append((page.stem, {name: score(expected, run(page)) for name, run in extractors.items()}))
    return rows


def main() -> None:
    extractors = {"old": old_output, "new": new_output, "trafilatura.extract": trafilatura_alone}
    rows = table(extractors)
    header = "page".ljust(15) + "".join(f"{name + ' kept/lost/junk':>36}" for name in extractors)
    print(header)
    totals = {name: [0, 0, 0] for name in extractors}
    for name, scores in rows:
        line = name.ljust(15)
        for extractor, found in scores.items():
            line += f"{found.kept:>24}/{found.lost:>4}/{found.junk:>6}"
            totals[extractor] = [
                a + b for a, b in zip(totals[extractor], (found.kept, found.lost, found.junk), strict=True)
            ]
        print(line)
    print("total".ljust(15) + "".join(f"{k:>24}/{lost:>4}/{junk:>6}" for k, lost, junk in totals.values()))


if __name__ == "__main__":
    main()
