"""reader_blocks.py: blocks the markup marks as not the article are dropped, by structure."""

import lxml.html

from entity_lens.reader_blocks import drop_reader_blocks, is_link_list, link_share


def cleaned(html):
    tree = lxml.html.fromstring(html)
    drop_reader_blocks(tree)
    return " ".join(tree.text_content().split())


def test_comments_and_complementary_regions_go_and_their_tail_stays():
    html = ("<div><p>Story.</p><div itemprop='comment'>Nice post!</div>After comment."
            "<aside role='complementary'>Related</aside>"
            "<div itemtype='https://schema.org/UserComments'>Me too</div></div>")
    assert cleaned(html) == "Story.After comment."


def test_a_small_article_nested_in_the_article_goes_but_a_wrapped_story_and_live_updates_stay():
    story = "The council voted on Monday to extend the tram line to the airport. " * 5
    assert cleaned(f"<article><p>{story}</p><article>Read also: a short teaser</article>"
                   "</article>") == story.strip()
    assert cleaned(f"<article>Home<article><p>{story}</p></article></article>") == (
        "Home" + story.strip())
    assert cleaned(f"<article><p>{story}</p><article itemprop='liveBlogUpdate'>10:02 Update"
                   "</article></article>") == story + "10:02 Update"


def test_lists_of_links_go_and_lists_of_text_stay():
    links = lxml.html.fromstring("<ul><li><a href=/a>One story</a></li><li><a href=/b>Two</a>"
                                 "</li><li><a href=/c>Three</a></li></ul>")
    prose = lxml.html.fromstring("<ul><li>Flour, <a href=/f>see</a> here for brands</li>"
                                 "<li>Water at room temperature</li><li>Salt</li></ul>")
    assert is_link_list(links) and not is_link_list(prose)
    assert link_share(links) == 1.0 and link_share(lxml.html.fromstring("<p></p>")) == 1.0
    short = lxml.html.fromstring("<ul><li><a href=/a>A</a></li><li><a href=/b>B</a></li></ul>")
    assert not is_link_list(short)  # two items: not yet a list of other stories
