"""Paths to bytes, refusing what is not an article file before reading it."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from reader.errors import InputError
from reader.sanitize import neutralise

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_SIZE = 50 * 1024 * 1024


def shown(path: str | os.PathLike[str]) -> str:
    """A path quoted for a one-line message: newlines and controls escaped, Arabic kept."""
    return repr(os.fspath(path))


def display_name(path: str) -> str:
    """A file name as a list shows it: bytes that are not UTF-8 (`d\\x9b31m.txt`: Python holds them as
    lone surrogates, which measure and draw wrongly) escaped as `\\x9b`, and control, bidi and
    other invisible characters as visible marks, so the name reads as it is stored."""
    return neutralise(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"), show=True)


def exact_name(path: str) -> tuple[str, bytes | None]:
    """A path as valid Unicode (undecodable bytes as U+FFFD) and, when that lost bytes, its bytes."""
    raw = path.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "replace")
    return text, (raw if text != path else None)


# Kernel and device file systems: their files are not articles, whatever `stat` says of them
# (/proc/self/environ is a "regular file" of size 0 that holds the environment).
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def expand_paths(paths: list[str], *, follow_links: bool = False) -> list[str]:
    """Folders become the article files in them and their subfolders; files and `-` stay as given.

    A link in a folder that leads out of it (`ln -s /etc/shadow art/x.txt`) is refused with an
    `InputError` naming it, unless `follow_links`: whoever wrote the folder chose where it leads,
    not the person reading it.
    """
    expanded: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            articles = _articles_in(Path(path), follow_links)
            if not articles:
                raise InputError(f"{shown(path)}: folder holds no articles ({', '.join(ARTICLE_SUFFIXES)})")
            expanded.extend(articles)
        else:
            expanded.append(path)
    return expanded


def _articles_in(folder: Path, follow_links: bool) -> list[str]:
    """The article files in `folder` and its subfolders, as glow reads them: the folder's own
    files by name, then each subfolder's in turn. Hidden files and folders are skipped, and links
    to folders are not followed (no loops); a link to a file outside `folder` is refused unless
    `follow_links`."""
    found: list[str] = []
    failed: list[OSError] = []
    inside = os.path.realpath(folder)
    for top, folders, files in os.walk(folder, onerror=failed.append):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            path = os.path.join(top, name)
            if not os.path.isfile(path):  # follows symlinks; a loop or dangling link is not an article
                continue
            if os.path.islink(path) and not follow_links:
                target = os.path.realpath(path)
                if os.path.commonpath([inside, target]) != inside:
                    raise InputError(
                        f"{shown(path)}: a link to {shown(target)}, outside the folder; not read (see --follow-links)"
                    )
            found.append(path)
    if failed and failed[0].filename == os.fspath(folder):
        raise InputError(f"{shown(folder)}: cannot list folder: {failed[0].strerror}")
    return found


def read_bytes(path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The file's bytes, or one clear `InputError`."""
    if path == "-":
        return _read_limited(sys.stdin.buffer, "standard input", max_size)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{shown(path)}: no such file or folder") from None
    except OSError as error:
        raise InputError(f"{shown(path)}: cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{shown(path)}: is a folder")
    real = os.path.realpath(path)
    if any(real == folder or real.startswith(folder + "/") for folder in SYSTEM_FOLDERS):
        raise InputError(f"{shown(path)}: a system file ({shown(real)}), not an article")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{shown(path)}: not a regular file (a device, FIFO or socket)")
    if info.st_size > max_size:
        raise InputError(
            f"{shown(path)}: {_mb(info.st_size)} is over the size limit of {_mb(max_size)} (see --max-size)"
        )
    try:
        with open(path, "rb") as file:
            return _read_limited(file, shown(path), max_size, info.st_size)
    except OSError as error:
        raise InputError(f"{shown(path)}: cannot read: {error.strerror}") from None


def _read_limited(stream: BinaryIO, name: str, max_size: int, expected: int | None = None) -> bytes:
    """At most `max_size` bytes of `stream`, else one `InputError`. `expected` is the size the file
    had when it was looked at: a read of that many bytes and one more, then on to the limit only if
    it grew meanwhile, since a read of the limit (50 MB) sets aside that much for each small file
    first (43 against 13 µs for a file of 7 KB, when an index reads thousands of them)."""
    first = max_size + 1 if expected is None else min(expected, max_size) + 1
    data: bytes = stream.read(first)
    if len(data) == first <= max_size:
        data += stream.read(max_size + 1 - first)
    if len(data) > max_size:
        raise InputError(f"{name}: over the size limit of {_mb(max_size)} (see --max-size)")
    return data


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"
