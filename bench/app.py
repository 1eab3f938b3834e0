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
from typing import TYPE_CHECKING

from bench.visual import article_paragraphs, sentences

if TYPE_CHECKING:
    from textual.pilot import Pilot
    from textual.strip import Strip

    from reader.tui.widgets.article_view import ArticleView

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "russia-belarus-eurasian-security.txt"
BIG_BYTES = 10_000_000
SIZE = (120, 40)
PAGE_DOWNS = 30
RUNS = 3
READING_PAUSE = 0.15  # seconds between page-downs, quicker than anyone reads a screen


def build_big_article(path: Path) -> tuple[int, int]:
    """Write the 10 MB article; return its bytes and paragraphs."""
    rng = random.Random(5)
    pool = sentences()
    extra = article_paragraphs()
    lines = ["تقرير مطول: أخبار المنطقة والعالم في عام كامل", ""]
    size = paragraphs = 0
    while size < BIG_BYTES:
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
    from reader.tui.app import ReaderApp, load_items
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
    items = load_items([path], AppOptions())
    loaded = time.perf_counter()
    app = ReaderApp(items)
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
