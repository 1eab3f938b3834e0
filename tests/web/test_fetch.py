"""Fetching pages: every way a server can be slow, broken or hostile, against real local servers."""

from __future__ import annotations

import socket
import time

import pytest

from reader.cli import main
from reader.errors import FetchError, UsageError
from reader.web import fetch
from reader.web.fetch import USER_AGENT, Limits, get

from .server import closed_port, endless, gzip_bomb, page, redirect, serve, silent_server, slow, status

FAST = Limits(connect=1.0, read=0.5, total=5.0)
ARTICLE = (
    "<html lang='ar'><head><title>عنوان الخبر</title></head><body><nav>الرئيسية</nav><article><h1>عنوان الخبر</h1>"
    "<p>أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم مئتي سرير.</p></article>"
    "<footer>جميع الحقوق محفوظة</footer></body></html>"
)


@pytest.fixture(autouse=True)
def fast_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "DEFAULT_LIMITS", FAST)


def reader(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(code: int, err: str) -> str:
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: error: "), err
    return lines[0]


def test_reader_cat_url_prints_the_article_without_the_page(capsys) -> None:
    with serve({"/news/1": page(ARTICLE.encode())}) as server:
        code, out, _err = reader(["cat", server.url("/news/1")], capsys)
        agent = server.requests[0][1]["user-agent"]
    assert code == 0
    assert out.startswith("عنوان الخبر\n") and "مستشفى جديد" in out
    assert "الرئيسية" not in out and "محفوظة" not in out
    assert agent == USER_AGENT and agent.startswith("reader/0.")


def test_json_names_the_page_address_after_redirects(capsys) -> None:
    with serve({"/old": redirect("/new"), "/new": page(ARTICLE.encode())}) as server:
        code, out, _err = reader(["cat", "--format", "json", server.url("/old")], capsys)
        assert code == 0 and f'"url": "{server.url("/new")}"' in out and '"language": "ar"' in out


def test_plain_text_is_read_as_text(capsys) -> None:
    with serve({"/a.txt": page("عنوان\n\nسطر أول من النص.\n".encode(), "text/plain; charset=utf-8")}) as server:
        code, out, _err = reader(["cat", server.url("/a.txt")], capsys)
    assert code == 0 and out == "عنوان\n\nسطر أول من النص.\n"


@pytest.mark.parametrize(
    ("route", "words"),
    [
        (status(404), "HTTP 404 Not Found"),
        (status(500), "HTTP 500 Internal Server Error"),
        (status(429, **{"Retry-After": "120"}), "HTTP 429 Too Many Requests"),
        (page(b"\x89PNG\r\n", "image/png"), "not a web page or text (image/png)"),
        (redirect("file:///etc/passwd"), "redirect to file: refused"),
        (redirect("/loop"), "redirect loop"),
    ],
)
def test_http_failures_are_one_line_and_exit_2(route, words: str, capsys) -> None:
    with serve({"/loop": route}) as server:
        line = one_error_line(*reader(["cat", server.url("/loop")], capsys)[::2])
    assert words in line and server.base in line


def test_429_says_when_to_retry() -> None:
    with serve({"/busy": status(429, **{"Retry-After": "120"})}) as server, pytest.raises(FetchError) as raised:
        get(server.url("/busy"), limits=FAST)
    assert raised.value.status == 429 and raised.value.retry_after == 120


def test_more_than_ten_redirects_stop() -> None:
    routes = {f"/r{i}": redirect(f"/r{i + 1}") for i in range(12)}
    with serve(routes) as server, pytest.raises(FetchError, match="more than 10 redirects"):
        get(server.url("/r0"), limits=FAST)
    assert len(server.requests) == 11


def test_a_slow_server_times_out(capsys) -> None:
    with serve({"/slow": slow(3)}) as server:
        started = time.monotonic()
        line = one_error_line(*reader(["cat", server.url("/slow")], capsys)[::2])
    assert "timed out" in line and time.monotonic() - started < 2.5


def test_a_server_that_accepts_and_never_answers_times_out(capsys) -> None:
    with silent_server() as url:
        started = time.monotonic()
        line = one_error_line(*reader(["cat", url], capsys)[::2])
    assert "timed out" in line and time.monotonic() - started < 2.5


def test_refused_connection(capsys) -> None:
    line = one_error_line(*reader(["cat", closed_port()], capsys)[::2])
    assert line.endswith("connection refused")


def test_dns_failure(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Resolution fails here without asking any DNS server: nothing leaves the machine."""

    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    line = one_error_line(*reader(["cat", "http://no-such-host.invalid/"], capsys)[::2])
    assert line.endswith("host not found (DNS)")


def test_tls_error_against_a_plain_http_server(capsys) -> None:
    with serve({"/": page(ARTICLE.encode())}) as server:
        line = one_error_line(*reader(["cat", server.base.replace("http:", "https:") + "/"], capsys)[::2])
    assert "TLS error" in line


def test_a_gzip_bomb_stops_at_the_size_cap(capsys) -> None:
    with serve({"/bomb": gzip_bomb()}) as server:
        started = time.monotonic()
        line = one_error_line(*reader(["cat", "--max-size", "2MB", server.url("/bomb")], capsys)[::2])
    assert "larger than 2 MB" in line and time.monotonic() - started < 5


def test_the_default_cap_is_20_mb() -> None:
    assert fetch.Limits().max_size == 20 * 1024 * 1024
    with serve({"/bomb": gzip_bomb()}) as server, pytest.raises(FetchError, match="larger than 20 MB"):
        get(server.url("/bomb"), limits=Limits(read=2, total=30))


def test_an_endless_chunked_response_stops_at_the_cap_or_the_deadline() -> None:
    with serve({"/endless": endless()}) as server:
        with pytest.raises(FetchError, match="larger than 1 MB"):
            get(server.url("/endless"), limits=Limits(read=1, total=10, max_size=1024**2))
        with pytest.raises(FetchError, match="timed out"):
            get(server.url("/endless"), limits=Limits(read=1, total=0.3, max_size=10**12))


def test_a_wrong_charset_in_the_header_still_reads_arabic(capsys) -> None:
    utf8_said_latin = page(ARTICLE.encode(), "text/html; charset=iso-8859-1")
    cp1256_said_utf8 = page(ARTICLE.encode("cp1256"), "text/html; charset=utf-8")
    with serve({"/a": utf8_said_latin, "/b": cp1256_said_utf8}) as server:
        for path in ("/a", "/b"):
            code, out, _err = reader(["cat", server.url(path)], capsys)
            assert code == 0 and "مستشفى جديد" in out, path


def test_the_header_charset_wins_over_detection() -> None:
    from reader.web.page import load_url

    body = ARTICLE.replace("<head>", "<head><meta charset='utf-8'>").encode("cp1256")
    with serve({"/a": page(body, "text/html; charset=windows-1256")}) as server:
        document = load_url(server.url("/a"), limits=FAST)
    assert document.encoding == "cp1256"


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/passwd", "http:///nohost"])
def test_only_http_and_https_addresses(url: str, capsys) -> None:
    line = one_error_line(*reader(["cat", url], capsys)[::2])
    assert url in line
    with pytest.raises(UsageError):
        fetch.check_url(url)
