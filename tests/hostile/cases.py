"""Hostile and broken inputs, generated here rather than stored as binary files.

Each case writes its input under a temporary folder and says what reader must do with it: open
it (`ok`), refuse it with one line (`error`), or either (`either`: refusing is as right as showing).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ARABIC = "في إطار تأكيد جديد يعكس عمق العلاقات بين روسيا وبيلاروسيا أعلن وزير الخارجية"
TITLE = "عنوان المقال"


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the input class, as TESTING.md lists them
    make: Callable[[Path], str]  # writes the input, returns the path to give reader
    expect: Literal["ok", "error", "either"] = "ok"
    bound: float = 20.0  # seconds a command may take on it
    payloads: tuple[str, ...] = ()  # strings that must never reach any output
    literals: tuple[str, ...] = ()  # strings that plain output must show exactly as written
    in_app: bool = True  # also opened in the app (tests/hostile/test_app.py); off where loading is all that differs


def _file(name: str, data: bytes | str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    return make


def _article(body: str) -> str:
    return f"{TITLE}\n\n{ARABIC}.\n{body}\n{ARABIC}.\n"


OSC52 = "\x1b]52;c;aGFja2VkIGNsaXBib2FyZA==\x07"
CASES: list[Case] = [
    # Terminal control
    Case(
        "csi clear screen",
        "terminal control",
        _file("csi.txt", _article("مسح \x1b[2J\x1b[H الشاشة \x1b[31mأحمر\x1b[0m.")),
        payloads=("\x1b",),
    ),
    Case(
        "osc 52 clipboard",
        "terminal control",
        _file("osc52.txt", _article(f"حافظة {OSC52} هنا.")),
        payloads=("aGFja2VkIGNsaXBib2FyZA",),
    ),
    Case(
        "osc 8 hyperlink",
        "terminal control",
        _file("osc8.txt", _article("رابط \x1b]8;;http://evil.example\x1b\\اضغط\x1b]8;;\x1b\\ هنا.")),
        payloads=("evil.example",),
    ),
    Case("dcs", "terminal control", _file("dcs.txt", _article("أمر \x1bP+q544e\x1b\\ مخفي."))),
    Case(
        "raw c1 bytes",
        "terminal control",
        _file("c1raw.txt", _article("x").encode() + b"\x9b2J\x9d0;t\x07\n"),
        expect="either",
    ),
    Case("utf-8 encoded c1", "terminal control", _file("c1.txt", _article("تحكم \u009b2J و\u009d52;c;eA==\u009c نص."))),
    Case(
        "nul bel backspace cr",
        "terminal control",
        _file("nul.txt", _article("صفر\x00 جرس\x07 رجوع\x08\x08 سطر\rمكتوب فوقه.")),
    ),
    # Markup
    Case(
        "rich and textual markup",
        "markup",
        _file(
            "markup.txt",
            _article("[bold]غامق[/bold] [/] [link=file:///etc/passwd]رابط[/link] [@click=app.quit]خروج[/] [red"),
        ),
        literals=("[bold]غامق[/bold] [/] [link=file:///etc/passwd]رابط[/link] [@click=app.quit]خروج[/] [red",),
    ),
    Case(
        "unbalanced brackets",
        "markup",
        _file("brackets.txt", _article("]]] [[[ [/not] [b [i]نص[/b] (( «» ))")),
        literals=("]]] [[[ [/not] [b [i]نص[/b] (( «» ))",),
    ),
    # Bidi and invisible characters
    Case(
        "bidi overrides",
        "bidi",
        _file("rlo.txt", _article("مرحبا \u202eabc\u202c و\u202dعكس\u202c \u2066x\u2069 \u200f.")),
    ),
    Case(
        "bidi nested 200 deep",
        "bidi",
        _file("deep.txt", _article("\u202b" * 200 + "نص" + "\u202c" * 200 + "\u2067" * 200)),
    ),
    Case(
        "tag characters and deprecated format characters",
        "bidi",
        _file(
            "tags.txt",
            _article("نص" + "".join(chr(0xE0000 + ord(c)) for c in "ignore all rules") + " و\u206a\u206fكلمة"),
        ),
    ),
    Case(
        "zero width and zwj",
        "bidi",
        _file("zw.txt", _article("ك\u200dلمة م\u200cنفصلة \u200b\u2060 تطويـــــــــــــــــل \u200dلا")),
    ),
    Case("only harakat", "bidi", _file("harakat.txt", "\u064e\u064f\u0650\u0651\u0652\n\n\u064b\u064c\u064d\n")),
    Case("harakat on latin", "bidi", _file("latinharakat.txt", _article("a\u064eb\u0650c \u0651x"))),
    # Encoding
    Case(
        "invalid utf-8",
        "encoding",
        _file("invalid.txt", b"\xff\xfe\xfd" + "نص".encode() + b"\xc3\x28\xa0\xa1"),
        expect="either",
    ),
    Case(
        "utf-8 mixed with windows-1256",
        "encoding",
        _file("mixed.txt", _article("سطر").encode() + "سطر بترميز ويندوز\n".encode("cp1256")),
    ),
    Case("bom in the middle", "encoding", _file("midbom.txt", _article("قبل\ufeffبعد"))),
    Case(
        "utf-8 cut inside a character",
        "encoding",
        _file("cut.txt", (TITLE + "\n\n" + ARABIC + " " + ARABIC).encode()[:-1]),
        in_app=False,
    ),
    Case(
        "utf-8 with a byte missing in a short line",
        "encoding",
        _file("missing.txt", _article("مسلمون").encode().replace("مسل".encode(), "مسل".encode()[:-1])),
        payloads=("ظ…", "ط³"),  # the Windows-1256 reading of UTF-8 Arabic,
        in_app=False,
    ),
    Case(
        "windows-1256 with french words",
        "encoding",
        _file("maghreb.cp1256.txt", _article("قال إن café à la française très répandu هنا").encode("cp1256")),
        in_app=False,
    ),
    Case("utf-16 without bom", "encoding", _file("utf16.txt", _article("نص").encode("utf-16-le"))),
    Case(
        "presentation forms reversed",
        "encoding",
        _file(
            "pdf.txt",
            "\ufeaa\ufef3\ufeaa\ufe9f \ufead\ufe8e\ufec3\ufe87 \ufef2\ufed3\n\n\ufeea\ufe92\ufee4\ufedf\ufe8e\n",
        ),
    ),
    # Size
    Case("1 MB line without a space", "size", _file("longline.txt", TITLE + "\n\n" + "ب" * 1_000_000 + "\n"), bound=60),
    Case(
        "100000 one-word paragraphs",
        "size",
        _file("manyparas.txt", TITLE + "\n\n" + "\n".join(f"كلمة{i % 97}" for i in range(100_000)) + "\n"),
        bound=60,
    ),
    Case("file over the size limit", "size", _file("huge.txt", b"x"), expect="error"),  # given --max-size 0
    Case("dev zero", "size", lambda folder: "/dev/zero", expect="error"),
    Case("fifo", "size", lambda folder: _fifo(folder), expect="error"),  # noqa: PLW0108 - defined below the table
    # HTML
    Case(
        "html nested 10000 deep",
        "html",
        _file(
            "deep.html",
            "<html><body><article><h1>عنوان</h1>"
            + "<div>" * 10_000
            + "<p>نص عميق.</p>"
            + "</div>" * 10_000
            + "</article></body></html>",
        ),
    ),
    Case(
        "html script style iframe",
        "html",
        _file(
            "scripts.html",
            "<html><head><script>document.write('سكربت')</script><style>p{}</style></head><body>"
            "<iframe src='x'>إطار</iframe><article><h1>عنوان</h1><p>نص المقال.</p><script>alert('x')</script></article></body></html>",
        ),
        payloads=("سكربت", "alert"),
    ),
    Case(
        "html entities for bidi controls",
        "html",
        _file(
            "entities.html",
            "<html><body><h1>عنوان</h1><p>نص &#x202e;معكوس&#x202c; و&#27;[2J و&lt;b&gt;.</p></body></html>",
        ),
    ),
    Case(
        "meta charsets naming python codecs",
        "html",
        lambda folder: _codec_pages(folder),  # noqa: PLW0108 - defined below the table
        literals=("نص المقال",),
        payloads=("ظ…", "ط§"),
        in_app=False,
    ),
    Case(
        "html without an article",
        "html",
        _file("empty.html", "<html><head><script>x()</script></head><body><nav>قائمة</nav></body></html>"),
        expect="error",
    ),
    Case(
        "unclosed html comment",
        "html",
        _file("comment.html", "<html><body><h1>عنوان</h1><p>نص المقال.</p><!-- سر مخفي <p>تعليق</p></body></html>"),
        payloads=("سر مخفي", "تعليق"),  # a browser shows none of it: the comment runs to the end
        literals=("نص المقال.",),
        in_app=False,
    ),
    # Markdown and structure
    Case(
        "markdown quotes 20 deep", "markdown", _file("quotes.md", "# ع\n\n" + ">" * 20 + " كلمة\n\nبعد\n"), in_app=False
    ),
    Case(
        "markdown list 60 deep",
        "markdown",
        _file("list.md", "# عنوان\n" + "".join("  " * i + f"- بند{i}\n" for i in range(60)) + "\nبعد\n"),
        in_app=False,
    ),
    Case(
        "markdown quotes 500 deep",
        "markdown",
        _file("quotes500.md", "# ع\n\n" + "> " * 500 + "كلمة\n\nبعد\n"),
        in_app=False,
    ),
    Case(
        "1 MB of [ in markdown",
        "size",
        _file("brackets.md", "# عنوان\n\n" + "[" * 1_000_000 + "\n\nكلمة\n"),
        bound=20,  # it took 25 s to read, and 20 more to tag in JSON: now a few seconds for both
    ),
    Case(
        "whole article on one line",
        "structure",
        _file("oneline.txt", " ".join([f"{ARABIC} رقم {i}." for i in range(1500)]) + "\n"),
    ),
    # Other scripts
    Case(
        "pure latin", "other scripts", _file("latin.txt", "A Title\n\nPlain English text, with (brackets) and 2024.\n")
    ),
    Case("hebrew", "other scripts", _file("hebrew.txt", "כותרת\n\nשלום עולם, זה טקסט בעברית (עם סוגריים).\n")),
    Case(
        "persian and urdu letters", "other scripts", _file("persian.txt", _article("پ چ ژ گ ی ک گزارش خبرگزاری ایران"))
    ),
    Case("cjk", "other scripts", _file("cjk.txt", _article("中文新闻 日本語 한국어"))),
    Case("emoji zwj sequences", "other scripts", _file("emoji.txt", _article("👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 علم"))),
    # Paths
    Case("name with spaces", "paths", _file("a name with spaces.txt", _article("نص"))),
    Case("arabic name", "paths", _file("مقال عربي.txt", _article("نص"))),
    Case("name with a newline", "paths", _file("bad\nname.txt", _article("نص"))),
    Case("leading dash", "paths", lambda folder: _dash(folder)),  # noqa: PLW0108 - defined below the table
    Case("unreadable file", "paths", lambda folder: _unreadable(folder), expect="either"),  # noqa: PLW0108 - defined below the table
    Case("symlink loop in a folder", "paths", lambda folder: _loop_folder(folder)),  # noqa: PLW0108 - defined below the table
    Case(
        "symlink out of a folder",
        "paths",
        lambda folder: _link_out(folder, "/proc/self/environ"),
        expect="error",
        payloads=("READER_STATE_DIR", "PATH="),
    ),
    Case(
        "symlink within a folder",
        "paths",
        lambda folder: _link_within(folder),  # noqa: PLW0108 - defined below the table,
        in_app=False,
    ),
]


PYTHON_CODECS = ("rot13", "base64", "hex", "zlib", "uu", "quopri", "bz2", "undefined", "unicode_escape")


def _codec_pages(folder: Path) -> str:
    """A folder of pages that are not valid UTF-8 (one stray byte), each naming a Python codec."""
    pages = folder / "codecs"
    pages.mkdir()
    for label in PYTHON_CODECS:
        page = f'<html><head><meta charset="{label}"></head><body><h1>عنوان {label}</h1><p>نص المقال هنا.</p></body></html>'
        (pages / f"{label}.html").write_bytes(page.encode().replace("هنا".encode(), "هنا".encode() + b"\xff"))
    return str(pages)


def _fifo(folder: Path) -> str:
    path = folder / "fifo.txt"
    os.mkfifo(path)
    return str(path)


def _dash(folder: Path) -> str:
    path = folder / "-dash.txt"
    path.write_text(_article("نص"), encoding="utf-8")
    return "./" + os.path.relpath(path)


def _unreadable(folder: Path) -> str:
    path = folder / "secret.txt"
    path.write_text(_article("نص"), encoding="utf-8")
    path.chmod(0)
    return str(path)


def _loop_folder(folder: Path) -> str:
    inner = folder / "looped"
    inner.mkdir()
    (inner / "a.txt").write_text(_article("نص"), encoding="utf-8")
    (inner / "loop.txt").symlink_to(inner / "loop.txt")
    (inner / "sub").symlink_to(inner)
    return str(inner)


def _link_out(folder: Path, target: str) -> str:
    inner = folder / "linked"
    inner.mkdir()
    (inner / "a.txt").write_text(_article("نص"), encoding="utf-8")
    (inner / "env.txt").symlink_to(target)
    return str(inner)


def _link_within(folder: Path) -> str:
    inner = folder / "within"
    inner.mkdir()
    (inner / "a.txt").write_text(_article("نص"), encoding="utf-8")
    (inner / "b.txt").symlink_to("a.txt")
    return str(inner)
