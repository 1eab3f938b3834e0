"""The articles that mention an entity, page by page: the same as asking for each article's first
mention one by one and cutting its snippet from the folded paragraph (the plain way), and pages
that add up to the whole list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.library import Library
from reader.library.indexer import index_paths
from reader.library.records import Hit
from reader.library.search import _snippet, entity_hits, search
from tests.conftest import ARTICLES


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    with Library(tmp_path_factory.mktemp("data") / "library.sqlite3") as library:
        index_paths(library, [str(ARTICLES)], workers=1)
        yield library


def plain(library: Library, keys: list[str]) -> list[tuple[object, ...]]:
    marks = ", ".join("?" for _ in keys)
    out: list[tuple[object, ...]] = []
    for article_id, count in library.execute(
        f"SELECT a.id, count(*) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.key IN ({marks})"
        " GROUP BY a.id ORDER BY coalesce(a.published, a.added) DESC, a.id DESC",
        keys,
    ):
        section, paragraph, start, end, text = library.execute(
            f'SELECT m.section, m.paragraph, m.start, m."end", b.text FROM mentions m JOIN blocks b'
            " ON b.article_id = m.article_id AND b.section = m.section AND b.paragraph = m.paragraph"
            f" WHERE m.article_id = ? AND m.key IN ({marks}) ORDER BY m.ordinal LIMIT 1",
            [article_id, *keys],
        )[0]
        heading = library.execute(
            "SELECT text FROM blocks WHERE article_id = ? AND section = ? AND paragraph = -1", [article_id, section]
        )
        snippet, marks_at = _snippet(str(text), [(start, end)])  # the spans from folding the text
        out.append(
            (
                article_id,
                float(count),
                section,
                paragraph,
                (heading[0][0] or "") if section >= 0 and heading else "",
                snippet,
                marks_at,
                (start, end),
            )
        )
    return out


def answer(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [(h.row.id, h.score, h.section, h.paragraph, h.heading, h.snippet, h.marks, h.at) for h in hits]


def keys_to_try(library: Library) -> list[list[str]]:
    ranked = [row.key for row in library.entities()]
    assert len(ranked) >= 30
    return [[key] for key in ranked[:40]] + [ranked[:3], ranked[10:12]]


def test_entity_hits_equal_the_plain_way(articles: Library) -> None:
    compared = 0
    for keys in keys_to_try(articles):
        expected = plain(articles, keys)
        assert answer(entity_hits(articles, keys, limit=1000)) == expected
        compared += len(expected)
    assert compared >= 60


def test_pages_add_up_to_the_whole_list(articles: Library) -> None:
    for keys in keys_to_try(articles)[:10]:
        whole = answer(entity_hits(articles, keys, limit=1000))
        paged: list[tuple[object, ...]] = []
        while page := entity_hits(articles, keys, limit=3, offset=len(paged)):
            paged.extend(answer(page))
        assert paged == whole and len(whole) >= 1
    assert entity_hits(articles, keys_to_try(articles)[0], limit=0) == []


def test_a_search_among_an_entitys_articles_is_the_search_with_the_others_left_out(articles: Library) -> None:
    searched = 0
    for keys in keys_to_try(articles)[:12]:
        marks = ", ".join("?" for _ in keys)
        naming = {int(a) for (a,) in articles.execute(f"SELECT article_id FROM mentions WHERE key IN ({marks})", keys)}
        for query in ("في", "الرئيس", "ال*", "و*", "قال -في"):
            expected = [hit for hit in search(articles, query, limit=1000) if hit.row.id in naming][:5]
            assert answer(search(articles, query, limit=5, entity_keys=keys)) == answer(expected)
            searched += len(expected)
    assert searched >= 30
