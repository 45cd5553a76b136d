"""Entity Lens helper: annotates a news page's main text with named entities, locally."""

# The one place the version lives: the extension's manifest is checked against it.
__version__ = "0.1.0"
