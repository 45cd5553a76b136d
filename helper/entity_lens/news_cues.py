"""What English news writing says about a name, beyond the model's few words of context.

- A lone word right after a courtesy or office title is a person ("Mr Justice Pryce" →
  "Pryce"; whole_names.py cuts titles off longer names).
- A person's name holds no digit: a "person" such as "Aria 2" or "S7 Pro Gen 1" is a product,
  and so is a longer name built on a product's ("the Aria 2 Plus").
- Words that only a place takes: "near X", "based in X", "X-based", "north of X", "the X
  company Y", "X's villages", "Derek, 63, a bus driver from X" (a one-word name the model took
  for an organisation or product; not an acronym, "near CBP facilities").
- On a sports page, a town or county that beats, draws or wins is a team ("Essex drew").
- Languages are listed with languages ("translate Spanish, Mandarin, Hindi"), and a language
  name before a noun is the people's adjective ("English sport").
A name so settled is settled wherever it recurs. Linear in the number of mentions.
"""

import re

from .whole_names import TITLE_BEFORE

_NAMEABLE = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART",
             "LAW", "LANGUAGE", "MISC"}
# A name of a road, channel or route keeps its number ("Highway 412", "Channel 4").
_NUMBERED_NON_PRODUCTS = {"highway", "route", "channel", "road", "interstate", "flight", "gate",
                          "platform", "terminal", "district", "ward", "station"}
_MIXED_MODEL = re.compile(r"(?=[\w.-]*\d)(?=[\w.-]*[A-Za-z])[A-Za-z\d][\w.]*")
_VERSION = re.compile(r"\d+\.\d+")
_PERIOD = re.compile(r"[QH][1-4]|FY\d{2,4}")  # "Q3 comps": a quarter, no model
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_PLACE_BEFORE = re.compile(r"(?:\bnear|\bbased in|\boutskirts of|\b(?:north|south|east|west|"
                           r"north-east|north-west|south-east|south-west) of)\s+(?:the\s+)?$")
_PLACE_AFTER = re.compile(r"-based\b")
_MAY_BE_PLACE = {"ORG", "PRODUCT", "GPE", "LOC", "FAC", "MISC"}
# A person is never "near the X" nor "based in X": there a one-word "person" is a place too.
_ONLY_PLACE_BEFORE = re.compile(r"(?:\bnear\s+the|\bbased in)\s+$")
_NAME_ENDS_PHRASE = re.compile(r"\s*[,.;:)]|\s+(?:and|or)\b")  # not "near the Browns' defence"
# "the Oxford company Veridion", "a Shenzhen start-up": a name qualifying a company noun
# before the company's own name says where it is.
_COMPANY_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:company|firm|start-up|startup|spin-out|"
                            r"group|maker|manufacturer|developer|lab|laboratory)\s+(?:[A-Z]|,)")
# "Kent's villages", "Ohio's rural counties": what only a place has.
_PLACE_OWNS = re.compile(r"['’]s\s+(?:[a-z-]+\s+)?(?:villages|towns|cities|counties|coast|coastline|"
                         r"countryside|hills|beaches|suburbs|streets|residents|mayor)\b")
# "Derek Fairclough, 63, a retired bus driver from Stockport": where a person aged so is from.
_AGED_FROM = re.compile(r"\b\d{1,3},\s+(?:a|an)\s+(?:[a-z-]+\s+){0,4}from\s+$")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$")
# "The test, called PancreaSure", "The trial, known as PANDA-1", "A second trial, PANDA-2,":
# a name given to a test, a drug, a device… is a product.
_PRODUCT_NAMED = re.compile(
    r"\b(?:test|tests|trial|trials|drug|drugs|vaccine|treatment|therapy|device|devices|app|"
    r"tool|chip|gadget|handset|headset|implant|scanner|pill|jab|injection|kit)"
    r"(?:\s*,\s*(?:called|known\s+as|named|dubbed|branded(?:\s+as)?)|\s+(?:called|known\s+as|"
    r"named|dubbed)|\s*,)\s+$")
# "published in The Lancet Oncology": a journal or paper, an organisation in the gold's terms.
_PUBLISHED_IN = re.compile(r"\b(?:published|reported|writing|wrote)\s+in\s+$")
# Sports pages name teams by their town or county ("Somerset", "Essex"): a page with four of
# these words is about sport, and there a place that beats or draws is a team.
_SPORTS_WORDS = {"wicket", "wickets", "innings", "goal", "goals", "match", "season",
                 "championship", "league", "cup", "runs", "scored", "coach", "captain", "fixture",
                 "squad", "tournament", "batting", "bowled", "striker", "quarterback", "touchdown",
                 "playoff", "playoffs", "midfielder", "goalkeeper", "inning", "pitcher"}
_WORDS = re.compile(r"[a-z]+")
_COMPETES_AFTER = re.compile(r"\s+(?:beat|beats|drew|draw|draws|win|wins|won|lost|lose|loses|"
                             r"defeated|thrashed|edged|are\s+(?:\w+\s+)?champions)\b")
_COMPETES_BEFORE = re.compile(r"\b(?:victory|win|defeat|loss|draw)\s+(?:over|against|to|by|with)\s+$"
                              r"|\b(?:beat|beats|defeated|thrashed|against|v|vs)\.?\s+$")
_LIST_JOINER = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# After a language name, the words that keep it a language ("in English with", "English
# subtitles"); any other lower-case word makes it an adjective ("English sport").
_LANGUAGE_STAYS = {"with", "and", "or", "to", "into", "from", "as", "by", "for", "in", "on",
                   "at", "is", "was", "are", "were", "but", "than", "while", "when", "so",
                   "language", "languages", "translation", "translations", "subtitles",
                   "speakers", "speaker", "text", "word", "words", "version", "versions",
                   "edition", "name", "names", "term", "fluently", "instead", "too", "only"}
