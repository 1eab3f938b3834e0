"""`reader update` of 200 local feeds x 50 entries: feeds per second, first run and second run (all 304).

A server on 127.0.0.1 (ephemeral port, a thread per request) serves the feeds, each entry with its
whole text (so no page is fetched), with an ETag; a fresh library in a temporary folder follows
them through `reader feed import`, then `reader update` runs twice as a user would run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = int(os.environ.get("READER_BENCH_FEEDS", "200"))
ENTRIES = 50
PARAGRAPH = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الإسكندرية يضم مئتي سرير ويخدم أكثر من نصف مليون "
    "نسمة، وقال الوزير خالد عبد الغفار إن المستشفى سيعمل بكامل طاقته مع بداية العام المقبل."
)


def feed_document(number: int) -> bytes:
    items = []
    for entry in range(ENTRIES):
        items.append(
            f"<item><title>خبر {entry} من المصدر {number}</title>"
            f"<link>http://127.0.0.1/feed/{number}/{entry}</link><guid>urn:{number}:{entry}</guid>"
            f"<pubDate>{formatdate(1_700_000_000 + entry * 600, usegmt=True)}</pubDate>"
            f"<content:encoded><![CDATA[<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>المصدر {number}</title><link>http://127.0.0.1/</link>{''.join(items)}</channel></rss>"
    ).encode()


def main() -> None:
    documents = {f"/feed/{n}": feed_document(n) for n in range(FEEDS)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = documents.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = f'"{len(body)}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, **dict.fromkeys(("READER_DATA_DIR", "READER_STATE_DIR", "READER_CONFIG_DIR"), folder)}
        opml = Path(folder) / "feeds.opml"
        outlines = "".join(f'<outline type="rss" text="f{n}" xmlUrl="{base}/feed/{n}"/>' for n in range(FEEDS))
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>', encoding="utf-8")
        reader = [sys.executable, "-m", "reader"]
        subprocess.run([*reader, "feed", "import", str(opml)], env=env, check=True, capture_output=True)
        for run in ("first run", "second run (all 304)"):
            started = time.perf_counter()
            result = subprocess.run([*reader, "update"], env=env, capture_output=True, text=True, check=False)
            elapsed = time.perf_counter() - started
            summary = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
            print(
                f"update {FEEDS} feeds x {ENTRIES} entries, {run}: {elapsed:.1f} s, {FEEDS / elapsed:.1f} feeds/s ({summary})"
            )
    server.shutdown()


if __name__ == "__main__":
    main()
