"""Span repairs and junk rules (entity_lens.junk): each error they fix, and what must stay."""

import pytest

from entity_lens.junk import (count_noun_acronyms, is_junk, lowercase_words, repair,
                              written_in_lower_case)
from entity_lens.refine import refine_mentions
from rule_cases import applied


def repaired(text, span, lang="en"):
    start = text.index(span)
    return [text[s:e] for s, e in repair(text, start, start + len(span), lang, lowercase_words(text))]


@pytest.mark.parametrize("name, lang", [
    ("marijuana legalization", "en"),  # no capital letter: a common noun
    ("qu", "fr"), ("jusqu", "fr"), ("L", "fr"), ("n", "fr"),  # elided French fragments
    ("Il", "fr"), ("Sont", "fr"), ("dans", "fr"),  # stopwords
    ("@Spacedotcom", "en"), ("www.example.org", "en"),  # handles and addresses
    ("kW", "en"), ("anti-meth", "en"), ("non-GiveWell", "en"),  # units, prefixes
    ("International Space Station Is Open for Business", "en"),  # a headline fragment
])
def test_junk_is_not_listed(name, lang):
    assert is_junk(name, lang, set())


@pytest.mark.parametrize("name, lang", [
    ("US", "en"), ("IT", "en"),  # all-caps names that are also stopwords
    ("al-Tanf", "en"), ("de Gaulle", "fr"), ("iPhone", "en"),  # lower-case starts of names
    ("the European Union", "en"), ("la Commission européenne", "fr"),
    ("Refugees in Towns Project", "en"), ("Bank of England", "en"),
])
def test_names_are_not_junk(name, lang):
    assert not is_junk(name, lang, set())


def test_a_capitalised_word_the_text_uses_as_a_common_word_is_junk():
    text = "VOTE for him, the post said. The vote is on Tuesday. Kent voted."
    lower = lowercase_words(text)
    assert is_junk("VOTE", "en", lower)
    assert not is_junk("Kent", "en", lower)  # "voted" is another word


def test_words_inside_addresses_are_not_common_words():
    lower = lowercase_words("Read more at poynter.org or write to @nasa. Poynter said.")
    assert "poynter" not in lower and "nasa" not in lower


def test_byline_glue_is_cut_off():
    assert repaired("Email Tariq Malik at the desk.", "Email Tariq Malik") == ["Tariq Malik"]
    assert repaired("Follow us on Twitter @Spacedotcom.", "Twitter @Spacedotcom") == []
    assert repaired("Photo Hélène Castagné", "Photo Hélène Castagné", "fr") == ["Hélène Castagné"]
    assert repaired("Email is down.", "Email") == ["Email"]  # nothing left: kept


def test_an_owner_is_cut_from_what_it_owns_but_not_from_a_one_word_common_noun():
    text = "Tufts University’s Feinstein International Center said. A hospital."
    assert repaired(text, "Tufts University’s Feinstein International Center") == [
        "Tufts University", "Feinstein International Center"]
    text = "Trams will reach St James's Hospital, the biggest hospital in the city."
    assert repaired(text, "St James's Hospital") == ["St James's Hospital"]


def test_french_determiners_and_elisions_are_cut_off():
    text = "Il a parlé à la préfecture de Carcassonne. L’OM a gagné. La Croix-Rouge aide."
    assert repaired(text, "préfecture de Carcassonne", "fr") == ["Carcassonne"]
    assert repaired(text, "L’OM", "fr") == ["OM"]
    assert repaired(text, "La Croix-Rouge", "fr") == ["Croix-Rouge"]


def test_a_french_article_that_belongs_to_the_name_stays():
    text = "La Rochelle accueille le festival. Il vit à La Rochelle depuis 2010."
    assert repaired(text, "La Rochelle", "fr") == ["La Rochelle"]
    # English spans keep their words: "de" may start a name there.
    assert repaired("Bill de Blasio spoke.", "Bill de Blasio") == ["Bill de Blasio"]


def test_an_acronym_the_text_counts_or_puts_in_the_plural_is_a_common_noun():
    text = ("1 sack, 2 TFL, 1 QH. He had a PBU in coverage. Effective CPMs fell. It's a handsome "
            "EV. A CNN reporter asked for a UN Security Council debate; NATO said 2 FBI agents left.")
    assert count_noun_acronyms(text) == {"TFL", "QH", "PBU", "CPM", "EV"}


