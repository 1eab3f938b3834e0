"""`reader cat` streams: article by article, and within an article part by part (issue 15, item 17).

What is printed as it is read must be what the whole article prints, byte for byte: the property
tests hold the streamed writers to the whole-article ones, and the subprocess tests measure when
the first line arrives and that a pipe closed early (`| head -1`) ends the run quietly.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import InputError
from reader.flow import flow, stream_flow
from reader.layout import BidiMode
from reader.sources import load_text, stream_text
from reader.sources.plain import _hard_wrapped
from reader.structure import build_article, stream_article
from reader.writers.markdown import markdown_pieces, markdown_text
from reader.writers.plain import plain_pieces, plain_text
from reader.writers.visual import VisualOptions, visual_pieces, visual_text
from tests.conftest import ARTICLES, ROOT

from .cases import _article

WORDS = [
    "في",
    "إطار",
    "تأكيد",
    "جديد",
    "يعكس",
    "عمق",
    "العلاقات",
    "بين",
    "روسيا",
    "وبيلاروسيا",
    "أعلن",
    "وزير",
    "الخارجية",
    "a",
]
# Line starts and ends that structure and Markdown read differently: bullets, headings, quotes,
# fences, comments, link bait, sentence ends; and controls, presentation forms and line breaks
# that cleaning changes.
STARTS = ["", "", "", "- ", "* ", "# ", "## ", "> ", "1. ", "```", "<!-- ", "<p>", "اقرأ أيضا ", "[", "  ", "\x1b[2J"]
ENDS = ["", "", ".", ":", "،", " -->", "]", "\u202e", "ﻻ", "\r"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 30))):
        count = draw(st.sampled_from([0, 1, 1, 2, 3, 5, 8, 13, 25, 40]))
        words = " ".join(draw(st.sampled_from(WORDS)) for _ in range(count))
        lines.append(draw(st.sampled_from(STARTS)) + words + draw(st.sampled_from(ENDS)))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


def _streamed(text: str, source: str):  # type: ignore[no-untyped-def]
    return stream_article(stream_text(text, source=source))


@settings(max_examples=300, deadline=None)
@given(texts(), st.sampled_from(["x.txt", "x.md"]), st.booleans())
def test_streamed_output_equals_the_whole_articles(text: str, source: str, with_noise: bool) -> None:
    try:
        article = build_article(load_text(text, source=source))
    except InputError:  # no article text: the stream refuses it as soon as it is opened
        with pytest.raises(InputError):
            stream_text(text, source=source)
        return
    assert list(stream_flow(_streamed(text, source).parts, with_noise)) == list(flow(article, with_noise))
    assert "".join(plain_pieces(_streamed(text, source), with_noise)) == plain_text(article, with_noise)
    assert "".join(markdown_pieces(_streamed(text, source), with_noise)) == markdown_text(article, with_noise)
    for options in (VisualOptions(23), VisualOptions(40, BidiMode.TERMINAL, "strip")):
        streamed = "".join(visual_pieces(_streamed(text, source), options, with_noise))
        assert streamed == visual_text(article, options, with_noise)


def test_streamed_output_equals_the_whole_articles_for_the_samples() -> None:
    for path in sorted(ARTICLES.glob("*.*")):
        if path.suffix not in (".txt", ".md", ".html"):
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        article = build_article(load_text(text, source=path.name))
        for with_noise in (False, True):
            assert "".join(plain_pieces(_streamed(text, path.name), with_noise)) == plain_text(article, with_noise)
            streamed = "".join(visual_pieces(_streamed(text, path.name), VisualOptions(60), with_noise))
            assert streamed == visual_text(article, VisualOptions(60), with_noise)


def _sorted_median_rule(lines: list[str]) -> bool:
    """The hard-wrap rule as first written, by a sort, which the counting version must equal."""
    kept = [line.strip() for line in lines if line.strip()]
    if len(kept) < 6:
        return False
    lengths = sorted(map(len, kept))
    median = (lengths[len(lengths) // 2] + lengths[~(len(lengths) // 2)]) / 2
    return 40 <= median <= 100 and lengths[-1] <= 120


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 20, 39, 40, 41, 60, 70, 100, 101, 119, 120, 121, 200]), max_size=20))
def test_hard_wrap_by_counting_lengths_equals_the_sorted_median(lengths: list[int]) -> None:
    lines = [("ب" * length).center(length + 2) for length in lengths]
    assert _hard_wrapped(lines) == _sorted_median_rule(lines)


def _first_line_and_whole(args: list[str]) -> tuple[bytes, float, float, int, bytes]:
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "reader", "cat", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        first_at = time.perf_counter() - started
        process.stdout.read()
        process.wait(timeout=240)
        return first, first_at, time.perf_counter() - started, process.returncode, process.stderr.read()


def test_cat_writes_each_article_before_reading_the_next(tmp_path: Path) -> None:
    folder = tmp_path / "art"
    folder.mkdir()
    (folder / "a.txt").write_text(_article("أول"), encoding="utf-8")
    (folder / "b.txt").write_text("عنوان\n\n" + "\n".join("ب" for _ in range(300_000)) + "\n", encoding="utf-8")
    first, first_at, whole, status, err = _first_line_and_whole([str(folder)])
    assert first.decode() == "عنوان المقال\n"
    assert status == 0 and err == b""
    assert first_at < whole / 2, f"first line after {first_at:.1f}s of {whole:.1f}s"


def test_one_letter_lines_print_their_first_line_before_the_rest_is_read(tmp_path: Path) -> None:
    """`yes a | head -3000000 > f.txt; reader cat f.txt | head -1` took 34 s (a tenth of it here)."""
    path = tmp_path / "f.txt"
    path.write_text("a\n" * 300_000, encoding="utf-8")
    for visual in ([], ["--visual", "--bidi", "app", "--width", "40"]):
        first, first_at, whole, status, err = _first_line_and_whole([*visual, str(path)])
        assert first == b"a\n" and status == 0 and err == b""
        assert first_at < whole / 3, f"{visual}: first line after {first_at:.1f}s of {whole:.1f}s"


def test_a_megabyte_of_brackets_in_markdown_streams(tmp_path: Path) -> None:
    path = tmp_path / "brackets.md"
    path.write_text("# عنوان\n\n" + "[" * 1_000_000 + "\n\n" + "\n\n".join(["كلمة"] * 100_000) + "\n", encoding="utf-8")
    first, first_at, whole, status, err = _first_line_and_whole(["--format", "markdown", str(path)])
    # Read as plain text (see sources/markdown.py), the `#` is the title's own character, escaped
    assert first.decode() == "# \\# عنوان\n" and status == 0 and err == b""
    assert first_at < whole / 2, f"first line after {first_at:.1f}s of {whole:.1f}s"


def test_a_pipe_closed_after_the_first_line_ends_quietly(tmp_path: Path) -> None:
    """`reader cat f.txt | head -1`: exit 0, nothing on standard error, long before the end."""
    path = tmp_path / "f.txt"
    path.write_text("a\n" * 1_000_000, encoding="utf-8")
    started = time.perf_counter()
    head = subprocess.run(
        f"'{sys.executable}' -m reader cat '{path}' 2>'{tmp_path / 'err'}' | head -1; echo \"${{PIPESTATUS[0]}}\"",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        cwd=ROOT,
        timeout=240,
        check=True,
    )
    early = time.perf_counter() - started
    assert head.stdout == b"a\n0\n"
    assert (tmp_path / "err").read_bytes() == b""
    _first, _at, whole, _status, _err = _first_line_and_whole([str(path)])
    assert early < whole / 2, f"head -1 took {early:.1f}s, the whole {whole:.1f}s"


def test_a_run_of_marks_is_left_out_of_tagging_and_the_words_around_it_keep_their_entities() -> None:
    """JSON of 1 MB of `[` spent 20 s tagging a million marks one by one; a run of more than 50 is
    no text (an entity holds none), so it is cut out and ends the sentence before it."""
    from reader.entities import find_entities

    before = "أعلن وزير الخارجية الروسي سيرغي لافروف في موسكو"
    after = "وقال رئيس بيلاروسيا ألكسندر لوكاشينكو في مينسك"
    expected = [(e.text, e.type) for e in find_entities(f"{before}.\n{after}")]
    assert expected  # the check below could not fail on text without entities
    started = time.perf_counter()
    found = find_entities(f"{before}.\n{'[' * 1_000_000}\n{after}")
    assert time.perf_counter() - started < 15
    assert [(e.text, e.type) for e in found] == expected
    from reader.entities.crf import sentences
    from reader.entities.tokens import tokenize

    for marks, kept in ((50, 50), (51, 0)):  # 50 marks in a row are still read, 51 are not
        text = f"{before} {'- ' * marks}{after}"
        read = [token.text for sentence in sentences(text, tokenize(text)) for token in sentence]
        assert read == [token.text for token in tokenize(before)] + ["-"] * kept + after.split()
