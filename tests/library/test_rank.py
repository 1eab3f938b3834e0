"""`Library.rank` says where an article stands in `Library.rows`, for any order and filters.

The library list keeps its cursor on an article while rows arrive by asking `rank` for its
offset, so the two must agree on every order (ties broken by id, unknown dates below the rest),
direction and filter, and `rank` must say None for an article the filters leave out. A page read from the row before it
(`after`, as the list pages down) is the page read by its offset.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.entities import Mention
from reader.library import Library, store
from reader.library.records import ALL, ORDERS, Group, Order, Prepared
from reader.library.store import DATABASE_NAME, block_terms
from reader.model import Article, Entity, Paragraph, Section

ROOT = "/news"
FOLDERS = (f"{ROOT}/a", f"{ROOT}/b")
TITLES = ("بغداد", "بَغداد", "دمشق", "القاهرة", "news", "")  # repeats, harakat, Latin, empty: ties in the title order
KEYS = ("PER:علي", "LOC:بغداد")


@st.composite
def specs(draw: st.DrawFn) -> dict[str, object]:
    """One article: where it is, what its row sorts by, and whether it failed or was read."""
    return {
        "folder": draw(st.sampled_from(FOLDERS)),
        "title": draw(st.sampled_from(TITLES)),
        "words": draw(st.integers(0, 3)),
        "keys": draw(st.lists(st.sampled_from(KEYS), max_size=2)),
        "published": draw(st.sampled_from((None, 1.0e9, 2.0e9))),
        "failed": draw(st.booleans()),
        "read": draw(st.booleans()),
        "batch": draw(st.integers(0, 2)),  # articles written together share their date added
    }


def prepared(number: int, spec: dict[str, object]) -> Prepared:
    source = f"{spec['folder']}/{number:03}.txt"
    if spec["failed"]:
        return Prepared(source, origin=ROOT, error=f"{source}: cannot read")
    words = int(str(spec["words"]))
    text = " ".join(["كلمة"] * words) or "."
    article = Article(source, str(spec["title"]), [Section(None, [Paragraph(text, "text", 3)], 3)], [], "utf-8", "text")
    keys = spec["keys"]
    assert isinstance(keys, list)
    mentions = tuple(Mention(0, 0, Entity(0, 1, "PER", "ك", key)) for key in keys)
    published = spec["published"]
    return Prepared(
        source,
        origin=ROOT,
        article=article,
        mentions=mentions,
        terms=block_terms(article),
        published=published if isinstance(published, float) else None,
    )


@st.composite
def views(draw: st.DrawFn) -> tuple[Order, bool, dict[str, object]]:
    """An order, its direction, and the filters the library screen may ask for."""
    filters = {
        "title": draw(st.sampled_from(("", "بغداد", "news", "00"))),
        "unread_only": draw(st.booleans()),
        "entity": draw(st.sampled_from((None, *KEYS))),
        "under": draw(st.sampled_from(((), (FOLDERS[0],), FOLDERS, (f"{FOLDERS[1]}/001.txt",)))),
        "group": draw(st.sampled_from((ALL, Group("files"), Group("pages")))),
    }
    return draw(st.sampled_from(ORDERS)), draw(st.booleans()), filters


@settings(max_examples=150, deadline=None)
@given(library_specs=st.lists(specs(), min_size=1, max_size=20), view=views(), many=st.sampled_from((1, 2000)))
def test_rank_is_the_articles_offset_in_rows(
    library_specs: list[dict[str, object]], view: tuple[Order, bool, dict[str, object]], many: int
) -> None:
    """`many`: from how many articles below the folders the rows are found through the order's
    index (store._MANY): 1 here takes that way with these few articles too."""
    order, descending, filters = view
    with (
        tempfile.TemporaryDirectory(prefix="reader-rank-") as folder,
        Library(Path(folder) / DATABASE_NAME) as library,
        mock.patch.object(store, "_MANY", many),
    ):
        for batch in range(3):
            library.add(prepared(n, spec) for n, spec in enumerate(library_specs) if spec["batch"] == batch)
        for n, spec in enumerate(library_specs):
            if spec["read"]:
                library.set_read(f"{spec['folder']}/{n:03}.txt", True)
        rows = library.rows(order=order, descending=descending, limit=len(library_specs) + 1, **filters)  # type: ignore[arg-type]
        assert len(rows) == library.count(**filters)  # type: ignore[arg-type]
        shown = [row.id for row in rows]
        everyone = library.rows(limit=len(library_specs) + 1)
        assert len(everyone) == len(library_specs)
        for row in everyone:
            expected = shown.index(row.id) if row.id in shown else None
            got = library.rank(row.id, order=order, descending=descending, **filters)  # type: ignore[arg-type]
            assert got == expected, (row, order, descending, filters)
        for at, row in enumerate(rows):
            page = library.rows(order=order, descending=descending, offset=at + 1, after=row.id, limit=3, **filters)  # type: ignore[arg-type]
            assert page == rows[at + 1 : at + 4], (at, order, descending, filters)
