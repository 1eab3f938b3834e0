"""Declared charsets are WHATWG labels only: a page cannot name a Python codec (issue 15, item 3).

`rot13`, `base64`, `undefined` and friends used to crash reader (LookupError, UnicodeError) or,
for `unicode_escape`, print mojibake; from the web such a label is remote input.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.errors import DecodeError, ReaderError
from reader.sources.decode import codec_for_label, decode, python_codec
from tests.conftest import ROOT

from .test_fuzz import EXAMPLES

PYTHON_ONLY = [
    "rot13",
    "rot_13",
    "base64",
    "hex",
    "zlib",
    "uu",
    "quopri",
    "bz2",
    "undefined",
    "unicode_escape",
    "raw_unicode_escape",
    "idna",
    "punycode",
    "utf-7",
    "palmos",
    "mbcs",
    "oem",
    "cp65001",
]


def test_whatwg_labels_map_to_their_codecs() -> None:
    assert codec_for_label("utf8") == "utf-8"
    assert codec_for_label("  Windows-1256 \t") == "cp1256"
    assert codec_for_label("arabic") == codec_for_label("ISO-8859-6") == codec_for_label("csISOLatinArabic")
    assert codec_for_label("latin1") == "cp1252"  # the standard reads ISO-8859-1 as windows-1252
    assert codec_for_label("iso-2022-kr") is None  # the "replacement" encoding: no label at all
    assert codec_for_label("x-user-defined") is None


@pytest.mark.parametrize("label", PYTHON_ONLY)
def test_a_python_codec_name_is_no_label(label: str) -> None:
    assert codec_for_label(label) is None
    page = f'<html><head><meta charset="{label}"></head><body><h1>عنوان</h1><p>نص المقال هنا.</p></body></html>'
    data = page.encode().replace("هنا".encode(), "هنا".encode() + b"\xff")  # not UTF-8: labels count
    try:
        _text, encoding = decode(data)
    except DecodeError:
        return
    assert label not in encoding


@pytest.mark.parametrize("label", ["rot13", "undefined", "base64", "unicode_escape", "bogus"])
def test_encoding_option_refuses_what_is_not_a_text_encoding(label: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\nنص.\n", encoding="utf-8")
    assert main(["cat", "--encoding", label, str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"reader: error: unknown text encoding: {label!r} (say utf-8, windows-1256 or iso-8859-6)\n"


def test_encoding_option_takes_labels_and_python_names() -> None:
    assert python_codec("windows-1256") == python_codec("cp1256") == "cp1256"
    assert python_codec("utf-16") == "utf-16"


_LABELS = st.one_of(
    st.sampled_from(
        [
            *PYTHON_ONLY,
            "utf-8",
            "utf-16le",
            "utf-16",
            "windows-1256",
            "iso-8859-6",
            "gbk",
            "iso-2022-jp",
            "x-user-defined",
            "replacement",
            "shift_jis",
            "koi8-r",
            "euc-kr",
        ]
    ),
    st.text(max_size=12),
)
_BOMS = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"])


def _safe(label: str) -> str:
    return "".join(char for char in label if char.isascii() and (char.isalnum() or char in "-_.:"))


@settings(max_examples=EXAMPLES // 4, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=st.binary(max_size=300),
    label=_LABELS,
    where=st.sampled_from(["header", "meta", "http-equiv", "xml", "none"]),
    bom=_BOMS,
)
def test_decoding_random_bytes_with_a_random_declared_label(body: bytes, label: str, where: str, bom: bytes) -> None:
    """Whatever the bytes and whatever they claim to be: text, or one clear line; never a traceback."""
    name = _safe(label).encode("ascii")
    prefix = {
        "meta": b'<html><head><meta charset="' + name + b'">',
        "http-equiv": b'<meta http-equiv="Content-Type" content="text/html; charset=' + name + b'">',
        "xml": b'<?xml version="1.0" encoding="' + name + b'"?>',
    }.get(where, b"")
    try:
        text, encoding = decode(bom + prefix + body, declared=label if where == "header" else None)
    except ReaderError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(text, str)
    for codec in encoding.split("+"):  # "utf-8+cp1256": a file mixing the two, line by line
        assert python_codec(codec) == codec  # a text codec of the standard, never rot13 or base64


SEED_BYTES = (ROOT / "articles" / "opec-plus-output-cut.txt").read_bytes()


def test_a_file_cut_inside_a_character_is_read_with_a_one_line_warning(tmp_path: Path, capsys) -> None:
    """`head -c 3000` of a sample: every whole word shown, the cut character counted (item 10)."""
    cut = SEED_BYTES[:3000]
    assert cut[-1] >= 0x80, "the cut falls inside a character"
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    assert main(["cat", "--all", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"reader: warning: {str(path)!r}: 1 byte not valid utf-8 shown as \ufffd\n"
    whole = cut.decode("utf-8", errors="ignore").split()[:-1]
    assert " ".join(captured.out.split()).count(" ".join(whole[-20:])) == 1


def test_encoding_utf_8_reads_any_bytes_and_counts_the_bad_ones(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("عنوان\n\nنص".encode() + b"\xff\xfe" + " المقال.\n".encode())
    assert main(["cat", "--encoding", "utf-8", str(path)]) == 0
    captured = capsys.readouterr()
    assert "نص\ufffd\ufffd المقال" in captured.out
    assert captured.err.endswith("2 bytes not valid utf-8 shown as \ufffd\n") and captured.err.count("\n") == 1


def test_utf_8_arabic_is_never_read_as_windows_1256_mojibake() -> None:
    line = "مسلمون في البلد".encode()
    damaged = line.replace("مسل".encode(), "مسل".encode()[:-1])
    text, encoding = decode(damaged)
    assert encoding == "utf-8" and "ظ" not in text and "في البلد" in text


def test_windows_1256_with_french_words_is_arabic() -> None:
    """Maghreb news mixes French: 8 accented Latin letters among Arabic ones (item 11)."""
    text = "قال الوزير إن الحكومة ستعمل على تحسين الوضع في البلاد خلال الأشهر المقبلة وأضاف أن café à la française très répandu"
    decoded, encoding = decode(text.encode("cp1256"))
    assert decoded == text and encoding == "cp1256"


def test_latin_1_french_is_not_taken_for_arabic() -> None:
    with pytest.raises(DecodeError):
        decode("Le café est à côté de l'église. Où êtes-vous? Très bien, merci.".encode("latin-1"))
