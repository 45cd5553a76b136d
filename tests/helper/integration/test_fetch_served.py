"""Fetching pages from a real local HTTP server that misbehaves in every way we know."""

import threading
import time

import pytest


@pytest.mark.parametrize("path, status, code, words", [
    ("/pages/missing.html", 502, "fetch_failed", "404"),
    ("/error500", 502, "fetch_failed", "500"),
    ("/loop0", 502, "fetch_failed", "redirects"),
    ("/to-ftp", 400, "bad_url", "ftp"),
    ("/pdf", 415, "not_html", "application/pdf"),
    ("/huge", 413, "too_large", "MB"),
    ("/slow", 504, "fetch_timeout", "127.0.0.1"),
    ("/trickle", 504, "fetch_timeout", "127.0.0.1"),
])
def test_upstream_failures_get_their_code(post, upstream, path, status, code, words):
    started = time.monotonic()
    response = post({"url": upstream + path})
    assert time.monotonic() - started < 8, "limits bound every fetch"
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["code"] == code
    assert words in error["message"]


def test_unreachable_host_is_fetch_failed(post):
    from helper_process import free_port
    response = post({"url": f"http://127.0.0.1:{free_port()}/"})
    assert response.status_code == 502
    error = response.get_json()["error"]
    assert error["code"] == "fetch_failed" and "refused" in error["message"]


def test_redirect_is_followed_and_final_url_reported(post, upstream):
    body = post({"url": upstream + "/redirect"}).get_json()
    assert body["url"] == upstream + "/pages/news-article.html"
    assert "Kaja Kallas" in body["text"]


def test_gzip_and_declared_charset_are_decoded(post, upstream):
    assert "Kaja Kallas" in post({"url": upstream + "/gzip"}).get_json()["text"]
    body = post({"url": upstream + "/latin1"}).get_json()
    assert "Jüri Ratas" in body["text"]


def test_helper_keeps_serving_after_failures(post, upstream):
    for path in ("/error500", "/pdf", "/loop0"):
        assert post({"url": upstream + path}).status_code >= 400
    assert post({"url": upstream + "/pages/news-article.html"}).status_code == 200


def test_a_hanging_upstream_leaves_no_thread_behind(post, upstream):
    before = threading.active_count()
    assert post({"url": upstream + "/slow"}).status_code == 504
    # The upstream's own handler thread sleeps on; ours must not.
    assert threading.active_count() <= before + 1
