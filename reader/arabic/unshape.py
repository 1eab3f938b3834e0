"""Undo shaping that arrived in the input: text copied from PDFs holds presentation forms.

Presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) become ordinary letters, so that search, grep
and entities see the words. Such text is often in visual order too (reversed per line); a line
whose words start with final forms and end with initial forms is put back in logical order.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_LTR_RUN = re.compile(r"[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9]+(?:[.,:/%\-][0-9A-Za-z\u0660-\u0669\u06f0-\u06f9]+)*")
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def has_presentation_forms(text: str) -> bool:
    return _PRESENTATION.search(text) is not None


def unshape(text: str) -> str:
    """Logical-order plain letters for text that holds presentation forms; other text unchanged.

    Only the lines that hold one are visited: news text often carries a stray ligature or two.
    """
    found = _PRESENTATION.search(text)
    if found is None:
        return text
    pieces: list[str] = []
    done = 0
    while found is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        pieces += [text[done:start], _unshape_line(text[start:end])]
        done = end
        found = _PRESENTATION.search(text, end)
    pieces.append(text[done:])
    return "".join(pieces)


def _unshape_line(line: str) -> str:
    if not has_presentation_forms(line):
        return line
    if _looks_visual(line):
        line = _visual_to_logical(line)
    return _PRESENTATION.sub(lambda m: _letters(m.group()), line)


@lru_cache(maxsize=1024)
def _letters(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


@lru_cache(maxsize=1024)
def _form(char: str) -> str:
    name = unicodedata.name(char, "")
    for form in ("INITIAL", "FINAL", "MEDIAL", "ISOLATED"):
        if name.endswith(f"{form} FORM"):
            return form
    return ""


def _looks_visual(line: str) -> bool:
    """Words that open with a final form and close with an initial form were stored reversed."""
    reversed_votes = logical_votes = 0
    for word in line.split():
        letters = [c for c in word if _PRESENTATION.match(c)]
        if len(letters) < 2:
            continue
        first, last = _form(letters[0]), _form(letters[-1])
        if first == "FINAL" or last == "INITIAL":
            reversed_votes += 1
        if first == "INITIAL" or last == "FINAL":
            logical_votes += 1
    return reversed_votes > logical_votes


def _visual_to_logical(line: str) -> str:
    """Reverse a right-to-left visual line, keeping runs of Latin letters and digits left to right."""
    backwards = line[::-1].translate(_MIRRORED)
    return _LTR_RUN.sub(lambda m: m.group()[::-1], backwards)
