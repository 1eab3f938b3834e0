"""The library store at scale: processor time per stage of indexing, cold index rate, warm open,
re-index after 1% changed, search latency, and database size per MB of text.

The library is generated: READER_BENCH_ARTICLES articles (default 100,000; develop with 5000), each
a title and 3-8 paragraphs of ANERcorp training sentences (the sample articles' lines when ANERcorp
is not there), shuffled with a fixed seed. It goes under a temporary folder, or, when
READER_BENCH_DIR names a folder, there, where it is kept: a later run with the same number of
articles reuses the files and the cold-built database (and prints the cold figures of the run
that built them, with that run's date and load) instead of building them again. Index runs use
every core. READER_BENCH_AS_IS=1 with READER_BENCH_DIR measures only open, search and size on
the library kept there, as it stands (also while another run is still building it). The machine
is shared, so every timed step prints the load average beside it, and indexing prints articles
per processor second (this process's and the workers') as well as per second of wall clock. "Open" is the store's side of the library's first paint: opening the
database, counting the rows and reading the first screenful (50 rows), best of 5, at N articles
and at 10, for `reader` (the whole library) and `reader FOLDER` (the folder's rows). Search is 100 queries (common and rare words, words with clitics and harakat, phrases,
prefixes), top 20 each, with snippets.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONLL = ROOT / ".." / "shared" / "data" / "ner" / "anercorp-train.conll"
SEED = 10
STAGE_SAMPLE = 300  # articles timed stage by stage in this process
ARRIVALS = 4000  # new files the app indexes while page-down is timed


def sentences() -> list[str]:
    if CONLL.is_file():
        from reader.entities.conll import read

        return [s.text for s in read(CONLL) if len(s.text.split()) >= 4]
    # Read as the reader reads them: one sample is in windows-1256, which a UTF-8 read refuses.
    from reader.sources import load_path

    texts = [
        "\n".join(block.text for block in load_path(str(p)).blocks) for p in sorted((ROOT / "articles").glob("*.txt"))
    ]
    return [line for text in texts for line in text.splitlines() if len(line.split()) >= 4]


def generate(folder: Path, count: int, pool: list[str], rng: random.Random) -> int:
    """`count` articles in subfolders of 1000; their total size in bytes."""
    total = 0
    for n in range(count):
        sub = folder / f"{n // 1000:03}"
        if n % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        title = " ".join(rng.choice(pool).split()[:10])
        paragraphs = [" ".join(rng.choices(pool, k=rng.randint(1, 3))) for _ in range(rng.randint(3, 8))]
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        data = text.encode()
        (sub / f"{n:06}.txt").write_bytes(data)
        total += len(data)
    return total


def queries(pool: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """100 (kind, query): 30 common words, 20 rare, 15 with a clitic or harakat added, 20 phrases, 15 prefixes."""
    from collections import Counter

    counts = Counter(word for sentence in pool for word in sentence.split() if len(word) > 2 and word.isalpha())
    ranked = [word for word, _ in counts.most_common()]
    common, rare = ranked[:300], [w for w in ranked if counts[w] in (2, 3)]
    chosen = [("common", word) for word in rng.sample(common, 30)] + [("rare", word) for word in rng.sample(rare, 20)]
    chosen += [("variant", rng.choice(["و", "ب", "ل", "وال", "بال"]) + word) for word in rng.sample(common, 10)]
    chosen += [("variant", word[0] + "َ" + word[1:]) for word in rng.sample(common, 5)]
    for sentence in rng.sample(pool, 20):
        words = sentence.split()
        at = rng.randrange(max(1, len(words) - 1))
        chosen.append(("phrase", '"' + " ".join(words[at : at + 2]) + '"'))
    chosen += [("prefix", word[:3] + "*") for word in rng.sample(common, 15)]
    return chosen


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} (1/5 min) on {os.cpu_count()} cores"


@contextmanager
def bench_root() -> Iterator[tuple[Path, bool]]:
    """The folder to build in, and whether it is kept (READER_BENCH_DIR) or temporary."""
    kept = os.environ.get("READER_BENCH_DIR")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        yield Path(kept), True
        return
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as temporary:
        yield Path(temporary), False


def main() -> None:
    count = int(os.environ.get("READER_BENCH_ARTICLES", "100000"))
    pool = sentences()
    print(f"machine: {load()} at {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    if os.environ.get("READER_BENCH_AS_IS") and os.environ.get("READER_BENCH_DIR"):
        as_is(Path(os.environ["READER_BENCH_DIR"]), pool)
        return
    stages(pool)
    with bench_root() as (root, kept):
        folder = root / "news"
        database = root / "data" / "library.sqlite3"
        manifest = root / "manifest.json"
        cached = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
        if cached.get("articles") == count and cached.get("seed") == SEED and database.is_file():
            size = int(cached["bytes"])
            print(f"library: {count} articles, {size / 1e6:.1f} MB of text, kept in {root} (not generated again)")
            print(f"cold index (kept from the run of {cached['when']}, {cached['load']}): {cached['cold']}")
            cold = float(cached["seconds"])
        else:
            if kept:
                manifest.unlink(missing_ok=True)
                shutil.rmtree(folder, ignore_errors=True)
                shutil.rmtree(database.parent, ignore_errors=True)
            started = time.perf_counter()
            size = generate(folder, count, pool, random.Random(SEED))
            print(
                f"library: {count} articles, {size / 1e6:.1f} MB of text, generated in {time.perf_counter() - started:.1f} s"
            )
            cold, line = cold_index(folder, database, count)
            print(f"cold index: {line}")
            if kept:
                when = f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
                record = {"articles": count, "seed": SEED, "bytes": size, "seconds": cold, "cold": line}
                manifest.write_text(json.dumps(record | {"when": when, "load": load()}), encoding="utf-8")
        reindex(folder, database, count, cold, rng=random.Random(SEED + 1), pool=pool)
        opened(root, folder, database, count)
        searched(database, queries(pool, random.Random(SEED + 2)), count)
        from reader.library import Library

        with Library(database) as library:
            library.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        on_disk = database.stat().st_size
        print(f"database: {on_disk / 1e6:.1f} MB, {on_disk / size:.2f} MB per MB of text")
        paging_while_indexing(folder, database, pool)
        compare_trigram(database, root)


def paging_while_indexing(folder: Path, database: Path, pool: list[str]) -> None:
    """The app (headless, bench.app) opened on the library's folder while ARRIVALS new files in it
    are indexed in the background: page-down in the list and in a stored 1 MB article meanwhile;
    then the first screen of a stored 10 MB article against a small one. The files are stored in
    a folder of their own and taken out again afterwards, so a kept library stays as it was built."""
    from bench.app import READING_PAUSE, build_big_article, library_in_fresh_process
    from bench.app import SEED as SMALL
    from reader.library import Library
    from reader.library.indexer import index_paths

    extra = folder / "zz-app"
    long, big, small = extra / "long.txt", extra / "big.txt", extra / "small.txt"
    extra.mkdir(exist_ok=True)
    build_big_article(long, 1_000_000)
    build_big_article(big)
    shutil.copyfile(SMALL, small)
    with Library(database) as library:
        index_paths(library, [str(extra)])
    generate(extra / "arrivals", ARRIVALS, pool, random.Random(SEED + 4))
    try:
        got = library_in_fresh_process(database, folder, long, big, small)
    finally:
        shutil.rmtree(extra)
        with Library(database) as library:
            index_paths(library, [str(folder)])
    print(
        f"page-down while indexing in the background ({got['library_rows']:,} articles stored, {ARRIVALS:,} new"
        f" files indexed, {got['arrived']:,} of them written during the presses"
        f"{'' if got['indexing_throughout'] else '; the indexing ended before the last press'}), the app's own work"
        " per key (its action and drawing the new lines), target worst <= 16 ms:"
    )
    for where, name in (("in the library list", "list"), ("in an open 1 MB article", "article")):
        times = sorted(got[f"{name}_ms"])
        worst = max(times[-1], got[f"{name}_stall_ms"])
        print(
            f"  {where} ({len(times)} presses, {READING_PAUSE:.2f} s apart): worst {times[-1]:.1f} ms, "
            f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, median {statistics.median(times):.1f} ms (processor time: "
            f"worst {max(got[f'{name}_cpu_ms']):.1f} ms); the longest the "
            f"UI thread was busy at once meanwhile (what a key may wait for): {got[f'{name}_stall_ms']:.1f} ms "
            f"({got[f'{name}_stall_cpu_ms']:.1f} ms of processor time): {'met' if worst <= 16 else 'NOT met'}"
        )
        if got[f"{name}_stall_ms"] > 16:
            print(f"    the longest: {got[f'{name}_stall']}")
    print(
        f"  load {got['load_at_start']:.1f} at the first press, {got['load_at_end']:.1f} at the last, on {os.cpu_count()} cores"
    )
    ratio = got["big_first_ms"] / got["small_first_ms"]
    print(
        f"a stored article opened from the library, first screen (best of 3): 10 MB {got['big_first_ms']:.0f} ms, "
        f"small {got['small_first_ms']:.0f} ms ({ratio:.2f}x); the UI thread busy at most {got['big_stall_ms']:.0f} ms "
        f"at once while the 10 MB one opened ({got['big_stall_cpu_ms']:.0f} ms of processor time; "
        f"{got['small_stall_ms']:.0f} and {got['small_stall_cpu_ms']:.0f} ms for the small one); {load()}"
    )


def as_is(root: Path, pool: list[str]) -> None:
    """Open, search and size on the kept library as it stands, however many articles it holds so
    far (another run may still be building it: WAL lets this one read meanwhile); no indexing."""
    import sqlite3

    database = root / "data" / "library.sqlite3"
    reading = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    count, size, span = reading.execute("SELECT count(*), sum(size), max(added) - min(added) FROM articles").fetchone()
    # the folder its files were indexed from (a copy of a kept library still names the original's)
    first, last = reading.execute(
        "SELECT (SELECT min(source) FROM articles), (SELECT max(source) FROM articles)"
    ).fetchone()
    reading.close()
    folder = Path(os.path.commonpath([first, last]))
    print(
        f"library as it is in {root}: {count} articles, {size / 1e6:.1f} MB of text, written over {span:.0f} s "
        f"({count / span:.1f} articles/s, its cold build's rate so far)"
    )
    opened(root, folder, database, count)
    searched(database, queries(pool, random.Random(SEED + 2)), count)
    on_disk = sum(path.stat().st_size for path in database.parent.glob(database.name + "*"))
    print(f"database and its log: {on_disk / 1e6:.1f} MB, {on_disk / size:.2f} MB per MB of text")


def stages(pool: list[str]) -> None:
    """Processor time per stage of indexing one article, in this process, on STAGE_SAMPLE generated
    articles after as many to warm the caches up: in a worker, read and hash, load, structure, tag,
    terms, and the store's rows made of them; the hand-over (pickled by the worker, unpickled by the
    writer); then the writer's write of the same articles, 256 to a transaction as the indexer does;
    and the clock time of all of it beside its processor time (the machine's load stretches the clock)."""
    import hashlib
    import pickle

    from reader.entities import article_entities
    from reader.library import Library
    from reader.library.prepare import Job, prepare_file, start_worker
    from reader.library.records import Prepared, Rows
    from reader.library.store import article_rows, block_terms
    from reader.sources import DEFAULT_MAX_SIZE, load_bytes
    from reader.sources.files import read_bytes
    from reader.structure import build_article

    start_worker(None)
    with tempfile.TemporaryDirectory(prefix="reader-bench-stages-") as temporary:
        folder = Path(temporary) / "news"
        generate(folder, 2 * STAGE_SAMPLE, pool, random.Random(SEED + 3))
        paths = sorted(str(path) for path in folder.rglob("*.txt"))
        for path in paths[:STAGE_SAMPLE]:
            prepare_file(Job(path, None, None))
        worker = ("read and hash", "load", "structure", "tag", "terms", "rows")
        spent = dict.fromkeys((*worker, "hand-over", "write"), 0.0)
        rows: list[Rows] = []
        clock = time.perf_counter()
        for path in paths[STAGE_SAMPLE:]:
            at = time.process_time()
            data = read_bytes(path, DEFAULT_MAX_SIZE)
            hashlib.sha256(data).hexdigest()
            at, spent["read and hash"] = time.process_time(), spent["read and hash"] + time.process_time() - at
            loaded = load_bytes(data, path)
            at, spent["load"] = time.process_time(), spent["load"] + time.process_time() - at
            article = build_article(loaded)
            at, spent["structure"] = time.process_time(), spent["structure"] + time.process_time() - at
            mentions = tuple(article_entities(article))
            at, spent["tag"] = time.process_time(), spent["tag"] + time.process_time() - at
            terms = block_terms(article)
            at, spent["terms"] = time.process_time(), spent["terms"] + time.process_time() - at
            item = Prepared(source=path, fingerprint=None, article=article, mentions=mentions, terms=terms)
            made = article_rows(item)
            at, spent["rows"] = time.process_time(), spent["rows"] + time.process_time() - at
            rows.append(pickle.loads(pickle.dumps(made)))
            spent["hand-over"] += time.process_time() - at
        clock = time.perf_counter() - clock
        with Library(Path(temporary) / "data" / "library.sqlite3") as library:
            at, writing = time.process_time(), time.perf_counter()
            for first in range(0, len(rows), 256):
                library.add_rows(rows[first : first + 256])
            spent["write"] = time.process_time() - at
            clock += time.perf_counter() - writing
    per = {name: 1000 * seconds / STAGE_SAMPLE for name, seconds in spent.items()}
    work = sum(per[name] for name in worker)
    total = sum(per.values())
    print(
        f"stages, ms of processor time per article ({STAGE_SAMPLE} articles, one process, {load()}): "
        + ", ".join(f"{name} {ms:.2f}" for name, ms in per.items())
        + f"; {1000 / work:.0f} articles per processor second in a worker, {1000 / total:.0f} with the hand-over"
        f" and the write; all of it {total:.2f} ms of processor time and {1000 * clock / STAGE_SAMPLE:.2f} ms of"
        " clock time per article"
    )


def cold_index(folder: Path, database: Path, count: int) -> tuple[float, str]:
    from reader.library import Library
    from reader.library.indexer import index_paths

    with Library(database) as library:
        summary = index_paths(library, [str(folder)])
    cores = os.cpu_count() or 1
    return summary.seconds, (
        f"{summary.line()}; {count / summary.seconds:.0f} articles/s on {cores} cores (target >= 300 on 2), "
        f"{count / summary.cpu_seconds:.0f} articles per processor second ({summary.cpu_seconds:.0f} s of it); "
        f"{load()} at the end"
    )


def reindex(folder: Path, database: Path, count: int, cold: float, *, rng: random.Random, pool: list[str]) -> None:
    """1% of the files changed, the library indexed again (timed), then the files put back and indexed
    again (not timed) so that a kept library stays as it was built."""
    from reader.library import Library
    from reader.library.indexer import index_paths

    changed = rng.sample(sorted(folder.rglob("*.txt")), max(1, count // 100))
    before = {path: path.read_bytes() for path in changed}
    for path in changed:
        path.write_text(path.read_text(encoding="utf-8") + "\n" + rng.choice(pool) + "\n", encoding="utf-8")
    with Library(database) as library:
        summary = index_paths(library, [str(folder)])
    print(
        f"re-index after 1% changed: {summary.line()}; {100 * summary.seconds / cold:.1f}% of cold (target <= 5%), "
        f"{summary.cpu_seconds:.1f} s of processor time; {load()}"
    )
    for path, data in before.items():
        path.write_bytes(data)
    with Library(database) as library:
        index_paths(library, [str(folder)])


def opened(root: Path, folder: Path, database: Path, count: int) -> None:
    from reader.library import Library
    from reader.library.indexer import index_paths

    small = root / "small" / "library.sqlite3"
    tiny = root / "tiny"
    shutil.rmtree(small.parent, ignore_errors=True)
    shutil.rmtree(tiny, ignore_errors=True)
    tiny.mkdir()
    for path in sorted((folder / "000").iterdir())[:10]:
        (tiny / path.name).write_bytes(path.read_bytes())
    with Library(small) as library:
        index_paths(library, [str(tiny)], workers=1)
    for what, folders in (("reader", ((), ())), ("reader FOLDER", ((str(tiny),), (str(folder),)))):
        times = {
            label: first_screen(path, under)
            for label, path, under in (("10", small, folders[0]), (str(count), database, folders[1]))
        }
        print(
            f"open, {what} (store side of the first paint): {times[str(count)] * 1000:.1f} ms at {count} articles, "
            f"{times['10'] * 1000:.1f} ms at 10 ({times[str(count)] / times['10']:.2f}x; target <= 1.5x); {load()}"
        )


def searched(database: Path, asked: list[tuple[str, str]], count: int) -> None:
    from reader.library import Library
    from reader.library.search import search

    times: list[tuple[float, str, str]] = []
    processor: list[float] = []  # the same queries' processor time: what the machine's load does not stretch
    hits = 0
    with Library(database) as library:
        search(library, "الرئيس", limit=20)  # the first query reads the index's pages from disk
        for kind, query in asked:
            started, cpu = time.perf_counter(), time.process_time()
            hits += len(search(library, query, limit=20))
            times.append((time.perf_counter() - started, kind, query))
            processor.append(time.process_time() - cpu)
    seconds = sorted(t for t, _, _ in times)
    processor.sort()
    p50, p95 = statistics.median(seconds), seconds[int(len(seconds) * 0.95) - 1]
    print(
        f"search, {len(asked)} queries, top 20 with snippets: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"worst {seconds[-1] * 1000:.1f} ms, {hits / len(asked):.1f} hits per query "
        f"(target p95 <= 50 ms at 100000, here {count}); processor time p50 {statistics.median(processor) * 1000:.1f} ms,"
        f" p95 {processor[int(len(processor) * 0.95) - 1] * 1000:.1f} ms; {load()}"
    )
    kinds = sorted({kind for _, kind, _ in times})
    print(
        "  by kind, p50/worst ms: "
        + ", ".join(
            f"{kind} {statistics.median(t for t, k, _ in times if k == kind) * 1000:.1f}/"
            f"{max(t for t, k, _ in times if k == kind) * 1000:.1f}"
            for kind in kinds
        )
    )
    slowest = sorted(times, reverse=True)[:3]
    print("  slowest: " + ", ".join(f"{query} ({kind}) {t * 1000:.0f} ms" for t, kind, query in slowest))


def first_screen(path: Path, under: tuple[str, ...] = ()) -> float:
    """Best of 5: open the store, count its rows and read the first 50, newest first (`under`: those
    of a folder, as `reader FOLDER` shows them)."""
    from reader.library import Library

    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        with Library(path) as library:
            library.count(under=under)
            library.rows(limit=50, under=under)
        best = min(best, time.perf_counter() - started)
    return best


TRIGRAM_WORDS = ("علم", "سلام", "قدم", "حرب", "امن", "عمل", "نقل", "رئيس")


def compare_trigram(database: Path, root: Path) -> None:
    """The alternative to stemming: an FTS5 trigram index over the folded text of the first 2000
    articles, against a word index of the same text: sizes, and for a few words how many of the
    words a trigram match lands in are that word with clitics and how many are other words."""
    import re
    import sqlite3

    from reader.arabic.normalize import fold
    from reader.library.terms import query_stems, stem

    source = sqlite3.connect(database)
    texts = dict(
        source.execute(
            "SELECT article_id, group_concat(text, ' ') FROM blocks WHERE text IS NOT NULL AND article_id <= 2000"
            " GROUP BY article_id"
        ).fetchall()
    )
    source.close()
    sizes = {}
    for name, tokenizer in (("trigram", "trigram"), ("word", "unicode61 remove_diacritics 0")):
        path = root / f"{name}.sqlite3"
        db = sqlite3.connect(path)
        db.execute(f"CREATE VIRTUAL TABLE t USING fts5 (body, content='', tokenize='{tokenizer}')")
        with db:
            db.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", [(i, fold(t)) for i, t in texts.items()])
        db.execute("VACUUM")
        sizes[name] = path.stat().st_size
        if name == "trigram":
            trigram = db
        else:
            db.close()
    text_size = sum(len(t.encode()) for t in texts.values())
    print(
        f"trigram index of {len(texts)} articles ({text_size / 1e6:.1f} MB): {sizes['trigram'] / 1e6:.1f} MB, "
        f"a word index {sizes['word'] / 1e6:.1f} MB"
    )
    word = re.compile(r"[^\W_]+")
    for query in TRIGRAM_WORDS:
        wanted = set(query_stems(query))
        forms: dict[str, int] = {}
        for (rowid,) in trigram.execute("SELECT rowid FROM t WHERE t MATCH ?", (f'"{query}"',)):
            for token in word.findall(fold(texts[rowid])):
                if query in token:
                    forms[token] = forms.get(token, 0) + 1
        other = sorted(((n, t) for t, n in forms.items() if stem(t) not in wanted), reverse=True)
        clitic = sum(n for t, n in forms.items() if stem(t) in wanted)
        print(
            f"  trigram {query}: {clitic} matches are the word with clitics, {sum(n for n, _ in other)} are other "
            f"words ({', '.join(t for _, t in other[:3])})"
        )
    trigram.close()
