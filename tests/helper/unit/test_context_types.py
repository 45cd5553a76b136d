"""Types from the words around a name (entity_lens.context_types)."""

from entity_lens.context_types import retype_from_context
from rule_cases import applied


def retyped(text, spans, lang="fr"):
    return applied(retype_from_context, text, spans, lang)


def test_a_french_class_noun_before_a_name_gives_its_type_everywhere():
    text = ("Selon le cabinet AlixPartners, les prix montent. AlixPartners le dit. "
            "Les habitants de la commune de Trèbes ont fui ; Trèbes est sous l’eau.")
    assert retyped(text, [("AlixPartners", "MISC"), ("AlixPartners", "MISC"),
                          ("Trèbes", "PERSON"), ("Trèbes", "PERSON")]) == [
        ("AlixPartners", "ORG"), ("AlixPartners", "ORG"), ("Trèbes", "LOC"), ("Trèbes", "LOC")]


def test_a_class_noun_does_not_turn_a_full_name_into_a_company():
    text = "Le groupe Jean Dupont a chanté. Le parti a voté."
    assert retyped(text, [("Jean Dupont", "PERSON")]) == [("Jean Dupont", "PERSON")]


def test_a_demonym_after_a_plural_article_is_a_group_but_a_town_is_not():
    text = "Les Parisiens avaient ouvert le score. Ils jouaient à Amiens puis à Calais."
    assert retyped(text, [("Parisiens", "LOC"), ("Amiens", "LOC"), ("Calais", "LOC")]) == [
        ("Parisiens", "NORP"), ("Amiens", "LOC"), ("Calais", "LOC")]


def test_a_name_paired_with_a_place_by_between_is_a_place():
    text = "L’autoroute est coupée entre Carcassonne et Lézignan-Corbières depuis lundi."
    assert retyped(text, [("Carcassonne", "LOC"), ("Lézignan-Corbières", "ORG")]) == [
        ("Carcassonne", "LOC"), ("Lézignan-Corbières", "LOC")]
    text = "Talks between Tehran and Burisma stalled, and between Trump and Tehran."
    assert retyped(text, [("Tehran", "GPE"), ("Burisma", "ORG"), ("Trump", "PERSON"),
                          ("Tehran", "GPE")], "en") == [
        ("Tehran", "GPE"), ("Burisma", "GPE"), ("Trump", "PERSON"), ("Tehran", "GPE")]


def test_an_age_before_of_and_a_name_before_a_state_give_towns():
    text = "Police arrested Christopher Tays, 32, of Franklin. The firms: Blue Origin, Kent, Washington\nApple, Google, Amazon."
    assert retyped(text, [("Christopher Tays", "PERSON"), ("Franklin", "ORG"), ("Blue Origin", "ORG"),
                          ("Kent", "ORG"), ("Washington", "GPE"), ("Apple", "ORG"), ("Google", "ORG"),
                          ("Amazon", "ORG")], "en") == [
        ("Christopher Tays", "PERSON"), ("Franklin", "GPE"), ("Blue Origin", "ORG"), ("Kent", "GPE"),
        ("Washington", "GPE"), ("Apple", "ORG"), ("Google", "ORG"), ("Amazon", "ORG")]


def test_an_english_class_noun_before_a_name_gives_its_type():
    text = ("It was published in the journal Nature Astronomy. It is larger than the planet Mercury. "
            "Volunteers searched the city of Fort Worth. The city Council met. The company Burisma paid.")
    assert retyped(text, [("Nature Astronomy", "WORK_OF_ART"), ("Mercury", "ORG"), ("Fort Worth", "GPE"),
                          ("Council", "ORG"), ("Burisma", "PERSON")], "en") == [
        ("Nature Astronomy", "ORG"), ("Mercury", "LOC"), ("Fort Worth", "LOC"), ("Council", "ORG"),
        ("Burisma", "ORG")]


def test_a_body_with_moons_is_a_place():
    text = "A map of Saturn's moon Titan. Saturn's icy, ocean-harboring moon Enceladus. Apple's moonshot."
    assert retyped(text, [("Saturn", "PRODUCT"), ("Titan", "GPE"), ("Saturn", "PRODUCT"),
                          ("Enceladus", "NORP"), ("Apple", "ORG")], "en") == [
        ("Saturn", "GPE"), ("Titan", "LOC"), ("Saturn", "GPE"), ("Enceladus", "LOC"), ("Apple", "ORG")]


def test_names_before_a_plural_place_noun_are_places():
    text = "Warnings for Orange and Riverside counties. Apple and Google shares fell."
    assert retyped(text, [("Orange", "ORG"), ("Riverside", "ORG"), ("Apple", "ORG"), ("Google", "ORG")],
                   "en") == [("Orange", "GPE"), ("Riverside", "GPE"), ("Apple", "ORG"), ("Google", "ORG")]
    text = "Arab states condemned it; Republican states voted."
    assert retyped(text, [("Arab", "NORP"), ("Republican", "NORP")], "en") == [
        ("Arab", "NORP"), ("Republican", "NORP")]


def test_a_trade_mark_sign_makes_a_product():
    text = "Its Digital Intuition® engine and Acme™ ran."
    assert retyped(text, [("Digital Intuition", "ORG"), ("Acme", "ORG")], "en") == [
        ("Digital Intuition", "PRODUCT"), ("Acme", "PRODUCT")]


def test_an_english_trade_before_a_name_makes_an_organisation():
    text = "Its customers include the Spanish utility Ebrosa and the satellite maker Orbitek, says Lena Holm."
    assert retyped(text, [("Ebrosa", "GPE"), ("Orbitek", "PERSON"), ("Lena Holm", "PERSON")], "en") == [
        ("Ebrosa", "ORG"), ("Orbitek", "ORG"), ("Lena Holm", "PERSON")]
