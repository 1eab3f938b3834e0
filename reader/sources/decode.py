"""Bytes to text: UTF-8 first, then the encodings Arabic files really come in.

Order: an explicit `--encoding`; a byte-order mark (UTF-8, UTF-16, UTF-32); binary data is refused;
strict UTF-8; UTF-16 without a mark; then the legacy Arabic code pages (Windows-1256, ISO-8859-6)
chosen by charset-normalizer, whole-file or, for files that mix UTF-8 and a code page, line by line.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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


def decode(data: bytes, encoding: str | None = None, *, declared: str | None = None) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read in.

    `declared` is a charset label the source came with, such as an HTTP `Content-Type` header's,
    used like a page's own `<meta>`.
    """
    if encoding:
        return _decode_as(data, encoding), codecs.lookup(encoding).name
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name), name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if _is_binary(data):
        raise InputError("binary data, not an article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        bad_offset = error.start
    for named in (_codec(declared) if declared else None, _declared_charset(data)):
        if named:
            try:
                return data.decode(named), named
            except UnicodeDecodeError:
                pass
    legacy = _legacy(data)
    if legacy:
        return legacy
    mixed = _mixed_lines(data)
    if mixed:
        return mixed
    raise DecodeError(
        f"not UTF-8 (invalid byte at offset {bad_offset}) nor Arabic in Windows-1256 or "
        "ISO-8859-6; name the encoding with --encoding"
    )


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding: {encoding}") from None
    except UnicodeDecodeError as error:
        raise DecodeError(f"not valid {encoding}: bad byte at offset {error.start}") from None


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


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """An HTML page's own `<meta charset>`, when Python knows it."""
    match = _CHARSET.search(data[:4096])
    return _codec(match.group(1).decode("ascii")) if match else None


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _legacy(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for its import

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return None
    text = str(best)
    return (text, codecs.lookup(best.encoding).name) if _mostly_arabic(text) else None


def _mostly_arabic(text: str) -> bool:
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    odd = sum(1 for c in letters if unicodedata.category(c) != "Lo" and not c.isascii())
    return arabic / len(letters) > 0.5 and odd / len(letters) < 0.02


def _mixed_lines(data: bytes) -> tuple[str, str] | None:
    """Files pasted together from UTF-8 and Windows-1256 sources: decode each line on its own."""
    lines = data.split(b"\n")
    decoded: list[str] = []
    legacy = 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
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
    return "\n".join(decoded), "utf-8+cp1256"
