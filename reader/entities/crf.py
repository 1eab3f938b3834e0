"""The built-in recogniser: a linear-chain CRF trained on ANERcorp, over cheap features.

The model file is `data/anercorp.crfsuite` (see data/README.md for how it is made and its licence).
Tags are read per whole token; a mention then loses its proclitics (`وبيلاروسيا` -> `بيلاروسيا`),
and mentions the model is unsure of are dropped, because a reader must not highlight junk.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pycrfsuite

from reader.entities.features import Featurizer
from reader.entities.lexicon import DATA, Lexicon, shared
from reader.entities.recognizer import RecognizerUnavailable, Span
from reader.entities.tokens import Token, skip_letters, tokenize

MODEL = DATA / "anercorp.crfsuite"
# The least marginal probability of every token's tag that a mention must reach (set by cross-
# validation: it trades a little recall for the precision a reader needs).
THRESHOLD = 0.5
_SENTENCE_END = frozenset({".", "؟", "?", "!", "؛"})


def sentences(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped by sentence: after . ? ! ؛ or at a line break."""
    groups: list[list[Token]] = []
    current: list[Token] = []
    previous_end = 0
    for token in tokens:
        if current and "\n" in text[previous_end : token.start]:
            groups.append(current)
            current = []
        current.append(token)
        previous_end = token.end
        if token.text in _SENTENCE_END:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


class CrfRecognizer:
    """ANERcorp CRF with gazetteer, affix and clitic features."""

    name = "crf"

    def __init__(
        self, model: Path = MODEL, lexicon: Lexicon | None = None, threshold: float = THRESHOLD
    ) -> None:
        if not model.is_file():
            raise RecognizerUnavailable(
                f"entity model {model} is missing: run `make train-ner` to build it"
            )
        self.model = model
        self.threshold = threshold
        self.lexicon = lexicon if lexicon is not None else shared()
        self.featurizer = Featurizer(self.lexicon)
        self._local = threading.local()
        self._tagger()

    def _tagger(self) -> pycrfsuite.Tagger:
        # A crfsuite tagger holds the sequence it tags, so each thread has its own.
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.model))
            self._local.tagger = tagger
        return tagger

    def spans(self, text: str) -> list[Span]:
        tagger = self._tagger()
        found: list[Span] = []
        for sentence in sentences(text, tokenize(text)):
            tagger.set(self.featurizer.sentence(sentence))
            labels = tagger.tag()
            found.extend(self._mentions(tagger, sentence, labels))
        return found

    def _mentions(
        self, tagger: pycrfsuite.Tagger, tokens: list[Token], labels: list[str]
    ) -> list[Span]:
        mentions = []
        i, n = 0, len(labels)
        while i < n:
            if labels[i] == "O":
                i += 1
                continue
            kind = labels[i][2:]
            j = i + 1
            while j < n and labels[j] == "I-" + kind:
                j += 1
            confidence = min(tagger.marginal(labels[t], t) for t in range(i, j))
            if confidence >= self.threshold:
                span = self._span(tokens[i : j])
                if span is not None:
                    mentions.append(Span(span[0], span[1], kind))
            i = j
        return mentions

    def _span(self, tokens: list[Token]) -> tuple[int, int] | None:
        first = tokens[0]
        proclitic, _ = self.featurizer.core(first.folded)
        start = first.start + skip_letters(first.text, len(proclitic))
        if start >= tokens[-1].end:
            return None
        return start, tokens[-1].end
