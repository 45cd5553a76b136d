"""Photo captions are lines of the article's text, in place, like the body around them."""

import lxml.html

from entity_lens.captions import keep_captions
from entity_lens.extract import extract
from support import ROOT

CAPTIONS_PAGE = ROOT / "tests/fixtures/audit/captions/source.html"


def lines_of(html):
    return extract(html).text.split("\n")


def test_figcaptions_are_read_in_place_without_the_credits_they_mark():
    lines = lines_of(CAPTIONS_PAGE.read_text(encoding="utf-8"))
    caption = "Bridge manager Rosalind Penhale inspects the barriers at Saltash on Sunday."
    assert caption in lines
    assert not any("Kerrow" in line or "Network Rail" in line for line in lines)
    # Between the paragraphs it sits between on the page.
    assert lines.index(caption) == 2 and lines[3].startswith("Rosalind Penhale, who manages")
    # A caption written as paragraphs stays paragraphs.
    assert "Ferries at Torpoint were suspended until the afternoon." in lines


def test_a_block_classed_as_a_caption_next_to_a_picture_is_read():
    lines = lines_of(CAPTIONS_PAGE.read_text(encoding="utf-8"))
    assert "Gerwyn Tonkin, a Saltash resident, photographs fallen trees on Fore Street." in lines


def test_captions_outside_the_article_stay_out_and_figures_without_one_add_nothing():
    html = """<html><body><article><h1>Ferry fares rise</h1>
    <p>Fares on the Torpoint ferry rise by ten per cent in April, the operator said on Monday,
    blaming the cost of fuel and of the new chains fitted to its three vessels last winter.</p>
    <figure><img src="data:," alt=""></figure>
    <p>Passengers who cross every day will be offered a season ticket at the old price until the
    end of the year, and the operator promised to publish its accounts for the first time.</p>
    </article>
    <aside><figure><img src="data:," alt=""><figcaption>Most read: Saltash market reopens</figcaption></figure></aside>
    </body></html>"""
    lines = lines_of(html)
    assert not any("Most read" in line for line in lines)
    assert len(lines) == 3


def test_a_credit_the_page_marks_as_such_is_not_read_as_part_of_the_caption():
    tree = lxml.html.fromstring(
        "<html><body><article><p>Body text.</p><figure><img src='a.jpg'><figcaption>"
        "Ana Lopez at the harbour. <span class='credit'>Photograph: Jo Bloggs/Agency</span>"
        " Taken in May.</figcaption></figure></article></body></html>")
    keep_captions(tree)
    text = tree.text_content()
    assert "Ana Lopez at the harbour." in text
    assert "Jo Bloggs" not in text
    assert "Taken in May." in text
