"""Names a text says, in so many words, are a company or a place.

The small model labels a name it does not know from its shape ("Halvorsen Capital", "Orbit
Beyond" look like people); news writing describes such names outright, and that description
settles the type, even against a PERSON label:
- an appositive whose head is a kind of company: "Halvorsen Capital, the Denver firm that…",
  "DJI, the Shenzhen company" (not "Ana Ruiz, the company's founder", "the head of the firm");
- a plural kind of company before a list: "companies Astrobotic, Intuitive Machines and Orbit
  Beyond", "carriers such as Ryanair and easyJet" — every name of the list;
- where a person is from: "a Democrat from Broken Arrow", "a native of Tulsa", "residents of
  Rukban", "the mayor of Catoosa", "a retired bus driver from Stockport"; where a company is:
  "the Oxford company Veridion", "a Dublin law firm".
- in French, an appositive or a class noun with its adjectives: "Indigo, le spécialiste français
  du stationnement", "Cycles Ardent, le fabricant choletais de vélos", "du studio japonais
  Kumo", "le groupe industriel Safran".
A name so described is that kind wherever it recurs. One pass over the mentions, one look at
the words just before and after each.
"""

import re

from .context_types import ORG_NOUNS
from .labels import NAME_LABELS

_NAMEABLE = NAME_LABELS
_KINDS_OF_COMPANY = ("company|firm|startup|start-up|group|maker|manufacturer|carrier|retailer|"
                     "automaker|carmaker|airline|insurer|lender|chipmaker|conglomerate|nonprofit|"
                     "charity|outlet|agency|utility|operator|supplier|developer|provider|giant|"
                     "bank|broadcaster|publisher|newspaper|magazine|brokerage|fund|organization|organisation")
# ", the Denver firm that …": up to three words before the kind, none a preposition (then the
# kind belongs to something else: "the head of the firm"), and the kind ends the phrase.
_APPOSITIVE_COMPANY = re.compile(
    r",\s+(?:the|a|an)\s+(?:(?!(?:of|at|for|to|in|by|from|with)\b)[\w.&-]+\s+){0,3}?"
    r"(?:" + _KINDS_OF_COMPANY + r")(?=\s*[,.;:)]|\s+(?:that|which|whose|based|behind|founded|"
    r"backed|owned|led|run|in|with)\b)")
_PLURAL_COMPANIES = re.compile(
    r"\b(?:companies|firms|startups|start-ups|carriers|airlines|retailers|automakers|carmakers|"
    r"outlets|newspapers|broadcasters|banks|lenders|insurers|charities|nonprofits|manufacturers|"
    r"suppliers|makers|operators|utilities|organizations|organisations)\s+"
    r"(?:(?:such\s+as|including|like)\s+)?$"
    # "one standout charity (Dispensers for Safe Water)", "two charities (A and B)"
    r"|\b(?:" + _KINDS_OF_COMPANY + r"|charities|companies|firms|organizations|organisations)\s+\(\s*$")
# A title the model gives a name it does not know, beside an organisation: "The Liberal
# Democrats and the Green Party" are two organisations, not a work.
_GUESSED_WORK = {"WORK_OF_ART", "EVENT", "LAW"}
_AND = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?")
_LIST_JOINER = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# "the Rukban camp", "the Rubkan refugee camp", "Sierra Nevada foothills", "Rukban residents";
# "the northern Sierra Nevada". Not after a person, a group or an acronym ("a UN camp").
_PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:camp|camps|crossing|foothills|outskirts|suburbs|countryside|"
    r"residents|border|coast|coastline|region|neighborhood|neighbourhood)\b")
_DIRECTION_BEFORE = re.compile(r"\bthe\s+(?:northern|southern|eastern|western|central|"
                               r"north-eastern|north-western|south-eastern|south-western)\s+$")
_HOME_BEFORE = re.compile(
    r"\b(?:Democrat|Republican|native|natives|resident|residents|[Mm]ayor)\s+(?:from|of)\s+"
    r"(?:the\s+)?$"
    # a person of no company from a town: "a retired bus driver from Stockport", "a farmer
    # from Necton", "a student from Leeds"
    r"|\b(?:driver|farmer|teacher|student|pensioner|retiree|grandmother|grandfather|mother|"
    r"father|woman|man|girl|boy|couple|family|nurse|worker|fisherman|volunteer)"
    r"\s+from\s+$")
