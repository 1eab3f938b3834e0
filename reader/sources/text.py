"""Decoded text to the logical text every later stage reads."""

from __future__ import annotations

import re

from reader.arabic.unshape import unshape
from reader.sanitize import neutralise

_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# The characters every line break above starts with. Looking for each (`in`) takes 1.4 ms on 5 MB
# of Arabic, a search for a class of them 8 ms, one for _LINE_BREAK's alternatives 25 ms.
_LINE_BREAK_STARTS = "\r\x0b\x0c\x85\u2028\u2029"


def normalise_text(text: str, show_controls: bool = False) -> str:
    """One kind of line end, tabs as spaces, no controls, no presentation forms."""
    if any(char in text for char in _LINE_BREAK_STARTS):  # far cheaper than substituting on clean text
        text = _LINE_BREAK.sub("\n", text)
    text = text.replace("\t", " ")
    return unshape(neutralise(text, show=show_controls))
