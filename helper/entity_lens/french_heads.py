"""French names led by a lower-case head noun, whole again.

French writes the kind of a street, venue, lake, court or law in lower case before the proper
part, and the two together are the name: "rue de la République", "place du Maréchal-Leclerc",
"stade Pierre-Fabre", "lac d’Annecy", "tribunal correctionnel de Lyon", "cour d’appel de Lyon",
"loi Climat et résilience". The model labels only the capitalised part (and the span repair
drops a lower-case lead word), so a reader would see "République" listed as a place and
"Leclerc" as a person. Here:
- a head word before a name, with only "de"/"du"/"d’"… between for places and laws, or the
  institution's lower-case qualifiers for courts and chambers ("tribunal de commerce d’"),
  joins the name; the head decides the type (places, organisations, laws);
- an institution named with a capitalised head ("Chambre régionale des comptes", "Métropole
  de Lyon") is an organisation, and takes the place the text names right after it ("… des
  comptes" + "de Nouvelle-Aquitaine").
One pass over the mentions, one look at the few words before and after each.
"""

import re

from .entities import Mention
from .junk import sentence_start
from .labels import NAME_LABELS, PLACE_LABELS

# Head word → the type of the name it leads.
_HEADS = {
    **dict.fromkeys(("rue", "avenue", "boulevard", "place", "quai", "impasse", "allée",
                     "esplanade", "square", "pont", "gare", "stade", "aéroport", "parc", "jardin",
                     "lac", "mont", "col", "île", "étang", "église", "cathédrale", "basilique",
                     "abbaye", "château", "palais"), "FAC"),
    **dict.fromkeys(("tribunal", "cour", "parquet", "chambre", "conseil", "police", "université"),
                    "ORG"),
    "loi": "LAW",
}
# Heads too common as plain nouns to lead a name without a qualifier ("le conseil de Lyon" is
# any council's meeting; "le conseil municipal de Lyon" is the body).
_QUALIFIED_ONLY = {"conseil", "police"}
# Capitalised heads of an institution's own name ("Métropole de Lyon", "Agglomération du
# Choletais", "Chambre régionale des comptes").
_INSTITUTIONS = {"tribunal", "cour", "parquet", "chambre", "conseil", "métropole", "communauté",
                 "agglomération", "préfecture"}
_LINKS = {"de", "du", "des", "la", "l’", "l'", "d’", "d'"}
_TOKEN = re.compile(r"\S+")
# "à la place de Marie Dupont" is "instead of", no square; so is "la place de" a person
# written as separate words (squares named after people are hyphenated: "place Jean-Jaurès").
_INSTEAD_OF = re.compile(r"(?:à|a)\s+(?:la|sa|ma|leur)\s+$", re.IGNORECASE)
_PLACE_LINK_AFTER = re.compile(r"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])")


def restore_french_heads(text, mentions, lang):
    """`mentions` with French names whole and typed by their head (see the module's docstring)."""
    if lang != "fr":
        return mentions
    result = []
    skip_next = False
    for i, m in enumerate(mentions):
        if skip_next:
            skip_next = False
            continue
        if m.label not in NAME_LABELS:
            result.append(m)
            continue
        previous_end = result[-1].end if result else 0
        m = _with_head_before(text, m, previous_end)
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        joined = _institution(text, m, following)
        skip_next = joined is not m and following is not None and joined.end == following.end
        result.append(joined)
    return result


def _with_head_before(text, m, previous_end):
    window = max(previous_end, m.start - 70)
    tokens = [(t.start(), t.group()) for t in _TOKEN.finditer(text, window, m.start)]
    # "d’Annecy": the elided link is glued to the name, a token of its own only when spaced.
    glued = re.search(r"(?:^|\s)(d['’]|l['’])$", text[window:m.start])
    if glued and (not tokens or tokens[-1][1] != glued.group(1)):
        tokens.append((m.start - len(glued.group(1)), glued.group(1)))
    between = []
    for start, word in reversed(tokens):
        head = word.casefold()
        if head in _HEADS and (word.islower() or sentence_start(text, start)):
            # A court or chamber "de" a place: "tribunal correctionnel de Lyon", never "conseil
            # ministériel de l’Agence spatiale européenne" (a meeting of that agency).
            if (_fits(head, between) and (_HEADS[head] != "ORG" or m.label in PLACE_LABELS)
                    and not (head == "place" and (_INSTEAD_OF.search(text, window, start)
                                                  or m.label == "PERSON" and " " in m.text))):
                return Mention(start, m.end, text[start:m.end], _HEADS[head])
            return m
        if not _is_lower_word(word):
            return m
        between.insert(0, head)
    return m


def _is_lower_word(word):
    word = re.sub(r"^[dl]['’]", "", word)
    return word == "" or (word.isalpha() and word.islower())


def _fits(head, between):
    """Whether the words between a head and the name suit that head."""
    links = [w for w in between if w in _LINKS]
    if _HEADS[head] != "ORG":
        return len(links) == len(between) and len(between) <= 2  # "rue de la", "lac d’", "stade"
    if not between or between[-1] not in _LINKS:
        return False  # "tribunal de Lyon", never "tribunal Lyon"
    qualifiers = [w for w in between if w not in _LINKS]
    return len(between) <= 6 and (qualifiers or head not in _QUALIFIED_ONLY)


def _institution(text, m, following):
    """An institution's capitalised name as an organisation, with the place named after it."""
    words = m.text.split()
    if len(words) < 2 or words[0].casefold() not in _INSTITUTIONS:
        return m
    if following is not None and following.label in PLACE_LABELS:
        link = _PLACE_LINK_AFTER.fullmatch(text, m.end, following.start)
        if link:
            return Mention(m.start, following.end, text[m.start:following.end], "ORG")
    return Mention(m.start, m.end, m.text, "ORG")
