"""Sources: a path (or `-` for standard input) to a decoded, normalised `Document`."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace

from reader.errors import DecodeError, InputError
from reader.model import Block, Document, DocumentFormat, DocumentStream, PageInfo
from reader.sources.decode import decode_bytes
from reader.sources.files import DEFAULT_MAX_SIZE, expand_paths, read_bytes, shown
from reader.sources.plain import iter_plain_blocks
from reader.sources.text import normalise_text

__all__ = [
    "DEFAULT_MAX_SIZE",
    "damage_warning",
    "detect_format",
    "expand_paths",
    "load_bytes",
    "load_path",
    "load_text",
    "stream_bytes",
    "stream_path",
    "stream_text",
    "whole",
]

_FORMATS: dict[str, DocumentFormat] = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def load_path(
    path: str,
    *,
    encoding: str | None = None,
    max_size: int | None = None,  # None: DEFAULT_MAX_SIZE
    show_controls: bool = False,
) -> Document:
    """Read, decode and split one file into blocks; `-` is standard input. (A web address is
    `reader.load.load_document`'s.)"""
    return whole(stream_path(path, encoding=encoding, max_size=max_size, show_controls=show_controls))


def stream_path(
    path: str,
    *,
    encoding: str | None = None,
    max_size: int | None = None,  # None: DEFAULT_MAX_SIZE
    show_controls: bool = False,
) -> DocumentStream:
    """`load_path` with the blocks made as they are read: the bytes are read and decoded whole."""
    data = read_bytes(path, DEFAULT_MAX_SIZE if max_size is None else max_size)
    return stream_bytes(data, path, encoding=encoding, show_controls=show_controls)


def load_bytes(data: bytes, path: str, *, encoding: str | None = None, show_controls: bool = False) -> Document:
    """Decode and split bytes already read from `path` (the library hashes them first)."""
    return whole(stream_bytes(data, path, encoding=encoding, show_controls=show_controls))


def stream_bytes(data: bytes, path: str, *, encoding: str | None = None, show_controls: bool = False) -> DocumentStream:
    """`load_bytes` with the blocks made as they are read."""
    name = "standard input" if path == "-" else shown(path)
    if not data:
        raise InputError(f"{name}: empty file")
    try:
        decoded = decode_bytes(data, encoding)
    except DecodeError as error:
        raise DecodeError(f"{name}: {error}") from None
    try:
        stream = stream_text(decoded.text, source=path, encoding=decoded.encoding, show_controls=show_controls)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    return replace(stream, replaced=decoded.replaced) if decoded.replaced else stream


def damage_warning(document: Document | DocumentStream) -> str | None:
    """The one-line warning for a source read with bytes replaced, or None."""
    if not document.replaced:
        return None
    name = "standard input" if document.source == "-" else shown(document.source)
    count = f"{document.replaced} byte{'s' if document.replaced > 1 else ''}"
    return f"{name}: {count} not valid {document.encoding} shown as \ufffd"


def load_text(
    text: str,
    *,
    source: str = "-",
    encoding: str = "utf-8",
    show_controls: bool = False,
    form: DocumentFormat | None = None,
    as_is: bool = False,
) -> Document:
    """Split already decoded text into blocks, by the format given, else the one its name or content says.

    `as_is`: HTML that is the article itself (a feed entry's content), read whole rather than extracted.
    """
    return whole(
        stream_text(text, source=source, encoding=encoding, show_controls=show_controls, form=form, as_is=as_is)
    )


def whole(stream: DocumentStream) -> Document:
    """The document with all its blocks made."""
    return Document(
        source=stream.source,
        encoding=stream.encoding,
        format=stream.format,
        blocks=tuple(stream.blocks),
        page=stream.page,
        replaced=stream.replaced,
    )


def stream_text(
    text: str,
    *,
    source: str = "-",
    encoding: str = "utf-8",
    show_controls: bool = False,
    form: DocumentFormat | None = None,
    as_is: bool = False,
) -> DocumentStream:
    """`load_text` with the blocks made as they are read: the text is cleaned whole (a hard-wrapped
    text is told by all its lines), then plain text and Markdown's plain reading give one line's
    block at a time. The first block is made at once, so that a text with none is refused here."""
    text = normalise_text(text, show_controls)
    form = form or detect_format(source, text)
    blocks: Iterator[Block]
    page: PageInfo | None = None
    if form == "text":
        blocks = iter_plain_blocks(text)
    else:
        if form == "html" and as_is:
            from reader.sources.html_stream import stream_blocks

            parsed: Iterator[Block] = iter(stream_blocks(text))
        elif form == "html":
            from reader.sources.html import html_page  # trafilatura and lxml: imported for HTML only

            page_blocks, page = html_page(text, show_controls)
            parsed = iter(page_blocks)
        else:
            from reader.sources.markdown import iter_markdown_blocks  # markdown-it costs 20 ms to import

            parsed = iter_markdown_blocks(text)
        blocks = _cleaned(parsed, show_controls)
    first = next(blocks, None)
    if first is None:
        raise InputError("holds no article text")
    return DocumentStream(
        source=source, encoding=encoding, format=form, blocks=itertools.chain((first,), blocks), page=page
    )


def _cleaned(blocks: Iterator[Block], show_controls: bool) -> Iterator[Block]:
    """Character references (`&#x202e;`, `&#27;`) turn into characters only when parsed: clean again."""
    for block in blocks:
        text = " ".join(normalise_text(block.text, show_controls).split())
        if text:
            yield block if text == block.text else replace(block, text=text)


def detect_format(source: str, text: str) -> DocumentFormat:
    """By the file's suffix; standard input by its first line."""
    suffix = source[source.rfind(".") :].lower() if "." in source else ""
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    if source == "-":
        head = text.lstrip()[:200].lower()
        if head.startswith(("<!doctype html", "<html")):
            return "html"
        if head.startswith("# "):
            return "markdown"
    return "text"
