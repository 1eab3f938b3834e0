"""Mentions placed on the rows shown, and stepping between them, without the app."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.entities import Mention, article_entities
from reader.model import Article, Entity, Noise, Paragraph, Section
from reader.sources import load_path
from reader.structure import build_article
from reader.tui.mentions import PlacedMentions, RowEntities
from reader.tui.rows import MAX_ROW, article_rows
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


@st.composite
def _articles_with_mentions(draw: st.DrawFn) -> tuple[Article, list[Mention]]:
    """Paragraphs and list items, some longer than a row (so cut into pieces, with mentions across
    and at the cuts), noise between them, and mentions anywhere in the paragraphs' text."""
    sections, mentions, noise = [], [], []
    for s in range(draw(st.integers(1, 3))):
        paragraphs = []
        for p in range(draw(st.integers(0, 3))):
            words = draw(st.lists(st.sampled_from(["ab", "cde", "f" * 40, "g" * 3000]), min_size=1, max_size=8))
            text = " ".join(words)
            paragraphs.append(Paragraph(text, draw(st.sampled_from(["text", "item"]))))
            for _ in range(draw(st.integers(0, 6))):
                word_starts = [n + 1 for n, character in enumerate(text) if character == " "]  # where rows are cut
                start = draw(st.integers(0, len(text) - 1) | st.sampled_from(word_starts or [0]))
                end = draw(st.integers(start + 1, min(len(text), start + MAX_ROW)))
                mentions.append(Mention(s, p, Entity(start, end, "PER", text[start:end], f"k{start}")))
            if draw(st.booleans()):
                noise.append(Noise("noise", "link bait", 0, s, p))
        sections.append(Section(None if s == 0 else f"heading {s}", paragraphs))
    return Article("a.txt", "title", sections, noise), mentions


@settings(max_examples=150, deadline=None)
@given(_articles_with_mentions(), st.booleans())
def test_a_row_placed_as_it_is_drawn_gets_the_entities_the_whole_placing_gives_it(
    drawn: tuple[Article, list[Mention]], noise: bool
) -> None:
    article, mentions = drawn
    rows = article_rows(article, noise=noise)
    whole, lazy = PlacedMentions(mentions, rows), RowEntities(mentions, rows)
    for index in reversed(range(len(rows))):  # from the end: a row asked for before the rows above it
        assert lazy.entities_of_row(index) == whole.entities_of_row(index), index
