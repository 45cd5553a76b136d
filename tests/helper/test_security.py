"""Only the extension may use the helper: checked against the real waitress server."""

import http.client
import json
import socket

import pytest

from conftest import EXT_ORIGIN

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


@pytest.mark.parametrize("origin", [EXT_ORIGIN, "moz-extension://0b3f1c9e-8a2d-4c7e-9f61-2d5a7b3c4e10"])
def test_extension_origins_are_served_with_cors(live_helper, origin):
    status, headers, body = request(live_helper, "POST", "/v1/annotate", PAGE,
                                    dict(JSON, Origin=origin))
    assert status == 200, body
    assert headers.get("Access-Control-Allow-Origin") == origin
    names = {e["text"] for e in json.loads(body)["entities"]}
    assert "Ada Lovelace" in names


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
