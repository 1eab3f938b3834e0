import codecs
import io
import json
import sys
from pathlib import Path

import pytest

from reader.errors import DecodeError, InputError
from reader.model import Block
from reader.sources import expand_paths, load_path, load_text
from reader.sources.decode import decode
from reader.sources.html import html_page

from .conftest import ARTICLES, SEED, run_reader


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6", "utf-16", "utf-8-sig", "utf-16-le"])
def test_seed_in_every_supported_encoding_gives_the_same_json(tmp_path, seed_text, encoding) -> None:
    saved = tmp_path / f"seed-{encoding}.txt"
    saved.write_bytes(seed_text.encode(encoding))
    reference = json.loads(run_reader("cat", "--format", "json", str(SEED)).stdout)
    result = run_reader("cat", "--format", "json", str(saved))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    for key in ("source", "encoding"):
        record.pop(key), reference.pop(key)
    assert record == reference


def test_encoding_option_overrides_detection(tmp_path, seed_text) -> None:
    saved = tmp_path / "seed.txt"
    saved.write_bytes(seed_text.encode("cp1256"))
    assert load_path(str(saved), encoding="cp1256").encoding == "cp1256"
    forced = load_path(str(saved), encoding="utf-8")  # the user's choice: bad bytes replaced and counted
    assert forced.encoding == "utf-8" and forced.replaced > 1000


def test_a_file_mixing_utf8_and_windows_1256_lines_loses_no_line() -> None:
    data = "سطر أول بترميز يونيكود".encode() + b"\n" + "سطر ثان بترميز ويندوز".encode("cp1256")
    text, encoding = decode(data)
    assert text.split("\n") == ["سطر أول بترميز يونيكود", "سطر ثان بترميز ويندوز"]
    assert encoding == "utf-8+cp1256"


def test_undecodable_bytes_name_their_offset() -> None:
    with pytest.raises(DecodeError, match="offset 6"):
        decode(b"hello \xe9t\xe9 caf\xe9")


def test_binary_data_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def test_presentation_forms_from_a_pdf_become_letters_in_logical_order() -> None:
    shaped = "\ufed3\ufef2 \ufe87\ufec3\ufe8e\ufead \ufe9f\ufeaa\ufef3\ufeaa"  # "في إطار جديد" shaped
    assert load_text(f"{shaped}\n").blocks[0].text == "في إطار جديد"
    visual = shaped[::-1]  # the same, as a PDF stores it: visual order
    assert load_text(f"{visual}\n").blocks[0].text == "في إطار جديد"


def test_only_the_lines_with_presentation_forms_change() -> None:
    from reader.arabic.unshape import unshape

    shaped = "\ufed3\ufef2 \ufe87\ufec3\ufe8e\ufead"
    lines = ["في إطار", shaped, "", shaped[::-1], "لا ﻹ شيء", "\n", "نص عادي"]
    text = "\n".join(lines)
    assert unshape(text).split("\n") == ["في إطار", "في إطار", "", "في إطار", "لا لإ شيء", "", "", "نص عادي"]
    assert unshape(shaped) == "في إطار" and unshape("نص") == "نص"


def html_blocks(page: str) -> tuple[Block, ...]:
    return html_page(page)[0]


def test_html_keeps_the_article_and_drops_the_page_around_it() -> None:
    page = """<html><head><title>عنوان الخبر | موقع</title><script>var x="نص برمجي";</script>
    <style>p{color:red}</style></head><body><header><nav><a>الرئيسية</a></nav></header>
    <div class="ad">إعلان</div><article><h1>عنوان الخبر</h1><p>الفقرة &quot;الأولى&quot;.</p>
    <h2>قسم</h2><ul><li>بند</li></ul><aside>روابط</aside></article><footer>حقوق</footer></body></html>"""
    blocks = [(b.kind, b.text) for b in html_blocks(page)]
    assert blocks == [
        ("title", "عنوان الخبر"),
        ("paragraph", 'الفقرة "الأولى".'),
        ("heading", "قسم"),
        ("item", "بند"),
    ]


