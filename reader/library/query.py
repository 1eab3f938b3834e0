"""The search query language: words (all must match), "phrases", -word and prefix*.

A query is parsed into terms, and each term into the index terms it may match
(`reader.library.terms`): a word matches its stem in any clitic form, a prefix matches every
index term starting with it (behind any clitic), a phrase matches its words' stems in a row (the
first word in any clitic form, the others as the index keeps them: with or without ال). The FTS5
expression is built from quoted strings only, so nothing a user types is FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from reader.errors import UsageError
from reader.library.terms import query_stems, stem, without_article, words

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_CLITIC_FORMS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل", "بال", "كال", "لل"))
_MAX_PHRASES = 64


class QueryError(UsageError):
    """A query that asks for nothing: empty, or only words to exclude."""


@dataclass(frozen=True, slots=True)
class Term:
    """One part of a query: `choices` are index terms (a phrase: one tuple of them per way it may be written)."""

    kind: str  # "word", "prefix" or "phrase"
    choices: tuple[tuple[str, ...], ...]
    negated: bool = False

    def fts(self) -> str:
        if self.kind == "prefix":
            return "(" + " OR ".join(f'"{choice[0]}" *' for choice in self.choices) + ")"
        return "(" + " OR ".join('"' + " ".join(choice) + '"' for choice in self.choices) + ")"

    def matches(self, stems: list[str]) -> list[tuple[int, int]]:
        """Where this term matches a block's stems: (first word, word after the last)."""
        if self.kind == "prefix":
            starts = tuple(choice[0] for choice in self.choices)
            return [(i, i + 1) for i, word in enumerate(stems) if word.startswith(starts)]
        firsts = {choice[0] for choice in self.choices}
        rests = {choice[1:] for choice in self.choices}
        size = len(self.choices[0])
        return [
            (i, i + size)
            for i, word in enumerate(stems)
            if word in firsts and (size == 1 or tuple(stems[i + 1 : i + size]) in rests)
        ]

    def may_be_in(self, terms: str) -> bool:
        """False when a block whose terms are the string `terms` cannot hold this term: none of its
        choices' first words is a substring of it (a quick test before `found_in`)."""
        return any(choice[0] in terms for choice in self.choices)

    def found_in(self, stems: set[str]) -> bool:
        """Whether a block with these stems may hold this term (every word of it there)."""
        if self.kind == "prefix":
            starts = tuple(choice[0] for choice in self.choices)
            return any(word.startswith(starts) for word in stems)
        return any(all(word in stems for word in choice) for choice in self.choices)


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...]

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if not term.negated)

    def fts(self) -> str:
        """The FTS5 MATCH expression: every positive term, none of the negated ones."""
        expression = " AND ".join(term.fts() for term in self.positive)
        negated = [term.fts() for term in self.terms if term.negated]
        if negated:
            expression += " NOT (" + " OR ".join(negated) + ")"
        return expression


def parse(text: str) -> Query:
    terms: list[Term] = []
    for match in _TOKEN.finditer(text):
        quoted_negation, phrase, bare = match.groups()
        if phrase is not None:
            term = _phrase(words(phrase), bool(quoted_negation))
        else:
            negated = bare.startswith("-") and len(bare) > 1
            body = bare[1:] if negated else bare
            if body.endswith("*") and len(words(body)) == 1:
                term = _prefix(words(body)[0], negated)
            else:
                term = _phrase(words(body), negated)  # a token such as al-Quds is its words in a row
        if term is not None:
            terms.append(term)
    query = Query(tuple(terms))
    if not query.positive:
        raise QueryError(
            "the query has no word to look for" if not terms else "the query only excludes words: add one to look for"
        )
    return query


def _prefix(word: str, negated: bool) -> Term:
    bare = without_article(word)
    return Term("prefix", tuple((form + bare,) for form in _CLITIC_FORMS), negated)


def _phrase(folded: list[str], negated: bool) -> Term | None:
    if not folded:
        return None
    if len(folded) == 1:
        return Term("word", tuple((choice,) for choice in query_stems(folded[0])), negated)
    ways = [query_stems(folded[0]), *((stem(word),) for word in folded[1:])]
    combinations = list(product(*ways))[:_MAX_PHRASES]
    return Term("phrase", tuple(combinations), negated)