# A town before a kind of company says where the company is: "the Oxford company Veridion",
# "a Dublin law firm". Not a maker before what it supplies ("a Samsung supplier").
_TOWN_OF_COMPANY = re.compile(r"\s+(?:[a-z]+\s+)?(?:company|firm|startup|start-up)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


# French kinds of company: the class nouns of context_types and a few that name a company only
# with an adjective or in apposition; the last ones also describe people ("Anne Roy, la
# spécialiste des volcans"), so they settle only a name the model did not call a person.
_FRENCH_KINDS = "|".join(sorted(ORG_NOUNS["fr"] | {"enseigne", "startup", "studio", "éditeur",
                                                  "transporteur", "compagnie", "filiale"}))
_FRENCH_PERSON_KINDS = "spécialiste|leader|numéro un"
# Adjectives between the kind and the name or the phrase's end: lower-case words, never a
# preposition or an article ("la société de Jean Dupont" is his company, not a name of one).
_FRENCH_ADJECTIVES = r"(?:\s+(?!(?:de|du|des|d|à|au|aux|en|pour|par|sur|et|qui|que|dont|le|la|les)\b)[a-zà-ÿ-]+){0,2}"


def _french_kind(kinds):
    after = re.compile(r",\s+(?:le|la|l['’]|un|une)\s*(?:" + kinds + r")" + _FRENCH_ADJECTIVES
                       + r"(?=\s*[,.;:)]|\s+(?:de|du|des|d['’]|qui|dont|basée?|installée?|fondée?)\b)")
    before = re.compile(r"(?:^|\s)(?:le|la|l['’]|du|au|des|les|un|une)\s*(?:" + kinds + r")"
                        + _FRENCH_ADJECTIVES + r"\s+$", re.IGNORECASE)
    return after, before


_FRENCH_COMPANY = _french_kind(_FRENCH_KINDS)
_FRENCH_COMPANY_NOT_PERSON = _french_kind(_FRENCH_PERSON_KINDS)


def retype_described(text, mentions, lang):
    """Set the label of every name the text describes as a company or a place. In place."""
    if lang == "fr":
        decided = _french_decisions(text, mentions)
    elif lang == "en":
        decided = _english_decisions(text, mentions)
    else:
        return mentions
    for m in mentions:
        m.label = decided.get(m.text.casefold(), m.label)
    return mentions


def _english_decisions(text, mentions):
    decided = {}
    in_list = False
    for i, m in enumerate(mentions):
        if m.label not in _NAMEABLE:
            in_list = False
            continue
        before = text[max(0, m.start - 40):m.start]
        joined = i > 0 and in_list and _LIST_JOINER.fullmatch(text, mentions[i - 1].end, m.start)
        in_list = bool(joined or _PLURAL_COMPANIES.search(before))
        if in_list or _APPOSITIVE_COMPANY.match(text, m.end):
            decided.setdefault(m.text.casefold(), "ORG")
        elif _HOME_BEFORE.search(before) or (
                " " not in m.text and m.label not in ("PERSON", "NORP")
                and _ARTICLE_BEFORE.search(before)
                and _TOWN_OF_COMPANY.match(text, m.end)) or (
                m.label not in ("PERSON", "NORP") and not m.text.isupper()
                and (_PLACE_NOUN_AFTER.match(text, m.end) or _DIRECTION_BEFORE.search(before))):
            decided.setdefault(m.text.casefold(), "GPE")
    for before, after in zip(mentions, mentions[1:]):
        if _AND.fullmatch(text, before.end, after.start):
            for work, other in ((before, after), (after, before)):
                if work.label in _GUESSED_WORK and other.label == "ORG":
                    decided.setdefault(work.text.casefold(), "ORG")
    return decided


def _french_decisions(text, mentions):
    decided = {}
    for m in mentions:
        if m.label not in _NAMEABLE:
            continue
        before = text[max(0, m.start - 50):m.start]
        kinds = [_FRENCH_COMPANY] + ([_FRENCH_COMPANY_NOT_PERSON] if m.label != "PERSON" else [])
        if any(after.match(text, m.end) or preceding.search(before) for after, preceding in kinds):
            decided.setdefault(m.text.casefold(), "ORG")
    return decided
