"""The built-in recogniser: a linear-chain CRF trained on ANERcorp, over cheap features.

The model file is `data/anercorp.crfsuite` (see data/README.md for how it is made and its licence).
Tags are read per whole token; a mention then loses its proclitics (`وبيلاروسيا` -> `بيلاروسيا`),
and mentions the model is unsure of are dropped, because a reader must not highlight junk.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from itertools import compress, count, pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

import pycrfsuite

from reader.collector import no_cycle_collection
from reader.entities import crfsuite_c
from reader.entities.features import Featurizer, names
from reader.entities.lexicon import DATA, Lexicon, shared
from reader.entities.phrases import org_phrases
from reader.entities.recognizer import RecognizerUnavailable, Span
from reader.entities.tokens import Token, skip_letters, tokenize
from reader.types import EntityType, is_entity_type

MODEL = DATA / "anercorp.crfsuite"
# The least marginal probability of every token's tag that a mention must reach, per type. Set by
# 5-fold cross-validation on ANERcorp's training portion (tuned there, through `candidates`): near
# the best micro-F1 while precision keeps a margin over the 0.85 a reader needs not to be shown junk
# (organisations are the least sure, so they need most; ORG 0.65 gains 0.001 F1 for 0.003 precision).
THRESHOLDS = {"PER": 0.5, "LOC": 0.5, "ORG": 0.7, "MISC": 0.7}
_SENTENCE_END = frozenset({".", "؟", "?", "!", "؛"})
_NEWLINE = re.compile("\n")
# More than this many marks in a row (`[` a million times, a row of dashes) are no text: an entity
# never holds one, and a CRF tags them one by one, linearly but at the cost of words (1 MB of `[`
# took 20 s). Such a run is cut out of tagging and ends the sentence before it. News text has no
# run of 50 (the feature window is two tokens each side), so its entities are unchanged.
_MAX_MARKS = 50
_MARK_RUN = re.compile(rf"(?:[^\w\s\u064B-\u065F\u0670\u0640]\s*){{{_MAX_MARKS + 1},}}")  # tokens.py's non-words


def attributes_file(model: Path) -> Path:
    """The list of features `model` has weights for, written beside it by training."""
    return model.with_suffix(".attributes.txt")


def common_file(model: Path) -> Path:
    """The words common in the text `model` was trained on, written beside it by training."""
    return model.with_suffix(".common.txt")


def sentences(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped by sentence: after . ? ! ؛ or at a line break; runs of more than
    _MAX_MARKS marks are left out (see above)."""
    # Cut with C-level maps rather than a loop over tokens: this runs on every paragraph.
    cuts = set(compress(count(1), map(_SENTENCE_END.__contains__, map(itemgetter(2), tokens))))
    # Each mark of such a run is a token of one character: without that many, no run is searched for.
    maybe = len(tokens) > _MAX_MARKS and list(map(len, map(itemgetter(2), tokens))).count(1) > _MAX_MARKS
    runs = list(_MARK_RUN.finditer(text)) if maybe else []
    if "\n" in text or runs:
        starts = list(map(itemgetter(0), tokens))
        cuts.update(bisect_right(starts, line.start()) for line in _NEWLINE.finditer(text))
    bounds = [0, *sorted(cuts), len(tokens)]
    if runs:  # each run is a cut at its start and at its end, its tokens in no sentence
        firsts = [bisect_right(starts, run.start() - 1) for run in runs]
        ends = [bisect_right(starts, run.end() - 1) for run in runs]
        bounds = sorted({*bounds, *firsts, *ends})
        inside = [bisect_right(firsts, a) - 1 for a in bounds]  # the last run starting at or before
        return [
            tokens[a:b]
            for (a, b), run in zip(pairwise(bounds), inside, strict=False)
            if a < b and not (run >= 0 and a < ends[run])
        ]
    return [tokens[a:b] for a, b in pairwise(bounds) if a < b]


class Tagging(Protocol):
    """What tags a sentence: `crfsuite_c.Model`, or pycrfsuite's Tagger where that cannot be had."""

    def set(self, items: Any) -> None: ...  # a sentence's features as the featurizer encoded them

    def tag(self) -> list[str]: ...

    def marginal(self, label: str, position: int) -> float: ...


