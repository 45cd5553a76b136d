"""Span repairs and junk rules (entity_lens.junk): each error they fix, and what must stay."""

import pytest

from entity_lens.junk import is_junk, lowercase_words, repair


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
