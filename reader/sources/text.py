"""Decoded text to the logical text every later stage reads."""

from __future__ import annotations

import re

from reader.arabic.unshape import unshape
from reader.sanitize import neutralise

_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# The characters every line break above starts with. A search for a single class skips through the
# text in C; one for _LINE_BREAK's alternatives tries a match at every character (3x slower).
_LINE_BREAK_START = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")


def normalise_text(text: str, show_controls: bool = False) -> str:
    """One kind of line end, tabs as spaces, no controls, no presentation forms."""
    if _LINE_BREAK_START.search(text):  # searching is far cheaper than substituting on clean text
        text = _LINE_BREAK.sub("\n", text)
    text = text.replace("\t", " ")
    return unshape(neutralise(text, show=show_controls))
