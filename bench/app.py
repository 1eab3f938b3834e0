"""The reading app, headless: first paint of the seed and of a 10 MB article, page-down deep in it, peak memory.

Each figure comes from a fresh Python process, so one run's caches and memory do not flatter the
next. The 10 MB article is built at run time in a temporary directory from real Arabic (ANERcorp's
newswire sentences regrouped into paragraphs, the sample articles' paragraphs between them) with a
heading every 40 paragraphs; nothing large is committed.

First paint is timed from just before the article is read until the article view has drawn its
first screen of text: reading, decoding, structure, the app's start and the layout of that screen.
Page-down is timed as the reader's own work for one key: the scroll, laying out what comes into
view and drawing the screen's lines.

Targets (issue 5): the 10 MB article's first paint within 1.5x of the seed's; page-down within
20 ms anywhere; peak memory under 300 MB.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.visual import article_paragraphs, sentences

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.pilot import Pilot
    from textual.strip import Strip
    from textual.widget import Widget

    from reader.tui.widgets.article_view import ArticleView

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "russia-belarus-eurasian-security.txt"
BIG_BYTES = 10_000_000
SIZE = (120, 40)
PAGE_DOWNS = 30
RUNS = 3
READING_PAUSE = 0.15  # seconds between page-downs, quicker than anyone reads a screen


def build_big_article(path: Path, size_wanted: int = BIG_BYTES) -> tuple[int, int]:
    """Write the 10 MB article (or one of `size_wanted` bytes); return its bytes and paragraphs."""
    rng = random.Random(5)
    pool = sentences()
    extra = article_paragraphs()
    lines = ["تقرير مطول: أخبار المنطقة والعالم في عام كامل", ""]
    size = paragraphs = 0
    while size < size_wanted:
        if paragraphs % 40 == 0:
            words = rng.choice(pool).split()[:6]
            lines += [f"القسم {paragraphs // 40 + 1}: " + " ".join(words), ""]
        if paragraphs % 9 == 4:
            text = rng.choice(extra)
        else:
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        lines += [text, ""]
        size += len(text.encode("utf-8")) + 2
        paragraphs += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.stat().st_size, paragraphs


def measure(path: str, pages: bool = False) -> dict[str, float]:
    """In this process: load and first paint; with `pages`, page-downs deep inside; peak memory."""
    os.environ.setdefault("READER_STATE_DIR", tempfile.mkdtemp(prefix="reader-bench-state-"))
    os.environ.setdefault("READER_CONFIG_DIR", tempfile.mkdtemp(prefix="reader-bench-config-"))
    from reader.tui.app import ReaderApp, load_article
    from reader.tui.options import AppOptions
    from reader.tui.screens.reader import ReaderScreen
    from reader.tui.widgets.article_view import ArticleView

    painted: dict[str, float] = {}
    render_line = ArticleView.render_line

    def timed_render_line(self: ArticleView, y: int) -> Strip:
        strip = render_line(self, y)
        if "first" not in painted and strip.text.strip():
            painted["first"] = time.perf_counter()
        return strip

    ArticleView.render_line = timed_render_line  # type: ignore[method-assign]  # timing the first paint, in this process only
    start = time.perf_counter()
    item = load_article(path, AppOptions())
    loaded = time.perf_counter()
    app = ReaderApp(item)
    result: dict[str, float] = {"load_s": loaded - start}

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            while "first" not in painted:
                await pilot.pause(0.001)
            result["first_paint_s"] = painted["first"] - start
            if pages:
                screen = app.screen
                assert isinstance(screen, ReaderScreen)
                view = screen.query_one(ArticleView)
                # Each run of presses starts somewhere not yet read, deep inside the article.
                await jump(pilot, view, 0.25)
                result.update(await page_downs(pilot, view, "while_finding_entities"))
                waited = time.perf_counter()
                while not screen.mentions_ready and time.perf_counter() - waited < 300:
                    await pilot.pause(0.2)
                result["entities_s"] = time.perf_counter() - start
                await jump(pilot, view, 0.5)
                result.update(await page_downs(pilot, view, "after_entities"))
                await jump(pilot, view, 0.75)
                result.update(await page_downs(pilot, view, "back_to_back", pause=0))
            await pilot.press("q")

    asyncio.run(run())
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


async def jump(pilot: Pilot[int], view: ArticleView, fraction: float) -> None:
    from reader.tui.widgets.article_view import Mark

    view.show(Mark(int(len(view.rows) * fraction), 0), at_top=True)
    await pilot.pause(0.3)


async def page_downs(pilot: Pilot[int], view: ArticleView, name: str, pause: float = READING_PAUSE) -> dict[str, float]:
    """The reader's work for each page-down: the key's action and drawing the new screen."""
    from textual.geometry import Region

    region = Region(0, 0, view.size.width, view.size.height)
    timings = []
    for _ in range(PAGE_DOWNS):
        began = time.perf_counter()
        view.action_scroll_pages(1)
        view.render_lines(region)
        timings.append(time.perf_counter() - began)
        await pilot.pause(pause)
    return {f"{name}_median_ms": statistics.median(timings) * 1000, f"{name}_max_ms": max(timings) * 1000}


def _in_fresh_process(path: Path, pages: bool = False) -> dict[str, float]:
    code = f"import json, bench.app as b; print(json.dumps(b.measure({str(path)!r}, pages={pages})))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=900
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="reader-bench-app-") as folder:
        big = Path(folder) / "big.txt"
        size, paragraphs = build_big_article(big)
        print(f"10 MB article: {size / 1e6:.1f} MB, {paragraphs:,} paragraphs (built in {folder})")
        seed = [_in_fresh_process(SEED) for _ in range(RUNS)]
        large = [_in_fresh_process(big) for _ in range(RUNS)]
        paging = _in_fresh_process(big, pages=True)

    def best(runs: list[dict[str, float]], key: str) -> float:
        return min(run[key] for run in runs)

    seed_paint, big_paint = best(seed, "first_paint_s"), best(large, "first_paint_s")
    for name, paint, runs in (("seed:         ", seed_paint, seed), ("10 MB article:", big_paint, large)):
        reading = best(runs, "load_s") * 1000
        print(f"first paint, {name} {paint * 1000:6.0f} ms  (best of {RUNS}; reading: {reading:.0f} ms)")
    ratio = big_paint / seed_paint
    print(f"  ratio {ratio:.2f}x (target within 1.5x): {'met' if ratio <= 1.5 else 'NOT met'}")
    print(f"page-down deep in the 10 MB article ({PAGE_DOWNS} presses each, target 20 ms):")
    for name, what in (
        ("while_finding_entities", f"{READING_PAUSE:.2f} s apart, entities still being found"),
        ("after_entities", f"{READING_PAUSE:.2f} s apart, entities found"),
        ("back_to_back", "back to back, no pause for the cache to fill ahead"),
    ):
        worst = paging[f"{name}_max_ms"]
        print(
            f"  {what}: median {paging[f'{name}_median_ms']:.1f} ms, worst {worst:.1f} ms: "
            f"{'met' if worst <= 20 else 'NOT met'}"
        )
    print(f"  (all entities of the 10 MB article found {paging['entities_s']:.0f} s after opening it)")
    peak = max(run["peak_rss_mb"] for run in [*large, paging])
    print(f"peak memory, 10 MB article: {peak:.0f} MB (target under 300 MB): {'met' if peak < 300 else 'NOT met'}")


# --- the library while it indexes (issue 10; bench/library.py runs it on its library) -------------

LIBRARY_PAGE_DOWNS = 40
ARTICLE_PAGE_DOWNS = 30
FIRST_SCREENS = 3  # openings of each stored article, best of


class LoopStalls:
    """How long each callback of the app's event loop runs, while `on`: a key that arrives waits
    for the one running then, so the longest of them is the worst wait a key can meet. The bench's
    own timed page-downs are left out (`mine`), as they are timed on their own. The longest in
    processor time is kept too (`longest_cpu`, `what_cpu`): on a loaded machine a callback's clock
    time counts the time other processes had the core."""

    def __init__(self) -> None:
        self.on = False
        self.mine = False
        self.longest = self.longest_cpu = 0.0
        self.what = self.what_cpu = ""

    def install(self) -> None:
        run = asyncio.events.Handle._run
        stalls = self

        def timed(handle: asyncio.events.Handle) -> None:
            began, processor = time.perf_counter(), time.thread_time()
            run(handle)
            took, used = time.perf_counter() - began, time.thread_time() - processor
            if stalls.mine:
                stalls.mine = False
            elif stalls.on:
                if took > stalls.longest:
                    stalls.longest, stalls.what = took, _named(handle)
                if used > stalls.longest_cpu:
                    stalls.longest_cpu, stalls.what_cpu = used, _named(handle)

        asyncio.events.Handle._run = timed  # type: ignore[method-assign]  # timing the loop, in this process only

    def reset(self) -> None:
        self.longest = self.longest_cpu = 0.0
        self.what = self.what_cpu = ""


def _named(handle: asyncio.events.Handle) -> str:
    """What a callback of the loop ran: a task's coroutine (a widget's message loop, a timer), or the callback."""
    task = getattr(handle._callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        return f"{task.get_name()}: {task.get_coro()!r}"[:160]
    return repr(handle)[:160]


def measure_library(database: str, folder: str, long: str, big: str, small: str) -> dict[str, Any]:
    """In this process: the app on the library at `database` opened on `folder`, whose new files
    it indexes in the background. Meanwhile: page-downs deep in the list, then in the stored
    article `long`; the app's own work for each, and the longest the UI thread was busy at once.
    Then, the indexing stopped: the first screen of the stored articles `big` and `small`."""
    os.environ.setdefault("READER_STATE_DIR", tempfile.mkdtemp(prefix="reader-bench-state-"))
    os.environ.setdefault("READER_CONFIG_DIR", tempfile.mkdtemp(prefix="reader-bench-config-"))
    from multiprocessing import forkserver

    from textual.geometry import Region

    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.screens.library import LibraryScreen
    from reader.tui.screens.reader import ReaderScreen
    from reader.tui.widgets.article_view import ArticleView
    from reader.tui.widgets.library_list import LibraryList

    stalls = LoopStalls()
    stalls.install()
    painted: dict[str, float] = {}
    render_line = ArticleView.render_line

    def timed_render_line(self: ArticleView, y: int) -> Strip:
        strip = render_line(self, y)
        if "first" not in painted and strip.text.strip():
            painted["first"] = time.perf_counter()
        return strip

    ArticleView.render_line = timed_render_line  # type: ignore[method-assign]  # timing the first paint, in this process only
    forkserver.ensure_running()  # as prepare_app does, before the app owns standard error
    app = ReaderApp(library=Library(Path(database)), under=[folder], index=[folder])
    result: dict[str, Any] = {}

    def own_work(action: Callable[[], None], widget: Widget, into: str) -> None:
        """The app's work for one key: its action, then drawing the lines now on screen; in
        seconds of the clock and of processor time (what the machine's load does not stretch).
        The app is told of the key as a real one would tell it (what waits for a pause in the
        keys, such as reading the rows the indexing wrote, waits for this one too)."""
        app.note_input()
        began, processor = time.perf_counter(), time.thread_time()
        action()
        widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
        result.setdefault(f"{into}_ms", []).append((time.perf_counter() - began) * 1000)
        result.setdefault(f"{into}_cpu_ms", []).append((time.thread_time() - processor) * 1000)
        stalls.mine = True

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            rows = screen.query_one(LibraryList)
            began = rows.total
            while rows.total == began:  # the indexing process has written its first batch
                await pilot.pause(0.05)
            result["library_rows"] = began
            result["load_at_start"] = os.getloadavg()[0]
            stalls.on = True
            rows.move_cursor(rows.total // 2)
            await pilot.pause(0.3)
            stalls.reset()  # the jump there drew a screen of rows no page-down had drawn before
            for _ in range(LIBRARY_PAGE_DOWNS):
                own_work(lambda: rows.action_page(1), rows, "list")
                await pilot.pause(READING_PAUSE)
            result["list_stall_ms"], result["list_stall"] = stalls.longest * 1000, stalls.what
            result["list_stall_cpu_ms"], result["list_stall_cpu"] = stalls.longest_cpu * 1000, stalls.what_cpu
            app.open_stored(long)
            await pilot.pause(1.0)
            stalls.reset()  # the opening is timed below, with the indexing stopped
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            view = reader.query_one(ArticleView)
            for _ in range(ARTICLE_PAGE_DOWNS):
                own_work(lambda: view.action_scroll_pages(1), view, "article")
                await pilot.pause(READING_PAUSE)
            result["article_stall_ms"], result["article_stall"] = stalls.longest * 1000, stalls.what
            result["article_stall_cpu_ms"], result["article_stall_cpu"] = stalls.longest_cpu * 1000, stalls.what_cpu
            result["indexing_throughout"] = screen.indexing is not None
            result["arrived"] = rows.total - began
            result["load_at_end"] = os.getloadavg()[0]
            stalls.on = False
            app.pop_screen()
            if screen.indexing is not None:
                screen.indexing.stop()
                screen.indexing = None
            await pilot.pause(0.3)
            firsts: dict[str, list[float]] = {}
            busy: dict[str, list[float]] = {}
            busy_cpu: dict[str, list[float]] = {}
            for name, source in (("small", small), ("big", big)) * FIRST_SCREENS:
                painted.clear()
                stalls.reset()
                stalls.on = True
                started = time.perf_counter()
                app.open_stored(source)
                while "first" not in painted:
                    await pilot.pause(0.001)
                first = painted["first"] - started
                await pilot.pause(1.0)  # whatever the opening does after its first screen
                stalls.on = False
                firsts.setdefault(name, []).append(first * 1000)
                busy.setdefault(name, []).append(stalls.longest * 1000)
                busy_cpu.setdefault(name, []).append(stalls.longest_cpu * 1000)
                app.pop_screen()
                await pilot.pause(0.3)
            for name, times in firsts.items():
                result[f"{name}_first_ms"], result[f"{name}_stall_ms"] = min(times), max(busy[name])
                result[f"{name}_stall_cpu_ms"] = max(busy_cpu[name])
            await pilot.press("q")

    asyncio.run(run())
    return result


def library_in_fresh_process(database: Path, folder: Path, long: Path, big: Path, small: Path) -> dict[str, Any]:
    arguments = ", ".join(repr(str(path)) for path in (database, folder, long, big, small))
    code = f"import json, bench.app as b; print(json.dumps(b.measure_library({arguments})))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=900
    ).stdout
    return json.loads(out.strip().splitlines()[-1])
