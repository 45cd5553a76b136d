"""Pages fetched through the helper whose charset names a Python codec are read as UTF-8."""

import pytest

from support import UpstreamHandler, fixture_html, http_server


class CharsetUpstream(UpstreamHandler):
    """Serves the fixture article with the charset named in the path: /header/<label> puts it
    in Content-Type, /meta/<label> in a <meta> tag."""

    def do_GET(self):
        _, where, label = self.path.split("/", 2)
        html = fixture_html("news-article.html").replace('<meta charset="utf-8">', "")
        content_type = "text/html"
        if where == "header":
            content_type += f"; charset={label}"
        else:
            html = html.replace("<head>", f'<head><meta charset="{label}">', 1)
        self.send(200, html.encode(), content_type=content_type)


@pytest.fixture(scope="module")
def charset_upstream():
    with http_server(CharsetUpstream) as base:
        yield base


@pytest.mark.parametrize("path", ["/header/punycode", "/meta/punycode", "/meta/undefined",
                                  "/header/undefined", "/meta/unicode_escape",
                                  "/header/unicode_escape", "/header/base64", "/meta/zlib",
                                  "/header/rot13"])
def test_pages_naming_python_codecs_are_read_as_utf8(post, charset_upstream, path):
    response = post({"url": charset_upstream + path})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert "Kaja Kallas" in body["text"] and "Jüri Ratas" in body["text"]
    # Nothing cut: the last paragraph is there (unicode_escape used to stop early).
    assert "European Investment Bank" in body["text"]
