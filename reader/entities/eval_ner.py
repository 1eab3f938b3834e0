"""`reader eval-ner`: score tables for a CoNLL file, from the scores (`evaluate`) and the held-out
training runs (`crossval`) of the built-in CRF.

Apart from both so that neither imports the other: crossval scores with evaluate's functions.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from reader.entities import conll, crossval
from reader.entities.conll import Sentence
from reader.entities.evaluate import ARTICLE, found_spans, score
from reader.errors import InputError, UsageError


def evaluate_file(
    path: str, folds: int | None = None, recognizer: str | None = None, dev: bool = False
) -> Iterator[str]:
    """Score tables for a CoNLL file, one block at a time (cross-validation takes minutes).

    Without `dev`: the recogniser as it is on the whole file (the file must be text it never saw),
    or k-fold cross-validation on it. With `dev`: the development split first (`conll.dev_split`,
    scored by a CRF trained on the rest of the file), then, with `folds`, cross-validation on that
    rest only, so that neither figure comes from text the model learned from.
    """
    source = Path(path)
    if not source.is_file():
        raise InputError(f"{path}: no such CoNLL file")
    if folds is not None and folds < 2:
        raise UsageError(f"--cv needs at least 2 folds, not {folds}")
    trains = folds is not None or dev
    if trains and recognizer not in (None, "crf"):
        raise UsageError("--cv and --dev train the built-in CRF; they cannot score another recogniser")
    try:
        sentences = conll.read(source)
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 CoNLL text ({error.reason})") from error
    if not trains:
        yield score(sentences, lambda text: found_spans(text, recognizer)).table() + "\n"
        return
    if dev:
        tuning, held = conll.dev_split(sentences)
        if not tuning or not held:
            raise InputError(f"{path}: too few sentences to hold out a development split")
        share = round(conll.DEV_SHARE * 100)
        yield (
            f"# development split: the last {share}% of {source.name}, sentences {len(tuning) + 1}-{len(sentences)}"
            f" ({_tokens(held):,} tokens), scored by a CRF trained on the first {100 - share}%\n"
        )
        by_sentence, by_article = crossval.development(sentences)
        yield by_sentence.table() + "\n"
        yield (
            f"\n# the same split read as articles: {ARTICLE} contiguous sentences at a time as one document,"
            " as the app reads an article's paragraphs (the file marks no articles)\n"
        )
        yield by_article.table() + "\n"
        if folds is not None:
            yield f"\n# {folds}-fold cross-validation on the first {100 - share}% only, sentences 1-{len(tuning)}\n"
        sentences = tuning
    if folds is None:
        return
    if len(sentences) < folds:
        raise InputError(f"{path}: fewer sentences ({len(sentences)}) than folds ({folds})")
    yield crossval.crossval(sentences, folds, progress=_progress).table() + "\n"


def _tokens(sentences: list[Sentence]) -> int:
    return sum(len(sentence.words) for sentence in sentences)


def _progress(line: str) -> None:
    """Each fold's figures as it ends, on stderr: stdout keeps the tables alone."""
    print(line, file=sys.stderr, flush=True)
