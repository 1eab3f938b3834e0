"""A folder of 20,000 tiny files opens at once and answers keys, stored or not yet (issue 10).

Before the store, such a folder showed a blank screen for 33 s and a key took 9 s to answer.
The bounds here are what a person sees (the first rows on screen, a key answered), loose enough
for a two-core machine shared by a whole team's test runs (a key and the pilot's wait for the
screen to settle take 0.1-0.3 s there with nothing indexing) and far below the old figures;
the page-down worst case wants an idle machine and is measured outside the suite.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.library import Fingerprint, Library, Prepared
from reader.library.store import block_terms
from reader.model import Article, Paragraph, Section
from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.library_list import LibraryList
from tests.tui.conftest import make_app
from tests.tui.screen_text import screen_text

COUNT = 20_000


def tiny_folder(folder: Path) -> list[tuple[Path, bytes]]:
    folder.mkdir()
    files = []
    for number in range(COUNT):
        path = folder / f"{number:05}.txt"
        data = f"خبر قصير رقم {number}\n\nنص قصير.\n".encode()
        path.write_bytes(data)
        files.append((path, data))
    return files


def store_them(files: list[tuple[Path, bytes]], folder: Path) -> None:
    """The files as a finished index would have stored them (without tagging: they name no one)."""
    prepared = []
    for path, data in files:
        title, body = data.decode().split("\n\n")
        article = Article(
            str(path), title, [Section(None, [Paragraph(body.strip(), "text", 3)], 3)], [], "utf-8", "text"
        )
        fingerprint = Fingerprint(len(data), path.stat().st_mtime_ns, hashlib.sha256(data).hexdigest())
        prepared.append(
            Prepared(
                str(path), origin=str(folder), fingerprint=fingerprint, article=article, terms=block_terms(article)
            )
        )
    with Library() as library:
        library.add(prepared)


async def key_answers(pilot: Pilot, key: str) -> float:
    """Seconds from pressing `key` until the list's cursor has moved and the screen is drawn."""
    widget = pilot.app.screen.query_one(LibraryList)
    before = widget.cursor
    started = time.perf_counter()
    await pilot.press(key)
    while widget.cursor == before:
        await asyncio.sleep(0.001)
    await pilot.pause()
    return time.perf_counter() - started


def run(app, scenario, size=(120, 40)) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(pilot)

    asyncio.run(main())


def first_paint(folder: Path) -> tuple[float, float]:
    """Seconds from making the app for `folder` to its first rows on screen, and the slower of
    j and k answered there."""
    started = time.perf_counter()
    app = make_app(folder)
    painted: list[float] = []

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause()
        painted.append(time.perf_counter() - started)
        assert "00000.txt" in screen_text(pilot.app)
        painted.append(max([await key_answers(pilot, "j"), await key_answers(pilot, "k")]))

    run(app, scenario)
    return painted[0], painted[1]


def test_a_stored_folder_of_20000_tiny_files_paints_at_once_and_is_checked_in_the_background(tmp_path: Path) -> None:
    small, folder = tmp_path / "small", tmp_path / "tiny"
    files = tiny_folder(folder)
    shutil.copytree(folder, small, ignore=lambda _where, names: [name for name in names if name >= "00010.txt"])
    store_them(files, folder)
    store_them([(small / path.name, data) for path, data in files[:10]], small)
    (small_paint, small_key), (paint, _) = first_paint(small), first_paint(folder)
    # A key within 1.5 s (it took 9 s), or, on a machine so loaded that a key at 10 articles takes
    # long, within three times that and half a second.
    key_bound = max(1.5, 3 * small_key + 0.5)
    assert paint < 2 * small_paint + 0.5, f"first paint {paint:.2f} s at 20,000, {small_paint:.2f} s at 10"
    started = time.perf_counter()
    app = make_app(folder)

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "Library · 20,000 articles" in text and "00000.txt" in text and "00030.txt" in text
        for key in ("j", "pagedown", "end", "home"):
            took = await key_answers(pilot, key)
            assert took < key_bound, f"{key} took {took:.2f} s; j or k at 10 articles {small_key:.2f} s"
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        while screen.indexing is not None:  # 20,000 files looked at, none read again
            await pilot.pause(0.1)
        assert time.perf_counter() - started < 60
        assert "Indexed" not in screen_text(pilot.app), "nothing changed, so nothing is said"

    run(app, scenario)


def opened_new(folder: Path) -> float:
    """Seconds from making the app for a folder not yet stored (indexed on every core, as `reader
    FOLDER` does) to its first screen; it quits at once."""
    started = time.perf_counter()
    app = make_app(folder, workers=None)
    painted: list[float] = []

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause()
        painted.append(time.perf_counter() - started)
        assert "Library · " in screen_text(pilot.app)
        await pilot.press("q")

    run(app, scenario)
    return painted[0]


def test_a_new_folder_of_20000_tiny_files_opens_at_once_answers_keys_while_indexing_and_quits_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, small = tmp_path / "tiny", tmp_path / "small"
    tiny_folder(folder)
    shutil.copytree(folder, small, ignore=lambda _where, names: [name for name in names if name >= "00010.txt"])
    # What "at once" means on this machine now: a new folder of 10 files opened the same way, just
    # before and just after (each in a library of its own), the slower of the two; the machine's
    # load weighs on all three alike. A first screen that waited for the 20,000 files to be looked
    # at (it took 33 s once) is slower every time.
    data = os.environ["READER_DATA_DIR"]
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "small-before"))
    at_ten = [opened_new(small)]
    monkeypatch.setenv("READER_DATA_DIR", data)
    painted: list[float] = []
    started = time.perf_counter()
    app = make_app(folder, workers=None)  # worker processes on every core, as `reader FOLDER` runs

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause()
        painted.append(time.perf_counter() - started)
        assert "Library · " in screen_text(pilot.app)
        widget = pilot.app.screen.query_one(LibraryList)
        waited = 0.0
        while widget.total < 300:  # rows appear as they are indexed
            await pilot.pause(0.1)
            waited += 0.1
            assert waited < 120, "no rows appeared"
        assert "Indexing " in screen_text(pilot.app), "the progress bar shows while it runs"
        for key in ("j", "pagedown", "j", "k"):
            took = await key_answers(pilot, key)
            assert took < 1.5, f"{key} took {took:.2f} s while indexing"
        quitting = time.perf_counter()
        await pilot.press("q")
        await pilot.pause()
        assert time.perf_counter() - quitting < 5

    run(app, scenario)
    with Library() as library:
        stored = library.count()
    assert 300 <= stored < COUNT, "quitting stopped the indexing; what was written stays"
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "small-after"))
    at_ten.append(opened_new(small))
    assert painted[0] < 2 * max(at_ten) + 0.5, f"first screen in {painted[0]:.2f} s; at 10 new files in {at_ten} s"
