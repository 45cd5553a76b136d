"""app.py's request parsing without a model: what /v1/annotate accepts, and text made safe for
spaCy with every offset kept."""

import pytest
from flask import Flask

from entity_lens.app import parse_annotate_request, well_formed
from entity_lens.config import Config
from entity_lens.errors import ApiError


@pytest.fixture
def parse():
    app = Flask(__name__)
    app.config.from_object(Config)

    def parse(body):
        with app.app_context():
            return parse_annotate_request(body)
    return parse


def refusal(parse, body):
    with pytest.raises(ApiError) as refused:
        parse(body)
    return refused.value.code, refused.value.message


def test_a_full_request_is_trimmed_and_empty_phrases_dropped(parse):
    url, html, options = parse({"url": "  https://example.org/a ", "html": "<p>x</p>",
                                "watchlist": [" Kallas ", "  ", "Scholz"]})
    assert (url, html, options.watchlist) == ("https://example.org/a", "<p>x</p>",
                                              ["Kallas", "Scholz"])
    _, html, options = parse({"url": "https://example.org/"})
    assert html is None and options.watchlist == []


@pytest.mark.parametrize("body, words", [
    ([], "must be a JSON object"),
    ({"url": "https://e.org/", "extra": 1}, "Unknown field(s): extra."),
    ({}, "`url` is required"),
    ({"url": "   "}, "`url` is required"),
    ({"url": 5}, "`url` is required"),
    ({"url": "https://e.org/", "html": 5}, "`html` must be a string"),
    ({"url": "https://e.org/", "watchlist": "Kallas"}, "`watchlist` must be a list"),
    ({"url": "https://e.org/", "watchlist": [1]}, "`watchlist` must be a list"),
])
def test_malformed_bodies_are_bad_request_saying_what_is_wrong(parse, body, words):
    code, message = refusal(parse, body)
    assert code == "bad_request" and words in message


def test_the_longest_address_is_configs(parse):
    longest = "https://e.org/" + "a" * (Config.MAX_URL_LENGTH - len("https://e.org/"))
    assert parse({"url": longest})[0] == longest
    assert refusal(parse, {"url": longest + "a"}) == (
        "bad_url", f"The address is longer than {Config.MAX_URL_LENGTH} characters.")


def test_lone_surrogates_become_replacement_characters_one_for_one():
    assert well_formed("Z\ud800rich \udfff") == "Z\ufffdrich \ufffd"
    assert well_formed("Zürich 😀") == "Zürich 😀"
    assert well_formed(None) is None and well_formed("ascii") == "ascii"
