"""Parallel NER gives exactly the single-process answer."""

from support import fixture_html
from entity_lens.entities import split_paragraphs
from entity_lens.pipeline import Annotator
from entity_lens.workers import NerPool, balanced_chunks


def test_balanced_chunks_keep_order_and_split_evenly():
    paragraphs = [(i * 100, "x" * 99) for i in range(10)]
    chunks = balanced_chunks(paragraphs, 2)
    assert [p for chunk in chunks for p in chunk] == paragraphs
    assert [len(c) for c in chunks] == [5, 5]
    assert balanced_chunks(paragraphs[:1], 3) == [paragraphs[:1]]


def test_pool_matches_single_process(annotator):
    long_text = "\n".join(["Kaja Kallas met Alexander Stubb in Tallinn on Thursday to sign "
                           "the harbour deal with the European Commission watching."] * 40)
    single = annotator.recognizers.default.mentions(long_text, ["harbour deal"])
    pool = NerPool(annotator.recognizers, 1)
    try:
        parallel = pool.mentions("en", long_text, ["harbour deal"])
    finally:
        pool.close()
    assert parallel == single
    assert len(split_paragraphs(long_text)) == 40 and len(single) >= 160


def test_annotator_with_workers_answers_like_without(annotator):
    html = fixture_html("news-article.html").replace(
        "</article>", "<p>" + "Ratas and Kallas spoke in Tallinn again. " * 60 + "</p></article>")
    with_workers = Annotator(cache_entries=0, workers=1)
    try:
        a = with_workers.annotate("https://x.example/", html)
    finally:
        with_workers.close()
    b = annotator.annotate("https://x.example/other", html)
    assert a["entities"] == b["entities"] and a["groups"] == b["groups"]


def test_workers_leave_when_the_server_is_killed():
    import os
    import signal
    import subprocess
    import time
    from pathlib import Path

    from helper_process import free_port, wait_for_health
    from support import ENTITY_LENS

    port = free_port()
    server = subprocess.Popen([str(ENTITY_LENS), "serve", "--port", str(port), "--workers", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_health(port)
        def children_of(pid):
            return [int(c) for t in Path(f"/proc/{pid}/task").glob("*/children")
                    for c in t.read_text().split()]

        # The zygote, and the workers it forked.
        children = children_of(server.pid)
        children += [worker for zygote in children for worker in children_of(zygote)]
        assert len(children) >= 2, "the server should have forked a zygote and a worker"
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(10)
    def running(pid):
        try:
            return "zombie" not in Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(running(c) for c in children):
        time.sleep(0.2)
    alive = [c for c in children if running(c)]
    for c in alive:
        os.kill(c, signal.SIGKILL)
    assert alive == [], "a worker outlived the killed server"


def test_concurrent_requests_get_the_single_process_answer(annotator):
    from concurrent.futures import ThreadPoolExecutor

    texts = ["\n".join([f"Kaja Kallas met Alexander Stubb in Tallinn on day {i} to sign the "
                        f"harbour deal with the European Commission."] * (10 + i))
             for i in range(6)]
    expected = [annotator.recognizers.default.mentions(t) for t in texts]
    pool = NerPool(annotator.recognizers, 1)
    try:
        with ThreadPoolExecutor(4) as clients:
            got = list(clients.map(lambda t: pool.mentions("en", t), texts))
    finally:
        pool.close()
    assert got == expected
