"""Make article text safe to show: nothing in an article may drive the terminal or reorder the screen.

Terminal escape sequences (CSI, OSC such as OSC 52 clipboard writes and OSC 8 links, DCS, SOS/PM/APC),
C0 and C1 control characters and the Unicode bidi controls (embeddings, overrides, isolates and
marks: the "Trojan Source" characters) are removed, or with `show=True` replaced by visible marks.
Newlines are kept: they separate lines; callers normalise line ends before this.
"""

from __future__ import annotations

import re

_ST = r"(?:\x1b\\|\x07|\x9c)"
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # single-character CSI
    rf"|[\x1b][\]PX^_][^\x07\x1b\x9c\n]*{_ST}?"  # OSC, DCS, SOS, PM, APC: to their end or the line's
    rf"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c\n]*{_ST}?"  # the same, introduced by C1 characters
    r"|\x1b[ -/]*[0-~]?"  # any other escape: intermediates and a final byte
)
# The characters every escape sequence above starts with: looking for each of them (`in`, a
# plain character search) is far cheaper than substituting _ESCAPE_SEQUENCE, whose alternatives
# `re` cannot skip ahead to (35 ms on 5 MB), or searching for a class of them (14 ms).
_ESCAPE_INTRODUCERS = "\x1b\x9b\x9d\x90\x98\x9e\x9f"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible characters that hide text or change how it reads, treated like the bidi controls: the
# deprecated format characters U+206A-U+206F (symmetric swapping, shaping and digit-shape switches)
# and the tag characters U+E0000-U+E007F, which smuggle an invisible ASCII copy of any text (a
# prompt, a URL) past a reader. (Emoji subdivision flags use tags too; they show as a black flag.)
HIDDEN_FORMAT = "\u206a-\u206f\U000e0000-\U000e007f"
CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufff9-\ufffb" + BIDI_CONTROLS + HIDDEN_FORMAT  # a class's contents
_CONTROL = re.compile(f"[{CONTROLS}]")


def is_clean(text: str) -> bool:
    """True when `text` holds nothing that `neutralise` would change.

    Every escape sequence starts with a control character, so the control class alone answers.
    """
    return printable(text) or _CONTROL.search(text) is None


def printable(text: str) -> bool:
    """True when every character but line breaks is printable: then `text` holds no control, tab
    or separator. `str.isprintable` runs three times as fast as a search for a class of them, but
    says False for more (a no-break space, a joiner): then a search must decide."""
    return text.replace("\n", "").isprintable()


def neutralise(text: str, show: bool = False) -> str:
    """Remove every control and escape sequence, or show each as a visible mark."""
    if is_clean(text):
        return text
    if any(char in text for char in _ESCAPE_INTRODUCERS):
        text = _ESCAPE_SEQUENCE.sub(_mark_sequence if show else "", text)
    return _CONTROL.sub(_mark if show else "", text)


def _mark(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛, ␀, ␇ ...
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def _mark_sequence(match: re.Match[str]) -> str:
    """An escape sequence shown whole, its controls as marks and the rest as plain text."""
    return _CONTROL.sub(_mark, match.group())
