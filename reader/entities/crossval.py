"""k-fold cross-validation of the built-in CRF: `python -m reader.entities.crossval [FILE] [--folds 5]`.

Each fold's model is trained on the other folds only, in a temporary directory, and scored through
`find_entities`'s own path (tokenise, tag, trim proclitics), so no figure comes from text the model
learned from. Folds are contiguous blocks of sentences, since neighbouring sentences share names.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from functools import partial
from pathlib import Path

from reader.entities import conll
from reader.entities.crf import THRESHOLDS, CrfRecognizer
from reader.entities.evaluate import Scores, found_spans, score
from reader.entities.train import DEFAULT_DATA, train


def crossval(
    path: Path,
    folds: int,
    thresholds: dict[str, float] | None = None,
    parameters: dict[str, float] | None = None,
) -> Scores:
    sentences = conll.read(path)
    total = Scores()
    size = -(-len(sentences) // folds)
    with tempfile.TemporaryDirectory() as directory:
        for k in range(folds):
            held = sentences[k * size : (k + 1) * size]
            rest = sentences[: k * size] + sentences[(k + 1) * size :]
            model = Path(directory) / f"fold{k}.crfsuite"
            train(rest, model, parameters)
            recognizer = CrfRecognizer(model, thresholds=thresholds)
            fold = score(held, partial(found_spans, recognizer=recognizer))
            p, r, f = fold.prf(("PER", "LOC", "ORG"))
            print(f"fold {k + 1}/{folds}: P {p:.3f} R {r:.3f} F1 {f:.3f}", flush=True)
            total.add(fold)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("conll", nargs="?", type=Path, default=DEFAULT_DATA.resolve())
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--threshold", type=float, help=f"one confidence threshold for every type (default {THRESHOLDS})"
    )
    parser.add_argument("--c1", type=float, help="L1 weight (default: train.PARAMETERS)")
    parser.add_argument("--c2", type=float, help="L2 weight (default: train.PARAMETERS)")
    args = parser.parse_args(argv)
    parameters = {k: v for k, v in (("c1", args.c1), ("c2", args.c2)) if v is not None}
    started = time.perf_counter()
    thresholds = None if args.threshold is None else dict.fromkeys(THRESHOLDS, args.threshold)
    total = crossval(args.conll, args.folds, thresholds, parameters)
    print(total.table())
    print(f"{args.folds}-fold cross-validation in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
