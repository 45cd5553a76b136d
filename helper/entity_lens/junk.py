"""What the model marks that no reader calls a name: span repairs and junk rules.

Rules are about the language, never about particular articles:
- a span starting with byline glue ("Email Tariq Malik", "Follow Ana Ruiz") loses the glue;
- a span starting with a year ("1967 Six-Day War") loses it;
- a person's courtesy or academic title is not part of the name ("Me Franck Aubagnac", "M.
  Belhadj", "Prof Helen Okafor"): the bare name is the one the text's other mentions use;
- a pair before a plural class noun is two names ("Orange and Riverside counties");
- a French span starting with an elided article or conjunction ("d’Emmanuel Macron") loses it;
- a span with an owner ("Tufts University’s Feinstein Center") is cut into owner and owned,
  and a credit or a pair written with a slash into its two names ("Tom Ellery/East Coast
  Herald": the one after the slash is the outlet, whatever the model called the whole);
- junk: no capital letter at all, a handle or address, a lone stopword or elided fragment
  ("sont", "qu", "L"), a capitalised common word the same text also uses in lower case
  ("VOTE", "Legislature"), a headline fragment (a capitalised function word inside a long
  span: "Station Is Open for Business"), a unit or prefix ("kW", "anti-meth"), a capitalised
  phrase the text also writes in lower case ("Defensive Line"), an acronym the text counts or
  puts in the plural ("1 TFL", "CPMs"), a minister's portfolio ("Secretary of State"), a name
  in a line pointing to another story ("Related: …").
"""

import re
from functools import lru_cache

import spacy

from .whole_words import contains_words

_GLUE = {
    "en": {"email", "e-mail", "follow", "by", "photo", "photos", "credit", "contact", "via",
           "image", "images", "source", "reporting", "written", "courtesy", "twitter", "tweet",
           "subscribe", "read", "watch", "listen", "opinion", "editor", "editing"},
    "fr": {"par", "photo", "photos", "crédit", "crédits", "source", "suivez", "contact",
           "lire", "voir", "écouter", "courriel", "avec"},
}
# Titles a name follows ("Mr Smith", "Me Aubagnac"), as the model sometimes takes them in.
# Not "Sir", "Lord" or "President": usage makes those part of how a person is named.
_TITLE = {
    "en": re.compile(r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Councillor|Cllr)\.?\s+(?=[A-Z])"),
    "fr": re.compile(r"(?:M|Mme|Mmes|Mlle|Me|Maître|Madame|Monsieur|Mademoiselle|Dr|Pr)\.?\s+"
                     r"(?=[A-ZÀ-Ý])"),
}
# French elisions glued to the next word by an apostrophe: "qu’il", "jusqu’à", "l’Élysée".
_ELIDED = re.compile(r"(?:[ldnsjmtc]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’]", re.IGNORECASE)
# French articles a sentence-initial span takes with it ("La Croix-Rouge a ouvert…").
_FRENCH_ARTICLE = re.compile(r"(?:Le|La|Les)\s+(?=[A-ZÀ-Ý])")
# A lower-case word or an ordinal ("12e", "3ème", "1re") before the name in a French span.
_FRENCH_LEAD_WORD = re.compile(r"(?:\d{1,3}(?:e|er|re|ère|ème)s?|[a-zà-ÿ][\w-]*)\s+")
# The rest of an institution's name the model cut at "et" ("Service départemental d’incendie"
# + "et de secours"), when the whole is introduced with its acronym: "… et de secours (SDIS)".
_FRENCH_NAME_TAIL = re.compile(
    r"\s+et\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’])?[a-zà-ÿ][\w-]*"
    r"(?:\s+[a-zà-ÿ][\w-]*){0,2}(?=\s*\([A-Z]{2,}\))")
_ELISION_WORDS = {"l", "d", "n", "s", "j", "m", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
                  "quoiqu", "presqu"}
# Lower-case particles that may start a name ("al-Tanf", "de Gaulle", "van Gogh").
_PARTICLES = {"al", "el", "ad", "as", "at", "an", "bin", "ibn", "abu", "de", "del", "della",
              "der", "di", "da", "dos", "du", "la", "le", "van", "von", "ten", "ter", "y"}
_NEGATING_PREFIX = re.compile(r"^(?:anti|pro|non|ex|pre|post|neo|pseudo|semi|sub|co)-", re.I)
# "Orange and Riverside counties", "the Aude and Orb rivers": a plural class noun after a pair.
PLURAL_PLACE_AFTER = re.compile(
    r"\s+(?:counties|cities|states|provinces|districts|regions|islands|rivers|valleys|towns|"
    r"villages|départements|communes|villes|régions|rivières|vallées)\b")
