"""French names led by a lower-case head noun (entity_lens.french_heads): the head joins the
name and decides its type; plain nouns and other constructions stay apart."""

from entity_lens.french_heads import restore_french_heads
from rule_cases import applied


def headed(text, spans, lang="fr"):
    return applied(restore_french_heads, text, spans, lang)


def test_streets_venues_and_lakes_take_their_head_and_are_places():
    text = ("Le cortège est parti de la rue de la République vers le stade Pierre-Fabre, "
            "puis a longé le lac d’Annecy. Place du Capitole, la foule attendait.")
    assert headed(text, [("République", "LOC"), ("Pierre-Fabre", "PERSON"), ("Annecy", "GPE"),
                         ("Capitole", "ORG")]) == [
        ("rue de la République", "FAC"), ("stade Pierre-Fabre", "FAC"), ("lac d’Annecy", "FAC"),
        ("Place du Capitole", "FAC")]


def test_courts_and_chambers_of_a_place_are_organisations():
    text = ("Le tribunal correctionnel de Lyon a jugé l’affaire ; la cour d’appel de Lyon "
            "tranchera. La chambre de commerce et d’industrie de Lyon s’inquiète, comme le "
            "tribunal de commerce d’Angers.")
    assert headed(text, [("Lyon", "GPE"), ("Lyon", "GPE"), ("Lyon", "LOC"), ("Angers", "GPE")]) == [
        ("tribunal correctionnel de Lyon", "ORG"), ("cour d’appel de Lyon", "ORG"),
        ("chambre de commerce et d’industrie de Lyon", "ORG"), ("tribunal de commerce d’Angers", "ORG")]


def test_a_law_takes_its_head():
    text = "La loi Climat et résilience interdit ces parkings."
    assert headed(text, [("Climat et résilience", "MISC")]) == [("loi Climat et résilience", "LAW")]


def test_a_plain_noun_before_a_name_is_no_head():
    text = ("Le conseil de Lyon a voté. Elle a pris la place de Marie Dupont, à la place de "
            "Martin. Le conseil ministériel de l’Agence spatiale européenne se réunit.")
    spans = [("Lyon", "GPE"), ("Marie Dupont", "PERSON"), ("Martin", "PERSON"),
             ("Agence spatiale européenne", "ORG")]
    # "conseil" needs its qualifier; "la place de" a person is "instead of"; a council of an
    # agency is its meeting, not a body of a place.
    assert headed(text, spans) == spans
    # A qualified council is the body.
    text = "Le conseil municipal de Lyon a voté."
    assert headed(text, [("Lyon", "GPE")]) == [("conseil municipal de Lyon", "ORG")]


def test_an_institution_with_a_capitalised_head_is_an_organisation_with_its_place():
    text = ("La Chambre régionale des comptes de Nouvelle-Aquitaine a rendu son avis, et la "
            "Métropole de Lyon aussi.")
    assert headed(text, [("Chambre régionale des comptes", "ORG"), ("Nouvelle-Aquitaine", "LOC"),
                         ("Métropole de Lyon", "LOC")]) == [
        ("Chambre régionale des comptes de Nouvelle-Aquitaine", "ORG"), ("Métropole de Lyon", "ORG")]


def test_english_and_names_without_a_head_are_left_alone():
    text = "He walked down the rue de la République in Lyon."
    spans = [("République", "LOC"), ("Lyon", "GPE")]
    assert headed(text, spans, "en") == spans
    text = "Jean Dupont est arrivé à Lyon, rue Cité."
    assert headed(text, [("Jean Dupont", "PERSON"), ("Lyon", "GPE")]) == [
        ("Jean Dupont", "PERSON"), ("Lyon", "GPE")]
