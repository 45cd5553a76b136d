"""overlap.py: how much of one text another contains, by word 4-grams."""

from entity_lens.overlap import coverage, shingles


def test_shingles_are_lowercased_word_4_grams():
    assert shingles("The talks, in Tallinn, went well") == {
        ("the", "talks", "in", "tallinn"), ("talks", "in", "tallinn", "went"),
        ("in", "tallinn", "went", "well")}
    assert shingles("Two words") == {("two", "words")}
    assert shingles("!!") == set()


def test_coverage_is_the_share_of_the_wholes_4_grams_found_in_the_part():
    whole = "one two three four five six"  # three 4-grams
    assert coverage(whole, whole.upper()) == 1.0
    assert coverage(whole, "one two three four") == 1 / 3
    assert coverage(whole, "nothing alike at all here") == 0.0
    assert coverage("", "anything") == 1.0
