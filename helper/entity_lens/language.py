"""The page's language, from what the page declares."""

import re

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*",
                        re.IGNORECASE)


def declared_language(html, extracted=None):
    """The primary language subtag from `<html lang>`, else trafilatura's metadata, else None."""
    match = _HTML_LANG.search(html[:20000])
    if match:
        return match.group(1).lower()
    if extracted:
        return extracted.split("-")[0].lower()
    return None
