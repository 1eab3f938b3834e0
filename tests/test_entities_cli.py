"""Entities as a user meets them on the command line: the table, JSON, scoring, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from reader.entities import Span
from reader.entities.conll import Sentence, dev_split, gold_spans, read
from reader.entities.evaluate import document_spans, score, score_articles

from .conftest import SEED, run_reader


def test_entities_table_is_tab_separated_and_sorted_by_mentions() -> None:
    result = run_reader("entities", str(SEED))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "entity\ttype\tmentions"
    rows = [line.split("\t") for line in lines[1:]]
    counts = [int(count) for _, _, count in rows]
    assert counts == sorted(counts, reverse=True)
    table = {(name, kind): int(count) for name, kind, count in rows}
    assert table[("سيرجي لافروف", "PER")] == 3
    assert table[("ماكسيم ريجينكوف", "PER")] == 3
    assert table[("بيلاروسيا", "LOC")] == 3
    assert table[("منظمة معاهدة الأمن الجماعي", "ORG")] == 1
    assert not any(name == "لافروف" for name, _ in table)


def test_json_entities_point_into_their_paragraphs() -> None:
    record = json.loads(run_reader("cat", "--format", "json", str(SEED)).stdout)
    entities = record["entities"]
    assert {e["text"] for e in entities} >= {"لافروف", "موسكو", "الأمم المتحدة"}
    for e in entities:
        paragraph = record["sections"][e["section"]]["paragraphs"][e["paragraph"]]
        assert paragraph[e["start"] : e["end"]] == e["text"]
        assert e["type"] in {"PER", "LOC", "ORG", "MISC"} and e["key"]


def test_unknown_recogniser_is_one_line_and_exit_2() -> None:
    result = run_reader("entities", "--ner", "nonesuch", str(SEED))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert result.stderr.decode().startswith("reader: error: unknown recogniser 'nonesuch'")


def test_missing_recogniser_package_is_one_line() -> None:
    result = run_reader("cat", "--format", "json", "--ner", "camel_tools.ner:NERecognizer", str(SEED))
    assert result.returncode == 2
    assert "is not installed" in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1


def _conll(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tiny.conll"
    path.write_text(text, encoding="utf-8")
    return path


def test_gold_spans_follow_conlleval() -> None:
    tags = ["O", "B-PERS", "I-PERS", "I-LOC", "O", "B-ORG", "B-ORG"]
    assert gold_spans(tags) == {(1, 2, "PER"), (3, 3, "LOC"), (5, 5, "ORG"), (6, 6, "ORG")}


def test_score_counts_whole_words_and_exact_spans(tmp_path) -> None:
    path = _conll(tmp_path, "زار\tO\nوبيلاروسيا\tB-LOC\nسيرجي\tB-PERS\nلافروف\tI-PERS\n.\tO\n")
    [sentence] = read(path)
    text = sentence.text
    inner = text.index("بيلاروسيا")

    def find(_: str) -> list[tuple[int, int, str]]:
        # the country without its proclitic (counts for the whole word), and half a person (wrong)
        return [(inner, inner + len("بيلاروسيا"), "LOC"), (text.index("لافروف"), len(text) - 2, "PER")]

    scores = score([sentence], find)
    assert scores.prf(["LOC"]) == (1.0, 1.0, 1.0)
    assert scores.prf(["PER"]) == (0.0, 0.0, 0.0)
    assert scores.prf(["PER", "LOC", "ORG"]) == (0.5, 0.5, 0.5)


class PersonOnce:
    """Finds `سيرجي لافروف` as a person, and nothing else: the surname alone is left to the document."""

    name = "person-once"

    def spans(self, text: str) -> list[Span]:
        at = text.find("سيرجي لافروف")
        return [] if at < 0 else [Span(at, at + len("سيرجي لافروف"), "PER")]


def test_scoring_as_articles_reads_contiguous_sentences_together(tmp_path) -> None:
    # The full name in the first sentence; the bare surname in the second and (a new article) the third.
    path = _conll(
        tmp_path,
        "قال\tO\nسيرجي\tB-PERS\nلافروف\tI-PERS\n.\tO\n\n"
        "وأكد\tO\nلافروف\tB-PERS\n.\tO\n\n"
        "وأكد\tO\nلافروف\tB-PERS\n.\tO\n",
    )
    sentences = read(path)
    alone = score(sentences, lambda text: [(s.start, s.end, s.type) for s in PersonOnce().spans(text)])
    assert (alone.correct["PER"], alone.gold["PER"]) == (1, 3)
    seen: list[list[str]] = []

    def find(texts: list[str]) -> list[list[tuple[int, int, str]]]:
        seen.append(texts)
        return document_spans(texts, PersonOnce())

    articles = score_articles(sentences, find, size=2)
    assert seen == [[sentences[0].text, sentences[1].text], [sentences[2].text]]
    assert (articles.correct["PER"], articles.found["PER"], articles.gold["PER"]) == (2, 2, 3)


def test_eval_ner_prints_scores_per_type_and_micro(tmp_path) -> None:
    path = _conll(tmp_path, "وقال\tO\nمتحدث\tO\nباسم\tO\nالأمم\tB-ORG\nالمتحدة\tI-ORG\nفي\tO\nموسكو\tB-LOC\n.\tO\n")
    result = run_reader("eval-ner", str(path))
    assert result.returncode == 0, result.stderr
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in result.stdout.decode().splitlines()}
    assert rows["type"] == ["precision", "recall", "F1", "found", "gold"]
    assert rows["ORG"] == ["1.000", "1.000", "1.000", "1", "1"]
    assert rows["LOC"] == ["1.000", "1.000", "1.000", "1", "1"]
    assert rows["micro"][-1] == "2"


def test_eval_ner_rejects_one_fold_and_missing_files(tmp_path) -> None:
    path = _conll(tmp_path, "موسكو\tB-LOC\n")
    assert run_reader("eval-ner", "--cv", "1", str(path)).returncode == 2
    missing = run_reader("eval-ner", str(tmp_path / "none.conll"))
    assert missing.returncode == 2 and b"no such CoNLL file" in missing.stderr


def test_cross_validation_never_scores_what_it_trained_on(tmp_path) -> None:
    # The same context holds a place in the first half and a person in the second. A model that
    # had learned the held-out half would know the person's name; one that had not calls it a place.
    lines = ["رأيت\tO\nقرقوزستان\tB-LOC\n.\tO\n\n"] * 30 + ["رأيت\tO\nبارنيتوفيا\tB-PERS\n.\tO\n\n"] * 30
    path = _conll(tmp_path, "".join(lines))
    from reader.entities.crossval import crossval

    scores = crossval(read(path), 2)
    assert scores.gold["PER"] == 30 and scores.gold["LOC"] == 30
    assert scores.correct["PER"] == 0 and scores.correct["LOC"] == 0


def test_dev_split_is_the_last_fifth_cut_between_sentences() -> None:
    sentences = [Sentence([f"w{i}", "."], ["O", "O"]) for i in range(101)]
    tuning, dev = dev_split(sentences)
    assert tuning + dev == sentences
    assert len(dev) == 20 and dev[0].words[0] == "w81"


def _tables(out: str) -> list[dict[str, list[str]]]:
    """The TSV tables of eval-ner's output, after their `#` headings, rows by first column."""
    blocks = [b for b in out.split("\n\n") if b.strip()]
    return [
        {line.split("\t")[0]: line.split("\t")[1:] for line in block.splitlines() if not line.startswith("#")}
        for block in blocks
    ]


