"""CRF features of a tokenised sentence: a few cheap ones per word, cached per spelling.

What a word says about itself (its spelling, affixes, proclitics, and whether it is a title, an
organisation head, a place adjective, a given name, a verb of speech, a listed place, or rare in the
training text) depends on the word alone, so it is computed once per distinct spelling, and kept
encoded as the tagger takes it: UTF-8 names in tuples for crfsuite's Python API (`names`, training),
or crfsuite's own attribute records (`reader.entities.crfsuite_c`, tagging), made once per spelling
so that no feature name is converted or looked up again. Only the lookups of multi-word places and names
depend on the position. A feature a word has alone belongs in `flags` or `_compute`; one that
depends on the position is added to a token's features in `read`, encoded by `_encoded_one`.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Generic, Protocol, TypeVar

from reader.entities.lexicon import SURNAME, Lexicon
from reader.entities.tokens import Token, is_word, proclitic_splits

_CONTEXT = (-2, -1, 1, 2)
_AROUND = tuple(f"{offset}:c=" for offset in _CONTEXT)
_MAYBE_PROCLITIC = frozenset("وفبلك")
_EDGE = ((), *((f"{offset}:edge".encode(),) for offset in _CONTEXT))  # the slots of a place past the sentence
_CACHE_LIMIT = 300_000
_FOLDED = itemgetter(3)  # a Token's folded spelling, for C-level maps
_CORE = itemgetter(5)  # a `word` entry's core

# A token's features as the tagger takes them: a tuple of UTF-8 names, or crfsuite's attribute
# records in one bytes string. Either way a token's features are its slots joined by `+`.
Encoded = TypeVar("Encoded", bound="_Joined")
_Entry = TypeVar("_Entry")


class _Joined(Protocol):
    def __add__(self: Encoded, other: Encoded, /) -> Encoded: ...


def names(features: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """Features as their UTF-8 names, for crfsuite's Python API (training takes them so)."""
    return features


class _Cache(dict[str, _Entry]):
    """Spelling -> what `compute` makes of it, computed on first use (a plain dict's look-up, so
    that a sentence's words are looked up in one C-level map); emptied when it holds too many."""

    def __init__(self, compute: Callable[[str], _Entry]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: str) -> _Entry:
        found = self._compute(key)
        if len(self) > _CACHE_LIMIT:
            self.clear()
        self[key] = found
        return found