_NEXT_LOWER = re.compile(r"\s+([a-z][a-z-]*)")


def apply_news_cues(text, mentions, lang):
    """`mentions` with the cues of the module's docstring applied (new list; labels in place)."""
    if lang != "en":
        return mentions
    decided = {}
    known_products = set()
    sports = _is_sports_text(text)
    for m in mentions:
        if m.label not in _NAMEABLE:
            continue
        key = m.text.casefold()
        before = text[max(0, m.start - 30):m.start]
        if " " not in m.text and TITLE_BEFORE.search(before):
            decided.setdefault(key, "PERSON")
        elif m.label != "PERSON" and _PRODUCT_NAMED.search(before) and not _plural_list(text, m):
            decided.setdefault(key, "PRODUCT")
        elif m.label in ("WORK_OF_ART", "ORG") and _PUBLISHED_IN.search(before):
            decided.setdefault(key, "ORG")
        elif m.label == "PERSON" and m.text.startswith("the "):  # "the Kent Downs"
            decided.setdefault(key, "LOC")
        elif m.label == "PERSON" and _numbered_product(m.text):
            decided.setdefault(key, "PRODUCT")
            known_products.add(key)
        elif sports and m.label in ("GPE", "NORP", "LOC") and _competes(text, m, before):
            decided.setdefault(key, "ORG")
        elif _only_a_place(text, m, before):
            decided.setdefault(key, "GPE")
    for m in mentions:
        if m.label not in _NAMEABLE:
            continue
        key = _bare(m.text)
        # "the Aria 2 Plus": a product's name and more is that product's sibling.
        if key not in decided and any(key.startswith(p + " ") for p in known_products):
            decided[key] = "PRODUCT"
    for m in mentions:
        m.label = decided.get(_bare(m.text), decided.get(m.text.casefold(), m.label))
    _languages(text, mentions)
    return mentions


def _only_a_place(text, m, before):
    """Whether a one-word name stands where only a place can ("near X", "X-based", "Kent's
    villages", "a bus driver, 63, from X"); not an acronym ("near CBP facilities")."""
    if " " in m.text.strip() or (m.text.isalpha() and m.text.isupper()):
        return False
    owns_place_things = _PLACE_OWNS.match(text, m.end)
    if m.label == "PERSON":  # only where a person cannot stand
        return bool(_ONLY_PLACE_BEFORE.search(before) and _NAME_ENDS_PHRASE.match(text, m.end)
                    or owns_place_things)
    if m.label not in _MAY_BE_PLACE or text.startswith(("'s", "’s"), m.end) and not owns_place_things:
        return False
    return bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(text, m.end)
                or _ARTICLE_BEFORE.search(before) and _COMPANY_AFTER.match(text, m.end)
                or owns_place_things or _AGED_FROM.search(text, max(0, m.start - 60), m.start))


def _is_sports_text(text):
    return len(set(_WORDS.findall(text.casefold())) & _SPORTS_WORDS) >= 4


def _competes(text, m, before):
    """A one-word place that beats, draws or wins, or that a side beats: a team named by its
    town or county ("Somerset win the title", "when Essex drew", "victory over Surrey")."""
    return " " not in m.text and bool(_COMPETES_AFTER.match(text, m.end)
                                      or _COMPETES_BEFORE.search(before))


def _plural_list(text, m):
    """Whether the name opens a list after a comma ("trials, PANDA-1 and PANDA-2" is fine;
    "tests, Apple said" is not a naming): the name must end its clause."""
    return not re.match(r"\s*[,.;:)]|\s+(?:and|or|is|was|which|that|will|would|has|had|involving|"
                        r"recruited|found|showed)\b", text[m.end:m.end + 20])


def _bare(name):
    return re.sub(r"^the\s+", "", name.casefold())


def _numbered_product(name):
    """A model's name: a word mixing letters and digits ("S7", "RAV4"), a version ("Bluetooth
    5.4") or one word and a number ("Aria 2"). Not a person with a score, a shirt number or a
    year glued on ("Nicolas Jarry 6-4", "Megan Cook 4", "Holcomb's 2016"), nor a road."""
    words = name.split()
    if "/" in name or any(w.casefold() in _NUMBERED_NON_PRODUCTS for w in words):
        return False
    for i, word in enumerate(words):
        if (_MIXED_MODEL.fullmatch(word) and not _PERIOD.fullmatch(word)) or _VERSION.fullmatch(word):
            return True
        if word.isdigit() and i == 1 and not _YEAR.fullmatch(word) and words[0].isalpha():
            return True
    return False


def _languages(text, mentions):
    """Listed with a language, a one-word group or place is a language; a language before a
    lower-case noun is the people's adjective."""
    named = [m for m in mentions if m.label in _NAMEABLE]
    changed = True
    while changed:
        changed = False
        for a, b in zip(named, named[1:]):
            if not _LIST_JOINER.fullmatch(text, a.end, b.start):
                continue
            for one, other in ((a, b), (b, a)):
                if (other.label == "LANGUAGE" and one.label in ("NORP", "GPE")
                        and " " not in one.text):
                    one.label = "LANGUAGE"
                    changed = True
    for m in named:
        after = _NEXT_LOWER.match(text, m.end)
        if (m.label == "LANGUAGE" and after and after.group(1) not in _LANGUAGE_STAYS
                and not after.group(1).endswith("ly")):
            m.label = "NORP"
