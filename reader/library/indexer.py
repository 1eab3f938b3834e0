"""Indexing: folders and files into the store, doing only what changed, on every core.

One pass lists the files (stat only), one query reads every stored fingerprint, and the two are
compared in memory: unchanged files (same size and mtime) cost nothing, removed files leave in
one transaction, and the rest go to worker processes in small chunks. The parent alone writes,
in transactions of whole articles every few hundred files or half second, so a run killed at
any point leaves a consistent store and the next run picks up what is left.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from reader.errors import InputError
from reader.library.prepare import Job, Unchanged, prepare_files, start_worker
from reader.library.records import Fingerprint, IndexSummary, Rows
from reader.library.store import Library
from reader.sources import DEFAULT_MAX_SIZE
from reader.sources.files import ARTICLE_SUFFIXES, shown

_CHUNK = 8  # files per task: big enough to amortise the hand-over, small enough to spread the work
# Tasks handed out ahead, per worker: the workers' queue must outlast the writer's longest transaction,
# during which nothing is handed out (256 articles take it 0.2-0.4 s; 4 tasks were 0.2 s of work).
_AHEAD = 16
_BATCH = 256  # articles per transaction
_BATCH_SECONDS = 0.5  # and at least this often, so rows appear while a long run goes on
_IN_PROCESS = 16  # fewer files than this are not worth starting workers for
_MERGE_AFTER = 1000  # new articles, when they are most of the library: merge the full-text index after them

Progress = Callable[[int, int], None]  # (files done, files to do)
Written = Callable[[list[int]], None]  # ids of articles just written


@dataclass(frozen=True, slots=True)
class Found:
    path: str
    size: int
    mtime_ns: int
    origin: str | None


def scan(paths: Iterable[str]) -> tuple[list[Found], list[str], list[str]]:
    """The article files under `paths` (folders recursively, hidden names skipped), the folders
    given, and the files given that do not exist (they may be in the library still)."""
    found: list[Found] = []
    folders: list[str] = []
    missing: list[str] = []
    for given in paths:
        path = os.path.abspath(given)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            missing.append(path)
            continue
        except OSError as error:
            raise InputError(f"{shown(given)}: cannot read: {error.strerror}") from None
        if os.path.isdir(path):
            folders.append(path)
            found.extend(_walk(path))
        else:
            found.append(Found(path, info.st_size, info.st_mtime_ns, os.path.dirname(path)))
    return found, folders, missing


def _walk(folder: str) -> Iterator[Found]:
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and entry.is_file():
                    info = entry.stat()
                    yield Found(entry.path, info.st_size, info.st_mtime_ns, folder)
            except OSError:  # a dangling link or a loop is not an article
                continue


def index_paths(
    library: Library,
    paths: Iterable[str],
    *,
    workers: int | None = None,
    recognizer: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    progress: Progress | None = None,
    written: Written | None = None,
) -> IndexSummary:
    """Bring the library up to date with `paths`: index new and changed files, drop removed ones."""
    started = time.monotonic()
    cpu_started = time.process_time()
    summary = IndexSummary()
    found, folders, missing = scan(paths)
    known = library.fingerprints()
    present = {item.path for item in found}
    gone = [source for source in missing if source in known]
    for folder in folders:
        prefix = folder.rstrip(os.sep) + os.sep
        gone.extend(source for source in known if source.startswith(prefix) and source not in present)
    unknown = [source for source in missing if source not in known]
    if unknown and not found and not gone:
        raise InputError(f"{shown(unknown[0])}: no such file or folder")
    summary.errors.extend(f"{shown(source)}: no such file or folder" for source in unknown)
    summary.failed += len(unknown)
    summary.removed = library.remove(gone) if gone else 0
    jobs: list[Job] = []
    for item in found:
        stored = known.get(item.path)
        if stored is not None:
            fingerprint, failed = stored
            if not failed and fingerprint.size == item.size and fingerprint.mtime_ns == item.mtime_ns:
                summary.unchanged += 1
                continue
            jobs.append(Job(item.path, None if failed else fingerprint.hash, item.origin))
        else:
            jobs.append(Job(item.path, None, item.origin))
    total = len(jobs)
    if progress:
        progress(0, total)
    writer = _Writer(library, summary, written)
    done = 0
    for results, worker_seconds in _prepared(jobs, workers, recognizer, max_size):
        writer.take(results)
        summary.cpu_seconds += worker_seconds
        done += len(results)
        if progress:
            progress(done, total)
    writer.flush()
    if summary.indexed >= _MERGE_AFTER and 2 * summary.indexed >= len(known) + summary.indexed:
        # Mostly a new library: its full-text index is in many small segments, which every
        # search reads; merged into one, a common word's postings are one read.
        library.merge_search_index()
    summary.seconds = time.monotonic() - started
    summary.cpu_seconds += time.process_time() - cpu_started
    return summary


def _prepared(
    jobs: list[Job], workers: int | None, recognizer: str | None, max_size: int
) -> Iterator[tuple[list[Rows | Unchanged], float]]:
    """Each chunk's results as it is ready, with the processor seconds a worker spent on them (0
    when done here, where this process's own time counts them): in this process for a few files,
    else in a pool."""
    chunks = [jobs[at : at + _CHUNK] for at in range(0, len(jobs), _CHUNK)]
    count = workers or os.cpu_count() or 1
    if len(jobs) < _IN_PROCESS or count == 1:
        start_worker(recognizer)
        for chunk in chunks:
            yield prepare_files(chunk, max_size)[0], 0.0
        return
    import multiprocessing

    # forkserver: a clean process to fork workers from, whatever threads the caller runs (the app's).
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(count, mp_context=context, initializer=start_worker, initargs=(recognizer,)) as pool:
        waiting = iter(chunks)
        running: set[Future[tuple[list[Rows | Unchanged], float]]] = set()
        for chunk in waiting:
            running.add(pool.submit(prepare_files, chunk, max_size))
            if len(running) >= count * _AHEAD:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
                for chunk in waiting:
                    running.add(pool.submit(prepare_files, chunk, max_size))
                    break


class _Writer:
    """Collects results and writes them in batches, each one transaction."""

    def __init__(self, library: Library, summary: IndexSummary, written: Written | None) -> None:
        self.library = library
        self.summary = summary
        self.written = written
        self.articles: list[Rows] = []
        self.unchanged: list[tuple[str, Fingerprint]] = []
        self.last = time.monotonic()

    def take(self, results: list[Rows | Unchanged]) -> None:
        for result in results:
            if isinstance(result, Unchanged):
                self.unchanged.append((result.path, result.fingerprint))
                self.summary.unchanged += 1
                continue
            self.articles.append(result)
            if result.error is not None:
                self.summary.failed += 1
                self.summary.errors.append(result.error)
            else:
                self.summary.indexed += 1
        if len(self.articles) + len(self.unchanged) >= _BATCH or time.monotonic() - self.last >= _BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.unchanged:
            self.library.touch(self.unchanged)
            self.unchanged = []
        if self.articles:
            ids = self.library.add_rows(self.articles)
            self.articles = []
            if self.written:
                self.written(ids)
        self.last = time.monotonic()
