"""language.py: the declared language, the frequent-words vote, the identifier's guess and how
they combine into the page's language."""

import pytest

from entity_lens import language
from entity_lens.language import (declared_language, detect_language, frequent_words_language,
                                  language_name, page_language)

ENGLISH = ("The minister said on Monday that the talks with the unions were going well, and "
           "that a deal on pay for the rail workers was close. It was the first time in months "
           "that both sides had met in person, and he said they would meet again on Friday to "
           "settle the last points of the agreement.")
FRENCH = ("Le ministre a déclaré lundi que les négociations avec les syndicats se passaient bien "
          "et qu'un accord sur les salaires des cheminots était proche. C'est la première fois "
          "depuis des mois que les deux parties se sont rencontrées, et elles se reverront "
          "vendredi pour régler les derniers points de l'accord dans la capitale.")


@pytest.mark.parametrize("html, code", [
    ('<html lang="fr-FR"><body>', "fr"),
    ("<HTML LANG=de>", "de"),
    ("<html class=x lang='pt_BR'>", "pt"),
    ("<html><body lang=fr>", None),
    ("<p>no html tag</p>", None),
])
def test_the_declared_language_is_the_primary_subtag_of_html_lang(html, code):
    assert declared_language(html) == code


def test_frequent_words_tell_running_text_apart():
    assert frequent_words_language(ENGLISH) == "en"
    assert frequent_words_language(FRENCH) == "fr"


def test_frequent_words_stay_silent_on_short_or_repetitive_text():
    assert frequent_words_language("The talks went well.") is None
    # Many words, but only two frequent ones repeated: not running text.
    assert frequent_words_language("Merkel met Macron in Paris. " * 20) is None


def test_too_little_text_is_no_guess_and_codes_are_the_helpers():
    assert detect_language("1234 5678 !!", classify=lambda s: ("en", 1.0)) == (None, 0.0)
    assert detect_language(ENGLISH, classify=lambda s: ("nb", 0.99)) == ("no", 0.99)
    assert detect_language(ENGLISH, classify=lambda s: ("zxx", 0.99)) == (None, 0.0)
    # The identifier reads a bounded sample, whatever the text's length.
    seen = []
    detect_language(ENGLISH * 50, classify=lambda s: seen.append(s) or ("en", 1.0))
    assert len(seen[0]) == language.SAMPLE_CHARS


def test_the_identifier_itself_places_a_language_the_frequent_words_do_not_know():
    swedish = ("Regeringen meddelade på måndagen att förhandlingarna med facken går bra och att "
               "en överenskommelse om lönerna för järnvägsarbetarna är nära.")
    code, probability = detect_language(swedish)
    assert code == "sv" and probability > 0.9


def test_the_text_overrules_the_declaration_only_when_it_is_clear():
    assert page_language('<html lang="en">', FRENCH) == "fr"
    assert page_language('<html lang="fr">', ENGLISH) == "en"
    # Too short to say anything: the declaration stands.
    assert page_language('<html lang="de">', "Kaja Kallas in Tallinn.") == "de"


# French whose frequent words alone cannot tell it from Spanish ("de", "la", "que" are both).
FRENCH_NEAR_SPANISH = (
    "Procès de la fusillade de Vénissieux : dix ans de réclusion pour le tireur. La cour "
    "d’assises du Rhône a condamné vendredi Karim Benslama, 29 ans, à dix ans de réclusion "
    "criminelle pour la fusillade de la place Henri-Barbusse, en juin 2024. Deux autres accusés, "
    "originaires de Vaulx-en-Velin, ont été acquittés. L’avocat de la défense, Me Julien Portal, "
    "a annoncé son intention de faire appel de la décision devant la cour d’appel de Grenoble.")


def test_a_declaration_the_text_barely_uses_is_checked_by_the_identifier(monkeypatch):
    assert frequent_words_language(FRENCH_NEAR_SPANISH) is None
    assert page_language('<html lang="en">', FRENCH_NEAR_SPANISH) == "fr"
    # A declaration the text does use is taken at its word, without the identifier's child
    # process: English full of names, declared English.
    asked = []
    monkeypatch.setattr(language, "classify_apart", lambda text: asked.append(text) or ("de", 1.0))
    names = ("Karim Benslama and Julien Portal met Anna Svensson, Lars Holm and Mika Virtanen in "
             "Oslo, Bergen and Tromsø on Monday; Aker, Equinor, Orkla and Telenor sent staff. ")
    assert page_language('<html lang="en">', names * 3) == "en" and asked == []


def test_without_a_declaration_the_text_decides_or_nothing_does():
    assert page_language("<html>", ENGLISH) == "en"
    assert page_language("<html>", "12 34") is None


def test_language_names_fall_back_to_the_code():
    assert language_name("fr") == "French"
    assert language_name("xx") == "xx"
