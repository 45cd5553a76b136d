"""Names made whole from what English writing marks around them.

The small model cuts long names at their small words and keeps titles in people's names:
- an acronym in brackets spells the name before it: "the Medicines and Healthcare products
  Regulatory Agency (MHRA)" is one name, however the model cut it ("Medicines" + "Healthcare");
- "the X and Y … Board": a definite article before "X and" and an institution's head word at
  the end make one name ("the England and Wales Cricket Board", "the Levelling-up and
  Regeneration Act 2023"), where the model kept only the end;
- an institution's head word takes what it is "for" ("the Yerba Buena Center for the Arts",
  "the Centre for Economic Performance");
- a courtesy or office title is no part of a person's name ("Councillor Rachel Whitlock",
  "Prof Helen Okafor" → "Rachel Whitlock", "Helen Okafor"; not "Sir", "Dame", "Lord", which
  British usage keeps with the name).
One pass over the mentions for each; a joined name replaces the pieces it covers.
"""

import re

from .entities import Mention

_NAMEABLE = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART",
             "LAW", "LANGUAGE", "MISC"}
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "councillor", "cllr",
           "judge", "justice"}
TITLE_BEFORE = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Councillor|Cllr|"
                          r"Judge|Justice)\.? $")
_ACRONYM = re.compile(r" \(([A-Z]{2,6})\)")
_SMALL_WORDS = {"and", "of", "for", "the", "&", "on", "in"}
_WORD_BACK = re.compile(r"[\w&’'-]+")
# Head words of institutions and laws, the end of a name that may hold "and" or "for".
_INSTITUTION_HEADS = {"Act", "Bill", "Board", "Agency", "Authority", "Council", "Commission",
                      "Committee", "Service", "Trust", "Department", "Ministry", "Institute",
                      "Office", "Tribunal", "Centre", "Center", "Association", "Society",
                      "Federation", "Union", "Corporation", "Foundation", "Fund", "Bureau",
                      "Administration", "Museum", "School", "Academy", "College", "Campaign",
                      "Alliance", "Coalition", "Institution"}
_THE_X_AND = re.compile(r"(?<![\w-])the\s+([A-Z][a-z][\w’'-]*)\s+and\s+$")
_FOR_WHAT = re.compile(r"\s+for\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:and|of|&)\s+)?[A-Z][\w’'-]*)*")
_YEAR_AFTER_HEAD = re.compile(r"\s+(?:1[89]|20)\d\d$")


def make_names_whole(text, mentions, lang):
    """`mentions` with cut names joined and titles cut off (see the module's docstring)."""
    if lang != "en":
        return mentions
    mentions = _join_defined_acronyms(text, mentions)
    mentions = _join_institutions(text, mentions)
    return [_without_title(text, m) for m in mentions]


def _head(name):
    words = _YEAR_AFTER_HEAD.sub("", name).split()
    return words[-1] if words else ""


def _join_institutions(text, mentions):
    for m in list(mentions):
        if m.label not in _NAMEABLE or m.label == "PERSON" or _head(m.text) not in _INSTITUTION_HEADS:
            continue
        start, end = m.start, m.end
        coordinated = _THE_X_AND.search(text, max(0, m.start - 40), m.start)
        if coordinated:
            start = coordinated.start(1)
        purpose = _FOR_WHAT.match(text, m.end)
        if purpose and not _YEAR_AFTER_HEAD.search(m.text):
            end = purpose.end()
        if (start, end) != (m.start, m.end):
            mentions = _replace(text, mentions, start, end, m.label)
    return mentions


def _replace(text, mentions, start, end, label):
    """`mentions` with one mention at start:end for every name mention inside it; unchanged when
    a mention crosses its edges."""
    inside = [m for m in mentions if m.start < end and m.end > start and m.label in _NAMEABLE]
    if any(m.start < start or m.end > end for m in inside):
        return mentions
    kept = [m for m in mentions if not any(m is other for other in inside)]
    kept.append(Mention(start, end, text[start:end], label))
    return sorted(kept, key=lambda m: m.start)


def _without_title(text, m):
    """A PERSON span opening with a title and two more capitalised words loses the title."""
    words = m.text.split()
    if (m.label == "PERSON" and len(words) >= 3 and words[0].rstrip(".").casefold() in _TITLES
            and all(w[:1].isupper() for w in words[1:])):
        start = m.start + len(m.text) - len(m.text[len(words[0]):].lstrip())
        return Mention(start, m.end, text[start:m.end], m.label)
    return m


def _join_defined_acronyms(text, mentions):
    """One mention for a name an acronym in brackets spells, over the pieces the model cut."""
    for match in _ACRONYM.finditer(text):
        start = _spelled_start(text, match.start(), match.group(1))
        if start is None:
            continue
        end = match.start()
        inside = [m for m in mentions if m.start < end and m.end > start and m.label in _NAMEABLE]
        if not inside or any(m.start == start and m.end == end for m in inside):
            continue
        label = "ORG" if any(m.label in ("PERSON", "ORG") for m in inside) else inside[0].label
        mentions = _replace(text, mentions, start, end, label)
    return mentions


def _spelled_start(text, end, acronym):
    """Where the words ending at `end` begin when their capitalised initials spell `acronym`
    (small words and lower-case words skipped), else None."""
    words = list(_WORD_BACK.finditer(text, max(0, end - 200), end))
    letters = ""
    if not words or not words[-1].group(0)[:1].isupper():  # "the X Services program (XSP)"
        return None
    for word in reversed(words):
        w = word.group(0)
        if text[word.end():end].strip():
            return None
        if w[:1].isupper():
            letters = w[0] + letters
            if letters == acronym:
                return word.start()
            if not acronym.endswith(letters):
                return None
        elif w.casefold() not in _SMALL_WORDS and not w.islower():
            return None
        end = word.start()
    return None
