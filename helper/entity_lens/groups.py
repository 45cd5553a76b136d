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
    salience = (0.6 * count / max_count + 0.1 * (1 - first / len(text)) + 0.3 * in_headline)
               * (0.5 for a group such as "Israeli", else 1)
"""

import heapq
import re
from collections import Counter
from urllib.parse import quote

from .labels import WATCH
from .name_variants import join_short_forms, name_starts, variant_key
from .whole_words import contains_words

_ACRONYM_LABELS = {"ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "president", "prime", "minister", "pm",
           "sen", "senator", "rep", "gov", "governor", "mayor", "king", "queen", "prince",
           "princess", "pope", "general", "gen", "col", "capt", "sir", "dame", "lord", "lady",
           "judge", "justice", "chancellor", "secretary", "chairman", "ceo"}
# A nationality or group adjective recurs in every sentence about a country ("Israeli",
# "Syrian") without being what the article is about: it counts for less.
_KIND_WEIGHT = {"NORP": 0.5}
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
    """One entity's mentions. Its name and label are kept up to date as mentions arrive, so
    reading them costs nothing however many names it has absorbed."""

    def __init__(self, key, name):
        self.key = key
        self.names = Counter()
        self.labels = Counter()
        self.mentions = []
        self.first_name = name
        self.first = None  # the earliest mention
        self._order = {}  # name → when it was first seen: ties go to the earlier name
        self._name = None

    def add(self, mention, name):
        self.mentions.append(mention)
        self.labels[mention.label] += 1
        if self.first is None or mention.start < self.first.start:
            self.first = mention
        self._count_names({name: 1})

    def absorb(self, other):
        self.mentions.extend(other.mentions)
        self.labels.update(other.labels)
        if other.first.start < self.first.start:
            self.first = other.first
        self._count_names(other.names)

    def _count_names(self, counts):
        # Only the counted names gained: the fullest name is the old one or one of them.
        for name, count in counts.items():
            self._order.setdefault(name, len(self._order))
            self.names[name] += count
        contenders = [n for n in (self._name, *counts) if n is not None]
        self._name = max(contenders, key=lambda n: (self._fullness(n), -self._order[n]))

    def _fullness(self, name):
        # The fullest form a reader would recognise: most words, then most frequent.
        return _acronym(name) is None, len(_words(name)), self.names[name], -len(name)

    @property
    def label(self):
        if self.labels[WATCH]:
            return WATCH  # the reader's own list wins over the model's vote
        first = self.first.label
        best = max(self.labels.values())
        return first if self.labels[first] == best else self.labels.most_common(1)[0][0]

    @property
    def name(self):
        return self._name


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
        first = g.first.start
        headline = 1.0 if title and _in_title(g, title) else 0.0
        salience = (0.6 * len(g.mentions) / max_count + 0.1 * (1 - first / max(text_length, 1))
                    + 0.3 * headline) * _KIND_WEIGHT.get(g.label, 1.0)
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
    return any(contains_words(title, name) for name in group.names)


def _merge_people(groups):
    people = [g for g in groups.values() if g.label == "PERSON"]
    full = [g for g in people if len(_person_core(g.name)) >= 2]
    # A watched full name ("Friedrich Merz") also owns the reader's later "Merz".
    full += [g for g in groups.values() if g.label == WATCH and len(_words(g.name)) >= 2]
    # The small model often calls a lone surname an organisation ("Ratas said ...").
    lone = [g for g in groups.values() if g.label == "ORG" and len(_words(g.name)) == 1
            and not _acronym(g.name)]
    owners = _FullNames(full, groups)
    for g in people + lone:
        core = _person_core(g.name)
        if len(core) != 1 and g not in owners:
            continue
        if len(core) >= 2 and core != _words(g.name):
            # "President Vladimir Putin" → the plain "Vladimir Putin" group, if there is one.
            target = groups.get(" ".join(core).casefold())
            if target is not None and target is not g:
                target.absorb(g)
                del groups[g.key]
                owners.grew(target)
            continue
        if len(core) != 1:
            continue
        target = owners.likeliest(core[0].casefold(), besides=g)
        if target is not None:
            target.absorb(g)
            del groups[g.key]
            owners.grew(target)


class _FullNames:
    """Full names by the first and last word of their core, each word's likeliest owner on
    top: most mentions, then the earliest, then the first listed. A heap per word keeps
    finding the owner of a lone name logarithmic; entries of a group that has since grown or
    gone are dropped when they surface."""

    def __init__(self, full, groups):
        self.groups = groups
        self.position = {g: i for i, g in enumerate(full)}
        self.heaps = {}
        for g in full:
            self._push(g)

    def __contains__(self, group):
        return group in self.position

    def _rank(self, g):
        return -len(g.mentions), g.first.start, self.position[g]

    def _push(self, g):
        core = _person_core(g.name)
        for word in {core[0].casefold(), core[-1].casefold()}:
            heapq.heappush(self.heaps.setdefault(word, []), (self._rank(g), g))

    def grew(self, g):
        if g in self.position:
            self._push(g)  # its earlier entries no longer match its rank: they are stale

    def likeliest(self, word, besides):
        heap, set_aside, found = self.heaps.get(word, []), [], None
        while heap:
            rank, g = heap[0]
            if self.groups.get(g.key) is not g or rank != self._rank(g):
                heapq.heappop(heap)
            elif g is besides:
                set_aside.append(heapq.heappop(heap))
            else:
                found = g
                break
        for entry in set_aside:
            heapq.heappush(heap, entry)
        return found


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
    ("Commission" → "European Commission"), unless it starts a name of its own ("House") or
    follows "of" there ("University of Oxford")."""
    # Not a head after "of": that is what the name is of, a place most often ("Oxford" of
    # "University of Oxford").
    longer = [g for g in groups.values() if g.label == "ORG" and len(_words(g.name)) >= 2
              and _words(g.name)[-2].casefold() != "of"]
    by_head = {}  # last word → the longer names ending with it
    for f in longer:
        by_head.setdefault(_head(f), set()).add(f)
    starts = name_starts(groups)
    for g in [g for g in groups.values() if g.label == "ORG" and len(_words(g.name)) == 1]:
        owners = by_head.get(g.name.casefold(), ()) if g.name.casefold() not in starts else ()
        if len(owners) == 1 and not _acronym(g.name):
            (owner,) = owners
            head = _head(owner)
            owner.absorb(g)
            del groups[g.key]
            if _head(owner) != head:  # absorbing can change the name it goes by
                by_head[head].discard(owner)
                by_head.setdefault(_head(owner), set()).add(owner)


def _head(group):
    return _words(group.name)[-1].casefold()


def wikipedia_search_url(name, language="en"):
    lang = (language or "en").split("-")[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        lang = "en"
    return f"https://{lang}.wikipedia.org/w/index.php?search={quote(name)}"
