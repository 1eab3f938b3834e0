"""Span-exact scores the way conlleval and seqeval count them.

Each sentence's words are joined by single spaces and given to the recogniser; a mention counts
as the whole words it overlaps, so `بيلاروسيا` found inside `وبيلاروسيا` matches a gold
`وبيلاروسيا`. Micro scores are over PER, LOC and ORG, as in the literature on ANERcorp.
The app reads an article's paragraphs together (a surname found again after the full name), so
`score_articles` also gives blocks of contiguous sentences to the recogniser as one document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reader.entities import Recognizer, document_entities, find_entities
from reader.entities.conll import Sentence, gold_spans

SCORED = ("PER", "LOC", "ORG")
# Sentences read as one article by `score_articles`. ANERcorp marks no article boundaries; its 316
# articles hold about 150,000 tokens (Benajiba et al. 2007), some 475 an article, and the training
# portion's sentences average 31 tokens: about 15 sentences an article.
ARTICLE = 15


@dataclass
class Scores:
    found: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)

    def add(self, other: Scores) -> None:
        self.found += other.found
        self.gold += other.gold
        self.correct += other.correct

    def prf(self, kinds: Iterable[str]) -> tuple[float, float, float]:
        kinds = list(kinds)
        correct = sum(self.correct[k] for k in kinds)
        found = sum(self.found[k] for k in kinds)
        gold = sum(self.gold[k] for k in kinds)
        precision = correct / found if found else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def table(self) -> str:
        """Per type and micro over PER+LOC+ORG: precision, recall, F1, and the counts."""
        rows = ["type\tprecision\trecall\tF1\tfound\tgold"]
        for name, kinds in [*((k, (k,)) for k in (*SCORED, "MISC")), ("micro", SCORED)]:
            p, r, f = self.prf(kinds)
            found = sum(self.found[k] for k in kinds)
            gold = sum(self.gold[k] for k in kinds)
            rows.append(f"{name}\t{p:.3f}\t{r:.3f}\t{f:.3f}\t{found}\t{gold}")
        return "\n".join(rows)


def word_spans(sentence: Sentence, spans: Iterable[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Character spans of the joined sentence as (first word, last word, type)."""
    bounds = []
    offset = 0
    for word in sentence.words:
        bounds.append((offset, offset + len(word)))
        offset += len(word) + 1
    out = set()
    for start, end, kind in spans:
        covered = [i for i, (a, b) in enumerate(bounds) if a < end and start < b]
        if covered:
            out.add((covered[0], covered[-1], kind))
    return out


def score(sentences: Iterable[Sentence], find: Callable[[str], Iterable[tuple[int, int, str]]]) -> Scores:
    """Scores of `find` (text -> (start, end, type) spans) against the sentences' tags."""
    scores = Scores()
    for sentence in sentences:
        _count(scores, sentence, find(sentence.text))
    return scores


def score_articles(
    sentences: Sequence[Sentence],
    find: Callable[[list[str]], Iterable[Iterable[tuple[int, int, str]]]],
    size: int = ARTICLE,
) -> Scores:
    """Scores of `find` given the texts of `size` contiguous sentences at a time, as one document
    (texts -> the spans of each), the way the app reads an article's paragraphs together."""
    scores = Scores()
    for first in range(0, len(sentences), size):
        block = sentences[first : first + size]
        for sentence, found in zip(block, find([s.text for s in block]), strict=True):
            _count(scores, sentence, found)
    return scores


def _count(scores: Scores, sentence: Sentence, spans: Iterable[tuple[int, int, str]]) -> None:
    gold = gold_spans(sentence.tags)
    for _, _, kind in gold:
        scores.gold[kind] += 1
    for span in word_spans(sentence, spans):
        scores.found[span[2]] += 1
        if span in gold:
            scores.correct[span[2]] += 1


def found_spans(text: str, recognizer: str | Recognizer | None = None) -> list[tuple[int, int, str]]:
    """What `find_entities` finds in `text`, as (start, end, type)."""
    return [(e.start, e.end, e.type) for e in find_entities(text, recognizer)]


def document_spans(texts: list[str], recognizer: str | Recognizer | None = None) -> list[list[tuple[int, int, str]]]:
    """What `document_entities` (an article's path) finds in each of `texts`, as (start, end, type)."""
    return [[(e.start, e.end, e.type) for e in found] for found in document_entities(texts, recognizer)]
