"""Extraction on every article page of our own (tests/fixtures/entities): pages written as news
sites serve them, with menus, related stories, comments and footers, most of them after the
extraction method was chosen. The article's paragraphs reach the text; no comment, related
box, menu or footer does."""

import re
from pathlib import Path

import pytest
from lxml import html

from entity_lens.extract import extract

PAGES = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "entities").glob("*/*/source.html"))
# Blocks outside the article, by the markup these pages use (as real sites do).
OUTSIDE = ("//nav | //footer | //aside[not(contains(@class, 'pullquote'))] | "
           # Comments as French sites name them too ("réactions").
           "//*[contains(@class, 'comment') or contains(@class, 'reaction') "
           "or contains(@class, 'related') "
           "or contains(@class, 'menu') or contains(@class, 'footer')]")


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def test_there_are_pages_in_both_languages():
    assert len(PAGES) >= 20
    assert {page.parent.parent.name for page in PAGES} == {"en", "fr"}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.parent.name)
def test_the_article_and_nothing_around_it(page):
    source = page.read_text(encoding="utf-8")
    tree = html.fromstring(source)
    outside_blocks = tree.xpath(OUTSIDE)
    outside = set().union(*(shingles(block.text_content()) for block in outside_blocks))
    article = set()
    for paragraph in tree.xpath("//p"):
        if not any(a in outside_blocks for a in paragraph.iterancestors()):
            article |= shingles(paragraph.text_content())
    article -= outside
    found = shingles(extract(source).text)

    assert outside_blocks and len(article) > 150  # the page has both, or the test says nothing
    assert len(article & found) / len(article) >= 0.9
    for block in outside_blocks:
        block_shingles = shingles(block.text_content()) - article
        # A copyright line shares the outlet's name with the byline: too short to judge.
        if len(block_shingles) >= 10:
            leaked = len(block_shingles & found) / len(block_shingles)
            assert leaked < 0.2, f"{block.tag}.{block.get('class')} is in the text"
