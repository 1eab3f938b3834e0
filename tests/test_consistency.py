"""The article pass: a name the model is sure of once vouches for it where it was unsure or silent."""

from __future__ import annotations

from reader.entities.consistency import agree
from reader.entities.crf import THRESHOLDS
from reader.entities.lexicon import shared
from reader.entities.recognizer import Span

EU = "الاتحاد الأوروبي"


def _at(text: str, name: str, kind: str = "ORG") -> Span:
    start = text.index(name)
    return Span(start, start + len(name), kind)  # type: ignore[arg-type]


def _shown(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    return [(s.type, text[s.start : s.end]) for s in spans]


def test_a_sure_name_keeps_its_unsure_mention_elsewhere_in_the_article() -> None:
    first, second = f"قال {EU} أمس", f"ورد {EU} اليوم"
    found = agree([(first, [(_at(first, EU), 0.95)]), (second, [(_at(second, EU), 0.4)])], THRESHOLDS, shared())
    assert [_shown(first, found[0]), _shown(second, found[1])] == [[("ORG", EU)], [("ORG", EU)]]


def test_an_unsure_mention_alone_is_dropped_and_one_read_as_another_type_takes_the_sure_reading() -> None:
    first, second = f"قال {EU} أمس", f"ورد {EU} اليوم"
    alone = agree([(second, [(_at(second, EU), 0.4)])], THRESHOLDS, shared())
    other = agree([(first, [(_at(first, EU, "LOC"), 0.95)]), (second, [(_at(second, EU), 0.4)])], THRESHOLDS, shared())
    assert alone == [[]]
    assert _shown(second, other[1]) == [("LOC", EU)]


def test_a_name_only_fairly_sure_vouches_for_nothing() -> None:
    first, second = f"قال {EU} أمس", f"ورد {EU} اليوم"
    found = agree([(first, [(_at(first, EU), 0.69)]), (second, [(_at(second, EU), 0.4)])], THRESHOLDS, shared())
    assert [_shown(first, found[0]), found[1]] == [[], []]


def test_a_sure_name_of_several_words_is_found_where_it_is_written_again_proclitics_aside() -> None:
    first, second = f"قال {EU} أمس", "ودعا وزير إن والاتحاد الأوروبي وللاتحاد الأوروبي موقفا"
    found = agree([(first, [(_at(first, EU), 0.95)]), (second, [])], THRESHOLDS, shared())
    assert _shown(second, found[1]) == [("ORG", EU), ("ORG", "اتحاد الأوروبي")]
