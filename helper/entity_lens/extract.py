"""Main-text extraction with trafilatura, as paragraphs a browser can find again.

Before trafilatura runs, the page's own markup repairs the tree: blocks marked as outside the
article go (reader_blocks.py), the declared article body is kept whatever its class, and an
article split into chunks is joined (page_structure.py). docs/extraction.md has the figures.

trafilatura's own text output adds markers the page never shows ("- " before list items, "|"
around table cells) and can run blocks together. We walk its XML body instead and emit one line
per block (paragraph, heading, list item, table cell, quote), whitespace collapsed, so each line
is a run of text the extension can search for in the live page.
"""

import re
from dataclasses import dataclass

import trafilatura
from trafilatura.metadata import examine_meta, extract_title
from trafilatura.utils import load_html
from lxml import etree

from .captions import keep_captions
from .errors import ApiError
from .page_structure import (declared_lines_if_missed, is_short, join_split_body,
                             protect_declared_body, visible_length)
from .reader_blocks import drop_reader_blocks

# Settings chosen by measurement on the scrapinghub article benchmark (docs/extraction.md).
EXTRACT_OPTIONS = dict(
    favor_precision=True,
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    include_formatting=False,
    deduplicate=False,
)

# trafilatura's XML elements that start a new block of text.
_BLOCKS = {"p", "head", "item", "cell", "quote", "code", "list", "row", "table", "div",
           "body", "doc", "main", "hi-block"}
_BREAKS = {"lb"}
_SPACE = re.compile(r"\s+")


@dataclass
class Extracted:
    text: str  # paragraphs joined by "\n"
    title: str


def extract(html, url=None):
    """Return the article's main text and title, or raise `no_text`.

    trafilatura runs first without its fallback chain (readability, jusText), which costs about
    as much again as the pass itself and changes nothing on most pages. The chain runs only when
    that first text is short against the paragraphs the page shows (`visible_length`). When the
    text is still short and the page declares a longer `articleBody` in JSON-LD that the text
    does not cover (a page whose story is rendered by script), the declared body is the text."""
    try:
        tree = load_html(html)
        if tree is None:
            raise ApiError("no_text", "The page could not be parsed as HTML.")
        title = page_title(tree)
        keep_inline_text(tree)
        drop_reader_blocks(tree)
        keep_captions(tree)
        protect_declared_body(tree)
        join_split_body(tree)
        paragraphs = _trafilatura_lines(tree, url, fast=True)
        visible = visible_length(tree)
        if is_short("\n".join(paragraphs), visible):
            paragraphs = _trafilatura_lines(tree, url, fast=False) or paragraphs
        if is_short("\n".join(paragraphs), visible):
            paragraphs = declared_lines_if_missed(tree, paragraphs)
    except (ValueError, etree.LxmlError) as exc:
        raise ApiError("no_text", f"The page could not be parsed as HTML ({exc}).") from None
    if not paragraphs:
        raise ApiError("no_text", "No article text was found on this page.")
    return Extracted(text="\n".join(paragraphs), title=title)


def _trafilatura_lines(tree, url, fast):
    document = trafilatura.bare_extraction(tree, url=url, fast=fast, **EXTRACT_OPTIONS)
    if document is None or document.body is None:
        return []
    return block_lines(document.body)


# Inline wrappers inside a paragraph whose class or style trafilatura's precision mode reads
# as boilerplate (class="link", a border style) and drops with their text, leaving a sentence
# with a hole: "has reported that [the NFL will fine Rudolph] for his role".
_INLINE_IN_PARAGRAPH = etree.XPath("//p//span[@class or @style] | //p//a[@class or @style]")


def page_title(tree):
    """The article's title as trafilatura finds it (meta tags, then <h1>/<title>), without its
    full metadata pass, whose date search costs a fifth of the extraction time."""
    try:
        return examine_meta(tree).title or extract_title(tree) or ""
    except Exception:  # internal helpers of trafilatura: never let them fail a page
        element = tree.find(".//title")
        return (element.text_content().strip() if element is not None else "")


def keep_inline_text(tree):
    for element in _INLINE_IN_PARAGRAPH(tree):
        element.attrib.pop("class", None)
        element.attrib.pop("style", None)


def block_lines(body):
    """Flatten trafilatura's XML body into one whitespace-normalised line per block."""
    lines, current = [], []

    def flush():
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(element):
        is_block = element.tag in _BLOCKS
        if is_block or element.tag in _BREAKS:
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if is_block:
            flush()

    walk(body)
    flush()
    return lines
