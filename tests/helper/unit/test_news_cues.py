"""What English news writing says about a name (entity_lens.news_cues)."""

from entity_lens.news_cues import apply_news_cues
from test_consistency import mentions_of


def cued(text, spans, lang="en"):
    return [(m.text, m.label) for m in apply_news_cues(text, mentions_of(text, spans), lang)]


def test_a_lone_word_after_a_title_is_a_person_everywhere():
    text = "Mr Justice Pryce quashed it. Pryce said the duty mattered."
    assert cued(text, [("Pryce", "ORG"), ("Pryce", "ORG")]) == [
        ("Pryce", "PERSON"), ("Pryce", "PERSON")]


def test_a_person_with_a_model_number_is_a_product_and_so_is_its_bigger_sibling():
    text = "It unveiled the Aria 2 on a S7 Pro Gen 1 chip; the Aria 2 Plus follows."
    assert cued(text, [("Aria 2", "PERSON"), ("S7 Pro Gen 1", "PERSON"),
                       ("the Aria 2 Plus", "FAC")]) == [
        ("Aria 2", "PRODUCT"), ("S7 Pro Gen 1", "PRODUCT"), ("the Aria 2 Plus", "PRODUCT")]


def test_people_with_scores_shirt_numbers_years_or_roads_stay_as_they_are():
    text = "Nicolas Jarry 6-4 won; Megan Cook 4 scored; Holcomb's 2016 run; Highway 412 shut; Q3 comps."
    spans = [("Nicolas Jarry 6-4", "PERSON"), ("Megan Cook 4", "PERSON"),
             ("Holcomb's 2016", "PERSON"), ("Highway 412", "PERSON"), ("Q3", "PERSON")]
    assert cued(text, spans) == spans


def test_words_only_a_place_takes_make_a_one_word_name_a_place():
    text = ("They dig near Aylesford. Hartwell is based in Sevenoaks, north of the M20. Its "
            "lab in Oxfordshire and the Oxford company Veridion grew. Derek, 63, "
            "a retired bus driver from Stockport, came. Developers near the Chilterns, "
            "the Cotswolds. It reaches beyond Kent's villages.")
    spans = [("Aylesford", "ORG"), ("Sevenoaks", "ORG"), ("M20", "PRODUCT"), ("Oxfordshire", "GPE"), ("Oxford", "ORG"), ("Veridion", "ORG"), ("Stockport", "ORG"),
             ("Chilterns", "PERSON"), ("Cotswolds", "LOC"), ("Kent", "PERSON")]
    assert [label for _, label in cued(text, spans)] == [
        "GPE", "GPE", "GPE", "GPE", "GPE", "ORG", "GPE", "GPE", "LOC", "GPE"]


def test_companies_people_and_acronyms_near_places_stay_as_they_are():
    text = ("Workers near CBP facilities waited. Ana Ruiz sat near Tom Lee. Google's offices "
            "near Google's campus. Jobs at Google, in California, grew. The Assad regime held.")
    spans = [("CBP", "ORG"), ("Tom Lee", "PERSON"), ("Google", "ORG"), ("Google", "ORG"),
             ("Google", "ORG"), ("California", "GPE"), ("Assad", "PERSON")]
    assert cued(text, spans) == spans


def test_a_name_given_to_a_test_or_trial_is_a_product_and_a_journal_an_organisation():
    text = ("The test, called PancreaSure, works. The trial, known as PANDA-1, ended, as "
            "published in The Lancet Oncology.")
    assert cued(text, [("PancreaSure", "ORG"), ("PANDA-1", "ORG"),
                       ("The Lancet Oncology", "WORK_OF_ART")]) == [
        ("PancreaSure", "PRODUCT"), ("PANDA-1", "PRODUCT"), ("The Lancet Oncology", "ORG")]


def test_a_company_named_after_a_test_noun_in_a_clause_is_left_alone():
    text = "Sales of tests, Apple said, rose."
    assert cued(text, [("Apple", "ORG")]) == [("Apple", "ORG")]


def test_languages_listed_with_languages_and_a_language_before_a_noun_is_a_group():
    text = ("It translates Spanish, Hindi, Japanese and French. He spoke in English with her. "
            "It ends a wait in English sport.")
    spans = [("Spanish", "LANGUAGE"), ("Hindi", "GPE"), ("Japanese", "NORP"), ("French", "NORP"),
             ("English", "LANGUAGE"), ("English", "LANGUAGE")]
    assert cued(text, spans) == [
        ("Spanish", "LANGUAGE"), ("Hindi", "LANGUAGE"), ("Japanese", "LANGUAGE"),
        ("French", "LANGUAGE"), ("English", "LANGUAGE"), ("English", "NORP")]


def test_groups_listed_with_places_stay_groups():
    text = "French and German officials met in Paris."
    spans = [("French", "NORP"), ("German", "NORP"), ("Paris", "GPE")]
    assert cued(text, spans) == spans


def test_on_a_sports_page_a_county_that_wins_or_draws_is_a_team():
    text = ("Somerset win the title. Reeve took wickets in the innings as the match and the "
            "season ended with the captain's runs; victory over Surrey came. In 2019, when "
            "Essex drew at Taunton, it rained.")
    assert cued(text, [("Somerset", "GPE"), ("Surrey", "GPE"), ("Essex", "NORP"),
                       ("Taunton", "GPE")]) == [
        ("Somerset", "ORG"), ("Surrey", "ORG"), ("Essex", "ORG"), ("Taunton", "GPE")]


def test_off_the_sports_page_a_country_that_wins_stays_a_place():
    text = "Russia won the vote and France beat the deadline."
    spans = [("Russia", "GPE"), ("France", "GPE")]
    assert cued(text, spans) == spans


def test_other_languages_are_left_alone():
    text = "près de Carcassonne, M. Pryce"
    spans = [("Carcassonne", "ORG"), ("Pryce", "ORG")]
    assert cued(text, spans, "fr") == spans
