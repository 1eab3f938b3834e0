"""A web address to a `Document`: fetched, decoded by the same rules as a file, then extracted."""

from __future__ import annotations

from dataclasses import replace

from reader.errors import FetchError, InputError
from reader.model import Document, DocumentFormat, PageInfo
from reader.sources import load_text
from reader.sources.decode import decode_bytes
from reader.web import fetch
from reader.web.fetch import Limits, Response, get

_FORMATS: dict[str, DocumentFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}


def load_url(
    url: str,
    *,
    encoding: str | None = None,
    max_size: int | None = None,
    show_controls: bool = False,
    limits: Limits | None = None,
) -> Document:
    """Fetch `url` (http or https) and read it as an article."""
    limits = limits or fetch.DEFAULT_LIMITS  # looked up now: tests shrink it
    if max_size is not None:
        limits = replace(limits, max_size=max_size)
    return response_document(get(url, limits=limits), encoding=encoding, show_controls=show_controls)


def response_document(response: Response, *, encoding: str | None = None, show_controls: bool = False) -> Document:
    """A fetched page as a document: HTML, plain text or Markdown by its Content-Type."""
    form = page_format(response)
    if not response.content.strip():
        raise FetchError(f"{response.url}: empty response")
    # The header's charset comes after a byte-order mark and valid UTF-8, like a page's own <meta>.
    # Bytes not valid in the encoding read are replaced and counted, as in a file: `replaced` warns.
    decoded = decode_bytes(response.content, encoding, declared=response.charset)
    try:
        document = load_text(
            decoded.text, source=response.url, encoding=decoded.encoding, show_controls=show_controls, form=form
        )
    except InputError as error:
        raise InputError(f"{response.url}: {error}") from None
    return replace(document, page=replace(document.page or PageInfo(), url=response.url), replaced=decoded.replaced)


def page_format(response: Response) -> DocumentFormat:
    """HTML, text or Markdown; any other type (an image, a PDF, JSON) is refused."""
    if response.media_type in _FORMATS:
        return _FORMATS[response.media_type]
    if not response.media_type:  # no Content-Type: look at the bytes
        return "html" if response.content.lstrip()[:1] == b"<" else "text"
    raise FetchError(f"{response.url}: not a web page or text ({response.media_type})")
