/* Entity Lens: how much article text the live page shows, to tell when the helper's text is
   clearly short of it (a fetched page can lack what the reader's page shows: the story is
   rendered by script, or sits behind a login the helper does not have).

   The measure is the helper's own (helper/entity_lens/page_structure.py): characters of
   paragraph text outside navigation, header, footer, asides and forms, whitespace collapsed. */

const OUTSIDE = "nav, header, footer, aside, form, [hidden], [aria-hidden='true']";
// Short: under this share of the page's paragraph text, on a page with at least this much.
const SHORT_SHARE = 0.5;
const MIN_PAGE_CHARS = 1000;

function visibleLength(root) {
  let chars = 0;
  for (const p of root.querySelectorAll("p")) {
    if (p.closest(OUTSIDE)) continue;
    chars += p.textContent.replace(/\s+/g, " ").trim().length;
  }
  return chars;
}

/** { pageChars, share, short } for the helper's `text` against the page under `root`. */
function measure(text, root) {
  const pageChars = visibleLength(root);
  const textChars = text.replace(/\s+/g, " ").trim().length;
  const share = pageChars ? textChars / pageChars : 1;
  return { pageChars, share, short: pageChars >= MIN_PAGE_CHARS && share < SHORT_SHARE };
}

export { visibleLength, measure };
