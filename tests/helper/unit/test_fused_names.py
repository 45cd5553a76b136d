"""Glued spans (entity_lens.fused_names): cut where the text uses the parts on their own."""

from entity_lens.fused_names import unglue
from entity_lens.junk import lowercase_words
from entity_lens.refine import NAME_LABELS
from rule_cases import applied, mentions_of


def ungled(text, spans):
    return applied(unglue, text, spans, lowercase_words(text), NAME_LABELS)


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


def test_a_long_participle_before_a_known_name_goes_but_a_given_name_stays():
    text = "Vindman spoke. Questioning Vindman, Castor asked. Sterling Vindman came too."
    assert ungled(text, [("Vindman", "PERSON"), ("Questioning Vindman", "PERSON"),
                         ("Sterling Vindman", "PERSON")])[1:] == [
        ("Vindman", "PERSON"), ("Sterling Vindman", "PERSON")]


def test_a_name_the_model_cut_in_two_is_whole_again_where_the_text_uses_it_whole():
    text = "Customs and Border Protection said no. Customs and Border Protection agents came."
    spans = [("Customs and Border Protection", "ORG"), ("Customs", "ORG"), ("Border Protection", "ORG")]
    assert ungled(text, spans) == [("Customs and Border Protection", "ORG")] * 2
    text = "Apple and Google said no."  # never used whole: two names
    assert ungled(text, [("Apple", "ORG"), ("Google", "ORG")]) == [("Apple", "ORG"), ("Google", "ORG")]


def test_a_name_cut_short_takes_its_next_word_back_and_a_hyphenated_pair_is_no_name():
    text = "The Islamic State lost. Against Islamic State, U.S. troops stayed at the U.S.-Mexico border with Mexico."
    assert ungled(text, [("Islamic State", "ORG"), ("Islamic", "NORP"), ("U.S.", "GPE"),
                         ("U.S.-Mexico", "ORG"), ("Mexico", "GPE")]) == [
        ("Islamic State", "ORG"), ("Islamic State", "ORG"), ("U.S.", "GPE"), ("Mexico", "GPE")]
    text = "Coca-Cola rose."
    assert ungled(text, [("Coca-Cola", "ORG")]) == [("Coca-Cola", "ORG")]


def test_a_name_is_never_extended_over_the_next_mention():
    text = "The minister Brussels Tallinn spoke. Later on Brussels Tallinn the end."
    found = unglue(text, mentions_of(text, [("Brussels Tallinn", "ORG"), ("Brussels", "GPE"),
                                            ("Tallinn", "GPE")]), lowercase_words(text), NAME_LABELS)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
