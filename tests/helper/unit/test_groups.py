"""Grouping mentions into the entities a reader means."""

from entity_lens.groups import display_name, group_mentions
from rule_cases import mentions_of


def groups_by_name(text, spans):
    entities, groups = group_mentions(mentions_of(text, spans), len(text))
    return entities, {g["name"]: g for g in groups}


def test_display_name_drops_the_and_brackets():
    assert display_name("the United States") == "United States"
    assert display_name("[Vladimir] Putin") == "Vladimir Putin"


def test_surname_and_titles_join_the_full_name():
    text = "Vladimir Putin spoke. Putin left. President Putin returned. [Vladimir] Putin said."
    entities, groups = groups_by_name(text, [("Vladimir Putin", "PERSON"), ("Putin", "PERSON"),
                                             ("President Putin", "PERSON"),
                                             ("[Vladimir] Putin", "PERSON")])
    assert list(groups) == ["Vladimir Putin"]
    assert groups["Vladimir Putin"]["count"] == 4
    assert set(groups["Vladimir Putin"]["aliases"]) == {"Putin", "President Putin"}
    assert {e["group"] for e in entities} == {groups["Vladimir Putin"]["id"]}


def test_acronyms_join_places_and_organisations():
    text = "The United States and the U.S. Army. NATO, the North Atlantic Treaty Organization."
    _, groups = groups_by_name(text, [("The United States", "GPE"), ("U.S.", "GPE"),
                                      ("NATO", "ORG"), ("the North Atlantic Treaty Organization", "ORG")])
    assert groups["United States"]["count"] == 2
    assert groups["North Atlantic Treaty Organization"]["aliases"] == ["NATO"]


def test_label_by_vote_and_salience_order():
    text = "Tallinn is big. Tallinn grows. Tallinn votes. Riga waits."
    entities, groups = groups_by_name(text, [("Tallinn", "GPE"), ("Tallinn", "ORG"),
                                             ("Tallinn", "GPE"), ("Riga", "GPE")])
    assert groups["Tallinn"]["label"] == "GPE" and groups["Tallinn"]["count"] == 3
    assert all(e["label"] == "GPE" for e in entities)
    assert groups["Tallinn"]["salience"] > groups["Riga"]["salience"]
    assert groups["Tallinn"]["id"] == "g1"
    assert groups["Riga"]["wikipedia"] == "https://en.wikipedia.org/w/index.php?search=Riga"


def test_different_people_with_other_surnames_stay_apart():
    text = "Joe Biden met Jill Biden and Kamala Harris. Harris spoke."
    _, groups = groups_by_name(text, [("Joe Biden", "PERSON"), ("Jill Biden", "PERSON"),
                                      ("Kamala Harris", "PERSON"), ("Harris", "PERSON")])
    assert set(groups) == {"Joe Biden", "Jill Biden", "Kamala Harris"}
    assert groups["Kamala Harris"]["count"] == 2


def test_a_watched_full_name_owns_its_surname():
    text = "Friedrich Merz arrived. Merz spoke. Later Merz left."
    mentions = mentions_of(text, [("Friedrich Merz", "WATCH"), ("Merz", "PERSON"), ("Merz", "PERSON")])
    mentions[0].name = "friedrich merz"
    entities, groups = group_mentions(mentions, len(text))
    assert [(g["name"], g["label"], g["count"]) for g in groups] == [("friedrich merz", "WATCH", 3)]
    assert {e["label"] for e in entities} == {"WATCH"}


def test_a_short_organisation_name_joins_its_only_longer_form():
    text = "The European Commission said. The Commission agreed. The Bank of England and the Bank."
    _, groups = groups_by_name(text, [("The European Commission", "ORG"), ("Commission", "ORG"),
                                      ("Bank of England", "ORG"), ("Bank", "ORG")])
    assert groups["European Commission"]["count"] == 2
    assert "Bank" in groups  # "Bank" is not the last word of "Bank of England": kept apart


def test_the_entity_the_headline_names_comes_first():
    text = "Tallinn is big. Riga waits."
    mentions = mentions_of(text, [("Tallinn", "GPE"), ("Riga", "GPE")])
    _, plain = group_mentions(mentions, len(text))
    _, headlined = group_mentions(mentions, len(text), title="Riga rises; Tallinnians wait")
    assert [g["name"] for g in plain] == ["Tallinn", "Riga"]
    assert [g["name"] for g in headlined] == ["Riga", "Tallinn"]  # "Tallinnians" is no mention
    assert all(0 <= g["salience"] <= 1 for g in headlined)


def test_a_nationality_counts_for_less_than_a_place_named_as_often_later():
    text = "Syrian forces left. Syrian troops came. Damascus agreed. Damascus said so."
    _, groups = groups_by_name(text, [("Syrian", "NORP"), ("Syrian", "NORP"), ("Damascus", "GPE"),
                                      ("Damascus", "GPE")])
    assert groups["Damascus"]["salience"] > groups["Syrian"]["salience"]
