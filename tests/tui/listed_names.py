"""A recogniser that finds only the names listed in data/names.tsv.

Snapshots show entity highlighting and counts; with the trained recogniser they would change
whenever its model does. This one keeps the pictures about the app.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.entities import Span

NAMES = Path(__file__).with_name("data") / "names.tsv"


class ListedNames:
    name = "listed-names"

    def __init__(self) -> None:
        entries = [line.split("\t") for line in NAMES.read_text(encoding="utf-8").splitlines() if line]
        self.types = {name: kind for kind, name in entries}
        longest_first = sorted(self.types, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(name) for name in longest_first))

    def spans(self, text: str) -> list[Span]:
        return [Span(m.start(), m.end(), self.types[m.group()]) for m in self.pattern.finditer(text)]
