"""CRF features of a tokenised sentence: a few cheap ones per word, cached per spelling.

What a word says about itself (its spelling, affixes, proclitics, and whether it is a title, an
organisation head, a place adjective or a listed place) depends on the word alone, so it is
computed once per distinct spelling. Only the lookups of multi-word places and names depend on
the position.
"""

from __future__ import annotations

from reader.entities.lexicon import SURNAME, Lexicon
from reader.entities.tokens import Token, is_word, proclitic_splits

_CONTEXT = (-2, -1, 1, 2)
_MAYBE_PROCLITIC = frozenset("وفبلك")
_EDGE = ([], *([f"{offset}:edge"] for offset in _CONTEXT))
_CACHE_LIMIT = 300_000


class Featurizer:
    """Turns sentences into crfsuite feature lists; safe to share between threads."""

    def __init__(self, lexicon: Lexicon, attributes: frozenset[str] | None = None) -> None:
        self.lexicon = lexicon
        # The features a model has weights for: handing crfsuite only those makes tagging faster.
        self.attributes = attributes
        self._core: dict[str, tuple[str, str]] = {}
        self._words: dict[str, tuple[list[str], ...]] = {}

    def core(self, folded: str) -> tuple[str, str]:
        """(proclitics, the word without them), cached: see `split`."""
        found = self._core.get(folded)
        if found is None:
            found = self.split(folded)
            if len(self._core) > _CACHE_LIMIT:
                self._core.clear()
            self._core[folded] = found
        return found

    def split(self, folded: str) -> tuple[str, str]:
        """(proclitics, the word without them): `وبيلاروسيا` -> (`و`, `بيلاروسيا`).

        A split is taken only when what remains is known or carries the article, so that `بكر`
        and `وليد` stay whole.
        """
        lexicon = self.lexicon
        if folded in lexicon.places or folded in lexicon.names:
            return "", folded
        for used, rest in proclitic_splits(folded):
            if rest.startswith("ال") or rest in lexicon.places or rest in lexicon.names:
                return folded[:used], rest
            if rest in lexicon.titles or rest in lexicon.org_heads or rest in lexicon.nisba:
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
        if core in lexicon.given_names:
            flags.append("given")
        if core in lexicon.titles:
            flags.append("title")
        if core in lexicon.org_heads:
            flags.append("orghead")
        if core in lexicon.nisba:
            flags.append("nisba")
        place = lexicon.places.get(core)
        if place is not None:
            flags.append("place=" + place.kind)
        name = lexicon.names.get(core)
        if name is not None:
            flags.append("name=" + name)
        if len(core) >= 5 and SURNAME.search(core):
            flags.append("surname")
        return flags

    def _known(self, features: list[str]) -> list[str]:
        if self.attributes is None:
            return features
        return [f for f in features if f in self.attributes]

    def _compute(self, folded: str) -> tuple[list[str], ...]:
        proclitic, core = self.core(folded)
        flags = self.flags(folded)
        own = ["bias", "w=" + folded, "c=" + core, "p3=" + core[:3], "s3=" + core[-3:]]
        own += ["s2=" + core[-2:], "s1=" + core[-1:], "p2=" + core[:2], "s4=" + core[-4:]]
        own.append("len=" + str(min(len(core), 8)))
        if not proclitic and core[:1] in _MAYBE_PROCLITIC and len(core) >= 5:
            # Perhaps a proclitic on a word no list knows: `ولافروف`.
            own += ["m=" + core[1:], "mp3=" + core[1:4], "mp=" + core[0]]
        own += flags
        neighbour = ["c=" + core, *flags]
        return (
            self._known(own),
            *(self._known([f"{offset}:{f}" for f in neighbour]) for offset in _CONTEXT),
        )

    def phrases(self, words: list[str]) -> list[list[str]]:
        """Per position, the features of listed multi-word places and names covering it."""
        lexicon = self.lexicon
        found: list[list[str]] = [[] for _ in words]
        n = len(words)
        starts = lexicon.starts
        for i, word in enumerate(words):
            if word in starts or self.core(word)[1] in starts:
                break
        else:
            return found
        while i < n:
            matched = 0
            first = self.core(words[i])[1]
            if first not in starts:
                i += 1
                continue
            for length in range(min(lexicon.longest, n - i), 1, -1):
                hit = lexicon.phrase((first, *words[i + 1 : i + length]))
                if hit is not None:
                    kind = hit[0]
                    found[i].append("B-list=" + kind)
                    for j in range(i + 1, i + length):
                        found[j].append("I-list=" + kind)
                    matched = length
                    break
            i += matched or 1
        return found

    def word(self, folded: str) -> tuple[list[str], ...]:
        """A word's own features, then what it tells its neighbours at -2, -1, +1, +2."""
        found = self._words.get(folded)
        if found is None:
            found = self._compute(folded)
            if len(self._words) > _CACHE_LIMIT:
                self._words.clear()
            self._words[folded] = found
        return found

    def sentence(self, tokens: list[Token]) -> list[list[str]]:
        """The feature list of every token of one sentence."""
        words = [token.folded for token in tokens]
        phrases = self.phrases(words)
        # Padded with the sentence edges so that every token has four neighbours.
        known = [_EDGE, _EDGE, *map(self.word, words), _EDGE, _EDGE]
        out = []
        for i in range(len(words)):
            # the word two before says what it is at offset -2 (slot 1), and so on
            out.append(
                known[i + 2][0]
                + phrases[i]
                + known[i][1]
                + known[i + 1][2]
                + known[i + 3][3]
                + known[i + 4][4]
            )
        return out
