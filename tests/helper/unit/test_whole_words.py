import re

from hypothesis import given
from hypothesis import strategies as st

from entity_lens.whole_words import contains_words

# Letters, digits, the underscore, spaces, punctuation and accented letters: the cases `\w` sees.
_CHARS = st.sampled_from(list("ab_ 1é-.’Ω") + ["\u00a0"])


def test_finds_a_phrase_between_non_word_characters():
    assert contains_words("Talks with Putin, then", "Putin")
    assert contains_words("Putin", "Putin")
    assert contains_words("«Zelensky»", "Zelensky")


def test_a_phrase_inside_a_longer_word_is_not_found():
    assert not contains_words("Putinism grows", "Putin")
    assert not contains_words("pre_Putin", "Putin")
    assert not contains_words("Élysée2", "Élysée")


def test_a_later_occurrence_counts_when_the_first_is_inside_a_word():
    assert contains_words("Parisian Paris", "Paris")


def test_an_empty_phrase_is_never_found():
    assert not contains_words("anything", "")


@given(st.text(_CHARS, max_size=12), st.text(_CHARS, min_size=1, max_size=3))
def test_agrees_with_the_regular_expression_it_replaces(text, phrase):
    expected = bool(re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))
    assert contains_words(text, phrase) == expected
