"""A fetched page's bytes become text as in a browser: WHATWG labels only, U+FFFD for bad bytes."""

import pytest
import webencodings

from entity_lens.charsets import decode

ARTICLE = ("<html lang=en><head>{meta}<title>Talks</title></head><body><article><p>Kaja Kallas "
           "met Olaf Scholz in Tallinn on Monday; the talks \\u0041\\x42 went on past midnight "
           "and both promised a statement on Tuesday.</p></article></body></html>")


def page(meta=""):
    return ARTICLE.format(meta=meta)


# Python codecs a page used to be able to name: slow (punycode is quadratic), rewriting
# (unicode_escape, rot13, utf-7) or not text at all (base64, zlib, hex, undefined).
NOT_WHATWG = ["punycode", "unicode_escape", "raw_unicode_escape", "undefined", "rot13",
              "rot_13", "base64", "zlib", "bz2", "hex", "uu", "quopri", "idna", "utf-7",
              "utf_32", "mbcs", "oem", "unicode_internal", "nonsense", ""]


@pytest.mark.parametrize("label", NOT_WHATWG)
def test_python_only_codecs_are_never_used(label):
    body = page().encode()
    assert webencodings.lookup(label) is None
    assert decode(body, f"text/html; charset={label}") == page()
    assert decode(page(f'<meta charset="{label}">').encode()) == page(f'<meta charset="{label}">')


def test_a_400_kb_page_labelled_punycode_is_decoded_as_utf8():
    # Python's punycode codec took 5.3 s on this (quadratic); scripts/bench-charsets measures
    # that every WHATWG encoding grows linearly.
    body = page().encode() + "<p>\u00e9t\u00e9 </p>".encode() * 30_000
    assert decode(body, "text/html; charset=punycode") == body.decode("utf-8")


def test_an_unknown_label_falls_back_to_windows_1252_when_not_utf8():
    body = page('<meta charset="punycode">').replace("Monday", "Montag \u00e9t\u00e9").encode("cp1252")
    assert "Montag \u00e9t\u00e9" in decode(body, "text/html; charset=punycode")


@pytest.mark.parametrize("label, text, encoded", [
    ("latin1", "caf\u00e9 \u20ac", b"caf\xe9 \x80"),          # latin1 means windows-1252
    ("ISO-8859-1", "\u201cquoted\u201d", b"\x93quoted\x94"),
    ("shift_jis", "\u6771\u4eac", "\u6771\u4eac".encode("shift_jis")),
    ("koi8-r", "\u041c\u043e\u0441\u043a\u0432\u0430", "\u041c\u043e\u0441\u043a\u0432\u0430".encode("koi8-r")),
    ("gb2312", "\u5317\u4eac", "\u5317\u4eac".encode("gbk")),  # gb2312 means gbk
    (" UTF-8 ", "\u0141\u00f3d\u017a", "\u0141\u00f3d\u017a".encode()),
])
def test_whatwg_labels_decode_as_the_standard_says(label, text, encoded):
    assert decode(encoded, f"text/html; charset={label}") == text
    assert decode(f'<meta charset="{label}">'.encode() + encoded).endswith(text)


def test_the_header_wins_over_the_meta_and_a_bom_over_both():
    body = '<meta charset="koi8-r">caf\u00e9'.encode("cp1252")
    assert decode(body, "text/html; charset=windows-1252").endswith("caf\u00e9")
    assert decode(b"\xef\xbb\xbf" + "caf\u00e9".encode(), "text/html; charset=koi8-r") == "caf\u00e9"


def test_meta_prescan_rules_utf16_means_utf8_and_x_user_defined_means_windows_1252():
    assert decode('<meta charset="utf-16">caf\u00e9'.encode()).endswith("caf\u00e9")
    assert decode('<meta charset="x-user-defined">caf\u00e9'.encode("cp1252")).endswith("caf\u00e9")


def test_bad_bytes_under_a_declared_charset_become_replacement_characters():
    assert decode(b"Harb\xff\xfeour", "text/html; charset=utf-8") == "Harb\ufffd\ufffdour"


def test_replacement_labels_give_one_replacement_character():
    # iso-2022-kr and friends can smuggle markup past filters: browsers refuse to decode them.
    assert decode(b"<p>anything</p>", "text/html; charset=iso-2022-kr") == "\ufffd"
    assert decode(b"<p>anything</p>", "text/html; charset=hz-gb-2312") == "\ufffd"


def test_no_label_is_utf8_when_valid_else_windows_1252():
    assert decode("Z\u00fcrich".encode()) == "Z\u00fcrich"
    assert decode("Z\u00fcrich \u20ac".encode("cp1252")) == "Z\u00fcrich \u20ac"
