"""What the words around a name say it is, whatever label the model gave it.

- A class noun before the name says its kind: "le cabinet AlixPartners", "the journal Nature
  Astronomy" are organisations; "la vallée de l’Orbieu", "the planet Mercury", "the city of
  Fort Worth" are places; so is a body with moons ("Saturn's moon Titan").
- "entre X et Y" / "between X and Y" joins two things of one kind: beside a place, a name the
  model did not call a person is a place too ("entre Carcassonne et Lézignan-Corbières").
- A trade mark sign makes a product ("Digital Intuition®").
- A plural place noun after a name or a pair makes places ("Orange and Riverside counties").
- An age before "of" gives a home town in English news ("Christopher Tays, 32, of Franklin"),
  and a name before ", State" at the end of a line or sentence is a town ("Kent, Washington").
- A French plural article before a capitalised demonym makes a group ("les Parisiens",
  "des Marseillais"): place names do not take "les"/"des" and these endings together.
A name marked once is marked wherever it recurs (one type per name in a document, as in
consistency.py). One pass over the mentions, one look at the few words before each.
"""

import re

from .entities import Mention
from .junk import PLURAL_PLACE_AFTER
from .labels import NAME_LABELS, PLACE_LABELS

_NAMEABLE = NAME_LABELS - {"PERSON"}
_PLACES = PLACE_LABELS
# Class nouns before a name (the name follows them, "de"/"d’" between for places).
ORG_NOUNS = {"fr": {"cabinet", "groupe", "constructeur", "société", "entreprise", "club",
                     "syndicat", "banque", "assureur", "opérateur", "laboratoire", "fabricant",
                     "distributeur", "équipementier", "parti", "journal", "quotidien",
                     "hebdomadaire", "magazine", "chaîne", "association", "start-up", "géant"}}
_PLACE_NOUNS = {"fr": {"commune", "ville", "village", "vallée", "région", "département",
                       "fleuve", "rivière", "lac", "quartier", "île", "massif", "canton",
                       "agglomération", "bourg", "hameau", "plaine", "col", "baie", "golfe"}}
# English: the class noun right before the name ("the journal Nature Astronomy", "the planet
# Mercury", "moon Enceladus"); towns and regions only with "of" ("the city of Fort Worth").
ORG_NOUNS["en"] = {"journal", "newspaper", "magazine", "tabloid", "broadcaster", "publisher",
                    "company", "firm", "startup", "start-up", "carrier", "retailer", "automaker",
                    "carmaker", "airline", "insurer", "lender", "chipmaker", "conglomerate",
                    "nonprofit", "charity", "outlet", "agency", "group", "think-tank", "brokerage",
                    "utility", "operator", "maker", "manufacturer", "supplier", "developer",
                    "provider", "giant", "bank"}
_PLACE_NOUNS["en"] = {"planet", "moon", "river", "dwarf-planet"}
_PLACE_OF_NOUNS = {"en": {"city", "town", "village", "county", "state", "province", "district",
                          "region", "island", "borough", "municipality", "township"}}
_ENGLISH_CLASS_BEFORE = re.compile(r"(?<![\w'’])([a-z][a-z-]+)\s+(of\s+)?$")
# "Saturn's moon Titan", "Saturn's icy, ocean-harboring moon": a body with moons is a place.
_HAS_MOONS = re.compile(r"['’]s\s+(?:[a-z-]+,?\s+){0,3}moons?\b")
_CLASS_BEFORE = re.compile(r"(?:^|[\s’'])(?:l[ea]?|les|du|au|des)[\s’']\s*([a-zà-ÿ-]+)\s+(?:de\s+|d[’'])?"
                           r"(?:l[ea]?\s+|l[’'])?$", re.IGNORECASE)
_PAIRED_PLURAL_PLACE = re.compile(r"\s+(?:and|et)\s+[A-ZÀ-Ý][\w.-]*")
_AGE_OF = re.compile(r"\b\d{1,3},?\s+of\s+$")
_BETWEEN = {"en": ("between", "and"), "fr": ("entre", "et")}
_DEMONYM = re.compile(
    r"[A-ZÀ-Ý][a-zà-ÿ-]+(?:iens|iennes|ais|aises|ois|oises|ains|aines|[^i]ons|[^i]onnes)")
_PLURAL_ARTICLE = re.compile(r"(?:^|\s)(?:les|des|aux|ces)\s+$", re.IGNORECASE)
_PLURAL_DEMONYM = re.compile(r"(?<![\w’'])(?:les|des|aux|ces)\s+(" + _DEMONYM.pattern + r")\b",
                             re.IGNORECASE)


