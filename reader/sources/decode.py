"""Bytes to text: UTF-8 first, then the encodings Arabic files really come in.

Order: an explicit `--encoding`; a byte-order mark (UTF-8, UTF-16, UTF-32); binary data is refused;
strict UTF-8; UTF-16 without a mark; a charset the source declares (an HTTP header's, a page's
`<meta>`, an XML declaration's); then the legacy Arabic code pages (Windows-1256, ISO-8859-6)
chosen by charset-normalizer, whole-file or, for files that mix UTF-8 and a code page, line by line.

A declared charset is a label of the WHATWG Encoding Standard (`codec_for_label`), never a Python
codec name: a page saying `charset="rot13"`, `"base64"` or `"undefined"` declares nothing.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from functools import cache

import webencodings

from reader.errors import DecodeError, InputError, UsageError

LEGACY_ENCODINGS = ("cp1256", "iso8859_6")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"MZ",
    b"\xca\xfe\xba\xbe",
    b"SQLite format 3",
)
# Bytes that text never holds (tab, newlines, form feed and ESC excepted: scraped text does hold those).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SAMPLE = 65536


def codec_for_label(label: str) -> str | None:
    """The Python codec for a WHATWG encoding label (`"utf8"`, `" Windows-1256 "`, `"arabic"`), or
    None for anything else. The "replacement" encoding (labels such as `iso-2022-kr`, which the
    standard retires because they smuggle markup past filters) and `x-user-defined` (binary data)
    count as no label: the bytes are then read as if nothing were declared."""
    found = webencodings.lookup(label)
    if found is None or found.name in ("replacement", "x-user-defined"):
        return None
    return codecs.lookup(found.codec_info.name).name


@cache
def _text_codecs() -> frozenset[str]:
    """What `--encoding` accepts, as Python codec names: the WHATWG encodings, and UTF-16/32 with a mark."""
    names = {codec_for_label(label) for label in webencodings.LABELS}
    return frozenset(name for name in names if name) | {"utf-16", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig"}


def python_codec(name: str) -> str:
    """`--encoding NAME`: a WHATWG label or Python's name for one of those codecs, as a codec name;
    anything else (`rot13`, `base64`, `undefined`, `unicode_escape`) is a `UsageError`."""
    try:
        codec: str | None = codecs.lookup(name).name  # Python's names first: "utf-16" reads its mark
    except LookupError:
        codec = None
    if codec not in _text_codecs():
        codec = codec_for_label(name)
    if codec is None or codec not in _text_codecs():
        raise UsageError(f"unknown text encoding: {name!r} (say utf-8, windows-1256 or iso-8859-6)")
    return codec


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text read from bytes: the codec it was read with, and how many bytes were not valid in it
    and stand as U+FFFD (a file cut inside a character, a byte lost in transit)."""

    text: str
    encoding: str
    replaced: int = 0


