"""Nothing is lost: every word of the input is in `reader cat --all`, in order."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.sources import load_path, load_text
from reader.structure import build_article
from reader.writers.markdown import markdown_text
from reader.writers.plain import plain_text

from .conftest import ARTICLES

WORD = re.compile(r"[\w٠-٩]+")

arabic_word = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة", min_size=1, max_size=8)
other_word = st.sampled_from(["2024", "٢٠٢٤", "(NATO)", "«قال»", "3.5%", "OPEC+", "الحلقة", "شاهد:", "اقرأ", "أيضا"])
word = st.one_of(arabic_word, arabic_word, arabic_word, other_word)
line = st.lists(word, min_size=1, max_size=40).map(" ".join)
bullet = line.map(lambda text: f"- {text}")
text_line = st.one_of(line, line, line, bullet, st.just(""))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def in_order(needles: list[str], haystack: list[str]) -> bool:
    position = iter(haystack)
    return all(any(word == candidate for candidate in position) for word in needles)


@settings(max_examples=150, deadline=None)
@given(title=line, body=st.lists(text_line, min_size=0, max_size=25), repeat_title=st.booleans())
def test_every_input_word_is_in_cat_all_in_order(title: str, body: list[str], repeat_title: bool) -> None:
    text = "\n".join([title, "", *([title] if repeat_title else []), *body]) + "\n"
    article = build_article(load_text(text, source="generated.txt"))
    assert in_order(words(text), words(plain_text(article, with_noise=True)))
    assert in_order(words(text), words(markdown_text(article, with_noise=True)))


def test_every_word_of_every_sample_article_survives_cat_all() -> None:
    for path in sorted(ARTICLES.glob("*.txt")):
        article = build_article(load_path(str(path)))
        source = path.read_bytes().decode(article.encoding)
        assert in_order(words(source), words(plain_text(article, with_noise=True))), path.name