def test_html_without_h1_takes_the_page_title_without_the_site_name() -> None:
    blocks = html_blocks("<title>الخبر الكامل هنا | الموقع</title><p>نص.</p>")
    assert blocks[0].kind == "title" and blocks[0].text == "الخبر الكامل هنا"


def test_html_nested_ten_thousand_deep_loads() -> None:
    page = "<div>" * 10000 + "<p>نص عميق.</p>" + "</div>" * 10000
    assert [b.text for b in html_blocks(page)] == ["نص عميق."]


def test_sample_html_article_shows_no_script_menu_or_footer() -> None:
    result = run_reader("cat", "--all", str(ARTICLES / "gulf-ai-models-race.html"))
    text = result.stdout.decode()
    assert result.returncode == 0
    assert text.startswith("الخليج يدخل سباق النماذج اللغوية العربية")
    for page_only in ("الرئيسية", "function", "©", "cookie"):
        assert page_only not in text


def test_markdown_headings_lists_and_links() -> None:
    document = load_text("# العنوان\n\nمقدمة *مهمة* و[رابط](http://x).\n\n## قسم\n\n- بند\n", source="a.md")
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("title", "العنوان"),
        ("paragraph", "مقدمة مهمة ورابط."),
        ("heading", "قسم"),
        ("item", "بند"),
    ]


def test_folder_means_its_articles_sorted_by_name(tmp_path) -> None:
    for name in ("b.txt", "a.md", "c.html", "notes.pdf", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert [p.rsplit("/", 1)[1] for p in expand_paths([str(tmp_path)])] == ["a.md", "b.txt", "c.html"]


def test_standard_input_is_read_as_dash(monkeypatch, seed_text) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode("cp1256"))))
    document = load_path("-")
    assert document.source == "-" and document.encoding == codecs.lookup("cp1256").name


def test_preview_of_a_large_file_is_the_start_of_the_whole_document(tmp_path: Path) -> None:
    from reader.sources.preview import PREVIEW_AFTER, preview

    paragraphs = [f"الفقرة رقم {n} من مقال طويل عن الأمن الأوراسي." for n in range(40_000)]
    path = tmp_path / "long.txt"
    path.write_text("عنوان المقال\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > PREVIEW_AFTER
    begun = preview(str(path), encoding=None, max_size=50 * 1024 * 1024, show_controls=False)
    assert begun is not None
    whole = begun.whole()
    assert 1 < len(begun.head.blocks) < len(whole.blocks)
    assert whole.blocks[: len(begun.head.blocks)] == begun.head.blocks
    assert whole == load_path(str(path))


def test_a_small_file_has_no_preview(tmp_path: Path) -> None:
    from reader.sources.preview import preview

    path = tmp_path / "short.txt"
    path.write_text("عنوان\n\nنص قصير.\n", encoding="utf-8")
    assert preview(str(path), encoding=None, max_size=1024, show_controls=False) is None


def test_a_file_read_as_the_size_it_had_is_read_whole_if_it_grew_and_refused_past_the_limit() -> None:
    """A file is read as the size `stat` gave and one byte more (not a buffer of the limit for each
    small file); one that grew since is read on to its end, or refused once past the limit."""
    from reader.sources.files import _read_limited

    assert _read_limited(io.BytesIO(b"x" * 10), "grew", 100, 3) == b"x" * 10
    assert _read_limited(io.BytesIO(b"x" * 5), "grew to the limit", 5, 3) == b"x" * 5
    assert _read_limited(io.BytesIO(b"xy"), "shrank", 5, 3) == b"xy"
    for expected in (3, 5, 50):
        with pytest.raises(InputError, match="over the size limit"):
            _read_limited(io.BytesIO(b"x" * 10), "grew past the limit", 5, expected)
