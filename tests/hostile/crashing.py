"""A recogniser plug-in that raises, to crash the app from inside (`--ner tests.hostile.crashing:Crashing`)."""

from __future__ import annotations


class Crashing:
    name = "crashing"

    def spans(self, text: str) -> list[object]:
        raise RuntimeError("planted crash \x1b[2J")
