"""The entity-lens command as a user runs it."""

import json
import signal
import socket
import subprocess
import time

from helper_process import free_port, wait_for_health
from support import ENTITY_LENS, FIXTURES

import entity_lens


def run(*args, input=None):
    return subprocess.run([str(ENTITY_LENS), *args], capture_output=True, text=True,
                          input=input, timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"entity-lens {entity_lens.__version__}"


def test_annotate_html_as_json_gives_the_article_and_exact_offsets():
    result = run("annotate", "--html", str(FIXTURES / "news-article.html"), "--format", "json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["source"] == "provided" and body["url"].startswith("file:///")
    assert "Leave a Reply" not in body["text"] and "Olaf Scholz" not in body["text"]
    for e in body["entities"]:
        assert body["text"][e["start"]:e["end"]] == e["text"]
    labels = {(g["name"], g["label"]) for g in body["groups"]}
    assert {("Kaja Kallas", "PERSON"), ("Tallinn", "GPE")} <= labels


def test_annotate_stdin_with_url_prints_a_summary():
    html = (FIXTURES / "news-article.html").read_text()
    result = run("annotate", "--html", "-", "--url", "https://news.example/a", input=html)
    assert result.returncode == 0, result.stderr
    assert "PERSON" in result.stdout and "Kaja Kallas" in result.stdout
    assert "mentions of" in result.stdout


def test_annotate_csv_and_jsonl_carry_mentions_and_groups():
    page = str(FIXTURES / "news-article.html")
    csv_out = run("annotate", "--html", page, "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "start,end,text,label,group,name,aliases,count,salience"
    assert any(",Kallas,PERSON," in line and ",Kaja Kallas," in line for line in csv_out)
    lines = [json.loads(l) for l in run("annotate", "--html", page, "--format", "jsonl").stdout.splitlines()]
    assert lines and all({"start", "end", "text", "label", "group", "name"} <= set(l) for l in lines)


def test_annotate_failures_exit_nonzero_with_the_message():
    result = run("annotate", "--html", str(FIXTURES / "empty.html"))
    assert result.returncode == 1
    assert "No article text" in result.stderr and "(no_text)" in result.stderr
    result = run("annotate", "ftp://example.org/x")
    assert result.returncode == 1 and "bad_url" in result.stderr
    result = run("annotate", "--html", "/nonexistent/page.html")
    assert result.returncode == 1 and "Cannot read" in result.stderr


def test_missing_model_names_the_install_command():
    result = run("annotate", "--html", str(FIXTURES / "news-article.html"), "--model",
                 "xx_no_such_model")
    assert result.returncode == 1
    assert "not installed" in result.stderr and "pip install" in result.stderr


def test_serve_refuses_a_non_loopback_address():
    result = run("serve", "--host", "0.0.0.0", "--port", str(free_port()))
    assert result.returncode == 1 and "serves this machine only" in result.stderr


def test_serve_reports_a_taken_port():
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert result.returncode == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr


def test_serve_logs_requests_and_stops_cleanly_on_sigterm():
    port = free_port()
    process = subprocess.Popen([str(ENTITY_LENS), "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        started = time.monotonic()
        wait_for_health(port)
        ready_s = time.monotonic() - started
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    finally:
        if process.poll() is None:
            process.kill()
    err = process.stderr.read()
    assert "ready on http://127.0.0.1" in err
    assert "GET /v1/health 200" in err
    assert ready_s < 60
