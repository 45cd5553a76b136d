"""Entity label names shared by the steps, with no dependencies.

Pure steps (groups.py) import their labels from here, so loading them loads neither spaCy
nor Flask.
"""

# Other pipelines' labels mapped onto the English (OntoNotes) names the extension colours.
LABEL_ALIASES = {"PER": "PERSON", "PERS": "PERSON"}
# The label of a watchlist match: the reader's own phrase, not the model's.
WATCH = "WATCH"
