"""Spans that glue something onto a name the same text also uses on its own.

- A capitalised common word in front ("Regular European"): the text writes that word in lower
  case elsewhere, or it is a long "-ing" participle ("Questioning Vindman"), and the text uses
  the rest alone as a name, so the word goes.
- Two names run together ("Browns Greedy Williams", "Louisiana Democrats"): a known name
  followed by a person's full name, or a place followed by a group, both used alone elsewhere,
  are two names.
- A name the model cut in two where the text also uses it whole ("Customs" + "Border
  Protection", "Islamic" + "State") is one name again.
- Two names the text uses alone, hyphenated ("U.S.-Mexico border"), are a relation, no name.
Names a text uses alone are looked up in one dictionary: linear in the number of mentions.
"""

import re
from collections import Counter

from .entities import Mention

_WORD = re.compile(r"\S+")
_NEXT_CAPITALISED = re.compile(r" [A-ZÀ-Ý][\w.-]*")
_JOINER = re.compile(r"\s+(?:and|of|for|&|et|de|du|des)\s+")
# An English participle opening a sentence or caption ("Questioning Vindman, Castor said"):
# long enough that no given name ("Sterling", "Irving") looks like one.
_PARTICIPLE = re.compile(r"[A-Z][a-z]{5,}ing")


def _majority(labels):
    return labels.most_common(1)[0][0] if labels else None


def unglue(text, mentions, lower_words, name_labels):
    """`mentions` with glued spans cut; mentions whose label is not in `name_labels` pass."""
    known = {}
    for m in mentions:
        if m.label in name_labels:
            known.setdefault(m.text.casefold(), Counter())[m.label] += 1
    result = []
    for m in mentions:
        words = list(_WORD.finditer(m.text)) if m.label in name_labels else []
        result.extend(_cut(m, words, known, lower_words) if len(words) >= 2 else [m])
    # What is left whole after the cuts: a name cut as glued is not one to rejoin or extend to.
    whole = {}
    for m in result:
        if m.label in name_labels:
            whole.setdefault(m.text.casefold(), Counter())[m.label] += 1
    return _extend(text, _rejoin(text, result, whole, name_labels), whole, name_labels)


def _extend(text, mentions, known, name_labels):
    """A mention cut short of a name the text uses whole ("Islamic" of "Islamic State") takes
    the next word back; a pair of names the text uses alone, hyphenated ("U.S.-Mexico
    border"), is a relation between them, not a name."""
    result = []
    for i, m in enumerate(mentions):
        if m.label in name_labels:
            following = _NEXT_CAPITALISED.match(text, m.end)
            next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
            if following and following.end() <= next_start:  # never over the next mention
                whole = text[m.start:following.end()]
                labels = known.get(whole.casefold())
                if labels:
                    m = Mention(m.start, following.end(), whole, _majority(labels))
            parts = m.text.split("-")
            if (len(parts) == 2 and " " not in m.text
                    and all(p[:1].isupper() and p.casefold() in known for p in parts)):
                continue
        result.append(m)
    return result


def _rejoin(text, mentions, known, name_labels):
    """Two mentions a joiner apart that together make a name the text uses whole ("Customs" +
    "Border Protection" where "Customs and Border Protection" recurs) are that one name."""
    result = []
    for m in mentions:
        previous = result[-1] if result else None
        if (previous is not None and m.label in name_labels and previous.label in name_labels
                and _JOINER.fullmatch(text, previous.end, m.start)):
            whole = text[previous.start:m.end]
            labels = known.get(whole.casefold())
            if labels:
                result[-1] = Mention(previous.start, m.end, whole, _majority(labels))
                continue
        result.append(m)
    return result


def _cut(m, words, known, lower_words):
    def part(first, last):
        start, end = m.start + words[first].start(), m.start + words[last - 1].end()
        return m.text[words[first].start():words[last - 1].end()], start, end

    first_word = words[0].group()
    rest, rest_start, rest_end = part(1, len(words))
    if (first_word.casefold() in lower_words or _PARTICIPLE.fullmatch(first_word)) \
            and rest.casefold() in known:
        return [Mention(rest_start, rest_end, rest, _majority(known[rest.casefold()]))]
    for i in range(1, len(words)):
        left, left_start, left_end = part(0, i)
        right, right_start, right_end = part(i, len(words))
        left_label = _majority(known.get(left.casefold()))
        right_label = _majority(known.get(right.casefold()))
        if left_label is None or right_label is None:
            continue
        person_after = right_label == "PERSON" and len(words) - i >= 2
        group_after_place = left_label in ("GPE", "LOC") and right_label == "NORP"
        if person_after or group_after_place:
            return [Mention(left_start, left_end, left, left_label),
                    Mention(right_start, right_end, right, right_label)]
    return [m]
