"""Bytes of a fetched page → text, choosing the encoding as a browser does.

Only the labels of the WHATWG Encoding Standard count (the `webencodings` table), never
Python's codec registry: a page could otherwise name `punycode` (quadratic time),
`unicode_escape` (rewrites the text) or `undefined` (raises) in its charset. Every encoding in
the table decodes in linear time, invalid bytes become U+FFFD as in a browser.

Order: a byte order mark, then the Content-Type charset, then the page's own <meta> (within
its first 8 KB), then UTF-8 if the bytes are valid UTF-8, else windows-1252.
"""

import re

import webencodings

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_META_SCAN_BYTES = 8192
_REPLACEMENT = webencodings.lookup("replacement")


def decode(body, content_type=""):
    """Decode `body`, served with `content_type`, to text."""
    encoding = _header_encoding(content_type) or _meta_encoding(body)
    if encoding is None:
        try:
            return webencodings.decode(body, "utf-8", errors="strict")[0]
        except UnicodeDecodeError:
            encoding = "windows-1252"
    if encoding == _REPLACEMENT:
        # Labels such as iso-2022-kr, which can smuggle markup past filters: the standard's
        # decoder gives one U+FFFD for the whole body (webencodings' gives one per byte, slowly).
        return "\ufffd" if body else ""
    # webencodings.decode lets a byte order mark override the label, as browsers do.
    return webencodings.decode(body, encoding, errors="replace")[0]


def _header_encoding(content_type):
    match = _HEADER_CHARSET.search(content_type)
    return webencodings.lookup(match.group(1)) if match else None


def _meta_encoding(body):
    match = _META_CHARSET.search(body[:_META_SCAN_BYTES])
    if not match:
        return None
    encoding = webencodings.lookup(match.group(1).decode("ascii"))
    if encoding is None:
        return None
    # The standard's prescan rules: a page that could read its own <meta> in ASCII is not
    # UTF-16, and x-user-defined from a <meta> means windows-1252.
    if encoding.name in ("utf-16le", "utf-16be"):
        return webencodings.lookup("utf-8")
    if encoding.name == "x-user-defined":
        return webencodings.lookup("windows-1252")
    return encoding

