"""Document-level types (entity_lens.consistency): one name, one type, in one article."""

from entity_lens.consistency import relabel
from rule_cases import applied


def labels(text, spans, lang="en", **options):
    return applied(relabel, text, spans, lang, **options)


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


def test_a_sports_table_position_before_a_name_makes_a_person():
    text = "LB Sione Takitaki / 12 / 16% / 2 tackles. CB Denzel Ward returned. LB Group Ltd lost."
    assert labels(text, [("Sione Takitaki", "ORG"), ("Denzel Ward", "ORG"), ("LB Group Ltd", "ORG")]) == [
        ("Sione Takitaki", "PERSON"), ("Denzel Ward", "PERSON"), ("LB Group Ltd", "ORG")]


def test_a_name_listed_with_a_person_is_a_person_but_an_organisation_stays():
    text = "Reporting by Herb Lash and Megan Davies; editing by Ana Ruiz, Tom Lee. Ana Ruiz and Blue Origin Group."
    assert labels(text, [("Herb Lash", "PERSON"), ("Megan Davies", "ORG"), ("Ana Ruiz", "ORG"),
                         ("Tom Lee", "PERSON"), ("Ana Ruiz", "ORG"), ("Blue Origin Group", "ORG")]) == [
        ("Herb Lash", "PERSON"), ("Megan Davies", "PERSON"), ("Ana Ruiz", "PERSON"),
        ("Tom Lee", "PERSON"), ("Ana Ruiz", "PERSON"), ("Blue Origin Group", "ORG")]
    text = "Shares of Sierra Nevada and Coca Cola rose."  # no person in the list: left alone
    assert labels(text, [("Sierra Nevada", "ORG"), ("Coca Cola", "ORG")]) == [
        ("Sierra Nevada", "ORG"), ("Coca Cola", "ORG")]


def test_a_one_word_person_before_what_only_people_have_stays_a_person():
    text = "The Trump administration is denying vaccines. The Assad regime's practice. Burisma paid."
    assert labels(text, [("Trump", "PERSON"), ("Assad", "PERSON"), ("Burisma", "PERSON")]) == [
        ("Trump", "PERSON"), ("Assad", "PERSON"), ("Burisma", "ORG")]


def test_a_name_called_a_mission_or_programme_is_a_product_but_an_owner_or_acronym_is_not():
    text = ("NASA joined the Artemis moon program. Artemis aims high; the Artemis human lander is "
            "late. The Hubble Space Telescope saw it. SpaceX's rocket flew a SpaceX mission. "
            "A NASA mission.")
    assert labels(text, [("NASA", "ORG"), ("Artemis", "NORP"), ("Artemis", "ORG"), ("Artemis", "ORG"),
                         ("Hubble Space Telescope", "ORG"), ("SpaceX", "ORG"), ("SpaceX", "ORG"),
                         ("NASA", "ORG")]) == [
        ("NASA", "ORG"), ("Artemis", "PRODUCT"), ("Artemis", "PRODUCT"), ("Artemis", "PRODUCT"),
        ("Hubble Space Telescope", "PRODUCT"), ("SpaceX", "ORG"), ("SpaceX", "ORG"), ("NASA", "ORG")]


def test_a_french_role_and_its_adjective_before_a_name_make_a_person():
    text = "Au retour, l’entraîneur marseillais, Fabio Lanzi, a changé. La ville voisine Saint Denis."
    assert labels(text, [("Fabio Lanzi", "LOC"), ("Saint Denis", "LOC")], "fr") == [
        ("Fabio Lanzi", "PERSON"), ("Saint Denis", "LOC")]


def test_a_one_word_person_the_model_also_calls_a_place_as_often_is_a_place():
    text = "Lézignan-Corbières est inondée. La route vers Lézignan-Corbières est coupée."
    assert labels(text, [("Lézignan-Corbières", "PERSON"), ("Lézignan-Corbières", "LOC")], "fr") == [
        ("Lézignan-Corbières", "GPE"), ("Lézignan-Corbières", "LOC")]
    text = "Burisma paid. Burisma, in Kyiv, paid. Burisma said."
    assert labels(text, [("Burisma", "PERSON"), ("Burisma", "GPE"), ("Burisma", "PERSON")]) == [
        ("Burisma", "ORG"), ("Burisma", "GPE"), ("Burisma", "ORG")]


def test_a_name_the_model_doubts_is_no_person_to_list_others_with():
    text = "It chose companies Astrobotic, Intuitive Machines and Orbit Beyond. Orbit Beyond left."
    assert labels(text, [("Astrobotic", "ORG"), ("Intuitive Machines", "ORG"), ("Orbit Beyond", "ORG"),
                         ("Orbit Beyond", "PERSON")], lone_person=False)[1] == ("Intuitive Machines", "ORG")


