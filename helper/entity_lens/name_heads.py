"""Names the model cut off their head word, whole again (English).

An unknown name's last word often says what it names ("Suites", "Systems", "Capital",
"Hospital"), and the small model often stops short of it or starts after the unknown part:
- a head word right after a name is that name's end: "WoodSpring" + "Suites" → "WoodSpring
  Suites" (a place), "Nordvik" + "Capital" → "Nordvik Capital" (an organisation);
- an organisation name ending in a head word takes back a name the text uses alone right
  before it: "Skyreach" + "Aerial Systems" → "Skyreach Aerial Systems";
- a place head and "of" before a name make one place: "Port" + "of" + "Catoosa", or "Gulf of"
  before "Aden" the model labelled alone;
- a possessive before a building head is part of the building's name: "St James" + "'s
  Hospital" → "St James's Hospital".
The head word decides the type. One pass over the mentions, looking at the words beside each.
"""

import re

from .entities import Mention
from .labels import NAME_LABELS

# Head word → the type of the name it ends.
_HEADS = {**dict.fromkeys(("Suites", "Hotel", "Inn", "Motel", "Hospital", "Airport", "Stadium",
                           "Arena", "Mall", "Cathedral", "Infirmary", "Abbey", "Pavilion"), "FAC"),
          **dict.fromkeys(("Systems", "Capital", "Partners", "Holdings", "Group", "Industries",
                           "Engineering", "Technologies", "Robotics", "Aerospace", "Ventures",
                           "Labs", "Pharmaceuticals", "Airlines", "Motors"), "ORG")}
# Buildings named after a saint or founder in the possessive ("St James's Hospital").
_POSSESSIVE_HEADS = {"Hospital", "Cathedral", "Church", "College", "Park", "Square",
                     "Infirmary", "Hall", "Abbey", "Chapel", "School"}
# Place heads that take "of" ("the Port of Catoosa", "the Gulf of Aden").
_PLACE_OF_HEADS = {"Port", "Gulf", "Bay", "Cape", "Isle", "Strait", "Straits", "Sea", "Lake",
                   "Mount"}
_HEAD_AFTER = re.compile(r" ([A-Z][a-z]+)(?![\w'’-])(?! [A-Z])")
_POSSESSIVE_HEAD_AFTER = re.compile(r"(['’]s?) ([A-Z][a-z]+)(?![\w'’-])(?! [A-Z])")
_WORD_BEFORE = re.compile(r"(?<![\w.'’-])([A-Z][\w-]*) $")
_PLACE_OF_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+) of $")


def restore_heads(text, mentions, lang):
    """`mentions` with names cut off their head word made whole (see the module's docstring)."""
    if lang != "en":
        return mentions
    known = {m.text for m in mentions if m.label in NAME_LABELS}
    result = []
    for i, m in enumerate(mentions):
        if m.label in NAME_LABELS:
            limit = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
            m = _with_head_after(text, m, limit)
            m = _with_name_before(text, m, result, known)
        result.append(m)
    return result


def _with_head_after(text, m, limit):
    after = _HEAD_AFTER.match(text, m.end)
    if after and after.end() <= limit and after.group(1) in _HEADS:
        return Mention(m.start, after.end(), text[m.start:after.end()], _HEADS[after.group(1)])
    owned = _POSSESSIVE_HEAD_AFTER.match(text, m.end)
    if owned and owned.end() <= limit and owned.group(2) in _POSSESSIVE_HEADS:
        return Mention(m.start, owned.end(), text[m.start:owned.end()], "FAC")
    return m


def _with_name_before(text, m, result, known):
    """"Skyreach" before "Aerial Systems", "Port of" before "Catoosa": one name."""
    before = text[max(0, m.start - 40):m.start]
    place_of = _PLACE_OF_BEFORE.search(before)
    if place_of and place_of.group(1) in _PLACE_OF_HEADS and m.label in ("GPE", "LOC", "FAC", "ORG"):
        start = m.start - len(place_of.group(0))
        if _absorb(result, start, start + len(place_of.group(1))):
            return Mention(start, m.end, text[start:m.end], "LOC")
        return m
    word = _WORD_BEFORE.search(before)
    if word and m.label == "ORG" and m.text.split()[-1] in _HEADS and word.group(1) in known:
        start = m.start - len(word.group(0))
        if _absorb(result, start, start + len(word.group(1))):
            return Mention(start, m.end, text[start:m.end], m.label)
    return m


def _absorb(result, start, end):
    """Whether the words at start:end are free to join the next name: no mention there, or
    the model's mention of exactly those words (then taken off `result`)."""
    previous = result[-1] if result else None
    if previous is None or previous.end <= start:
        return True
    if previous.end == end and previous.start >= start - 4:  # "Port", "the Port"
        result.pop()
        return True
    return False
