"""A library of a few articles for the search and entity screens, and an app that shows one screen.

The screens take a `Library` and a function that opens a hit, so they are tested here on their
own; the app's wiring is tested in test_search_keys.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

import reader.tui
from reader.entities import Mention
from reader.layout import layout_paragraph
from reader.library import Hit, Library
from reader.model import Article, Entity, Paragraph, Section
from reader.tui.shaped import Shaping
from reader.types import EntityType

LAVROV = "لافروف"
LAVROV_KEY = "لافروف"


def visual(text: str) -> str:
    """`text` as a terminal without bidi shows it: shaped, right to left."""
    return layout_paragraph(text, 300)[0].text.plain


def article(source: str, title: str, *sections: tuple[str | None, list[str]]) -> Article:
    return Article(
        source, title, [Section(heading, [Paragraph(text) for text in texts]) for heading, texts in sections]
    )


def mentions_of(article: Article, name: str, key: str, kind: EntityType = "PER") -> list[Mention]:
    """Every place `name` stands in the article's paragraphs, as mentions of `key`."""
    found = []
    for s, p, paragraph in article.paragraphs():
        at = paragraph.text.find(name)
        while at >= 0:
            found.append(Mention(s, p, Entity(at, at + len(name), kind, name, key)))
            at = paragraph.text.find(name, at + 1)
    return found


def add(library: Library, item: Article, *, published: float, name: str = LAVROV) -> None:
    library.add_article(
        item, source=item.source, kind="file", published=published, mentions=mentions_of(item, name, LAVROV_KEY)
    )


ARTICLES = [
    article(
        "/news/minsk.txt",
        "زيارة لافروف إلى مينسك",
        (None, ["وصل الوزير إلى العاصمة صباح اليوم."]),
        ("مباحثات شاملة", ["التقى سيرجي لافروف بنظيره في مينسك لبحث التعاون الأمني.", "وقال لافروف إن العلاقات قوية."]),
    ),
    article("/news/oil.txt", "أسعار النفط ترتفع", (None, ["ارتفعت أسعار النفط بعد قرار أوبك خفض الإنتاج."])),
    article(
        "/news/cairo.txt",
        "جولة في القاهرة",
        (None, ["وصل لافروف إلى القاهرة في جولة إقليمية.", "والتقى لافروف وزير الخارجية المصري."]),
        ("ملفات المنطقة", ["بحث الجانبان ملفات المنطقة ولافروف يؤكد الدعم."]),
    ),
]


def sample_library() -> Library:
    """The three articles above in the test's own library (READER_DATA_DIR): cairo is the newest."""
    library = Library()
    for days, item in zip((2, 1, 3), ARTICLES, strict=True):
        add(library, item, published=days * 86_400.0)
    return library


class Host(App[None]):
    """Shows one screen; records the hits it is asked to open."""

    CSS_PATH = str(Path(reader.tui.__file__).parent / "app.tcss")  # what every screen of the app shares

    def __init__(self, make: Callable[[Host], Screen[None]]) -> None:
        super().__init__()
        self.make = make
        self.opened: list[Hit] = []
        self.shaping = Shaping()

    def on_mount(self) -> None:
        self.push_screen(self.make(self))

    def open_hit(self, hit: Hit) -> None:
        self.opened.append(hit)


def run(host: Host, scenario: Callable[[Pilot[None]], Awaitable[None]], size: tuple[int, int] = (100, 30)) -> None:
    async def main() -> None:
        async with host.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


async def until(pilot: Pilot[None], ready: Callable[[], bool], timeout: float = 10) -> None:
    """Wait for a worker's result to be shown."""
    waited = 0.0
    while not ready():
        if waited > timeout:
            raise AssertionError("the screen did not get there in time")
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause()