def test_the_first_word_of_a_product_name_alone_is_that_product():
    text = "The Hubble Space Telescope saw it. Hubble's camera is old."
    assert labels(text, [("Hubble Space Telescope", "ORG"), ("Hubble", "ORG")]) == [
        ("Hubble Space Telescope", "PRODUCT"), ("Hubble", "PRODUCT")]


def test_a_firm_or_team_head_word_makes_no_person():
    text = "Investors led by Nordvik Capital and the fans of Leeds United cheered Jane Capitalo."
    assert labels(text, [("Nordvik Capital", "PERSON"), ("Leeds United", "PERSON"),
                         ("Jane Capitalo", "PERSON")]) == [
        ("Nordvik Capital", "ORG"), ("Leeds United", "ORG"), ("Jane Capitalo", "PERSON")]


def test_a_place_whose_name_ends_like_an_organisation_is_one():
    text = "They met at the Dover Regional Chamber, near Chamber Street and in Dover Hills."
    assert labels(text, [("the Dover Regional Chamber", "FAC"), ("Chamber Street", "FAC"),
                         ("Dover Hills", "GPE")]) == [
        ("the Dover Regional Chamber", "ORG"), ("Chamber Street", "FAC"), ("Dover Hills", "GPE")]


def test_a_vehicle_or_drone_noun_makes_a_product_but_not_of_a_nationality():
    text = ("It will build the Falcon X2 delivery drone. Most output will be the Falcon X2, "
            "and its Blue Moon uncrewed vehicle. Buyers shun Chinese drones.")
    assert labels(text, [("Falcon X2", "ORG"), ("Falcon X2", "LAW"), ("Blue Moon", "ORG"),
                         ("Chinese", "NORP")]) == [
        ("Falcon X2", "PRODUCT"), ("Falcon X2", "PRODUCT"), ("Blue Moon", "PRODUCT"), ("Chinese", "NORP")]


def test_a_model_word_ending_a_name_makes_a_product_but_not_of_its_maker_or_a_channel():
    text = "Apple sells the Apple iPad Pro and the Airbus A320 flies. Channel 4 aired it."
    assert labels(text, [("Apple", "ORG"), ("Apple iPad Pro", "ORG"), ("Airbus A320", "ORG"),
                         ("Channel 4", "ORG")]) == [
        ("Apple", "ORG"), ("Apple iPad Pro", "PRODUCT"), ("Airbus A320", "PRODUCT"), ("Channel 4", "ORG")]


def test_cathedrals_stands_landscapes_and_rivers_are_places_but_a_river_side_club_is_not_changed():
    text = ("Rochester Cathedral, the Somerset Stand, the Kent Downs National Landscape and the "
            "River Medway. Anna Rivers spoke.")
    assert labels(text, [("Rochester Cathedral", "ORG"), ("the Somerset Stand", "ORG"),
                         ("the Kent Downs National Landscape", "ORG"), ("the River Medway", "ORG"),
                         ("Anna Rivers", "PERSON")]) == [
        ("Rochester Cathedral", "FAC"), ("the Somerset Stand", "FAC"),
        ("the Kent Downs National Landscape", "FAC"), ("the River Medway", "FAC"),
        ("Anna Rivers", "PERSON")]


def test_named_hospitals_galleries_museums_and_dams_are_places():
    text = ("Patients went to Westmead Hospital; the Laing Art Gallery and the Whitby Museum "
            "lent works; the Roseires Dam holds water.")
    spans = [("Westmead Hospital", "ORG"), ("Laing Art Gallery", "ORG"), ("Whitby Museum", "PERSON"),
             ("Roseires Dam", "PERSON")]
    assert applied(relabel, text, spans, "en") == [(name, "FAC") for name, _ in spans]


def test_people_by_their_occupation_position_or_work_are_people():
    text = ("“It is wrong,” said Carol Petrakis, a retired civil engineer. Dana Holt, a "
            "cardiologist, agreed. Running back Terrell Banks scored to tight end Nils Bergstrom. "
            "The Herring Lasses was painted in 1889 by Eliza Marwood.")
    spans = [("Carol Petrakis", "ORG"), ("Dana Holt", "GPE"), ("Terrell Banks", "ORG"),
             ("Nils Bergstrom", "GPE"), ("Eliza Marwood", "ORG")]
    assert applied(relabel, text, spans, "en") == [(name, "PERSON") for name, _ in spans]


def test_a_company_described_by_an_occupation_word_stays_what_it_is():
    # An article and a head that is no person ("a major retailer"), or no article at all.
    text = ("Halvorsen Retail, a major retailer, grew. Orbitek Labs, chemistry specialist "
            "supplies, grew. A report written by Ardent Media was read.")
    spans = [("Halvorsen Retail", "ORG"), ("Orbitek Labs", "ORG"), ("Ardent Media", "ORG")]
    assert applied(relabel, text, spans, "en") == spans
