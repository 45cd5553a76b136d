"""By default the helper never connects to a private address: not asked directly in any
spelling, not through a name that resolves to one, not on a redirect hop.

The "intranet" here is a real server on 127.0.0.1 (and one on ::1) holding a secret page and
counting the connections it gets: every refusal must leave its count at zero, so nothing was
tried and the answer cannot tell whether anything listens there.
"""

import copy
import dataclasses
import http.server
import ipaddress
import json
import os
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entity_lens import addresses
from entity_lens.app import create_app
from entity_lens.errors import ApiError
from entity_lens.fetch import FetchLimits, fetch
from entity_lens.pairing import PairingStore
from helper_process import free_port, wait_for_health
from support import ENTITY_LENS, EXT_ORIGIN, FIXTURES, UpstreamHandler, paired_client

SECRET_NAME = "Zebulon Quartermaine"
SECRET_PAGE = (f"<html lang=en><head><title>Payroll</title></head><body><article><p>Intranet "
               f"payroll: {SECRET_NAME} of Acme Holdings in Geneva earns a great deal, the "
               f"board of Acme Holdings decided in Geneva last week.</p></article></body></html>"
               ).encode()
NEWS = (FIXTURES / "news-article.html").read_bytes()


class IntranetHandler(UpstreamHandler):
    def do_GET(self):
        self.send(200, SECRET_PAGE)


class OutsideHandler(UpstreamHandler):
    """The attacker's site: redirects only the helper (its User-Agent) to `/to?<target>`."""

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/to" and "EntityLens" in self.headers.get("User-Agent", ""):
            return self.send(302, b"", headers=[("Location", unquote(query))])
        return self.send(200, NEWS)


class CountingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, family=socket.AF_INET):
        self.address_family = family
        self.connections = 0
        super().__init__(address, handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def verify_request(self, request, client_address):
        self.connections += 1
        return True

    @property
    def port(self):
        return self.server_address[1]


@pytest.fixture(scope="module")
def intranet():
    """The secret page on 127.0.0.1 and, where this machine has IPv6, on ::1."""
    v4 = CountingServer(("127.0.0.1", 0), IntranetHandler)
    try:
        v6 = CountingServer(("::1", 0), IntranetHandler, socket.AF_INET6)
    except OSError:  # no IPv6 here: [::1] must be refused all the same
        v6 = None
    yield type("Intranet", (), {"v4": v4, "v6": v6,
                                "v6_port": v6.port if v6 else free_port()})
    for server in (v4, v6):
        if server:
            server.shutdown()
            server.server_close()


@pytest.fixture
def no_connection_to(intranet):
    """Checks after the test that neither intranet server was connected to."""
    before = (intranet.v4.connections, intranet.v6.connections if intranet.v6 else 0)
    yield
    after = (intranet.v4.connections, intranet.v6.connections if intranet.v6 else 0)
    assert after == before, "the helper connected to a private address"


@pytest.fixture
def default_post(annotator, tmp_path):
    """POST /v1/annotate to an app with the default address policy (the model is shared)."""
    default = copy.copy(annotator)
    default.limits = dataclasses.replace(annotator.limits, allow_private_addresses=False)
    default.cache = type(annotator.cache)(annotator.cache.max_entries)
    client = paired_client(create_app({"TESTING": True, "PAIRING_FILE": tmp_path / "p.json"},
                                      annotator=default))
    return lambda body: client.post("/v1/annotate", json=body,
                                    headers={"Origin": EXT_ORIGIN})


def assert_refused(response):
    assert response.status_code == 403, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "private_address"
    assert "private address" in error["message"] and "your network" in error["message"]
    assert "as your browser displays it" in error["message"]
    assert SECRET_NAME not in response.get_data(as_text=True)
    return error["message"]


SPELLINGS = ["127.0.0.1", "localhost", "LocalHost", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
             "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.1", "0", "0.0.0.0",
             "[::127.0.0.1]", "[::1]", "[0:0:0:0:0:0:0:1]"]


@pytest.mark.parametrize("host", SPELLINGS)
def test_this_computer_is_refused_in_every_spelling(default_post, intranet, no_connection_to,
                                                    host):
    port = intranet.v6_port if "::1" in host or ":0:1]" in host else intranet.v4.port
    assert_refused(default_post({"url": f"http://{host}:{port}/payroll"}))
    assert_refused(default_post({"url": f"https://{host}:{port}/payroll"}))


@pytest.mark.parametrize("host", ["169.254.169.254", "[fe80::1]", "[fd00::1]", "[fc00::5]",
                                  "10.0.0.1", "172.16.5.4", "192.168.0.1", "100.64.0.1",
                                  "[64:ff9b::a9fe:a9fe]", "[2002:c0a8:1::1]", "224.0.0.251"])
def test_link_local_private_and_wrapped_addresses_are_refused(default_post, host):
    # Refused before connecting: none of these would answer here, yet the answer is not a
    # time-out or an unreachable host.
    assert_refused(default_post({"url": f"http://{host}/latest/meta-data/"}))


NON_PUBLIC_V4 = [ipaddress.IPv4Network(n) for n in (
    "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
    "100.64.0.0/10", "0.0.0.0/8")]


def spellings(ip):
    """What a URL host may say for the IPv4 address `ip` (the C library reads them all)."""
    value, parts = int(ip), ip.packed
    return [
        str(ip), str(value), hex(value),
        ".".join(f"0{b:o}" for b in parts), ".".join(hex(b) for b in parts),
        f"{parts[0]}.{value & 0xFFFFFF}", f"{parts[0]}.{parts[1]}.{value & 0xFFFF}",
        f"[::ffff:{ip}]", f"[::ffff:{value >> 16:x}:{value & 0xFFFF:x}]",
        f"[64:ff9b::{ip}]", f"[2002:{value >> 16:x}:{value & 0xFFFF:x}::1]",
    ]


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NON_PUBLIC_V4).flatmap(lambda net: st.integers(
    int(net.network_address), int(net.broadcast_address)).map(ipaddress.IPv4Address)))