class Featurizer(Generic[Encoded]):
    """Turns sentences into crfsuite feature lists; safe to share between threads."""

    def __init__(
        self,
        lexicon: Lexicon,
        encode: Callable[[tuple[bytes, ...]], Encoded],
        attributes: frozenset[str] | None = None,
        common: frozenset[str] | None = None,
    ) -> None:
        self.lexicon = lexicon
        # Features given as UTF-8 names, in the form the tagger takes (`names`, or a model's records).
        self.encode: Callable[[tuple[bytes, ...]], Encoded] = encode
        # Words common in the training text: any other word is flagged `rare` (see train.COMMON).
        self.common = common
        # The features a model has weights for: handing crfsuite only those makes tagging faster.
        self.attributes = attributes
        self._core = _Cache(self.split)
        self._around: dict[tuple[str, ...], list[tuple[bytes, ...]]] = {}
        self._words: _Cache[tuple] = _Cache(self._compute)  # type: ignore[type-arg]  # (own, 4 neighbours' features, core), encoded: see `word`
        self._listed, self._pairs = _listed(lexicon)
        self._edge = (*map(encode, _EDGE), "")  # a `word` entry for the places past either end
        self._one: dict[bytes, Encoded] = {}

    def core(self, folded: str) -> tuple[str, str]:
        """(proclitics, the word without them), cached: see `split`."""
        return self._core[folded]

    def split(self, folded: str) -> tuple[str, str]:
        """(proclitics, the word without them): `وبيلاروسيا` -> (`و`, `بيلاروسيا`).

        A split is taken only when what remains is known or carries the article, so that `بكر`
        and `وليد` stay whole.
        """
        lexicon = self.lexicon
        if folded in lexicon.places or folded in lexicon.names or folded in lexicon.given_names:
            return "", folded
        for used, rest in proclitic_splits(folded):
            # `ال` and at least three letters: `وكالة` is not و + ك + `الة`
            definite = rest.startswith("ال") and len(rest) >= 5
            if definite or rest in lexicon.places or rest in lexicon.names:
                return folded[:used], rest
            if rest in lexicon.titles or rest in lexicon.org_heads or rest in lexicon.nisba:
                return folded[:used], rest
            if rest in lexicon.speech_verbs or rest in lexicon.given_names:
                return folded[:used], rest
        return "", folded

    def flags(self, folded: str) -> list[str]:
        """What a word says about itself, beyond its spelling: the features its neighbours see."""
        if not is_word(folded):
            return ["punct"]
        if folded.isdigit():
            return ["digit"]
        lexicon = self.lexicon
        proclitic, core = self.core(folded)
        flags = []
        if proclitic:
            flags.append("pre=" + proclitic)
        if core.startswith("ال"):
            flags.append("al")
        if folded in lexicon.function_words or core in lexicon.function_words:
            flags.append("function")
        cues = lexicon.cues.get(core)
        if cues is not None:
            flags += cues
        place = lexicon.places.get(core)
        if place is not None:
            flags.append("place=" + place.kind)
        name = lexicon.names.get(core)
        if name is not None:
            flags.append("name=" + name)
        if self.common is not None and folded not in self.common:
            flags.append("rare")
        if len(core) >= 5 and core.endswith(SURNAME):
            flags.append("surname")
        return flags

    def _known(self, features: list[str]) -> tuple[bytes, ...]:
        """The features the model weighs, in UTF-8 since pycrfsuite would encode a str on every
        call; a tuple, which the garbage collector stops tracking, since caches keep thousands."""
        attributes = self.attributes
        return tuple([f.encode() for f in features if attributes is None or f in attributes])

    def _compute(self, folded: str) -> tuple:  # type: ignore[type-arg]  # the shape `word` documents
        proclitic, core = self.core(folded)
        flags = self.flags(folded)
        own = ["bias", "w=" + folded, "c=" + core, "p3=" + core[:3], "s3=" + core[-3:]]
        own += ["s2=" + core[-2:], "s1=" + core[-1:], "p2=" + core[:2], "s4=" + core[-4:]]
        own.append("len=" + str(min(len(core), 8)))
        if len(core) >= 5:
            # Names spelled from other languages carry more long vowels than Arabic words do.
            vowels = core.count("ا") + core.count("و") + core.count("ي")
            own.append("vr=" + str(min(vowels * 10 // len(core), 6)))
        if not proclitic and core[:1] in _MAYBE_PROCLITIC and len(core) >= 5:
            # Perhaps a proclitic on a word no list knows: `ولافروف`.
            own += ["m=" + core[1:], "mp3=" + core[1:4], "mp=" + core[0]]
        own += flags
        # Flags come from a small set, so their neighbour forms (`-1:title`) are made once.
        flag_set = tuple(flags)
        around = self._around.get(flag_set)
        if around is None:
            around = [self._known([f"{offset}:{flag}" for flag in flag_set]) for offset in _CONTEXT]
            self._around[flag_set] = around
        attributes = self.attributes
        neighbours = []
        for prefix, flagged in zip(_AROUND, around, strict=True):
            word = prefix + core
            known = attributes is None or word in attributes
            neighbours.append((word.encode(), *flagged) if known else flagged)
        return (*map(self.encode, (self._known(own), *neighbours)), core)

    def phrases(self, words: list[str], cores: list[str]) -> dict[int, bytes]:
        """The feature of the listed multi-word place or name covering a position, by position.

        `cores` are the words without proclitics: `وروسيا البيضاء` is `روسيا البيضاء`.
        """
        starts = self.lexicon.starts
        listed = self._listed
        pairs = self._pairs
        found: dict[int, bytes] = {}
        n = len(words)
        covered = 0  # listed phrases do not overlap: a match is read to its end
        for i in [i for i, core in enumerate(cores) if core in starts]:
            # Most first words of a listed phrase are not followed by its second: one look-up says so
            # (unless folding put a space inside that word, as it does in a ligature such as U+FDFA).
            if i < covered or i + 1 == n:
                continue
            if cores[i] + " " + words[i + 1] not in pairs and " " not in words[i + 1]:
                continue
            for length in starts[cores[i]]:
                if length <= n - i:
                    hit = listed.get(" ".join((cores[i], *words[i + 1 : i + length])))
                    if hit is not None:
                        found[i] = hit[0]
                        for j in range(i + 1, i + length):
                            found[j] = hit[1]
                        covered = i + length
                        break
        return found

    def word(self, folded: str) -> tuple:  # type: ignore[type-arg]  # 5 encoded slots and a str, built by a star: mypy cannot count it
        """A word's own features, what it tells its neighbours at -2, -1, +1, +2 (each encoded), and its core."""
        return self._words[folded]

    def sentence(self, tokens: list[Token]) -> list[Encoded]:
        """The features of every token of one sentence, encoded for the tagger (see `Encoded`)."""
        return self.read(tokens)[0]

    def read(self, tokens: list[Token]) -> tuple[list[Encoded], list[str]]:
        """The features of one sentence, and its words without proclitics, which the recogniser
        reads next (made here, where each word's cache entry is at hand)."""
        words = list(map(_FOLDED, tokens))
        edge = self._edge
        # Padded with the sentence edges so that every token has four neighbours; a word's slot 1
        # is what it says two places before the token, slot 2 one place before, and so on. The
        # words are looked up in one C-level map: only a new one runs Python code (`_compute`).
        known = [edge, edge, *map(self._words.__getitem__, words), edge, edge]
        out = [
            own[0] + before2[1] + before[2] + after[3] + after2[4]
            for before2, before, own, after, after2 in zip(
                known, known[1:], known[2:], known[3:], known[4:], strict=False
            )
        ]
        cores = list(map(_CORE, known[2:-2]))
        if not self.lexicon.starts.keys().isdisjoint(cores):
            for i, feature in self.phrases(words, cores).items():
                out[i] = out[i] + self._encoded_one(feature)
        return out, cores

    def _encoded_one(self, feature: bytes) -> Encoded:
        """One feature given at a position (not a word's own), encoded once. Like the phrases it
        is handed over whether or not the model weighs it: the tagger skips one it does not know."""
        found = self._one.get(feature)
        if found is None:
            found = self._one[feature] = self.encode((feature,))
        return found


def _listed(lexicon: Lexicon) -> tuple[dict[str, tuple[bytes, bytes]], frozenset[str]]:
    """The listed multi-word places and names with their features (`B-list=KIND`, `I-list=KIND`,
    a name's kind before a place's, as `Lexicon.phrase` reads them), and their first two words."""
    kinds = {text: place.kind for text, place in lexicon.places.items() if " " in text}
    kinds.update({text: kind for text, kind in lexicon.names.items() if " " in text})
    listed = {text: (f"B-list={kind}".encode(), f"I-list={kind}".encode()) for text, kind in kinds.items()}
    return listed, frozenset(" ".join(text.split(" ")[:2]) for text in listed)
