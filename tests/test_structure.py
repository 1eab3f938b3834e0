from reader.model import Block, Document
from reader.sources import load_path, load_text
from reader.structure import build_article, is_heading_like, link_bait_reason

from .conftest import SEED

SEED_HEADINGS = [
    None,
    "لقاء وزيري الخارجية: تعزيز التعاون الثنائي",
    "مباحثات شاملة حول القضايا الدولية",
    "توافق حول آليات التعامل مع القضايا المشتركة",
    "تنفيذ التفاهمات وزيادة التنسيق",
    "مبادرة الأمن الأوراسي: إطار دبلوماسي متكامل",
]


def test_seed_has_title_lead_and_five_headed_sections() -> None:
    article = build_article(load_path(str(SEED)))
    assert article.title == "تعزيز العلاقات الروسية البيلاروسية للأمن الأوراسي"
    assert [section.heading for section in article.sections] == SEED_HEADINGS
    assert all(len(section.paragraphs) == 1 for section in article.sections)
    assert article.sections[0].paragraphs[0].text.startswith("في إطار تأكيد جديد")


def test_seed_stray_line_and_repeated_title_are_noise_with_position() -> None:
    article = build_article(load_path(str(SEED)))
    noise = {n.text: n for n in article.noise}
    stray = noise["زهور الدم الحلقة 510"]
    assert stray.line == 5 and (stray.section, stray.paragraph) == (0, 1)
    assert stray.reason.startswith("link bait")
    repeated = noise[article.title]
    assert repeated.reason == "repeated title" and repeated.line == 3


def _article(text: str):  # type: ignore[no-untyped-def]
    return build_article(load_text(text, source="x.txt"))


BODY = "هذا نص فقرة طويلة بما يكفي ليكون جسما للمقال وليس عنوانا فرعيا، وفيه جمل كثيرة تنتهي بنقطة."


def test_short_line_right_before_a_heading_is_noise_even_without_bait_words() -> None:
    article = _article(f"العنوان\n\n{BODY}\nسطر قصير غريب\nعنوان فرعي\n{BODY}\n")
    assert [s.heading for s in article.sections] == [None, "عنوان فرعي"]
    assert [(n.text, n.reason) for n in article.noise] == [("سطر قصير غريب", "short line right before a heading")]


def test_short_lines_at_the_end_stay_text() -> None:
    article = _article(f"العنوان\n\n{BODY}\nالمصدر: وكالات\n")
    assert article.sections[-1].paragraphs[-1].text == "المصدر: وكالات"
    assert article.noise == []


def test_a_run_of_short_lines_keeps_all_but_the_heading_as_text() -> None:
    article = _article(f"العنوان\n\n{BODY}\nسطر أول\nسطر ثان\nعنوان فرعي\n{BODY}\n")
    assert [p.text for p in article.sections[0].paragraphs][1:] == ["سطر أول", "سطر ثان"]
    assert article.sections[1].heading == "عنوان فرعي"
    assert article.noise == []


def test_bullets_become_list_items_without_their_mark() -> None:
    article = _article(f"العنوان\n\n{BODY}\n- البند الأول\n• البند الثاني\n")
    items = [p for p in article.sections[0].paragraphs if p.kind == "item"]
    assert [p.text for p in items] == ["البند الأول", "البند الثاني"]


def test_link_bait_shapes() -> None:
    assert link_bait_reason("اقرأ أيضا: مقتل عشرة في حادث")
    assert link_bait_reason("شاهد: لحظة وصول الوزير")
    assert link_bait_reason("مسلسل قيامة عثمان الحلقة 12")
    assert link_bait_reason("Read more: the latest news")
    assert not link_bait_reason(
        "شاهد عيان يروي ما حدث في المدينة خلال الليلة الماضية بعد انقطاع الكهرباء عن الأحياء كلها"
    )
    assert not link_bait_reason("مباحثات شاملة حول القضايا الدولية")


def test_heading_shape() -> None:
    assert is_heading_like("مباحثات شاملة حول القضايا الدولية")
    assert is_heading_like("ماذا بعد؟")
    assert not is_heading_like("جملة قصيرة تنتهي بنقطة.")
    assert not is_heading_like("- بند")


def test_marked_formats_use_their_own_headings_and_drop_no_text() -> None:
    document = Document(
        "x.md",
        "utf-8",
        "markdown",
        (
            Block("title", "عنوان", 1, 1),
            Block("paragraph", "عنوان", 2),
            Block("paragraph", "مقدمة.", 3),
            Block("heading", "قسم", 4, 2),
            Block("paragraph", "شاهد: فيديو الحادث", 5),
            Block("item", "بند", 6),
        ),
    )
    article = build_article(document)
    assert [s.heading for s in article.sections] == [None, "قسم"]
    assert [(n.text, n.reason) for n in article.noise] == [
        ("عنوان", "repeated title"),
        ("شاهد: فيديو الحادث", 'link bait: "watch" link'),
    ]
    assert [(p.text, p.kind) for p in article.sections[1].paragraphs] == [("بند", "item")]


def test_article_opening_with_a_heading_has_no_empty_lead() -> None:
    article = _article(f"العنوان\n\nعنوان فرعي\n{BODY}\n")
    assert [s.heading for s in article.sections] == ["عنوان فرعي"]
