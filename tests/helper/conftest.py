"""Shared fixtures: one real model for the session, real HTTP servers on free ports."""

import contextlib
import gzip
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from entity_lens.app import create_app
from entity_lens.fetch import FetchLimits
from entity_lens.pairing import PairingStore
from entity_lens.pipeline import Annotator

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "helper"
ENTITY_LENS = Path(sys.executable).with_name("entity-lens")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fixture_html(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory):
    """The language identifier's unpacked model goes to a test folder, not the user's cache."""
    previous = os.environ.get("ENTITY_LENS_CACHE")
    os.environ["ENTITY_LENS_CACHE"] = str(tmp_path_factory.mktemp("entity-lens-cache"))
    yield
    if previous is None:
        del os.environ["ENTITY_LENS_CACHE"]
    else:
        os.environ["ENTITY_LENS_CACHE"] = previous


@pytest.fixture(scope="session")
def annotator():
    # Short limits so the slow-server tests finish quickly; the model is the real default one.
    # The upstream servers below listen on 127.0.0.1, a private address: allowed explicitly
    # here (test_private_addresses.py checks that the default refuses it).
    limits = FetchLimits(max_bytes=2 * 1024 * 1024, connect_timeout=2, read_timeout=1.5,
                         total_timeout=4, max_redirects=5, allow_private_addresses=True)
    return Annotator(limits=limits)


@pytest.fixture
def app(annotator, tmp_path):
    annotator.cache = type(annotator.cache)(annotator.cache.max_entries)
    return create_app({"TESTING": True, "PAIRING_FILE": tmp_path / "pairing.json"},
                      annotator=annotator)


def paired_client(app):
    """A test client of `app`, paired: every request carries a token, as the extension's do."""
    client = app.test_client()
    token = app.extensions["entity_lens_pairing"].create_token("tests")
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.fixture
def client(app):
    return paired_client(app)


# Entity Lens for Chrome: the id its manifest key pins.
EXT_ORIGIN = "chrome-extension://nagcagbnmfohcnbcgfdklnpbdimfmhhc"


@pytest.fixture
def post(client):
    """POST /v1/annotate as the extension does."""
    def post(body, **headers):
        headers.setdefault("Origin", EXT_ORIGIN)
        return client.post("/v1/annotate", json=body, headers=headers)
    return post


class UpstreamHandler(http.server.BaseHTTPRequestHandler):
    """Pages the helper fetches: fixtures plus misbehaving servers."""

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/pages/"):
            file = FIXTURES / path.removeprefix("/pages/")
            if file.is_file():
                return self.send(200, file.read_bytes())
            return self.send(404, b"<h1>Not found</h1>")
        if path == "/gzip":
            body = gzip.compress((FIXTURES / "news-article.html").read_bytes())
            return self.send(200, body, headers=[("Content-Encoding", "gzip")])
        if path == "/latin1":
            body = fixture_html("news-article.html").replace('<meta charset="utf-8">',
                                                             '<meta charset="iso-8859-1">')
            body = body.replace("Jüri", "Jüri").encode("latin-1", errors="replace")
            return self.send(200, body, content_type="text/html")
        if path == "/redirect":
            return self.send(302, b"", headers=[("Location", "/pages/news-article.html")])
        if path.startswith("/loop"):
            n = int(path.removeprefix("/loop") or 0)
            return self.send(302, b"", headers=[("Location", f"/loop{n + 1}")])
        if path == "/to-ftp":
            return self.send(302, b"", headers=[("Location", "ftp://127.0.0.1/file")])
        if path == "/error500":
            return self.send(500, b"<h1>Internal Server Error</h1>")
        if path == "/pdf":
            return self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf")
        if path == "/huge":
            return self.send(200, b"<html><body><p>" + b"word " * (3 * 1024 * 1024 // 5))
        if path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            time.sleep(6)
            return
        if path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(12):
                try:
                    self.wfile.write(b"<p>slow</p>")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.5)
            return
        return self.send(404, b"<h1>Not found</h1>")


@contextlib.contextmanager
def http_server(handler):
    """A real threaded HTTP server with `handler` on a free 127.0.0.1 port; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def upstream():
    with http_server(UpstreamHandler) as base:
        yield base


def wait_for_health(base, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/v1/health", timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"helper at {base} did not become healthy in {timeout}s")


@contextlib.contextmanager
def serving(*options, executable=ENTITY_LENS):
    """The real `entity-lens serve` (waitress, real model) on a free port, with `options`, its
    own configuration folder (pairing) in `helper.env` and a paired token in `helper.token`.
    `executable`: another installation's entity-lens (tests of `entity-lens model`)."""
    port = free_port()
    config = Path(tempfile.mkdtemp(prefix="entity-lens-test-config-"))
    env = dict(os.environ, PYTHONUNBUFFERED="1", ENTITY_LENS_CONFIG_DIR=str(config))
    token = PairingStore(config / "pairing.json").create_token("tests")
    process = subprocess.Popen([str(executable), "serve", "--port", str(port), *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base)
        yield type("Helper", (), {"base": base, "port": port, "process": process, "env": env,
                                  "token": token, "auth": {"Authorization": f"Bearer {token}"}})
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(config, ignore_errors=True)


@pytest.fixture(scope="session")
def live_helper():
    """The helper most tests share, allowed to fetch the upstream servers on 127.0.0.1."""
    with serving("--allow-private-addresses") as helper:
        yield helper
