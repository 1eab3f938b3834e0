"""One HTTP GET with httpx, bounded in every way a hostile or broken server could stretch it.

Timeouts (connect 10 s, read 30 s between bytes, 120 s in all), at most 10 redirects, each checked
by hand so that only http and https are followed, and a size cap counted on the decompressed bytes
as they stream in, so a gzip bomb or an endless chunked response stops at the cap. Every way it can
fail is a `FetchError` whose message is one line: DNS, refused connection, TLS, timeout, an HTTP
error status with its reason, a redirect loop or a refused scheme, a body over the cap.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.errors import FetchError, UsageError

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"reader/{__version__} (Arabic news reader; +https://pypi.org/project/arabic-news-reader/)"
SCHEMES = ("http", "https")
DEFAULT_MAX_SIZE = 20 * 1024 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}://")


@dataclass(frozen=True)
class Limits:
    """How long and how much one fetch may take; tests shrink them to stay fast."""

    connect: float = 10.0
    read: float = 30.0  # between two reads
    total: float = 120.0  # the whole response, so a server trickling a byte at a time ends too
    max_redirects: int = 10
    max_size: int = DEFAULT_MAX_SIZE  # decompressed bytes


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Response:
    """A successful (2xx) or unchanged (304) response, its body read whole."""

    url: str  # after redirects
    status: int
    content: bytes
    media_type: str  # "text/html", lower case, without parameters
    charset: str | None  # the Content-Type header's, as given
    etag: str | None
    last_modified: str | None
    location: str | None = None  # a redirect's target, as sent


def is_url(text: str) -> bool:
    """`scheme://...`: an address to fetch (or to refuse by its scheme), not a path."""
    return _URL.match(text) is not None


def check_url(url: str) -> str:
    """A URL reader may fetch: http or https with a host; anything else is a usage error."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise UsageError(f"{url}: only http and https addresses can be fetched, not {parts.scheme or 'this'}:")
    if not parts.hostname:
        raise UsageError(f"{url}: no host in the address")
    return url


def client(limits: Limits = DEFAULT_LIMITS, *, max_connections: int = 100) -> httpx.Client:
    """A client with reader's User-Agent, timeouts and no automatic redirects (see `get`)."""
    import httpx

    return httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.5"},
        timeout=httpx.Timeout(limits.read, connect=limits.connect, pool=limits.total),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
    )


def get(
    url: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    session: httpx.Client | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """GET `url`, following at most `limits.max_redirects` http(s) redirects; 304 is returned as is."""
    import httpx

    check_url(url)
    with _session(session, limits) as http:
        deadline = time.monotonic() + limits.total
        first, seen = url, {url}
        for _hop in range(limits.max_redirects + 1):
            try:
                response = _request(http, url, headers or {}, limits, deadline)
            except httpx.HTTPError as error:
                raise FetchError(f"{url}: {network_reason(error)}") from None
            if response.status not in _REDIRECTS:
                return response
            url = _redirect_target(url, response.location)
            if url in seen:
                raise FetchError(f"{first}: redirect loop (back to {url})")
            seen.add(url)
        raise FetchError(f"{first}: more than {limits.max_redirects} redirects")


@contextmanager
def _session(session: httpx.Client | None, limits: Limits) -> Iterator[httpx.Client]:
    if session is not None:
        yield session
        return
    with client(limits) as own:
        yield own


def _request(http: httpx.Client, url: str, headers: Mapping[str, str], limits: Limits, deadline: float) -> Response:
    with http.stream("GET", url, headers=headers) as response:
        status = response.status_code
        if status in _REDIRECTS or status == 304:
            return _response(url, response, b"")
        if status >= 400:
            reason = response.reason_phrase or "error"
            raise FetchError(f"{url}: HTTP {status} {reason}", status=status, retry_after=retry_after(response.headers))
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_size and not response.headers.get("content-encoding"):
            raise FetchError(f"{url}: larger than {_size(limits.max_size)} (see --max-size)")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limits.max_size:
                raise FetchError(f"{url}: larger than {_size(limits.max_size)} (see --max-size)")
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: timed out (no whole answer in {limits.total:g} s)")
        return _response(url, response, bytes(body))


def _response(url: str, response: httpx.Response, content: bytes) -> Response:
    media_type, _, parameters = response.headers.get("content-type", "").partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return Response(
        url=url,
        status=response.status_code,
        content=content,
        media_type=media_type.strip().lower(),
        charset=charset,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        location=response.headers.get("location"),
    )


def _redirect_target(url: str, location: str | None) -> str:
    """Where a redirect points, resolved against `url`; only to http or https."""
    if not location:
        raise FetchError(f"{url}: redirect without a Location")
    target = urljoin(url, location.strip())
    scheme = urlsplit(target).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"{url}: redirect to {scheme}: refused (only http and https are followed)")
    return target


def retry_after(headers: Mapping[str, str]) -> float | None:
    """`Retry-After: 120` or an HTTP date, as seconds from now (None when absent or unreadable)."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def network_reason(error: Exception) -> str:
    """Why a request failed, in words: the DNS, refused, TLS and timeout cases named."""
    import socket
    import ssl

    import httpx

    if isinstance(error, httpx.TimeoutException):
        kind = {
            httpx.ConnectTimeout: "timed out connecting",
            httpx.ReadTimeout: "timed out waiting for the server",
            httpx.WriteTimeout: "timed out sending the request",
            httpx.PoolTimeout: "timed out waiting for a connection",
        }
        return kind.get(type(error), "timed out")
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "host not found (DNS)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate not trusted ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error ({cause.reason or cause})"
        cause = cause.__cause__ or cause.__context__
    text = " ".join(str(error).split())
    if "SSL" in text or "TLS" in text or "certificate" in text:
        return f"TLS error ({text})"
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "host not found (DNS)"
    if "Connection refused" in text:
        return "connection refused"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} bytes"
