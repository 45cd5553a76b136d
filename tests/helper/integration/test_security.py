"""Only the extension may use the helper: checked against the real waitress server."""

import http.client
import json
import re
import socket
import subprocess

import pytest

from support import ENTITY_LENS, EXT_ORIGIN, serving

from entity_lens import __version__

PAGE = {"url": "https://news.example/a", "html": "<html><body><article><p>Ada Lovelace "
        "lived in London and worked with Charles Babbage on the Analytical Engine for years."
        "</p></article></body></html>"}


def request(helper, method, path, body=None, headers=None, host=None, auth=True):
    """A request as given; with `auth`, carrying the helper's paired token."""
    connection = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"127.0.0.1:{helper.port}")
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        for key, value in dict(helper.auth if auth else {}, **(headers or {})).items():
            connection.putheader(key, value)
        if data is not None:
            connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("origin", [
    "https://evil.example",
    "null",
    "http://127.0.0.1:8000",
    "http://localhost:3000",
    "chrome-extension://abc.evil.example/../x",
    "moz-extension://",
])
def test_web_origins_are_refused_without_cors_headers(live_helper, origin):
    status, headers, body = request(live_helper, "POST", "/v1/annotate", PAGE,
                                    dict(JSON, Origin=origin))
    assert status == 403
    assert json.loads(body)["error"]["code"] == "forbidden"
    assert not any(h.lower().startswith("access-control-") for h in headers)
    status, headers, _ = request(live_helper, "GET", "/v1/health", headers={"Origin": origin})
    assert status == 403
    assert not any(h.lower().startswith("access-control-") for h in headers)


def test_entity_lens_with_its_token_is_served_with_cors(live_helper):
    status, headers, body = request(live_helper, "POST", "/v1/annotate", PAGE,
                                    dict(JSON, Origin=EXT_ORIGIN))
    assert status == 200, body
    assert headers.get("Access-Control-Allow-Origin") == EXT_ORIGIN
    names = {e["text"] for e in json.loads(body)["entities"]}
    assert "Ada Lovelace" in names


