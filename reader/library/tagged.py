"""Entities tagged once: a command that reads a file the library holds unchanged takes its stored
mentions instead of tagging it again (`reader cat --format json`, `reader entities`, the app)."""

from __future__ import annotations

import os

from reader.entities import Mention
from reader.library.store import DATABASE_NAME, Library, StoreError, data_dir
from reader.model import Article


class StoredMentions:
    """`stored(article)`: the library's mentions for an article read from a file it holds unchanged,
    else None (then the caller tags it). The library is opened on first use, and only if it exists:
    reading files never creates one; a library that cannot be opened just means tagging as before."""

    def __init__(self) -> None:
        self._library: Library | None = None
        self._unavailable = False

    def __call__(self, article: Article) -> list[Mention] | None:
        source = article.source
        if source == "-" or "://" in source[:12] or self._unavailable:
            return None
        try:
            info = os.stat(source)
        except OSError:
            return None
        library = self._open()
        if library is None:
            return None
        try:
            mentions = library.unchanged_mentions(
                Article(
                    os.path.abspath(source),
                    article.title,
                    article.sections,
                    article.noise,
                    article.encoding,
                    article.format,
                    article.page,
                ),
                info.st_size,
                info.st_mtime_ns,
            )
        except StoreError:
            return None
        return list(mentions) if mentions is not None else None

    def _open(self) -> Library | None:
        if self._library is None and not self._unavailable:
            path = data_dir() / DATABASE_NAME
            try:
                self._library = Library(path) if path.exists() else None
            except StoreError:
                self._library = None
            self._unavailable = self._library is None
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