def test_eval_ner_dev_scores_a_model_that_never_saw_the_split(tmp_path) -> None:
    # The tuning part knows only a place in this context; the development split, only a person.
    # Scored by a model trained with the split, the person would be found.
    lines = ["رأيت\tO\nقرقوزستان\tB-LOC\n.\tO\n\n"] * 40 + ["رأيت\tO\nبارنيتوفيا\tB-PERS\n.\tO\n\n"] * 10
    path = _conll(tmp_path, "".join(lines))
    result = run_reader("eval-ner", "--dev", "--cv", "2", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.startswith("# development split: the last 20% of ")
    assert "sentences 41-50" in out and "# 2-fold cross-validation on the first 80% only, sentences 1-40" in out
    assert "# the same split read as articles: 15 contiguous sentences at a time" in out
    dev, articles, cv = _tables(out)
    assert dev["PER"][-1] == "10" and dev["PER"][0] == "0.000" and dev["LOC"][-1] == "0"
    assert articles["PER"] == dev["PER"]  # the same model: a name it never found is not found again
    assert cv["LOC"][-1] == "40" and cv["PER"][-1] == "0"  # the split is not in the cross-validation
    assert b"fold 2/2" in result.stderr


def test_eval_ner_dev_trains_the_built_in_crf_only(tmp_path) -> None:
    path = _conll(tmp_path, "موسكو\tB-LOC\n")
    result = run_reader("eval-ner", "--dev", "--ner", "reader.entities.crf:CrfRecognizer", str(path))
    assert result.returncode == 2 and b"train the built-in CRF" in result.stderr


def test_threshold_sweep_scores_each_setting_of_each_type(tmp_path) -> None:
    lines = ["رأيت\tO\nقرقوزستان\tB-LOC\n.\tO\n\n"] * 20
    from reader.entities.crossval import sweep

    found = sweep(read(_conll(tmp_path, "".join(lines))), 2, [0.0, 1.01])
    assert set(found) == {(kind, value) for kind in ("PER", "LOC", "ORG") for value in (0.0, 1.01)}
    assert found[("LOC", 0.0)].correct["LOC"] == 20  # every place, sure or not
    assert found[("LOC", 1.01)].found["LOC"] == 0  # no confidence reaches more than 1
    assert found[("PER", 1.01)].correct["LOC"] == 20  # the other types keep their thresholds
