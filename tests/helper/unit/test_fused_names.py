"""Glued spans (entity_lens.fused_names): cut where the text uses the parts on their own."""

from entity_lens.fused_names import unglue
from entity_lens.junk import lowercase_words
from entity_lens.refine import NAME_LABELS
from test_consistency import mentions_of


def ungled(text, spans):
    return [(m.text, m.label) for m in unglue(text, mentions_of(text, spans), lowercase_words(text),
                                             NAME_LABELS)]


def test_a_known_name_run_into_a_full_name_is_two():
    text = "The Browns won. Greedy Williams starred. Browns Greedy Williams made a tackle."
    assert ungled(text, [("Browns", "ORG"), ("Greedy Williams", "PERSON"),
                         ("Browns Greedy Williams", "PERSON")])[2:] == [
        ("Browns", "ORG"), ("Greedy Williams", "PERSON")]


def test_a_place_run_into_a_group_is_two():
    text = "Louisiana is red. Democrats won. Louisiana Democrats cheered."
    assert ungled(text, [("Louisiana", "GPE"), ("Democrats", "NORP"), ("Louisiana Democrats", "NORP")])[2:] == [
        ("Louisiana", "GPE"), ("Democrats", "NORP")]


def test_a_common_word_before_a_known_name_goes():
    text = "A regular user. The European market. Regular European buyers pay less."
    assert ungled(text, [("European", "NORP"), ("Regular European", "NORP")])[1:] == [("European", "NORP")]


def test_names_made_of_known_names_stay_whole():
    text = "Pittsburgh lost. The Steelers won. The Pittsburgh Steelers are top. New York Times and York."
    assert ungled(text, [("Pittsburgh", "GPE"), ("Steelers", "ORG"), ("Pittsburgh Steelers", "ORG"),
                         ("New York Times", "ORG"), ("York", "GPE")])[2:4] == [
        ("Pittsburgh Steelers", "ORG"), ("New York Times", "ORG")]