@pytest.mark.parametrize("headers", [
    # Another extension: a Firefox origin (another Chrome extension's is refused outright, see
    # test_only_exact_extension_origins_pass), Entity Lens's origin (declarativeNetRequest can set
    # it), or none at all (it can remove it), with the fetch metadata extensions send.
    {"Origin": "moz-extension://0b3f1c9e-8a2d-4c7e-9f61-2d5a7b3c4e10"},
    {"Origin": EXT_ORIGIN, "Sec-Fetch-Site": "none"},
    {"Sec-Fetch-Site": "none"},
    {},
    {"Authorization": "Bearer not-a-token-of-this-helper-000000"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
])
def test_without_a_paired_token_nothing_is_served(live_helper, headers):
    status, _, answer = request(live_helper, "POST", "/v1/annotate", PAGE, dict(JSON, **headers),
                                auth=False)
    assert status == 403, answer
    error = json.loads(answer)["error"]
    assert error["code"] == "not_paired" and "entity-lens pair" in error["message"]
    assert b"Ada" not in answer
    # Health says only that a helper runs: no model, no languages.
    status, _, answer = request(live_helper, "GET", "/v1/health", None, headers, auth=False)
    assert status == 200 and json.loads(answer) == {"status": "ok", "version": __version__,
                                                    "paired": False}


def run_cli(helper, *args):
    return subprocess.run([str(ENTITY_LENS), *args], env=helper.env, capture_output=True,
                          text=True, timeout=60)


def test_pairing_trades_the_readers_code_for_a_token(live_helper):
    headers = dict(JSON, Origin="moz-extension://5e0c2a4b-1d3f-4a6b-8c7d-0e1f2a3b4c5d")
    shown = run_cli(live_helper, "pair")
    assert shown.returncode == 0, shown.stderr
    code = re.search(r"Pairing code: ([A-Z0-9]{4}-[A-Z0-9]{4})", shown.stdout).group(1)
    # The reader types it (any case, spaces for the dash) into the options page.
    typed = code.lower().replace("-", " ")
    status, _, answer = request(live_helper, "POST", "/v1/pair", {"code": typed, "name": "Firefox"},
                                headers, auth=False)
    assert status == 200, answer
    token = json.loads(answer)["token"]
    paired = dict(headers, Authorization=f"Bearer {token}")
    status, _, answer = request(live_helper, "POST", "/v1/annotate", PAGE, paired, auth=False)
    assert status == 200, answer
    status, _, answer = request(live_helper, "GET", "/v1/health", None, paired, auth=False)
    assert json.loads(answer)["paired"] is True and json.loads(answer)["model"]["name"]
    # Used once.
    status, _, answer = request(live_helper, "POST", "/v1/pair", {"code": code}, headers,
                                auth=False)
    assert status == 403 and json.loads(answer)["error"]["code"] == "bad_pairing_code"
    listed = run_cli(live_helper, "pair", "--list")
    short = re.search(r"Paired: Firefox \(id ([0-9a-f]{8})", listed.stdout).group(1)
    assert run_cli(live_helper, "pair", "--forget", short).returncode == 0
    status, _, answer = request(live_helper, "POST", "/v1/annotate", PAGE, paired, auth=False)
    assert status == 403 and json.loads(answer)["error"]["code"] == "not_paired"


def test_guessing_codes_voids_them(live_helper):
    code = re.search(r"Pairing code: (\S+)", run_cli(live_helper, "pair").stdout).group(1)
    for guess in ("AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC", "DDDD-DDDD", "EEEE-EEEE"):
        status, _, answer = request(live_helper, "POST", "/v1/pair", {"code": guess}, JSON,
                                    auth=False)
        assert status == 403 and json.loads(answer)["error"]["code"] == "bad_pairing_code"
    # After five wrong guesses even the right code is void: the reader runs pair again.
    status, _, _ = request(live_helper, "POST", "/v1/pair", {"code": code}, JSON, auth=False)
    assert status == 403


def test_the_cli_token_serves_the_readers_own_programs(live_helper):
    token = run_cli(live_helper, "pair", "--token").stdout.strip()
    status, _, _ = request(live_helper, "POST", "/v1/annotate", PAGE,
                           dict(JSON, Authorization=f"Bearer {token}"), auth=False)
    assert status == 200
    assert run_cli(live_helper, "pair", "--token").stdout.strip() == token  # kept, not piled up


def test_requests_without_origin_are_served_with_a_token(live_helper):
    status, headers, body = request(live_helper, "GET", "/v1/health")
    assert status == 200 and json.loads(body)["status"] == "ok"
    assert "Access-Control-Allow-Origin" not in headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:7318", "127.0.0.1.evil.example",
                                  "192.168.1.10:7318", "localhost.evil.example"])
def test_rebinding_host_is_refused(live_helper, host):
    status, _, body = request(live_helper, "GET", "/v1/health", host=host)
    assert status == 403
    assert json.loads(body)["error"]["code"] == "forbidden"


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_loopback_hosts_are_served(live_helper, host):
    status, _, _ = request(live_helper, "GET", "/v1/health", host=f"{host}:{live_helper.port}")
    assert status == 200


