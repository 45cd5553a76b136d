"""Entity spans: trimmed edges, model choice."""

import pytest

from entity_lens.entities import (EMBEDDED_MODEL, ModelNotFound, Recognizer, choose_model,
                                  clean_span, parse_model_spec)


@pytest.mark.parametrize("text, expected", [
    ("“Putin”", "Putin"),
    ("(NATO)", "NATO"),
    ("[Vladimir] Putin", "Vladimir] Putin"),
    ("Russia’s", "Russia"),
    ("Russia's", "Russia"),
    ("U.S.", "U.S."),
    ("Acme Inc.", "Acme Inc."),
    ("London,", "London"),
    ("'Ada Lovelace'.", "Ada Lovelace"),
    ("—Paris—", "Paris"),
    ("Digital Intuition®", "Digital Intuition"),  # a trade mark sign is no part of the name
])
def test_clean_span_trims_edges(text, expected):
    mention = clean_span(text, 0, len(text), "X")
    assert mention.text == expected
    assert text[mention.start:mention.end] == expected


@pytest.mark.parametrize("text", ["“”", "...", " - "])
def test_clean_span_drops_empty_spans(text):
    assert clean_span(text, 0, len(text), "X") is None


def test_choose_model_prefers_explicit_then_embedded():
    assert choose_model("fr_core_news_sm") == "fr_core_news_sm"
    # No official English pipeline is installed here, so the embedded one is the default.
    assert choose_model(None) == EMBEDDED_MODEL


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="pip install"):
        Recognizer("xx_no_such_model")


def test_only_ner_components_run(annotator):
    for recognizer in annotator.recognizers.by_lang.values():
        assert set(recognizer.nlp.pipe_names) <= {"tok2vec", "transformer", "ner"}


def test_model_spec_takes_names_and_language_pairs():
    assert parse_model_spec(None) == []
    assert parse_model_spec(["en_core_web_sm", "fr=fr_core_news_sm,de = de_x"]) == [
        (None, "en_core_web_sm"), ("fr", "fr_core_news_sm"), ("de", "de_x")]


def test_mentions_offsets_span_paragraphs(annotator):
    text = "Intro line.\n\nAda Lovelace met Charles Babbage in London."
    mentions = annotator.recognizers.for_language("en").mentions(text)
    assert {m.text for m in mentions} >= {"Ada Lovelace", "London"}
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_the_vocabularys_string_table_is_not_loaded_and_names_still_come_out(annotator):
    # fr_core_news_md's table holds 713,000 strings (~130 MB); NER reads hashes, not it.
    french = annotator.recognizers.for_language("fr")
    assert len(french.nlp.vocab.strings) < 5_000
    assert french.nlp.vocab.vectors.shape[0] > 0  # the static vectors NER does use are there
    mentions = french.mentions("Le maire de Rennes, Nathalie Appéré, a reçu Emmanuel Macron.")
    assert {(m.text, m.label) for m in mentions} >= {("Rennes", "LOC"), ("Emmanuel Macron", "PERSON")}
