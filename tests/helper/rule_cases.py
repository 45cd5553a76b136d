"""Mentions written as (surface, label) pairs, for the tests of the refine rules: no model."""

from entity_lens.entities import Mention


def mentions_of(text, spans):
    """Mentions of each surface in `text`, in order, each found after the one before."""
    found, position = [], 0
    for surface, label in spans:
        start = text.index(surface, position)
        found.append(Mention(start, start + len(surface), surface, label))
        position = start + len(surface)
    return found


def applied(rule, text, spans, *args, **options):
    """(surface, label) of what `rule(text, mentions, *args, **options)` returns."""
    return [(m.text, m.label) for m in rule(text, mentions_of(text, spans), *args, **options)]
