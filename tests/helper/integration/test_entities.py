"""Entity spans: trimmed edges, model choice."""

import pytest
import spacy

from entity_lens.entities import (EMBEDDED_MODEL, ModelNotFound, Recognizer, choose_model,
                                  NOT_FOR_NER, clean_span, parse_model_spec,
                                  unheard_embedders)


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
    # The official small pipelines give NER a tok2vec of its own: the shared one, which only
    # the tagger and parser read, does not run either.
    for recognizer in annotator.recognizers.by_lang.values():
        assert recognizer.nlp.pipe_names == ["ner"]


def _pipeline(ner_listens):
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    config = {}
    if ner_listens:
        config = {"model": {
            "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
            "extra_state_tokens": False, "hidden_width": 64, "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96,
                        "upstream": "*"}}}
    nlp.add_pipe("ner", config=config)
    return nlp


def test_a_shared_embedder_runs_only_when_ner_listens_to_it():
    assert unheard_embedders(_pipeline(ner_listens=False)) == ["tok2vec"]
    assert unheard_embedders(_pipeline(ner_listens=True)) == []


def test_mentions_are_the_same_without_the_unheard_embedder(annotator):
    recognizer = annotator.recognizers.for_language("en")
    text = ("Ada Lovelace met Charles Babbage in London on Monday.\n"
            "The Royal Society and Google DeepMind sent people from Paris.")
    with_embedder = spacy.load(recognizer.name, exclude=NOT_FOR_NER)
    assert with_embedder.pipe_names == ["tok2vec", "ner"]
    full = [(e.start_char, e.end_char, e.label_) for e in with_embedder(text).ents]
    alone = [(e.start_char, e.end_char, e.label_) for e in recognizer.nlp(text).ents]
    assert len(full) >= 4 and alone == full


def test_model_spec_takes_names_and_language_pairs():
    assert parse_model_spec(None) == []
    assert parse_model_spec(["en_core_web_sm", "fr=fr_core_news_sm,de = de_x"]) == [
        (None, "en_core_web_sm"), ("fr", "fr_core_news_sm"), ("de", "de_x")]


def test_mentions_offsets_span_paragraphs(annotator):
    text = "Intro line.\n\nAda Lovelace met Charles Babbage in London."
    mentions = annotator.recognizers.for_language("en").mentions(text)
    assert {m.text for m in mentions} >= {"Ada Lovelace", "London"}
    assert all(text[m.start:m.end] == m.text for m in mentions)
