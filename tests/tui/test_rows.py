"""Rows: a long paragraph becomes several rows that join back to it, cut at spaces where possible."""

from __future__ import annotations

from reader.model import Article, Paragraph, Section
from reader.tui.rows import BULLET, MAX_ROW, article_rows, section_text


def article(*paragraphs: Paragraph) -> Article:
    return Article(source="x", title="عنوان", sections=[Section(None, list(paragraphs))])


def test_a_long_paragraph_is_cut_at_spaces_into_rows_that_join_back() -> None:
    text = " ".join(f"كلمة{i}" for i in range(3000))
    rows = [row for row in article_rows(article(Paragraph(text))) if row.kind == "paragraph"]
    assert len(rows) > 1
    assert all(len(row.text) <= MAX_ROW for row in rows)
    assert "".join(row.text for row in rows) == text
    assert all(row.text.endswith(" ") for row in rows[:-1])
    assert [row.start for row in rows] == [sum(len(r.text) for r in rows[:i]) for i in range(len(rows))]


def test_a_paragraph_without_spaces_is_cut_anyway_but_never_before_a_mark() -> None:
    text = "بَ" * 5000
    rows = [row for row in article_rows(article(Paragraph(text))) if row.kind == "paragraph"]
    assert "".join(row.text for row in rows) == text
    assert all(not row.text.startswith("\u064e") for row in rows)


def test_row_offsets_map_paragraph_offsets_including_the_bullet() -> None:
    text = " ".join(f"كلمة{i}" for i in range(3000))
    rows = [row for row in article_rows(article(Paragraph(text, kind="item"))) if row.kind == "item"]
    first, second = rows[0], rows[1]
    assert first.text.startswith(BULLET) and not second.text.startswith(BULLET)
    assert first.own(0) == len(BULLET)
    assert first.own(second.start + 5) is None
    assert second.own(second.start + 5) == 5
    assert second.text[second.own(second.start + 5) :].startswith(text[second.start + 5 : second.start + 10])


def test_section_text_is_the_logical_text_of_heading_and_paragraphs() -> None:
    one = article(Paragraph("الفقرة الأولى"), Paragraph("بند", kind="item"))
    assert section_text(one, 0) == "عنوان\n\nالفقرة الأولى\n\n• بند"
