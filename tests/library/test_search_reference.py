"""The optimised search gives the answers of a straightforward one: every spelling of every term
asked of FTS5, every block of a hit read, for any query over a library of real-looking words."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.library.indexer import index_paths
from reader.library.query import Query, parse
from reader.library.records import Hit
from reader.library.search import TITLE_WEIGHT, WINDOW, _snippet, search
from reader.library.terms import text_terms, word_offsets
from tests.library.conftest import write_article

# Words with and without clitics and suffixes, some sharing a stem; the queries add absent ones.
WORDS = [
    "مدرسة",
    "والمدرسة",
    "بالمدرسة",
    "للمدرسة",
    "المدارس",
    "وزير",
    "الوزير",
    "ووزير",
    "وزارة",
    "الخارجية",
    "والخارجية",
    "بيروت",
    "لبنان",
    "للبنان",
    "الرئيس",
    "رئيس",
    "برئيس",
    "الحكومة",
    "حكومات",
    "زيارة",
    "رسمية",
    "قال",
    "أكد",
    "مُحَمَّد",
    "أحمد",
    "اجتماع",
    "الاجتماع",
    "والاجتماعات",
    "مجلس",
]
QUERY_WORDS = [*WORDS, "مدرس", "غائب", "وزيرة", "رئيسها", "الحكومه", "زيارات"]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("news")
    rng = random.Random(7)
    for number in range(60):
        title = " ".join(rng.choices(WORDS, k=rng.randint(1, 4)))
        paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(3, 25))) + "." for _ in range(rng.randint(1, 5))]
        if number % 7 == 0:
            paragraphs.insert(1, "## " + " ".join(rng.choices(WORDS, k=2)))  # a section heading
        write_article(folder, f"{number:02}.md", title, *paragraphs)
    with Library(tmp_path_factory.mktemp("data") / "library.sqlite3") as library:
        assert index_paths(library, [str(folder)], workers=1).failed == 0
        yield library


def reference(library: Library, text: str, limit: int, window: int = WINDOW) -> list[tuple[object, ...]]:
    """Search done the plain way: every match of the whole expression scored, the newest `window`
    of them kept and sorted by score (the newer first among equals), then the first block holding
    most terms."""
    query = parse(text)
    scored = library.execute(
        f"SELECT rowid, bm25(search, {TITLE_WEIGHT}, 1.0) FROM search WHERE search MATCH ?", [query.fts()]
    )
    newest = sorted(scored, key=lambda row: -int(row[0]))[: max(window, limit)]
    ranked = sorted(newest, key=lambda row: (float(row[1]), -int(row[0])))[:limit]
    out = []
    for article_id, score in ranked:
        title = library.execute("SELECT title FROM articles WHERE id = ?", [article_id])[0][0]
        blocks = library.execute(
            "SELECT section, paragraph, text, terms FROM blocks WHERE article_id = ? ORDER BY section, paragraph",
            [article_id],
        )
        out.append((article_id, -float(score), *best_block(query, title, blocks)))
    return out


def best_block(query: Query, title: str, blocks: list[tuple[object, ...]]) -> tuple[object, ...]:
    best = None
    headings: dict[int, str] = {}
    for section, paragraph, text, terms in blocks:
        if text is None:
            continue
        assert isinstance(section, int) and isinstance(paragraph, int)
        assert isinstance(text, str) and isinstance(terms, str)
        if paragraph < 0 and section >= 0:
            headings[section] = text
        matched = sum(1 for term in query.positive if term.found_in(set(terms.split())))
        if matched and (best is None or matched > best[0]):
            best = (matched, section, paragraph, text, terms)
    if best is None:
        best = (0, -1, -1, title, text_terms(title))
    _, section, paragraph, text, terms = best
    stems = terms.split()
    spans = word_offsets(text, terms)
    covered = sorted({span for term in query.positive for span in term.matches(stems)})
    offsets = [(spans[first][0], spans[last - 1][1]) for first, last in covered]
    snippet, marks = _snippet(text, offsets, spans)
    return section, paragraph, headings.get(section, ""), snippet, marks


def answer(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [(h.row.id, h.score, h.section, h.paragraph, h.heading, h.snippet, h.marks) for h in hits]


word = st.sampled_from(QUERY_WORDS)
part = st.one_of(
    word,
    word.map(lambda w: "-" + w),
    word.map(lambda w: w[:3] + "*"),
    st.lists(word, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"'),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(part, min_size=1, max_size=3),
    limit=st.sampled_from([1, 5, 20, 100]),
    window=st.sampled_from([4, 9, 30, WINDOW]),
)
def test_search_equals_the_plain_reference(
    articles: Library, monkeypatch: pytest.MonkeyPatch, parts: list[str], limit: int, window: int
) -> None:
    """Also with a window smaller than the matches (the default one holds all of these 60 articles)."""
    text = " ".join(parts)
    if not any(not p.startswith("-") for p in parts):
        return  # only exclusions: an error either way (tested with the query syntax)
    monkeypatch.setattr("reader.library.search.WINDOW", window)
    assert answer(search(articles, text, limit=limit)) == reference(articles, text, limit, window)


def test_the_reference_is_not_empty(articles: Library) -> None:
    """The library holds what the queries ask for, so the comparison compares hits."""
    assert len(reference(articles, "مدرسة", 100)) >= 10
    assert reference(articles, '"وزير الخارجية"', 100)
    assert reference(articles, "غائب", 100) == []
