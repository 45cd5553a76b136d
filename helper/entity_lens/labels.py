"""Entity label names shared by the steps, with no dependencies.

Pure steps (groups.py) import their labels from here, so loading them loads neither spaCy
nor Flask.
"""

# Other pipelines' labels mapped onto the English (OntoNotes) names the extension colours.
LABEL_ALIASES = {"PER": "PERSON", "PERS": "PERSON"}
# The label of a watchlist match: the reader's own phrase, not the model's.
WATCH = "WATCH"
# Labels that name something (not dates, times or numbers), and those of them that are places.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                         "WORK_OF_ART", "LAW", "LANGUAGE", "MISC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
