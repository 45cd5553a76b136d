"""The login service's unit, run for real: its ExecStart line serves /v1/health, refuses a
second helper on the same port, logs one line per request and stops cleanly on SIGTERM."""

import json
import re
import signal
import subprocess
import time
import urllib.request

from entity_lens import __version__, cli_service, service
from entity_lens.pairing import default_store
from helper_process import free_port
from support import exec_start, parse_service_args as parse


def wait_until_healthy(proc, port, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"helper exited early: {proc.communicate()[1]}"
        health = service.fetch_health(port, timeout=1, token=default_store().local_token())
        if health:
            return health
        time.sleep(0.3)
    raise AssertionError(f"helper did not answer /v1/health on port {port} in {timeout}s")


def test_exec_start_serves_health_and_stops_cleanly_on_sigterm(home, capsys):
    port = free_port()
    unit = service.systemd_unit(service.find_executable("linux"), port, None)
    proc = subprocess.Popen(exec_start(unit), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        health = wait_until_healthy(proc, port)
        assert health["status"] == "ok"
        assert health["version"] == __version__

        assert cli_service.run(parse("status", "--port", str(port)), platform="linux") == 0
        out = capsys.readouterr().out
        assert f"running on 127.0.0.1:{port}, version {__version__}, model " in out
        assert health["model"]["name"] in out

        # A second helper on the same port: a clear message and a non-zero exit.
        second = subprocess.run(exec_start(unit), capture_output=True, text=True, timeout=120)
        assert second.returncode != 0
        assert str(port) in second.stderr

        # One log line per request, with status and timing, never the page's content.
        secret = "Quillonbright"
        page = f"<html><body><article><p>{secret} met Angela Merkel in Paris.</p></article>"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/annotate", method="POST",
            data=json.dumps({"url": "https://example.org/a", "html": page}).encode(),
            headers={"Content-Type": "application/json",
                     "Authorization": f"Bearer {default_store().create_token('test')}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        log = proc.stderr.read()
        assert re.search(r"GET /v1/health 200 [\d.]+ ?ms", log), log
        assert re.search(r"POST /v1/annotate 200 [\d.]+ ?ms", log), log
        assert secret not in log and "Merkel" not in log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
