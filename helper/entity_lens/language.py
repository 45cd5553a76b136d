"""The page's language: told by its text, with py3langid (trafilatura's own identifier).

A page's `<html lang>` is often a site-wide default ("en" on a French article), so the text
decides when it says so clearly: a long enough sample, one language very likely. A short or
unclear text keeps the declared language. Measured in docs/entities.md (accuracy on short and
long texts, cost per page).
"""

import re
import threading

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*",
                        re.IGNORECASE)

# The identifier reads this much of the text: past ~500 characters its answer stops changing
# on news text, while its cost keeps growing with the length.
SAMPLE_CHARS = 1000
# Below this many letters a guess is a guess: no answer at all.
MIN_LETTERS = 20
# The text overrules the page's declaration only when it is this long and this sure.
CLEAR_CHARS = 200
CLEAR_PROBABILITY = 0.95
# A guess weaker than this is no guess (the default pipeline reads the page).
LIKELY_PROBABILITY = 0.5
# py3langid's codes that differ from the ones the helper's pipelines and messages use.
_CODES = {"nb": "no", "nn": "no", "zxx": None}  # zxx: no language (code, numbers)

_identifier = None
_identifier_lock = threading.Lock()


def identifier():
    """py3langid's identifier with probabilities, loaded once (~1 s, ~70 MB) on first use."""
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def preload():
    """Load the identifier in the background, so that the first page does not wait for it."""
    threading.Thread(target=identifier, name="language-identifier", daemon=True).start()


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


def detect_language(text):
    """(language code, probability) the text is written in, or (None, 0.0) for too little text."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    code, probability = identifier().classify(sample)
    code = _CODES.get(code, code)
    return (code, float(probability)) if code else (None, 0.0)


def guess_language(text):
    """The language of `text`, or None when the text is too short or unclear."""
    code, probability = detect_language(text)
    return code if probability >= LIKELY_PROBABILITY else None


def page_language(html, text):
    """The declared language, unless the text clearly says another; else the text's guess."""
    declared = declared_language(html)
    code, probability = detect_language(text)
    if code and code != declared and probability >= CLEAR_PROBABILITY and len(text) >= CLEAR_CHARS:
        return code
    return declared or (code if probability >= LIKELY_PROBABILITY else None)
