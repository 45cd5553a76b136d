"""Pooled connections: never reused with unread bytes on them, never a reason to wait."""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from support import FIXTURES
from entity_lens.fetch import FetchLimits, fetch

PAGE = (FIXTURES / "news-article.html").read_bytes()


def response(status, body, content_type="text/html; charset=utf-8", headers=b""):
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n").encode() + headers + b"\r\n" + body


# What each path answers: bytes to send, and pauses (seconds) between them.
ANSWERS = {
    "/page": response("200 OK", PAGE),
    "/redirect-with-body": response("302 Found", b"nope", headers=b"Location: /page\r\n"),
    "/pdf-with-body": response("200 OK", b"%PDF-1.4 nope", content_type="application/pdf"),
    "/error-with-body": response("500 Internal Server Error", b"<h1>nope</h1>" * 100),
    # Extra bytes sent with the body are dropped with the read buffer; these come later,
    # once the response has been read and its connection is idle in the pool.
    "/extra-after-body": [response("200 OK", PAGE), 0.2, b"nope"],
}


class KeepAliveServer:
    """HTTP/1.1 with keep-alive, answering several requests per connection; records which
    connection each request came on."""

    def __init__(self):
        self.requests = []  # (connection number, path)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        number = 0
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            number += 1
            threading.Thread(target=self.serve, args=(connection, number), daemon=True).start()

    def serve(self, connection, number):
        with connection, connection.makefile("rb") as reader:
            try:
                self.answer_requests(connection, number, reader)
            except OSError:  # the helper closed a connection with bytes still unread: reset
                return

    def answer_requests(self, connection, number, reader):
        while True:
            line = reader.readline()
            if not line:
                return
            path = line.split()[1].decode()
            while reader.readline() not in (b"\r\n", b""):
                pass
            self.requests.append((number, path))
            answer = ANSWERS[path]
            for part in answer if isinstance(answer, list) else [answer]:
                if isinstance(part, float):
                    time.sleep(part)
                else:
                    connection.sendall(part)

    def connection_of(self, index):
        return self.requests[index][0]

    def close(self):
        self.server.close()


@pytest.fixture
def keep_alive():
    server = KeepAliveServer()
    yield server
    server.close()


LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5,
                     allow_private_addresses=True)


def test_a_fully_read_page_leaves_its_connection_for_the_next_fetch(keep_alive):
    # The control: keep-alive works, so the tests below can see a connection not reused.
    for _ in range(2):
        assert b"Kaja Kallas" in fetch(keep_alive.url + "/page", LIMITS).html.encode()
    assert keep_alive.connection_of(0) == keep_alive.connection_of(1)


def test_a_redirect_with_a_body_is_followed_on_a_clean_connection(keep_alive):
    # Its unread body ("nope") used to be read as the next response's status line.
    page = fetch(keep_alive.url + "/redirect-with-body", LIMITS)
    assert page.url == keep_alive.url + "/page" and "Kaja Kallas" in page.html
    assert keep_alive.requests[1][1] == "/page"
    assert keep_alive.connection_of(1) != keep_alive.connection_of(0)


@pytest.mark.parametrize("dirty, code", [("/pdf-with-body", "not_html"),
                                         ("/error-with-body", "fetch_failed")])
def test_a_refused_response_s_connection_is_not_reused(post, keep_alive, dirty, code):
    response = post({"url": keep_alive.url + dirty})
    assert response.get_json()["error"]["code"] == code
    body = post({"url": keep_alive.url + "/page"}).get_json()
    assert "Kaja Kallas" in body["text"]
    assert keep_alive.connection_of(1) != keep_alive.connection_of(0)


def test_bytes_after_a_short_body_do_not_reach_the_next_fetch(post, keep_alive):
    assert "Kaja Kallas" in post({"url": keep_alive.url + "/extra-after-body"}).get_json()["text"]
    time.sleep(0.5)  # the stray bytes are now waiting on the idle connection
    for _ in range(2):
        assert "Kaja Kallas" in post({"url": keep_alive.url + "/page"}).get_json()["text"]
    assert keep_alive.connection_of(1) != keep_alive.connection_of(0)


class Barrier:
    """A server that answers no request until `parties` requests are waiting at once: if one
    fetch held the pool, a lock or a thread the others need, the barrier breaks (500)."""

    def __init__(self, parties):
        self.barrier = threading.Barrier(parties, timeout=10)
        self.server = socket.create_server(("127.0.0.1", 0), backlog=parties)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/page"
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection):
        with connection:
            connection.recv(65536)
            try:
                self.barrier.wait()
                connection.sendall(ANSWERS["/page"])
            except threading.BrokenBarrierError:
                connection.sendall(response("500 Internal Server Error", b"alone"))


def test_six_slow_fetches_from_one_host_run_at_once():
    server = Barrier(6)
    try:
        limits = FetchLimits(connect_timeout=5, read_timeout=12, total_timeout=15,
                             allow_private_addresses=True)
        with ThreadPoolExecutor(6) as threads:
            pages = list(threads.map(lambda _: fetch(server.url, limits), range(6)))
        assert all("Kaja Kallas" in page.html for page in pages)
    finally:
        server.server.close()
