"""Mentions → the entities a reader means, with a name, aliases and a salience score.

Rules, applied within one document:
- mentions whose names are equal once cleaned ("the", brackets, case and spacing dropped)
  are one entity, and it takes the label most of its mentions got (ties: the first mention's);
- a PERSON mention of one or two words (titles such as "President" dropped) that is the
  surname or given name of a longer PERSON name joins it ("Putin" → "Vladimir Putin"), and so
  does a one-word ORG mention, a label the model often gives a lone surname; a watched full
  name owns its surname the same way;
- a one-word organisation that is the last word of exactly one longer organisation's name
  joins it ("Commission" → "European Commission");
- an acronym joins the longer name of a place, organisation or group whose initials it spells
  ("U.S." → "United States", "NATO" → "North Atlantic Treaty Organization").

Watchlist matches (label WATCH) form one group per phrase and come first.

Salience, in [0, 1], favours entities the headline names and the text mentions often and early:
    salience = 0.6 * count / max_count + 0.1 * (1 - first / len(text)) + 0.3 * in_headline
"""

import re
from collections import Counter
from urllib.parse import quote

from .entities import WATCH
from .name_variants import join_short_forms, variant_key

NAMED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                "WORK_OF_ART", "LAW", "LANGUAGE"}
_ACRONYM_LABELS = {"ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "president", "prime", "minister", "pm",
           "sen", "senator", "rep", "gov", "governor", "mayor", "king", "queen", "prince",
           "princess", "pope", "general", "gen", "col", "capt", "sir", "dame", "lord", "lady",
           "judge", "justice", "chancellor", "secretary", "chairman", "ceo"}
_LOWER_JOINERS = {"of", "the", "and", "for", "de", "la", "le", "du", "von", "van", "der", "&"}


def display_name(text):
    """A mention's readable name: no editorial brackets, no leading "the", one space."""
    name = re.sub(r"[\[\]]", "", text)
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    return name


def name_key(text):
    return display_name(text).casefold().replace("’", "'")


def _words(name):
    return [w for w in re.split(r"[\s.]+", name) if w]


def _person_core(name):
    """A person's name without leading titles: "President Vladimir Putin" → ["Vladimir", "Putin"]."""
    words = _words(name)
    while len(words) > 1 and words[0].casefold().rstrip(".") in _TITLES:
        words = words[1:]
    return words


def _acronym(name):
    letters = name.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def _initials(name):
    words = [w for w in _words(name) if w.casefold() not in _LOWER_JOINERS]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else None


class _Group:
    def __init__(self, key, name):
        self.key = key
        self.names = Counter()
        self.labels = Counter()
        self.mentions = []
        self.first_name = name

    def add(self, mention, name):
        self.mentions.append(mention)
        self.names[name] += 1
        self.labels[mention.label] += 1

    def absorb(self, other):
        self.mentions.extend(other.mentions)
        self.names.update(other.names)
        self.labels.update(other.labels)

    @property
    def label(self):
        if self.labels[WATCH]:
            return WATCH  # the reader's own list wins over the model's vote
        first = min(self.mentions, key=lambda m: m.start).label
        best = max(self.labels.values())
        return first if self.labels[first] == best else self.labels.most_common(1)[0][0]

    @property
    def name(self):
        # The fullest form a reader would recognise: most words, then most frequent.
        return max(self.names, key=lambda n: (_acronym(n) is None, len(_words(n)), self.names[n],
                                              -len(n)))


