"""A real helper process, seen from outside: a free port to start it on, waiting until it
answers, POSTing to /v1/annotate, and the memory it and its worker processes hold.

Shared by scripts/bench, scripts/load, scripts/bench-growth, scripts/entity-quality and the
helper's tests (pytest puts scripts/ on the path). Standard library only: the scripts import it
before they know which interpreter runs them.
"""

import http.client
import json
import socket
import time
from pathlib import Path


class HelperNotReady(RuntimeError):
    """The helper exited, or did not answer /v1/health in time."""


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(port, timeout=2.0):
    """(status, JSON answer) of GET /v1/health on 127.0.0.1:`port`; OSError when nothing answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/v1/health")
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def wait_for_health(port, process=None, timeout=120.0, poll_s=0.1):
    """The helper's /v1/health answer once it gives one; `HelperNotReady` if `process` (a
    Popen) exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise HelperNotReady(f"the helper exited with {process.returncode} before it was ready")
        try:
            status, answer = health(port)
            if status == 200:
                return answer
        except (OSError, ValueError, http.client.HTTPException):
            pass
        time.sleep(poll_s)
    raise HelperNotReady(f"the helper on port {port} did not answer within {timeout:g} s")


def post_annotate(port, body, headers=None, timeout=120.0):
    """(status, JSON answer) of POST /v1/annotate; (0, None) when the exchange itself failed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", "/v1/annotate", json.dumps(body),
                           {"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    except (OSError, ValueError, http.client.HTTPException):
        return 0, None
    finally:
        connection.close()


def process_tree(pid):
    """`pid` and every process below it (the helper and its worker processes), from /proc."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo.extend(int(c) for c in task.read_text().split())
    return pids


def _kilobytes(path, field):
    for line in Path(path).read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def rss_mb(pid):
    """Resident memory of the process tree now (shared pages count in each process)."""
    total = sum(_kilobytes(f"/proc/{p}/status", "VmRSS") for p in process_tree(pid))
    return round(total / 1024, 1)


def peak_and_pss_mb(pid):
    """Peak RSS summed over the process tree, and its current PSS (shared pages counted once,
    the fairer figure for forked workers)."""
    pids = process_tree(pid)
    peak = sum(_kilobytes(f"/proc/{p}/status", "VmHWM") for p in pids)
    pss = sum(_kilobytes(f"/proc/{p}/smaps_rollup", "Pss") for p in pids)
    return round(peak / 1024, 1), round(pss / 1024, 1)
