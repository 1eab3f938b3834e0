"""A whole article on one line, Markdown nested past markdown-it's limit, an unclosed comment,
a megabyte of `[` (issue 15, items 7, 8, 9 and the Markdown part of 17)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from reader.cli import main
from reader.sources import load_text
from reader.structure import MAX_TITLE_CHARS, build_article, title_and_body
from tests.tui.conftest import make_app, private_dirs  # noqa: F401  (the fixture keeps state out of home)
from tests.tui.screen_text import screen_text

from .cases import ARABIC


def test_a_one_line_article_gets_its_first_sentence_as_title_and_the_rest_as_body() -> None:
    line = " ".join(f"{ARABIC} رقم {i}." for i in range(200))
    article = build_article(load_text(line + "\n", source="a.txt"))
    assert article.title == f"{ARABIC} رقم 0."
    body = article.sections[0].paragraphs[0].text
    assert f"{article.title} {body}" == line


def test_titles_are_cut_at_a_lost_line_break_or_a_word_never_lost() -> None:
    headline, rest = "«أوبك+» تمدد خفض الإنتاج حتى منتصف 2024", "فيينا - " + "قرر تحالف " * 40
    assert title_and_body(f"{headline}  {rest}") == (headline, rest.strip())
    words = "كلمة " * 100
    title, body = title_and_body(words)
    assert len(title) <= MAX_TITLE_CHARS and f"{title} {body}".split() == words.split()
    title, body = title_and_body("ب\u064e" * 300)  # one word: cut, but between two letters
    assert title + body == "ب\u064e" * 300 and not title.endswith("ب")


def test_a_one_line_article_opens_at_once_in_the_app(tmp_path: Path, private_dirs: Path) -> None:  # noqa: F811
    """120,000 characters on one line: the first screen took 40 s here, blank; now the title row
    is the first sentence and the body below it (bound generous for a loaded machine)."""
    path = tmp_path / "oneline.txt"
    path.write_text(" ".join(f"{ARABIC} رقم {i}." for i in range(1400)) + "\n", encoding="utf-8")
    started = time.perf_counter()
    app = make_app(path)

    async def first_screen() -> str:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return screen_text(app)

    screen = asyncio.run(asyncio.wait_for(first_screen(), timeout=30))
    assert time.perf_counter() - started < 20
    rows = screen.splitlines()
    assert "0 ﻢﻗﺭ" in rows[1] or "0 ﻢﻗﺭ" in rows[0], "the title, the first sentence, ends the first rows"
    assert sum("ﺔﻴﺟﺭﺎﺨﻟﺍ ﺮﻳﺯﻭ" in row for row in rows) > 5, "body text fills the screen"


def test_markdown_nested_past_the_parser_limit_keeps_every_word(tmp_path: Path, capsys) -> None:
    for name, text in [
        ("quotes.md", "# ع\n\n" + ">" * 20 + " كلمة\n\nبعد\n"),
        ("quotes200.md", "# ع\n\n" + "> " * 200 + "كلمة\n\nبعد\n"),
        ("list.md", "# ع\n" + "".join("  " * i + f"- بند{i}\n" for i in range(120)) + "\nبعد\n"),
        ("dashes.md", "# ع\n" + "- " * 300 + "كلمة\n\nبعد\n"),
    ]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert main(["cat", "--all", str(path)]) == 0
        out = capsys.readouterr().out
        assert "كلمة" in out or "بند119" in out, name
        assert out.rstrip().endswith("بعد"), name


def test_an_unclosed_comment_hides_the_rest_of_the_page_as_a_browser_does(tmp_path: Path, capsys) -> None:
    page = tmp_path / "c.html"
    page.write_text("<html><body><h1>عنوان</h1><p>نص المقال.</p><!-- سر <p>تعليق</p></body></html>", encoding="utf-8")
    assert main(["cat", "--all", str(page)]) == 0
    assert capsys.readouterr().out == "عنوان\n\nنص المقال.\n"


def test_a_megabyte_of_brackets_in_markdown_reads_in_linear_time(tmp_path: Path, capsys) -> None:
    path = tmp_path / "b.md"
    path.write_text("# عنوان\n\n" + "[" * 1_000_000 + "\n\nكلمة\n", encoding="utf-8")
    started = time.perf_counter()
    assert main(["cat", "--all", str(path)]) == 0
    assert time.perf_counter() - started < 10  # 25 s before
    out = capsys.readouterr().out
    assert out.count("[") == 1_000_000 and out.rstrip().endswith("كلمة")
