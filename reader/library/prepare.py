"""One file to a `Prepared` article: read, hashed, decoded, structured, tagged and turned into terms.

This is the work the indexer's worker processes do; it touches no database. Each worker loads
the entity recogniser once (`start_worker`) and keeps it for every file it is given, and sends
each article back as the rows the store writes for it (`Rows`), which pickle fast.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass

from reader.collector import no_cycle_collection
from reader.errors import ReaderError
from reader.library.records import Fingerprint, Prepared, Rows
from reader.library.store import article_rows, block_terms
from reader.sources import DEFAULT_MAX_SIZE, load_bytes
from reader.sources.files import read_bytes, shown

# What reading, decoding, structuring or tagging one file may raise on bad input; anything else
# is a bug and stops the run with its traceback.
_FILE_FAILURES = (ReaderError, OSError, ValueError, LookupError, RecursionError)


@dataclass(frozen=True, slots=True)
class Job:
    """A file to index: its path, the hash stored for it (None when new), the folder it was found in."""

    path: str
    known_hash: str | None
    origin: str | None


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A file whose mtime changed but whose bytes did not."""

    path: str
    fingerprint: Fingerprint


def start_worker(recognizer: str | None) -> None:
    """Load the entity recogniser in this process, once, before the first file."""
    from reader.entities import get, select

    if recognizer:
        select(recognizer)
    else:
        get()


def prepare_files(jobs: list[Job], max_size: int = DEFAULT_MAX_SIZE) -> tuple[list[Rows | Unchanged], float]:
    """Each job's article or failure as the store's rows, or its unchanged mark, in order; and the
    processor seconds they took (a worker's time is not this process's, and the summary reports both)."""
    started = time.process_time()
    with no_cycle_collection():
        done = [prepare_file(job, max_size) for job in jobs]
        rows = [item if isinstance(item, Unchanged) else article_rows(item) for item in done]
        return rows, time.process_time() - started


def prepare_file(job: Job, max_size: int = DEFAULT_MAX_SIZE) -> Prepared | Unchanged:
    from reader.entities import article_entities
    from reader.structure import build_article

    fingerprint: Fingerprint | None = None
    try:
        info = os.stat(job.path)
        data = read_bytes(job.path, max_size)
        fingerprint = Fingerprint(len(data), info.st_mtime_ns, hashlib.sha256(data).hexdigest())
        if fingerprint.hash == job.known_hash:
            return Unchanged(job.path, fingerprint)
        article = build_article(load_bytes(data, job.path))
        mentions = tuple(article_entities(article))
        return Prepared(
            source=job.path,
            origin=job.origin,
            fingerprint=fingerprint,
            article=article,
            mentions=mentions,
            terms=block_terms(article),
        )
    except _FILE_FAILURES as error:
        return Prepared(source=job.path, origin=job.origin, fingerprint=fingerprint, error=_one_line(job.path, error))


def _one_line(path: str, error: Exception) -> str:
    name = shown(path)
    text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    text = " ".join(text.split()) or type(error).__name__
    return text if text.startswith(name) else f"{name}: {text}"