def test_a_capitalised_phrase_the_text_writes_in_lower_case_is_a_common_noun():
    text = "Defensive Line\nEight hits came from the defensive line."
    assert written_in_lower_case("Defensive Line", text)
    assert not written_in_lower_case("White House", "The White House said so. A white van.")
    assert not written_in_lower_case("Browns", "The Browns won in brown shirts.")  # one word


def test_a_leading_year_is_cut_off_but_not_a_number_in_a_name():
    assert repaired("It was taken in the 1967 Six-Day War.", "the 1967 Six-Day War") == ["Six-Day War"]
    assert repaired("The 1967 MOU held.", "1967 MOU") == ["1967 MOU"]
    assert repaired("Fans of Ligue 1 and 7 Eleven.", "7 Eleven") == ["7 Eleven"]


def test_a_ministers_portfolio_is_no_name_but_a_ministry_is():
    from entity_lens.junk import is_portfolio
    text = "US Secretary of State Mike Pompeo and le ministre de l’Économie spoke to the State of Israel."
    assert is_portfolio(text, text.index("State Mike"), "State")
    assert is_portfolio(text, text.index("Économie"), "Économie")
    assert not is_portfolio(text, text.index("Israel"), "Israel")
    assert not is_portfolio(text, text.index("Mike Pompeo"), "Mike Pompeo")


def test_lines_pointing_to_another_story_are_found():
    from entity_lens.junk import link_lines
    text = "Alibaba rose.\nRead more: Tencent profit falls\nRelated: The Discovery in Images\nLire aussi : Renault\nRelated companies rose."
    assert [text[s:e] for s, e in link_lines(text)] == [
        "Read more: Tencent profit falls", "Related: The Discovery in Images", "Lire aussi : Renault"]


def test_a_pair_before_a_plural_class_noun_is_two_names():
    text = "Warnings for Orange and Riverside counties, and Procter and Gamble shares."
    assert repaired(text, "Orange and Riverside") == ["Orange", "Riverside"]
    assert repaired(text, "Procter and Gamble") == ["Procter and Gamble"]


def test_a_follow_box_points_to_the_outlets_accounts_but_a_sentence_does_not():
    from entity_lens.junk import link_lines
    text = "Follow NBC Latino on Facebook, Twitter and Instagram.\nFollowing the vote on Monday, Senator Ana Ruiz spoke at length about the new budget and what it meant for the state's schools, roads and hospitals over the next ten years, she said."
    assert [text[s:e] for s, e in link_lines(text)] == ["Follow NBC Latino on Facebook, Twitter and Instagram."]


def test_a_courtesy_or_academic_title_is_no_part_of_the_name():
    assert repaired("Me Franck Aubagnac plaide.", "Me Franck Aubagnac", "fr") == ["Franck Aubagnac"]
    assert repaired("Selon M. Belhadj, tout va bien.", "M. Belhadj", "fr") == ["Belhadj"]
    assert repaired("Madame Doucet répond.", "Madame Doucet", "fr") == ["Doucet"]
    assert repaired("Prof Helen Okafor led it.", "Prof Helen Okafor", "en") == ["Helen Okafor"]
    assert repaired("Said Ms Persson.", "Ms Persson", "en") == ["Persson"]
    # A title alone stays what it is; "Me" is a title in French only; titles of rank stay.
    assert repaired("Merci, Madame.", "Madame", "fr") == ["Madame"]
    assert repaired("Me Too grew.", "Me Too", "en") == ["Me Too"]
    assert repaired("Sir Keir Starmer spoke.", "Sir Keir Starmer", "en") == ["Sir Keir Starmer"]


def test_a_credit_or_pair_written_with_a_slash_is_two_names():
    text = "Photograph: Tom Ellery/East Coast Herald. Films: The Prestige/Insomnia. AC/DC played."
    assert repaired(text, "Tom Ellery/East Coast Herald") == ["Tom Ellery", "East Coast Herald"]
    assert repaired(text, "The Prestige/Insomnia") == ["The Prestige", "Insomnia"]
    assert repaired(text, "AC/DC") == ["AC/DC"]
    # After a credit's slash comes the outlet, whatever the model called the whole.
    assert applied(refine_mentions, text, [("Tom Ellery/East Coast Herald", "PERSON")], "en",
                   without=set()) == [("Tom Ellery", "PERSON"), ("East Coast Herald", "ORG")]
