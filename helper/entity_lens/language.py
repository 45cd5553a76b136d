"""The page's language: what the page declares, else a guess from its most common words."""

import re
from collections import Counter

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*",
                        re.IGNORECASE)

# Frequent short words that tell common news languages apart; enough for a page of text.
_STOPWORDS = {
    "en": "the and of to in is that for on with as was by he it at from his are said".split(),
    "fr": "le la les des et est dans que pour une qui sur au du par pas avec sont ont".split(),
    "de": "der die und den das ist nicht mit von sich auf für ein eine dem zu im auch".split(),
    "es": "el la los las y que de en por para una con del se al es su lo como".split(),
    "it": "il la che di e per una del della sono non con gli le si è al nel".split(),
    "pt": "o a os as e que de do da em para um uma com não por no na se".split(),
    "nl": "de het een en van in is op dat te voor met zijn niet ook aan er".split(),
}
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


def guess_language(text):
    """The language whose frequent words cover most of `text`, or None when unsure."""
    words = Counter(re.findall(r"[^\W\d_]+", text[:20000].lower()))
    total = sum(words.values())
    if total < 20:
        return None
    scores = {lang: sum(words[w] for w in stop) / total for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.08 else None


def page_language(html, text):
    return declared_language(html) or guess_language(text)
