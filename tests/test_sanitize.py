import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.sanitize import is_clean, neutralise


def test_escape_sequences_go_whole_with_their_payload() -> None:
    assert neutralise("a\x1b[2J\x1b[31mb") == "ab"
    assert neutralise("x\x1b]52;c;SGVsbG8=\x07y") == "xy"
    assert neutralise("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\z") == "xlinkz"
    assert neutralise("a\x1bP+q544e\x1b\\b") == "ab"


def test_c1_controls_raw_and_as_sequences() -> None:
    assert neutralise("a\x9b2Jb") == "ab"
    assert neutralise("a\x9d52;c;eA==\x9cb") == "ab"
    assert neutralise("a\x85b\x80c") == "abc"


def test_an_unterminated_osc_stops_at_the_end_of_its_line() -> None:
    assert neutralise("a\x1b]52;c;payload\nnext line") == "a\nnext line"


def test_bidi_controls_and_c0_are_removed_and_newlines_kept() -> None:
    assert neutralise("\u202eabc\u202c \u2067x\u2069 \u200f\u200e\u061c") == "abc x "
    assert neutralise("a\x00b\x07c\x08d\ne") == "abcd\ne"


def test_show_controls_makes_each_visible() -> None:
    assert neutralise("a\x1b[2Jb\x00", show=True) == "a␛[2Jb␀"
    assert neutralise("\u202eabc", show=True) == "<U+202E>abc"


def test_clean_text_is_returned_unchanged() -> None:
    text = "نص عربي [bold] (NATO) 2024"
    assert is_clean(text) and neutralise(text) is text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [
                "a",
                "ب",
                " ",
                "\n",
                "\t",
                "\u00a0",
                "\u200c",
                "\u200d",
                "\u2028",
                "\x1b",
                "\x85",
                "\u202e",
                "\ufeff",
                "\U0001f600",
                "\ud800",
            ]
        ),
        max_size=12,
    )
)
def test_the_printable_shortcut_never_calls_dirty_text_clean(text: str) -> None:
    from reader.layout import sanitised
    from reader.sanitize import CONTROLS

    assert is_clean(text) == (re.search(f"[{CONTROLS}]", text) is None)
    assert (sanitised(text)[0] is text) == (re.search(f"[\t\u2028\u2029{CONTROLS}]", text) is None)