def retype_from_context(text, mentions, lang):
    """Set labels from the words around each name (see the module's docstring). In place."""
    decided = {}
    for i, m in enumerate(mentions):
        if m.label not in _NAMEABLE and m.label != "PERSON":
            continue
        key = m.text.casefold()
        before = text[max(0, m.start - 40):m.start]
        kind = _class_before(before, lang) or ("PRODUCT" if text[m.end:m.end + 1] in ("®", "™") else None)
        if not kind and lang == "fr" and _DEMONYM.fullmatch(m.text) and _PLURAL_ARTICLE.search(before):
            kind = "NORP"
        elif not kind and lang == "en" and (_AGE_OF.search(before) or _HAS_MOONS.match(text, m.end)):
            kind = "GPE"
        elif (not kind and " " not in m.text and m.label != "NORP"  # "Arab states": a group
              and _before_plural_place(text, m.end)):
            kind = "GPE"
        elif not kind and m.label != "PERSON":
            kind = _place_by_pairing(text, mentions, i, lang) or _town_before_state(text, mentions, i)
        if kind:
            decided.setdefault(key, kind)
    for m in mentions:
        kind = decided.get(m.text.casefold())
        # A one-word "person" is the model's usual guess for a name it does not know.
        if kind and (m.label != "PERSON" or kind == "NORP" or " " not in m.text):
            m.label = kind
    return mentions


def is_plural_demonym(text, start, name, lang):
    """"les Bretons", "aux Marseillais": French writes the adjective in lower case ("les
    voyageurs bretons") and the people capitalised, so the lower-case use makes no common noun
    of it."""
    return (lang == "fr" and bool(_DEMONYM.fullmatch(name))
            and bool(_PLURAL_ARTICLE.search(text, max(0, start - 6), start)))


def unlabelled_demonyms(text, mentions, lang):
    """NORP mentions for the French plural demonyms the model left out ("les Marseillais se
    sont imposés"), `mentions` with them, in text order."""
    if lang != "fr":
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for found in _PLURAL_DEMONYM.finditer(text):
        start, end = found.span(1)
        if not found.group(1)[0].isupper() or any(s < end and start < e for s, e in taken):
            continue
        added.append(Mention(start, end, found.group(1), "NORP"))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _before_plural_place(text, end):
    """Whether a plural place noun follows, after the name or its pair ("Orange and Riverside
    counties")."""
    pair = _PAIRED_PLURAL_PLACE.match(text, end)
    return bool(PLURAL_PLACE_AFTER.match(text, pair.end() if pair else end))


def _class_before(before, lang):
    """"ORG" or "LOC" when the words right before a name say what kind of thing it is."""
    if lang == "en":
        noun = _ENGLISH_CLASS_BEFORE.search(before)
        if not noun:
            return None
        word, of = noun.group(1), noun.group(2)
        if word in ORG_NOUNS["en"] and not of:
            return "ORG"
        if word in _PLACE_NOUNS["en"] and not of or word in _PLACE_OF_NOUNS["en"] and of:
            return "LOC"
        return None
    noun = _CLASS_BEFORE.search(before)
    word = noun.group(1).casefold() if noun else ""
    if word in ORG_NOUNS.get(lang, ()):
        return "ORG"
    if word in _PLACE_NOUNS.get(lang, ()):
        return "LOC"
    return None


def _place_by_pairing(text, mentions, i, lang):
    """"LOC"-like label when `mentions[i]` is paired with a place by "between … and …"."""
    words = _BETWEEN.get(lang)
    if not words:
        return None
    between, joiner = words
    m = mentions[i]
    pattern_after = re.compile(r"\s+" + joiner + r"\s+")
    pattern_before = re.compile(r"(?:^|\s)" + between + r"\s+$", re.IGNORECASE)
    if pattern_before.search(text, max(0, m.start - 12), m.start) and i + 1 < len(mentions):
        other = mentions[i + 1]
        if pattern_after.fullmatch(text, m.end, other.start) and other.label in _PLACES:
            return other.label
    if i > 0:
        other = mentions[i - 1]
        if (pattern_after.fullmatch(text, other.end, m.start) and other.label in _PLACES
                and pattern_before.search(text, max(0, other.start - 12), other.start)):
            return other.label
    return None


def _town_before_state(text, mentions, i):
    """"GPE" for a one-word name followed by ", " and a place that ends the line or sentence."""
    m = mentions[i]
    if i + 1 >= len(mentions) or " " in m.text:
        return None
    other = mentions[i + 1]
    if (other.label == "GPE" and text[m.end:other.start] == ", "
            and (other.end == len(text) or text[other.end] in ".\n")):
        return "GPE"
    return None
