"""A crash of the app: its whole trace goes to a file, the terminal gets one line naming it.

A trace printed on the terminal is long, holds article text (shown raw, escape sequences and all),
and scrolls the shell away; a file in the state folder keeps it for a bug report.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from reader.sanitize import neutralise
from reader.state import state_dir


def write_trace(error: BaseException) -> Path | None:
    """Write the trace of `error` to `crash-TIME.txt` (mode 0600) in the state folder, else in the
    temporary folder; None when neither can be written."""
    # The message may quote article text: its escape sequences are shown as marks, never kept raw.
    text = neutralise("".join(traceback.format_exception(error)), show=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for folder in (state_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(prefix=f"crash-{stamp}-", suffix=".txt", dir=folder)
            with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as file:
                file.write(text)
        except OSError:
            continue
        return Path(name)
    return None


def discard_typed_keys() -> None:
    """Keys typed while the app was going down must not reach the shell as a command line."""
    if sys.stdin is not None and sys.stdin.isatty():
        import termios

        with contextlib.suppress(termios.error):
            termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
