"""`reader feed ...` and `reader update` with the real library, against feeds on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.web import fetch
from reader.web.fetch import Limits
from tests.conftest import ROOT

from .feeds import item, rss2
from .server import page, serve, status

RSS = "application/rss+xml"


@pytest.fixture(autouse=True)
def fast_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "DEFAULT_LIMITS", Limits(connect=1.0, read=1.0, total=10.0))


def reader(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def library_file() -> Path:
    return Path(os.environ["READER_DATA_DIR"]) / "library.sqlite3"


def test_add_list_export_remove(capsys) -> None:
    url = "https://example.org/feed.xml"
    assert reader(capsys, "feed", "add", url, "--title", "مثال")[0] == 0
    assert reader(capsys, "feed", "add", url)[2].startswith("already following")
    code, out, _ = reader(capsys, "feed", "list")
    assert code == 0 and out == f"{url}\tمثال\t0\t0\tnever\t-\n"
    code, out, _ = reader(capsys, "feed", "export")
    assert code == 0 and f'xmlUrl="{url}"' in out and 'title="مثال"' in out
    assert reader(capsys, "feed", "remove", url)[0] == 0
    code, _out, err = reader(capsys, "feed", "remove", url)
    assert code == 2 and err == f"reader: error: not following {url} (see reader feed list)\n"


def test_only_web_addresses_can_be_followed(capsys) -> None:
    for bad in ("feed.xml", "file:///etc/passwd", "javascript:alert(1)"):
        code, _out, err = reader(capsys, "feed", "add", bad)
        assert code == 2 and len(err.splitlines()) == 1, bad


def test_import_the_starter_list_then_export_it_back(capsys) -> None:
    code, _out, err = reader(capsys, "feed", "import", str(ROOT / "articles" / "feeds.opml"))
    assert code == 0 and err.startswith("7 feeds added")
    assert reader(capsys, "feed", "import", str(ROOT / "articles" / "feeds.opml"))[2].startswith(
        "0 feeds added, 7 already"
    )
    exported = reader(capsys, "feed", "export")[1]
    assert exported.count("<outline ") == 7 and "https://feeds.bbci.co.uk/arabic/rss.xml" in exported
    assert "بي بي سي عربي" in exported


def test_a_hostile_opml_is_one_line(tmp_path: Path, capsys) -> None:
    bomb = tmp_path / "bomb.opml"
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 12))
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY e0 "lol">{entities}]><opml><body><outline xmlUrl="&e11;"/></body></opml>'
    )
    code, _out, err = reader(capsys, "feed", "import", str(bomb))
    assert code == 2 and len(err.splitlines()) == 1 and "not OPML" in err


def test_update_adds_entries_searchable_at_once_and_a_second_update_costs_a_304(capsys) -> None:
    body = rss2("أخبار الاختبار", [item(1), item(2, title="افتتاح مكتبة الإسكندرية الجديدة")])

    def feed(handler) -> None:
        from .server import send

        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        send(handler, 200, body, RSS, {"ETag": '"v1"'})

    with serve({"/feed": feed}) as server:
        reader(capsys, "feed", "add", server.url("/feed"))
        code, _out, err = reader(capsys, "update")
        assert code == 0 and err.strip().endswith("2 new entries")
        code, out, _err = reader(capsys, "search", "مكتبة")
        assert code == 0 and "افتتاح مكتبة الإسكندرية الجديدة" in out
        code, _out, err = reader(capsys, "update")
        assert code == 0 and "(1 unchanged)" in err and err.strip().endswith("0 new entries")
        assert [headers.get("if-none-match") for _path, headers in server.requests] == [None, '"v1"']
    code, out, _ = reader(capsys, "feed", "list")
    _url, title, entries, unread, updated, error = out.rstrip("\n").split("\t")
    assert (title, entries, unread, error) == ("أخبار الاختبار", "2", "2", "-") and updated != "never"


def test_a_failing_feed_is_one_line_exit_1_and_the_others_are_stored(capsys) -> None:
    with serve({"/ok": page(rss2("أخبار", [item(1)]), RSS), "/gone": status(404)}) as server:
        reader(capsys, "feed", "add", server.url("/gone"))
        reader(capsys, "feed", "add", server.url("/ok"))
        code, _out, err = reader(capsys, "update", "--jobs", "1")
    lines = err.splitlines()
    assert code == 1
    assert lines[0] == f"reader: feed {server.url('/gone')}: HTTP 404 Not Found"
    assert lines[-1].endswith("1 failed; 1 new entry")
    listed = reader(capsys, "feed", "list")[1].splitlines()
    assert listed[0].endswith("HTTP 404 Not Found") and listed[1].split("\t")[2] == "1"


def test_update_usage_errors_exit_2(capsys) -> None:
    code, _out, err = reader(capsys, "update", "--jobs", "0")
    assert code == 2 and "--jobs" in err


def _entries(path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as db:
        entries = db.execute("SELECT count(*), count(DISTINCT source) FROM feed_entries").fetchone()
        articles = db.execute("SELECT count(*) FROM articles WHERE kind = 'url'").fetchone()[0]
    return int(entries[0]), int(entries[1]), int(articles)


def test_kill_9_during_update_leaves_the_store_consistent_and_the_next_update_completes_it(tmp_path: Path) -> None:
    feeds = 12
    routes = {f"/feed/{n}": page(rss2(f"مصدر {n}", [item(n * 100 + e) for e in range(40)]), RSS) for n in range(feeds)}
    env = {**os.environ, "READER_DATA_DIR": str(tmp_path)}
    with serve(routes) as server:
        for path in routes:
            subprocess.run(
                [sys.executable, "-m", "reader", "feed", "add", server.url(path)], env=env, check=True, cwd=ROOT
            )
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "update", "--jobs", "2"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL
        )
        database = tmp_path / "library.sqlite3"
        deadline = time.monotonic() + 120
        partial = 0
        while time.monotonic() < deadline and process.poll() is None:
            try:
                partial = _entries(database)[0]
            except sqlite3.Error:
                partial = 0
            if partial >= 40:
                break
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert 0 < partial < feeds * 40, "the kill must land mid-update"
        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored, sources, articles = _entries(database)
            assert stored == sources == articles and stored % 40 == 0  # whole feeds only
            saved = db.execute("SELECT count(*) FROM feeds WHERE etag IS NOT NULL OR updated IS NOT NULL").fetchone()[0]
        rerun = subprocess.run(
            [sys.executable, "-m", "reader", "update"], check=False, env=env, cwd=ROOT, capture_output=True, text=True
        )
    assert rerun.returncode == 0, rerun.stderr
    assert _entries(database) == (feeds * 40, feeds * 40, feeds * 40)
    assert saved <= stored // 40


def test_reader_index_url_stores_the_page_under_its_address(capsys) -> None:
    article = (
        "<html><body><nav>الرئيسية</nav><article><h1>قمة المناخ في القاهرة</h1>"
        "<p>اجتمع وزراء البيئة العرب في القاهرة لبحث خطة مشتركة لمواجهة التصحر وشح المياه.</p></article></body></html>"
    )
    with serve({"/a": page(article.encode()), "/gone": status(410)}) as server:
        code, out, err = reader(capsys, "index", server.url("/a"), server.url("/gone"))
    assert code == 1 and out == "1 pages indexed, 1 failed\n" and "HTTP 410 Gone" in err
    code, out, _ = reader(capsys, "search", "التصحر")
    assert code == 0 and "قمة المناخ في القاهرة" in out and server.url("/a") in out
