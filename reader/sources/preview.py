"""The beginning of a large article file, to show at once while the rest is read in the background.

Like `less`, the reader shows the first screen before it has read the whole file: a 10 MB
article's structure takes a good part of a second, its first page a few milliseconds. The
preview is the file's first PREVIEW_BYTES cut at a blank line, decoded and split into blocks
exactly as the whole file will be; the app builds both into articles and swaps in the whole one,
keeping the reader's place, when it is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.model import Document
from reader.sources import load_text
from reader.sources.decode import decode
from reader.sources.files import read_bytes

PREVIEW_AFTER = 1024 * 1024  # files larger than this open with a preview
PREVIEW_BYTES = 48 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Preview:
    head: Document  # the beginning
    whole: Callable[[], Document]  # decodes the whole file (slow: run it in a worker)


def preview(path: str, *, encoding: str | None, max_size: int, show_controls: bool) -> Preview | None:
    """A preview of a large article file, or None when it is small or cannot be cut safely."""
    data = read_bytes(path, max_size)
    if len(data) <= PREVIEW_AFTER or data.startswith(_UTF16_BOMS):
        return None
    # A blank line is never inside a paragraph; a line end, in UTF-8 or a code page, is never inside
    # a character. Text with one paragraph per line (as scraped news is) has no blank lines to cut at.
    cut = data.rfind(b"\n\n", 0, PREVIEW_BYTES)
    if cut < PREVIEW_BYTES // 2:
        cut = data.rfind(b"\n", 0, PREVIEW_BYTES)
    if cut <= 0 or b"\x00" in data[:cut]:  # no line end, or UTF-16 without a mark
        return None
    head, used = decode(data[:cut], encoding)

    def whole() -> Document:
        text, used_for_all = decode(data, encoding)
        return load_text(text, source=path, encoding=used_for_all, show_controls=show_controls)

    return Preview(load_text(head, source=path, encoding=used, show_controls=show_controls), whole)
