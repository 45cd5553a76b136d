"""Only the extension may use the helper: checked against the real waitress server."""

import http.client
import json
import socket
import subprocess

import pytest

from conftest import ENTITY_LENS, EXT_ORIGIN

PAGE = {"url": "https://news.example/a", "html": "<html><body><article><p>Ada Lovelace "
        "lived in London and worked with Charles Babbage on the Analytical Engine for years."
        "</p></article></body></html>"}


def request(helper, method, path, body=None, headers=None, host=None):
    connection = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"127.0.0.1:{helper.port}")
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        for key, value in (headers or {}).items():
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


def test_entity_lens_for_chrome_is_served_with_cors(live_helper):
    status, headers, body = request(live_helper, "POST", "/v1/annotate", PAGE,
                                    dict(JSON, Origin=EXT_ORIGIN))
    assert status == 200, body
    assert headers.get("Access-Control-Allow-Origin") == EXT_ORIGIN
    names = {e["text"] for e in json.loads(body)["entities"]}
    assert "Ada Lovelace" in names


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnopabcdefghijklmnop",
                                    "moz-extension://0b3f1c9e-8a2d-4c7e-9f61-2d5a7b3c4e10"])
def test_other_extensions_are_refused_until_paired(live_helper, origin):
    for method, path, body in (("POST", "/v1/annotate", PAGE), ("GET", "/v1/health", None)):
        status, _, answer = request(live_helper, method, path, body, dict(JSON, Origin=origin))
        assert status == 403, answer
        error = json.loads(answer)["error"]
        assert error["code"] == "not_paired" and "click Pair" in error["message"]
        assert "Ada" not in answer.decode()


def test_pairing_takes_the_readers_confirmation_at_a_terminal(live_helper):
    origin = "moz-extension://5e0c2a4b-1d3f-4a6b-8c9d-0e1f2a3b4c5d"
    headers = dict(JSON, Origin=origin)
    status, _, answer = request(live_helper, "POST", "/v1/pair", {}, headers)
    assert status == 200, answer
    offer = json.loads(answer)
    assert offer["paired"] is False and offer["command"] == f"entity-lens pair {offer['code']}"
    # The code alone grants nothing: still refused.
    assert request(live_helper, "POST", "/v1/annotate", PAGE, headers)[0] == 403
    # A wrong code is refused and pairs nobody.
    wrong = subprocess.run([str(ENTITY_LENS), "pair", "ZZZZ-ZZZZ"], env=live_helper.env,
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 1 and "No pairing code ZZZZ-ZZZZ" in wrong.stderr
    assert request(live_helper, "POST", "/v1/annotate", PAGE, headers)[0] == 403
    # The reader types the code (in any case, without the dash).
    typed = offer["code"].lower().replace("-", " ")
    done = subprocess.run([str(ENTITY_LENS), "pair", typed], env=live_helper.env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"Paired {origin}." in done.stdout
    status, response_headers, answer = request(live_helper, "POST", "/v1/annotate", PAGE, headers)
    assert status == 200, answer
    assert response_headers.get("Access-Control-Allow-Origin") == origin
    status, _, answer = request(live_helper, "POST", "/v1/pair", {}, headers)
    assert json.loads(answer) == {"paired": True, "origin": origin}
    # A used code cannot pair a second extension.
    again = subprocess.run([str(ENTITY_LENS), "pair", offer["code"]], env=live_helper.env,
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 1
    listed = subprocess.run([str(ENTITY_LENS), "pair", "--list"], env=live_helper.env,
                            capture_output=True, text=True, timeout=60)
    assert f"Paired: {origin}" in listed.stdout
    forgot = subprocess.run([str(ENTITY_LENS), "pair", "--forget", origin], env=live_helper.env,
                            capture_output=True, text=True, timeout=60)
    assert forgot.returncode == 0
    status, _, answer = request(live_helper, "POST", "/v1/annotate", PAGE, headers)
    assert status == 403 and json.loads(answer)["error"]["code"] == "not_paired"


def test_a_pairing_code_is_asked_for_by_an_extension_only(live_helper):
    status, _, answer = request(live_helper, "POST", "/v1/pair", {}, JSON)
    assert status == 400 and json.loads(answer)["error"]["code"] == "bad_request"
    status, _, answer = request(live_helper, "POST", "/v1/pair", {},
                                dict(JSON, Origin="https://evil.example"))
    assert status == 403 and json.loads(answer)["error"]["code"] == "forbidden"


def test_requests_without_origin_are_served(live_helper):
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
