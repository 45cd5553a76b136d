"""tokenizer_text.py: the text spaCy's tokenizer sees keeps every offset and loses only the
shapes that make the tokenizer quadratic."""

import pytest

from entity_lens.tokenizer_text import RUN_KEEP, SYMBOLS_PER_CHUNK, tokenizer_text


@pytest.mark.parametrize("text", [
    "Kaja Kallas met Olaf Scholz in Tallinn (Estonia) on Monday.",
    "U.S. GDP rose 2.5% — “a surprise”, said J.P. Morgan's economist.",
    "ภาษาไทยเขียนติดกันโดยไม่มีช่องว่าง",
    "",
])
def test_prose_is_left_alone(text):
    assert tokenizer_text(text) == text


def test_a_long_symbol_run_keeps_its_ends():
    run = ")" * 50
    assert tokenizer_text("Alphabet" + run) == (
        "Alphabet" + ")" * RUN_KEEP + " " * (50 - 2 * RUN_KEEP) + ")" * RUN_KEEP)
    # Up to twice RUN_KEEP symbols in a row is ordinary punctuation.
    assert tokenizer_text("Wait!!!!!!!!") == "Wait!!!!!!!!"


def test_a_space_free_chunk_gets_a_space_every_few_symbols():
    chain = "A" + "'s" * 100
    out = tokenizer_text(chain)
    assert len(out) == len(chain)
    assert out.count(" ") == 100 // SYMBOLS_PER_CHUNK
    assert max(len(chunk) for chunk in out.split()) <= 2 * SYMBOLS_PER_CHUNK


@pytest.mark.parametrize("text", ["'" * 500, "US$" * 300, "👨\u200d" * 200, "_#" * 400,
                                  "https://x.example/a/b" + ")" * 300])
def test_every_change_is_one_character_for_one_space(text):
    out = tokenizer_text(text)
    assert len(out) == len(text)
    assert all(o == t or o == " " for o, t in zip(out, text))
    assert out != text
