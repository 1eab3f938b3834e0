"""Feeds: parsing every format, hostile entries, huge and broken documents, dedup, conditional GET,
Retry-After, per-host limits and summary-only entries, against real servers on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler

from reader.sanitize import CONTROLS
from reader.web.feeds import MAX_ENTRIES, first_entries, parse_feed
from reader.web.fetch import Limits
from reader.web.update import update_feeds

from .feeds import ATOM, RDF, RSS091, MemoryFeeds, item, rss2
from .server import Route, page, send, serve, status

FAST = Limits(connect=1.0, read=1.0, total=10.0)
RSS = "application/rss+xml"


def test_rss2_entries_with_guid_link_author_and_date() -> None:
    parsed = parse_feed(rss2("أخبار", [item(1), item(2)]))
    assert parsed.title == "أخبار" and parsed.broken is None
    first = parsed.entries[0]
    assert (first.guid, first.link, first.title, first.author) == (
        "urn:news:1",
        "http://example.org/news/1",
        "خبر رقم 1",
        "سارة المصري",
    )
    assert first.published == 1_700_000_060 and first.full


def test_atom_rdf_and_rss_091_in_windows_1256() -> None:
    atom, rdf, old = parse_feed(ATOM), parse_feed(RDF), parse_feed(RSS091)
    assert atom.entries[0].title == "عنوان أطوم" and atom.entries[0].author == "كاتب"
    assert atom.entries[0].published == 1_714_557_600
    assert rdf.title == "أخبار آر دي إف" and rdf.entries[0].link == "http://example.org/rdf/1"
    assert old.title == "أخبار قديمة" and old.entries[0].title == "خبر بترميز ويندوز"


def test_the_header_charset_reads_a_feed_without_a_declaration() -> None:
    data = rss2("أخبار", [item(1)]).replace(b' encoding="utf-8"', b"").decode().encode("cp1256", errors="replace")
    parsed = parse_feed(data, headers={"content-type": "application/rss+xml; charset=windows-1256"})
    assert parsed.title == "أخبار"


def test_hostile_entries_keep_no_script_handler_javascript_escape_or_bidi_control() -> None:
    evil = item(
        1,
        title="عنوان \x1b[2J\x1b]52;c;aGFjaw==\x07 \u202eمعكوس\u202c <b onclick='x()'>غامق</b>",
        link="javascript:alert(1)",
        content="<p onclick=\"steal()\">نص <a href='javascript:alert(2)'>رابط</a><script>alert(3)</script>"
        "<img src=x onerror=alert(4)></p>" + "<p>" + "كلمة " * 200 + "</p>",
    )
    entry = parse_feed(rss2("x", [evil])).entries[0]
    for text in (entry.title, entry.content):
        for bad in ("<script", "onclick", "onerror", "javascript:", "alert(3)", "\x1b", "aGFjaw", "\u202e"):
            assert bad not in text, (bad, text[:200])
    assert not any(char in entry.title for char in CONTROLS if len(char) == 1)
    assert entry.link == "" and "غامق" in entry.title and "معكوس" in entry.title


def test_a_100000_item_feed_is_read_to_its_first_entries_in_bounded_time() -> None:
    items = "".join(
        f"<item><title>خبر {n}</title><link>http://x/{n}</link><guid>urn:news:{n}</guid></item>" for n in range(100_000)
    )
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>كثير</title>{items}</channel></rss>'.encode()
    started = time.monotonic()
    parsed = parse_feed(data)
    assert time.monotonic() - started < 20
    assert len(parsed.entries) == MAX_ENTRIES and parsed.broken is None
    assert parsed.entries[-1].guid == f"urn:news:{MAX_ENTRIES - 1}"


def test_cutting_keeps_what_closes_the_document() -> None:
    data = rss2("x", [item(n, full=False) for n in range(5)])
    cut = first_entries(data, 2)
    assert cut.endswith(b"</channel></rss>") and cut.count(b"<item>") == 2
    assert first_entries(data, 10) == data


def test_broken_xml_gives_what_it_can_and_says_so() -> None:
    data = rss2("مكسور", [item(n) for n in range(10)])
    parsed = parse_feed(data[: len(data) * 2 // 3])
    assert parsed.broken and 1 <= len(parsed.entries) <= 10


def _feed_route(counter: list[int], items: list[dict[str, str]], etag: str = '"v1"') -> Route:
    body = rss2("أخبار الاختبار", items)

    def route(handler: BaseHTTPRequestHandler) -> None:
        counter.append(1)
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        send(handler, 200, body, RSS, {"ETag": etag, "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT"})

    return route


def test_update_stores_new_entries_once_and_a_second_update_costs_a_304() -> None:
    hits: list[int] = []
    with serve({"/feed": _feed_route(hits, [item(1), item(2), item(2), item(3, guid="", link="")])}) as server:
        store = MemoryFeeds().follow(server.url("/feed"))
        first = update_feeds(store, limits=FAST)
        second = update_feeds(store, limits=FAST)
        conditional = server.requests[-1][1]
    assert (first.fetched, first.added, first.failed) == (1, 3, 0)
    assert (second.fetched, second.unchanged, second.added) == (1, 1, 0)
    assert conditional["if-none-match"] == '"v1"' and conditional["if-modified-since"].startswith("Wed, 01 May 2024")
    stored = store.entries[server.url("/feed")]
    assert [e.article.title for e in stored] == ["خبر رقم 1", "خبر رقم 2", "خبر رقم 3"]
    assert stored[2].source.startswith(server.url("/feed") + "#")  # no link: the feed and the hash
    article = stored[0].article
    assert article.page is not None and article.page.author == "سارة المصري" and article.page.site == "أخبار الاختبار"
    assert article.page.date == "2023-11-14" and stored[0].published == 1_700_000_060


def test_dedup_by_guid_then_link_then_content_hash_across_updates() -> None:
    versions = [
        [item(1), item(2)],
        [
            item(1, title="عنوان معدل"),
            item(5, link="http://example.org/news/2"),
            item(6, guid="", link="", title="خبر رقم 9"),
        ],
        [item(7, guid="", link="", title="خبر رقم 9", content=item(6)["content"])],
    ]
    current: list[bytes] = []
    with serve({"/feed": lambda handler: send(handler, 200, current[-1], RSS)}) as server:
        store = MemoryFeeds().follow(server.url("/feed"))
        added = []
        for items in versions:
            current.append(rss2("أخبار", items))
            added.append(update_feeds(store, limits=FAST).added)
    # version 2: guid 1 known (a new title is no new entry); entry 5 has entry 2's link; 6 is new.
    # version 3: no guid, no link, but entry 6's title and content: the same hash.
    assert added == [2, 1, 0]


def test_retry_after_on_429_is_respected_by_the_next_update() -> None:
    with serve({"/busy": status(429, **{"Retry-After": "3600"}), "/ok": page(rss2("أخبار", [item(1)]), RSS)}) as server:
        store = MemoryFeeds().follow(server.url("/busy"), server.url("/ok"))
        lines: list[str] = []
        first = update_feeds(store, limits=FAST, report=lines.append)
        requests = len(server.requests)
        second = update_feeds(store, limits=FAST, report=lines.append)
        busy_requests = [path for path, _ in server.requests[requests:] if path == "/busy"]
    assert (first.failed, first.fetched) == (1, 1)
    assert "HTTP 429 Too Many Requests" in lines[0] and server.url("/busy") in lines[0]
    assert second.failed == 1 and busy_requests == [] and "Retry-After" in lines[-1]
    assert store.states[server.url("/busy")].retry_until is not None


def test_503_retry_after_as_an_http_date() -> None:
    with serve({"/down": status(503, **{"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})}) as server:
        store = MemoryFeeds().follow(server.url("/down"))
        update_feeds(store, limits=FAST)
    retry = store.states[server.url("/down")].retry_until
    assert retry is not None and retry > time.time() + 365 * 86400


def test_a_failing_feed_is_one_line_and_the_others_go_on() -> None:
    with serve(
        {"/ok": page(rss2("أخبار", [item(1)]), RSS), "/gone": status(404), "/html": page(b"<p>x</p>")}
    ) as server:
        store = MemoryFeeds().follow(server.url("/gone"), server.url("/ok"), server.url("/html"))
        lines: list[str] = []
        summary = update_feeds(store, limits=FAST, report=lines.append)
    assert (summary.fetched, summary.failed, summary.added) == (1, 2, 1)
    assert sorted(line.split(": ", 1)[0] for line in lines) == [
        f"feed {server.url('/gone')}",
        f"feed {server.url('/html')}",
    ]
    assert all("\n" not in line for line in lines)
    assert store.states[server.url("/gone")].error and "404" in (store.states[server.url("/gone")].error or "")


def test_at_most_two_requests_at_a_time_to_one_host() -> None:
    in_flight = [0]
    most = [0]
    lock = threading.Lock()

    def slow_feed(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.2)
        with lock:
            in_flight[0] -= 1
        send(handler, 200, rss2("أخبار", [item(int(handler.path.rsplit("/", 1)[1]))]), RSS)

    routes = {f"/feed/{n}": slow_feed for n in range(8)}
    with serve(routes) as server:
        store = MemoryFeeds().follow(*(server.url(path) for path in routes))
        started = time.monotonic()
        summary = update_feeds(store, jobs=8, limits=FAST)
        elapsed = time.monotonic() - started
    assert summary.fetched == 8 and most[0] == 2
    assert elapsed >= 0.8  # 8 feeds, 2 at a time, 0.2 s each


def test_a_summary_only_entry_gets_its_page_fetched_and_extracted() -> None:
    article_page = (
        "<html><body><nav>الرئيسية</nav><article><h1>الخبر الكامل</h1>"
        f"<p>{'نص الصفحة الكامل ' * 30}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>"
    ).encode()
    with serve({"/page/1": page(article_page), "/page/2": status(500)}) as server:
        items = [item(1, full=False, link=server.url("/page/1")), item(2, full=False, link=server.url("/page/2"))]
        server.routes["/feed"] = page(rss2("أخبار", items), RSS)
        store = MemoryFeeds().follow(server.url("/feed"))
        lines: list[str] = []
        update_feeds(store, limits=FAST, report=lines.append)
    fetched, kept = store.entries[server.url("/feed")]
    text = " ".join(p.text for _s, _p, p in fetched.article.paragraphs())
    assert fetched.article.title == "الخبر الكامل" and "نص الصفحة الكامل" in text
    assert "الرئيسية" not in text and "محفوظة" not in text
    assert fetched.article.page is not None and fetched.article.page.url == server.url("/page/1")
    assert [p.text for _s, _p, p in kept.article.paragraphs()] == ["ملخص الخبر رقم 2"]
    assert lines == [f"feed entry {server.url('/page/2')}: HTTP 500 Internal Server Error; its summary is kept"]


def test_a_full_entry_is_taken_as_it_is_without_fetching_its_page() -> None:
    with serve({"/feed": page(rss2("أخبار", [item(1)]), RSS)}) as server:
        store = MemoryFeeds().follow(server.url("/feed"))
        update_feeds(store, limits=FAST)
        paths = [path for path, _ in server.requests]
    assert paths == ["/feed"]
    (entry,) = store.entries[server.url("/feed")]
    assert entry.article.paragraphs()[0][2].text.startswith("الخبر رقم 1: أعلنت وزارة الصحة")


def test_a_feed_redirecting_to_file_is_refused() -> None:
    with serve(
        {"/feed": lambda handler: send(handler, 302, b"", "text/plain", {"Location": "file:///etc/passwd"})}
    ) as server:
        store = MemoryFeeds().follow(server.url("/feed"))
        lines: list[str] = []
        summary = update_feeds(store, limits=FAST, report=lines.append)
    assert summary.failed == 1 and "redirect to file: refused" in lines[0]
