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
_CACHE_LIMIT = 300_000


class Featurizer:
    """Turns sentences into crfsuite feature lists; safe to share between threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._own: dict[str, list[str]] = {}
        self._context: dict[tuple[str, int], list[str]] = {}
        self._core: dict[str, tuple[str, str]] = {}

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

    def own(self, folded: str) -> list[str]:
        features = self._own.get(folded)
        if features is None:
            proclitic, core = self.core(folded)
            features = ["bias", "w=" + folded, "c=" + core, "p3=" + core[:3], "s3=" + core[-3:]]
            features += ["s2=" + core[-2:], "s1=" + core[-1:], "p2=" + core[:2], "s4=" + core[-4:]]
            features.append("len=" + str(min(len(core), 8)))
            if not proclitic and core[:1] in _MAYBE_PROCLITIC and len(core) >= 5:
                # Perhaps a proclitic on a word no list knows: `ولافروف`.
                features += ["m=" + core[1:], "mp3=" + core[1:4], "mp=" + core[0]]
            features.extend(self.flags(folded))
            if len(self._own) > _CACHE_LIMIT:
                self._own.clear()
            self._own[folded] = features
        return features

    def context(self, folded: str, offset: int) -> list[str]:
        features = self._context.get((folded, offset))
        if features is None:
            prefix = f"{offset}:"
            _, core = self.core(folded)
            features = [prefix + "c=" + core]
            if abs(offset) <= 2:
                features.extend(prefix + flag for flag in self.flags(folded))
            if len(self._context) > _CACHE_LIMIT:
                self._context.clear()
            self._context[(folded, offset)] = features
        return features

    def phrases(self, words: list[str]) -> list[list[str]]:
        """Per position, the features of listed multi-word places and names covering it."""
        lexicon = self.lexicon
        found: list[list[str]] = [[] for _ in words]
        n = len(words)
        i = 0
        while i < n:
            matched = 0
            first = self.core(words[i])[1]
            if first not in lexicon.starts:
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

    def sentence(self, tokens: list[Token]) -> list[list[str]]:
        """The feature list of every token of one sentence."""
        words = [token.folded for token in tokens]
        phrases = self.phrases(words)
        n = len(words)
        out = []
        for i, word in enumerate(words):
            features = self.own(word) + phrases[i]
            for offset in _CONTEXT:
                j = i + offset
                if 0 <= j < n:
                    features += self.context(words[j], offset)
                else:
                    features.append(f"{offset}:edge")
            out.append(features)
        return out
