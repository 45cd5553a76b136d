"""Document-level types: a name means the same thing wherever it recurs in one article.

The small model labels each mention from a few words around it, so one person comes out as
PERSON in one sentence and ORG in the next. Within one text:
- a multi-word name the model once calls PERSON is a person everywhere, unless one of its words
  names an organisation or a place ("Ceres Robotics", "Keck Observatory", "Halvorsen
  Capital"); a place whose name ends like an organisation's is one ("the Tulsa Regional Chamber");
- a two- or three-word capitalised name right after a person's title or role ("Gov. Kristi
  Noem", "quarterback Mason Rudolph") or before an appositive role ("Steve Clarke, deputy
  administrator") is a person;
- a lone word that is the surname of exactly one person named in full is that person;
- an all-caps name opening a paragraph before a dash is a dateline, a place ("SIOUX FALLS —");
- a name ending in a street or building word is a place ("Jolinda Drive", "Caldwell Place");
- a name that half its mentions call a mission, programme, rover, drone, drug… is a product
  ("the Artemis moon program", "Hubble Space Telescope"), unless it is an acronym, owns things
  or is only ever a nationality ("Chinese drones"); so is a name ending in a model or version
  word ("Falcon X2", "iPad Pro");
- a two- or three-word name listed with a person ("Herb Lash and Megan Davies") is a person;
- a lone-word PERSON the text never names in full nor titles is an organisation, unless what
  follows is what only people have ("the Trump administration").
Every rule here is linear in the number of mentions.
"""

import re
from collections import Counter

from .labels import NAME_LABELS

PERSON_LABELS = {"PERSON"}
_NAMEABLE = NAME_LABELS

