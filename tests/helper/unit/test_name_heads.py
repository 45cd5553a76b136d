"""Names the model cut off their head word (entity_lens.name_heads)."""

from entity_lens.name_heads import restore_heads
from rule_cases import applied


def restored(text, spans, lang="en"):
    return applied(restore_heads, text, spans, lang)


def test_a_head_word_after_a_name_ends_it_and_gives_its_type():
    text = "He drove to Forest Hill's WoodSpring Suites hotel. Nordvik Capital paid."
    assert restored(text, [("Forest Hill", "GPE"), ("WoodSpring", "ORG"), ("Nordvik", "PERSON")]) == [
        ("Forest Hill", "GPE"), ("WoodSpring Suites", "FAC"), ("Nordvik Capital", "ORG")]


def test_a_head_word_starting_a_longer_name_or_no_head_is_left_alone():
    text = "Tulsa Hotel Workers Union met. Ana Ruiz Station closed. Paris Hotels, he said."
    spans = [("Tulsa", "GPE"), ("Ana Ruiz", "PERSON"), ("Paris", "GPE")]
    assert restored(text, spans) == spans


def test_an_organisation_head_takes_back_a_known_name_before_it():
    text = "Skyreach grew. TULSA — Skyreach Aerial Systems will build here. Acme Aerial Systems will not."
    assert restored(text, [("Skyreach", "ORG"), ("TULSA", "GPE"), ("Aerial Systems", "ORG"),
                           ("Aerial Systems", "ORG")]) == [
        ("Skyreach", "ORG"), ("TULSA", "GPE"), ("Skyreach Aerial Systems", "ORG"), ("Aerial Systems", "ORG")]


def test_a_place_head_and_of_join_the_name_after_them():
    text = "A site beside the Port of Catoosa, then the Gulf of Aden, and a Friend of Dorothy."
    assert restored(text, [("Port", "LOC"), ("Catoosa", "GPE"), ("Aden", "GPE"), ("Dorothy", "PERSON")]) == [
        ("Port of Catoosa", "LOC"), ("Gulf of Aden", "LOC"), ("Dorothy", "PERSON")]


def test_a_possessive_before_a_building_head_is_part_of_the_name():
    text = "Trams will reach St James's Hospital. Trump's Park Avenue tower and Obama's aides."
    assert restored(text, [("St James", "PERSON"), ("Trump", "PERSON"), ("Park Avenue", "FAC"),
                           ("Obama", "PERSON")]) == [
        ("St James's Hospital", "FAC"), ("Trump", "PERSON"), ("Park Avenue", "FAC"), ("Obama", "PERSON")]


def test_other_languages_are_left_alone():
    text = "Le port de Sète et l’hôtel WoodSpring Suites."
    spans = [("Sète", "GPE"), ("WoodSpring", "ORG")]
    assert restored(text, spans, "fr") == spans


def test_an_infirmary_or_pavilion_after_a_cut_name_ends_it():
    text = "He had surgery at Manchester Royal Infirmary six weeks later."
    assert restored(text, [("Manchester Royal", "FAC")]) == [("Manchester Royal Infirmary", "FAC")]
