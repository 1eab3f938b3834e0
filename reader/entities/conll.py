"""ANERcorp-style CoNLL files: reading them, and turning their sentences into training sequences."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.entities.tokens import Token, is_word, tokenize

# ANERcorp says PERS; the app says PER.
TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
# The share of a file's sentences, at its end, held out as the development split.
DEV_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Sentence:
    words: list[str]
    tags: list[str]  # B-PERS, I-LOC, O, ...

    @property
    def text(self) -> str:
        """The sentence as the evaluation gives it to a recogniser: words joined by spaces."""
        return " ".join(self.words)


def read(path: Path) -> list[Sentence]:
    """Every sentence of a `token<TAB>tag` file; blank lines end sentences."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(Sentence(words, tags))
                words, tags = [], []
            continue
        word, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
        words.append(word)
        tags.append(tag.strip() or "O")
    if words:
        sentences.append(Sentence(words, tags))
    return sentences


def dev_split(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(tuning part, development split): the last fifth of the sentences is the split, cut between two.

    Features, lists and thresholds are chosen by cross-validation on the tuning part only; the split
    is scored once per change, by a model trained without it, so its figure is one nothing was tuned to.
    The cut is one block at the end, not every fifth sentence, since neighbouring sentences share names.
    """
    cut = len(sentences) - round(len(sentences) * DEV_SHARE)
    return sentences[:cut], sentences[cut:]


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(first word, last word, type) of each tagged mention, conlleval's way: I after O opens one."""
    spans = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if kind and (prefix != "I" or label != kind):
            spans.add((start, i - 1, TYPES.get(kind, kind)))
            kind = ""
        if prefix == "B" or (prefix == "I" and not kind):
            start, kind = i, label
    return spans


def training_sequence(sentence: Sentence) -> tuple[list[Token], list[str]]:
    """The recogniser's tokens of a sentence and a label for each, taken from the word it lies in.

    A word the tokeniser splits (`بكابول؛`) gives its label to its letters; punctuation glued to the
    end of a tagged word is outside the mention.
    """
    text = sentence.text
    tokens = tokenize(text)
    labels = []
    word, word_end = 0, len(sentence.words[0])
    seen_in_word = False
    for token in tokens:
        while token.start >= word_end:
            word += 1
            word_end += 1 + len(sentence.words[word])
            seen_in_word = False
        prefix, _, label = sentence.tags[word].partition("-")
        if prefix == "O" or not is_word(token.folded):
            labels.append("O")
            continue
        labels.append(("I" if seen_in_word else prefix) + "-" + TYPES.get(label, label))
        seen_in_word = True
    return tokens, labels
