/* Entity Lens: an index of the text a reader sees on the live page.

   The page's visible text nodes are read in document order into one string:
   whitespace collapsed the way CSS does, "\n" between blocks and at <br>.
   Each character of that string remembers its text node and offset, so a
   stretch of the string maps back to the DOM without touching it. */

// Never read: not rendered, not prose, or not ours to read.
const SKIP_TAGS = new Set([
  "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "DATALIST",
  "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO", "HEAD", "TITLE", "META", "LINK",
  "INPUT", "SVG", "MATH", "ENTITY-LENS-PANEL",
]);

// Used when there is no layout (unit tests): the usual block-level tags.
const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "CAPTION", "CENTER", "DD", "DETAILS",
  "DIALOG", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2",
  "H3", "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "HTML", "LEGEND", "LI", "MAIN", "MENU", "NAV",
  "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL",
]);

// A floated initial ("drop cap": <span class="drop">A</span>dam Schiff) is laid out as a block
// but read as part of its word, so a float holding one to three letters does not separate.
const INITIAL = /^[\p{L}\p{N}'"\u2018\u201c]{1,3}$/u;

// The whitespace CSS collapses (not NBSP: that one is kept, as the browser does).
const COLLAPSIBLE = /[ \t\n\r\f]/;

function tagOf(el) {
  return (el.localName || el.tagName || "").toUpperCase();
}

/**
 * Build the index of `root` (usually document.body).
 * Returns { text, nodes, offsets }: text[i] came from nodes[i] at offsets[i];
 * separators ("\n") have nodes[i] === null. `options.computedStyle`
 * replaces getComputedStyle (tests); without either, tag names decide.
 */
function buildIndex(root, options = {}) {
  const view = root.ownerDocument && root.ownerDocument.defaultView;
  const computed = options.computedStyle ||
    (view && typeof view.getComputedStyle === "function" ? (el) => view.getComputedStyle(el) : null);

  const chars = [];
  const nodes = [];
  const offsets = [];
  const last = () => chars[chars.length - 1];

  function push(ch, node, offset) {
    chars.push(ch);
    nodes.push(node);
    offsets.push(offset);
  }

  function separator() {
    if (last() === " ") {
      chars.pop();
      nodes.pop();
      offsets.pop();
    }
    if (chars.length && last() !== "\n") push("\n", null, -1);
  }

  function addText(node) {
    const data = node.data;
    for (let i = 0; i < data.length; i++) {
      const ch = data[i];
      if (COLLAPSIBLE.test(ch)) {
        if (chars.length && last() !== " " && last() !== "\n") push(" ", node, i);
      } else {
        push(ch, node, i);
      }
    }
  }

  function skipped(el) {
    if (SKIP_TAGS.has(tagOf(el))) return true;
    if (el.hasAttribute("hidden")) return true;
    if (el.getAttribute("aria-hidden") === "true") return true;
    return false;
  }

  function walk(parent, visible, inInitial) {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if (visible) addText(child);
        continue;
      }
      if (child.nodeType !== 1 || skipped(child)) continue;
      if (tagOf(child) === "BR") {
        separator();
        continue;
      }
      let block = !inInitial && BLOCK_TAGS.has(tagOf(child));
      let childVisible = visible;
      let initial = inInitial;
      if (computed) {
        const style = computed(child);
        if (style.display === "none") continue;
        // inline-block counts as inline: badges and buttons inside a sentence.
        block = !inInitial && !style.display.startsWith("inline") && style.display !== "contents";
        if (block && style.float && style.float !== "none" && INITIAL.test(child.textContent.trim())) {
          block = false;
          initial = true;
        }
        // visibility is inherited but a child may turn it back on, so keep walking.
        childVisible = style.visibility === "visible";
      }
      if (block) separator();
      walk(child, childVisible, initial);
      if (block) separator();
    }
  }

  walk(root, true, false);
  while (chars.length && (last() === " " || last() === "\n")) {
    chars.pop();
    nodes.pop();
    offsets.pop();
  }
  return { text: chars.join(""), nodes, offsets };
}

/** The text nodes and offsets covering index[start, end), one segment per node. */
function segmentsOf(index, start, end) {
  const segments = [];
  for (let i = start; i < end; i++) {
    const node = index.nodes[i];
    if (!node) continue;
    const seg = segments[segments.length - 1];
    if (seg && seg.node === node) seg.end = index.offsets[i] + 1;
    else segments.push({ node, start: index.offsets[i], end: index.offsets[i] + 1 });
  }
  return segments;
}

export { buildIndex, segmentsOf };
