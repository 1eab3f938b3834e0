"""Sources: a path (or `-` for standard input) to a decoded, normalised `Document`."""

from __future__ import annotations

from dataclasses import replace

from reader.errors import DecodeError, InputError
from reader.model import Block, Document, DocumentFormat, PageInfo
from reader.sources.decode import decode_bytes
from reader.sources.files import DEFAULT_MAX_SIZE, expand_paths, read_bytes, shown
from reader.sources.plain import plain_blocks
from reader.sources.text import normalise_text

__all__ = [
    "DEFAULT_MAX_SIZE",
    "damage_warning",
    "detect_format",
    "expand_paths",
    "load_bytes",
    "load_path",
    "load_text",
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
    data = read_bytes(path, DEFAULT_MAX_SIZE if max_size is None else max_size)
    return load_bytes(data, path, encoding=encoding, show_controls=show_controls)


def load_bytes(data: bytes, path: str, *, encoding: str | None = None, show_controls: bool = False) -> Document:
    """Decode and split bytes already read from `path` (the library hashes them first)."""
    name = "standard input" if path == "-" else shown(path)
    if not data:
        raise InputError(f"{name}: empty file")
    try:
        decoded = decode_bytes(data, encoding)
    except DecodeError as error:
        raise DecodeError(f"{name}: {error}") from None
    try:
        document = load_text(decoded.text, source=path, encoding=decoded.encoding, show_controls=show_controls)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    return replace(document, replaced=decoded.replaced) if decoded.replaced else document


def damage_warning(document: Document) -> str | None:
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
    text = normalise_text(text, show_controls)
    form = form or detect_format(source, text)
    blocks: tuple[Block, ...]
    page: PageInfo | None = None
    if form == "text":
        blocks = plain_blocks(text)
    else:
        if form == "html" and as_is:
            from reader.sources.html_stream import stream_blocks

            parsed = stream_blocks(text)
        elif form == "html":
            from reader.sources.html import html_page  # trafilatura and lxml: imported for HTML only

            parsed, page = html_page(text, show_controls)
        else:
            from reader.sources.markdown import markdown_blocks  # markdown-it costs 20 ms to import

            parsed = markdown_blocks(text)
        # Character references (`&#x202e;`, `&#27;`) turn into characters only now: clean again.
        blocks = tuple(
            replace(block, text=" ".join(normalise_text(block.text, show_controls).split())) for block in parsed
        )
        blocks = tuple(block for block in blocks if block.text)
    if not blocks:
        raise InputError("holds no article text")
    return Document(source=source, encoding=encoding, format=form, blocks=blocks, page=page)


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
