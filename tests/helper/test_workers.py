"""Parallel NER gives exactly the single-process answer."""

from conftest import fixture_html
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
        parallel = pool.mentions(annotator.recognizers.default, long_text, ["harbour deal"])
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
