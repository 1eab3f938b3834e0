"""A web page with bytes that are not valid in its encoding warns as a file does (issue 15, item 10).

Against a real server on 127.0.0.1 (tests/web/server.py): the page is UTF-8 with one byte lost
in a word, so it is read with that byte as U+FFFD, one warning line counts it, and exit is 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from tests.web.server import page, serve

ARTICLE = (
    "<html lang='ar'><head><meta charset='utf-8'></head><body><article><h1>عنوان الخبر</h1>"
    "<p>أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم مئتي سرير.</p></article></body></html>"
)
DAMAGED = ARTICLE.encode().replace("مستشفى".encode(), "مستشفى".encode()[:-1])  # one byte of ى lost


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/html"])
def test_a_page_with_a_bad_byte_warns_like_a_file(content_type: str, tmp_path: Path, capsys) -> None:
    with serve({"/news": page(DAMAGED, content_type)}) as server:
        status = main(["cat", server.url("/news")])
        out, err = capsys.readouterr()
        url = server.url("/news")
    assert status == 0
    assert "مستشف\ufffd جديد" in out and "ظ" not in out  # replaced, not read as Windows-1256 mojibake
    assert err == f"reader: warning: {url!r}: 1 byte not valid utf-8 shown as \ufffd\n"
    saved = tmp_path / "news.html"
    saved.write_bytes(DAMAGED)
    assert main(["cat", str(saved)]) == 0
    file_out, file_err = capsys.readouterr()
    assert file_out == out and file_err == err.replace(repr(url), repr(str(saved)))


def test_a_clean_page_gives_no_warning(capsys) -> None:
    with serve({"/news": page(ARTICLE.encode())}) as server:
        status = main(["cat", server.url("/news")])
    out, err = capsys.readouterr()
    assert status == 0 and err == "" and "مستشفى جديد" in out