class CrfRecognizer:
    """ANERcorp CRF with gazetteer, affix and clitic features.

    Tagging goes through crfsuite's C API (`crfsuite_c`, features looked up once per spelling)
    when python-crfsuite exports it, else through pycrfsuite's Tagger; `native` chooses (tests
    compare the two). Either gives the same labels and marginals, bit for bit.
    """

    name = "crf"

    def __init__(
        self,
        model: Path = MODEL,
        lexicon: Lexicon | None = None,
        thresholds: dict[str, float] | None = None,
        *,
        native: bool | None = None,
    ) -> None:
        if not model.is_file():
            raise RecognizerUnavailable(f"entity model {model} is missing: run `make train-ner` to build it")
        self.model = model
        self.thresholds = THRESHOLDS if thresholds is None else thresholds
        self.lexicon = lexicon if lexicon is not None else shared()
        attributes = attributes_file(model)
        known = attributes.read_text(encoding="utf-8").split("\n") if attributes.is_file() else None
        common = common_file(model)
        words = common.read_text(encoding="utf-8").split("\n") if common.is_file() else None
        self.native = crfsuite_c.usable() if native is None else native
        self._local = threading.local()
        # Features are encoded for the tagger: as records of the attributes of this model file
        # (the same in every thread's copy of it, so the first copy's dictionary serves all), or as names.
        tagger = self._tagger()  # opened now, so that a model that cannot be read is said at once
        encode = tagger.encode if self.native else names
        self.featurizer: Featurizer[Any] = Featurizer(
            self.lexicon, encode, frozenset(known) if known else None, frozenset(words) if words else None
        )

    def _tagger(self) -> Any:  # crfsuite_c.Model or pycrfsuite.Tagger: a `Tagging`
        # A crfsuite tagger holds the sequence it tags, so each thread has its own.
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            if self.native:
                tagger = crfsuite_c.Model(self.model)
            else:
                tagger = pycrfsuite.Tagger()
                tagger.open(str(self.model))
            self._local.tagger = tagger
        return tagger

    def spans(self, text: str) -> list[Span]:
        return [span for span, _ in self.scored(text, self.thresholds)]

    def scored(self, text: str, thresholds: dict[str, float] | None = None) -> list[tuple[Span, float]]:
        """Each mention of `text` whose confidence reaches `thresholds` (every one the tags spell
        when None), with that confidence; an organisation phrase, read by rule, has 1.0. The
        article pass (`consistency.agree`) weighs a mention by it against the same name elsewhere."""
        tagger = self._tagger()
        found: list[tuple[Span, float]] = []
        with no_cycle_collection():
            for sentence in sentences(text, tokenize(text)):
                features, cores = self.featurizer.read(sentence)
                tagger.set(features)
                labels = tagger.tag()
                runs = self._runs(tagger, sentence, labels, cores, thresholds or {})
                found.extend((self._span(sentence, i, j, kind), sure) for i, j, kind, sure in runs)
        return found

    def _runs(
        self, tagger: Tagging, tokens: list[Token], labels: list[str], cores: list[str], thresholds: dict[str, float]
    ) -> list[tuple[int, int, EntityType, float]]:
        """(first token, last token, type, confidence) of each mention as sure as `thresholds`
        ask, organisation phrases read to their end; `cores` are the tokens without proclitics."""
        runs = [run for run in self.candidates(tagger, labels, cores) if run[3] >= thresholds.get(run[2], 0.0)]
        phrases = org_phrases(tokens, self.lexicon, cores)
        if phrases:
            kept = [r for r in runs if not any(a <= r[1] and r[0] <= b for a, b in phrases)]
            orgs: list[tuple[int, int, EntityType, float]] = [(a, b, "ORG", 1.0) for a, b in phrases]
            runs = sorted(kept + orgs)
        return runs

    def candidates(
        self, tagger: Tagging, labels: list[str], cores: list[str]
    ) -> list[tuple[int, int, EntityType, float]]:
        """(first token, last token, type, confidence) of each mention the tags spell, function
        words trimmed; a person of nothing but adjectives of place is no mention. The confidence
        is the least marginal probability of its tags: thresholds (and their tuning) compare it.
        `cores` are the tokens without proclitics."""
        function_words = self.lexicon.function_words
        nisba = self.lexicon.nisba
        marginal = tagger.marginal
        found = []
        i, n = 0, len(labels)
        while i < n:
            if labels[i] == "O":
                i += 1
                continue
            kind = labels[i][2:]
            if not is_entity_type(kind):  # the model is data: one trained on other tags is refused
                raise RecognizerUnavailable(f"the entity model tags {kind!r}, which is not an entity type")
            j = i + 1
            while j < n and labels[j] == "I-" + kind:
                j += 1
            first = i
            while first < j and cores[first] in function_words:
                first += 1
            # A person made only of adjectives of place (`البيلاروسي`) is a cue before a name.
            if first < j and (kind != "PER" or not nisba.issuperset(cores[first:j])):
                confidence = min(map(marginal, labels[i:j], range(i, j)))
                found.append((first, j - 1, kind, confidence))
            i = j
        return found

    def _span(self, tokens: list[Token], first: int, last: int, kind: EntityType) -> Span:
        """The characters of tokens first..last, without the first token's proclitics."""
        token = tokens[first]
        proclitic, _ = self.featurizer.core(token.folded)
        start = token.start + skip_letters(token.text, len(proclitic))
        return Span(start, tokens[last].end, kind)
