"""Library-wide search: FTS5 ranks the articles (bm25, the title weighted above the body), and
each hit's best block gets a snippet with the matched words marked by offsets.

Only the newest WINDOW matches are ranked (README, "Ranking"): FTS5 reads a query's matches in
rowid order and stops when told, but bm25 has to score every row it sorts, so without the window
a word in most of the library costs a score per article. Up to WINDOW matches the order is bm25's
exactly (ties: the newer first).

Marks are offsets, never characters put into the text, so a writer chooses how to show them and
text that looks like a mark stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.library.query import Query, Term, parse
from reader.library.records import ArticleRow, Hit
from reader.library.store import _ROW_COLUMNS, _ROW_FROM, Library
from reader.library.terms import text_terms, word_offsets, word_spans

TITLE_WEIGHT = 4.0
# The most matches ranked: a query that matches more articles is ranked among the newest WINDOW
# of them (by when they were added; equal scores: the newer first). See `search`.
WINDOW = 2000
_BEFORE = 8  # words of context before the first match
_WORDS = 32  # words in a snippet
_ONE_LINE = str.maketrans(dict.fromkeys("\n\r\t\v\f\x85\u2028\u2029", " "))


def search(library: Library, text: str, *, limit: int = 20, entity_keys: list[str] | None = None) -> list[Hit]:
    """The best `limit` articles for query `text` (see reader.library.query) among its newest
    max(WINDOW, limit) matches, best first; with `entity_keys`, only among the articles that
    mention one of them."""
    query = parse(text)
    expression = _in_index(library, query)
    if expression is None:
        return []
    where = ""
    arguments: list[object] = [expression]
    if entity_keys is not None:
        marks = ", ".join("?" for _ in entity_keys)
        where = f" AND +rowid IN (SELECT article_id FROM mentions WHERE key IN ({marks}))"
        arguments.extend(entity_keys)
    # FTS5 gives its rows newest first and stops when asked: only the newest WINDOW matches are
    # scored (bm25 of every match of a common word cost 130 ms at 100,000 articles, 500 ms for الأ*).
    ranked = library.execute(
        f"SELECT rowid, score FROM (SELECT rowid, bm25(search, {TITLE_WEIGHT}, 1.0) AS score FROM search"
        f" WHERE search MATCH ?{where} ORDER BY rowid DESC LIMIT ?) ORDER BY score, rowid DESC LIMIT ?",
        [*arguments, max(WINDOW, limit), limit],
    )
    if not ranked:
        return []
    # Two queries for all the hits: their rows, and their blocks in reading order.
    ids = [int(article_id) for article_id, _ in ranked]
    marks = ", ".join("?" for _ in ids)
    rows = {
        int(values[0]): library.row_of(values)
        for values in library.execute(f"SELECT {_ROW_COLUMNS} FROM {_ROW_FROM} WHERE a.id IN ({marks})", ids)
    }
    blocks: dict[int, list[tuple[int, int, str | None, str]]] = {}
    for article_id, section, paragraph, block, terms in library.execute(
        f"SELECT article_id, section, paragraph, text, terms FROM blocks WHERE article_id IN ({marks})"
        " ORDER BY article_id, section, paragraph",
        ids,
    ):
        blocks.setdefault(int(article_id), []).append((int(section), int(paragraph), block, str(terms)))
    return [
        _hit(query, rows[article_id], blocks.get(article_id, []), -float(score))
        for article_id, score in zip(ids, (score for _, score in ranked), strict=True)
        if article_id in rows
    ]


def ranked_among(library: Library, text: str, limit: int = 20) -> int | None:
    """How many of the newest matches `search(library, text, limit=limit)` ranked when more articles
    match than that (max(WINDOW, limit)), else None: what a screen says beside the hits. Stepping
    over the window's matches costs no scores (under a millisecond at 100,000 articles)."""
    expression = _in_index(library, parse(text))
    window = max(WINDOW, limit)
    if expression is None or not library.execute(
        "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?", [expression, window]
    ):
        return None
    return window


