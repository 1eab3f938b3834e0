"""A terminal stood in for by a pseudo-terminal: `reader` runs on its slave side, and the test, on the
master side, reads what reader sends and answers its questions as a measured terminal does (or late,
or not at all)."""

from __future__ import annotations

import os
import select
import subprocess
import termios
import time
import tty
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.terminal_probe import QUERY


@dataclass
class Session:
    """What one run showed: every byte reader sent the terminal, when it asked, and what it left
    unread in the terminal's input (what the shell, or the app, would read next)."""

    sent: bytes = b""
    asked_at: float | None = None  # when the query reached the terminal (time.monotonic)
    next_at: float | None = None  # when reader next wrote after the query
    unread: bytes = b""
    status: int | None = None
    stderr: str = ""
    text: str = field(default="")  # `sent` decoded, pty's CRLF back to LF


def run_in_pty(
    argv: Sequence[str],
    env: dict[str, str],
    *,
    answer: bytes = b"",
    late: bytes = b"",
    late_after: float = 0.0,
    timeout: float = 30.0,
) -> Session:
    """Run `argv` with the pty as standard input and output: `answer` is sent at once when the query
    arrives, `late` `late_after` seconds after it. The run's output is read until it exits."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    session = Session()
    late_due: float | None = None
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            wait = 0.02 if late_due is None else max(0.0, min(0.02, late_due - time.monotonic()))
            if select.select([master], [], [], wait)[0]:
                chunk = os.read(master, 65536)
                session.sent += chunk
                if (
                    session.asked_at is not None
                    and session.next_at is None
                    and not session.sent.endswith(QUERY.encode())
                ):
                    session.next_at = time.monotonic()
                if session.asked_at is None and QUERY.encode() in session.sent:
                    session.asked_at = time.monotonic()
                    if answer:
                        os.write(master, answer)
                    if late:
                        late_due = session.asked_at + late_after
            if late_due is not None and time.monotonic() >= late_due:
                os.write(master, late)
                late_due = None
            if process.poll() is not None and late_due is None and not select.select([master], [], [], 0.05)[0]:
                break
        process.wait(timeout=max(0.1, deadline - time.monotonic()))
        session.status = process.returncode
        assert process.stderr is not None
        session.stderr = process.stderr.read().decode()
        session.unread = unread(slave)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
        os.close(slave)
    session.text = session.sent.decode("utf-8", "replace").replace("\r\n", "\n")
    return session


def unread(slave: int) -> bytes:
    """Whatever waits in the terminal's input: made readable by leaving canonical mode, in which an
    answer without a newline would sit unseen in the line being edited."""
    tty.setraw(slave, termios.TCSANOW)
    unread = b""
    while select.select([slave], [], [], 0.1)[0]:
        unread += os.read(slave, 4096)
    return unread
