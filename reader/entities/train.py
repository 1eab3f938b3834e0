"""Train the built-in CRF from an ANERcorp-style CoNLL file: `python -m reader.entities.train`.

The defaults are what the shipped `data/anercorp.crfsuite` was made with; training on the whole
ANERcorp training portion takes about a minute on one core.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pycrfsuite

from reader.entities import conll
from reader.entities.crf import MODEL, attributes_file, common_file
from reader.entities.features import Featurizer, names
from reader.entities.lexicon import shared
from reader.entities.tokens import tokenize

DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ner" / "anercorp-train.conll"
PARAMETERS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 120,
    "feature.possible_transitions": True,
    "feature.possible_states": True,
}
# Words seen this often in the training text are common; the rest are flagged `rare`, which is how
# the model learns what a word it has never seen (most often a name) tends to be.
COMMON = 5


def train(sentences: Iterable[conll.Sentence], model: Path, parameters: dict[str, float] | None = None) -> None:
    """Fit a CRF on `sentences` and write it to `model`."""
    sentences = list(sentences)
    counts = Counter(token.folded for sentence in sentences for token in tokenize(sentence.text))
    common = sorted(word for word, n in counts.items() if n >= COMMON)
    featurizer = Featurizer(shared(), names, common=frozenset(common))
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        tokens, labels = conll.training_sequence(sentence)
        if tokens:
            trainer.append(featurizer.sentence(tokens), labels)
    trainer.set_params({**PARAMETERS, **(parameters or {})})
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    attributes = sorted({attribute for attribute, _ in tagger.info().state_features})
    attributes_file(model).write_text("".join(a + "\n" for a in attributes), encoding="utf-8")
    common_file(model).write_text("".join(word + "\n" for word in common), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("conll", nargs="?", type=Path, default=DEFAULT_DATA.resolve())
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    train(conll.read(args.conll), args.out)
    size = args.out.stat().st_size
    print(f"{args.out}: {size / 1e6:.1f} MB in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
