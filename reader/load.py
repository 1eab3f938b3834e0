"""Where an article comes from: a web address (the web stage) or a file or standard input (sources).

Above both stages, so that neither imports the other: the web stage decodes and splits a page
with the sources' functions, and `reader URL` works wherever a path does.
"""

from __future__ import annotations

from reader.model import Document, DocumentStream
from reader.sources import stream_path, whole


def load_document(
    path: str,
    *,
    encoding: str | None = None,
    max_size: int | None = None,  # None: 50 MB for a file, 20 MB for a page
    show_controls: bool = False,
) -> Document:
    """Read, decode and split one source into blocks; `-` is standard input, `https://...` a page."""
    document = open_document(path, encoding=encoding, max_size=max_size, show_controls=show_controls)
    return document if isinstance(document, Document) else whole(document)


def open_document(
    path: str,
    *,
    encoding: str | None = None,
    max_size: int | None = None,  # None: 50 MB for a file, 20 MB for a page
    show_controls: bool = False,
) -> Document | DocumentStream:
    """`load_document`, a file's blocks made as they are read (`reader cat` prints the first at once)."""
    if "://" in path[:20]:
        from reader.web.fetch import is_url

        if is_url(path):
            from reader.web.page import load_url  # httpx: imported for addresses only

            return load_url(path, encoding=encoding, max_size=max_size, show_controls=show_controls)
    return stream_path(path, encoding=encoding, max_size=max_size, show_controls=show_controls)
