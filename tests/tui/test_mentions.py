"""Mentions placed on the rows shown, and stepping between them, without the app."""

from __future__ import annotations

from reader.entities import Mention, article_entities
from reader.model import Article
from reader.sources import load_path
from reader.structure import build_article
from reader.tui.mentions import PlacedMentions
from reader.tui.rows import article_rows
from tests.conftest import SEED


def _seed() -> tuple[list[Mention], Article]:
    article = build_article(load_path(str(SEED)))
    return article_entities(article), article


def test_every_mention_is_placed_on_the_row_that_shows_its_text_with_or_without_noise() -> None:
    mentions, article = _seed()
    for noise in (False, True):
        rows = article_rows(article, noise=noise)
        placed = PlacedMentions(mentions, rows)
        assert len(placed) == len(mentions)
        texts = sorted(m.entity.text for m in mentions)
        assert sorted(rows[placed[i].row].text[placed[i].start : placed[i].end] for i in range(len(placed))) == texts
        places = [(placed[i].row, placed[i].start) for i in range(len(placed))]
        assert places == sorted(places)
        for i in range(len(placed)):
            assert any(e.start == placed[i].start for e in placed.entities_of_row(placed[i].row))


def test_stepping_goes_forward_from_the_top_wraps_around_and_can_follow_one_entity() -> None:
    mentions, article = _seed()
    rows = article_rows(article)
    placed = PlacedMentions(mentions, rows)
    assert placed.current_mention() is None
    first = placed.next_index(1, (0, 0))
    assert first == 0
    placed.current = len(placed) - 1
    assert placed.next_index(1, (0, 0)) == 0  # past the last: back to the first
    assert placed.next_index(-1, (0, 0)) == len(placed) - 2
    key = placed[3].key
    placed.current = None
    same = [placed.next_index(1, (0, 0), key)]
    while True:
        placed.current = same[-1]
        step = placed.next_index(1, (0, 0), key)
        if step == same[0]:
            break
        same.append(step)
    assert same == [i for i in range(len(placed)) if placed[i].key == key]
