"""What the reader highlights: the seed's mentions, Arabic spelling, proclitics, keys, laziness."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.entities import Span, article_entities, find_entities
from reader.entities.recognizer import RecognizerUnavailable, get
from reader.sources import load_path
from reader.structure import build_article

from .conftest import ROOT, SEED

EXPECTED_SEED = Counter(
    {
        ("PER", "سيرجي لافروف"): 1,
        ("PER", "لافروف"): 2,
        ("PER", "ماكسيم ريجينكوف"): 2,
        ("PER", "ريجينكوف"): 1,
        ("LOC", "روسيا"): 1,
        ("LOC", "بيلاروسيا"): 1,
        ("LOC", "بيلاروس"): 2,
        ("LOC", "موسكو"): 1,
        ("LOC", "أوراسيا"): 1,
        ("ORG", "الأمم المتحدة"): 1,
        ("ORG", "منظمة الأمن والتعاون في أوروبا"): 1,
        ("ORG", "الاتحاد الاقتصادي الأوراسي"): 1,
        ("ORG", "منظمة معاهدة الأمن الجماعي"): 1,
        ("ORG", "الاتحاد الأوراسي"): 1,
    }
)


@pytest.fixture(scope="module")
def seed_mentions():
    article = build_article(load_path(str(SEED)))
    return article, article_entities(article)


def test_seed_article_has_exactly_the_expected_mentions(seed_mentions) -> None:
    _, mentions = seed_mentions
    found = Counter((m.entity.type, m.entity.text) for m in mentions if m.entity.type != "MISC")
    assert found == EXPECTED_SEED


# Every mention of the seed, MISC too, where it stands (section, paragraph, start, end): a retrained
# model or a new feature must leave the seed's highlights exactly as they are (issue 12).
SEED_PLACES = [
    (0, 0, 41, 46, "LOC", "روسيا"),
    (0, 0, 48, 57, "LOC", "بيلاروسيا"),
    (0, 0, 85, 97, "PER", "سيرجي لافروف"),
    (0, 0, 141, 148, "LOC", "بيلاروس"),
    (1, 0, 24, 30, "PER", "لافروف"),
    (1, 0, 49, 64, "PER", "ماكسيم ريجينكوف"),
    (2, 0, 9, 15, "PER", "لافروف"),
    (2, 0, 129, 142, "ORG", "الأمم المتحدة"),
    (2, 0, 144, 174, "ORG", "منظمة الأمن والتعاون في أوروبا"),
    (2, 0, 225, 251, "ORG", "الاتحاد الاقتصادي الأوراسي"),
    (2, 0, 253, 279, "ORG", "منظمة معاهدة الأمن الجماعي"),
    (3, 0, 35, 50, "PER", "ماكسيم ريجينكوف"),
    (4, 0, 6, 14, "PER", "ريجينكوف"),
    (4, 0, 118, 123, "LOC", "موسكو"),
    (5, 0, 27, 34, "LOC", "بيلاروس"),
    (5, 0, 121, 128, "LOC", "أوراسيا"),
    (5, 0, 180, 196, "ORG", "الاتحاد الأوراسي"),
]


def test_seed_mentions_stand_exactly_where_they_did(seed_mentions) -> None:
    _, mentions = seed_mentions
    found = [(m.section, m.paragraph, m.entity.start, m.entity.end, m.entity.type, m.entity.text) for m in mentions]
    assert found == SEED_PLACES


def test_seed_offsets_point_into_their_paragraph(seed_mentions) -> None:
    article, mentions = seed_mentions
    for mention in mentions:
        text = article.sections[mention.section].paragraphs[mention.paragraph].text
        assert text[mention.entity.start : mention.entity.end] == mention.entity.text


def test_seed_keys_join_surnames_and_country_spellings(seed_mentions) -> None:
    _, mentions = seed_mentions
    keys: dict[str, set[str]] = {}
    for m in mentions:
        keys.setdefault(m.entity.text, set()).add(m.entity.key)
    assert keys["لافروف"] == keys["سيرجي لافروف"]
    assert keys["ريجينكوف"] == keys["ماكسيم ريجينكوف"]
    assert keys["لافروف"] != keys["ريجينكوف"]
    assert keys["بيلاروسيا"] == keys["بيلاروس"]
    assert keys["روسيا"] != keys["بيلاروس"]
    per_keys = {m.entity.key for m in mentions if m.entity.type == "PER"}
    assert len(per_keys) == 2


def test_noise_line_yields_nothing() -> None:
    assert [e for e in find_entities("زهور الدم الحلقة 510") if e.type != "MISC"] == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("التقى الوزير بنظيره في واشنطن وبيلاروسيا أمس.", "بيلاروسيا"),
        ("وصل الوفد بواشنطن صباح اليوم.", "واشنطن"),
        ("قدم السفير رسالة للأمم المتحدة أمس.", "أمم المتحدة"),
        ("وقع انفجار بكابول؛ وقتل عشرة أشخاص.", "كابول"),
    ],
)
def test_proclitics_and_glued_punctuation_stay_outside_the_span(text: str, mention: str) -> None:
    found = [e.text for e in find_entities(text)]
    assert mention in found


def test_spelling_variants_share_a_key() -> None:
    plain = find_entities("زار الرئيس إسرائيل ثم روسيا.")
    marked = find_entities("زار الرئيس اسرائيلَ ثم روسـيا.")
    assert [e.key for e in plain if e.type == "LOC"] == [e.key for e in marked if e.type == "LOC"]
    assert len([e for e in plain if e.type == "LOC"]) == 2


def test_title_and_nisba_cue_a_person_not_a_place() -> None:
    found = find_entities("قال الرئيس الروسي فلاديمير بوتين إن المحادثات كانت مثمرة.")
    assert [(e.type, e.text) for e in found] == [("PER", "فلاديمير بوتين")]


def test_place_adjective_before_a_name_is_no_person() -> None:
    found = find_entities("اجتمع لافروف ونظيره البيلاروسي ماكسيم ريجينكوف في موسكو.")
    assert ("PER", "ماكسيم ريجينكوف") in [(e.type, e.text) for e in found]
    assert all("البيلاروسي" not in e.text for e in found)


def test_speech_verb_cues_an_unlisted_surname_after_it() -> None:
    found = find_entities("وأكد ميدلاند أن الاتفاق سيوقع قريبا.")
    assert [(e.type, e.text) for e in found] == [("PER", "ميدلاند")]


def test_given_name_after_a_conjunction_loses_it() -> None:
    found = find_entities("وشارك وعمرو زكي في المباراة.")
    assert [(e.type, e.text) for e in found] == [("PER", "عمرو زكي")]


def test_names_without_cues_come_from_the_list() -> None:
    found = {(e.type, e.text) for e in find_entities("ذكرت رويترز أن حماس وطالبان رفضتا العرض.")}
    assert {("ORG", "رويترز"), ("ORG", "حماس"), ("ORG", "طالبان")} <= found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وقال الأمين العام لحزب الله اللبناني إن الحرب انتهت.", "حزب الله"),
        ("درس في جامعة السوربون الفرنسية ثلاث سنوات.", "جامعة السوربون"),
        ("اجتمع سفراء الاتحاد الأوروبي أمس.", "الاتحاد الأوروبي"),
    ],
)
def test_an_organisation_phrase_ends_before_a_last_place_adjective_unless_its_head_needs_one(
    text: str, name: str
) -> None:
    assert [(e.type, e.text) for e in find_entities(text)] == [("ORG", name)]


def test_a_union_is_not_read_on_to_where_it_is_but_an_organisation_for_a_region_is() -> None:
    found = [(e.type, e.text) for e in find_entities("وصلت قوة الاتحاد الأفريقي في دارفور أمس.")]
    assert found == [("ORG", "الاتحاد الأفريقي"), ("LOC", "دارفور")]
    found = [(e.type, e.text) for e in find_entities("وقالت منظمة الأمن والتعاون في أوروبا إن الانتخابات نزيهة.")]
    assert found == [("ORG", "منظمة الأمن والتعاون في أوروبا")]


@pytest.mark.parametrize(
    "text",
    [
        "وقال الأمين العام لحزب الله السيد حسن نصر الله إن المقاومة مستمرة.",
        "التقى الأمين العام لحزب الله والرئيس السوري بشار الأسد.",
    ],
)
def test_an_organisation_phrase_stops_at_the_title_of_a_person_after_it(text: str) -> None:
    found = [(e.type, e.text) for e in find_entities(text)]
    assert ("ORG", "حزب الله") in found
    assert all(kind != "ORG" or name == "حزب الله" for kind, name in found)


def test_ministries_in_the_dual_are_not_organisations() -> None:
    assert find_entities("جرى التنسيق بين وزارتي الخارجية في كلا البلدين.") == []


def test_sentences_end_at_stops_and_line_breaks() -> None:
    from reader.entities.crf import sentences
    from reader.entities.tokens import tokenize

    text = "\nقال بوتين.\nوصل لافروف\n\nإلى موسكو؟! ثم عاد\n"
    groups = [[token.text for token in group] for group in sentences(text, tokenize(text))]
    assert groups == [["قال", "بوتين", "."], ["وصل", "لافروف"], ["إلى", "موسكو", "؟"], ["!"], ["ثم", "عاد"]]


def test_importing_loads_no_model() -> None:
    code = "import sys, reader.entities; print('pycrfsuite' in sys.modules, 'reader.entities.crf' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_threads_get_the_same_answer() -> None:
    text = SEED.read_text(encoding="utf-8")
    expected = find_entities(text)
    results: list[list] = []
    threads = [threading.Thread(target=lambda: results.append(find_entities(text))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


class FakeRecognizer:
    """Calls every run of Latin capitals an organisation: enough to see the seam carry spans."""

    name = "fake"

    def spans(self, text: str) -> list[Span]:
        import re

        return [Span(m.start(), m.end(), "ORG") for m in re.finditer(r"[A-Z]{2,}", text)]


def test_another_recogniser_plugs_into_the_same_keys_and_offsets() -> None:
    found = find_entities("قالت NATO إن NATO مستعدة.", recognizer=FakeRecognizer())
    assert [(e.text, e.type) for e in found] == [("NATO", "ORG"), ("NATO", "ORG")]
    assert found[0].key == found[1].key


class SureOnceRecognizer:
    """Finds `حلف الأطلسي` in every text, sure of it only in the first: a plug-in that offers `scored`."""

    name = "sure-once"
    NAME = "حلف الأطلسي"

    def __init__(self) -> None:
        self.calls = 0
        self.thresholds = {"ORG": 0.5}

    def spans(self, text: str) -> list[Span]:
        return [span for span, _ in self.scored(text, self.thresholds)]

    def scored(self, text: str, thresholds: dict[str, float] | None = None) -> list[tuple[Span, float]]:
        self.calls += 1
        start = text.find(self.NAME)
        sure = 0.95 if self.calls == 1 else 0.2
        found = [(Span(start, start + len(self.NAME), "ORG"), sure)] if start >= 0 else []
        return [(span, sure) for span, sure in found if sure >= (thresholds or {}).get(span.type, 0.0)]


def test_a_plug_in_that_scores_its_mentions_gets_the_article_pass() -> None:
    from reader.entities import document_entities
    from reader.entities.recognizer import scores

    texts = [f"قال {SureOnceRecognizer.NAME} إنه مستعد.", f"وأضاف {SureOnceRecognizer.NAME} أمس."]
    assert scores(SureOnceRecognizer())
    assert not scores(FakeRecognizer())
    found = document_entities(texts, recognizer=SureOnceRecognizer())
    # The sure first mention vouches for the unsure second one (`consistency.agree`).
    assert [[(e.text, e.type) for e in here] for here in found] == [[(SureOnceRecognizer.NAME, "ORG")]] * 2
    # Read apart, the unsure mention has nothing to vouch for it.
    alone = SureOnceRecognizer()
    assert [[e.text for e in here] for here in document_entities(texts[:1], recognizer=alone)] == [
        [SureOnceRecognizer.NAME]
    ]
    assert document_entities(texts[1:], recognizer=alone) == [[]]


def test_recogniser_is_found_by_module_and_class_name() -> None:
    recognizer = get("tests.test_entities:FakeRecognizer")
    assert recognizer.name == "fake"


def test_missing_recogniser_package_is_one_clear_line() -> None:
    with pytest.raises(RecognizerUnavailable, match="not installed") as error:
        get("camel_tools_missing_package:Recognizer")
    assert "\n" not in str(error.value)


def test_unknown_recogniser_name_lists_the_known_ones() -> None:
    with pytest.raises(RecognizerUnavailable, match="known: crf"):
        get("nonesuch")


def test_missing_model_is_one_clear_line(tmp_path) -> None:
    from reader.entities.crf import CrfRecognizer

    with pytest.raises(RecognizerUnavailable, match="make train-ner") as error:
        CrfRecognizer(tmp_path / "none.crfsuite")
    assert "\n" not in str(error.value)


def test_a_model_tagging_another_type_is_refused_in_one_line() -> None:
    """The model is data: a tag that names no entity type (a retrained model's DATE, say) stops with
    one line instead of passing a type that the table of types does not know."""
    import pycrfsuite

    from reader.entities.crf import CrfRecognizer

    with pytest.raises(RecognizerUnavailable, match="'DATE', which is not an entity type") as error:
        CrfRecognizer().candidates(pycrfsuite.Tagger(), ["O", "B-DATE"], ["في", "أمس"])
    assert "\n" not in str(error.value)


_WORDS = st.sampled_from(
    [
        "الرئيس",
        "الروسي",
        "فلاديمير",
        "بوتين",
        "وبيلاروسيا",
        "للأمم",
        "المتحدة",
        "منظمة",
        "الأمن",
        "في",
        "أوروبا",
        "بكابول؛",
        "قال",
        "إن",
        "،",
        ".",
        "2024",
        "NATO",
        "(موسكو)",
        "لافروفَ",
        "ـ",
        "\u064e",
        "و",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=30).map(" ".join))
def test_every_mention_is_a_nonempty_slice_of_the_text(text: str) -> None:
    previous_end = 0
    for entity in find_entities(text):
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
        assert entity.start >= previous_end  # in order, never overlapping
        previous_end = entity.end
        assert entity.type in {"PER", "LOC", "ORG", "MISC"} and entity.key


def test_finding_entities_leaves_the_cycle_collector_as_it_found_it() -> None:
    import gc

    from reader.entities import find_entities

    assert gc.isenabled()
    find_entities("قال الرئيس الروسي فلاديمير بوتين في موسكو.")
    assert gc.isenabled()
    gc.disable()
    try:
        find_entities("وصل وزير الخارجية إلى بغداد.")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_listed_phrases_give_the_features_the_lexicon_reads() -> None:
    """The featurizer's own table of multi-word places and names (kept for speed) says, for each
    of them, what `Lexicon.phrase` says: a name's kind before a place's."""
    from reader.entities.crf import CrfRecognizer

    recognizer = get("crf")
    assert isinstance(recognizer, CrfRecognizer)
    featurizer = recognizer.featurizer
    lexicon = featurizer.lexicon
    phrases = [text for text in [*lexicon.places, *lexicon.names] if " " in text]
    assert len(phrases) > 1000
    for text in phrases:
        words = text.split(" ")
        kind = lexicon.phrase(tuple(words))[0]
        around = ["،", *words, "."]  # inside a sentence, between marks no phrase starts or ends with
        expected = {1: f"B-list={kind}".encode()} | {j: f"I-list={kind}".encode() for j in range(2, len(words) + 1)}
        assert featurizer.phrases(around, around) == expected, text


def test_tagging_does_not_depend_on_what_the_word_caches_hold(monkeypatch) -> None:
    """Features are cached per spelling: cold, warm, in another order, or with caches emptied
    every few words, the sample articles' entities are the same."""
    from reader.entities import crf, features

    texts = [
        paragraph.text
        for path in sorted(ROOT.glob("articles/*.txt"))
        for _, _, paragraph in build_article(load_path(str(path))).paragraphs()
    ]
    assert len(texts) > 20
    cold = crf.CrfRecognizer()
    first = [cold.spans(text) for text in texts]
    assert sum(map(len, first)) > 50
    assert [cold.spans(text) for text in reversed(texts)][::-1] == first
    monkeypatch.setattr(features, "_CACHE_LIMIT", 5)
    small = crf.CrfRecognizer()
    assert [small.spans(text) for text in texts] == first


def _tagged_alike(native, python, text: str) -> None:
    """Every sentence of `text` gets the same labels, and the same marginal of every label at every
    place (floats compared exactly), through crfsuite's C API as through pycrfsuite's Tagger."""
    from reader.entities.crf import sentences
    from reader.entities.tokens import tokenize

    for sentence in sentences(text, tokenize(text)):
        taggers = []
        for recognizer in (native, python):
            tagger = recognizer._tagger()
            tagger.set(recognizer.featurizer.read(sentence)[0])
            taggers.append((tagger, tagger.tag()))
        (c, c_labels), (py, py_labels) = taggers
        assert c_labels == py_labels, text
        for label in c.labels:
            assert [c.marginal(label, t) for t in range(len(sentence))] == [
                py.marginal(label, t) for t in range(len(sentence))
            ], text


@pytest.fixture(scope="module")
def both_taggers():
    from reader.entities import crfsuite_c
    from reader.entities.crf import CrfRecognizer

    if sys.platform.startswith("linux"):  # python-crfsuite exports crfsuite's C API here: it must be taken
        assert crfsuite_c.usable()
    if not crfsuite_c.usable():
        pytest.skip("this python-crfsuite does not export crfsuite's C API")
    native, python = CrfRecognizer(native=True), CrfRecognizer(native=False)
    assert native.native and not python.native
    return native, python


def test_the_c_api_tags_the_sample_articles_as_pycrfsuite_does(both_taggers) -> None:
    native, python = both_taggers
    texts = [
        paragraph.text
        for path in sorted(ROOT.glob("articles/*.*"))
        for _, _, paragraph in build_article(load_path(str(path))).paragraphs()
    ]
    assert len(texts) > 20
    for text in texts:
        _tagged_alike(native, python, text)
        assert native.spans(text) == python.spans(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=6)), min_size=1, max_size=30).map(" ".join))
