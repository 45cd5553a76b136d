"""Connecting to the vetted address leaves TLS whole: the certificate is checked against the
host name in the URL, and that name is sent as the server name (SNI)."""

import http.server
import ssl
import threading

import pytest
import trustme

from support import UpstreamHandler, fixture_html
from entity_lens.errors import ApiError
from entity_lens.fetch import FetchLimits, fetch

# localhost is a private address: allowed here, the point is what happens after vetting.
LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5,
                     allow_private_addresses=True)


class Page(UpstreamHandler):
    def do_GET(self):
        self.send(200, fixture_html("news-article.html").encode())


@pytest.fixture(scope="module")
def authority():
    return trustme.CA()


@pytest.fixture
def trusted(authority, tmp_path, monkeypatch):
    """The test authority trusted the way a system's store is (OpenSSL's SSL_CERT_FILE)."""
    path = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("SSL_CERT_FILE", str(path))


def tls_server(authority, *names):
    """An HTTPS server on 127.0.0.1 with a certificate for `names`; records the SNI it gets."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(*names).configure_cert(context)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    server.daemon_threads = True
    server.server_names = []
    context.sni_callback = lambda sock, name, ctx: server.server_names.append(name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def serve_tls(authority):
    servers = []

    def start(*names):
        servers.append(tls_server(authority, *names))
        return servers[-1]
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_certificate_for_the_name_is_accepted_and_the_name_sent_as_sni(trusted, serve_tls):
    server = serve_tls("localhost")
    page = fetch(f"https://localhost:{server.server_address[1]}/", LIMITS)
    assert "Kaja Kallas" in page.html
    assert server.server_names == ["localhost"]


def test_a_certificate_for_another_name_is_refused(trusted, serve_tls):
    server = serve_tls("elsewhere.example")
    with pytest.raises(ApiError) as refused:
        fetch(f"https://localhost:{server.server_address[1]}/", LIMITS)
    assert refused.value.code == "fetch_failed"
    assert "certificate" in refused.value.message.lower()
    assert server.server_names == ["localhost"]


def test_a_certificate_from_an_untrusted_authority_is_refused(serve_tls):
    server = serve_tls("localhost")
    with pytest.raises(ApiError) as refused:
        fetch(f"https://localhost:{server.server_address[1]}/", LIMITS)
    assert refused.value.code == "fetch_failed"
    assert "certificate" in refused.value.message.lower()
