"""Span-exact scores the way conlleval and seqeval count them.

Each sentence's words are joined by single spaces and given to the recogniser; a mention counts
as the whole words it overlaps, so `بيلاروسيا` found inside `وبيلاروسيا` matches a gold
`وبيلاروسيا`. Micro scores are over PER, LOC and ORG, as in the literature on ANERcorp.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader.entities import Recognizer, find_entities
from reader.entities.conll import Sentence, gold_spans

SCORED = ("PER", "LOC", "ORG")


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
        gold = gold_spans(sentence.tags)
        found = word_spans(sentence, find(sentence.text))
        for _, _, kind in gold:
            scores.gold[kind] += 1
        for span in found:
            scores.found[span[2]] += 1
            if span in gold:
                scores.correct[span[2]] += 1
    return scores


def found_spans(text: str, recognizer: str | Recognizer | None = None) -> list[tuple[int, int, str]]:
    """What `find_entities` finds in `text`, as (start, end, type)."""
    return [(e.start, e.end, e.type) for e in find_entities(text, recognizer)]