def _in_index(library: Library, query: Query) -> str | None:
    """The query's FTS5 expression without the spellings of its words and phrases that no article
    has (None when a word to look for has none): the same rows and the same scores (a term in no
    row adds nothing to bm25), but a common word's 18 clitic forms are mostly absent, and FTS5
    reads each one's postings for every row it ranks. Prefixes are kept whole: asking whether one
    is there costs what the search does."""
    known: dict[str, bool] = {}

    def present(word: str) -> bool:
        if word not in known:
            known[word] = bool(library.execute("SELECT 1 FROM search WHERE search MATCH ? LIMIT 1", [f'"{word}"']))
        return known[word]

    terms: list[Term] = []
    for term in query.terms:
        if term.kind == "prefix":
            terms.append(term)
            continue
        choices = tuple(choice for choice in term.choices if all(present(word) for word in choice))
        if choices:
            terms.append(Term(term.kind, choices, term.negated))
        elif not term.negated:
            return None
        # a negated term no article has excludes nothing: left out
    return Query(tuple(terms)).fts()


def entity_articles(library: Library, keys: list[str]) -> list[tuple[int, int]]:
    """Every article that mentions an entity with one of `keys`, newest first, with its count of
    mentions: one query, as long as the entity's mentions (about 60 ms for one in 33,000 of
    100,000 articles), so that a list of them can then show any page (`entity_page`) at once."""
    if not keys:
        return []
    marks = ", ".join("?" for _ in keys)
    return [
        (int(article_id), int(count))
        for article_id, count in library.execute(
            "SELECT a.id, n FROM (SELECT article_id, count(*) AS n FROM mentions"
            f" WHERE key IN ({marks}) GROUP BY article_id) JOIN articles a ON a.id = article_id"
            " ORDER BY coalesce(a.published, a.added) DESC, a.id DESC",
            keys,
        )
    ]


def entity_page(library: Library, keys: list[str], articles: Sequence[tuple[int, int]]) -> list[Hit]:
    """The hits of these (article, mentions) of `entity_articles`, in their order, each at its first
    mention of the entity. Three queries a page, whatever its length: the rows, their first
    mentions, those mentions' blocks and headings; a snippet is cut from the block's words as the
    store keeps them (its terms), not by folding the paragraph again."""
    if not keys or not articles:
        return []
    marks = ", ".join("?" for _ in keys)
    ids = [article_id for article_id, _ in articles]
    id_marks = ", ".join("?" for _ in ids)
    rows = {
        int(values[0]): library.row_of(values)
        for values in library.execute(f"SELECT {_ROW_COLUMNS} FROM {_ROW_FROM} WHERE a.id IN ({id_marks})", ids)
    }
    first: dict[int, tuple[int, int, int, int]] = {}  # article -> (section, paragraph, start, end)
    for article_id, section, paragraph, start, end in library.execute(
        # by article (the key's index would read every mention of a common entity: +key keeps it out)
        f'SELECT article_id, section, paragraph, start, "end" FROM mentions WHERE article_id IN ({id_marks})'
        f" AND +key IN ({marks}) ORDER BY article_id, ordinal",
        [*ids, *keys],
    ):
        first.setdefault(int(article_id), (int(section), int(paragraph), int(start), int(end)))
    wanted = sorted(
        {(a, s, p) for a, (s, p, _, _) in first.items()} | {(a, s, -1) for a, (s, _, _, _) in first.items()}
    )
    places = ", ".join("(?, ?, ?)" for _ in wanted)
    blocks = {
        (int(a), int(s), int(p)): (text, str(terms))
        for a, s, p, text, terms in library.execute(
            # a join, not a row-value IN (VALUES ...), which SQLite answers by scanning every block
            f"WITH wanted (a, s, p) AS (VALUES {places}) SELECT b.article_id, b.section, b.paragraph, b.text,"
            " b.terms FROM wanted JOIN blocks b ON b.article_id = wanted.a AND b.section = wanted.s"
            " AND b.paragraph = wanted.p",
            [number for place in wanted for number in place],
        )
    }
    hits = []
    for article_id, count in articles:
        if article_id not in rows or article_id not in first:
            continue  # removed since the list was made
        section, paragraph, start, end = first[article_id]
        text, terms = blocks[(article_id, section, paragraph)]
        block = str(text)
        snippet, marks_at = _snippet(block, [(start, end)], word_offsets(block, terms))
        heading = blocks.get((article_id, section, -1), (None, ""))[0] if section >= 0 else None
        hits.append(
            Hit(rows[article_id], float(count), section, paragraph, heading or "", snippet, marks_at, (start, end))
        )
    return hits


