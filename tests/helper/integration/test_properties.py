"""Property-based tests (hypothesis) of request validation and of entity offsets.

The model is real (~50 ms a page), so example counts stay modest and there is no deadline.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import EXT_ORIGIN, paired_client
from entity_lens.app import STATUS, create_app

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
PAGE = ("<html lang=en><body><article><p>Ada Lovelace lived in London and worked with Charles "
        "Babbage on the Analytical Engine for many years.</p></article></body></html>")


@pytest.fixture(scope="module")
def client(annotator, tmp_path_factory):
    # Module-scoped: hypothesis runs many examples inside one test call. Paired, as the extension.
    pairing_file = tmp_path_factory.mktemp("config") / "pairing.json"
    return paired_client(create_app({"TESTING": True, "PAIRING_FILE": pairing_file},
                                    annotator=annotator))


def annotate(client, body):
    # Serialised here: the test client's json= would send no body at all for None.
    response = client.post("/v1/annotate", data=json.dumps(body), content_type="application/json",
                           headers={"Origin": EXT_ORIGIN})
    return response.status_code, response.get_json()


def error_code(status, body):
    """The documented code of an error answer, checked against its documented status."""
    code = body["error"]["code"]
    assert STATUS[code] == status, f"{code} answered with {status}"
    assert body["error"]["message"]
    return code


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=10)
# Fields that look right as often as wrong, so validation is reached at every step.
url_field = st.sampled_from(["https://x.invalid/a", "file:///tmp/a.html", "", "  "]) | json_values
html_field = st.sampled_from([PAGE, "", "<p>", "<html lang=zz><p>x</p></html>"]) | json_values
# Any code point, lone surrogates (JSON can carry "\\ud800", a DOM can hold one) made common.
# (st.text() never yields surrogates, so the strings are joined from single characters.)
any_text = st.lists(st.characters(exclude_categories=())
                    | st.sampled_from(["\ud800", "\udfff", "\u00a0", "\u200b", "🙂"]),
                    max_size=20).map("".join)
watchlist_field = st.lists(any_text, max_size=4) | json_values
fields = {"url": url_field, "html": html_field, "watchlist": watchlist_field,
          "other": json_values}
# A good page and address with any watchlist, so the model is reached often (half the time).
good_page = st.fixed_dictionaries({"url": st.sampled_from(["https://x.example/a",
                                                           "file:///tmp/ü.html"]),
                                   "html": st.just(PAGE)}, optional={"watchlist": watchlist_field})
bodies = st.one_of(json_values, good_page, good_page, st.fixed_dictionaries({}, optional=fields))


@settings(SETTINGS, max_examples=100)  # most bodies are refused in a millisecond
@given(body=bodies)
def test_any_json_body_is_200_or_a_documented_error(client, body):
    status, answer = annotate(client, body)
    if status == 200:
        assert isinstance(body, dict) and isinstance(body.get("url"), str)
        assert answer["source"] == "provided"
    else:
        # Without `html` the (unresolvable) address is fetched.
        assert error_code(status, answer) in {"bad_request", "bad_url", "no_text",
                                              "unsupported_language", "fetch_failed"}


# URLs built from parts that pass and fail each check, plus arbitrary text. "UPSTREAM" is the
# local test server, the only host that answers (other hosts are unresolvable or refuse).
urls = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["http", "https", "HTTP", "ftp", "file", "javascript", "data", "", "ws"]),
    st.sampled_from(["://", ":", ":/", ""]),
    st.sampled_from(["", "user:pw@", "user@"]),
    st.sampled_from(["UPSTREAM", "bücher.invalid", "xn--bcher-kva.invalid", "[::1]:1",
                     "localhost:1", "[zz]", "a..b.invalid", "x.invalid:99999", "127.0.0.1:0"])
    | st.text(max_size=15),
    st.sampled_from(["/", "/pages/news-article.html", "/error500", "/redirect", "/loop0"])
    | st.text(max_size=40),
) | st.text(max_size=60)


@SETTINGS
@given(url=urls, provided=st.booleans())
def test_any_url_string_is_200_or_a_url_or_fetch_error(client, upstream, url, provided):
    url = url.replace("UPSTREAM", upstream.removeprefix("http://"))
    body = {"url": url, "html": PAGE} if provided else {"url": url}
    status, answer = annotate(client, body)
    if status != 200:
        allowed = {"bad_url", "bad_request"} | (set() if provided else {"fetch_failed",
                                                                         "fetch_timeout"})
        assert error_code(status, answer) in allowed


# --- Offsets ------------------------------------------------------------------------------

WORDS = [
    "the", "minister", "said", "on", "Monday", "that", "talks", "in", "would", "resume",
    "after", "a", "long", "pause", "between", "and", "with", "from",
    "Tallinn", "Brussels", "Kaja Kallas", "Angela Merkel", "European Commission", "U.S.",
    "Zürich", "São Paulo", "Łódź", "Москва", "東京", "O’Brien", "Smith's", "Dr. Watson",
    "café", "naïve", "🙂", "👩‍👩‍👧", "“quoted”", "—", "(Reuters)",
    "&amp;", "AT&amp;T", "&nbsp;", "\u00a0", "&eacute;t&eacute;", "Merkel&#8217;s",
    # Names split across elements, as pages mark them up.
    "<b>Angela</b> Merkel", "Euro<i>pean</i> Commission", "<a href='#'>Kaja Kallas</a>",
    "Tal<span>linn</span>",
]
SPACES = [" ", " ", " ", "  ", "\n", " \t ", "\u00a0 "]


@st.composite
def articles(draw):
    paragraphs = []
    for _ in range(draw(st.integers(3, 6))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=10, max_size=40))
        gaps = draw(st.lists(st.sampled_from(SPACES), min_size=len(words), max_size=len(words)))
        text = "".join(w + g for w, g in zip(words, gaps))
        paragraphs.append(f"<p>{text}.</p>")
    return ("<!doctype html><html lang=en><head><title>A story</title></head><body><nav>"
            "<a href=/>Home</a></nav><article><h1>A story</h1>" + "\n".join(paragraphs)
            + "</article><footer>© News</footer></body></html>")


@SETTINGS
@given(html=articles(), watchlist=st.lists(st.sampled_from(["Monday", "talks", "Tallinn",
                                                            "the minister"]), max_size=2))
def test_offsets_point_at_entity_text_and_never_overlap(client, html, watchlist):
    status, body = annotate(client, {"url": "https://x.example/story", "html": html,
                                     "watchlist": watchlist})
    assert status == 200, body
    text = body["text"]
    assert "<" not in text and "&amp;" not in text and "&nbsp;" not in text, "markup decoded"
    assert all(line and line == line.strip() for line in text.split("\n"))
    groups = {g["id"] for g in body["groups"]}
    previous_end = 0
    for entity in body["entities"]:
        assert previous_end <= entity["start"] < entity["end"] <= len(text)
        assert text[entity["start"]:entity["end"]] == entity["text"]
        assert entity["group"] in groups
        previous_end = entity["end"]
