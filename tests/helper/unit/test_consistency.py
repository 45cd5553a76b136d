"""Document-level types (entity_lens.consistency): one name, one type, in one article."""

from entity_lens.consistency import relabel
from entity_lens.entities import Mention


def mentions_of(text, spans):
    found, position = [], 0
    for surface, label in spans:
        start = text.index(surface, position)
        found.append(Mention(start, start + len(surface), surface, label))
        position = start + len(surface)
    return found


def labels(text, spans, lang="en", **options):
    return [(m.text, m.label) for m in relabel(text, mentions_of(text, spans), lang, **options)]


def test_a_name_after_a_title_or_role_is_a_person_everywhere():
    text = "Gov. Kristi Noem launched it. Kristi Noem defended it, and quarterback Mason Rudolph fell."
    assert labels(text, [("Kristi Noem", "ORG"), ("Kristi Noem", "ORG"), ("Mason Rudolph", "ORG")]) == [
        ("Kristi Noem", "PERSON"), ("Kristi Noem", "PERSON"), ("Mason Rudolph", "PERSON")]


def test_an_appositive_role_makes_a_person_but_an_organisation_word_does_not():
    text = "Steve Clarke, deputy associate administrator, spoke. Miller Tabak, a broker firm, and Blue Origin Group, its chief executive said."
    assert labels(text, [("Steve Clarke", "ORG"), ("Miller Tabak", "ORG"), ("Blue Origin Group", "ORG")]) == [
        ("Steve Clarke", "PERSON"), ("Miller Tabak", "ORG"), ("Blue Origin Group", "ORG")]


def test_a_multi_word_name_once_called_person_stays_person():
    text = "Alexander Vindman testified. Later Alexander Vindman left."
    assert labels(text, [("Alexander Vindman", "PERSON"), ("Alexander Vindman", "ORG")]) == [
        ("Alexander Vindman", "PERSON"), ("Alexander Vindman", "PERSON")]


def test_a_surname_joins_the_one_person_who_carries_it():
    text = "Gordon Sondland arrived. Sondland said so."
    assert labels(text, [("Gordon Sondland", "PERSON"), ("Sondland", "GPE")]) == [
        ("Gordon Sondland", "PERSON"), ("Sondland", "PERSON")]


def test_a_surname_two_people_share_is_left_as_the_model_said():
    text = "Joe Biden met Jill Biden. Biden spoke."
    assert labels(text, [("Joe Biden", "PERSON"), ("Jill Biden", "PERSON"), ("Biden", "ORG")],
                  lone_person=False)[-1] == ("Biden", "ORG")


def test_an_all_caps_dateline_is_a_place_but_a_byline_is_not():
    text = "SIOUX FALLS, S.D. (AP) — The campaign began.\nJANIE HAR\nWASHINGTON — Later."
    assert labels(text, [("SIOUX FALLS", "PERSON"), ("JANIE HAR", "PERSON"), ("WASHINGTON", "ORG")]) == [
        ("SIOUX FALLS", "GPE"), ("JANIE HAR", "PERSON"), ("WASHINGTON", "GPE")]


def test_street_and_building_names_are_places():
    text = "He lived on Jolinda Drive near Caldwell Place. Paul Drive spoke."
    assert labels(text, [("Jolinda Drive", "PERSON"), ("Caldwell Place", "ORG")]) == [
        ("Jolinda Drive", "FAC"), ("Caldwell Place", "FAC")]
    text = "Il habite rue de la Paix."
    assert labels(text, [("rue de la Paix", "PERSON")], "fr") == [("rue de la Paix", "FAC")]


def test_a_one_word_person_never_introduced_is_an_organisation():
    text = "Politico reported it. Vladimir Putin spoke; Putin left. President Trump agreed."
    assert labels(text, [("Politico", "PERSON"), ("Vladimir Putin", "PERSON"), ("Putin", "PERSON"),
                         ("Trump", "PERSON")]) == [
        ("Politico", "ORG"), ("Vladimir Putin", "PERSON"), ("Putin", "PERSON"), ("Trump", "PERSON")]


def test_a_person_label_on_an_organisation_or_place_name_is_corrected():
    text = "Ceres Robotics won. Keck Observatory saw it from Crater Lake. Paul Allen paid."
    assert labels(text, [("Ceres Robotics", "PERSON"), ("Keck Observatory", "PERSON"),
                         ("Crater Lake", "PERSON"), ("Paul Allen", "PERSON")]) == [
        ("Ceres Robotics", "ORG"), ("Keck Observatory", "ORG"), ("Crater Lake", "LOC"),
        ("Paul Allen", "PERSON")]


def test_a_one_word_person_never_introduced_but_put_on_the_map_is_a_place():
    text = "Fighting went on in Palmyra. Palmyra fell. Politico said so."
    assert labels(text, [("Palmyra", "PERSON"), ("Palmyra", "PERSON"), ("Politico", "PERSON")]) == [
        ("Palmyra", "GPE"), ("Palmyra", "GPE"), ("Politico", "ORG")]
