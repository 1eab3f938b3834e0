"""HTML extraction through trafilatura, on pages made for it (tests/pages/: NAME.html and its article NAME.txt)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.extraction import PAGES, new_output, old_output, score
from reader.sources import load_path, load_text
from reader.sources.html import html_page
from reader.structure import build_article

from .conftest import ROOT

PAGE_NAMES = sorted(page.stem for page in PAGES.glob("*.html"))


def test_there_are_at_least_twelve_layouts() -> None:
    assert len(PAGE_NAMES) >= 12


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_article_word_and_no_page_word(name: str) -> None:
    page = PAGES / f"{name}.html"
    found = score((PAGES / f"{name}.txt").read_text(encoding="utf-8"), new_output(page))
    assert (found.lost, found.junk) == (0, 0), found


def test_the_old_extractor_did_worse_where_the_issue_says() -> None:
    """The comparison can fail: the old reader printed CNN Arabic's footer and lost a headline-only article's body."""
    cnn = score((PAGES / "cnn.txt").read_text(encoding="utf-8"), old_output(PAGES / "cnn.html"))
    alone = score((PAGES / "headline-only.txt").read_text(encoding="utf-8"), old_output(PAGES / "headline-only.html"))
    assert cnn.junk > 0 and alone.lost > 0


def test_interview_questions_and_answers_are_paragraphs_of_their_own() -> None:
    article = build_article(load_path(str(PAGES / "interview.html")))
    texts = [paragraph.text for _s, _p, paragraph in article.paragraphs()]
    assert "كيف ستواجهون انقطاع الكهرباء في الصيف؟" in texts
    assert any(text.startswith("أنشأنا ثلاث محطات جديدة") for text in texts)


def test_h2_and_h3_become_sections_and_lists_stay_lists() -> None:
    article = build_article(load_path(str(PAGES / "sections.html")))
    assert article.title == "خطة جديدة لتطوير النقل العام في عمّان"
    assert [section.heading for section in article.sections] == [None, "الحافلات السريعة", "التمويل"]
    items = [p.text for p in article.sections[1].paragraphs if p.kind == "item"]
    assert items == ["تشغيل مئة حافلة كهربائية جديدة", "ربط الشبكة بمحطات القطار الخفيف", "تطبيق هاتفي للدفع والتتبع"]


def test_page_says_its_site_date_author_and_language() -> None:
    document = load_path(str(PAGES / "rtl.html"))
    assert document.page is not None
    assert (document.page.site, document.page.date, document.page.author, document.page.language) == (
        "الموقع الإخباري",
        "2024-05-12",
        "سارة المصري",
        "ar",
    )


def test_windows_1256_page_by_its_meta_charset() -> None:
    document = load_path(str(PAGES / "cp1256.html"))
    assert document.encoding == "cp1256"
    assert build_article(document).title == "بغداد تستضيف اجتماعا إقليميا حول المياه"


def test_a_reference_to_esc_does_not_cost_the_page_its_text() -> None:
    """libxml2 refuses a document holding ESC: the reference is neutralised before parsing."""
    blocks, _page = html_page("<html><body><h1>عنوان</h1><p>نص و&#27;[2J و&#x202e;معكوس&#150;هنا.</p></body></html>")
    assert [block.text for block in blocks] == ["عنوان", "نص و[2J ومعكوس–هنا."]


def test_references_to_controls_are_shown_as_marks_with_show_controls() -> None:
    document = load_text("<p>نص &#27;[2J هنا.</p>", source="a.html", show_controls=True)
    assert "␛[2J" in document.blocks[-1].text


def test_reading_a_text_file_does_not_import_trafilatura(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nنص المقال.\n", encoding="utf-8")
    probe = f"import sys; from reader.cli import main; main(['cat', {str(article)!r}]); print(sorted(m for m in ('trafilatura', 'lxml', 'httpx', 'feedparser') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], check=False, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_a_page_over_four_million_characters_is_streamed_in_bounded_time() -> None:
    import time

    paragraph = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة رقم "
    body = "".join(f"<p>{paragraph}{n}</p>" for n in range(70_000))
    page = f"<html><body><nav>القائمة</nav><article><h1>عنوان</h1>{body}</article></body></html>"
    assert len(page) > 4_000_000
    started = time.process_time()
    blocks, _page = html_page(page)
    assert time.process_time() - started < 10
    assert len(blocks) == 70_001 and blocks[-1].text == f"{paragraph}69999"
