"""Blocks around an article that the page's markup marks as not the article.

Recognised by structure, never by words, so they are found whatever language or class names a
site uses: schema.org `Comment` and `UserComments` items, ARIA `complementary` regions, articles
nested inside an article (the HTML rule for comments and related posts), and lists of links.
Run before trafilatura, whose own comment and related-content rules read class names.
"""

from lxml import etree

# The first predicate only skips, in C, the many elements that carry none of these attributes
# (it halves the cost of this scan, which runs on every page).
_MARKED_OUTSIDE = etree.XPath(
    "//*[@itemprop or @itemtype or @role]"
    "[@itemprop='comment' or contains(@itemtype, 'schema.org/Comment')"
    " or contains(@itemtype, 'UserComments') or @role='complementary']")
# Updates of a live blog are its content, though each is an <article> inside the blog's.
_NESTED_ARTICLES = etree.XPath("//article//article[not(@itemprop='liveBlogUpdate')]")

# A list is a list of other stories when it has this many items or more, each holding a link,
# and links make at least this share of its text (docs/extraction.md: 0.35 took real lists).
LINK_LIST_ITEMS = 3
LINK_LIST_SHARE = 0.5


def drop_reader_blocks(tree):
    for element in _MARKED_OUTSIDE(tree):
        remove_keeping_tail(element)
    for element in _NESTED_ARTICLES(tree):
        outer = next(element.iterancestors("article"), None)
        # A page-wide <article> wrapper holding the story as a nested <article> keeps it.
        if outer is not None and len(element.text_content()) < 0.5 * len(outer.text_content()):
            remove_keeping_tail(element)
    for element in list(tree.iter("ul", "ol")):
        if is_link_list(element):
            remove_keeping_tail(element)


def is_link_list(element):
    items = element.findall("li")
    return (len(items) >= LINK_LIST_ITEMS
            and all(item.find(".//a") is not None for item in items)
            and link_share(element) >= LINK_LIST_SHARE)


def link_share(element):
    """Share of an element's text that is link text (1.0 for an element without text)."""
    text = len("".join(element.itertext()).strip())
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return links / text if text else 1.0


def remove_keeping_tail(element):
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
