"""The seam for recognisers: what one must offer, and how `--ner NAME` finds it.

A recogniser only finds spans; keys, offsets per paragraph and output are the same for all of
them. `crf` is built in. Another is named `module:Class` (e.g. a CAMeL Tools wrapper a user has
written), or registered by an installed package under the `reader.recognizers` entry point.
"""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol, TypeGuard

from reader.errors import ReaderError
from reader.types import EntityType

DEFAULT = "crf"
_BUILT_IN = {"crf": "reader.entities.crf:CrfRecognizer"}


class RecognizerUnavailable(ReaderError):
    """A recogniser that cannot run here: its package or its data is missing."""


@dataclass(frozen=True, slots=True)
class Span:
    """A mention a recogniser found: `text[start:end]`, without proclitics, and its type."""

    start: int
    end: int
    type: EntityType


class Recognizer(Protocol):
    """Finds the named-entity mentions of a logical text. Must be safe to call from any thread."""

    name: str

    def spans(self, text: str) -> list[Span]: ...


class ScoredRecognizer(Recognizer, Protocol):
    """A recogniser that can also say how sure it is of each mention (optional: the built-in CRF
    does). An article's sure mentions then vouch for the same name where it was less sure
    (`consistency.agree`); a recogniser without `scored` has its spans taken as they are."""

    thresholds: dict[str, float]  # per type, the confidence a mention needs on its own

    def scored(self, text: str, thresholds: dict[str, float] | None = None) -> list[tuple[Span, float]]:
        """Each mention whose confidence reaches `thresholds` (every one when None), with that confidence."""
        ...


def scores(recognizer: Recognizer) -> TypeGuard[ScoredRecognizer]:
    """Whether `recognizer` offers `scored` and `thresholds`. Two look-ups: `isinstance` against a
    runtime-checkable protocol took 87 us, and this is asked on every call that finds entities."""
    return callable(getattr(recognizer, "scored", None)) and isinstance(getattr(recognizer, "thresholds", None), dict)


_loaded: dict[str, Recognizer] = {}
_lock = threading.Lock()
_selected = DEFAULT


def _target(name: str) -> str:
    if name in _BUILT_IN:
        return _BUILT_IN[name]
    if ":" in name:
        module, _, attribute = name.partition(":")
        if not all(part.isidentifier() for part in module.split(".")) or not attribute.isidentifier():
            raise RecognizerUnavailable(f"not a recogniser name: {name!r} (say crf, a plug-in's name, or module:Class)")
        return name
    for entry in entry_points(group="reader.recognizers"):
        if entry.name == name:
            return entry.value
    known = ", ".join(sorted({*_BUILT_IN, *(e.name for e in entry_points(group="reader.recognizers"))}))
    raise RecognizerUnavailable(f"unknown recogniser {name!r} (known: {known}; or module:Class)")


def get(name: str = DEFAULT) -> Recognizer:
    """The recogniser called `name`, loaded on first use and shared afterwards."""
    recognizer = _loaded.get(name)
    if recognizer is not None:
        return recognizer
    with _lock:
        if name not in _loaded:
            module_name, _, attribute = _target(name).partition(":")
            try:
                module = importlib.import_module(module_name)
            except ImportError as error:
                raise RecognizerUnavailable(
                    f"recogniser {name!r} needs a package that is not installed: {error}"
                ) from error
            factory = getattr(module, attribute, None)
            if factory is None:
                raise RecognizerUnavailable(f"recogniser {name!r}: {module_name} has no {attribute}")
            # Only a class is called, and only an object with `spans` kept: `reader.cli:main` or
            # `json:JSONDecoder` named by mistake must be one line, not a run of some other program.
            if not isinstance(factory, type):
                raise RecognizerUnavailable(f"recogniser {name!r}: {attribute} is not a class")
            recognizer = factory()
            if not callable(getattr(recognizer, "spans", None)):
                raise RecognizerUnavailable(f"recogniser {name!r}: {attribute} has no spans(text) method")
            _loaded[name] = recognizer
        return _loaded[name]


def select(name: str) -> Recognizer:
    """Make `name` the recogniser used when none is given (`--ner NAME`); loads it now, so that a
    missing package or model is reported before any work starts."""
    global _selected  # noqa: PLW0603 - one choice for the whole process, made once by the CLI
    recognizer = get(name)
    _selected = name
    return recognizer


def selected() -> Recognizer:
    """The recogniser chosen by `select`, or the built-in one."""
    return get(_selected)