_PAIR_BEFORE_PLURAL = re.compile(r"([A-ZÀ-Ý][\w.-]*)\s+(?:and|et)\s+([A-ZÀ-Ý][\w.-]*)")
_LINK_LINE = re.compile(
    r"^(?:related|read more|read also|also read|see also|more from|recommended|"
    r"lire aussi|à lire aussi|a lire aussi|voir aussi|à voir aussi|sur le même sujet)"
    r"\s*:[^\n]*"
    # and the share box's "Follow us on …", "Suivez-nous sur …"
    r"|^(?:follow|suivez)\b[^\n]{0,150}\b(?:on|sur)\b[^\n]{0,150}$", re.IGNORECASE | re.MULTILINE)
_PORTFOLIO_OF = re.compile(
    r"\b(?:minister|secretary|ministre|secrétaire|ministro|ministerin)\s+"
    r"(?:of\s+|for\s+|de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])$", re.IGNORECASE)
_LEADING_YEAR = re.compile(r"(?:[Tt]he\s+)?(?:1[5-9]|20)\d\d\s+(?=[A-ZÀ-Ý][\w-]*[a-zà-ÿ])")
_OWNER = re.compile(r"['’]s\s+(?=[A-Z])")
# A slash between two capitalised names ("Niall Carey/Sportsfile"), never inside a word
# ("AC/DC" has no lower-case letter before it).
_SLASH = re.compile(r"(?<=[a-zà-ÿ])/(?=[A-ZÀ-Ý])")
# An acronym used as a count noun is a common noun ("effective CPMs", "1 TFL", "a PBU in
# coverage", "a handsome EV."): in the plural, or after a small number or "a"/"an" (one
# adjective between at most) and not followed by the noun it would qualify ("a CNN reporter").
_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,5})s\b")
_ACRONYM_COUNTED = re.compile(
    r"(?:\b\d{1,3}|(?<![\w-])(?:a|an|one|two|three)(?:\s+[a-z][a-z-]+)?)\s+([A-Z]{2,5})\b"
    r"(?=[ \t]*(?:[.,;:!?)\n]|$)|\s+(?:and|or|in|of|on|per|for|to|at|with|from|is|was)\b)")
_HANDLE = re.compile(r"[@#]\w|https?:|www\.|\w@\w")
# Function words that a name never capitalises inside itself, but a headline does.
_HEADLINE_WORDS = {
    "en": {"is", "are", "was", "were", "in", "for", "of", "and", "to", "with", "on", "at", "from",
           "as", "by", "has", "have", "will", "how", "why", "what", "a", "an", "into", "after"},
    "fr": {"est", "sont", "et", "de", "du", "des", "pour", "dans", "avec", "sur", "à", "au",
           "aux", "un", "une", "après", "comment", "pourquoi"},
}


@lru_cache(maxsize=None)
def stop_words(lang):
    """spaCy's stop words for `lang` (empty for a language spaCy does not know)."""
    try:
        return frozenset(spacy.util.get_lang_class(lang).Defaults.stop_words)
    except (ImportError, KeyError, AttributeError):
        return frozenset()


def lowercase_words(text):
    """Every word the text writes in lower case: what a capitalised form can be checked against."""
    # Not inside an address or a handle: "poynter.org", "@nasa" say nothing about the word.
    return set(re.findall(r"(?<![\w'’./@-])[a-zà-ÿ][a-zà-ÿ'’-]*(?![\w@-]|\.\w)", text))


def repair(text, start, end, lang, lower_words=frozenset(), titles=True):
    """[(start, end)] for the name(s) in text[start:end]: glue and elisions off, owners cut."""
    start = _skip_glue(text, start, end, lang)
    title = _TITLE[lang].match(text, start, end) if titles and lang in _TITLE else None
    if title and title.end() < end:
        start = title.end()
    year = _LEADING_YEAR.match(text, start, end)
    if year:
        start = year.end()  # "1967 Six-Day War": the year dates the name, it is not part of it
    if text[start:start + 1] in ("@", "#"):
        return []  # a handle, whoever it names
    if lang == "fr":
        start = _skip_french_determiners(text, start, end)
        end = french_name_tail(text, start, end)
    pair = _PAIR_BEFORE_PLURAL.fullmatch(text, start, end)
    if pair and PLURAL_PLACE_AFTER.match(text, end):
        return [pair.span(1), pair.span(2)]  # "Orange and Riverside counties": two places
    pieces, piece_start = [], start
    for owner in _OWNER.finditer(text, start, end):
        owned = text[owner.end():end].split()
        # "Tufts University’s Feinstein Center" is two names; "St James's Hospital" is one.
        if len(owned) == 1 and owned[0].casefold() in lower_words:
            continue
        pieces.append((piece_start, owner.start()))
        piece_start = owner.end()
    pieces.append((piece_start, end))
    return [(s, e) for piece in pieces for s, e in _slash_parts(text, *piece) if e > s]


def _slash_parts(text, start, end):
    """"Tom Ellery/East Coast Herald", "Future Publishing/Shutterstock": a photo credit or a
    pair of titles; two names either way."""
    parts, part_start = [], start
    for slash in _SLASH.finditer(text, start, end):
        parts.append((part_start, slash.start()))
        part_start = slash.end()
    parts.append((part_start, end))
    return parts


