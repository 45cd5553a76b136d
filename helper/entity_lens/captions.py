"""Photo captions, read as part of the article.

trafilatura drops every <figure>, and every block whose class names a caption, unless images are
extracted; so a caption's names were never found while the same names in the body were. A
caption is what the page shows under its picture: before trafilatura runs, each figure that has a
<figcaption> is replaced by its caption as a plain block, in the same place, and a block classed
as a caption next to a picture ("caption", "wp-caption-text", "image-caption") loses that class.
The caption becomes a line of the article's text, and the extension marks it like the body.
Figures that hold a table are left to trafilatura's table handling; figures without a caption go
as before.
"""

from lxml import etree

from .reader_blocks import remove_keeping_tail

_FIGURES_WITH_CAPTION = etree.XPath("//figure[figcaption][not(.//table)]")
_CLASSED_CAPTIONS = etree.XPath(
    r"//*[self::p or self::div or self::span]"
    # A plain XPath test first: the regular expression calls back into Python for each element.
    r"[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]"
    r"[re:test(@class, '(^|[\s_-])caption([\s_-]|$)', 'i')]"
    r"[../descendant::img or ../descendant::picture]",
    namespaces={"re": "http://exslt.org/regular-expressions"})
_BLOCK_CHILDREN = {"p", "div", "ul", "ol", "blockquote", "h2", "h3", "h4", "h5", "h6"}
# Parts of a caption the page marks as the picture's credit, not its description: the
# photographer's or agency's name is not one of the article's entities.
_CREDITS = etree.XPath(
    r".//*[re:test(@class, '(^|[\s_-])(credit|credits|copyright|byline|attribution|photographer)"
    r"([\s_-]|$)', 'i') or @itemprop='copyrightHolder' or @itemprop='creditText']",
    namespaces={"re": "http://exslt.org/regular-expressions"})


def keep_captions(tree):
    for figure in _FIGURES_WITH_CAPTION(tree):
        caption = figure.find("figcaption")
        drop_credits(caption)
        block = etree.Element("div" if any(child.tag in _BLOCK_CHILDREN for child in caption) else "p")
        block.text = caption.text
        block.extend(caption)  # moves the caption's children, text and markup as written
        for element in block.iter():
            element.attrib.pop("class", None)  # "caption", "credit": classes trafilatura discards
        block.tail = figure.tail
        figure.getparent().replace(figure, block)
    for caption in _CLASSED_CAPTIONS(tree):
        drop_credits(caption)
        caption.attrib.pop("class", None)


def drop_credits(caption):
    for credit in _CREDITS(caption):
        remove_keeping_tail(credit)