_ROLES = {
    "en": {"mr", "mrs", "ms", "dr", "gov", "governor", "rep", "representative", "sen", "senator",
           "president", "ceo", "cfo", "founder", "co-founder", "cofounder", "chair", "chairman",
           "chairwoman", "chairperson", "director", "spokesman", "spokeswoman", "spokesperson",
           "minister", "secretary", "suspect", "quarterback", "coach", "officer", "analyst",
           "strategist", "reporter", "author", "editor", "professor", "prof", "lt", "col",
           "gen", "general", "capt", "captain", "sgt", "sergeant", "judge", "attorney", "lawyer",
           "mayor", "justice", "councillor", "cllr", "envoy", "ambassador", "witness", "executive", "chief", "leader", "manager",
           "administrator", "economist", "scientist", "researcher", "astronomer", "actor",
           "actress", "singer", "player", "linebacker", "cornerback", "receiver", "defender",
           "striker", "midfielder", "goalkeeper", "pitcher", "rapper", "writer", "columnist",
           "correspondent", "photographer", "investor", "entrepreneur", "activist", "pastor",
           "rabbi", "imam", "bishop", "priest", "father", "sister", "brother", "mother",
           "daughter", "son", "wife", "husband", "widow", "aunt", "uncle", "dean", "principal",
           "teacher", "student", "doctor", "nurse", "deputy", "commissioner", "sheriff",
           "detective", "prosecutor", "lawmaker", "congressman", "congresswoman", "candidate",
           "king", "queen", "prince", "princess", "pope", "sir", "dame", "lord", "lady",
           # Positions as sports tables abbreviate them: "LB Sione Takitaki", "CB Denzel Ward".
           "qb", "rb", "wr", "te", "ol", "dl", "dt", "lb", "olb", "ilb", "cb", "fb", "gk",
           # and as reports write them: "running back Terrell Banks", "tight end Nils Bergstrom"
           "back", "end", "kicker", "punter", "winger", "forward", "batsman", "bowler",
           "wicketkeeper", "jockey", "rider", "cyclist", "skipper", "sailor", "runner",
           "swimmer", "golfer", "boxer",
           # Occupations and roles news gives people in apposition ("Carol Petrakis, a retired
           # civil engineer"; "a data protection partner at …").
           "engineer", "partner", "associate", "consultant", "farmer", "resident", "owner",
           "homeowner", "retiree", "veteran", "volunteer", "organiser", "organizer",
           "campaigner", "curator", "artist", "painter", "novelist", "poet", "composer",
           "conductor", "musician", "designer", "architect", "planner", "surgeon", "physician",
           "lecturer", "pupil", "parent", "grandmother", "grandfather", "neighbour", "neighbor",
           "colleague", "friend", "customer", "shopper", "passenger", "commuter", "pilot",
           "driver", "member", "employee", "worker", "official", "trustee", "donor", "fan"},
    "fr": {"m", "mme", "mlle", "dr", "président", "présidente", "ministre", "directeur",
           "directrice", "porte-parole", "maire", "député", "députée", "sénateur", "sénatrice",
           "juge", "avocat", "avocate", "professeur", "professeure", "général", "générale",
           "secrétaire", "fondateur", "fondatrice", "patron", "patronne", "chercheur",
           "chercheuse", "économiste", "entraîneur", "joueur", "joueuse", "attaquant",
           "écrivain", "écrivaine", "chanteur", "chanteuse", "acteur", "actrice", "préfet",
           "préfète", "commissaire", "procureur", "procureure", "adjoint", "adjointe",
           "conseiller", "conseillère", "candidat", "candidate", "syndicaliste", "militant",
           "militante", "premier", "première", "chef", "cheffe", "responsable", "roi", "reine",
           "pape", "docteur", "médecin", "journaliste", "photographe", "sociologue",
           "historien", "historienne", "élu", "élue", "mère", "père", "fils", "fille"},
}
# Words that make a capitalised name an organisation or a place, not a person.
_NOT_PERSON_WORDS = {
    "inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "group", "bank",
    "university", "college", "school", "institute", "association", "council", "committee",
    "department", "ministry", "agency", "office", "party", "union", "church", "hospital",
    "center", "centre", "foundation", "fund", "news", "times", "post", "journal", "press",
    "network", "systems", "technologies", "airlines", "club", "team", "house", "court",
    "street", "road", "avenue", "drive", "county", "city", "state", "river", "lake", "mount",
    "park", "island", "islands", "valley", "project", "program", "initiative", "service",
    "services", "commission", "board", "museum", "police", "army", "force", "forces",
    "société", "groupe", "banque", "université", "ministère", "conseil", "parti", "syndicat",
    "observatory", "telescope", "telescopes", "laboratory", "labs", "robotics", "aerospace",
    "motors", "pharmaceuticals", "partners", "ventures", "holdings", "studios", "airways",
    "mairie", "hôpital", "musée", "rue", "place", "boulevard", "fondation",
    # Heads of firms' and teams' names ("Halvorsen Capital", "Altair Engineering", "Leeds United").
    "capital", "engineering", "united", "industries", "chamber", "suites", "hotel", "inn",
}
_PLACE_WORDS = {"street", "road", "avenue", "drive", "county", "city", "river", "lake", "mount",
                "park", "island", "islands", "valley", "rue", "place", "boulevard"}
# Last words only an organisation's name ends with: a "place" so named is an organisation
# ("the Tulsa Regional Chamber", "Sierra Nevada Corp.").
_ORG_TAIL = {"chamber", "council", "committee", "commission", "association", "company",
             "corporation", "inc", "corp", "llc", "ltd", "plc", "group", "partners", "capital",
             "holdings", "foundation", "institute", "agency", "ministry", "party"}
_PLACE_TAIL = {
    "en": {"street", "st", "drive", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane",
           "highway", "hwy", "place", "square", "bridge", "airport", "parkway", "terrace",
           "plaza", "stadium", "arena",
           # Buildings, stands and protected landscapes ("Rochester Cathedral", "the Somerset
           # Stand", "Kent Downs National Landscape")
           "cathedral", "infirmary", "abbey", "pavilion", "stand", "landscape",
           # Named buildings and works a reader visits or sees on a map ("Westmead Hospital",
           # "Laing Art Gallery", "Roseires Dam"): places, as the gold rules type them.
           "hospital", "gallery", "museum", "dam", "reservoir", "canal", "pier", "quay",
           "harbour", "harbor", "tunnel", "lighthouse"},
    "fr": set(),
}
_PLACE_HEAD = {"en": {"river"},  # "the River Medway"
               "fr": {"rue", "avenue", "boulevard", "place", "quai", "pont", "gare", "aéroport",
                      "stade", "impasse", "allée", "cours", "chemin", "route"}}
