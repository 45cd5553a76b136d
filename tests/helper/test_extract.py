"""Main-text extraction: one line per block, no markers, nothing around the article."""

import pytest
from lxml import etree

from entity_lens.errors import ApiError
from entity_lens.extract import block_lines, extract
from conftest import fixture_html


def test_news_article_keeps_the_story_and_drops_the_rest():
    result = extract(fixture_html("news-article.html"))
    assert result.title.startswith("Harbour deal reshapes")
    lines = result.text.split("\n")
    assert any(line.startswith("Estonian Prime Minister Kaja Kallas") for line in lines)
    assert all("  " not in line and line == line.strip() for line in lines)
    for outside in ("Related stories", "thoughts on", "Your email address", "© 2026", "Advertisement"):
        assert outside not in result.text


def test_block_lines_flattens_lists_tables_and_breaks():
    body = etree.fromstring(
        "<body><p>One <hi>two</hi>  three</p><list><item>first</item><item>second</item></list>"
        "<table><row><cell>a</cell><cell>b c</cell></row></table>"
        "<p>before<lb/>after</p></body>")
    assert block_lines(body) == ["One two three", "first", "second", "a", "b c", "before", "after"]


def test_non_html_input_is_no_text():
    with pytest.raises(ApiError) as error:
        extract("%PDF-1.4 binary junk \x00\x01")
    assert error.value.code == "no_text"


def test_inline_link_wrappers_keep_their_text():
    # trafilatura's precision mode drops span.link and bordered spans with their text.
    filler = "The council met again this week to discuss the budget for the coming year. " * 4
    html = (f"<html><body><article><p>{filler}</p><p>Reporters said that "
            f'<span class="link"><a class="story-link" href="/a">the mayor will resign</a></span> '
            f'after the vote, and <span style="border-bottom:1px dotted">Anna Berg</span> '
            f"agreed.</p><p>{filler}</p></article></body></html>")
    lines = extract(html).text.split("\n")
    assert ("Reporters said that the mayor will resign after the vote, and Anna Berg agreed."
            in lines)