def entity_hits(library: Library, keys: list[str], *, limit: int = 20, offset: int = 0) -> list[Hit]:
    """A page of the articles that mention an entity with one of `keys`, newest first (`offset`
    articles in), each with its first mention (`entity_articles`, then `entity_page`)."""
    if limit <= 0:
        return []
    return entity_page(library, keys, entity_articles(library, keys)[max(0, offset) : max(0, offset) + limit])


def _hit(query: Query, row: ArticleRow, blocks: list[tuple[int, int, str | None, str]], score: float) -> Hit:
    """The hit in `row`'s article: the block that holds the most query terms (the first of them),
    its heading and a snippet with the matched words marked."""
    best: tuple[int, int, int, str, str] | None = None  # (terms matched, section, paragraph, text, terms)
    headings: dict[int, str] = {}
    positive = query.positive
    for section, paragraph, text, terms in blocks:
        if text is None:
            continue
        if paragraph < 0 and section >= 0:
            headings[section] = text
        # Only the terms whose first words are somewhere in the block's string can be in it.
        candidates = [term for term in positive if term.may_be_in(terms)]
        if not candidates:
            continue
        present = set(terms.split())
        matched = sum(1 for term in candidates if term.found_in(present))
        if matched and (best is None or matched > best[0]):
            best = (matched, section, paragraph, text, terms)
            if matched == len(positive):
                break  # no later block can hold more, and the first of equals wins
    if best is None:  # the terms matched across two blocks (a phrase over a paragraph break)
        best = (0, -1, -1, row.title, text_terms(row.title))
    _, section, paragraph, text, terms = best
    stems = terms.split()
    spans = word_offsets(text, terms)
    covered = sorted({span for term in query.positive for span in term.matches(stems)})
    offsets = [(spans[first][0], spans[last - 1][1]) for first, last in covered]
    snippet, marks = _snippet(text, offsets, spans)
    return Hit(
        row, score, section, paragraph, headings.get(section, ""), snippet, marks, offsets[0] if offsets else None
    )


def _snippet(
    text: str, offsets: list[tuple[int, int]], spans: list[tuple[int, int]] | None = None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About `_WORDS` words of `text` around its first mark, on one line, with the marks moved into it
    (`spans`: the words of `text`, when the caller has them)."""
    if spans is None:
        spans = [(start, end) for start, end, _ in word_spans(text)]
    if not spans:
        return " ".join(text.split()), ()
    first_mark = offsets[0][0] if offsets else 0
    first_word = next((i for i, (start, _) in enumerate(spans) if start >= first_mark), 0)
    low = max(0, first_word - _BEFORE)
    high = min(len(spans), low + _WORDS)
    # Cut at spaces, so that punctuation and markup next to a word stay whole.
    begin = 0 if low == 0 else _space_before(text, spans[low][0])
    finish = len(text) if high == len(spans) else _space_after(text, spans[high - 1][1])
    lead = "" if begin == 0 else "… "
    tail = "" if finish == len(text) else " …"
    body = text[begin:finish]
    # One line: a break or tab inside the window becomes a space (same length, so marks stay put).
    body = body.translate(_ONE_LINE)
    marks = tuple(
        (len(lead) + start - begin, len(lead) + end - begin)
        for start, end in offsets
        if start >= begin and end <= finish
    )
    return lead + body + tail, marks


def _space_before(text: str, at: int) -> int:
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def _space_after(text: str, at: int) -> int:
    while at < len(text) and not text[at].isspace():
        at += 1
    return at
