"""What a page's own markup says about its article, used as evidence around trafilatura.

trafilatura finds the article by class and id vocabulary. Pages also say it outright: the
schema.org `articleBody` property (microdata or JSON-LD) and the HTML `<article>` element. These
functions read those declarations and repair the tree before trafilatura sees it, in ways that
depend on structure only, never on a site's names:

- a declared article body is never thrown away for its class name ("barrons-article-wrap"
  contains trafilatura's boilerplate token "bar");
- an article body cut into several containers of the same kind inside one article (a layout
  with advertising rails between chunks) is joined back into one container, because trafilatura
  keeps only the first container it matches.

They also measure the paragraph text the page shows (to tell a short extraction) and read the
JSON-LD `articleBody`, the text of a page whose story only a script puts on screen.
"""

import html
import json
from collections import defaultdict

import lxml.html
from lxml import etree
from trafilatura.xpaths import BODY_XPATH, REMOVE_COMMENTS_XPATH

from .overlap import coverage
from .reader_blocks import link_share

# Paragraphs a reader sees as text: not in navigation, header, footer, asides, forms or hidden
# parts (the extension measures the live page the same way: extension/content/main-text.js).
_SHOWN_PARAGRAPHS = etree.XPath(
    "//body//p[not(ancestor-or-self::*[self::nav or self::header or self::footer or self::aside"
    " or self::form or @hidden or @aria-hidden='true'])]")
# An extraction is short when it has fewer characters than this, or than this share of the
# page's shown paragraphs (docs/extraction.md has the figures behind both).
SHORT_TEXT = 500
SHORT_SHARE = 0.5

_DECLARED_BODY = etree.XPath("//*[@itemprop='articleBody']")
_JSON_LD = etree.XPath("//script[@type='application/ld+json']")
_TEXT_BLOCKS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")

# trafilatura's first, most specific article-container expression (classes and ids such as
# "article-body", "post-content", itemprop=articleBody).
_BODY_CONTAINERS = BODY_XPATH[0]
# trafilatura's comment sections (ids and classes such as "comments", "disqus_thread").
_COMMENT_BLOCKS = REMOVE_COMMENTS_XPATH[0]
_OUTER_ARTICLES = etree.XPath("//article[not(ancestor::article)]")


def visible_length(tree):
    """Characters of paragraph text the page shows outside its navigation and side blocks."""
    return sum(len(" ".join(p.text_content().split())) for p in _SHOWN_PARAGRAPHS(tree))


def is_short(text, visible):
    return len(text) < SHORT_TEXT or len(text) < SHORT_SHARE * visible


def protect_declared_body(tree):
    """Drop class and id from elements declared as the article body: trafilatura still finds
    them by `itemprop`, and no longer discards them for a token inside their class name. The
    same for their blocks of paragraphs under half link text (a video's description), except
    comment sections, which trafilatura's comment rules must still see."""
    for element in _DECLARED_BODY(tree):
        comments = set(_COMMENT_BLOCKS(element))
        _unname(element)
        for block in element.iter("div", "section"):
            in_comments = block in comments or any(a in comments for a in block.iterancestors())
            if block.find(".//p") is not None and link_share(block) < 0.5 and not in_comments:
                _unname(block)


def _unname(element):
    element.attrib.pop("class", None)
    element.attrib.pop("id", None)


def join_split_body(tree):
    """Join article-body containers of the same kind that split one article into chunks.

    Containers are grouped by tag, class and itemprop. A group is one split article when its
    outermost members share their nearest `<article>` ancestor and each holds text of its own
    (two copies of one body, as some pages carry, are left alone; posts of a listing, each in
    its own `<article>` or in none, are not one article)."""
    # Chunks to join lie inside one <article>: looking inside the outermost articles first spares
    # most pages trafilatura's long container expression over the whole tree.
    if not any(_split_inside(article) for article in _OUTER_ARTICLES(tree)):
        return
    for members in _by_kind(_BODY_CONTAINERS(tree)).values():
        chunks = _outermost(members)
        if len(chunks) > 1 and _one_article(chunks) and _distinct_texts(chunks):
            first = chunks[0]
            for chunk in chunks[1:]:
                _append_text(first, chunk.text)
                first.extend(list(chunk))
                chunk.getparent().remove(chunk)


def declared_lines_if_missed(tree, lines):
    """The JSON-LD `articleBody`, one line per paragraph, when it is long enough to be an
    article and `lines` cover under half of it; else `lines`."""
    declared = declared_article_text(tree)
    if len(declared) < SHORT_TEXT or coverage(declared, "\n".join(lines)) >= 0.5:
        return lines
    declared_lines = [" ".join(line.split()) for line in _plain_text(declared).splitlines()]
    return [line for line in declared_lines if line] or lines


def _plain_text(declared):
    """The property as plain text: some sites put HTML (tags, entities) in it."""
    if "<" not in declared:
        return html.unescape(declared)
    fragment = lxml.html.fromstring(f"<div>{declared}</div>")
    for block in fragment.iter(*_TEXT_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    return fragment.text_content()


def declared_article_text(tree):
    """The longest `articleBody` the page declares in JSON-LD, or ""."""
    best = ""
    for script in _JSON_LD(tree):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for body in _article_bodies(data):
            if len(body) > len(best):
                best = body
    return best


def _article_bodies(data):
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == "articleBody" and isinstance(value, str):
                    yield value
                elif isinstance(value, (dict, list)):
                    stack.append(value)


def _append_text(element, text):
    if not text or not text.strip():
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _by_kind(containers):
    groups = defaultdict(list)
    for element in containers:
        groups[(element.tag, element.get("class"), element.get("itemprop"))].append(element)
    return groups


def _split_inside(article):
    return any(len(_outermost(members)) > 1
               for members in _by_kind(_BODY_CONTAINERS(article)).values())


def _outermost(elements):
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _one_article(chunks):
    articles = {next(chunk.iterancestors("article"), None) for chunk in chunks}
    return len(articles) == 1 and None not in articles


def _distinct_texts(chunks):
    texts = [" ".join(chunk.text_content().split()) for chunk in chunks]
    return all(texts) and len(set(texts)) == len(texts)