_EVENT_HEADS = {"coupe", "championnat", "championnats", "tournoi", "festival", "jeux", "mondial",
                "biennale", "rallye"}
# "Ligue" heads organisations too ("Ligue de football professionnel", "Ligue des droits de
# l’homme"): only a number or these make it a competition.
_LEAGUE_EVENTS = {"des champions", "europa", "conférence", "des nations"}
# Prepositions that put what follows on a map ("in Palmyra", "near al-Tanf", "à Trèbes").
_LOCATIVE = {"en": {"in", "near", "outside"}, "fr": {"à", "près"}}
# Nouns a person's surname qualifies and a company's name does not ("the Trump administration",
# "the Assad regime"): a one-word name before one is a person, introduced or not.
_PERSON_HELD = {"en": {"administration", "regime", "presidency", "campaign", "dynasty",
                       "era", "loyalists", "supporters", "impeachment"},
                "fr": set()}
_NEXT_WORD = re.compile(r"(?:['’]s)?\s+([a-zà-ÿ][\w-]*)")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Nouns that say the name before them is a product or a programme ("its Dragonfly mission",
# "the Artemis moon program", "Blue Moon lander"), and names ending in one ("Hubble Space
# Telescope"). One lower-case word may come between ("Artemis human lander").
_PRODUCT_NOUNS = {
    "en": {"mission", "missions", "program", "programs", "programme", "programmes", "rover",
           "rovers", "lander", "landers", "spacecraft", "probe", "probes", "telescope",
           "satellite", "satellites", "rocket", "rockets", "app", "apps", "drug", "drugs",
           "vaccine", "smartphone", "console", "chatbot", "drone", "drones", "vehicle",
           "aircraft", "jet", "jetliner", "helicopter", "sedan", "hatchback", "suv", "crossover",
           "laptop", "tablet", "handset", "headset", "chip", "processor"},
    "fr": set(),
}
_PRODUCT_AFTER = re.compile(r"\s+(?:[a-z][a-z-]*\s+)?([a-z]+)\b")
# A model or version word ending a name makes a product ("Falcon X2", "Airbus A320", "Firefox
# 3.5", "Surface Pro"); plain numbers do not ("Channel 4", "Highway 412", "Apollo 11").
_MODEL_WORD = re.compile(r"[A-Z]{1,3}-?\d{1,4}[a-z]{0,2}|\d+(?:\.\d+)+|Pro|Mini|Ultra")
_MODEL_LABELS = {"ORG", "PRODUCT", "LAW", "WORK_OF_ART", "MISC"}
# An artwork's maker: "painted in 1889 by Eliza Marwood". Not "written by": bodies write
# reports.
_MADE_BY = re.compile(r"\b(?:painted|directed|composed|drawn|photographed|illustrated|"
                      r"sculpted|choreographed)(?:\s+[\w-]+){0,4}\s+by\s+$")
_PERSON_AGENT = re.compile(r"\w{3,}(?:ist|ian|eer)s?$")
_ROLE_AND_ADJECTIVE = re.compile(r"([^\W\d_][\w-]*)\s+[a-zà-ÿ][\w-]*,?\s+$")
_COORDINATION = re.compile(r",?\s+(?:and|et)\s+|,\s+")
_DATELINE_AFTER = re.compile(r"\s*(?:,[^—–\n]{0,40})?\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]")


def _words(name):
    return [w.rstrip(".") for w in name.split()]


def _titlecase_name(words):
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper() and not w.isupper() and w.replace("-", "").replace("'", "")
        .replace("’", "").isalpha() for w in words)


def _previous_word(text, start):
    match = re.search(r"([^\W\d_][\w-]*)\.?,?\s+$", text[max(0, start - 40):start])
    return match.group(1).casefold() if match else ""


