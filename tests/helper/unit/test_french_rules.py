"""French rules of issue 13's third round, each with the error it fixes and what must stay:
span repairs (junk.py), plural demonyms (context_types.py), competitions (consistency.py),
acronyms of names with elided articles (name_variants.py), headline words (junk.py)."""

from entity_lens.consistency import relabel
from entity_lens.context_types import unlabelled_demonyms
from entity_lens.refine import refine_mentions
from rule_cases import applied, mentions_of
from test_junk import repaired
from test_name_variants import grouped


def refined(text, spans):
    return applied(refine_mentions, text, spans, "fr", without=set())


def test_an_ordinal_and_its_noun_before_a_name_are_cut_off():
    text = "Marseille gagne pour la 12e journée de Ligue 1, avant la 3ème édition du Tour."
    assert repaired(text, "12e journée de Ligue 1", "fr") == ["Ligue 1"]
    assert repaired(text, "3ème édition du Tour", "fr") == ["Tour"]
    # A number inside or after a name is part of it.
    assert repaired("Les Jeux de Paris 2024 approchent.", "Paris 2024", "fr") == ["Paris 2024"]


def test_an_institution_cut_at_et_is_whole_again_before_its_acronym():
    text = "Les pompiers du Service départemental d’incendie et de secours (SDIS) sont venus."
    assert repaired(text, "Service départemental d’incendie", "fr") == [
        "Service départemental d’incendie et de secours"]
    # Without the acronym in brackets, "et" joins two things, not one name.
    text = "La Sécurité civile et des renforts venus de Nîmes sont arrivés."
    assert repaired(text, "Sécurité civile", "fr") == ["Sécurité civile"]
    # Nor a name with no lower-case word: "Paris et de Lyon (SNCF)" is two places.
    text = "Les trains de Paris et de Lyon (SNCF) sont annulés."
    assert repaired(text, "Paris", "fr") == ["Paris"]


def test_a_plural_demonym_stays_a_group_though_the_adjective_is_in_lower_case():
    text = "Les voyageurs bretons attendent. « Ce n’est pas aux Bretons de payer », dit-il."
    assert refined(text, [("Bretons", "MISC")]) == [("Bretons", "NORP")]
    # A capitalised common word the text also uses in lower case is still no name.
    text = "La Grève commence. La grève des cheminots dure."
    assert refined(text, [("Grève", "MISC")]) == []


def test_a_plural_demonym_the_model_left_out_is_added():
    text = "Menés à la pause, les Marseillais se sont imposés face aux Champions de Paris."
    added = unlabelled_demonyms(text, [], "fr")
    assert [(m.text, m.label, text[m.start:m.end]) for m in added] == [
        ("Marseillais", "NORP", "Marseillais")]
    # Nothing added in English, nor over a mention the model gave, nor for lower case.
    assert unlabelled_demonyms(text, [], "en") == []
    assert unlabelled_demonyms("Les marseillais chantent.", [], "fr") == []
    given = mentions_of(text, [("Marseillais", "NORP")])
    assert unlabelled_demonyms(text, given, "fr") == given


def test_competitions_are_events_but_a_league_that_is_a_body_is_not():
    text = ("Il joue en Ligue des champions et en Ligue 1, gagne la Coupe de France ; "
            "la Ligue de football professionnel a sanctionné le club.")
    assert [(m.text, m.label) for m in relabel(text, mentions_of(text, [
        ("Ligue des champions", "ORG"), ("Ligue 1", "MISC"), ("Coupe de France", "MISC"),
        ("Ligue de football professionnel", "ORG")]), "fr")] == [
        ("Ligue des champions", "EVENT"), ("Ligue 1", "EVENT"), ("Coupe de France", "EVENT"),
        ("Ligue de football professionnel", "ORG")]


def test_an_acronym_spells_a_name_with_elided_articles():
    text = ("Le Service départemental d’incendie et de secours est là. Le SDIS a compté 300 "
            "sorties ; la SDS n’y était pas.")
    assert grouped(text, [("Service départemental d’incendie et de secours", "ORG"),
                          ("SDIS", "ORG"), ("SDS", "ORG")]) == {
        "Service départemental d’incendie et de secours": ["SDIS"], "SDS": []}


def test_a_headline_first_word_used_nowhere_else_is_no_name():
    text = "Crues dans l’Aude : Carcassonne en alerte\nLe préfet de l’Aude a parlé."
    assert refined(text, [("Crues", "LOC"), ("Aude", "LOC"), ("Carcassonne", "LOC"),
                          ("Aude", "LOC")]) == [
        ("Aude", "LOC"), ("Carcassonne", "LOC"), ("Aude", "LOC")]
    # A name the article uses again stays, and so does a text that opens with its body.
    text = "Renault ferme une usine\nRenault a confirmé la fermeture."
    assert refined(text, [("Renault", "ORG"), ("Renault", "ORG")]) == [
        ("Renault", "ORG"), ("Renault", "ORG")]
    text = "Bruxelles a tranché lundi.\nLe texte sera voté."
    assert refined(text, [("Bruxelles", "LOC")]) == [("Bruxelles", "LOC")]