def test_every_spelling_of_any_non_public_ipv4_address_is_refused(intranet, no_connection_to, ip):
    for host in spellings(ip):
        with pytest.raises(ApiError) as refused:
            fetch(f"http://{host}:{intranet.v4.port}/payroll", FetchLimits())
        assert refused.value.code == "private_address", (host, refused.value.message)


def test_the_refusal_is_the_same_whether_anything_listens(default_post, intranet,
                                                          no_connection_to):
    listening = default_post({"url": f"http://127.0.0.1:{intranet.v4.port}/payroll"})
    closed = default_post({"url": f"http://127.0.0.1:{free_port()}/payroll"})
    assert assert_refused(listening) == assert_refused(closed)


def test_the_allow_setting_is_what_lets_the_tests_fetch_from_127_0_0_1(post, default_post,
                                                                      intranet):
    # `post` is the suite's app, with ALLOW_PRIVATE_ADDRESSES on: the intranet answers it.
    url = f"http://127.0.0.1:{intranet.v4.port}/payroll"
    assert SECRET_NAME in post({"url": url}).get_json()["text"]
    assert_refused(default_post({"url": url}))


# --- Redirects from an outside site --------------------------------------------------------

@pytest.fixture
def outside(monkeypatch):
    """The attacker's site. No test can reach a public server, so one loopback address,
    127.0.0.2, stands in for the outside world: the policy is widened for that one address
    only, every other address keeps the real rule."""
    real_is_public = addresses.is_public
    monkeypatch.setattr(addresses, "is_public",
                        lambda address: str(address) == "127.0.0.2" or real_is_public(address))
    server = CountingServer(("127.0.0.2", 0), OutsideHandler)
    yield f"http://127.0.0.2:{server.port}"
    server.shutdown()
    server.server_close()


def test_the_stand_in_outside_site_is_fetched_and_its_own_redirects_followed(default_post,
                                                                            outside):
    body = default_post({"url": outside + "/to?/article"}).get_json()
    assert body["url"] == outside + "/article" and "Kaja Kallas" in body["text"]


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{v4}/payroll",
    "//127.0.0.1:{v4}/payroll",                 # scheme-relative
    "https://127.0.0.1:{v4}/payroll",
    "http://localhost:{v4}/payroll",            # a name that resolves to 127.0.0.1
    "//localhost:{v4}/payroll",
    "http://2130706433:{v4}/payroll",
    "//0x7f000001:{v4}/payroll",
    "http://0177.0.0.1:{v4}/payroll",
    "http://127.1:{v4}/payroll",
    "http://0:{v4}/payroll",
    "http://[::ffff:127.0.0.1]:{v4}/payroll",
    "http://[::1]:{v6}/payroll",
    "//[::1]:{v6}/payroll",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00::1]/payroll",
    "http://192.168.1.1/admin",
])
def test_a_redirect_into_private_space_is_refused(default_post, outside, intranet,
                                                  no_connection_to, target):
    target = target.format(v4=intranet.v4.port, v6=intranet.v6_port)
    message = assert_refused(default_post({"url": f"{outside}/to?{target}"}))
    assert "127.0.0.2 redirected to" in message


# --- Every way the helper is started ------------------------------------------------------

def test_serve_refuses_private_addresses_unless_allowed(intranet, tmp_path):
    port = free_port()
    token = PairingStore(tmp_path / "pairing.json").create_token("tests")
    process = subprocess.Popen([str(ENTITY_LENS), "serve", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, ENTITY_LENS_CONFIG_DIR=str(tmp_path)))
    try:
        wait_for_health(port)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/annotate",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            data=json.dumps({"url": f"http://127.0.0.1:{intranet.v4.port}/payroll"}).encode())
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403
        assert json.load(refused.value)["error"]["code"] == "private_address"
    finally:
        process.terminate()
        process.wait(10)
    assert "WARNING" not in process.stderr.read()


@pytest.mark.parametrize("command", ["serve", "annotate"])
def test_the_allow_option_is_documented_as_unsafe(command):
    help_text = subprocess.run([str(ENTITY_LENS), command, "--help"], capture_output=True,
                               text=True, timeout=60).stdout
    assert "--allow-private-addresses" in help_text and "UNSAFE" in help_text


def test_annotate_command_refuses_private_addresses_unless_allowed(intranet):
    url = f"http://127.0.0.1:{intranet.v4.port}/payroll"
    refused = subprocess.run([str(ENTITY_LENS), "annotate", url], capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 1
    assert "(private_address)" in refused.stderr and "--allow-private-addresses" in refused.stderr
    allowed = subprocess.run([str(ENTITY_LENS), "annotate", url, "--allow-private-addresses",
                              "--format", "json"], capture_output=True, text=True, timeout=120)
    assert allowed.returncode == 0, allowed.stderr
    assert SECRET_NAME in json.loads(allowed.stdout)["text"]
