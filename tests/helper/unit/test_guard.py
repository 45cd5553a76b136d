"""guard.py: who may ask, decided on the request alone (a bare Flask app, no model)."""

import pytest
from flask import Flask, g

from entity_lens import guard
from entity_lens.errors import ApiError
from entity_lens.pairing import PairingStore

CHROME = "chrome-extension://nagcagbnmfohcnbcgfdklnpbdimfmhhc"
FIREFOX = "moz-extension://0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"


@pytest.fixture
def store(tmp_path):
    return PairingStore(tmp_path / "pairing.json")


@pytest.fixture
def check(store):
    """check(path, method, headers, ...) → ("served", whether it is paired), or the refusal's
    code."""
    app = Flask(__name__)

    def check(path="/v1/annotate", method="POST", headers=None, require_pairing=True,
              host="127.0.0.1:7318", as_json=True):
        headers = {"Host": host, **(headers or {})}
        body = ({"json": {}} if as_json else {"data": "url=x"}) if method == "POST" else {}
        with app.test_request_context(path, method=method, headers=headers, **body):
            try:
                guard.check_request(store, require_pairing)
            except ApiError as refused:
                return refused.code
            return ("served", g.paired)
    return check


@pytest.fixture
def token(store):
    return {"Authorization": f"Bearer {store.create_token('tests')}"}


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.1:7318", True), ("localhost:7318", True), ("LOCALHOST", True),
    ("[::1]:7318", True), ("::1", False), ("127.0.0.2", False), ("localhost.example", False),
    ("evil.example:7318", False), ("127.0.0.1:123456", False), ("", False), (None, False),
])
def test_only_loopback_names_are_our_host(host, loopback):
    assert guard.is_loopback_host(host) is loopback


@pytest.mark.parametrize("origin, ours", [
    (CHROME, True), (FIREFOX, True), ("chrome-extension://abcdefghijklmnopabcdefghijklmnop", False),
    ("moz-extension://not-a-uuid", False), ("https://example.org", False), ("null", False),
    (None, False), (CHROME + "/", False),
])
def test_only_entity_lens_origins_are_an_extension_origin(origin, ours):
    assert guard.is_extension_origin(origin) is ours


def test_a_paired_extension_request_is_served(check, token):
    assert check(headers={"Origin": CHROME, **token}) == ("served", True)
    assert check(headers={"Origin": FIREFOX, "Sec-Fetch-Site": "same-origin", **token}) == (
        "served", True)


def test_a_rebinding_host_is_forbidden_even_with_a_token(check, token):
    assert check(headers=token, host="evil.example:7318") == "forbidden"


@pytest.mark.parametrize("headers", [
    {"Origin": "https://example.org"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_web_pages_are_forbidden_before_anything_else(check, token, headers):
    assert check(headers={**headers, **token}) == "forbidden"


def test_without_a_token_only_the_open_paths_answer(check):
    assert check(headers={"Origin": CHROME}) == "not_paired"
    assert check("/v1/health", "GET", {"Origin": CHROME}) == ("served", False)
    assert check("/v1/pair", "POST", {"Origin": CHROME}) == ("served", False)
    assert check(headers={"Origin": CHROME, "Authorization": "Bearer wrong"}) == "not_paired"


def test_a_post_must_be_json(check, token):
    assert check(headers={"Origin": CHROME, **token}, as_json=False) == "not_json"


def test_without_pairing_required_only_a_program_goes_unpaired(check):
    # `serve --no-pairing`: curl or the scorer (no Origin, no fetch metadata) is served...
    assert check(require_pairing=False) == ("served", True)
    # ...an extension or a browser tab still needs a token.
    assert check(headers={"Origin": CHROME}, require_pairing=False) == "not_paired"
    assert check(headers={"Sec-Fetch-Site": "none"}, require_pairing=False) == "not_paired"
