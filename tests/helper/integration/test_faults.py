"""Faults: the model missing, and upstreams that hang (the port taken is in test_cli.py)."""

import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from helper_process import free_port
from support import ENTITY_LENS, call

GOOD = {"url": "https://good.example/", "html": "<html lang=en><body><article><p>Ada Lovelace "
        "lived in London and worked with Charles Babbage for many years.</p></article></body></html>"}


def test_serve_without_its_model_exits_naming_the_install_command():
    result = subprocess.run([str(ENTITY_LENS), "serve", "--port", str(free_port()), "--model",
                             "xx_missing"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "'xx_missing' is not installed" in result.stderr
    assert "pip install xx-missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_on_a_taken_port_prints_the_message_and_no_traceback():
    # test_cli.py checks the message; the forked NER workers used to add a traceback at exit.
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        result = subprocess.run([str(ENTITY_LENS), "serve", "--port",
                                 str(blocker.getsockname()[1]), "--workers", "1"],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Cannot listen" in result.stderr
    assert "Traceback" not in result.stderr


class HangingUpstream:
    """Accepts connections, then sends nothing, or headers a line at a time, for ever.

    `trickle` defeats per-read time-outs: each line arrives before the read time-out ends, so
    only the overall deadline can stop the fetch.
    """

    def __init__(self, trickle=False):
        self.trickle = trickle
        self.stop = threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/"
        threading.Thread(target=self.accept, daemon=True, name="hanging-upstream").start()

    def accept(self):
        while not self.stop.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.hang, args=(connection,), daemon=True,
                             name="hanging-upstream").start()

    def hang(self, connection):
        with connection:
            connection.recv(65536)
            if self.trickle:
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
            while not self.stop.wait(0.5):
                if self.trickle:
                    try:
                        connection.sendall(b"X-Still-Coming: yes\r\n")
                    except OSError:
                        return

    def close(self):
        self.stop.set()
        self.server.close()


@pytest.fixture(params=[False, True], ids=["silent", "trickling-headers"])
def hanging(request):
    upstream = HangingUpstream(trickle=request.param)
    yield upstream
    upstream.close()


def ours(threads):
    return {t for t in threads if t.name != "hanging-upstream"}


def test_a_hanging_upstream_is_cut_at_the_deadline_and_leaves_no_thread(post, annotator,
                                                                         hanging):
    before = ours(threading.enumerate())
    started = time.monotonic()
    response = post({"url": hanging.url})
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert response.get_json()["error"]["code"] == "fetch_timeout"
    # The conftest limits: read 1.5 s, overall 4 s. Trickling used to run as long as it liked.
    assert elapsed < annotator.limits.total_timeout + 1.5
    assert ours(threading.enumerate()) == before
    assert post(dict(GOOD, url="https://good.example/after-hang")).status_code == 200


def server_threads(helper):
    return len(list(Path(f"/proc/{helper.process.pid}/task").iterdir()))


def test_the_live_helper_keeps_answering_while_an_upstream_hangs(live_helper):
    upstream = HangingUpstream()
    try:
        threads_before = server_threads(live_helper)
        result = {}
        hung = threading.Thread(target=lambda: result.update(
            answer=call(live_helper, "/v1/annotate", {"url": upstream.url})))
        started = time.monotonic()
        hung.start()
        time.sleep(0.5)
        # Meanwhile other requests are served at once.
        assert call(live_helper, "/v1/health", timeout=5)[0] == 200
        status, body = call(live_helper, "/v1/annotate", GOOD, timeout=30)
        assert status == 200 and body["entities"]
        hung.join(30)
        # The server's default read time-out is 10 s.
        assert time.monotonic() - started < 12
        status, body = result["answer"]
        assert status == 504 and body["error"]["code"] == "fetch_timeout"
        assert server_threads(live_helper) <= threads_before  # (a start-up thread may end)
    finally:
        upstream.close()
