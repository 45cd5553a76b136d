"""The page's language: told by its text, with py3langid (trafilatura's own identifier).

A page's `<html lang>` is often a site-wide default ("en" on a French article), so the text
decides when it says so clearly: a long enough sample, one language very likely. A short or
unclear text keeps the declared language. Measured in docs/entities.md (accuracy on short and
long texts, cost per page).

py3langid's model is ~75 MB unpacked, too much for the helper's memory budget on every page.
Running text in one of seven common news languages is told first by the share of that
language's most frequent words, as accurate there (docs/entities.md); the identifier, over a
memory-mapped model (entity_lens.language_model), is loaded only for a text those words cannot
place while the page declares nothing, and then in a child process (see there).
"""

import re
import threading
from collections import Counter

from .language_model import classify_apart

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*",
                        re.IGNORECASE)

# The identifier reads this much of the text: past ~500 characters its answer stops changing
# on news text, while its cost keeps growing with the length.
SAMPLE_CHARS = 500
# Below this many letters a guess is a guess: no answer at all.
MIN_LETTERS = 20
# The text overrules the page's declaration only when it is this long and this sure.
CLEAR_CHARS = 200
CLEAR_PROBABILITY = 0.95
# A guess weaker than this is no guess (the default pipeline reads the page).
LIKELY_PROBABILITY = 0.5
# py3langid's codes that differ from the ones the helper's pipelines and messages use.
_CODES = {"nb": "no", "nn": "no", "zxx": None, "": None}  # zxx: no language (code, numbers)

# Frequent short words that tell common news languages apart on a page of running text.
_FREQUENT_WORDS = {
    "en": "the and of to in is that for on with as was by he it at from his are said".split(),
    "fr": "le la les des et est dans que pour une qui sur au du par pas avec sont ont".split(),
    "de": "der die und den das ist nicht mit von sich auf für ein eine dem zu im auch".split(),
    "es": "el la los las y que de en por para una con del se al es su lo como".split(),
    "it": "il la che di e per una del della sono non con gli le si è al nel".split(),
    "pt": "o a os as e que de do da em para um uma com não por no na se".split(),
    "nl": "de het een en van in is op dat te voor met zijn niet ook aan er".split(),
}
# The frequent words decide alone from this many words on, when one language's share is at
# least this high and this many times the next one's (French and Spanish share "la", "que").
FREQUENT_MIN_WORDS = 40
FREQUENT_MIN_SHARE = 0.15
FREQUENT_MIN_LEAD = 1.4
# ... and from this many different ones: a text that repeats two words ("met", "in") is not
# running text in that language, whatever their share.
FREQUENT_MIN_DISTINCT = 4
# A declared language whose frequent words make less than this share of running text is asked
# about (English news text: 0.2 and more).
DOUBTED_SHARE = 0.05

_identifier = None
_identifier_lock = threading.Lock()


def identifier():
    """py3langid's identifier over its memory-mapped model (entity_lens.language_model), loaded
    once on first use."""
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            from .language_model import load_identifier
            _identifier = load_identifier()
        return _identifier


_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
          "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
          "ja": "Japanese", "zh": "Chinese", "ko": "Korean", "ar": "Arabic", "tr": "Turkish",
          "sv": "Swedish", "fi": "Finnish", "et": "Estonian", "da": "Danish", "nb": "Norwegian",
          "no": "Norwegian", "el": "Greek", "cs": "Czech", "ro": "Romanian", "hu": "Hungarian",
          "id": "Indonesian", "ms": "Malay", "vi": "Vietnamese", "th": "Thai", "hi": "Hindi",
          "bn": "Bengali", "fa": "Persian", "he": "Hebrew", "bg": "Bulgarian", "sr": "Serbian",
          "hr": "Croatian", "sk": "Slovak", "sl": "Slovenian", "lt": "Lithuanian",
          "lv": "Latvian", "ca": "Catalan", "eu": "Basque", "gl": "Galician", "is": "Icelandic",
          "ga": "Irish", "cy": "Welsh", "sq": "Albanian", "mk": "Macedonian", "ur": "Urdu",
          "ta": "Tamil", "sw": "Swahili", "tl": "Tagalog", "af": "Afrikaans"}


def language_name(code):
    return _NAMES.get(code, code)


def declared_language(html):
    """The primary language subtag from `<html lang>`, else None."""
    match = _HTML_LANG.search(html[:20000])
    if match:
        return match.group(1).lower()
    return None


def frequent_word_shares(text):
    """({language: share of the words at the start of `text` that are its frequent words},
    the words counted); ({}, …) when there are too few words to tell."""
    words = re.findall(r"[^\W\d_]+", text[:SAMPLE_CHARS].lower())
    if len(words) < FREQUENT_MIN_WORDS:
        return {}, Counter()
    counts = Counter(words)
    return ({lang: sum(counts[w] for w in frequent) / len(words)
             for lang, frequent in _FREQUENT_WORDS.items()}, counts)


def frequent_words_language(text, measured=None):
    """The language whose frequent words clearly dominate `text`, or None. `measured`:
    frequent_word_shares(text), when already known."""
    shares, counts = measured or frequent_word_shares(text)
    if not shares:
        return None
    (best, lang), (second, _) = sorted(((share, lang) for lang, share in shares.items()),
                                       reverse=True)[:2]
    distinct = sum(1 for w in _FREQUENT_WORDS[lang] if counts[w])
    if distinct < FREQUENT_MIN_DISTINCT:
        return None
    return lang if best >= FREQUENT_MIN_SHARE and best >= FREQUENT_MIN_LEAD * second else None


def declaration_doubted(declared, shares):
    """True when running text barely uses the declared language's frequent words while another
    known language's are common: French declared `lang="en"`, too close to Spanish to decide
    alone, is no reason to read it as English."""
    return (declared in shares and shares[declared] < DOUBTED_SHARE
            and max(shares.values()) >= FREQUENT_MIN_SHARE)


def detect_language(text, classify=None):
    """(language code, probability) the text is written in, or (None, 0.0) for too little text.
    `classify`: py3langid's classify, by default in this process."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    code, probability = (classify or identifier().classify)(sample)
    code = _CODES.get(code, code)
    return (code, float(probability)) if code else (None, 0.0)


def guess_language(text):
    """The language of `text`, or None when the text is too short or unclear."""
    code, probability = detect_language(text)
    return code if probability >= LIKELY_PROBABILITY else None


def page_language(html, text):
    """The declared language, unless the text clearly says another; else the text's guess."""
    declared = declared_language(html)
    shares = frequent_word_shares(text)
    quick = frequent_words_language(text, shares)
    if quick:
        code, probability = quick, 1.0
    elif declared and not declaration_doubted(declared, shares[0]):
        return declared  # nothing in the text says otherwise clearly enough to pay for more
    else:
        code, probability = detect_language(text, classify_apart)
    if code and code != declared and probability >= CLEAR_PROBABILITY and len(text) >= CLEAR_CHARS:
        return code
    return declared or (code if probability >= LIKELY_PROBABILITY else None)