def _after_role(text, start, roles, lang):
    """Whether a role comes right before `start`; in English, also a work's "painted … by";
    in French, a role and its adjective ("l’entraîneur marseillais, Fabio Lanzi", "le
    ministre français Jean Dupont")."""
    if _previous_word(text, start) in roles:
        return True
    if lang == "en":
        return bool(_MADE_BY.search(text, max(0, start - 60), start))
    if lang != "fr":
        return False
    match = _ROLE_AND_ADJECTIVE.search(text, max(0, start - 60), start)
    return bool(match) and match.group(1).casefold() in roles


def _appositive_role(text, end, roles):
    match = re.match(r",\s+((?:[a-zà-ÿ-]+\s+){0,3}[a-zà-ÿ-]+)", text[end:end + 80])
    if not match:
        return False
    words = match.group(1).split()
    # Agent nouns in -ist, -ian, -eer name people ("a cardiologist", "the librarian", "a
    # volunteer"); the head of a phrase after an article is the one that counts.
    head = words[-1] if words[0] in ("a", "an", "the") else ""
    return any(w in roles for w in words) or bool(_PERSON_AGENT.search(head))


def _products(text, mentions, nouns):
    """Casefolded names that at least half their mentions call a product or a programme. An
    acronym ("a NASA mission") or a name that owns something ("SpaceX's rocket") is not one."""
    seen, called = {}, {}
    not_products, models = set(), set()
    for m in mentions:
        if m.label not in _NAMEABLE or m.label == "PERSON" and len(m.text.split()) > 1:
            continue
        key = m.text.casefold()
        seen[key] = seen.get(key, 0) + 1
        if text.startswith(("'s", "’s"), m.end) or m.text.isupper():
            not_products.add(key)
        after = _PRODUCT_AFTER.match(text, m.end)
        words = _words(m.text)
        if (after and after.group(1) in nouns) or (len(words) > 1 and words[-1].casefold() in nouns):
            called[key] = called.get(key, 0) + 1
        elif len(words) > 1 and m.label in _MODEL_LABELS and _MODEL_WORD.fullmatch(words[-1]):
            models.add(key)
    # A name only ever called a nationality qualifies the product, it is not one ("Chinese drones").
    groups = {m.text.casefold() for m in mentions if m.label == "NORP"} - {
        m.text.casefold() for m in mentions if m.label != "NORP"}
    products = {key for key, count in called.items()
                if 2 * count >= seen[key] and key not in not_products | groups}
    # The first word of a product's name alone is that product ("Hubble", "Hubble Space Telescope").
    # Not of a model's name: its first word is often the maker ("Apple iPad Pro").
    heads = {key.split()[0] for key in products if " " in key}
    return products | (heads & set(seen)) | (models - not_products)


def _coordinated_people(text, mentions, known):
    """Two- or three-word names listed with a known person ("Herb Lash and Megan Davies", "Ana
    Ruiz, Tom Lee"): persons too, as a list joins names of one kind."""
    named = [m for m in mentions if m.label in _NAMEABLE]
    found = set()
    for order in (named, named[::-1]):
        for before, after in zip(order, order[1:]):
            first, second = (before, after) if before.start <= after.start else (after, before)
            if not _COORDINATION.fullmatch(text, first.end, second.start):
                continue
            for person, candidate in ((before, after), (after, before)):
                words = _words(candidate.text)
                if ((person.text.casefold() in known or person.text.casefold() in found)
                        and _titlecase_name(words)
                        and not any(w.casefold() in _NOT_PERSON_WORDS for w in words)):
                    found.add(candidate.text.casefold())
    return found


def _at_dateline(text, mention):
    return ((mention.start == 0 or text[mention.start - 1] == "\n")
            and mention.text.isupper() and len(mention.text) > 2
            and bool(_DATELINE_AFTER.match(text, mention.end)))


def _is_event_shape(words, lang):
    """French competitions and festivals by their head: "Coupe de France", "Ligue des
    champions", "Ligue 1", "Festival de Cannes"; never "Ligue de football professionnel"."""
    if lang != "fr" or len(words) < 2:
        return False
    head, second = words[0].casefold(), words[1].casefold()
    if head == "ligue":
        return second.isdigit() or " ".join(w.casefold() for w in words[1:]) in _LEAGUE_EVENTS
    return head in _EVENT_HEADS


