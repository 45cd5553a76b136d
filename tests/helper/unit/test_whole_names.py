"""Names made whole from what English writing marks around them (entity_lens.whole_names)."""

from entity_lens.whole_names import make_names_whole
from test_consistency import mentions_of


def whole(text, spans, lang="en"):
    return [(m.text, m.label) for m in make_names_whole(text, mentions_of(text, spans), lang)]


def test_an_acronym_in_brackets_joins_the_pieces_of_the_name_it_spells():
    text = "It needs the Medicines and Healthcare products Regulatory Agency (MHRA) to agree."
    assert whole(text, [("Medicines", "ORG"), ("Healthcare", "ORG"), ("MHRA", "ORG")]) == [
        ("Medicines and Healthcare products Regulatory Agency", "ORG"), ("MHRA", "ORG")]


def test_an_acronym_joins_nothing_it_does_not_spell_or_a_name_ending_in_a_common_noun():
    text = ("NASA's Commercial Lunar Payload Services program (CLPS) grew. Talks with Apple "
            "and Google (FDA) went on.")
    spans = [("Commercial Lunar Payload Services", "ORG"), ("CLPS", "ORG"), ("Apple", "ORG"),
             ("Google", "ORG"), ("FDA", "ORG")]
    assert whole(text, spans) == spans


def test_the_x_and_y_board_is_one_name():
    text = ("Asked whether the England and Wales Cricket Board called, under the Levelling-up "
            "and Regeneration Act 2023.")
    assert whole(text, [("England", "GPE"), ("Wales Cricket Board", "ORG"),
                        ("Regeneration Act 2023", "LAW")]) == [
        ("England and Wales Cricket Board", "ORG"), ("Levelling-up and Regeneration Act 2023", "LAW")]


def test_two_names_joined_without_the_or_a_head_stay_two():
    text = "Talks between Britain and France Television, and Spain and Ireland Board members."
    spans = [("Britain", "GPE"), ("France Television", "ORG"), ("Spain", "GPE"), ("Ireland", "GPE")]
    assert whole(text, spans) == spans


def test_an_institution_takes_what_it_is_for():
    text = "At the Yerba Buena Center for the Arts, it launched."
    assert whole(text, [("the Yerba Buena Center", "ORG"), ("Arts", "ORG")]) == [
        ("the Yerba Buena Center for the Arts", "ORG")]


def test_a_company_for_a_client_stays_apart():
    text = "Apple built it for Google in May."
    spans = [("Apple", "ORG"), ("Google", "ORG")]
    assert whole(text, spans) == spans


def test_a_title_is_cut_off_a_person_but_not_a_knighthood():
    text = "Councillor Rachel Whitlock and Prof Helen Okafor met Sir Keir Starmer and Mr Crane."
    assert whole(text, [("Councillor Rachel Whitlock", "PERSON"), ("Prof Helen Okafor", "PERSON"),
                        ("Sir Keir Starmer", "PERSON"), ("Mr Crane", "PERSON")]) == [
        ("Rachel Whitlock", "PERSON"), ("Helen Okafor", "PERSON"), ("Sir Keir Starmer", "PERSON"),
        ("Mr Crane", "PERSON")]


def test_other_languages_are_left_alone():
    text = "Le Centre for the Arts (CA)"
    spans = [("Centre", "ORG")]
    assert whole(text, spans, "fr") == spans
