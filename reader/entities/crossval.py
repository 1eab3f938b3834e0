"""Honest figures for the built-in CRF: the development split, and k-fold cross-validation.

`python -m reader.entities.crossval [FILE] [--folds 5] [--dev]`; `reader eval-ner --dev --cv 5` is the
same. Every model is trained in a temporary directory on sentences that are not the ones it is scored
on, and scored through `find_entities`'s own path (tokenise, tag, trim proclitics). Folds are
contiguous blocks of sentences, since neighbouring sentences share names.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from reader.entities import conll
from reader.entities.conll import Sentence
from reader.entities.crf import THRESHOLDS, CrfRecognizer
from reader.entities.evaluate import ARTICLE, Scores, document_spans, found_spans, score, score_articles
from reader.entities.train import DEFAULT_DATA, train

Progress = Callable[[str], None]


def held_out(
    trained_on: Sequence[Sentence],
    scored_on: Sequence[Sentence],
    thresholds: dict[str, float] | None = None,
    parameters: dict[str, float] | None = None,
) -> Scores:
    """Scores on `scored_on` of a model trained on `trained_on` alone."""
    with tempfile.TemporaryDirectory() as directory:
        recognizer = _trained(trained_on, Path(directory), thresholds, parameters)
        return score(scored_on, partial(found_spans, recognizer=recognizer))


def _trained(
    sentences: Sequence[Sentence],
    directory: Path,
    thresholds: dict[str, float] | None,
    parameters: dict[str, float] | None,
) -> CrfRecognizer:
    model = directory / "held-out.crfsuite"
    train(sentences, model, parameters)
    return CrfRecognizer(model, thresholds=thresholds)


def development(
    sentences: list[Sentence],
    thresholds: dict[str, float] | None = None,
    parameters: dict[str, float] | None = None,
) -> tuple[Scores, Scores]:
    """Scores on the development split (`conll.dev_split`) of a model trained on the tuning part:
    sentence by sentence, then read as articles of `evaluate.ARTICLE` contiguous sentences, the
    way the app reads an article (one model scores both)."""
    tuning, dev = conll.dev_split(sentences)
    with tempfile.TemporaryDirectory() as directory:
        recognizer = _trained(tuning, Path(directory), thresholds, parameters)
        return (
            score(dev, partial(found_spans, recognizer=recognizer)),
            score_articles(dev, partial(document_spans, recognizer=recognizer)),
        )


def crossval(
    sentences: Sequence[Sentence],
    folds: int,
    thresholds: dict[str, float] | None = None,
    parameters: dict[str, float] | None = None,
    progress: Progress | None = None,
) -> Scores:
    """k-fold cross-validation over `sentences`, each fold scored by a model trained on the others."""
    total = Scores()
    size = -(-len(sentences) // folds)
    for k in range(folds):
        held = sentences[k * size : (k + 1) * size]
        rest = [*sentences[: k * size], *sentences[(k + 1) * size :]]
        fold = held_out(rest, held, thresholds, parameters)
        if progress is not None:
            p, r, f = fold.prf(("PER", "LOC", "ORG"))
            progress(f"fold {k + 1}/{folds}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        total.add(fold)
    return total


def sweep(
    sentences: Sequence[Sentence],
    folds: int,
    grid: Sequence[float],
    progress: Progress | None = None,
) -> dict[tuple[str, float], Scores]:
    """Cross-validated scores of each type's threshold set to each value of `grid`, the other types'
    kept at `THRESHOLDS`: one model per fold, each scored once per setting (tagging is cheap)."""
    total: dict[tuple[str, float], Scores] = {}
    size = -(-len(sentences) // folds)
    with tempfile.TemporaryDirectory() as directory:
        for k in range(folds):
            held = sentences[k * size : (k + 1) * size]
            model = Path(directory) / f"fold{k}.crfsuite"
            train([*sentences[: k * size], *sentences[(k + 1) * size :]], model)
            for kind in ("PER", "LOC", "ORG"):
                for value in grid:
                    recognizer = CrfRecognizer(model, thresholds={**THRESHOLDS, kind: value})
                    scores = score(held, partial(found_spans, recognizer=recognizer))
                    total.setdefault((kind, value), Scores()).add(scores)
            if progress is not None:
                progress(f"fold {k + 1}/{folds} swept")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("conll", nargs="?", type=Path, default=DEFAULT_DATA.resolve())
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dev", action="store_true", help="score the development split, then cross-validate the rest")
    parser.add_argument(
        "--threshold", type=float, help=f"one confidence threshold for every type (default {THRESHOLDS})"
    )
    parser.add_argument(
        "--sweep", action="store_true", help="cross-validate each type's threshold over a grid, on the first 80%% only"
    )
    parser.add_argument("--c1", type=float, help="L1 weight (default: train.PARAMETERS)")
    parser.add_argument("--c2", type=float, help="L2 weight (default: train.PARAMETERS)")
    args = parser.parse_args(argv)
    parameters: dict[str, float] = {k: v for k, v in (("c1", args.c1), ("c2", args.c2)) if v is not None}
    started = time.perf_counter()
    thresholds = None if args.threshold is None else dict.fromkeys(THRESHOLDS, args.threshold)
    sentences = conll.read(args.conll)
    if args.dev and not args.sweep:
        by_sentence, by_article = development(sentences, thresholds, parameters)
        print(
            by_sentence.table(),
            f"\n# read as articles of {ARTICLE} sentences",
            by_article.table(),
            sep="\n",
            flush=True,
        )
    if args.dev or args.sweep:
        sentences = conll.dev_split(sentences)[0]
    if args.sweep:
        grid = [round(0.3 + 0.1 * i, 1) for i in range(6)]
        for (kind, value), scores in sweep(sentences, args.folds, grid, print).items():
            p, r, f = scores.prf((kind,))
            mp, mr, mf = scores.prf(("PER", "LOC", "ORG"))
            print(f"{kind} {value:.2f}: {kind} P {p:.3f} R {r:.3f} F1 {f:.3f}; micro P {mp:.3f} R {mr:.3f} F1 {mf:.3f}")
        return 0
    total = crossval(sentences, args.folds, thresholds, parameters, lambda line: print(line, flush=True))
    print(total.table())
    print(f"in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