def _skip_french_determiners(text, start, end):
    """Past "préfecture de", "12e journée de", "d’", "L’" and a sentence-initial "La" before
    the name itself."""
    while start < end:
        word = _FRENCH_LEAD_WORD.match(text[start:end])
        elided = _ELIDED.match(text, start, end)
        if word and any(ch.isupper() for ch in text[start + word.end():end]):
            start += word.end()
        elif elided and elided.end() < end:
            start = elided.end()
        else:
            break
    article = _FRENCH_ARTICLE.match(text, start, end)
    if article and sentence_start(text, start):
        rest = text[article.end():end]
        # Kept where the article is part of the name: "à La Rochelle" mid-sentence.
        if not re.search(r"[a-zà-ÿ,]\s+" + re.escape(text[start:end]), text):
            start = article.end() if rest else start
    return start


def french_name_tail(text, start, end):
    """Where a French institution's name ends: past "et de secours" when the model stopped at
    "et" and the whole name is followed by its acronym in brackets; `end` otherwise. Only for a
    name that already holds a lower-case word, as such names do ("Service départemental …")."""
    if not re.search(r"\s[a-zà-ÿ]", text[start:end]):
        return end
    tail = _FRENCH_NAME_TAIL.match(text, end)
    return tail.end() if tail else end


def sentence_start(text, position):
    before = text[max(0, position - 3):position].rstrip(" «“\"")
    return not before or before[-1] in ".!?\n:"


def _skip_glue(text, start, end, lang):
    glue = _GLUE.get(lang, ())
    while True:
        match = re.match(r"([^\W\d_][\w-]*)\s+", text[start:end])
        if not match or match.group(1).casefold() not in glue or match.end() >= end - start:
            return start
        start += match.end()


def link_lines(text):
    """(start, end) of the lines that point to another story ("Related: …", "Read more: …",
    "Lire aussi : …") or to the outlet's accounts ("Follow NBC Latino on Facebook"): what they
    name is not this article's."""
    return [(m.start(), m.end()) for m in _LINK_LINE.finditer(text)]


def is_portfolio(text, start, name):
    """A one-word name right after a minister or secretary "of" is the office's portfolio, not a
    name ("Secretary of State Mike Pompeo", "le ministre de l’Économie")."""
    return " " not in name and bool(_PORTFOLIO_OF.search(text, max(0, start - 30), start))


def count_noun_acronyms(text):
    """Acronyms the text uses as common nouns: never a name, wherever else they occur."""
    return ({m.group(1) for m in _ACRONYM_PLURAL.finditer(text)}
            | {m.group(1) for m in _ACRONYM_COUNTED.finditer(text)})


def headline_first_word(text, start, name, lang):
    """A French headline's first word that the article never uses again ("Crues dans l’Aude :
    …", "Grève à la SNCF"): French capitalises only a headline's first word, so a one-word
    "name" there is most often a common noun; a real name there comes back in the body."""
    if lang != "fr" or start != 0 or " " in name:
        return False
    line = text.split("\n", 1)[0].rstrip()
    if len(line) > 200 or line.endswith((".", "»", "”", "\"")):
        return False  # the text opens with its body, not with the headline
    body = text[len(name):].casefold()
    return not contains_words(body, name.casefold())


def written_in_lower_case(name, text):
    """Whether the text also writes this multi-word name in lower case ("Defensive Line" as a
    section heading, "defensive line" in the prose): a common noun phrase, not a name."""
    phrase = name.lower()
    if " " not in phrase or phrase == name or phrase not in text:
        return False
    return contains_words(text, phrase)


def is_junk(name, lang, lower_words):
    """True when `name` (a cleaned span) is no name a reader would want listed."""
    words = name.split()
    if not words or _HANDLE.search(name):
        return True
    if not any(ch.isupper() for ch in name):
        return True
    stops = stop_words(lang)
    while len(words) > 1 and words[0].casefold() in stops:
        words = words[1:]  # "the European Union", "la Commission"
    first = words[0]
    if first[0].islower():
        head = re.split(r"[-'’]", first)[0]
        # "kW", "anti-meth", "non-GiveWell"; but "al-Tanf", "de Gaulle", "iPhone" stay.
        if _NEGATING_PREFIX.match(first) or (head not in _PARTICLES and len(first) <= 3):
            return True
    if len(words) == 1 and len(name.split()) == 1:
        folded = name.casefold().rstrip("'’")
        if lang == "fr" and folded in _ELISION_WORDS:
            return True
        if folded in stops and not (name.isupper() and len(name) > 1):
            return True  # "Il", "Sont"; but the all-caps "US", "IT" may be names
        if folded in lower_words and (name.isupper() or name.istitle()) and len(name) > 3:
            return True  # "VOTE", "Legislature": the text uses it as a common word
    headline = _HEADLINE_WORDS.get(lang, ())
    if len(words) >= 4 and any(w[0].isupper() and w.casefold() in headline for w in words[1:]):
        return True  # headline fragment: "Station Is Open for Business"
    return False
