"""Names an English text describes as a company or a place (entity_lens.described_names)."""

from entity_lens.described_names import retype_described
from rule_cases import applied


def described(text, spans, lang="en"):
    return applied(retype_described, text, spans, lang)


def test_an_appositive_kind_of_company_makes_an_organisation_everywhere():
    text = ("Investors were led by Nordvik Capital, the Denver firm that backs Orbitek. "
            "Nordvik Capital declined to comment.")
    assert described(text, [("Nordvik Capital", "PERSON"), ("Orbitek", "ORG"),
                            ("Nordvik Capital", "PERSON")]) == [
        ("Nordvik Capital", "ORG"), ("Orbitek", "ORG"), ("Nordvik Capital", "ORG")]


def test_a_person_described_with_a_company_stays_a_person():
    text = ("Ana Ruiz, the company's founder, spoke. Tom Lee, the head of the firm, agreed. "
            "Mia Sol, a company spokeswoman, did not.")
    spans = [("Ana Ruiz", "PERSON"), ("Tom Lee", "PERSON"), ("Mia Sol", "PERSON")]
    assert described(text, spans) == spans


def test_every_name_listed_after_a_plural_kind_of_company_is_an_organisation():
    text = ("NASA gave missions to companies Astrobotic, Lunar Works and Orbit Beyond. "
            "Orbit Beyond left, said Jim Reed.")
    assert described(text, [("NASA", "ORG"), ("Astrobotic", "LOC"), ("Lunar Works", "ORG"),
                            ("Orbit Beyond", "PERSON"), ("Orbit Beyond", "PERSON"),
                            ("Jim Reed", "PERSON")]) == [
        ("NASA", "ORG"), ("Astrobotic", "ORG"), ("Lunar Works", "ORG"), ("Orbit Beyond", "ORG"),
        ("Orbit Beyond", "ORG"), ("Jim Reed", "PERSON")]


def test_where_a_person_is_from_is_a_place():
    text = "Sen. Ray Holt, a Democrat from Broken Arrow, objected. Broken Arrow voted no."
    assert described(text, [("Ray Holt", "PERSON"), ("Broken Arrow", "PERSON"),
                            ("Broken Arrow", "PERSON")]) == [
        ("Ray Holt", "PERSON"), ("Broken Arrow", "GPE"), ("Broken Arrow", "GPE")]


def test_other_languages_are_left_alone():
    text = "Les entreprises Astrobotic et Orbit Beyond."
    spans = [("Astrobotic", "LOC"), ("Orbit Beyond", "PERSON")]
    assert described(text, spans, "fr") == spans


def test_a_place_noun_after_a_name_or_a_direction_before_it_makes_a_place():
    text = ("Aid reached the Rukban refugee camp and the northern Sierra Nevada. Rukban waits. "
            "A UN camp, Syrian residents and the Trump border wall.")
    assert described(text, [("Rukban", "ORG"), ("Sierra Nevada", "ORG"), ("Rukban", "ORG"),
                            ("UN", "ORG"), ("Syrian", "NORP"), ("Trump", "PERSON")]) == [
        ("Rukban", "GPE"), ("Sierra Nevada", "GPE"), ("Rukban", "GPE"), ("UN", "ORG"),
        ("Syrian", "NORP"), ("Trump", "PERSON")]


def test_a_kind_before_brackets_or_an_organisation_beside_it_makes_a_guessed_work_an_organisation():
    text = ("It backs one standout charity (Pumps for Clean Water). The Liberal Democrats and the "
            "Green Party agreed. He read Star Trek and The Hobbit.")
    assert described(text, [("Pumps for Clean Water", "WORK_OF_ART"), ("The Liberal Democrats", "WORK_OF_ART"),
                            ("Green Party", "ORG"), ("Star Trek", "WORK_OF_ART"),
                            ("The Hobbit", "WORK_OF_ART")]) == [
        ("Pumps for Clean Water", "ORG"), ("The Liberal Democrats", "ORG"), ("Green Party", "ORG"),
        ("Star Trek", "WORK_OF_ART"), ("The Hobbit", "WORK_OF_ART")]


def test_a_french_company_described_in_apposition_or_by_its_kind_is_an_organisation():
    text = ("Le tribunal a placé en redressement Cycles Ardent, le fabricant choletais de vélos. "
            "Le contrat ira à Indigo, le spécialiste français du stationnement, puis au studio "
            "japonais Kumo. Cycles Ardent avait doublé ses effectifs.")
    assert described(text, [("Cycles Ardent", "MISC"), ("Indigo", "MISC"), ("Kumo", "MISC"),
                            ("Cycles Ardent", "MISC")], "fr") == [
        ("Cycles Ardent", "ORG"), ("Indigo", "ORG"), ("Kumo", "ORG"), ("Cycles Ardent", "ORG")]


def test_a_french_person_described_as_a_specialist_or_owning_a_company_stays_a_person():
    text = ("Anne Roy, la spécialiste des volcans, parle. La société de Jean Dupont ferme. "
            "Le film Les Oiseaux de sel, la société Mistral le distribue.")
    spans = [("Anne Roy", "PERSON"), ("Jean Dupont", "PERSON"), ("Les Oiseaux de sel", "MISC")]
    assert described(text, spans, "fr")[:3] == spans


def test_a_town_a_person_is_from_or_a_company_is_in_is_a_place():
    text = ("Derek Fairclough, 63, a retired bus driver from Stockport, was tested by the "
            "Oxford company Veridion. A Chinese company and a Boeing supplier bid.")
    assert described(text, [("Derek Fairclough", "PERSON"), ("Stockport", "ORG"), ("Oxford", "ORG"),
                            ("Veridion", "ORG"), ("Chinese", "NORP"), ("Boeing", "ORG")]) == [
        ("Derek Fairclough", "PERSON"), ("Stockport", "GPE"), ("Oxford", "GPE"), ("Veridion", "ORG"),
        ("Chinese", "NORP"), ("Boeing", "ORG")]