def group_mentions(mentions, text_length, language="en", title=""):
    """Return (entities, groups) as the API shapes them; entities carry their group's label."""
    groups = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.label == WATCH:
            # A watched phrase is its own entity, named as the user wrote it.
            name, key = mention.name or mention.text, ("watch", name_key(mention.name or mention.text))
        else:
            name, key = display_name(mention.text), variant_key(name_key(mention.text), mention.label)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(key, name)
        group.add(mention, name)

    _merge_people(groups)
    _merge_acronyms(groups)
    _merge_short_organisations(groups)
    join_short_forms(groups)

    ordered = list(groups.values())
    max_count = max((len(g.mentions) for g in ordered), default=1)
    scored = []
    for g in ordered:
        first = min(m.start for m in g.mentions)
        headline = 1.0 if title and _in_title(g, title) else 0.0
        salience = (0.6 * len(g.mentions) / max_count + 0.1 * (1 - first / max(text_length, 1))
                    + 0.3 * headline)
        scored.append((round(salience, 4), first, g))
    # Watched entities first (the reader asked for them), then by salience.
    scored.sort(key=lambda item: (item[2].label != WATCH, -item[0], item[1]))

    entities, result = [], []
    for index, (salience, first, g) in enumerate(scored, start=1):
        gid = f"g{index}"
        label, name = g.label, g.name
        result.append({
            "id": gid, "label": label, "name": name,
            "aliases": sorted(n for n in g.names if n != name),
            "count": len(g.mentions), "first": first, "salience": salience,
            "wikipedia": wikipedia_search_url(name, language),
        })
        for m in g.mentions:
            entities.append({"start": m.start, "end": m.end, "text": m.text,
                             "label": label, "group": gid})
    entities.sort(key=lambda e: e["start"])
    return entities, result


def _in_title(group, title):
    """Whether the headline names the group under any of its spellings, as a whole word."""
    return any(re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", title) for name in group.names)


def _merge_people(groups):
    people = [g for g in groups.values() if g.label == "PERSON"]
    full = [g for g in people if len(_person_core(g.name)) >= 2]
    # A watched full name ("Friedrich Merz") also owns the reader's later "Merz".
    full += [g for g in groups.values() if g.label == WATCH and len(_words(g.name)) >= 2]
    # The small model often calls a lone surname an organisation ("Ratas said ...").
    lone = [g for g in groups.values() if g.label == "ORG" and len(_words(g.name)) == 1
            and not _acronym(g.name)]
    for g in people + lone:
        core = _person_core(g.name)
        if len(core) != 1 and g not in full:
            continue
        if len(core) >= 2 and core != _words(g.name):
            # "President Vladimir Putin" → the plain "Vladimir Putin" group, if there is one.
            target = groups.get(" ".join(core).casefold())
            if target is not None and target is not g:
                target.absorb(g)
                del groups[g.key]
            continue
        if len(core) != 1:
            continue
        word = core[0].casefold()
        owners = [f for f in full if f is not g and f.key in groups and
                  word in (_person_core(f.name)[0].casefold(), _person_core(f.name)[-1].casefold())]
        if owners:
            target = max(owners, key=lambda f: (len(f.mentions), -min(m.start for m in f.mentions)))
            target.absorb(g)
            del groups[g.key]


def _merge_acronyms(groups):
    by_initials = {}
    for g in groups.values():
        if g.label in _ACRONYM_LABELS and not _acronym(g.name):
            initials = _initials(g.name)
            if initials:
                by_initials.setdefault(initials, g)
    for g in list(groups.values()):
        if g.label not in _ACRONYM_LABELS:
            continue
        acronym = _acronym(g.name)
        target = by_initials.get(acronym) if acronym else None
        if target is not None and target is not g and target.key in groups:
            target.absorb(g)
            del groups[g.key]


def _merge_short_organisations(groups):
    """A one-word ORG that is the head of exactly one longer ORG name joins it
    ("Commission" → "European Commission")."""
    longer = [g for g in groups.values() if g.label == "ORG" and len(_words(g.name)) >= 2]
    for g in [g for g in groups.values() if g.label == "ORG" and len(_words(g.name)) == 1]:
        word = g.name.casefold()
        owners = [f for f in longer if _words(f.name)[-1].casefold() == word]
        if len(owners) == 1 and not _acronym(g.name):
            owners[0].absorb(g)
            del groups[g.key]


def wikipedia_search_url(name, language="en"):
    lang = (language or "en").split("-")[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        lang = "en"
    return f"https://{lang}.wikipedia.org/w/index.php?search={quote(name)}"
