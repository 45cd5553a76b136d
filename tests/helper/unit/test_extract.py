"""Main-text extraction: one line per block, no markers, nothing around the article."""

import pytest
from lxml import etree
from trafilatura.utils import load_html

from entity_lens.errors import ApiError
from entity_lens.extract import block_lines, extract
from entity_lens.page_structure import is_short, visible_length
from support import fixture_html


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


# One fixture page of our own per failure shape seen on real pages (docs/extraction.md).

def test_article_split_across_containers_is_read_whole():
    text = extract(fixture_html("split-article.html")).text
    for part in ("When the last sleeper from Vienna", "In Brussels the European Commission",
                 "Passengers seem willing", "On a plane nobody does."):
        assert part in text
    for outside in ("Advertisement", "Why Milan is rebuilding", "© 2026"):
        assert outside not in text


def test_article_inside_a_paywall_wrapper_is_found():
    # The wrapper's class holds tokens trafilatura discards ("bar", "paid-content"); the page
    # declares it as the article body.
    text = extract(fixture_html("paywall-article.html")).text
    lines = text.split("\n")
    assert any(line.startswith("Copper rose to its highest price") for line in lines)
    assert any(line.startswith("Shares of Freeport-McMoRan") for line in lines)
    assert "morning briefing" not in text


def test_comments_styled_like_paragraphs_are_left_out():
    # No "comment" in any class: only the schema.org markup says these are comments.
    text = extract(fixture_html("comments-as-paragraphs.html")).text
    assert "The town council of Kendal voted on Tuesday" in text
    assert "Work is due to start in September" in text
    for comment in ("Gwen Roberts", "Theresa Blake", "Carlisle", "bicycles and prams"):
        assert comment not in text


def test_story_only_in_json_ld_is_taken_from_there():
    lines = extract(fixture_html("jsonld-only.html")).text.split("\n")
    assert lines[0].startswith("Swiss glaciers lost four percent")
    assert lines[-1].startswith("Huss said the network would extend")
    assert len(lines) == 4


def test_json_ld_body_is_not_used_when_the_page_shows_the_article():
    html = fixture_html("news-article.html").replace(
        "</head>", '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": '
        '"A summary the site wrote for search engines, long enough to be taken for an article '
        + "if nothing checked it against the page. " * 12 + '"}</script></head>')
    text = extract(html).text
    assert "search engines" not in text
    assert "Estonian Prime Minister Kaja Kallas" in text


def test_lists_of_links_after_the_article_are_dropped():
    story = "".join(f"<p>Paragraph {i} of the council story, with enough words to count as "
                    f"text that a reader reads from start to end.</p>" for i in range(8))
    links = "".join(f'<li><a href="/s/{i}">Another story number {i}</a></li>' for i in range(4))
    html = f"<html><body><article>{story}<ul>{links}</ul></article></body></html>"
    text = extract(html).text
    assert "Paragraph 7 of the council story" in text
    assert "Another story" not in text


def test_comment_section_inside_a_declared_body_stays_out():
    story = "".join(f"<p>Paragraph {i} of the council story, with enough words to count as "
                    f"text that a reader reads.</p>" for i in range(8))
    html = (f'<html><body><article><div class="story-wrap" itemprop="articleBody">{story}'
            f'<div id="comments" class="comments-area"><div class="entry"><p>Gwen Roberts '
            f"wrote that the council never listens to the east bank.</p></div></div>"
            f"</div></article></body></html>")
    text = extract(html).text
    assert "Paragraph 7 of the council story" in text
    assert "Gwen Roberts" not in text


def test_json_ld_body_written_in_html_becomes_plain_lines():
    sentence = "The survey measured the melt at forty glaciers across the Alps this year. "
    body = (f"<p>{sentence * 3}</p><p>Matthias Huss &amp; his team <a href='/x'>published</a> "
            f"it on Tuesday.</p><p>{sentence * 3}</p>")
    page = fixture_html("jsonld-only.html")
    start = page.index('"articleBody": "') + len('"articleBody": "')
    end = page.index('"}', start)
    html = page[:start] + body.replace('"', '\\"') + page[end:]
    lines = extract(html).text.split("\n")
    assert lines[1] == "Matthias Huss & his team published it on Tuesday."
    assert len(lines) == 3


def test_shown_paragraph_text_leaves_out_navigation_asides_and_hidden_parts():
    shown = "Twelve words of article text that a reader sees in the page body."
    html = (f"<html><body><header><p>Masthead words</p></header><nav><p>Menu words</p></nav>"
            f"<article><p>{shown}</p><p>  {shown}  </p></article><aside><p>Side words</p></aside>"
            f"<div hidden><p>Hidden words</p></div><div aria-hidden='true'><p>More</p></div>"
            f"<footer><p>Footer words</p></footer></body></html>")
    assert visible_length(load_html(html)) == 2 * len(shown)
    assert is_short(shown, 2 * len(shown)) and not is_short(shown * 9, 2 * len(shown))


def test_live_blog_updates_are_kept_though_nested_in_the_blog():
    intro = "<p>Follow the council's budget vote in Kendal as it happens this evening.</p>"
    updates = "".join(
        f'<article itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">'
        f"<p>Update {i}: councillors debated item {i} of the budget for some minutes, and "
        f"Margaret Hale answered questions from the public gallery.</p></article>"
        for i in range(6))
    html = f"<html><body><article>{intro}{updates}</article></body></html>"
    text = extract(html).text
    assert "Update 0: councillors" in text and "Update 5: councillors" in text