def test_the_c_api_tags_any_text_as_pycrfsuite_does(both_taggers, text: str) -> None:
    native, python = both_taggers
    _tagged_alike(native, python, text)
    assert native.spans(text) == python.spans(text)


def test_sentences_longer_than_the_kept_buffer_tag_as_pycrfsuite_does(both_taggers, monkeypatch) -> None:
    """A sentence is handed to crfsuite in a buffer the model keeps: one longer than it grows it,
    one longer than may be kept has a buffer of its own; either way, and for the short sentences
    after them, the labels and marginals are pycrfsuite's."""
    from reader.entities import crfsuite_c
    from reader.entities.crf import CrfRecognizer

    _, python = both_taggers
    monkeypatch.setattr(crfsuite_c, "_BUFFER", 256)
    monkeypatch.setattr(crfsuite_c, "_KEPT_BUFFER", 8192)
    native = CrfRecognizer(native=True)
    words = ["قال", "وزير", "الخارجية", "الروسي", "سيرجي", "لافروف", "في", "موسكو", "إن", "منظمة", "الأمم", "المتحدة"]
    short, kept, own = " ".join(words[:4]), " ".join(words * 2), " ".join(words * 30)
    for text in (short, kept, short, own, short, kept):
        _tagged_alike(native, python, text)
        assert native.spans(text) == python.spans(text)
    assert len(native._tagger()._view) > 256  # grown for `kept`, and kept
    assert len(native._tagger()._view) <= 8192  # not for `own`


def test_a_model_file_crfsuite_cannot_read_is_one_clear_line(tmp_path) -> None:
    from reader.entities import crfsuite_c
    from reader.entities.crf import CrfRecognizer

    if not crfsuite_c.usable():
        pytest.skip("this python-crfsuite does not export crfsuite's C API")
    broken = tmp_path / "broken.crfsuite"
    broken.write_bytes(b"not a crfsuite model at all" * 100)
    with pytest.raises(RecognizerUnavailable, match="cannot be read") as error:
        CrfRecognizer(broken, native=True)
    assert "\n" not in str(error.value)