def _is_place_shape(words, lang):
    if len(words) < 2:
        return False
    first = words[1] if words[0].casefold() == "the" else words[0]
    return (words[-1].casefold() in _PLACE_TAIL.get(lang, ())
            or first.casefold() in _PLACE_HEAD.get(lang, ()))


def relabel(text, mentions, lang, lone_person=True):
    """Set each mention's label from what the whole text says about its name. In place."""
    roles = _ROLES.get(lang, set())
    people = set()  # casefolded multi-word names that are persons
    # Names the model did not always call persons: too weak to make a person of their neighbours.
    doubted = {m.text.casefold() for m in mentions if m.label != "PERSON"}
    for m in mentions:
        if m.label not in _NAMEABLE:
            continue
        words = _words(m.text)
        key = m.text.casefold()
        organisation_like = any(w.casefold() in _NOT_PERSON_WORDS for w in words)
        if m.label in ("GPE", "LOC", "FAC") and len(words) > 1 and words[-1].casefold() in _ORG_TAIL:
            m.label = "ORG"
        elif m.label == "PERSON" and organisation_like:
            # "Ceres Robotics", "Keck Observatory"; "Crater Lake", "Mount Hood"
            m.label = "LOC" if any(w.casefold() in _PLACE_WORDS for w in words) else "ORG"
        elif m.label == "PERSON" and len(words) >= 2:
            people.add(key)
        elif _titlecase_name(words) and not organisation_like \
                and (_after_role(text, m.start, roles, lang) or _appositive_role(text, m.end, roles)):
            people.add(key)
    people |= _coordinated_people(text, mentions, people - doubted)
    products = _products(text, mentions, _PRODUCT_NOUNS.get(lang, set()))
    # Surname → how many different people in the text carry it.
    surnames = {}
    for key in people:
        last = key.split()[-1].rstrip(".")
        surnames[last] = surnames.get(last, 0) + 1
    for m in mentions:
        if m.label not in _NAMEABLE:
            continue
        words = _words(m.text)
        key = m.text.casefold()
        if _is_place_shape(words, lang):
            m.label = "FAC"
        elif _is_event_shape(words, lang):
            m.label = "EVENT"
        elif _at_dateline(text, m):
            m.label = "GPE"
        elif key in people:
            m.label = "PERSON"
        elif key in products:
            m.label = "PRODUCT"
        elif len(words) == 1 and surnames.get(key) == 1:
            m.label = "PERSON"
    if lone_person:
        _unintroduced_people_are_organisations(text, mentions, people, roles,
                                               _LOCATIVE.get(lang, set()),
                                               _PERSON_HELD.get(lang, set()))
    return mentions


def _next_word(text, end):
    match = _NEXT_WORD.match(text, end)
    return match.group(1) if match else ""


def _unintroduced_people_are_organisations(text, mentions, people, roles, locative, held):
    """A one-word PERSON the text never names in full nor gives a title is, in news, most often
    a company or an outlet the model mistook ("Politico said", "Burisma paid"), or a place when
    the text once puts something "in" it ("in Palmyra") or the model calls it a place as often as a person."""
    name_parts = {part.rstrip(".") for key in people for part in key.split()}
    lone, located = {}, set()
    # A name the model calls a place at least as often as a person is that place.
    votes = Counter(m.text.casefold() for m in mentions if m.label in ("GPE", "LOC", "FAC"))
    votes.subtract(m.text.casefold() for m in mentions if m.label == "PERSON")
    located.update(key for key, vote in votes.items() if vote >= 0)
    for m in mentions:
        if m.label == "PERSON" and len(m.text.split()) == 1:
            key = m.text.casefold()
            previous = _previous_word(text, m.start)
            lone[key] = (lone.get(key, True) and previous not in roles and key not in name_parts
                         and _next_word(text, m.end) not in held)
            if previous in locative:
                located.add(key)
    for m in mentions:
        if m.label == "PERSON" and lone.get(m.text.casefold()):
            m.label = "GPE" if m.text.casefold() in located else "ORG"
