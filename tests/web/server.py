"""Real HTTP servers on 127.0.0.1 (an ephemeral port, one thread per request) for the web tests.

`serve(routes)` starts one; each route is a function that writes the whole response on the
handler (status, headers, body), so a test can be slow, broken or hostile at will. Every loop
that could run forever is bounded in time and stops when the client goes away.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # path and headers, in order

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Server]:
    server_box: list[Server] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            server_box[0].requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server_box[0].routes.get(self.path.split("?")[0])
            if route is None:
                send(self, 404, b"not here", "text/plain")
                return
            with suppress(BrokenPipeError, ConnectionResetError):
                route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = _QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_box.append(Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_box[0]
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up (a timeout, a size cap, a closed keep-alive connection) is what these
    tests make happen: socketserver would print its traceback onto the standard error under test."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def page(body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> Route:
    return lambda handler: send(handler, 200, body, content_type, headers)


def status(code: int, **headers: str) -> Route:
    return lambda handler: send(handler, code, f"status {code}".encode(), "text/plain", headers)


def redirect(location: str, code: int = 302) -> Route:
    return lambda handler: send(handler, code, b"", "text/plain", {"Location": location})


def slow(seconds: float, body: bytes = b"<p>late</p>") -> Route:
    """Sends the headers, then nothing for `seconds`."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.flush()
        time.sleep(seconds)
        handler.wfile.write(body)

    return route


def gzip_bomb(expanded: int = 10 * 1024**3) -> Route:
    """A gzip body that expands to `expanded` bytes (10 GB), compressed as it is sent."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        zeros = b"\0" * (1024 * 1024)
        stop = time.monotonic() + 30
        for _ in range(expanded // len(zeros)):
            _chunk(handler, compressor.compress(zeros))
            if time.monotonic() > stop:
                return
        _chunk(handler, compressor.flush())
        handler.wfile.write(b"0\r\n\r\n")

    return route


def endless(seconds: float = 30) -> Route:
    """A chunked body that never ends (until `seconds` pass or the client leaves)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        block = b"<p>" + "كلمة ".encode() * 2000 + b"</p>"
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            _chunk(handler, block)

    return route


def _chunk(handler: BaseHTTPRequestHandler, data: bytes) -> None:
    """One chunk (an empty one would end the body, so none is sent)."""
    if data:
        handler.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")


@contextmanager
def silent_server() -> Iterator[str]:
    """Accepts connections (the kernel does, into the backlog) and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        listener.close()


def closed_port() -> str:
    """An address where nothing listens: connecting is refused."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}/"
