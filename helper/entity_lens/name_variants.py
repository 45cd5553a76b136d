"""Spellings of one name: the key that makes them one group, and shortened forms that join.

- a company's legal suffix is not part of its name ("Sierra Nevada Corp." = "Sierra Nevada
  Corporation", "Tyvak Systems, Inc." = "Tyvak Systems");
- a nationality in the singular, the plural or as an adjective is one group ("Israeli" =
  "Israelis", "Democrat" = "Democrats" = "Democratic");
- "Department of Homeland Security" = "Homeland Security Department", "State of Israel" =
  "Israel";
- a shorter organisation, product or work name that is the start or the end of exactly one
  longer name of the same kind joins it ("Hubble" → "Hubble Space Telescope", "Security
  Council" → "UN Security Council"); places nest, so they never join this way; one word that
  also starts another name ("House Democrats") joins only a name it starts, never one it ends
  ("White House");
- an acronym joins the only name (or end of a name) whose initials it spells, "&" included
  and hyphenated parts counted ("PG&E" → "Pacific Gas & Electric Co.", "PUC" → "California
  Public Utilities Commission", "PSG" → "Paris Saint-Germain").
Lookups go through dictionaries keyed by each name's word prefixes and suffixes: linear in the
number of distinct names times their (short) length, never all pairs.
"""

import re

_LEGAL_SUFFIX = re.compile(
    r",?\s+(?:inc|corp|corporation|co|company|ltd|limited|llc|plc|s\.?a|ag|gmbh|sas|sarl)\.?$",
    re.IGNORECASE)
_HEAD_OF = re.compile(r"^(department|ministry|office)\s+of\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_PLACE_OF = re.compile(r"^(?:state|republic|kingdom|commonwealth|principality)\s+of\s+(.+)$",
                       re.IGNORECASE)
_JOINERS = {"of", "the", "and", "for", "de", "la", "le", "du", "des", "von", "van", "der", "&",
            "on", "in", "et", "d"}
_ELIDED_ARTICLE = re.compile(r"^(?:[dl]|qu)['’](?=\w)", re.IGNORECASE)
# Places nest ("California" is not "Southern California"): only these kinds join by parts.
_PART_FAMILIES = {"ORG", "OTHER"}
_MODEL_SUFFIX = re.compile(r"plus|pro|max|mini|ultra|lite|xl|se|\d+(?:\.\d+)?")
FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "NORP": "GROUP", "EVENT": "OTHER", "PRODUCT": "OTHER", "WORK_OF_ART": "OTHER",
          "LAW": "OTHER", "LANGUAGE": "OTHER", "MISC": "OTHER"}


def variant_key(key, label):
    """A group key (already casefolded, see groups.name_key) with variant spellings folded."""
    stripped = _LEGAL_SUFFIX.sub("", key)
    key = stripped if stripped else key
    if label == "NORP":
        key = re.sub(r"(?<=\w{3})(?:s|ic)$", "", key)
    elif label == "ORG":
        head_of = _HEAD_OF.match(key)
        if head_of:
            key = f"{head_of.group(2)} {head_of.group(1).lower()}"
    elif label in ("GPE", "LOC"):
        place_of = _PLACE_OF.match(key)
        if place_of:
            key = place_of.group(1)
    return key


def _words(name):
    return [w for w in re.split(r"[\s.]+", _LEGAL_SUFFIX.sub("", name)) if w]


def _initials(words):
    # A French elided article is no word of its own: "d’incendie" gives the I of SDIS.
    kept = [w for w in (_ELIDED_ARTICLE.sub("", w) for w in words) if w.casefold() not in _JOINERS]
    return "".join(w[0] for w in kept).upper() if len(kept) >= 2 else None


def _acronym_letters(name):
    letters = re.sub(r"[.&\s]", "", name)
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def name_starts(groups):
    """Words that start a longer name in `groups` (key → group with .name and .mentions): the
    first words of multi-word names, and a one-word name the text runs into the next name
    ("House" of "House Democrats", the model's two mentions a space apart). Such a word is a
    word of several names, not the short form of the one it ends ("White House")."""
    starts = {words[0].casefold() for words in (_words(g.name) for g in groups.values())
              if len(words) > 1}
    mention_starts = {m.start for g in groups.values() for m in g.mentions}
    starts.update(g.name.casefold() for g in groups.values()
                  if len(_words(g.name)) == 1 and any(m.end + 1 in mention_starts for m in g.mentions))
    return starts


def join_short_forms(groups):
    """Merge each shorter name into the one longer group it abbreviates. `groups`: key → group
    (with .name, .label, .key, .absorb); changed in place."""
    by_part, by_start, by_initials = {}, {}, {}
    first_words = name_starts(groups)
    for g in groups.values():
        family = FAMILY.get(g.label)
        if family is None or family == "PERSON":
            continue  # people: groups.py joins surnames to full names
        words = [w.casefold() for w in _words(g.name)]
        for n in range(1, len(words) if family in _PART_FAMILIES else 1):
            # A head before "of" is a common noun ("Bank" of "Bank of England"), not a short
            # form; one word after it is what the name is of, a place most often ("Oxford" of
            # "University of Oxford", "America" of "Bank of America").
            parts = [(words[-n:], by_part)] if n > 1 or words[-2] != "of" else []
            # A start followed only by model words is a sibling model ("Aria 2" of "Aria 2 Plus").
            if words[n] not in _JOINERS and not all(_MODEL_SUFFIX.fullmatch(w) for w in words[n:]):
                parts.append((words[:n], by_start))
            for part, index in parts:
                if part[0] not in _JOINERS and part[-1] not in _JOINERS:
                    index.setdefault((family, " ".join(part)), set()).add(g.key)
        original = _words(g.name)
        # Hyphenated parts count as words too: "Paris Saint-Germain" is PSG.
        hyphenated = [part for w in original for part in w.split("-") if part]
        for spelled in {tuple(original), tuple(hyphenated)}:
            for n in range(2, len(spelled) + 1):
                initials = _initials(spelled[-n:])
                if initials:
                    by_initials.setdefault(initials, set()).add(g.key)
    for g in list(groups.values()):
        if g.key not in groups:
            continue
        family = FAMILY.get(g.label)
        acronym = _acronym_letters(g.name)
        owners = by_initials.get(acronym, set()) if acronym and family != "PERSON" else set()
        shortens = set()
        if not owners and not acronym and family in _PART_FAMILIES:
            key = (family, " ".join(w.casefold() for w in _words(g.name)))
            owners = by_part.get(key, set()) | by_start.get(key, set())
            shortens = by_start.get(key, set()) - by_part.get(key, set())
        owners = {k for k in owners if k != g.key and k in groups}
        name = g.name.casefold()
        if name in first_words:
            owners = {k for k in owners if _words(groups[k].name)[0].casefold() == name}
        # News names a thing in full first and shortens it after ("the Hubble Space Telescope
        # … Hubble"); a start used before the longer name is a name of its own, what the
        # longer one is named after ("Whitby" … "the Whitby Gazette", "Google" … "Google
        # Translate").
        owner = next(iter(owners)) if len(owners) == 1 else None
        if owner in shortens and groups[owner].first.start > g.first.start:
            owners = set()
        if len(owners) == 1:
            groups[owners.pop()].absorb(g)
            del groups[g.key]