def decode(data: bytes, encoding: str | None = None, *, declared: str | None = None) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read in (see `decode_bytes`)."""
    found = decode_bytes(data, encoding, declared=declared)
    return found.text, found.encoding


def decode_bytes(data: bytes, encoding: str | None = None, *, declared: str | None = None) -> Decoded:
    """Read `data` as text, or raise one clear `ReaderError`.

    `encoding` is the user's `--encoding` (see `python_codec`): bytes not valid in it are replaced
    and counted, never a reason to refuse the file. `declared` is a charset label the source came
    with, such as an HTTP `Content-Type` header's, used like a page's own `<meta>`. A UTF-8 file
    with a few bad bytes (at most one in twenty of its non-ASCII characters) is read with those
    bytes replaced and counted, rather than refused or misread as a code page.
    """
    if encoding:
        return _lossy(data, python_codec(encoding))
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _lossy(data, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(*utf16)
    if _is_binary(data):
        raise InputError("binary data, not an article")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        bad_offset = error.start
    for named in (codec_for_label(declared) if declared else None, _declared_charset(data)):
        if named:
            try:
                return Decoded(data.decode(named), named)
            except UnicodeDecodeError:
                pass
    damaged = _lossy(data, "utf-8")
    if _looks_like_utf8(data) and damaged.replaced * 20 <= _non_ascii(damaged.text) - damaged.replaced:
        return damaged
    legacy = _legacy(data)
    if legacy:
        return Decoded(*legacy)
    mixed = _mixed_lines(data)
    if mixed:
        return mixed
    raise DecodeError(
        f"not UTF-8 (invalid byte at offset {bad_offset}) nor Arabic in Windows-1256 or "
        "ISO-8859-6; name the encoding with --encoding (--encoding utf-8 replaces the bad bytes)"
    )


def _lossy(data: bytes, encoding: str) -> Decoded:
    """`data` in `encoding`, each invalid sequence replaced by U+FFFD and its bytes counted."""
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        pass
    _counted.bad = 0
    text = data.decode(encoding, errors=_COUNTING)
    return Decoded(text, encoding, _counted.bad)


_COUNTING = "reader-replace-and-count"
_counted = threading.local()  # the bytes `_lossy` replaced, per thread: the app decodes in workers


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)  # registered for decoding only
    _counted.bad += error.end - error.start
    return "\ufffd", error.end


codecs.register_error(_COUNTING, _replace_and_count)


# A UTF-8 sequence of two to four bytes; in a code page, such pairs are rare (a letter then a mark).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _looks_like_utf8(data: bytes) -> bool:
    """Most bytes over 0x7F belong to well-formed UTF-8 sequences: read in Windows-1256 they would
    be mojibake (`ظ…ط³ظ„` for `مسل`), however Arabic its letters look."""
    sample = data[:_SAMPLE]
    high = len(_HIGH_BYTE.findall(sample))
    in_sequences = sum(len(match) for match in _UTF8_SEQUENCE.findall(sample))
    return high > 0 and in_sequences * 2 > high


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _is_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:_SAMPLE]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return controls / len(sample) > 0.05


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text has a zero or an Arabic block byte (0x06) in every other byte."""
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4 or len(data) % 2:
        return None
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(1 for b in high if b in (0, 6)) / len(high) < 0.7:
            continue
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, name
    return None


def _plausible(text: str) -> bool:
    sample = text[:4096]
    good = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return good / max(len(sample), 1) > 0.95


_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:()\-]+)"""  # <meta charset=...>, <meta content="...; charset=...">
    rb"""|^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:()\-]+)""",  # <?xml version="1.0" encoding="..."?>
    re.IGNORECASE,
)


def _declared_charset(data: bytes) -> str | None:
    """The codec a page's own `<meta charset>` or XML declaration names, when it is a WHATWG label.

    As in the standard's prescan, a page cannot declare itself UTF-16 (its bytes were just read as
    ASCII to find the label): that label means UTF-8.
    """
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    codec = codec_for_label((match.group(1) or match.group(2)).decode("ascii"))
    return "utf-8" if codec in ("utf-16-le", "utf-16-be") else codec


def _legacy(data: bytes) -> tuple[str, str] | None:
    if _looks_like_utf8(data):
        return None
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for its import

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return None
    text = str(best)
    return (text, codecs.lookup(best.encoding).name) if _mostly_arabic(text) else None


def _mostly_arabic(text: str) -> bool:
    """Arabic letters make up most of the letters outside ASCII, and a real share of all of them.

    A French or English word in Arabic news (é, à: Maghreb papers mix French) does not count
    against it; a Latin-1 page read as Windows-1256 (é stays é, few letters turn Arabic) fails.
    """
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    non_ascii = sum(1 for c in letters if not c.isascii())
    return arabic * 3 >= non_ascii * 2 and arabic * 5 >= len(letters)


def _mixed_lines(data: bytes) -> Decoded | None:
    """Files pasted together from UTF-8 and Windows-1256 sources: decode each line on its own; a
    line that is UTF-8 with a bad byte keeps its UTF-8 reading, the byte replaced and counted."""
    lines = data.split(b"\n")
    decoded: list[str] = []
    legacy = replaced = 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if _looks_like_utf8(line):
            damaged = _lossy(line, "utf-8")
            decoded.append(damaged.text)
            replaced += damaged.replaced
            continue
        found = _legacy(line)
        if found is None:
            text = line.decode("cp1256", errors="replace")
            if not _mostly_arabic(text):
                return None
            found = (text, "cp1256")
        decoded.append(found[0])
        legacy += 1
    if legacy == len(lines):
        return None
    return Decoded("\n".join(decoded), "utf-8+cp1256" if legacy else "utf-8", replaced)
