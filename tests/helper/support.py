"""What the helper's tests share: fixture pages, a paired test client, real HTTP servers (fixture
pages and misbehaving upstreams) and the real `entity-lens serve` on a free port.

Fixtures live in the conftest.py files; they and the tests import these helpers from here.
"""

import argparse
import contextlib
import gzip
import http.server
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from entity_lens import cli_service
from entity_lens.pairing import PairingStore
from helper_process import free_port, wait_for_health

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "helper"
ENTITY_LENS = Path(sys.executable).with_name("entity-lens")
# Entity Lens for Chrome: the id its manifest key pins.
EXT_ORIGIN = "chrome-extension://nagcagbnmfohcnbcgfdklnpbdimfmhhc"


def call(helper, path, body=None, timeout=120, origin=None):
    """(status, JSON answer) of a request to a helper started by `serving`, with its token (and
    an Origin header when `origin` is given, as the extension sends it)."""
    headers = {"Content-Type": "application/json", **helper.auth}
    if origin:
        headers["Origin"] = origin
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(helper.base + path, data, headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def fixture_html(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


def paired_client(app):
    """A test client of `app`, paired: every request carries a token, as the extension's do."""
    client = app.test_client()
    token = app.extensions["entity_lens_pairing"].create_token("tests")
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


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
        wait_for_health(port, process)
        yield type("Helper", (), {"base": base, "port": port, "process": process, "env": env,
                                  "token": token, "auth": {"Authorization": f"Bearer {token}"}})
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(config, ignore_errors=True)


def parse_service_args(*argv):
    """`entity-lens service ARGV` parsed as the CLI parses it."""
    parser = argparse.ArgumentParser(prog="entity-lens service")
    cli_service.add_arguments(parser)
    return parser.parse_args(argv)


def exec_start(unit_text):
    """A systemd unit's ExecStart command line, as an argument list."""
    line = next(l for l in unit_text.splitlines() if l.startswith("ExecStart="))
    return shlex.split(line[len("ExecStart="):])
