"""The recogniser's word lists, read from `data/`: places, known names, titles, organisation heads.

Everything is stored folded (see `folding.fold_word`) so that spelling variants look the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.entities.folding import fold_word

DATA = Path(__file__).parent / "data"

# A kind's rank decides which place a shared name means: `عمان` is Oman before it is Amman.
_RANK = {"country": 4, "continent": 3, "region": 3, "city": 1}
_BIG_CITY = 1_000_000
_CITY = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    kind: str  # country, continent, region, city, city-big, city-small
    key: str  # the folded name of the place that all its spellings share


@dataclass(frozen=True, slots=True)
class Lexicon:
    places: dict[str, Place]
    names: dict[str, str]  # folded name -> entity type
    titles: frozenset[str]
    org_heads: frozenset[str]
    nisba: frozenset[str]  # folded adjectives of place: روسي، البيلاروسيه
    function_words: frozenset[str]
    given_names: frozenset[str]
    speech_verbs: frozenset[str]
    name_links: frozenset[str]
    org_phrase_heads: dict[str, str]  # folded head -> "adjective" or "-"
    starts: dict[str, tuple[int, ...]]  # first word of multi-word places and names -> their lengths
    cues: dict[str, tuple[str, ...]]  # word -> the lists above it is in: given, title, speech ...

    def phrase(self, words: tuple[str, ...]) -> tuple[str, str] | None:
        """(feature kind, type) for a known place or name spelled by `words`, else None."""
        text = " ".join(words)
        name = self.names.get(text)
        if name is not None:
            return name, name
        place = self.places.get(text)
        if place is not None:
            return place.kind, "LOC"
        return None


def _lines(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _phrase(name: str) -> str:
    return " ".join(fold_word(word) for word in name.split())


def _city_kind(population: int) -> str:
    if population >= _BIG_CITY:
        return "city-big"
    return "city" if population >= _CITY else "city-small"


def _nisba_forms(name: str) -> set[str]:
    """Adjectives of a one-word place name: روسيا -> روسي, الروسيه, الروسيين ..."""
    stem = name[2:] if name.startswith("ال") else name
    stems = {stem}
    if stem.endswith("يا"):
        stems.add(stem[:-2])
    if stem[-1:] in ("ا", "ه"):
        stems.add(stem[:-1])
    forms = set()
    for s in stems:
        if len(s) < 3:
            continue
        for ending in ("ي", "يه", "يون", "يين", "يان", "يتين"):
            forms.add(s + ending)
            forms.add("ال" + s + ending)
    return forms


def load(data: Path = DATA) -> Lexicon:
    """Read every list under `data`."""
    places: dict[str, tuple[int, int, Place]] = {}
    keys: dict[str, str] = {}
    for name, kind, key, population in _lines(data / "places.tsv"):
        folded = _phrase(name)
        keys.setdefault(key, folded)
        shown = _city_kind(int(population)) if kind == "city" else kind
        rank = (_RANK[kind], int(population))
        old = places.get(folded)
        if old is None or rank > old[:2]:
            places[folded] = (*rank, Place(shown, keys[key]))
    for name, kind, same in _lines(data / "variants.tsv"):
        target = places.get(_phrase(same))
        # A spelling of a listed place is that place, kind (a big city, a country) and all.
        place = target[2] if target else Place(kind, _phrase(same))
        places[_phrase(name)] = (_RANK[kind], 0, place)
    names = {_phrase(name): kind for name, kind in _lines(data / "names.tsv")}
    titles = frozenset(_phrase(line[0]) for line in _lines(data / "titles.txt"))
    heads = frozenset(_phrase(line[0]) for line in _lines(data / "org_heads.txt"))
    function_words = frozenset(_phrase(line[0]) for line in _lines(data / "function_words.txt"))
    given = frozenset(_phrase(line[0]) for line in _lines(data / "given_names.txt"))
    speech = frozenset(_phrase(line[0]) for line in _lines(data / "speech_verbs.txt"))
    links = frozenset(_phrase(line[0]) for line in _lines(data / "name_links.txt"))
    phrase_heads = {_phrase(head): needs for head, needs in _lines(data / "org_phrase_heads.txt")}
    nisba: set[str] = set()
    for folded, (kind_rank, _, _place) in places.items():
        if kind_rank >= _RANK["region"] and " " not in folded:
            nisba |= _nisba_forms(folded)
    nisba -= set(places)
    phrases = list(places) + list(names)
    return Lexicon(
        places={name: entry[2] for name, entry in places.items()},
        names=names,
        titles=titles,
        org_heads=heads,
        nisba=frozenset(nisba),
        function_words=function_words,
        given_names=given,
        speech_verbs=speech,
        name_links=links,
        org_phrase_heads=phrase_heads,
        starts=_starts(phrases),
        cues=_cues(given=given, title=titles, speech=speech, link=links, orghead=heads, nisba=frozenset(nisba)),
    )


def _cues(**lists: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Every listed word with the names of its lists, so that a word's cues are one look-up."""
    cues: dict[str, tuple[str, ...]] = {}
    for cue, words in lists.items():
        for word in words:
            cues[word] = (*cues.get(word, ()), cue)
    return cues


def _starts(phrases: list[str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        words = phrase.split()
        if len(words) > 1:
            lengths.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}


@lru_cache(maxsize=1)
def shared() -> Lexicon:
    """The lists under `data/`, read once per process."""
    return load()


# Endings of surnames spelled from Russian, Polish, Serbian, Ukrainian, Georgian, Armenian.
SURNAME = ("وف", "وفا", "يف", "ييف", "سكي", "سكايا", "يتش", "فيتش", "يفيتش", "ينكو", "شفيلي", "يان")
