"""The model's mentions → the names a reader would list: repairs, junk out, document-level types.

Each rule can be switched off by name for measuring what it is worth (scripts/entity-quality
--without RULE, which sets ENTITY_LENS_WITHOUT); docs/entities.md records the figures.
"""

import os

from .consistency import relabel
from .context_types import is_plural_demonym, retype_from_context, unlabelled_demonyms
from .described_names import retype_described
from .entities import WATCH, Mention, clean_span
from .french_heads import restore_french_heads
from .fused_names import unglue
from .junk import (count_noun_acronyms, headline_first_word, is_junk, is_portfolio, link_lines,
                   lowercase_words, repair, written_in_lower_case)
from .labels import NAME_LABELS
from .name_heads import restore_heads

# In the order they run.
RULES = ("repair", "titles", "junk", "unglue", "heads", "fr_heads", "context", "described",
         "consistency", "lone_person")
# Labels that are not names: left as the model gave them.
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", WATCH}


def disabled_rules():
    return {r.strip() for r in os.environ.get("ENTITY_LENS_WITHOUT", "").split(",") if r.strip()}


def refine_mentions(text, mentions, lang, without=None):
    """The cleaned mentions of `text` in order; `mentions` come straight from the recognizer."""
    without = disabled_rules() if without is None else without
    lang = (lang or "en").split("-")[0]
    lower = lowercase_words(text)
    common_acronyms = count_noun_acronyms(text) if "junk" not in without else set()
    links = link_lines(text) if "junk" not in without else []
    refined = []
    for m in mentions:
        if m.label in _NOT_NAMES:
            refined.append(m)
            continue
        if any(start <= m.start < end for start, end in links):
            continue
        spans = repair(text, m.start, m.end, lang, lower, titles="titles" not in without) \
            if "repair" not in without else [(m.start, m.end)]
        for start, end in spans:
            # After a credit's slash comes the outlet or agency, never a person.
            label = "ORG" if m.label == "PERSON" and text[start - 1:start] == "/" else m.label
            cleaned = clean_span(text, start, end, label) if (start, end) != (m.start, m.end) \
                else Mention(m.start, m.end, m.text, m.label)
            if cleaned is None:
                continue
            if "junk" not in without and _is_junk(text, cleaned, lang, lower, common_acronyms):
                continue
            refined.append(cleaned)
    if "unglue" not in without:
        refined = unglue(text, refined, lower, NAME_LABELS)
    if "heads" not in without:
        refined = restore_heads(text, refined, lang)
    if "fr_heads" not in without:
        refined = restore_french_heads(text, refined, lang)
    if "context" not in without:
        refined = unlabelled_demonyms(text, refined, lang)
        retype_from_context(text, refined, lang)
    if "described" not in without:
        retype_described(text, refined, lang)
    if "consistency" not in without:
        relabel(text, refined, lang, lone_person="lone_person" not in without)
    return refined


def _is_junk(text, mention, lang, lower, common_acronyms):
    if is_plural_demonym(text, mention.start, mention.text, lang):
        return False  # "les Bretons" beside "les voyageurs bretons"
    return (is_junk(mention.text, lang, lower) or mention.text in common_acronyms
            or written_in_lower_case(mention.text, text)
            or headline_first_word(text, mention.start, mention.text, lang)
            or is_portfolio(text, mention.start, mention.text))
