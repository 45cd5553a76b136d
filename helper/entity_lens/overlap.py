"""How much of one text another text contains, by word 4-grams (the benchmark's own unit)."""

import re

_WORD = re.compile(r"\w+")


def shingles(text, size=4):
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def coverage(whole, part):
    """Share of `whole`'s 4-grams found in `part` (1.0 when `whole` has none)."""
    expected = shingles(whole)
    return len(expected & shingles(part)) / len(expected) if expected else 1.0
