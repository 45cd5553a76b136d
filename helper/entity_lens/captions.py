"""Photo captions, read as part of the article.

trafilatura drops every <figure> (and every block whose class names a caption) unless images are
extracted, so a caption's names were never found while the same names in the body were. A
<figcaption> is what the page shows under its picture: before trafilatura runs, each figure that
has one is replaced by its caption as a plain block, in the same place, so the caption becomes a
line of the article's text (and the extension marks it like the body). Figures that hold a table
are left to trafilatura's table handling; figures without a caption go as before.
"""

from lxml import etree

_FIGURES_WITH_CAPTION = etree.XPath("//figure[figcaption][not(.//table)]")
_BLOCK_CHILDREN = {"p", "div", "ul", "ol", "blockquote", "h2", "h3", "h4", "h5", "h6"}


def keep_captions(tree):
    for figure in _FIGURES_WITH_CAPTION(tree):
        caption = figure.find("figcaption")
        block = etree.Element("div" if any(child.tag in _BLOCK_CHILDREN for child in caption) else "p")
        block.text = caption.text
        block.extend(caption)  # moves the caption's children, text and markup as written
        for element in block.iter():
            element.attrib.pop("class", None)  # "caption", "credit": classes trafilatura discards
        block.tail = figure.tail
        figure.getparent().replace(figure, block)