def test_preflight_from_a_web_origin_is_not_granted(live_helper):
    status, headers, _ = request(live_helper, "OPTIONS", "/v1/annotate", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 403
    assert "Access-Control-Allow-Origin" not in headers


def test_preflight_from_the_extension_is_granted(live_helper):
    status, headers, _ = request(live_helper, "OPTIONS", "/v1/annotate", headers={
        "Origin": EXT_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200
    assert headers.get("Access-Control-Allow-Origin") == EXT_ORIGIN
    assert "POST" in headers.get("Access-Control-Allow-Methods", "")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x"])
def test_simple_request_content_types_are_refused(live_helper, content_type):
    # What a form or a no-cors fetch from a page could send without a preflight.
    status, _, body = request(live_helper, "POST", "/v1/annotate", json.dumps(PAGE).encode(),
                              {"Content-Type": content_type})
    assert status == 415
    assert json.loads(body)["error"]["code"] == "not_json"


def test_oversized_body_is_too_large(live_helper):
    payload = json.dumps({"url": "https://x.example/", "html": "x" * (16 * 1024 * 1024)})
    status, _, body = request(live_helper, "POST", "/v1/annotate", payload.encode(), JSON)
    assert status == 413
    assert json.loads(body)["error"]["code"] == "too_large"
    assert request(live_helper, "GET", "/v1/health")[0] == 200


def test_helper_listens_on_loopback_only(live_helper):
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)
                 if info[0] == socket.AF_INET} - {"127.0.0.1", "127.0.1.1"}
    for address in addresses:
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((address, live_helper.port)) != 0, address
    with socket.create_connection(("127.0.0.1", live_helper.port), timeout=2):
        pass


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_tags_on_web_pages_are_refused_though_they_send_no_origin(live_helper, site):
    # What a browser sends for <img src="http://127.0.0.1:7318/v1/health"> on a web page.
    status, headers, body = request(live_helper, "GET", "/v1/health", headers={
        "Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"})
    assert status == 403
    assert json.loads(body)["error"]["code"] == "forbidden"


@pytest.mark.parametrize("site", ["none", "same-origin"])
def test_the_extensions_own_fetch_metadata_is_served(live_helper, site):
    # Chromium's extension fetches say "none", Firefox's "same-origin" (with the extension Origin).
    status, _, _ = request(live_helper, "GET", "/v1/health", headers={"Sec-Fetch-Site": site})
    assert status == 200


@pytest.mark.parametrize("site", ["Cross-Site", "cross-site, none", "same-site", "bogus", ""])
def test_fetch_metadata_other_than_the_extensions_is_refused(live_helper, site):
    # An allowlist: only what no web page sends passes, even with a valid token.
    status, _, body = request(live_helper, "GET", "/v1/health", headers={"Sec-Fetch-Site": site})
    assert status == 403 and json.loads(body)["error"]["code"] == "forbidden"


@pytest.mark.parametrize("origin", [
    "chrome-extension://nagcagbnmfohcnbcgfdklnpbdimfmhhc.evil",
    "chrome-extension://abcdefghijklmnopabcdefghijklmnop",  # another Chrome extension
    "chrome-extension://NAGCAGBNMFOHCNBCGFDKLNPBDIMFMHHC",
    "chrome-extension://nagcagbnmfohcnbcgfdklnpbdimfmhhc/",
    "moz-extension://" + "a" * 5000,
    "moz-extension://0B3F1C9E-8A2D-4C7E-9F61-2D5A7B3C4E10",
])
def test_only_exact_extension_origins_pass(live_helper, origin):
    status, headers, body = request(live_helper, "POST", "/v1/annotate", PAGE,
                                    dict(JSON, Origin=origin))
    assert status == 403 and json.loads(body)["error"]["code"] == "forbidden"
    assert "Access-Control-Allow-Origin" not in headers


def test_without_pairing_programs_are_served_and_browsers_still_need_a_token():
    # `serve --no-pairing` (unsafe, for the shared entity scorer): a program's request, which
    # carries neither Origin nor fetch metadata, is served; whatever a browser sends is not.
    with serving("--no-pairing") as helper:
        started = ""
        while "ready on" not in started:  # what it printed before it was ready
            started += helper.process.stderr.readline()
        assert "--no-pairing is on" in started
        status, _, answer = request(helper, "POST", "/v1/annotate", PAGE, JSON, auth=False)
        assert status == 200, answer
        for headers in ({"Sec-Fetch-Site": "none"}, {"Origin": EXT_ORIGIN},
                        {"Origin": "moz-extension://0b3f1c9e-8a2d-4c7e-9f61-2d5a7b3c4e10",
                         "Sec-Fetch-Site": "same-origin"}):
            status, _, answer = request(helper, "POST", "/v1/annotate", PAGE,
                                        dict(JSON, **headers), auth=False)
            assert status == 403 and json.loads(answer)["error"]["code"] == "not_paired"
        status, _, answer = request(helper, "POST", "/v1/annotate", PAGE,
                                    dict(JSON, Origin="https://evil.example"), auth=False)
        assert status == 403 and json.loads(answer)["error"]["code"] == "forbidden"
