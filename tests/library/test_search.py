"""Library search: folding variants, clitics, the query syntax, snippets and hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library
from reader.library.indexer import index_paths
from reader.library.query import QueryError, parse
from reader.library.search import ranked_among, search
from reader.library.terms import stem, text_terms
from tests.library.conftest import write_article

CLITIC_FORMS = ["والمدرسة", "بالمدرسة", "فالمدرسة", "للمدرسة", "كمدرسة", "لمدرسة", "ومدرسة", "فبالمدرسة", "مدرسة"]
TEXTS = {
    "harakat.txt": ("زيارة رسمية", "وصل الرئيس مُحَمَّدٌ إلى العاصمة صباح اليوم في زيارة رسمية."),
    "hamza.txt": ("لقاء في عمّان", "التقى أحمد بوزير الخارجية، وأكد إسماعيل أن آمال الطرفين كبيرة."),
    "yeh.txt": ("مؤتمر صحفي", "قال المتحدث إن الوفد مشى إلى القاعة وجلس على المنصة."),
    "tatweel.txt": ("خبر عاجل", "أعلنت الحكومـــة الجديدة برنامجها أمام البرلمان."),
    "school.txt": ("افتتاح مدرسة", "افتتح المحافظ مدرسة جديدة في القرية."),
    "lebanon.txt": ("لبنان اليوم", "زار الوفد لبنان ثم عاد إلى بيروت."),
}


@pytest.fixture
def indexed(tmp_path: Path, library: Library) -> Library:
    for name, (title, *paragraphs) in TEXTS.items():
        write_article(tmp_path, name, title, *paragraphs)
    for number, form in enumerate(CLITIC_FORMS):
        write_article(tmp_path, f"clitic-{number}.txt", "خبر محلي", f"قال المعلم إن {form} تستقبل الطلاب غدا.")
    summary = index_paths(library, [str(tmp_path)], workers=1)
    assert summary.failed == 0
    return library


def found(library: Library, query: str) -> set[str]:
    return {Path(hit.row.source).name for hit in search(library, query)}


def marked(library: Library, query: str, name: str) -> list[str]:
    hit = next(hit for hit in search(library, query) if hit.row.source.endswith(name))
    return [hit.snippet[start:end] for start, end in hit.marks]


@pytest.mark.parametrize(
    ("query", "name", "written"),
    [
        ("محمد", "harakat.txt", "مُحَمَّدٌ"),  # harakat in the text
        ("مُحَمَّد", "harakat.txt", "مُحَمَّدٌ"),  # harakat in the query
        ("احمد", "hamza.txt", "أحمد"),  # hamza above
        ("اسماعيل", "hamza.txt", "إسماعيل"),  # hamza below
        ("امال", "hamza.txt", "آمال"),  # madda
        ("علي", "yeh.txt", "على"),  # alef maqsura
        ("مشي", "yeh.txt", "مشى"),
        ("زياره", "harakat.txt", "زيارة"),  # teh marbuta
        ("الحكومة", "tatweel.txt", "الحكومـــة"),  # tatweel
    ],
)
def test_each_folding_variant_finds_the_written_form(indexed: Library, query: str, name: str, written: str) -> None:
    assert name in found(indexed, query)
    assert written in marked(indexed, query, name)


@pytest.mark.parametrize("number", range(len(CLITIC_FORMS)))
def test_a_word_finds_its_forms_with_each_clitic(indexed: Library, number: int) -> None:
    assert marked(indexed, "مدرسة", f"clitic-{number}.txt") == [CLITIC_FORMS[number]]


def test_a_clitic_query_finds_the_bare_word(indexed: Library) -> None:
    assert "school.txt" in found(indexed, "والمدرسة")
    assert "lebanon.txt" in found(indexed, "للبنان")


def test_a_word_starting_with_a_clitic_letter_is_not_cut(indexed: Library) -> None:
    assert found(indexed, "بيروت") == {"lebanon.txt"}
    assert stem("وزير") == "وزير"  # a lone و stays: زار must not find وزير
    assert "hamza.txt" not in found(indexed, "زير")


def test_all_words_must_match(indexed: Library) -> None:
    assert found(indexed, "الوفد بيروت") == {"lebanon.txt"}
    assert found(indexed, "الوفد") == {"lebanon.txt", "yeh.txt"}


def test_a_phrase_matches_its_words_in_a_row(indexed: Library) -> None:
    assert found(indexed, '"زيارة رسمية"') == {"harakat.txt"}
    assert found(indexed, '"رسمية زيارة"') == set()
    assert marked(indexed, '"زيارة رسمية"', "harakat.txt")[0] == "زيارة رسمية"


def test_a_minus_word_excludes(indexed: Library) -> None:
    assert found(indexed, "الوفد -بيروت") == {"yeh.txt"}


def test_a_prefix_matches_word_starts(indexed: Library) -> None:
    assert found(indexed, "بيرو*") == {"lebanon.txt"}
    assert "school.txt" in found(indexed, "مدرس*")
    assert found(indexed, "بيرو") == set()


def test_hits_are_ranked_and_carry_their_section(indexed: Library) -> None:
    hits = search(indexed, "بيروت الوفد")
    assert [hit.row.title for hit in hits] == ["لبنان اليوم"]
    assert (hits[0].section, hits[0].paragraph, hits[0].heading) == (0, 0, "")
    scores = [hit.score for hit in search(indexed, "مدرسة")]
    assert scores == sorted(scores, reverse=True) and len(scores) == len(CLITIC_FORMS) + 1


@pytest.mark.parametrize("query", ["", "   ", "-بيروت", "* ** ---"])
def test_a_query_without_a_word_to_find_is_an_error(query: str) -> None:
    with pytest.raises(QueryError):
        parse(query)


def test_query_text_never_becomes_fts_syntax(indexed: Library) -> None:
    for query in ["NEAR(a b)", "title:x", '"unbalanced', "a OR b", "^x", "(x)", "AND x", "x:y*"]:
        search(indexed, query)  # no syntax error from FTS5


def test_hostile_text_is_data_in_snippets(tmp_path: Path, library: Library) -> None:
    write_article(tmp_path, "markup.txt", "عنوان", "نص <b>غامق</b> و [red]أحمر[/red] و ⟦قوس⟧ مع كلمة")
    index_paths(library, [str(tmp_path)], workers=1)
    hit = search(library, "كلمة")[0]
    assert "<b>غامق</b>" in hit.snippet and "[red]أحمر[/red]" in hit.snippet and "⟦قوس⟧" in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["كلمة"]


def test_index_terms_are_stems_of_folded_words() -> None:
    assert text_terms("والمدرسةُ الجديدة") == "مدرس جديد"


def test_ranked_among_says_when_more_match_than_are_ranked(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(6):
        write_article(tmp_path, f"{n}.txt", f"خبر {n}", "افتتح المحافظ مدرسة جديدة.")
    index_paths(library, [str(tmp_path)], workers=1)
    monkeypatch.setattr("reader.library.search.WINDOW", 4)
    assert [hit.row.id for hit in search(library, "مدرسة", limit=2)] == [6, 5]  # equal scores: the newer first
    assert ranked_among(library, "مدرسة", 2) == 4  # 6 match, the newest 4 were ranked
    assert ranked_among(library, "مدرسة", 6) is None  # a limit of 6 ranks all 6
    assert ranked_among(library, "المحافظ -جديدة", 2) is None and ranked_among(library, "غائب", 2) is None
    monkeypatch.setattr("reader.library.search.WINDOW", 6)
    assert ranked_among(library, "مدرسة", 2) is None
