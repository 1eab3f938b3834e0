"""Organisation names read as phrases: a head such as `منظمة` and the definite words after it.

A CRF sees two words either side, so it often cuts a long name short (`منظمة الأمن` of
`منظمة الأمن والتعاون في أوروبا`); the heads in `data/org_phrase_heads.txt` begin a name so
reliably that reading on to the end of the phrase is the better guess, short of a last place
adjective (`جامعة السوربون الفرنسية` is `جامعة السوربون`).
"""

from __future__ import annotations

from reader.entities.lexicon import Lexicon
from reader.entities.tokens import Token, is_word

_PLACE_KINDS = frozenset({"country", "continent", "region", "city-big", "city"})


def org_phrases(tokens: list[Token], lexicon: Lexicon, cores: list[str]) -> list[tuple[int, int]]:
    """(first token, last token) of each organisation phrase; `cores` are the words without proclitics."""
    found: list[tuple[int, int]] = []
    heads = lexicon.org_phrase_heads
    if heads.keys().isdisjoint(cores):
        return found
    n = len(tokens)
    i = 0
    while i < n:
        head = cores[i]
        needs = lexicon.org_phrase_heads.get(head)
        if needs is None:
            i += 1
            continue
        last, definite, bare, placed = i, 0, 0, False
        j = i + 1
        while j < n:
            word = tokens[j].folded
            if not is_word(word) or (word in lexicon.function_words and word != "في"):
                break
            if word in lexicon.titles or (word[:1] == "و" and word[1:] in lexicon.titles):
                break  # a person's title begins what follows the name: `حزب الله السيد حسن نصر الله`
            if word.startswith("ال") and len(word) > 3:
                definite += 1
                placed = placed or word in lexicon.nisba or word in lexicon.places
                last = j
            elif word.startswith("وال") and definite:
                if word[1:] in lexicon.org_heads or word[1:] in heads:
                    break  # `جامعة القاهرة والجامعة الأمريكية` is two universities
                definite += 1
                placed = placed or word[1:] in lexicon.nisba
                last = j
            elif word.startswith("لل") and len(word) > 4 and definite:
                definite += 1  # `منظمة الأقطار المصدرة للنفط`
                last = j
            elif word == "في" and definite and j + 1 < n and needs != "adjective":
                # `منظمة الأمن والتعاون في أوروبا`; but `الاتحاد الأفريقي في دارفور` is the union, in Darfur
                place = lexicon.places.get(cores[j + 1])
                if place is not None and place.kind in _PLACE_KINDS:
                    last, placed = j + 1, True
                break
            elif (
                not definite
                and not bare
                and not word.startswith("و")  # a conjunction: `المنظمة ووزارة الصحة`
                and j + 1 < n
                and tokens[j + 1].folded.startswith("ال")
            ):
                bare = 1
            else:
                break
            j += 1
        if definite and (placed or needs != "adjective"):
            if needs != "adjective" and last - i >= 2 and tokens[last].folded in lexicon.nisba:
                # A place adjective after the name says where the body is, as ANERcorp tags it
                # (`حزب الله اللبناني` is `حزب الله`); a head that needs one keeps it.
                last -= 1
            found.append((i, last))
            i = last + 1
        else:
            i += 1
    return found
