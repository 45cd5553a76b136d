"""Spellings of one name and short forms (entity_lens.name_variants), through group_mentions."""

from entity_lens.groups import group_mentions
from entity_lens.name_variants import variant_key
from rule_cases import mentions_of


def grouped(text, spans):
    _, groups = group_mentions(mentions_of(text, spans), len(text))
    return {g["name"]: sorted(g["aliases"]) for g in groups}


def test_variant_keys():
    assert variant_key("sierra nevada corp.", "ORG") == variant_key("sierra nevada corporation", "ORG")
    assert variant_key("tyvak systems, inc.", "ORG") == "tyvak systems"
    assert variant_key("israelis", "NORP") == variant_key("israeli", "NORP")
    assert variant_key("democratic", "NORP") == variant_key("democrats", "NORP")
    assert variant_key("department of homeland security", "ORG") == "homeland security department"
    assert variant_key("state of israel", "GPE") == "israel"
    assert variant_key("co", "ORG") == "co"  # nothing left: the name stays
    assert variant_key("swiss", "GPE") == "swiss"  # only groups lose a plural


def test_a_short_form_joins_its_only_longer_name():
    text = "The Hubble Space Telescope saw it. Hubble is old. The UN Security Council met; the Security Council voted."
    assert grouped(text, [("Hubble Space Telescope", "ORG"), ("Hubble", "ORG"),
                          ("UN Security Council", "ORG"), ("Security Council", "ORG")]) == {
        "Hubble Space Telescope": ["Hubble"], "UN Security Council": ["Security Council"]}


def test_an_acronym_joins_the_name_it_spells_even_with_an_ampersand_or_a_prefix():
    text = "Pacific Gas & Electric Co. (PG&E) and the California Public Utilities Commission (PUC)."
    assert grouped(text, [("Pacific Gas & Electric Co.", "ORG"), ("PG&E", "ORG"),
                          ("California Public Utilities Commission", "ORG"), ("PUC", "ORG")]) == {
        "Pacific Gas & Electric Co.": ["PG&E"], "California Public Utilities Commission": ["PUC"]}


def test_places_nest_and_ambiguous_short_forms_stay_apart():
    text = "Southern California burns; California votes. Apple Music and Apple Pay; Apple said."
    assert grouped(text, [("Southern California", "GPE"), ("California", "GPE"),
                          ("Apple Music", "ORG"), ("Apple Pay", "ORG"), ("Apple", "ORG")]) == {
        "Southern California": [], "California": [], "Apple Music": [], "Apple Pay": [], "Apple": []}


def test_singular_and_plural_groups_are_one():
    text = "An Israeli soldier. Israelis voted. Democrats and Democratic leaders."
    names = grouped(text, [("Israeli", "NORP"), ("Israelis", "NORP"), ("Democrats", "NORP"),
                           ("Democratic", "NORP")])
    assert len(names) == 2


def test_a_word_that_starts_names_of_its_own_does_not_join_a_name_it_ends():
    text = "The White House said no. House Democrats and the House voted; the Commission and the European Commission."
    assert grouped(text, [("White House", "ORG"), ("House Democrats", "NORP"), ("House", "ORG"),
                          ("Commission", "ORG"), ("European Commission", "ORG")]) == {
        "White House": [], "House Democrats": [], "House": [], "European Commission": ["Commission"]}
    # The model often cuts "House Democrats" into two names a space apart.
    assert grouped(text, [("White House", "ORG"), ("House", "ORG"), ("Democrats", "NORP"),
                          ("House", "ORG")]) == {"White House": [], "House": [], "Democrats": []}


def test_an_acronym_spells_the_parts_of_a_hyphenated_name():
    text = "Le Paris Saint-Germain a perdu. Le PSG reste leader."
    assert grouped(text, [("Paris Saint-Germain", "LOC"), ("PSG", "ORG")]) == {
        "Paris Saint-Germain": ["PSG"]}


def test_a_sibling_model_and_what_a_name_is_of_keep_their_own_groups():
    text = ("The Aria 2 sells; the Aria 2 Plus follows. The University of Oxford spun it out "
            "to the Oxford area. Pixel Buds Pro 2 need a Pixel.")
    assert grouped(text, [("Aria 2", "PRODUCT"), ("Aria 2 Plus", "PRODUCT"),
                          ("University of Oxford", "ORG"), ("Oxford", "ORG"),
                          ("Pixel Buds Pro 2", "PRODUCT"), ("Pixel", "PRODUCT")]) == {
        "Aria 2": [], "Aria 2 Plus": [], "University of Oxford": [], "Oxford": [],
        "Pixel Buds Pro 2": ["Pixel"]}


def test_a_name_used_before_the_longer_name_it_starts_stays_its_own():
    # The town is named first, then the paper named after it: two entities.
    text = "Fishing shaped Whitby for centuries, the Whitby Gazette wrote. Whitby is proud."
    assert grouped(text, [("Whitby", "ORG"), ("Whitby Gazette", "ORG"), ("Whitby", "ORG")]) == {
        "Whitby": [], "Whitby Gazette": []}
    # Named in full first, the short form after is the same thing.
    text = "The Whitby Gazette wrote it. The Gazette's editor says Whitby Gazette readers agree."
    assert grouped(text, [("Whitby Gazette", "ORG"), ("Whitby", "ORG")]) == {
        "Whitby Gazette": ["Whitby"]}
