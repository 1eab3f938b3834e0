"""A fuzz target over the whole pipeline: bytes -> text -> article -> entities -> visual lines.

`make test` runs a bounded number of examples; `make fuzz` runs many more
(READER_FUZZ_EXAMPLES). Whatever it finds becomes a named regression test in tests/hostile/.
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.entities import find_entities
from reader.errors import ReaderError
from reader.layout import layout_paragraph
from reader.sources import load_text
from reader.sources.decode import decode
from reader.structure import build_article

EXAMPLES = int(os.environ.get("READER_FUZZ_EXAMPLES", "2000"))

pieces = st.sampled_from(
    [
        "في",
        "إطار",
        "لافروف",
        "الأمم المتحدة",
        "وبيلاروسيا",
        "(NATO)",
        "«قال»",
        "2024",
        "٢٠٢٤",
        " ",
        "\n",
        "\n\n",
        "- ",
        "# ",
        "<p>",
        "</p>",
        "<h1>",
        "[bold]",
        "[/]",
        "\x1b[2J",
        "\x1b]52;c;eA==\x07",
        "\u202e",
        "\u2067",
        "\u200d",
        "لا",
        "\u064e",
        "ـــ",
        "ﻻ",
        "\ufdf2",
        "(",
        ")",
        "[",
        "]",
        ".",
        "،",
        "؟",
        "\t",
        "\r",
        "\x00",
        "\x9b",
        "abc",
        "שלום",
        "پچژگ",
        "中文",
        "👩\u200d👩\u200d👧",
        "\ufeff",
        "\u0670",
        "الله",
    ]
)
texts = st.one_of(st.lists(pieces, max_size=60).map("".join), st.text(max_size=200))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=texts, source=st.sampled_from(["a.txt", "a.md", "a.html", "-"]), width=st.integers(1, 120))
def test_pipeline_never_fails_on_text(text: str, source: str, width: int) -> None:
    try:
        article = build_article(load_text(text, source=source))
    except ReaderError:
        return
    for paragraph in [article.title, *(p.text for _, _, p in article.paragraphs())]:
        for entity in find_entities(paragraph):
            assert paragraph[entity.start : entity.end] == entity.text
        for line in layout_paragraph(paragraph, width):
            # Only a single glyph too wide for the window (a wide character, an emoji ZWJ sequence,
            # which the layout never splits) may stand past the width.
            assert line.cells <= width or _one_glyph(paragraph[line.start : line.end])


@settings(max_examples=EXAMPLES // 4, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_one_clear_error(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except ReaderError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(text, str) and encoding


def test_an_emoji_with_a_skin_tone_is_one_glyph_past_a_one_cell_width() -> None:
    """Found by the fuzzer: the layout keeps an emoji and its modifier together, as a terminal draws them."""
    (line,) = layout_paragraph("\U0001f400\U0001f3fb", 1)
    assert line.cells == 2 and _one_glyph("\U0001f400\U0001f3fb")
    assert not _one_glyph("\U0001f400\U0001f400")


_EMOJI_MODIFIERS = ("\U0001f3fb", "\U0001f3ff")  # Fitzpatrick skin tones: they join the emoji before them


def _one_glyph(text: str) -> bool:
    """One base character with its marks, or an emoji sequence (ZWJ-joined, or with a skin-tone modifier)."""
    bases = [
        char
        for index, char in enumerate(text.strip())
        if unicodedata.category(char) not in ("Mn", "Me", "Cf")
        and not _EMOJI_MODIFIERS[0] <= char <= _EMOJI_MODIFIERS[1]
        and not (index and text.strip()[index - 1] == "\u200d")
    ]
    return len(bases) <= 1
