"""Indexing in a process of its own, for the app: the app's process only reads how far it is.

A thread of the app's own process that lists 20,000 files, compares fingerprints, unpickles the
workers' articles and writes them holds the interpreter's lock often enough to make a key wait
seconds (the event loop gives the lock up at every select and waits to get it back). So the
whole of `index_paths` runs in a child process, which starts the worker processes itself, writes
the store (SQLite's WAL lets the app read meanwhile) and sends its progress through a pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from reader.errors import ReaderError
from reader.library.records import IndexSummary
from reader.library.store import Library

_NICER = 10  # the indexing process and its workers run at this lower priority


@dataclass(frozen=True, slots=True)
class IndexRequest:
    """What to index and how: the files and folders, the worker processes (None: every core)."""

    database: Path
    paths: tuple[str, ...]
    workers: int | None
    max_size: int
    follow_links: bool


@dataclass(frozen=True, slots=True)
class Report:
    """One message from the indexing process: progress, a batch written, or how it ended."""

    done: int = 0
    total: int | None = None
    written: bool = False
    summary: IndexSummary | None = None
    error: str | None = None


class _Stopped(Exception):
    """The app asked the indexing to stop (it is quitting)."""


def _run(request: IndexRequest, pipe: Connection) -> None:
    """The child process: index, telling the parent as it goes; stop when the parent says so."""
    from reader.library.indexer import index_paths
    from reader.sources import expand_paths

    def progress(done: int, total: int) -> None:
        if pipe.poll():  # the parent's only message is "stop"
            raise _Stopped
        pipe.send(Report(done=done, total=total))

    def written(_ids: list[int]) -> None:
        pipe.send(Report(written=True))

    from reader.web.fetch import is_url

    os.nice(_NICER)  # the person's keys first: the app's process gets the cores when it wants them

    files = [path for path in request.paths if not is_url(path)]
    pages = [path for path in request.paths if is_url(path)]
    try:
        expand_paths(files, follow_links=request.follow_links)  # a link out of a folder refuses it
        with Library(request.database) as library:
            failed = store_pages(library, pages)
            summary = index_paths(
                library,
                files,
                workers=request.workers,
                max_size=request.max_size,
                progress=progress,
                written=written,
            )
        summary.failed += len(failed)
        summary.errors.extend(failed)
        pipe.send(Report(summary=summary))
    except _Stopped:
        pipe.send(Report(error="stopped"))
    except ReaderError as error:
        pipe.send(Report(error=str(error)))
    finally:
        pipe.close()


def store_pages(library: Library, urls: list[str]) -> list[str]:
    """Pages given by address, fetched, extracted and stored under their address; the one-line
    error of each that failed (`reader index URL` and the app's indexing both)."""
    from reader.structure import build_article
    from reader.web.page import load_url

    errors = []
    for url in urls:
        try:
            library.add_article(build_article(load_url(url)), source=url, kind="url")
        except ReaderError as error:
            errors.append(str(error))
    return errors


class BackgroundIndex:
    """An indexing run in a child process; `reports` gives what it has said since the last call."""

    def __init__(self, request: IndexRequest) -> None:
        context = multiprocessing.get_context("forkserver")
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_run, args=(request, child), name="reader-index")
        self._process.start()
        child.close()
        self.finished = False

    def reports(self) -> list[Report]:
        """Every report waiting, without blocking; a child that died unannounced ends the run with an error."""
        said: list[Report] = []
        if self.finished:
            return said
        try:
            while self._pipe.poll():
                report = self._pipe.recv()
                said.append(report)
                if report.summary is not None or report.error is not None:
                    self._end()
                    return said
        except EOFError:
            said.append(Report(error=f"the indexing process ended unexpectedly (exit {self._process.exitcode})"))
            self._end()
        return said

    def wait(self, timeout: float) -> bool:
        """Block up to `timeout` seconds for the next report (in a thread, never on the UI's)."""
        return self.finished or self._pipe.poll(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the child to stop after the files in hand, and wait for it; kill it if it does not."""
        if self.finished:
            return
        with contextlib.suppress(OSError):  # it has ended already
            self._pipe.send("stop")
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.kill()  # the store keeps whole articles only: a kill loses nothing written
            self._process.join()
        self._end()

    def _end(self) -> None:
        self.finished = True
        self._pipe.close()
        self._process.join(1.0)
