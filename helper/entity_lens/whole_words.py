"""Whether a phrase occurs in a text as whole words, without a regular expression per phrase.

Building `(?<!\\w)phrase(?!\\w)` for every name of every page overflowed `re`'s cache of compiled
patterns, so each page recompiled hundreds of them: most of the time the entity rules took.
"""


def is_word_char(char):
    # The same set as `\w` in Python's Unicode regular expressions.
    return char.isalnum() or char == "_"


def contains_words(text, phrase):
    """Whether `phrase` occurs in `text` with no word character just before or after it."""
    if not phrase:
        return False
    start = text.find(phrase)
    while start != -1:
        end = start + len(phrase)
        if ((start == 0 or not is_word_char(text[start - 1]))
                and (end == len(text) or not is_word_char(text[end]))):
            return True
        start = text.find(phrase, start + 1)
    return False
